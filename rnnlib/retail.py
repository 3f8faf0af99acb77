"""Lesson 07 · Retail forecast: shop data, an honest split, baselines, metrics and the forecast explorer.

The data are the daily unit sales of one fashion item (a summer dress) in one shop over three years,
made by a documented, seeded generator (:func:`_generate_sales`, below) with the structure a real
shop's sales have:

* a **weekday pattern** (quiet Monday, busy Saturday),
* a **yearly season** (the dress sells best in early summer),
* a **trend** (the shop grows about 12 % a year),
* **promotions** (a few days at a time, a dozen campaigns a year, flagged in a ``promo`` column;
  sales dip for two days after a campaign because buyers brought their purchases forward),
* **holidays** (closed on 1 January, 25 and 26 December; Black Friday; the Christmas run-up),
* **count noise**: the units sold on a day are negative-binomial counts around the expected value
  (variance = mean + mean² / 20), so no forecast can be exact.

``python -m rnnlib.retail`` rewrites ``data/fashion_sales.csv`` (columns ``date, sales, promo``) and
its checksum; the lesson loads it with :func:`rnnlib.datasets.load_csv`, as a learner loads their own
data. The rest is what the lesson uses, in sales units: a chronological split, a scaler fitted on the
training part, baselines, metrics and :func:`render_forecast`, the forecast explorer's render function.

Day indices: ``sales[d]`` is day ``d`` (0 = the first day of the file). A forecast *for* day ``d``
may use days ``0 … d-1`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._validate import as_array, as_float, as_int
from .ui import PALETTE, use_style

__all__ = [
    "CSV_NAME",
    "ForecastContext",
    "Scaler",
    "Split",
    "chronological_split",
    "fit_linear_ar",
    "last_value",
    "mae",
    "mase",
    "moving_average",
    "predict_linear_ar",
    "render_forecast",
    "rmse",
    "seasonal_naive",
]

#: The data file's name inside ``data/``.
CSV_NAME = "fashion_sales.csv"
_WEEKDAY_FACTORS = np.array([0.70, 0.78, 0.85, 0.95, 1.17, 1.55, 1.00])  # relative sales, Monday first
_DISPERSION = 20.0  # negative binomial: variance = mean + mean² / _DISPERSION


# -- the generator -------------------------------------------------------------------------------------


def _promotion_days(days: int, rng: np.random.Generator) -> np.ndarray:
    """0/1 flags: campaigns of 3–6 days, starting 18–42 days after the previous one ended."""
    promo = np.zeros(days, dtype=np.int64)
    day = int(rng.integers(10, 30))
    while day < days:
        length = int(rng.integers(3, 7))
        promo[day : day + length] = 1
        day += length + int(rng.integers(18, 43))
    return promo


def _generate_sales(days: int = 1096, start: str = "2022-01-01", seed: int = 7) -> dict[str, np.ndarray]:
    """Daily unit sales, ``{"date", "sales", "promo", "expected"}``, each of shape (days,).

    The expected sales of day ``d`` are ``level(d) · weekday(d) · season(d) · promo(d) · holiday(d)``
    with ``level`` = 34 units growing 12 % a year, ``weekday`` from ``_WEEKDAY_FACTORS``,
    ``season`` = 1 + 0.4 cos(2π (day of year − 160) / 365.25) (peak in early June), ``promo`` = 1.8
    on a campaign day and 0.8 on the two days after one, and ``holiday`` = 0 on 1 January,
    25 and 26 December (closed), 2.3 on Black Friday, rising from 1 to 1.5 over 1–23 December and
    1.3 in the January sale (2–7 January, also flagged as a promotion). The units sold are
    negative-binomial counts with that mean; ``"expected"`` (not in the CSV: a real shop never sees it)
    is that mean. The defaults cover 2022-01-01 … 2024-12-31.

    >>> data = _generate_sales(days=60, seed=1)
    >>> data["sales"].shape, str(data["date"][0]), int(data["sales"][0])
    ((60,), '2022-01-01', 0)
    """
    rng = np.random.default_rng(seed)
    date = np.datetime64(start, "D") + np.arange(days)
    level = 34.0 * 1.12 ** (np.arange(days) / 365.25)
    weekday = _WEEKDAY_FACTORS[(date.astype(np.int64) + 3) % 7]  # 1970-01-01 was a Thursday
    day_of_year = (date - date.astype("datetime64[Y]")).astype(np.int64)
    season = 1.0 + 0.4 * np.cos(2 * np.pi * (day_of_year - 160) / 365.25)

    month = date.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day_of_month = (date - date.astype("datetime64[M]")).astype(np.int64) + 1
    holiday = np.ones(days)
    december = month == 12
    run_up = december & (day_of_month <= 23)
    holiday[run_up] = 1.0 + 0.5 * (day_of_month[run_up] - 1) / 22
    january_sale = (month == 1) & (day_of_month >= 2) & (day_of_month <= 7)
    holiday[january_sale] = 1.3
    is_friday = (date.astype(np.int64) + 3) % 7 == 4
    holiday[(month == 11) & is_friday & (day_of_month >= 23) & (day_of_month <= 29)] = 2.3  # Black Friday
    closed = ((month == 1) & (day_of_month == 1)) | (december & ((day_of_month == 25) | (day_of_month == 26)))
    holiday[closed] = 0.0

    promo = _promotion_days(days, rng)
    promo[january_sale] = 1
    promo[closed] = 0
    uplift = np.where(promo == 1, 1.8, 1.0)
    for d in np.flatnonzero((promo[:-1] == 1) & (promo[1:] == 0)) + 1:  # the first day after a campaign
        after = np.arange(d, min(d + 2, days))
        uplift[after[promo[after] == 0]] = 0.8

    expected = level * weekday * season * uplift * holiday
    counts = rng.negative_binomial(_DISPERSION, _DISPERSION / (_DISPERSION + np.maximum(expected, 1e-9)))
    sales = np.where(expected > 0, counts, 0).astype(np.int64)
    return {"date": date, "sales": sales, "promo": promo, "expected": expected}


def _to_csv_text(data: dict) -> str:
    """The CSV text of ``data`` (from :func:`_generate_sales`): a header ``date,sales,promo``, one row a day."""
    rows = zip(data["date"], data["sales"], data["promo"], strict=True)
    return "\n".join(["date,sales,promo"] + [f"{d},{int(s)},{int(p)}" for d, s, p in rows]) + "\n"


def _write_csv(data_dir=None) -> Path:
    """Write ``data/fashion_sales.csv`` from :func:`_generate_sales` with its defaults, and its checksum."""
    from .datasets import _DATA_DIR, _write_checksum

    folder = Path(data_dir) if data_dir is not None else _DATA_DIR
    path = folder / CSV_NAME
    path.write_text(_to_csv_text(_generate_sales()), encoding="utf-8", newline="\n")
    _write_checksum(CSV_NAME, folder)
    return path


# -- split and scaling ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """Day ranges of a chronological split: ``train``, then ``validation``, then ``test`` (slices)."""

    train: slice
    validation: slice
    test: slice

    def part_of(self, days) -> np.ndarray:
        """For each day index, 0 if it is in train, 1 in validation, 2 in test.

        >>> chronological_split(10, validation=2, test=3).part_of([0, 6, 9]).tolist()
        [0, 1, 2]
        """
        days = as_array(days, "days", ndim=1, dtype=np.int64)
        if days.min() < 0 or days.max() >= self.test.stop:
            raise ValueError(
                f"days must be day indices in 0 … {self.test.stop - 1}; got {days.min()} … {days.max()}"
            )
        return (days >= self.validation.start).astype(np.int64) + (days >= self.test.start)


def chronological_split(length: int, validation: int, test: int) -> Split:
    """Split ``length`` days into train, validation and test, in time order: the last ``test`` days are
    the test set, the ``validation`` days before them the validation set, everything earlier training.

    ``validation`` and ``test`` are ≥ 1 and leave ≥ 1 training day; the :class:`Split` holds slices of day
    indices. Never shuffle a time series before splitting: a model evaluated on days that lie between its
    training days has, in effect, seen the future.

    >>> s = chronological_split(1096, validation=182, test=184)
    >>> s.train, s.validation, s.test
    (slice(0, 730, None), slice(730, 912, None), slice(912, 1096, None))
    """
    length = as_int(length, "length", minimum=3)
    validation = as_int(validation, "validation", minimum=1)
    test = as_int(test, "test", minimum=1)
    if validation + test >= length:
        raise ValueError(
            f"validation + test must leave at least one training day of the {length}; got {validation} + {test}"
        )
    cut1, cut2 = length - test - validation, length - test
    return Split(slice(0, cut1), slice(cut1, cut2), slice(cut2, length))


@dataclass(frozen=True)
class Scaler:
    """Standardisation ``(x − mean) / std`` with the mean and std of the data it was fitted on.

    Fit it on the training part only (:meth:`fit`), then use it on every part: the model must not
    learn anything, not even an average, from the days it will be tested on.

    >>> s = Scaler.fit(np.array([10.0, 20.0, 30.0]))
    >>> round(s.mean, 4), round(s.std, 4)
    (20.0, 8.165)
    >>> s.transform(np.array([20.0, 30.0])).round(4).tolist()
    [0.0, 1.2247]
    >>> s.inverse(s.transform(np.array([42.0]))).round(4).tolist()
    [42.0]
    """

    mean: float
    std: float

    @classmethod
    def fit(cls, values) -> Scaler:
        """Mean and standard deviation of ``values`` (array of shape (time,)), the training part only."""
        values = as_array(values, "values", ndim=1)
        if values.size < 2:
            raise ValueError(f"values must hold at least 2 numbers to fit a scale; got {values.size}")
        std = float(values.std())
        if std == 0:
            raise ValueError("values must not all be equal (their standard deviation is 0)")
        return cls(float(values.mean()), std)

    def transform(self, values) -> np.ndarray:
        """``(values − mean) / std``, any shape."""
        return (as_array(values, "values") - self.mean) / self.std

    def inverse(self, values) -> np.ndarray:
        """Back to sales units: ``values · std + mean``, any shape."""
        return as_array(values, "values") * self.std + self.mean


# -- baselines (in sales units; a forecast for day d uses days before d only) ----------------------------


def _series_and_days(sales, days, history: int):
    sales = as_array(sales, "sales", ndim=1)
    days = as_array(days, "days", ndim=1, dtype=None)
    if not np.issubdtype(days.dtype, np.integer):
        raise TypeError(f"days must be integer day indices; got dtype {days.dtype}")
    if days.min() < history or days.max() >= len(sales):
        raise ValueError(
            f"days must lie in {history} … {len(sales) - 1} (each forecast needs {history} earlier day(s)); "
            f"got {days.min()} … {days.max()}"
        )
    return sales, days


def last_value(sales, days) -> np.ndarray:
    """Forecast day ``d`` with day ``d − 1``'s sales ("tomorrow is like today"): ``sales`` (time,), the days
    to forecast ``days`` (n,) → (n,). The other baselines take the same arguments.

    >>> last_value([5, 6, 7, 8], [1, 3]).tolist()
    [5.0, 7.0]
    """
    sales, days = _series_and_days(sales, days, 1)
    return sales[days - 1]


def seasonal_naive(sales, days, season: int = 7) -> np.ndarray:
    """Forecast day ``d`` with the same weekday last week, day ``d − season``.

    >>> seasonal_naive(np.arange(10) * 10, [7, 9]).tolist()
    [0.0, 20.0]
    """
    season = as_int(season, "season", minimum=1)
    sales, days = _series_and_days(sales, days, season)
    return sales[days - season]


def moving_average(sales, days, width: int = 7) -> np.ndarray:
    """Forecast day ``d`` with the mean of the ``width`` days before it, ``d − width … d − 1``.

    >>> moving_average([1, 2, 3, 4, 5], [3, 4], width=3).tolist()
    [2.0, 3.0]
    """
    width = as_int(width, "width", minimum=1)
    sales, days = _series_and_days(sales, days, width)
    cumulative = np.concatenate([[0.0], np.cumsum(sales)])
    return (cumulative[days] - cumulative[days - width]) / width


def _design(X, name: str) -> np.ndarray:
    X = as_array(X, name, ndim=3, layout="(samples, window, features)")
    return np.concatenate([X.reshape(len(X), -1), np.ones((len(X), 1))], axis=1)


def fit_linear_ar(X, y) -> np.ndarray:
    """Least-squares linear autoregression on the same windows the RNN sees: y ≈ w · vec(window) + b.

    ``X`` (samples, window, features), ``y`` (samples,) → the weights (window · features + 1,), bias last.

    >>> X = np.arange(12.0).reshape(4, 3, 1); y = X[:, -1, 0] + 1
    >>> predict_linear_ar(fit_linear_ar(X, y), np.array([[[20.0], [21.0], [22.0]]])).round(6).tolist()
    [23.0]
    """
    A = _design(X, "X")
    y = as_array(y, "y", ndim=1)
    if len(y) != len(A):
        raise ValueError(f"y must have one target per window ({len(A)}); got {len(y)}")
    weights, *_ = np.linalg.lstsq(A, y, rcond=None)
    return weights


def predict_linear_ar(weights, X) -> np.ndarray:
    """Predictions of the linear autoregression for windows ``X`` (samples, window, features) → (samples,)."""
    A = _design(X, "X")
    weights = as_array(weights, "weights", ndim=1)
    if len(weights) != A.shape[1]:
        raise ValueError(
            f"weights must have window · features + 1 = {A.shape[1]} entries for these windows; got {len(weights)}"
        )
    return A @ weights


# -- metrics (in sales units) -------------------------------------------------------------------------


def _pair(y_true, y_pred):
    y_true = as_array(y_true, "y_true", ndim=1)
    y_pred = as_array(y_pred, "y_pred", ndim=1)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_pred must have the shape of y_true {y_true.shape}; got {y_pred.shape}")
    return y_true, y_pred


def mae(y_true, y_pred) -> float:
    """Mean absolute error, in the units of the data (units sold a day).

    >>> mae([10, 20, 30], [12, 20, 27])
    1.6666666666666667
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


