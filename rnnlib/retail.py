"""Lesson 07 · Retail forecast: shop data, an honest split, baselines, metrics, uncertainty and the explorer.

The data are the daily unit sales of one fashion item (a summer dress) in one shop over three years,
made by a documented, seeded generator (:func:`generate_sales`, below) with some of the structure a
real shop's sales have:

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
data. What the data cannot show: each day is drawn independently around a fixed calendar mean, so there
are no lasting shocks, stock-outs, prices or product life cycles. The rest is what the lesson uses, in
sales units: a chronological split, a scaler fitted on the training part, baselines (the linear
autoregression also with several outputs; the calendar regression, which reads no past sales), metrics,
:func:`block_bootstrap` for the sampling noise of a difference, :func:`train_side_by_side` (several seeds of one
small network trained at once) and :class:`ForecastView`, the explorer.

Day indices: ``sales[d]`` is day ``d`` (0 = the first day of the file). A forecast *for* day ``d``
may use days ``0 … d-1`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._validate import as_array, as_float, as_indices, as_int
from .ui import PALETTE, View, use_style

__all__ = [
    "CALENDAR_COLUMNS",
    "CSV_NAME",
    "ForecastView",
    "ShockView",
    "Scaler",
    "Split",
    "block_bootstrap",
    "calendar_features",
    "chronological_split",
    "fit_calendar_regression",
    "fit_linear_ar",
    "generate_sales",
    "last_value",
    "mae",
    "mase",
    "moving_average",
    "predict_calendar_regression",
    "predict_linear_ar",
    "rmse",
    "seasonal_naive",
    "shock_scores",
    "train_side_by_side",
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


def generate_sales(
    days: int = 1096,
    start: str = "2022-01-01",
    seed: int = 7,
    shock_persistence: float = 0.0,
    shock_sd: float = 0.0,
) -> dict[str, np.ndarray]:
    """Daily unit sales, ``{"date", "sales", "promo", "expected"}``, each of shape (days,).

    The expected sales of day ``d`` are ``level(d) · weekday(d) · season(d) · promo(d) · holiday(d)``
    with ``level`` = 34 units growing 12 % a year, ``weekday`` from ``_WEEKDAY_FACTORS``,
    ``season`` = 1 + 0.4 cos(2π (day of year − 160) / 365.25) (peak in early June), ``promo`` = 1.8
    on a campaign day and 0.8 on the two days after one, and ``holiday`` = 0 on 1 January,
    25 and 26 December (closed), 2.3 on Black Friday, rising from 1 to 1.5 over 1–23 December and
    1.3 in the January sale (2–7 January, also flagged as a promotion). The units sold are
    negative-binomial counts with that mean; ``"expected"`` (not in the CSV: a real shop never sees it)
    is that mean. The defaults cover 2022-01-01 … 2024-12-31.

    With ``shock_sd`` > 0 the expected value is also multiplied by ``exp(s_d)``, lasting shocks
    ``s_d = shock_persistence · s_(d−1) + shock_sd · z_d`` (z standard normal, s_0 drawn from the
    stationary spread; a second random stream, so the promotion days stay those of ``seed``). With the
    default ``shock_sd = 0`` there are no shocks and the data are those of ``data/fashion_sales.csv``.

    >>> data = generate_sales(days=60, seed=1)
    >>> data["sales"].shape, str(data["date"][0]), int(data["sales"][0])
    ((60,), '2022-01-01', 0)
    """
    days = as_int(days, "days", minimum=28)
    seed = as_int(seed, "seed", minimum=0)
    shock_persistence = as_float(shock_persistence, "shock_persistence", minimum=0.0, maximum=0.99)
    shock_sd = as_float(shock_sd, "shock_sd", minimum=0.0, maximum=1.0)
    first = _iso_date(start, "start")
    rng = np.random.default_rng(seed)
    date = first + np.arange(days)
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
    if shock_sd > 0:
        expected = expected * np.exp(_ar1_shocks(days, shock_persistence, shock_sd, seed))
    counts = rng.negative_binomial(_DISPERSION, _DISPERSION / (_DISPERSION + np.maximum(expected, 1e-9)))
    sales = np.where(expected > 0, counts, 0).astype(np.int64)
    return {"date": date, "sales": sales, "promo": promo, "expected": expected}


def _ar1_shocks(days: int, persistence: float, sd: float, seed: int) -> np.ndarray:
    z = np.random.default_rng([seed, 1]).standard_normal(days) * sd
    z[0] /= np.sqrt(1.0 - persistence**2)  # start from the stationary spread
    return _ar1_filter(z, persistence)


def _ar1_filter(z: np.ndarray, persistence: float) -> np.ndarray:
    out = np.empty_like(z)
    out[0] = z[0]
    for d in range(1, len(z)):
        out[d] = persistence * out[d - 1] + z[d]
    return out


def _iso_date(value, name: str) -> np.datetime64:
    """A day given as an ISO string, ``"2022-01-31"`` (a number would count days from 1970)."""
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be an ISO date such as '2022-01-01'; got {type(value).__name__} {value!r}"
        )
    try:
        day = np.datetime64(value, "D")
    except ValueError:
        day = None
    if day is None or np.isnat(day) or str(day) != value.strip():
        raise ValueError(f"{name} must be an ISO date such as '2022-01-01'; got {value!r}")
    return day


def _dates(dates, name="dates", **shape) -> np.ndarray:
    """Days as datetime64[D]: dates or ISO strings, not numbers (a number would count days from 1970)."""
    raw = as_array(dates, name, dtype=None, **shape)
    if not (np.issubdtype(raw.dtype, np.datetime64) or raw.dtype.kind in "UO"):
        raise TypeError(f"{name} must hold dates (datetime64[D] or ISO strings); got dtype {raw.dtype}")
    try:
        return raw.astype("datetime64[D]")
    except ValueError:
        raise ValueError(f"{name} must hold dates such as '2022-01-01'; got {raw[:3].tolist()} …") from None


def _to_csv_text(data: dict) -> str:
    """The CSV text of ``data`` (from :func:`generate_sales`): a header ``date,sales,promo``, one row a day."""
    rows = zip(data["date"], data["sales"], data["promo"], strict=True)
    return "\n".join(["date,sales,promo"] + [f"{d},{int(s)},{int(p)}" for d, s, p in rows]) + "\n"


def _write_csv(data_dir=None) -> Path:
    """Write ``data/fashion_sales.csv`` from :func:`generate_sales` with its defaults, and its checksum."""
    from .datasets import _DATA_DIR, _write_checksum

    folder = Path(data_dir) if data_dir is not None else _DATA_DIR
    path = folder / CSV_NAME
    path.write_text(_to_csv_text(generate_sales()), encoding="utf-8", newline="\n")
    _write_checksum(CSV_NAME, folder)
    return path


# -- split and scaling ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """Day ranges of a chronological split: ``train``, then ``validation``, then ``test`` (slices)."""

    train: slice
    validation: slice
    test: slice

    def __post_init__(self):
        start = 0
        for name in ("train", "validation", "test"):
            part = getattr(self, name)
            if not isinstance(part, slice) or not all(
                isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in (part.start, part.stop)
            ):
                raise TypeError(f"{name} must be a slice of day indices, such as slice(0, 730); got {part!r}")
            if part.step not in (None, 1) or part.start != start or part.stop <= part.start:
                raise ValueError(
                    f"{name} must be a non-empty slice of consecutive days starting at day {start} "
                    f"(train, validation and test follow each other); got {part!r}"
                )
            start = part.stop

    def part_of(self, days) -> np.ndarray:
        """For each day index, 0 if it is in train, 1 in validation, 2 in test.

        >>> chronological_split(10, validation=2, test=3).part_of([0, 6, 9]).tolist()
        [0, 1, 2]
        """
        days = as_indices(days, "days", ndim=1, high=self.test.stop)
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

    def __post_init__(self):
        as_float(self.mean, "mean")
        if as_float(self.std, "std") <= 0:
            raise ValueError(f"std must be > 0 (values are divided by it); got {self.std}")

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

    ``X`` (samples, window, features), ``y`` (samples,) → the weights (window · features + 1,), bias last;
    ``y`` (samples, k), k targets per window (e.g. the next 7 days: a direct multi-day model) → (…, k).

    >>> X = np.arange(12.0).reshape(4, 3, 1); y = X[:, -1, 0] + 1
    >>> predict_linear_ar(fit_linear_ar(X, y), np.array([[[20.0], [21.0], [22.0]]])).round(6).tolist()
    [23.0]
    """
    A = _design(X, "X")
    y = as_array(y, "y", ndim=(1, 2))
    if len(y) != len(A):
        raise ValueError(f"y must have one target per window ({len(A)}); got {len(y)}")
    weights, *_ = np.linalg.lstsq(A, y, rcond=None)
    return weights


