"""Reference solutions for lesson 07 · Retail forecast. Try the exercises first!"""

import numpy as np

from rnnlib import make_windows, retail
from rnnlib.datasets import load_csv

WINDOW = 28  # the window the lesson's validation chose for the SimpleRNN


def _data():
    data = load_csv(retail.CSV_NAME, columns=("date", "sales", "promo"))
    sales = data["sales"].astype(float)
    return (
        data["date"],
        sales,
        data["promo"],
        retail.chronological_split(len(sales), validation=182, test=184),
    )


def _linear_ar_val_mae(scaler, window=WINDOW):
    # The lesson's linear AR (window 28) on windows scaled by `scaler`: fit on training, score on validation.
    _, sales, promo, split = _data()
    series = np.column_stack([scaler.transform(sales), np.append(promo[1:], 0)])
    X, _ = make_windows(series, window, target=0)
    day = np.arange(len(X)) + window  # the day each window forecasts
    part = split.part_of(day)
    weights = retail.fit_linear_ar(X[part == 0], sales[day[part == 0]])
    return retail.mae(sales[day[part == 1]], retail.predict_linear_ar(weights, X[part == 1]))


def exercise_1():
    # The leak's cost: the same model with the leaky scaler (all days) minus with the right one (training days).
    _, sales, _, split = _data()
    leaky = _linear_ar_val_mae(retail.Scaler.fit(sales))
    clean = _linear_ar_val_mae(retail.Scaler.fit(sales[split.train]))
    return leaky - clean  # ~1e-14: least squares absorbs any shift and rescaling of its inputs


def exercise_2():
    # A closed-day column next to the calendar features; fit on training days, score on validation days.
    dates, sales, promo, split = _data()
    month_day = np.array([str(d)[5:] for d in dates])
    closed = np.isin(month_day, ["01-01", "12-25", "12-26"]).astype(float)
    features = np.column_stack([retail.calendar_features(dates, promo), closed])
    weights = retail.fit_calendar_regression(features[split.train], sales[split.train])
    return retail.mae(
        sales[split.validation], retail.predict_calendar_regression(weights, features[split.validation])
    )


def origins_of(sales, split):
    """The lesson's test origins: the last known day of every test week that lies inside the data."""
    test_days = np.arange(split.test.start, split.test.stop)
    return test_days[test_days + 6 < len(sales)] - 1


def exercise_3(window=WINDOW, flags=True):
    # One least-squares fit with 7 outputs: the window ending on day d - 1, plus the promotion flags of
    # days d ... d + 6 (the shop plans its campaigns ahead), -> the sales of days d ... d + 6.
    _, sales, promo, split = _data()
    scaler = retail.Scaler.fit(sales[split.train])
    series = np.column_stack([scaler.transform(sales), np.append(promo[1:], 0)])  # as in the lesson
    X, _ = make_windows(series, window, target=0)
    first = np.arange(len(X)) + window  # the first day each window forecasts

    def inputs(rows):  # (rows, window * 2 + 7, 1): fit_linear_ar flattens each window anyway
        if not flags:
            return X[rows]
        ahead = promo[first[rows][:, None] + np.arange(7)]
        return np.concatenate([X[rows].reshape(len(rows), -1), ahead], axis=1)[:, :, None]

    keep = np.flatnonzero(first + 6 < split.train.stop)  # all 7 targets are training days
    targets = sales[first[keep][:, None] + np.arange(7)]  # (samples, 7)
    weights = retail.fit_linear_ar(inputs(keep), targets)
    origins = origins_of(sales, split)
    forecast = retail.predict_linear_ar(weights, inputs(origins - window + 1))  # (origins, 7)
    truth = sales[origins[:, None] + 1 + np.arange(7)]
    return np.abs(forecast - truth).mean(axis=0)
