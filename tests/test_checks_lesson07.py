import numpy as np
import pytest
from conftest import load_solutions

from rnnlib import retail
from rnnlib.checks import lesson07 as check
from rnnlib.datasets import load_csv

solutions = load_solutions("07_retail_forecast")
SALES = load_csv(retail.CSV_NAME)["sales"].astype(float)
SPLIT = retail.chronological_split(len(SALES), validation=182, test=184)
FIRST = SPLIT.test.start
TEST = np.arange(SPLIT.test.start, SPLIT.test.stop)
VAL = np.arange(SPLIT.validation.start, SPLIT.validation.stop)


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1(), SALES, SPLIT)
    assert check.exercise_2(solutions.exercise_2(), SALES, SPLIT)
    assert check.exercise_3(solutions.exercise_3(), SALES, SPLIT)


@pytest.mark.parametrize("exercise", [check.exercise_1, check.exercise_2, check.exercise_3])
def test_placeholder_gets_a_gentle_prompt(exercise):
    feedback = exercise(None, SALES, SPLIT)
    assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


def test_exercise_1_accepts_a_list_of_ints():
    assert check.exercise_1([int(v) for v in SALES[FIRST - 7 : FIRST]], SALES, SPLIT)


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (SALES[FIRST : FIRST + 7], "truth"),
        (SALES[FIRST - 1 : FIRST + 6], "last_value"),
        (SALES[FIRST - 6 : FIRST + 1], "off_by_one"),
        (SALES[FIRST - 8 : FIRST - 1], "off_by_one"),
        (SALES[FIRST - 7 : FIRST][::-1], "reversed"),
        (SALES[FIRST - 7 : FIRST - 1], "shape"),
        ("seven numbers", "type"),
        (np.zeros(7), "value"),
    ],
)
def test_exercise_1_hints(answer, code):
    assert check.exercise_1(answer, SALES, SPLIT).code == code


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (retail.Scaler.fit(SALES), "all_days"),
        (retail.Scaler.fit(SALES[: SPLIT.validation.stop]), "with_validation"),
        (retail.Scaler.fit(SALES[SPLIT.test]), "wrong_part"),
        (retail.Scaler.fit(SALES[SPLIT.validation]), "wrong_part"),
        ((SALES[:730].mean(), SALES[:730].std()), "type"),
        (retail.Scaler(1.0, 2.0), "value"),
    ],
)
def test_exercise_2_hints(answer, code):
    feedback = check.exercise_2(answer, SALES, SPLIT)
    assert not feedback and feedback.code == code


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (retail.mae(SALES[VAL], retail.moving_average(SALES, VAL)), "validation"),
        (retail.rmse(SALES[TEST], retail.moving_average(SALES, TEST)), "rmse"),
        (retail.rmse(SALES[TEST], retail.moving_average(SALES, TEST)) ** 2, "mse"),
        (retail.mae(SALES[TEST], retail.seasonal_naive(SALES, TEST)), "wrong_model"),
        (retail.mae(SALES[TEST], retail.moving_average(SALES, TEST)) / SALES[:730].std(), "scaled"),
        ("16.2", "type"),
        ([1.0, 2.0], "type"),
        (3.0, "value"),
    ],
)
def test_exercise_3_hints(answer, code):
    feedback = check.exercise_3(answer, SALES, SPLIT)
    assert not feedback and feedback.code == code


def test_exercise_3_accepts_a_numpy_scalar():
    assert check.exercise_3(np.float64(solutions.exercise_3()), SALES, SPLIT)
