import numpy as np
import pytest
from conftest import load_solutions

from rnnlib import retail
from rnnlib.checks import lesson07 as check
from rnnlib.datasets import load_csv

solutions = load_solutions("07_retail_forecast")
DATA = load_csv(retail.CSV_NAME, columns=("date", "sales", "promo"))
DATES, PROMO = DATA["date"], DATA["promo"]
SALES = DATA["sales"].astype(float)
SPLIT = retail.chronological_split(len(SALES), validation=182, test=184)
ORIGINS = solutions.origins_of(SALES, SPLIT)
WINDOW = solutions.WINDOW
CLOSED = np.isin(np.array([str(d)[5:] for d in DATES]), ["01-01", "12-25", "12-26"]).astype(float)


def _calendar_mae(features, fit, score):
    weights = retail.fit_calendar_regression(features[fit], SALES[fit])
    return retail.mae(SALES[score], retail.predict_calendar_regression(weights, features[score]))


PLAIN = retail.calendar_features(DATES, PROMO)
FLAGGED = np.column_stack([PLAIN, CLOSED])


def _check_3(answer):
    return check.exercise_3(answer, SALES, PROMO, SPLIT, ORIGINS, WINDOW)


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1(), SALES, PROMO, SPLIT)
    assert check.exercise_2(solutions.exercise_2(), DATES, SALES, PROMO, SPLIT)
    assert _check_3(solutions.exercise_3())


def test_placeholders_get_a_gentle_prompt():
    for feedback in (
        check.exercise_1(None, SALES, PROMO, SPLIT),
        check.exercise_2(None, DATES, SALES, PROMO, SPLIT),
        _check_3(None),
    ):
        assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


def test_exercise_1_the_leak_costs_the_linear_ar_nothing():
    right = solutions.exercise_1()
    assert abs(right) < 1e-6
    feedback = check.exercise_1(right, SALES, PROMO, SPLIT)
    assert feedback and "nothing" in repr(feedback)
    assert check.exercise_1(0, SALES, PROMO, SPLIT)  # predicting "no cost" is right, and measured so


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (solutions._linear_ar_val_mae(retail.Scaler.fit(SALES)), "mae_itself"),
        (0.5, "value"),
        (-1.0, "value"),
        (retail.Scaler.fit(SALES), "type"),
        (float("nan"), "type"),
        ([0.0, 0.0], "type"),
    ],
)
def test_exercise_1_hints(answer, code):
    feedback = check.exercise_1(answer, SALES, PROMO, SPLIT)
    assert not feedback and feedback.code == code


def test_exercise_2_the_flag_helps_on_validation():
    # the lesson's prompt asks whether the flag helps by more or less than a unit: the check's answer says how much
    with_flag = _calendar_mae(FLAGGED, SPLIT.train, SPLIT.validation)
    assert 0 < _calendar_mae(PLAIN, SPLIT.train, SPLIT.validation) - with_flag < 1
    assert check.exercise_2(np.float64(with_flag), DATES, SALES, PROMO, SPLIT)
    assert check.exercise_2([with_flag], DATES, SALES, PROMO, SPLIT)


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (_calendar_mae(PLAIN, SPLIT.train, SPLIT.validation), "no_flag"),
        (_calendar_mae(FLAGGED, SPLIT.train, SPLIT.test), "test"),
        (_calendar_mae(FLAGGED, slice(0, len(SALES)), SPLIT.validation), "fit_days"),
        (_calendar_mae(FLAGGED, slice(0, SPLIT.validation.stop), SPLIT.validation), "fit_days"),
        (round(_calendar_mae(FLAGGED, SPLIT.train, SPLIT.validation), 1), "value"),  # rounded: not accepted
        (int(_calendar_mae(FLAGGED, SPLIT.train, SPLIT.validation)), "value"),
        (float("nan"), "type"),
        ("10.7", "type"),
        ([1.0, 2.0], "type"),
    ],
)
def test_exercise_2_hints(answer, code):
    feedback = check.exercise_2(answer, DATES, SALES, PROMO, SPLIT)
    assert not feedback and feedback.code == code


def test_exercise_3_the_flags_keep_the_direct_error_flat_as_its_message_says():
    by_horizon, blind = solutions.exercise_3(), solutions.exercise_3(flags=False)
    assert by_horizon.shape == (7,) and by_horizon.max() < 1.1 * by_horizon[0]
    assert blind[-1] > by_horizon[-1] + 1  # without the promotion calendar the error grows
    assert "Without the 7 flags" in repr(_check_3(by_horizon))
    feedback = _check_3(blind)
    assert not feedback and feedback.code == "no_flags"


def test_exercise_2_message_splits_the_gain_between_the_closed_day_and_the_open_days():
    message = repr(check.exercise_2(solutions.exercise_2(), DATES, SALES, PROMO, SPLIT))
    assert "high-leverage" in message and "open days" in message


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda right: right[::-1], "reversed"),
        (lambda right: right[:6], "shape"),
        (lambda right: np.append(right[:6], np.nan), "type"),
        (lambda right: "7 numbers", "type"),
        (lambda right: right + 0.5, "value"),
        (lambda right: np.round(right, 1), "value"),
    ],
)
def test_exercise_3_hints(make, code):
    feedback = _check_3(make(solutions.exercise_3()))
    assert not feedback and feedback.code == code


def test_exercise_3_fit_on_validation_days_gets_the_leak_hint():
    leaky = check._direct_reference(SALES, PROMO, SPLIT, ORIGINS, WINDOW, SPLIT.validation.stop)
    feedback = _check_3(leaky)
    assert not feedback and feedback.code == "fit_days"


@pytest.mark.parametrize(
    ("sales", "split", "name"),
    [
        (None, SPLIT, "sales"),
        (SALES[:100], SPLIT, "sales"),
        (SALES, (0, 730), "split"),
        (SALES, retail.chronological_split(5000, 182, 184), "split"),
    ],
)
def test_bad_sales_or_split_names_the_argument(sales, split, name):
    """The lesson's own arguments are checked before the answer (exercise 1 blamed 'values')."""
    for call in (
        lambda: check.exercise_1(None, sales, PROMO, split),
        lambda: check.exercise_2(None, DATES, sales, PROMO, split),
        lambda: check.exercise_3(None, sales, PROMO, split, ORIGINS, WINDOW),
    ):
        with pytest.raises((ValueError, TypeError), match=name):
            call()


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"dates": DATES[:10]}, "dates"),
        ({"promo": PROMO[:10]}, "promo"),
        ({"promo": PROMO * 2.5}, "promo"),
        ({"window": 7.9}, "window"),  # int() would have read 7
        ({"origins": ORIGINS + len(SALES)}, "origins"),
    ],
)
def test_bad_lesson_arguments_name_themselves(changes, name):
    args = {"dates": DATES, "promo": PROMO, "window": WINDOW, "origins": ORIGINS}
    args.update(changes)
    with pytest.raises((ValueError, TypeError), match=name):
        if "dates" in changes:
            check.exercise_2(None, args["dates"], SALES, args["promo"], SPLIT)
        else:
            check.exercise_3(None, SALES, args["promo"], SPLIT, args["origins"], args["window"])