def predict_linear_ar(weights, X) -> np.ndarray:
    """Predictions of the linear autoregression for windows ``X`` (samples, window, features) → (samples,),
    or (samples, k) for weights fitted on k targets per window."""
    A = _design(X, "X")
    weights = as_array(weights, "weights", ndim=(1, 2))
    if len(weights) != A.shape[1]:
        raise ValueError(
            f"weights must have window · features + 1 = {A.shape[1]} entries for the windows of X "
            f"{tuple(np.shape(X))}; got {len(weights)} (fit and predict on windows of the same size)"
        )
    return A @ weights


# -- calendar regression (no past sales) and block bootstrap ----------------------------------------


#: Names of the columns of :func:`calendar_features`, in order.
CALENDAR_COLUMNS = (
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
    "promo",
    "trend (years)",
    "sin(year)",
    "cos(year)",
)


def calendar_features(dates, promo) -> np.ndarray:
    """The calendar a forecaster knows in advance, one row a day: weekday dummies, the promotion flag, a linear
    trend and one yearly sine/cosine pair. No past sales.

    Parameters
    ----------
    dates : array-like of datetime64[D], shape (time,)
        The days, in order. Build the features for the whole series once and take the rows you need: the
        trend counts years from ``dates[0]``.
    promo : array-like of 0/1, shape (time,)
        1 on a promotion day (the promotion calendar is planned ahead).

    Returns
    -------
    ndarray, shape (time, 11)
        Columns :data:`CALENDAR_COLUMNS`: Monday … Sunday (one of them is 1), promo, years since
        ``dates[0]``, sin and cos of 2π · day of year / 365.25.

    Examples
    --------
    >>> F = calendar_features(np.array(["2022-01-03", "2022-01-04"], dtype="datetime64[D]"), [0, 1])
    >>> F.shape, F[0, :7].tolist(), float(F[1, 7])
    ((2, 11), [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], 1.0)
    """
    dates = _dates(dates, ndim=1, layout="(time,)")
    promo = as_indices(promo, "promo", shape=dates.shape, layout="(time,) of 0/1, one flag per day", high=2)
    weekday = (dates.astype(np.int64) + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
    years = (dates - dates[0]).astype(np.int64) / 365.25
    angle = 2 * np.pi * (dates - dates.astype("datetime64[Y]")).astype(np.int64) / 365.25
    return np.column_stack([np.eye(7)[weekday], promo, years, np.sin(angle), np.cos(angle)])


def fit_calendar_regression(features, sales) -> np.ndarray:
    """Least squares of log(1 + sales) on calendar features: the regression a forecaster tries first.

    The log makes the effects multiplicative (a Saturday sells a fixed *share* more, a promotion lifts
    sales by a factor), as they are in most shops; ``1 +`` keeps the closed days (0 units) finite.

    Parameters
    ----------
    features : array-like, shape (days, k)
        E.g. :func:`calendar_features` rows of the training days (any extra columns welcome).
    sales : array-like, shape (days,)
        Units sold on those days.

    Returns
    -------
    ndarray, shape (k,)
        One weight per column.

    Examples
    --------
    >>> F = np.eye(2)[[0, 1, 0, 1]]
    >>> np.expm1(fit_calendar_regression(F, [9, 99, 9, 99])).round(6).tolist()
    [9.0, 99.0]
    """
    features = as_array(features, "features", ndim=2, layout="(days, features)")
    sales = as_array(sales, "sales", ndim=1)
    if len(sales) != len(features):
        raise ValueError(f"sales must have one value per row of features ({len(features)}); got {len(sales)}")
    if sales.min() < 0:
        raise ValueError(f"sales must be ≥ 0 (units sold); got a minimum of {sales.min()}")
    weights, *_ = np.linalg.lstsq(features, np.log1p(sales), rcond=None)
    return weights


def predict_calendar_regression(weights, features) -> np.ndarray:
    """Forecasts in units: exp(features · weights) − 1, for rows of features (days, k) → (days,).

    >>> predict_calendar_regression(np.log1p([9.0, 99.0]), np.eye(2)[[1, 0]]).round(6).tolist()
    [99.0, 9.0]
    """
    features = as_array(features, "features", ndim=2, layout="(days, features)")
    weights = as_array(weights, "weights", ndim=1)
    if len(weights) != features.shape[1]:
        raise ValueError(
            f"weights must have one entry per column of features ({features.shape[1]}); got {len(weights)}"
        )
    return np.expm1(features @ weights)


def block_bootstrap(values, block: int = 7, resamples: int = 2000, seed: int = 0) -> np.ndarray:
    """Means of moving-block bootstrap resamples of a daily series: the sampling spread of its mean.

    Neighbouring days are alike (the same week, the same promotion), so days cannot be resampled one by
    one as if independent. Each resample glues together randomly chosen runs of ``block`` consecutive
    days until it is as long as ``values``, and takes its mean. The middle 95 % of the returned means,
    ``np.percentile(means, [2.5, 97.5])``, is a 95 % interval for the mean.

    Parameters
    ----------
    values : array-like, shape (days,)
        E.g. the daily differences |error of model A| − |error of model B| over the test days.
    block : int, default 7
        Days per block (a week keeps each weekday pattern whole).
    resamples : int, default 2000
    seed : int, default 0
        Seed of the resampling (``numpy.random.default_rng``).

    Returns
    -------
    ndarray, shape (resamples,)

    Examples
    --------
    >>> means = block_bootstrap(np.arange(28.0), block=7, resamples=500)
    >>> means.shape, bool(means.min() >= 3.0 and means.max() <= 24.0)
    ((500,), True)
    """
    values = as_array(values, "values", ndim=1)
    block = as_int(block, "block", minimum=1, maximum=len(values))
    resamples = as_int(resamples, "resamples", minimum=1)
    seed = as_int(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    blocks = -(-len(values) // block)  # enough blocks to cover the series
    starts = rng.integers(0, len(values) - block + 1, size=(resamples, blocks))
    rows = (starts[:, :, None] + np.arange(block)).reshape(resamples, -1)[:, : len(values)]
    return values[rows].mean(axis=1)


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

    ``scale`` is the seasonal naive's MAE, by Hyndman and Koehler's definition measured on the training
    part (in-sample), so that the test set is not used to define the yardstick. Below 1 means better
    than repeating last week did on the training days, not better than it does on the days scored.

    >>> mase([10, 20], [11, 21], scale=2.0)
    0.5
    """
    scale = as_float(scale, "scale", minimum=0.0)
    if scale == 0:
        raise ValueError("scale must be > 0 (the seasonal naive MAE of the training part)")
    return mae(y_true, y_pred) / scale


# -- the forecast explorer ---------------------------------------------------------------------------

_WEEKDAY_LETTERS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


class ForecastView(View):
    """The forecast explorer: at a forecast origin, the days a model knew, the 7 days it forecast, and
    what happened, with the generator's expected value so that noise and model error can be told apart.

    The x axis counts days from the origin (0 = the last known day); weekends are shaded, promotion days
    ringed. Call ``view(origin=k, baselines=True, expected=True)``.

    Parameters
    ----------
    dates : ndarray of datetime64[D], shape (time,)
    sales : array-like, shape (time,)
        Units sold, the truth.
    expected : array-like, shape (time,)
        The generator's expected sales (what a forecast that knew everything but the day's noise says).
    promo : array-like of 0/1, shape (time,)
    origins : array-like of int, shape (n,)
        Day indices of the forecast origins: the last day each forecast knows.
    forecasts : dict of str to array-like, each shape (n, 7)
        Forecasts for days origin + 1 … origin + 7, in units. The first one is the model (always drawn),
        the others are baselines (drawn when ``baselines=True``).
    history : int, default 14
        Days before the origin to draw.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> d = generate_sales(days=60, seed=1)
    >>> origins = np.arange(20, 30)
    >>> ahead = origins[:, None] + 1 + np.arange(7)
    >>> view = ForecastView(d["date"], d["sales"], d["expected"], d["promo"], origins,
    ...                     {"model": d["expected"][ahead], "seasonal naive": d["sales"][ahead - 7]})
    >>> fig, info = view(origin=3)
    >>> info["forecast for"], info["model 7-day MAE"] == round(mae(d["sales"][24:31], d["expected"][24:31]), 1)
    ('2022-01-25 Tu', True)
    """

    def __init__(self, dates, sales, expected, promo, origins, forecasts, history: int = 14):
        import matplotlib.pyplot as plt

        use_style()
        self.dates = _dates(dates, ndim=1, layout="(time,)")
        n_days = len(self.dates)
        if n_days < 2 or np.any(np.diff(self.dates).astype(np.int64) != 1):
            raise ValueError("dates must be consecutive days, in order")
        self._weekday0 = (int(self.dates[0].astype(np.int64)) + 3) % 7  # weekday of day 0 (0 = Monday)
        per_day = f"(time,), one per entry of dates ({n_days})"
        self.sales = as_array(sales, "sales", shape=(n_days,), layout=per_day)
        self.expected = as_array(expected, "expected", shape=(n_days,), layout=per_day)
        self.promo = as_indices(promo, "promo", shape=(n_days,), layout=per_day + " of 0/1", high=2)
        self.origins = as_indices(origins, "origins", ndim=1, layout="(n,) day indices", high=n_days)
        self.history = as_int(history, "history", minimum=1)
        if self.origins.min() < self.history - 1 or self.origins.max() + 7 >= n_days:
            raise ValueError(
                f"origins must leave history = {self.history} days before and 7 days after each origin "
                f"(0 … {n_days - 1}); got {self.origins.min()} … {self.origins.max()}"
            )
        if not isinstance(forecasts, dict) or not forecasts:
            raise TypeError("forecasts must be a non-empty dict of name -> array of shape (origins, 7)")
        self.forecasts = {
            name: as_array(values, f"forecasts[{name!r}]", shape=(len(self.origins), 7))
            for name, values in forecasts.items()
        }
        days = self.origins[:, None] + np.arange(-self.history + 1, 8)
        top = max(
            self.sales[days].max(), self.expected[days].max(), *(f.max() for f in self.forecasts.values())
        )
        self.top = 20.0 * np.ceil(1.15 * top / 20.0)

        fig, ax = plt.subplots(figsize=(8.8, 4.0), layout="constrained")
        super().__init__(fig)
        self.weekends = [  # Saturday–Sunday bands, moved on each update (cheaper to draw than 21 labels)
            self.dynamic(
                ax.axvspan(
                    0, 2, color=PALETTE[7], alpha=0.07, linewidth=0, label="weekend" if k == 0 else None
                )
            )
            for k in range(4)
        ]
        self.x_known = np.arange(-self.history + 1, 1)
        self.x_ahead = np.arange(1, 8)
        x_all = np.arange(-self.history + 1, 8)
        grey, black = PALETTE[7], PALETTE[7]
        self.expected_line = self.dynamic(
            ax.plot(
                x_all,
                np.zeros(len(x_all)),
                "--",
                color=PALETTE[2],
                linewidth=2.5,
                label="expected value (generator; no forecaster has it)",
            )[0]
        )
        self.known = self.dynamic(
            ax.plot(
                self.x_known, np.zeros(self.history), "o-", color=black, label="sales known at the origin"
            )[0]
        )
        self.truth = self.dynamic(
            ax.plot(
                self.x_ahead,
                np.zeros(7),
                "o--",
                color=grey,
                markerfacecolor="white",
                label="sales that followed (truth)",
            )[0]
        )
        styles = [
            ("s-", PALETTE[0]),
            ("v--", PALETTE[1]),
            ("D-.", PALETTE[3]),
            ("^:", PALETTE[5]),
            ("x--", PALETTE[4]),
        ]
        self.lines = {}
        for k, name in enumerate(self.forecasts):
            marker, colour = styles[k % len(styles)]
            self.lines[name] = self.dynamic(
                ax.plot(self.x_ahead, np.zeros(7), marker, color=colour, label=name)[0]
            )
        self.rings = self.dynamic(
            ax.plot(
                [],
                [],
                "o",
                markersize=13,
                markerfacecolor="none",
                markeredgecolor=PALETTE[4],
                markeredgewidth=1.8,
                label="promotion day",
            )[0]
        )
        self.title = self.dynamic(ax.set_title(" "))
        ax.axvline(0.5, color=PALETTE[3], linestyle=":", linewidth=1.2)
        ax.set(
            xlim=(x_all[0] - 0.6, x_all[-1] + 0.6),
            ylim=(0, self.top),
            xlabel="days after the forecast origin (0 = last known day; weekends shaded)",
            ylabel="units sold per day",
        )
        ax.set_xticks(x_all[::2] if self.history % 2 else x_all[1::2])
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)

    def update(self, origin: int = 0, baselines: bool = True, expected: bool = True) -> dict:
        """Show the forecasts made at ``origins[origin]``; returns the next-day numbers and 7-day MAEs."""
        origin = as_int(origin, "origin", minimum=0, maximum=len(self.origins) - 1)
        day = int(self.origins[origin])
        known = np.arange(day - self.history + 1, day + 1)
        ahead = np.arange(day + 1, day + 8)
        shown = np.concatenate([known, ahead])
        self.known.set_ydata(self.sales[known])
        self.truth.set_ydata(self.sales[ahead])
        self.expected_line.set_ydata(self.expected[shown])
        self.expected_line.set_visible(bool(expected))
        flagged = self.promo[shown] == 1
        self.rings.set_data((shown - day)[flagged], self.sales[shown][flagged])
        first = int(shown[0]) - 1  # a weekend may start the day before the first day shown
        saturdays = [d - day for d in range(first, int(shown[-1]) + 1) if (self._weekday0 + d) % 7 == 5]
        for k, band in enumerate(self.weekends):
            band.set_visible(k < len(saturdays))
            if k < len(saturdays):
                band.set_x(saturdays[k] - 0.5)
        next_day = self.dates[day + 1]
        weekday = _WEEKDAY_LETTERS[(self._weekday0 + day + 1) % 7]
        self.title.set_text(f"Forecasts made on {self.dates[day]} for the 7 days from {next_day} ({weekday})")
        info = {"forecast for": f"{next_day} {weekday}", "truth": int(round(float(self.sales[day + 1])))}
        if expected:
            info["expected"] = round(float(self.expected[day + 1]), 1)
        for k, (name, values) in enumerate(self.forecasts.items()):
            visible = k == 0 or bool(baselines)
            self.lines[name].set_ydata(values[origin])
            self.lines[name].set_visible(visible)
            if visible:
                info[name] = round(float(values[origin, 0]), 1)
        for k, (name, values) in enumerate(self.forecasts.items()):
            if k == 0 or baselines:
                info[f"{name} 7-day MAE"] = round(mae(self.sales[ahead], values[origin]), 1)
        return info


# -- lasting shocks: when past sales say more than the calendar --------------------------------------

_SHOCK_MODELS = (
    "seasonal naive",
    "calendar regression",
    "linear AR, window 28",
    "calendar + last 7 log residuals",
    "expected value (noise floor)",
)


def _least_squares(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares by the normal equations: on these small, well-posed fits ~10x faster than lstsq."""
    return np.linalg.solve(A.T @ A, A.T @ y)


def _shock_run(persistence: float, sd: float, seed: int) -> dict:
    """Generate a series with shocks, fit the simple models on its first 730 days, forecast the last 184."""
    data = generate_sales(seed=seed, shock_persistence=persistence, shock_sd=sd)
    sales, promo = data["sales"].astype(float), data["promo"]
    n, window = len(sales), 28
    train, test = np.arange(7, n - 366), np.arange(n - 184, n)
    calendar = calendar_features(data["date"], promo)
    weights = fit_calendar_regression(calendar[train], sales[train])
    series = np.column_stack([sales, np.append(promo[1:], 0)])
    X = np.lib.stride_tricks.sliding_window_view(series, window, axis=0)[:-1].transpose(0, 2, 1)
    target = np.arange(len(X)) + window  # the day each window forecasts
    fit = target < n - 366
    coef = _least_squares(
        np.column_stack([X[fit].reshape(fit.sum(), -1), np.ones(fit.sum())]), sales[target[fit]]
    )
    resid = np.log1p(sales) - calendar @ weights
    lags = np.column_stack([np.roll(resid, k) for k in range(1, 8)])  # residuals of days d−1 … d−7
    design = np.column_stack([calendar, lags])  # the weekday dummies carry the intercept
    dyn = _least_squares(design[train], np.log1p(sales[train]))
    forecasts = {
        "seasonal naive": sales[test - 7],
        "calendar regression": predict_calendar_regression(weights, calendar[test]),
        "linear AR, window 28": X[test - window].reshape(len(test), -1) @ coef[:-1] + coef[-1],
        "calendar + last 7 log residuals": np.maximum(np.expm1(design[test] @ dyn), 0.0),
        "expected value (noise floor)": data["expected"][test],
    }
    return {"date": data["date"][test], "sales": sales[test], "forecasts": forecasts}


def shock_scores(shock_persistence, shock_sd: float = 0.1, seeds=(7,)) -> dict[str, float]:
    """Test MAE (units, mean over ``seeds``) of the simple forecasts on sales with lasting shocks.

    Each seed generates three years with :func:`generate_sales` and AR(1) shocks of persistence
    ``shock_persistence`` (0 … 0.99) and step size ``shock_sd``, fits seasonal naive, the calendar
    regression, a linear AR on 28-day windows (sales and the next day's promotion flag) and a calendar
    regression with the last 7 days' log residuals as extra columns on the first 730 days, and scores
    each on the last 184 days, beside the generator's expected value (the noise floor).

    >>> scores = shock_scores(0.0, seeds=(7,))
    >>> list(scores)[:2], scores["calendar regression"] < scores["seasonal naive"]
    (['seasonal naive', 'calendar regression'], True)
    """
    persistence = as_float(shock_persistence, "shock_persistence", minimum=0.0, maximum=0.99)
    sd = as_float(shock_sd, "shock_sd", minimum=0.0, maximum=1.0)
    if isinstance(seeds, (str, bytes)) or not np.iterable(seeds) or len(seeds) == 0:
        raise TypeError(f"seeds must be a non-empty list of whole numbers; got {seeds!r}")
    seeds = [as_int(s, "seeds", minimum=0) for s in seeds]
    runs = [_shock_run(persistence, sd, s) for s in seeds]
    return {
        name: float(np.mean([mae(r["sales"], r["forecasts"][name]) for r in runs])) for name in _SHOCK_MODELS
    }


class ShockView(View):
    """The shock explorer: how lasting the day-to-day shocks are (a cause) against which forecast wins.

    Each move generates the three years again with AR(1) shocks of the chosen persistence (same seed,
    same promotions), refits the simple models on the first 730 days and draws eight weeks of the test
    half-year; the readout gives every model's test MAE over all 184 test days. Call
    ``view(shock_persistence=0.9)``.

    Parameters
    ----------
    shock_sd : float, default 0.1
        Size of each day's new shock (log scale).
    seed : int, default 7
        The generator's seed.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig, info = ShockView()(shock_persistence=0.0)
    >>> info["calendar regression"] < info["linear AR, window 28"]
    True
    """

    _SHOWN = slice(63, 119)  # test days 63 … 118: 2024-09-02 (a Monday) … 2024-10-27, eight ordinary weeks

    def __init__(self, shock_sd: float = 0.1, seed: int = 7):
        import matplotlib.pyplot as plt

        use_style()
        self.shock_sd = as_float(shock_sd, "shock_sd", minimum=0.0, maximum=1.0)
        self.seed = as_int(seed, "seed", minimum=0)
        first = _shock_run(0.0, self.shock_sd, self.seed)
        self.x = first["date"][self._SHOWN]
        top = max(
            max(r["sales"][self._SHOWN].max(), *(f[self._SHOWN].max() for f in r["forecasts"].values()))
            for r in (_shock_run(p, self.shock_sd, self.seed) for p in (0.0, 0.5, 0.8, 0.9, 0.95, 0.99))
        )
        fig, ax = plt.subplots(figsize=(8.8, 3.8), layout="constrained")
        super().__init__(fig)
        styles = {
            "expected value (noise floor)": ("--", PALETTE[2], 2.2),
            "calendar regression": ("-.", PALETTE[3], 1.6),
            "linear AR, window 28": ("-", PALETTE[0], 1.4),
            "calendar + last 7 log residuals": (":", PALETTE[5], 1.8),
        }
        self.truth = self.dynamic(
            ax.plot(self.x, np.zeros(len(self.x)), "o", color=PALETTE[7], markersize=3, label="true sales")[0]
        )
        self.lines = {
            name: self.dynamic(
                ax.plot(self.x, np.zeros(len(self.x)), style, color=colour, linewidth=width, label=name)[0]
            )
            for name, (style, colour, width) in styles.items()
        }
        self.title = self.dynamic(ax.set_title(" "))
        ax.set(
            xlim=(self.x[0] - 1, self.x[-1] + 1),
            ylim=(0, 20.0 * np.ceil(1.05 * top / 20.0)),
            xlabel="date (eight weeks of the test half-year, 2024)",
            ylabel="units sold per day",
        )
        import matplotlib.dates as mdates

        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)

    def update(self, shock_persistence: float = 0.0) -> dict:
        """Regenerate with this persistence, refit, redraw; returns the test MAE of every forecast."""
        persistence = as_float(shock_persistence, "shock_persistence", minimum=0.0, maximum=0.99)
        run = _shock_run(persistence, self.shock_sd, self.seed)
        self.truth.set_ydata(run["sales"][self._SHOWN])
        for name, line in self.lines.items():
            line.set_ydata(run["forecasts"][name][self._SHOWN])
        self.title.set_text(
            f"Shocks with persistence {persistence:.2f}: a shock halves in "
            + (f"{np.log(0.5) / np.log(persistence):.1f} days" if persistence > 0 else "less than a day")
        )
        info = {"shock persistence": round(persistence, 2)}
        for name in _SHOCK_MODELS:
            info[name] = round(mae(run["sales"], run["forecasts"][name]), 1)
        return info


if __name__ == "__main__":  # pragma: no cover - by hand: python -m rnnlib.retail
    print(f"wrote {_write_csv()} and its .sha256")


# -- several seeds trained side by side -----------------------------------------------------------------


def _BlockMask(mask: np.ndarray):  # noqa: N802 - reads as the class it builds
    """A Keras weight constraint: zero outside the diagonal blocks (the seeds' groups do not interact).

    Built on call, so that importing this module does not import Keras; a subclass of
    ``keras.constraints.Constraint``, which Keras 3.10 requires (later versions accept any callable)."""
    import keras

    class BlockMask(keras.constraints.Constraint):
        def __init__(self, mask):
            self.mask = mask

        def __call__(self, w):
            return w * self.mask

    return BlockMask(mask)


def _blocks(rows: int, cols: int, groups: int) -> np.ndarray:
    mask = np.zeros((rows * groups, cols * groups), dtype="float32")
    for k in range(groups):
        mask[k * rows : (k + 1) * rows, k * cols : (k + 1) * cols] = 1.0
    return mask


def _side_by_side_plan(models) -> tuple[str, int]:
    """('rnn' | 'mlp', hidden units) of a list of same-shaped small models; ValueError otherwise."""
    if not isinstance(models, (list, tuple)) or not models:
        raise TypeError(f"models must be a non-empty list of Keras models; got {type(models).__name__}")
    kinds = []
    for model in models:
        names = [type(layer).__name__ for layer in getattr(model, "layers", [])]
        if names == ["SimpleRNN", "Dense"]:
            kinds.append(("rnn", model.layers[0].units, model.layers[1].units, tuple(model.input_shape[1:])))
        elif names == ["Flatten", "Dense", "Dense"]:
            kinds.append(("mlp", model.layers[1].units, model.layers[2].units, tuple(model.input_shape[1:])))
        else:
            raise ValueError(
                "models must be Keras Sequential models of [SimpleRNN, Dense(1)] or [Flatten, Dense, Dense(1)]; "
                f"got layers {names}"
            )
    plain = all(getattr(layer, "use_bias", True) for model in models for layer in model.layers) and all(
        model.layers[-1].activation.__name__ == "linear" for model in models
    )
    if not plain:
        raise ValueError("models must use biases and end in a linear Dense(1) (no output activation)")
    if len(set(kinds)) != 1 or kinds[0][2] != 1:
        raise ValueError(f"models must share one architecture with one output; got {sorted(set(kinds))}")
    return kinds[0][0], kinds[0][1]


def train_side_by_side(
    models,
    X,
    y,
    X_val,
    y_val,
    *,
    epochs: int = 60,
    batch_size: int = 64,
    patience: int = 5,
    learning_rate: float = 0.01,
    shuffle: bool = True,
) -> list[int]:
    """Train copies of one small network (e.g. one per seed) at once; early stopping for each copy.

    The copies become the groups of one wider network, whose weights between groups are held at zero:
    each group computes exactly what its copy computes, the loss is the sum of the copies' mean squared
    errors, so each group's gradient is its copy's own, and Adam's update is per weight. Each copy
    therefore trains as it would alone on the same batches (in the same order, shared by all copies),
    starting from its own initial weights. After each epoch each copy's validation loss is measured;
    a copy that has not improved for ``patience`` epochs is stopped (its later epochs are ignored, as if
    it had stopped there), training ends when all have stopped or after ``epochs``, and each model gets
    the weights of its own best epoch, like ``keras.callbacks.EarlyStopping(patience=patience,
    restore_best_weights=True)`` on a model trained alone. One wide network instead of several narrow
    ones: Keras prepares one training step and runs one loop, which is what takes the time with
    networks this small.

    Parameters
    ----------
    models : list of keras.Sequential
        Same architecture, built (their weights are the starting points): ``[SimpleRNN(units), Dense(1)]``
        or ``[Flatten(), Dense(units, activation), Dense(1)]``. Their weights are replaced by the trained ones.
    X : array, shape (samples, steps, features)
    y : array, shape (samples,)
    X_val : array, shape (validation samples, steps, features)
    y_val : array, shape (validation samples,)
    epochs, batch_size, patience : int
    learning_rate : float
        Adam's learning rate.
    shuffle : bool, default True
        Shuffle the training samples before each epoch (one order for all copies), as ``Model.fit`` does.

    Returns
    -------
    list of int
        For each model, the epoch (counted from 1) whose weights it keeps.

    Examples
    --------
    >>> import keras
    >>> def small(seed):
    ...     keras.utils.set_random_seed(seed)
    ...     return keras.Sequential([keras.Input((3, 1)), keras.layers.SimpleRNN(4), keras.layers.Dense(1)])
    >>> models = [small(1), small(2)]
    >>> X = np.linspace(-1, 1, 60).reshape(20, 3, 1); y = X.sum(axis=(1, 2))
    >>> best = train_side_by_side(models, X, y, X, y, epochs=3, batch_size=10)
    >>> len(best), all(1 <= b <= 3 for b in best)
    (2, True)
    """
    kind, units = _side_by_side_plan(models)
    shape = tuple(models[0].input_shape[1:])
    X = as_array(X, "X", ndim=3)
    if X.shape[1:] != shape:
        raise ValueError(
            f"X must have shape (samples, {shape[0]}, {shape[1]}) to fit the models; got {X.shape}"
        )
    y = as_array(y, "y", shape=(len(X),))
    X_val = as_array(X_val, "X_val", ndim=3)
    if X_val.shape[1:] != shape:
        raise ValueError(f"X_val must have shape (samples, {shape[0]}, {shape[1]}); got {X_val.shape}")
    y_val = as_array(y_val, "y_val", shape=(len(X_val),))
    epochs = as_int(epochs, "epochs", minimum=1)
    batch_size = as_int(batch_size, "batch_size", minimum=1)
    patience = as_int(patience, "patience", minimum=1)
    learning_rate = as_float(learning_rate, "learning_rate", minimum=1e-12)
    if not isinstance(shuffle, bool):
        raise TypeError(f"shuffle must be True or False; got {shuffle!r}")
    import keras

    n = len(models)
    out_mask = _blocks(units, 1, n)
    if kind == "rnn":
        first = models[0].layers[0]
        hidden = [
            keras.layers.SimpleRNN(
                units * n,
                activation=first.activation,
                unroll=first.unroll,
                recurrent_constraint=_BlockMask(_blocks(units, units, n)),
            )
        ]
    else:
        first = models[0].layers[1]
        hidden = [keras.layers.Flatten(), keras.layers.Dense(units * n, activation=first.activation)]
    wide = keras.Sequential(
        [keras.Input(shape), *hidden, keras.layers.Dense(n, kernel_constraint=_BlockMask(out_mask))]
    )

    # each weight array's role: input kernel (columns side by side), recurrent kernel (diagonal blocks),
    # hidden bias (side by side), output kernel (one column per copy, its own rows), output bias (one entry per copy)
    roles = ["cols", "diag", "cols", "out", "entry"] if kind == "rnn" else ["cols", "cols", "out", "entry"]

    def take(weights, k):  # the wide network's arrays -> copy k's
        s = slice(k * units, (k + 1) * units)
        picks = {
            "cols": lambda w: w[..., s],
            "diag": lambda w: w[s, s],
            "out": lambda w: w[s, k : k + 1],
            "entry": lambda w: w[k : k + 1],
        }
        return [picks[role](w).copy() for role, w in zip(roles, weights, strict=True)]

    start = [np.zeros(w.shape, "float32") for w in wide.get_weights()]
    for k, model in enumerate(models):
        s = slice(k * units, (k + 1) * units)
        for role, w, part in zip(roles, start, model.get_weights(), strict=True):
            if role == "cols":
                w[..., s] = part
            elif role == "diag":
                w[s, s] = part
            elif role == "out":
                w[s, k : k + 1] = part
            else:
                w[k : k + 1] = part
    wide.set_weights(start)

    def loss(y_true, y_pred):  # per sample: the sum over copies of the squared errors
        return keras.ops.sum(keras.ops.square(y_pred - y_true), axis=-1)

    wide.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=loss,
        steps_per_execution=-(-len(X) // batch_size),
    )
    best = [np.inf] * n
    best_epoch = [0] * n
    best_weights = [take(start, k) for k in range(n)]
    waiting = [0] * n
    stopped = [False] * n

    class _PerCopyEarlyStopping(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            losses = np.mean((wide(X_val, training=False).numpy() - y_val[:, None]) ** 2, axis=0)
            weights = None
            for k in range(n):
                if stopped[k]:
                    continue
                if losses[k] < best[k]:
                    weights = wide.get_weights() if weights is None else weights
                    best[k], best_epoch[k], best_weights[k], waiting[k] = (
                        losses[k],
                        epoch + 1,
                        take(weights, k),
                        0,
                    )
                else:
                    waiting[k] += 1
                    stopped[k] = waiting[k] >= patience
            if all(stopped):
                self.model.stop_training = True

    wide.fit(
        X,
        np.repeat(y[:, None].astype("float32"), n, axis=1),
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        verbose=0,
        callbacks=[_PerCopyEarlyStopping()],
    )
    for model, weights in zip(models, best_weights, strict=True):
        model.set_weights(weights)
    return best_epoch
