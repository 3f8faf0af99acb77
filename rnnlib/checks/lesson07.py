"""Exercise checks for lesson 07 · Retail forecast."""

from __future__ import annotations

import numpy as np

from .._validate import as_array, as_indices, as_instance, as_int
from ..retail import (
    Scaler,
    Split,
    calendar_features,
    fit_calendar_regression,
    fit_linear_ar,
    mae,
    predict_calendar_regression,
    predict_linear_ar,
)
from ..windows import make_windows
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]


def _numbers(answer):
    """The answer as a 1-D float array, or None if it is not numbers (NaN and inf count as not numbers)."""
    if isinstance(answer, (str, bytes)):
        return None
    try:
        arr = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    if arr.size == 0 or not np.all(np.isfinite(arr)):
        return None
    return arr


_SKIP = object()  # an argument this exercise does not take


def _data(sales, split, promo=_SKIP, dates=_SKIP):
    """Check the lesson's series, split and calendar (arguments, not answers: a mistake here raises)."""
    sales = as_array(sales, "sales", ndim=1, layout="(time,)")
    split = as_instance(split, "split", Split, "the lesson's retail.Split")
    if split.test.stop != len(sales):
        raise ValueError(
            f"split must divide the days of sales: split ends at day {split.test.stop}, "
            f"sales has {len(sales)} days (make both from the same series)"
        )
    if promo is not _SKIP:
        promo = as_indices(
            promo, "promo", shape=sales.shape, layout="(time,) of 0/1, one per day of sales", high=2
        )
    if dates is not _SKIP:
        dates = as_array(
            dates, "dates", shape=sales.shape, layout="(time,), one per day of sales", dtype=None
        )
        if not np.issubdtype(dates.dtype, np.datetime64):
            raise TypeError(f"dates must hold dates (datetime64[D]); got dtype {dates.dtype}")
    return sales, split, promo, dates


def _close(value, reference) -> bool:
    return bool(np.allclose(value, reference, rtol=1e-6, atol=1e-6))


def exercise_1(answer, sales, split: Split) -> object:
    """Fix the leaky scaling cell: a :class:`rnnlib.retail.Scaler` fitted on the right days."""
    sales, split, _, _ = _data(sales, split)
    if answer is None:
        return not_answered("a Scaler fitted on the right days: retail.Scaler.fit(sales[...])")
    if not isinstance(answer, Scaler):
        return hint("type", f"give the Scaler itself, retail.Scaler.fit(...); got {type(answer).__name__}")

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


def _closed_flag(dates) -> np.ndarray:
    month_day = np.array([str(d)[5:] for d in np.asarray(dates, dtype="datetime64[D]")])
    return np.isin(month_day, ["01-01", "12-25", "12-26"]).astype(float)


def _calendar_mae(features, sales, fit_days, score_days) -> float:
    weights = fit_calendar_regression(features[fit_days], sales[fit_days])
    return mae(sales[score_days], predict_calendar_regression(weights, features[score_days]))


def exercise_2(answer, dates, sales, promo, split: Split) -> object:
    """A closed-day flag in the calendar regression: its validation MAE, in units (one number)."""
    sales, split, promo, dates = _data(sales, split, promo, dates)
    if answer is None:
        return not_answered(
            "one number: the validation MAE of the calendar regression with a closed-day flag"
        )
    arr = _numbers(answer)
    if arr is None or arr.size != 1:
        return hint("type", "give one finite number, the validation MAE in units sold per day")
    value = float(arr[0])
    plain = calendar_features(dates, promo)
    flagged = np.column_stack([plain, _closed_flag(dates)])
    train, val, test = split.train, split.validation, split.test
    expected = _calendar_mae(flagged, sales, train, val)
    if _close(value, expected):
        gain = _calendar_mae(plain, sales, train, val) - expected
        return correct(
            f"{expected:.2f} units a day, {gain:.2f} less than without the flag. One closed day in the "
            "validation half-year was forecast at dozens of units; now the flag's large negative weight "
            "sends it to about 0"
        )
    if _close(value, _calendar_mae(plain, sales, train, val)):
        return hint(
            "no_flag",
            "that is the validation MAE without the flag: add the column with np.column_stack([calendar, closed]) "
            "and fit the regression again on the training days",
        )
    if _close(value, _calendar_mae(flagged, sales, train, test)):
        return hint(
            "test",
            "that is the test MAE: while you decide whether a feature helps, score on the validation days",
        )
    everything = slice(0, len(sales))
    if _close(value, _calendar_mae(flagged, sales, everything, val)) or _close(
        value, _calendar_mae(flagged, sales, slice(0, split.validation.stop), val)
    ):
        return hint(
            "fit_days",
            "the regression was fitted on days that include the validation days: fit on calendar[split.train] only",
        )
    return hint(
        "value",
        "not quite: the flag is 1 on 1 January, 25 and 26 December of every year (month-day '01-01', '12-25', "
        "'12-26'); fit on the training days, score on the validation days",
    )


