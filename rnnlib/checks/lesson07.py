"""Exercise checks for lesson 07 · Retail forecast."""

from __future__ import annotations

import numpy as np

from ..retail import Scaler, Split, mae, moving_average, rmse, seasonal_naive
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]


def _numbers(answer, count: int | None = None):
    """The answer as a 1-D float array, or None if it is not numbers."""
    try:
        arr = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    if arr.size == 0 or not np.all(np.isfinite(arr)):
        return None
    return arr


def exercise_1(answer, sales, split: Split) -> object:
    """Seasonal naive by hand: the forecasts for the first 7 test days (7 numbers, in units).

    ``sales`` is the full series (time,), ``split`` the lesson's :class:`rnnlib.retail.Split`.
    """
    if answer is None:
        return not_answered("the 7 seasonal naive forecasts, e.g. sales[a:b]")
    arr = _numbers(answer)
    if arr is None or isinstance(answer, str):
        return hint("type", "give 7 numbers (a list or an array), the forecasts in units sold")
    if arr.size != 7:
        return hint("shape", f"one forecast for each of the first 7 test days: 7 numbers; got {arr.size}")
    sales = np.asarray(sales, dtype=float)
    first = split.test.start
    days = np.arange(first, first + 7)
    expected = seasonal_naive(sales, days)
    if np.allclose(arr, expected):
        return correct(
            f"day d is forecast by day d − 7, so the first test week is forecast by sales[{first - 7}:{first}]"
        )
    if np.allclose(arr, sales[days]):
        return hint(
            "truth",
            "those are the test days' own sales, the values you are trying to forecast: look back a week",
        )
    if np.allclose(arr, expected[::-1]):
        return hint(
            "reversed",
            "the right numbers in reverse order: the first test day is forecast by the day 7 days before it",
        )
    for shift, code in ((1, "last_value"), (6, "off_by_one"), (8, "off_by_one")):
        if np.allclose(arr, sales[days - shift]):
            if code == "last_value":
                return hint(
                    code,
                    "that is the last-value forecast (day d − 1): seasonal naive uses the same weekday last week, d − 7",
                )
            return hint(
                code, f"off by one: you used day d − {shift}; the same weekday last week is day d − 7"
            )
    return hint(
        "value", f"not quite: the first test day is day {first}, so its forecast is sales[{first - 7}]"
    )


def exercise_2(answer, sales, split: Split) -> object:
    """Fix the leaky scaling cell: a :class:`rnnlib.retail.Scaler` fitted on the right days."""
    if answer is None:
        return not_answered("a Scaler fitted on the right days: retail.Scaler.fit(sales[...])")
    if not isinstance(answer, Scaler):
        return hint("type", f"give the Scaler itself, retail.Scaler.fit(...); got {type(answer).__name__}")
    sales = np.asarray(sales, dtype=float)

    def same(days):
        ref = Scaler.fit(sales[days])
        return np.isclose(answer.mean, ref.mean) and np.isclose(answer.std, ref.std)

    if same(split.train):
        return correct(
            "mean and std come from the training days only, so no number from the future reaches the model"
        )
    if same(slice(0, len(sales))):
        return hint(
            "all_days",
            "still fitted on every day: the test days' average leaks into the inputs. Use sales[split.train]",
        )
    if same(slice(0, split.validation.stop)):
        return hint(
            "with_validation",
            "fitted on training + validation days: early stopping would then judge on days whose "
            "average the model has seen. Use the training days only",
        )
    if same(split.test) or same(split.validation):
        return hint(
            "wrong_part", "fitted on a held-out part: fit on the training days, then apply to every part"
        )
    return hint(
        "value",
        "this Scaler's mean and std match no part of the split: use retail.Scaler.fit(sales[split.train])",
    )


def exercise_3(answer, sales, split: Split) -> object:
    """The test MAE of the 7-day moving average, in units sold (one number)."""
    if answer is None:
        return not_answered("one number: the moving average's mean absolute error on the test days")
    arr = _numbers(answer)
    if arr is None or arr.size != 1 or isinstance(answer, str):
        return hint("type", "give one number, the MAE in units sold per day")
    value = float(arr[0])
    sales = np.asarray(sales, dtype=float)
    test = np.arange(split.test.start, split.test.stop)
    val = np.arange(split.validation.start, split.validation.stop)
    expected = mae(sales[test], moving_average(sales, test))
    if abs(value - expected) < 1e-6 * max(1.0, expected):
        return correct(
            f"{expected:.2f} units a day: the average of |truth − forecast| over the {len(test)} test days"
        )
    if abs(value - mae(sales[val], moving_average(sales, val))) < 1e-6:
        return hint("validation", "that is the MAE on the validation days: use the test days, split.test")
    if abs(value - rmse(sales[test], moving_average(sales, test))) < 1e-6:
        return hint(
            "rmse", "that is the RMSE (root of the mean squared error): MAE averages the absolute errors"
        )
    if abs(value - rmse(sales[test], moving_average(sales, test)) ** 2) < 1e-3:
        return hint("mse", "that is the mean squared error, in units²: MAE averages the absolute errors")
    if abs(value - mae(sales[test], seasonal_naive(sales, test))) < 1e-6:
        return hint("wrong_model", "that is the seasonal naive's MAE: use retail.moving_average(sales, days)")
    train = sales[split.train]
    if abs(value - expected / train.std()) < 1e-6:
        return hint(
            "scaled", "that is in standardised units: report the error in units sold, before any scaling"
        )
    return hint(
        "value",
        "not quite: days = np.arange(split.test.start, split.test.stop); "
        "retail.mae(sales[days], retail.moving_average(sales, days))",
    )
