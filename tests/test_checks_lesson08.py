import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson08 as check

solutions = load_solutions("08_long_term_dependencies")
RNG = np.random.default_rng(0)
GATES = {name: RNG.random(16) for name in "fio"}
GATES["g"] = np.tanh(RNG.normal(size=16))
C_PREV = RNG.normal(size=16)


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1())
    assert check.exercise_2(solutions.exercise_2(c_prev=C_PREV, **GATES), c_prev=C_PREV, **GATES)
    assert check.exercise_3(solutions.exercise_3())


def test_placeholders_get_a_gentle_prompt():
    for feedback in (
        check.exercise_1(None),
        check.exercise_2(None, c_prev=C_PREV, **GATES),
        check.exercise_3(None),
    ):
        assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


def _sig(a):
    return 1 / (1 + np.exp(-a))


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ((_sig(5) ** 50, _sig(1) ** 50), "order"),
        ((_sig(1), _sig(5)), "power"),
        ((_sig(1) ** 49, _sig(5) ** 49), "off_by_one"),
        ((1.0, 5.0**50), "sigmoid"),
        ((0.5, 0.5), "value"),
        ("0.7", "type"),
        (0.7, "type"),
    ],
)
def test_exercise_1_hints(answer, code):
    assert check.exercise_1(answer).code == code


def test_exercise_1_accepts_rounded_sigmoids():
    assert check.exercise_1((0.731**50, 0.9933**50))


def test_exercise_2_hints():
    f, i, g, o = GATES["f"], GATES["i"], GATES["g"], GATES["o"]
    c_ok = f * C_PREV + i * g
    cases = {
        "no_forget": (i * g, o * np.tanh(i * g)),
        "no_input_gate": (f * C_PREV + g, o * np.tanh(f * C_PREV + g)),
        "one_minus": ((1 - f) * C_PREV + i * g, o * np.tanh((1 - f) * C_PREV + i * g)),
        "no_tanh": (c_ok, o * c_ok),
        "no_output_gate": (c_ok, np.tanh(c_ok)),
        "h": (c_ok, np.zeros(16)),
        "c": (np.zeros(16), np.zeros(16)),
        "shape": (c_ok[:5], c_ok[:5]),
    }
    for code, answer in cases.items():
        assert check.exercise_2(answer, c_prev=C_PREV, **GATES).code == code, code
    assert check.exercise_2(c_ok, c_prev=C_PREV, **GATES).code == "shape"  # one array instead of a pair
    good = solutions.exercise_2(c_prev=C_PREV, **GATES)
    assert check.exercise_2([v.tolist() for v in good], c_prev=C_PREV, **GATES)  # lists are fine


def test_exercise_3_hints():
    good = solutions.exercise_3()
    assert check.exercise_3({k: v + 68 for k, v in good.items()}).code == "dense"
    assert check.exercise_3({**good, "SimpleRNN": 336}).code == "simple"
    assert check.exercise_3({**good, "LSTM": 352}).code == "gates"
    assert check.exercise_3({**good, "LSTM": 1400}).code == "lstm"
    assert check.exercise_3({**good, "GRU": 3 * (80 + 256 + 16)}).code == "gru_bias"
    assert check.exercise_3({**good, "GRU": 1000}).code == "gru"
    assert check.exercise_3({"LSTM": 1408}).code == "missing"
    assert check.exercise_3([352, 1408, 1104]).code == "type"
    assert check.exercise_3({**good, "GRU": "1104"}).code == "type"
    assert check.exercise_3({k: np.int64(v) for k, v in good.items()})  # numpy integers are fine


def test_exercise_3_matches_keras():
    import keras

    for kind, expected in check._PARAMS.items():
        model = keras.Sequential([keras.Input((21, 5)), getattr(keras.layers, kind)(16)])
        assert model.count_params() == expected
