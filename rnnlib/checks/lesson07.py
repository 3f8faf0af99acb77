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
from ._answers import Problem, finite_array
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]


def _numbers(answer):
    """The answer as a 1-D float array, or None if it is not finite numbers (every problem gets the "type" hint)."""
    arr = finite_array(answer)
    return None if isinstance(arr, Problem) or arr.size == 0 else arr.reshape(-1)


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


def _leak_reference(sales, promo, split: Split, scaler: Scaler, window: int = 28) -> float:
    """Validation MAE of the linear AR (window 28) fitted on windows scaled with ``scaler``."""
    promo_tomorrow = np.append(np.asarray(promo, dtype=float)[1:], 0.0)
    X, _ = make_windows(np.column_stack([scaler.transform(sales), promo_tomorrow]), window, target=0)
    day = np.arange(len(X)) + window  # the day each window forecasts
    part = split.part_of(day)
    weights = fit_linear_ar(X[part == 0], sales[day[part == 0]])
    return mae(sales[day[part == 1]], predict_linear_ar(weights, X[part == 1]))


def exercise_1(answer, sales, promo, split: Split) -> object:
    """What the leak costs the linear AR (window 28): leaky minus clean validation MAE, in units (one number)."""
    sales, split, promo, _ = _data(sales, split, promo)
    if answer is None:
        return not_answered(
            "one number: the linear AR's validation MAE with the leaky scaling minus with the right one"
        )
    arr = _numbers(answer)
    if arr is None or arr.size != 1:
        return hint("type", "give one finite number, a difference of two MAEs in units sold per day")
    value = float(arr[0])
    clean_scaler, leaky_scaler = Scaler.fit(sales[split.train]), Scaler.fit(sales)
    clean = _leak_reference(sales, promo, split, clean_scaler)
    leaky = _leak_reference(sales, promo, split, leaky_scaler)
    if abs(value - (leaky - clean)) < 1e-6:
        shift = leaky_scaler.mean - clean_scaler.mean
        return correct(
            f"{leaky - clean:+.1e} units: nothing. Least squares undoes any shift and rescaling of its inputs "
            "(the weights and the bias absorb them), so the leak cannot change the linear AR's forecasts. It "
            f"is still a leak: the all-days mean is {shift:+.2f} units off the training mean because it has "
            "seen the later, bigger days, and a network, whose training depends on its inputs' scale, is not "
            "immune; with a trend or a level shift the leaked mean moves further. Retrain the SimpleRNN on "
            "series_leaky to measure what it costs a network"
        )
    if abs(value - (clean - leaky)) < 1e-6 and abs(leaky - clean) > 1e-6:
        return hint("sign", "leaky minus clean, in that order")
    if _close(value, leaky) or _close(value, clean):
        return hint(
            "mae_itself",
            "that is one of the two MAEs: give the difference, leaky minus clean (it may surprise you)",
        )
    return hint(
        "value",
        "not that: fit retail.fit_linear_ar on the training windows of 28 days cut from series_leaky (the "
        "windows() helper reads `series`: build the windows of series_leaky with rnnlib.make_windows), score "
        "on the validation windows, and subtract the lesson's validation MAE of the linear AR, window 28",
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
        plain_weights = fit_calendar_regression(plain[train], sales[train])
        plain_val = predict_calendar_regression(plain_weights, plain[val])
        flagged_val = predict_calendar_regression(
            fit_calendar_regression(flagged[train], sales[train]), flagged[val]
        )
        gain = mae(sales[val], plain_val) - expected
        shut = _closed_flag(dates)[val] == 1
        closed_share = float(
            np.sum(np.abs(sales[val] - plain_val)[shut] - np.abs(sales[val] - flagged_val)[shut])
        )
        open_before = mae(sales[val][~shut], plain_val[~shut])
        open_after = mae(sales[val][~shut], flagged_val[~shut])
        return correct(
            f"{expected:.2f} units a day, {gain:.2f} less than without the flag. Only "
            f"{closed_share / len(sales[val]):.2f} of that comes from the validation half-year's closed day "
            f"(forecast at {plain_val[shut].max():.0f} units without the flag). The rest comes from the "
            f"{int((~shut).sum())} open days (MAE {open_before:.2f} → {open_after:.2f}): the closed training "
            "days sell 0, and log(1 + 0) = 0 lies far below any open day, so without the flag those few zeros "
            "pull the weekday and season weights down for every day. In a fit of log sales, zeros are "
            "high-leverage outliers: flag them (or leave them out of the fit)"
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


def _direct_reference(sales, promo, split: Split, origins, window, fit_stop, flags=True):
    """Test MAE by horizon of the direct linear model fitted on windows whose 7 targets end before fit_stop;
    with ``flags`` each window also gets the promotion flags of the 7 days it forecasts."""
    promo = np.asarray(promo, dtype=float)
    series = np.column_stack(
        [sales, np.append(promo[1:], 0.0)]
    )  # scaling does not change a least-squares fit
    X, _ = make_windows(series, window, target=0)
    first = np.arange(len(X)) + window  # the first day each window forecasts
    keep = np.flatnonzero(first + 6 < fit_stop)
    use = origins - window + 1

    def inputs(rows):
        if not flags:
            return X[rows]
        ahead = promo[first[rows][:, None] + np.arange(7)]
        return np.concatenate([X[rows].reshape(len(rows), -1), ahead], axis=1)[:, :, None]

    weights = fit_linear_ar(inputs(keep), sales[first[keep][:, None] + np.arange(7)])
    forecast = predict_linear_ar(weights, inputs(use))
    return np.abs(forecast - sales[origins[:, None] + 1 + np.arange(7)]).mean(axis=0)


def exercise_3(answer, sales, promo, split: Split, origins, window) -> object:
    """A direct 7-output linear model given the 7 days' promotion flags: test MAE at horizons 1 … 7 (units)."""
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
    blind = _direct_reference(sales, promo, split, origins, window, split.train.stop, flags=False)
    if _close(arr, expected):
        return correct(
            f"horizon 1: {expected[0]:.1f}, horizon 7: {expected[-1]:.1f} units: nothing is fed back and "
            "nothing compounds, so compare it with the recursive SimpleRNN's curve above, horizon by horizon. "
            "Both models now know the same promotion calendar. Without the 7 flags (a shop whose promotions "
            f"are not planned ahead) the same direct model scores {blind[0]:.1f} at horizon 1 and "
            f"{blind[-1]:.1f} at horizon 7: what a forecast is told about the days ahead matters more than "
            "whether it is made directly or recursively"
        )
    if _close(arr, expected[::-1]):
        return hint("reversed", "the right numbers in reverse order: horizon 1 (the next day) comes first")
    if _close(arr, blind):
        return hint(
            "no_flags",
            "that is the direct model without the promotion flags of the 7 days it forecasts: add "
            "promo[d], …, promo[d + 6] as 7 extra inputs of the window that forecasts day d",
        )
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
        "are sales[d], …, sales[d + 6] and the extra inputs promo[d], …, promo[d + 6]; keep windows with "
        "d + 6 < split.train.stop, fit, predict from X[origins - WINDOW + 1] with its 7 flags, and average "
        "|forecast − truth| over the origins for each horizon",
    )
