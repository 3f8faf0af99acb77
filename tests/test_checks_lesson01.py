import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson01 as check
from rnnlib.sequences import temperature

solutions = load_solutions("01_sequential_data")
_, SERIES = temperature(hours=72, seed=0)


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1())
    assert check.exercise_2(solutions.exercise_2())
    assert check.exercise_3(solutions.exercise_3(SERIES), SERIES)
    assert check.exercise_4(solutions.exercise_4())


@pytest.mark.parametrize("exercise", [check.exercise_1, check.exercise_2, check.exercise_4])
def test_placeholder_gets_a_gentle_prompt(exercise):
    feedback = exercise(None)
    assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


def test_placeholder_exercise_3():
    assert check.exercise_3(None, SERIES).code == "placeholder"


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ((494, 7, 1), "off_by_one"),
        ((492, 7, 1), "off_by_one"),
        ((7, 493, 1), "order"),
        ((493, 7), "ndim"),
        ((493, 7, 7), "features"),
        ((500, 7, 1), "count"),
        ("493", "type"),
        (493, "type"),
    ],
)
def test_exercise_1_hints(answer, code):
    assert check.exercise_1(answer).code == code


def test_exercise_2_hints():
    good = solutions.exercise_2()
    assert check.exercise_2(good.T).code == "transposed"
    assert check.exercise_2(good[::-1]).code == "reversed"
    assert check.exercise_2(good[:, ::-1]).code == "alphabet"
    assert check.exercise_2(np.ones((7, 4))).code == "not_one_hot"
    assert check.exercise_2(np.zeros((6, 4))).code == "shape"
    assert check.exercise_2(good.astype(int).tolist())  # a nested list is fine


def test_exercise_3_hints():
    shuffled = np.random.default_rng(0).permutation(SERIES)
    assert check.exercise_3(1.0, SERIES).code == "lag_zero"
    lag2 = float(np.corrcoef(SERIES[:-2], SERIES[2:])[0, 1])
    assert check.exercise_3(lag2, SERIES).code == "lag_two"
    assert check.exercise_3(float(np.corrcoef(shuffled[:-1], shuffled[1:])[0, 1]), SERIES).code == "shuffled"
    assert check.exercise_3("high", SERIES).code == "type"


def test_exercise_4_hints():
    answer = dict(solutions.exercise_4())
    answer["captioning"] = "many-to-one"
    feedback = check.exercise_4(answer)
    assert feedback.code == "mapping" and "captioning" in repr(feedback)
    assert check.exercise_4({"sentiment": "many-to-one"}).code == "missing"
    assert check.exercise_4(["many-to-one"]).code == "type"


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ((493.9, 7.5, 1.2), "not_whole"),  # int() would truncate this into the right shape
        ((493.5, 7, 1), "not_whole"),
        (np.array([493.2, 7.0, 1.0]), "not_whole"),
        ((float("inf"), 7, 1), "not_finite"),
        ((float("nan"), 7, 1), "not_finite"),
        (("493", "7", "1"), "type"),
        ((True, True, True), "type"),
    ],
)
def test_exercise_1_never_accepts_a_wrong_shape(answer, code):
    feedback = check.exercise_1(answer)
    assert not feedback and feedback.code == code


def test_exercise_1_accepts_whole_floats():
    assert check.exercise_1(np.array([493.0, 7.0, 1.0]))


@pytest.mark.parametrize("answer", [float("nan"), float("inf"), -float("inf"), "nan"])
def test_exercise_3_not_finite_gets_a_hint(answer):
    assert check.exercise_3(answer, SERIES).code == "not_finite"


@pytest.mark.parametrize("series", [None, "abc", np.ones(72), np.ones(2), np.ones((72, 1))])
def test_exercise_3_bad_series_names_it(series):
    with pytest.raises((ValueError, TypeError), match="series"):
        check.exercise_3(0.9, series)
