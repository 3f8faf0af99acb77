import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson02

solutions = load_solutions("02_recurrence")
E = lesson02.EXERCISE_1


def states(W_hh=E["W_hh"], b_h=E["b_h"], x=E["x"], f=np.tanh):
    h, out = np.zeros(2), []
    for x_t in x:
        h = f(W_hh @ h + E["W_xh"] @ x_t + b_h)
        out.append(h)
    return out


def test_reference_solutions_pass():
    assert lesson02.exercise_1(solutions.exercise_1())
    assert lesson02.exercise_1(solutions.exercise_1().reshape(2, 1))  # a column vector is fine too
    assert lesson02.exercise_1(solutions.exercise_1().round(3))  # rounded by hand to 3 decimals
    assert lesson02.exercise_2(solutions.exercise_2())
    assert lesson02.exercise_3(solutions.exercise_3())  # trains the lag-10 RNN (a few seconds)


@pytest.mark.parametrize("check", [lesson02.exercise_1, lesson02.exercise_2, lesson02.exercise_3])
def test_placeholder(check):
    assert check(None).code == "placeholder"


@pytest.mark.parametrize(
    "answer, code",
    [
        ("h2", "type"),
        (np.zeros(3), "shape"),
        (states()[0], "off_by_one"),
        (states(x=E["x"][::-1])[1], "order"),
        (states(f=lambda z: z)[1], "no_activation"),
        (np.tanh(E["W_xh"] @ E["x"][1] + E["b_h"]), "no_memory"),
        (states(W_hh=E["W_hh"].T)[1], "transposed"),
        (states(b_h=np.zeros(2))[1], "no_bias"),
        (np.array([0.5, 0.5]), "value"),
    ],
)
def test_exercise_1_hints(answer, code):
    feedback = lesson02.exercise_1(answer)
    assert not feedback and feedback.code == code, feedback


@pytest.mark.parametrize(
    "change, code",
    [
        ({"kernel": (3, 8)}, "first_layer"),
        ({"W_xh": (8, 3)}, "first_layer"),
        ({"recurrent_kernel": (16, 16)}, "recurrent"),
        ({"kernel": (8, 16)}, "keras_layout"),
        ({"W_xh": (16, 8)}, "transposed"),
        ({"kernel": (16, 16)}, "shape"),
        ({"kernel": "16 by 8"}, "type"),
        ({"kernel": (16, 8, 1)}, "type"),
        ({"kernel": (16.5, 8)}, "not_whole"),  # not truncated to (16, 8)
        ({"kernel": (True, 8)}, "type"),
    ],
)
def test_exercise_2_hints(change, code):
    feedback = lesson02.exercise_2({**solutions.exercise_2(), **change})
    assert not feedback and feedback.code == code, feedback


def test_exercise_2_matches_keras():
    import keras

    model = keras.Sequential(
        [
            keras.Input((None, 3)),
            keras.layers.SimpleRNN(16, return_sequences=True),
            keras.layers.SimpleRNN(8),
            keras.layers.Dense(1),
        ]
    )
    kernel, recurrent, _ = model.layers[1].get_weights()
    want = solutions.exercise_2()
    assert (
        kernel.shape == want["kernel"] == want["W_xh"][::-1] and recurrent.shape == want["recurrent_kernel"]
    )


def test_exercise_2_missing_and_type():
    assert lesson02.exercise_2({"kernel": (16, 8)}).code == "missing"
    assert lesson02.exercise_2([(16, 8)]).code == "type"


@pytest.mark.parametrize(
    ("shape", "code"),
    [
        ((16.5, 8), "not_whole"),
        ((float("inf"), 8), "not_finite"),
        ((float("nan"), 8), "not_finite"),
        (("16", "8"), "type"),
    ],
)
def test_exercise_2_never_truncates(shape, code):
    answer = dict(solutions.exercise_2(), kernel=shape)
    feedback = lesson02.exercise_2(answer)
    assert not feedback and feedback.code == code


@pytest.mark.parametrize("answer", [[float("inf"), 0.0], [float("nan"), 0.1]])
def test_exercise_1_not_finite_gets_a_hint(answer):
    assert lesson02.exercise_1(answer).code == "not_finite"


def _predictions(share_right):
    """Predictions on exercise 3's held-out set that are right on about ``share_right`` of the steps."""
    _, _, _, y = lesson02._exercise_3_test()
    wrong = np.random.default_rng(0).random(y.shape) > share_right
    return np.where(wrong, 1 - y, y) * 0.8 + 0.1


def _score(p, first):
    _, _, _, y = lesson02._exercise_3_test()
    return float(np.mean((p[:, first:] > 0.5) == (y[:, first:] > 0.5)))


def test_exercise_3_accepts_a_measured_share():
    p = _predictions(0.7)
    feedback = lesson02.exercise_3({"predictions": p, "accuracy": _score(p, 10)})
    assert feedback and f"{_score(p, 10):.1%}" in str(feedback)
    assert lesson02.exercise_3({"predictions": _predictions(1.0), "accuracy": 1.0})


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda p: {"predictions": p, "accuracy": 100 * _score(p, 10)}, "percent"),
        (lambda p: {"predictions": p, "accuracy": _score(p, 2)}, "steps"),
        (lambda p: {"predictions": p, "accuracy": 0.99}, "accuracy"),
        (lambda p: {"predictions": p, "accuracy": float("nan")}, "type"),
        (lambda p: {"predictions": p, "accuracy": "0.7"}, "type"),
        (lambda p: {"predictions": p[:, :10], "accuracy": 0.7}, "shape"),
        (lambda p: {"predictions": np.full_like(p, np.nan), "accuracy": 0.7}, "not_finite"),
        (lambda p: {"predictions": "p", "accuracy": 0.7}, "type"),
        (lambda p: {"accuracy": 0.7}, "type"),
        (lambda p: [p, 0.7], "type"),
    ],
)
def test_exercise_3_hints(make, code):
    feedback = lesson02.exercise_3(make(_predictions(0.7)))
    assert not feedback and feedback.code == code, feedback