def rmse(y_true, y_pred) -> float:
    """Root mean squared error, in the units of the data; punishes big misses more than MAE.

    >>> rmse([10, 20, 30], [12, 20, 27])
    2.0816659994661326
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))


def mase(y_true, y_pred, scale) -> float:
    """Mean absolute scaled error: MAE divided by ``scale``, the MAE of the seasonal naive forecast.

    Below 1: better than repeating last week. ``scale`` is the seasonal naive's MAE, by Hyndman and
    Koehler's definition measured on the training part (in-sample), so that the test set is not used
    to define the yardstick.

    >>> mase([10, 20], [11, 21], scale=2.0)
    0.5
    """
    scale = as_float(scale, "scale", minimum=0.0)
    if scale == 0:
        raise ValueError("scale must be > 0 (the seasonal naive MAE of the training part)")
    return mae(y_true, y_pred) / scale


# -- the forecast explorer's render function ------------------------------------------------------------


@dataclass(frozen=True)
class ForecastContext:
    """Everything the forecast explorer draws, precomputed so that :func:`render_forecast` is pure and fast.

    ``dates`` (time,) and ``sales`` (time,) are the days and the units sold; ``window`` the days of history
    the models see; ``origins`` (n,) the last day each forecast knows; ``rnn_next`` (n,) the RNN's
    next-day forecast and ``rnn_week`` (n, 7) its 7-day recursive forecast from each origin; ``baselines``
    ``{name: (n,)}`` the baselines' next-day forecasts. Forecasts are in units.
    """

    dates: np.ndarray
    sales: np.ndarray
    window: int
    origins: np.ndarray
    rnn_next: np.ndarray
    rnn_week: np.ndarray
    baselines: dict

    def __post_init__(self):
        n = len(self.origins)
        if len(self.dates) != len(self.sales):
            raise ValueError(f"dates must have one entry per day ({len(self.sales)}); got {len(self.dates)}")
        shapes = {"rnn_next": (self.rnn_next, (n,)), "rnn_week": (self.rnn_week, (n, 7))}
        shapes.update({f"baselines[{k!r}]": (v, (n,)) for k, v in self.baselines.items()})
        for name, (values, shape) in shapes.items():
            if np.shape(values) != shape:
                raise ValueError(
                    f"{name} must have shape {shape}, one row per origin; got {np.shape(values)}"
                )
        if n and (min(self.origins) < self.window - 1 or max(self.origins) + 7 >= len(self.sales)):
            raise ValueError("origins must leave a full window before and 7 days after each origin")


def render_forecast(origin: int, context: ForecastContext):
    """Draw the forecast made at the end of day ``context.origins[origin]``: the input window, the RNN's
    next-day and 7-day forecasts, the baselines' next-day forecasts and the truth.

    ``origin`` is a position in ``context.origins`` (0 = the first origin). Returns the figure and ``info``:
    ``date`` (of the forecast day), ``truth``, ``RNN`` and each baseline's next-day forecast (units,
    rounded to 0.1), and ``RNN 7-day MAE`` (units).
    """
    import matplotlib.pyplot as plt

    use_style()
    if not isinstance(context, ForecastContext):
        raise TypeError(f"context must be a ForecastContext; got {type(context).__name__}")
    origin = as_int(origin, "origin", minimum=0, maximum=len(context.origins) - 1)
    day = int(context.origins[origin])
    history = np.arange(day - context.window + 1, day + 1)
    ahead = np.arange(day + 1, day + 8)
    truth = context.sales[ahead]

    fig, ax = plt.subplots(figsize=(8, 3.8))
    ax.plot(history, context.sales[history], "o-", color=PALETTE[7], label="input window (known)")
    ax.plot(ahead, truth, "o--", color=PALETTE[7], alpha=0.45, label="truth (unknown at the origin)")
    ax.plot(ahead, context.rnn_week[origin], "s-", color=PALETTE[0], label="RNN 7-day forecast")
    ax.plot([day + 1], [context.rnn_next[origin]], "s", color=PALETTE[0], markersize=11, label="RNN next day")
    markers = "v^Dx<>"
    for k, (name, values) in enumerate(context.baselines.items()):
        ax.plot(
            [day + 1], [values[origin]], markers[k % 6], color=PALETTE[(k + 1) % 7], markersize=8, label=name
        )
    ax.axvline(day + 0.5, color=PALETTE[3], linestyle=":", linewidth=1.2)
    ticks = np.concatenate([history, ahead])[::2]
    ax.set_xticks(ticks, [str(context.dates[d])[5:] for d in ticks], rotation=45, fontsize=8)
    forecast_date = context.dates[day + 1]
    title = f"Forecast made on {context.dates[day]} for {forecast_date} and the week after"
    ax.set(xlabel="date (month-day); dotted line = forecast origin", ylabel="units sold per day", title=title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)

    info = {"date": str(forecast_date), "truth": int(round(float(context.sales[day + 1])))}
    info["RNN"] = round(float(context.rnn_next[origin]), 1)
    for name, values in context.baselines.items():
        info[name] = round(float(values[origin]), 1)
    info["RNN 7-day MAE"] = round(mae(truth, context.rnn_week[origin]), 1)
    return fig, info


if __name__ == "__main__":  # pragma: no cover - by hand: python -m rnnlib.retail
    print(f"wrote {_write_csv()} and its .sha256")