def _direct_reference(sales, promo, split: Split, origins, window, fit_stop):
    """Test MAE by horizon of the direct linear model fitted on windows whose 7 targets end before fit_stop."""
    promo_tomorrow = np.append(np.asarray(promo, dtype=float)[1:], 0.0)
    series = np.column_stack([sales, promo_tomorrow])  # scaling does not change a least-squares fit
    X, _ = make_windows(series, window, target=0)
    first = np.arange(len(X)) + window  # the first day each window forecasts
    keep = first + 6 < fit_stop
    targets = sales[first[keep][:, None] + np.arange(7)]
    weights = fit_linear_ar(X[keep], targets)
    forecast = predict_linear_ar(weights, X[origins - window + 1])
    return np.abs(forecast - sales[origins[:, None] + 1 + np.arange(7)]).mean(axis=0)


def exercise_3(answer, sales, promo, split: Split, origins, window) -> object:
    """A direct 7-output linear model: its test MAE at horizons 1 … 7 (7 numbers, units)."""
    sales, split, promo, _ = _data(sales, split, promo)
    window = as_int(window, "window", minimum=1)
    origins = as_indices(origins, "origins", ndim=1, layout="(n,) day indices", high=len(sales) - 7)
    if origins.min() < window - 1:
        raise ValueError(
            f"origins must leave a full window (window = {window} days) before each; got {origins.min()}"
        )
    if answer is None:
        return not_answered("7 numbers: the direct model's test MAE at horizons 1 … 7")
    arr = _numbers(answer)
    if arr is None:
        return hint("type", "give 7 finite numbers (a list or an array), the MAE at horizons 1 … 7 in units")
    if arr.size != 7:
        return hint("shape", f"one MAE per horizon, 1 … 7 days ahead: 7 numbers; got {arr.size}")
    expected = _direct_reference(sales, promo, split, origins, window, split.train.stop)
    if _close(arr, expected):
        return correct(
            f"horizon 1: {expected[0]:.1f}, horizon 7: {expected[-1]:.1f} units. Nothing is fed back, yet the "
            "error grows: each window carries the promotion flag of the next day only, so the direct model never "
            "learns about the promotions of days 2 … 7, which the recursive forecast was given day by day"
        )
    if _close(arr, expected[::-1]):
        return hint("reversed", "the right numbers in reverse order: horizon 1 (the next day) comes first")
    if _close(arr, _direct_reference(sales, promo, split, origins, window, split.validation.stop)) or _close(
        arr, _direct_reference(sales, promo, split, origins, window, len(sales))
    ):
        return hint(
            "fit_days",
            "the fit used windows whose targets reach past the training days: keep only windows whose 7th "
            "target day is a training day",
        )
    return hint(
        "value",
        "not quite: for the window that forecasts day d (day = the windows() helper's third output) the targets "
        "are sales[d], …, sales[d + 6]; keep windows with d + 6 < split.train.stop, fit, then predict "
        "X[origins - WINDOW + 1] and average |forecast − truth| over the origins for each horizon",
    )
