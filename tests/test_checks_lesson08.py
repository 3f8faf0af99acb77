import math

import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson08 as check

solutions = load_solutions("08_long_term_dependencies")
RNG = np.random.default_rng(0)
F = 1 - 0.05 * RNG.random((101, 16))  # forget-gate values of one sequence: (time, units), near 1


def _logit(p):
    return math.log(p / (1 - p))


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1())
    assert check.exercise_2(solutions.exercise_2(F), f=F)
    assert check.exercise_3(solutions.exercise_3())
    assert check.exercise_4(solutions.exercise_4())


def test_placeholders_get_a_gentle_prompt():
    for feedback in (
        check.exercise_1(None),
        check.exercise_2(None, f=F),
        check.exercise_3(None),
        check.exercise_4(None),
    ):
        assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (0.5 ** (1 / 200), "gate"),
        (_logit(0.5 ** (1 / 100)), "steps"),
        (-_logit(0.5 ** (1 / 200)), "sign"),
        (5.7, "precision"),
        (1.0, "value"),
        (float("nan"), "nan"),
        (math.inf, "nan"),
        ("5.66", "type"),
        (True, "type"),
        ((5.66, 1.0), "type"),
    ],
)
def test_exercise_1_hints(answer, code):
    assert check.exercise_1(answer).code == code


def test_exercise_1_accepts_numpy_and_rounded_answers():
    assert (
        check.exercise_1(np.float32(5.66)) and check.exercise_1(5.665) and check.exercise_1(np.array([5.664]))
    )
    assert not check.exercise_1(5.6)  # σ(5.6)^200 ≈ 0.47: not half


def test_exercise_2_hints():
    steps = len(F) - 1
    cases = {
        "step0": np.prod(F, axis=0),
        "mean": F[1:].mean(axis=0) ** steps,
        "one_minus": np.prod(1 - F[1:], axis=0),
        "sum": F[1:].sum(axis=0),
        "one_step": F[-1] ** steps,
        "axis": np.prod(F[1:], axis=1),
        "shape": np.prod(F[1:], axis=0)[:5],
        "nan": np.full(16, np.nan),
        "value": np.ones(16),
    }
    for code, answer in cases.items():
        assert check.exercise_2(answer, f=F).code == code, code
    assert check.exercise_2(np.prod(F[1:], axis=0).tolist(), f=F)  # a list is fine
    assert check.exercise_2(np.prod(F[1:].astype(np.float32), axis=0), f=F)  # float32 rounding is fine


def test_exercise_3_hints():
    assert check.exercise_3(np.int64(30)) and check.exercise_3(30.0)
    for answer, code in [
        (31, "neighbour"),
        (33, "quadratic"),
        (16, "count"),
        (48, "count"),
        (12, "value"),
        (30.5, "type"),
        ("30", "type"),
        (True, "type"),
        (float("nan"), "type"),
    ]:
        assert check.exercise_3(answer).code == code, answer


def test_exercise_3_matches_keras():
    import keras

    def count(layer):
        return keras.Sequential([keras.Input((21, 5)), layer]).count_params()

    gru = count(keras.layers.GRU(16))
    best = min(range(20, 40), key=lambda u: abs(count(keras.layers.SimpleRNN(u)) - gru))
    assert check.exercise_3(best)


def _setter(rows=(0,), block=0, value=lambda b: b, also=None):
    def open_update_gate(gru, b=5.0):
        units = gru.units
        bias = gru.cell.bias.numpy()
        for row in rows:
            bias[row, block * units : (block + 1) * units] = value(b)
        if also is not None:
            also(bias, units)
        gru.cell.bias.assign(bias)

    return open_update_gate


def test_exercise_4_hints():
    assert check.exercise_4(_setter(rows=(1,)))  # the recurrent row works as well: both rows are added
    cases = {
        "both_rows": _setter(rows=(0, 1)),
        "sign": _setter(value=lambda b: -b),
        "reset": _setter(block=1),
        "others": _setter(also=lambda bias, units: bias.__setitem__((0, -1), 1.0)),
        "value": _setter(value=lambda b: b / 2),
        "unchanged": lambda gru, b=5.0: None,
        "type": 5.0,
    }
    for code, answer in cases.items():
        assert check.exercise_4(answer).code == code, code


def test_exercise_4_error_hint_names_the_error():
    def broken(gru, b=5.0):
        raise KeyError("bias")

    feedback = check.exercise_4(broken)
    assert feedback.code == "error" and "KeyError" in repr(feedback)


@pytest.mark.parametrize(
    "bad", [np.zeros(16), np.zeros((1, 16)), np.full((5, 3), 1.5), np.full((5, 3), np.nan)]
)
def test_exercise_2_bad_gates_name_f(bad):
    """The gate values are the lesson's argument, checked before the answer."""
    with pytest.raises(ValueError, match=r"\bf\b"):
        check.exercise_2(None, f=bad)
