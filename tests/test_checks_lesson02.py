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
    assert lesson02.exercise_3(solutions.exercise_3())
    assert lesson02.exercise_3({"window": 11.0, "parameters": 209.0})  # whole numbers as floats are fine


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
        ({"W_hh": (16, 3)}, "W_hh"),
        ({"W_xh": (3, 16)}, "transposed"),
        ({"W_hy": (16, 1)}, "transposed"),
        ({"keras_kernel": (16, 3)}, "keras_layout"),
        ({"W_hy": (2, 16)}, "shape"),
        ({"W_xh": "16 by 3"}, "type"),
        ({"W_xh": (16.5, 3)}, "not_whole"),  # not truncated to (16, 3)
        ({"W_xh": (True, 3)}, "type"),
    ],
)
def test_exercise_2_hints(change, code):
    feedback = lesson02.exercise_2({**solutions.exercise_2(), **change})
    assert not feedback and feedback.code == code, feedback


def test_exercise_2_missing_and_type():
    assert lesson02.exercise_2({"W_xh": (16, 3)}).code == "missing"
    assert lesson02.exercise_2([(16, 3)]).code == "type"


@pytest.mark.parametrize(
    ("shape", "code"),
    [
        ((16.5, 3), "not_whole"),
        ((float("inf"), 3), "not_finite"),
        ((float("nan"), 3), "not_finite"),
        (("16", "3"), "type"),
    ],
)
def test_exercise_2_never_truncates(shape, code):
    answer = dict(solutions.exercise_2(), W_xh=shape)
    feedback = lesson02.exercise_2(answer)
    assert not feedback and feedback.code == code


@pytest.mark.parametrize("answer", [[float("inf"), 0.0], [float("nan"), 0.1]])
def test_exercise_1_not_finite_gets_a_hint(answer):
    assert lesson02.exercise_1(answer).code == "not_finite"


def test_exercise_3_matches_keras():
    import keras

    model = keras.Sequential([keras.Input((None, 11)), keras.layers.Dense(16), keras.layers.Dense(1)])
    assert model.count_params() == solutions.exercise_3()["parameters"] == 209


@pytest.mark.parametrize(
    "answer, code",
    [
        ({"window": 10, "parameters": 16 * 10 + 33}, "window_off_by_one"),
        ({"window": 12, "parameters": 225}, "window"),
        ({"window": 3, "parameters": 81}, "window"),
        ({"window": 11, "parameters": 176}, "no_bias"),
        ({"window": 11, "parameters": 192}, "no_output"),
        ({"window": 11, "parameters": 193}, "no_hidden_bias"),
        ({"window": 11, "parameters": 208}, "parameters"),
        ({"window": 11, "parameters": 209.5}, "type"),  # never truncated into 209
        ({"window": 11, "parameters": float("nan")}, "type"),
        ({"window": "11", "parameters": 209}, "type"),
        ({"window": 11}, "type"),
        ([11, 209], "type"),
    ],
)
def test_exercise_3_hints(answer, code):
    feedback = lesson02.exercise_3(answer)
    assert not feedback and feedback.code == code, feedback
