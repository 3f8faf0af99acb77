"""rnnlib.retail: the sales generator and its shipped CSV, the split, the scaler, baselines, metrics, render."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnnlib import make_windows, retail
from rnnlib.datasets import _DATA_DIR, _sha256_of, _verified_path, load_csv

# --- generator and data file ---------------------------------------------------------------------


def test_generator_is_deterministic_and_seed_dependent():
    a, b = retail._generate_sales(seed=3), retail._generate_sales(seed=3)
    for key in ("date", "sales", "promo", "expected"):
        assert np.array_equal(a[key], b[key])
    assert not np.array_equal(a["sales"], retail._generate_sales(seed=4)["sales"])


def test_shipped_csv_equals_the_generator_output_and_its_checksum():
    path = _verified_path(retail.CSV_NAME)  # raises if the checksum does not match
    assert path.read_text(encoding="utf-8") == retail._to_csv_text(retail._generate_sales())
    sidecar = (_DATA_DIR / (retail.CSV_NAME + ".sha256")).read_text(encoding="utf-8").split()
    assert sidecar == [_sha256_of(path), retail.CSV_NAME]


def test_write_csv_reproduces_the_shipped_file(tmp_path):
    path = retail._write_csv(tmp_path)
    assert path.read_bytes() == (_DATA_DIR / retail.CSV_NAME).read_bytes()
    assert (tmp_path / (retail.CSV_NAME + ".sha256")).read_text() == (
        _DATA_DIR / (retail.CSV_NAME + ".sha256")
    ).read_text()


def test_loaded_csv_has_the_documented_columns():
    data = load_csv(retail.CSV_NAME, columns=("date", "sales", "promo"))
    assert list(data) == ["date", "sales", "promo"]
    assert data["date"].dtype == np.dtype("datetime64[D]") and len(data["date"]) >= 730  # at least two years
    assert str(data["date"][0]) == "2022-01-01" and np.all(np.diff(data["date"]).astype(int) == 1)
    assert data["sales"].dtype.kind == "i" and data["sales"].min() >= 0
    assert set(np.unique(data["promo"])) == {0, 1}


def test_generator_has_the_documented_structure():
    data = retail._generate_sales()
    date, sales, promo, expected = data["date"], data["sales"], data["promo"], data["expected"]
    weekday = (date.astype(np.int64) + 3) % 7
    quiet = promo == 0
    by_day = [sales[(weekday == k) & quiet].mean() for k in range(7)]
    assert np.argmax(by_day) == 5 and np.argmin(by_day) == 0  # busy Saturday, quiet Monday
    month = date.astype("datetime64[M]").astype(int) % 12 + 1
    assert sales[month == 6].mean() > 1.5 * sales[month == 1].mean()  # summer season
    first, last = sales[:365].mean(), sales[-365:].mean()
    assert last > 1.1 * first  # growth trend
    assert sales[promo == 1].mean() > 1.5 * sales[quiet].mean()  # promotions lift sales
    for closed in ("2022-01-01", "2023-12-25", "2024-12-26"):
        assert sales[date == np.datetime64(closed)][0] == 0
    # count noise: integer counts scattered around the expected value, more than Poisson
    open_days = expected > 0
    assert np.var(sales[open_days] - expected[open_days]) > np.mean(expected[open_days])


# --- split and scaling ---------------------------------------------------------------------------


def test_split_is_chronological_without_overlap_and_covers_every_day():
    split = retail.chronological_split(1096, validation=182, test=184)
    parts = [np.arange(1096)[p] for p in (split.train, split.validation, split.test)]
    assert [len(p) for p in parts] == [730, 182, 184]
    assert np.array_equal(np.concatenate(parts), np.arange(1096))  # no gap, no overlap, in order
    assert parts[0].max() < parts[1].min() and parts[1].max() < parts[2].min()
    assert split.part_of([0, 729, 730, 911, 912, 1095]).tolist() == [0, 0, 1, 1, 2, 2]


def test_split_by_target_day_keeps_every_window_target_in_its_part():
    split = retail.chronological_split(100, validation=20, test=20)
    X, y = make_windows(np.arange(100.0), window=7)
    day = np.arange(len(y)) + 7
    assert np.array_equal(y, day)  # window i forecasts day i + 7
    part = split.part_of(day)
    assert y[part == 0].max() < 60 <= y[part == 1].min() and y[part == 1].max() < 80 <= y[part == 2].min()
    assert X[part == 0].max() < 60  # training windows never touch validation or test days


def test_split_rejects_impossible_sizes():
    with pytest.raises(ValueError, match="at least one training day"):
        retail.chronological_split(10, validation=5, test=5)
    with pytest.raises(ValueError, match="test must be ≥ 1"):
        retail.chronological_split(10, validation=2, test=0)
    with pytest.raises(ValueError, match="days must be day indices"):
        retail.chronological_split(10, validation=2, test=2).part_of([10])


def test_scaler_is_fitted_on_the_training_part_only():
    sales = retail._generate_sales()["sales"].astype(float)
    split = retail.chronological_split(len(sales), validation=182, test=184)
    scaler = retail.Scaler.fit(sales[split.train])
    assert scaler.mean == pytest.approx(sales[:730].mean()) and scaler.std == pytest.approx(sales[:730].std())
    changed = sales.copy()
    changed[split.test] *= 10  # whatever happens in the test period ...
    assert retail.Scaler.fit(changed[split.train]) == scaler  # ... the scaler does not move
    scaled = scaler.transform(sales[split.train])
    assert abs(scaled.mean()) < 1e-9 and abs(scaled.std() - 1) < 1e-9
    assert np.allclose(scaler.inverse(scaler.transform(sales)), sales)


def test_scaler_rejects_constant_or_tiny_input():
    with pytest.raises(ValueError, match="not all be equal"):
        retail.Scaler.fit([3.0, 3.0, 3.0])
    with pytest.raises(ValueError, match="at least 2"):
        retail.Scaler.fit([3.0])
    with pytest.raises(ValueError, match=r"values must be 1-D"):
        retail.Scaler.fit(np.zeros((3, 2)))


# --- baselines -----------------------------------------------------------------------------------

TINY = np.array([10, 11, 12, 13, 14, 15, 16, 20, 21, 22], dtype=float)  # days 0 … 9


def test_seasonal_naive_by_hand_on_a_tiny_series():
    # day 7 is forecast by day 0, day 8 by day 1, day 9 by day 2
    assert retail.seasonal_naive(TINY, [7, 8, 9]).tolist() == [10.0, 11.0, 12.0]
    assert retail.seasonal_naive(TINY, [9], season=2).tolist() == [20.0]
    with pytest.raises(ValueError, match="each forecast needs 7 earlier"):
        retail.seasonal_naive(TINY, [6])


def test_last_value_and_moving_average_by_hand():
    assert retail.last_value(TINY, [1, 9]).tolist() == [10.0, 21.0]
    assert retail.moving_average(TINY, [7], width=7).tolist() == [13.0]  # mean of 10 … 16
    assert retail.moving_average(TINY, [9], width=3).tolist() == [(16 + 20 + 21) / 3]
    with pytest.raises(ValueError, match="days must lie in 1"):
        retail.last_value(TINY, [0])
    with pytest.raises(ValueError, match=r"days must lie in .* 9"):
        retail.last_value(TINY, [10])
    with pytest.raises(TypeError, match="integer day indices"):
        retail.last_value(TINY, [1.5])


def test_linear_ar_recovers_a_linear_rule():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 7, 2))
    y = 2 * X[:, -1, 0] - X[:, 0, 1] + 5
    weights = retail.fit_linear_ar(X, y)
    assert weights.shape == (15,) and weights[-1] == pytest.approx(5)
    assert np.allclose(retail.predict_linear_ar(weights, X), y)
    with pytest.raises(ValueError, match="one target per window"):
        retail.fit_linear_ar(X, y[:-1])
    with pytest.raises(ValueError, match="weights must have"):
        retail.predict_linear_ar(weights[:-1], X)
    with pytest.raises(ValueError, match=r"\(samples, window, features\)"):
        retail.fit_linear_ar(X[:, :, 0], y)


# --- metrics -------------------------------------------------------------------------------------


def test_metrics_by_hand():
    y, y_hat = [10, 20, 30, 40], [12, 20, 27, 40]
    assert retail.mae(y, y_hat) == pytest.approx(5 / 4)
    assert retail.rmse(y, y_hat) == pytest.approx(np.sqrt(13 / 4))
    assert retail.mase(y, y_hat, scale=2.5) == pytest.approx(0.5)
    assert retail.mae(y, y) == 0 and retail.rmse(y, y) == 0


def test_metrics_reject_mismatched_or_bad_input():
    with pytest.raises(ValueError, match="y_pred must have the shape of y_true"):
        retail.mae([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="scale must be > 0"):
        retail.mase([1, 2], [1, 2], scale=0)
    with pytest.raises(ValueError, match="finite"):
        retail.rmse([1, np.nan], [1, 2])


# --- the explorer's render function --------------------------------------------------------------


@pytest.fixture(scope="module")
def context():
    data = retail._generate_sales(days=120, seed=1)
    sales = data["sales"].astype(float)
    origins = np.arange(80, 100)
    ahead = origins[:, None] + 1 + np.arange(7)
    return retail.ForecastContext(
        dates=data["date"],
        sales=sales,
        window=7,
        origins=origins,
        rnn_next=sales[origins] + 0.25,
        rnn_week=sales[ahead] + 2.0,
        baselines={
            "seasonal naive": retail.seasonal_naive(sales, origins + 1),
            "linear AR": np.full(len(origins), 30.0),
        },
    )


def test_render_returns_a_titled_figure_and_the_numbers_it_shows(context):
    fig, info = retail.render_forecast(3, context)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert "Forecast made on" in ax.get_title() and ax.get_xlabel() and "units" in ax.get_ylabel()
    day = 83
    assert info["date"] == str(context.dates[day + 1])
    assert info["truth"] == int(context.sales[day + 1])
    assert info["RNN"] == round(context.sales[day] + 0.25, 1)
    assert info["seasonal naive"] == context.sales[day + 1 - 7]
    assert info["linear AR"] == 30.0
    assert info["RNN 7-day MAE"] == 2.0
    assert len(ax.get_legend().get_texts()) == 6  # window, truth, 7-day, next day, two baselines


def test_render_changes_with_the_origin(context):
    (_, a), (_, b) = retail.render_forecast(0, context), retail.render_forecast(10, context)
    assert a["date"] != b["date"]
    fig_a, _ = retail.render_forecast(0, context)
    fig_b, _ = retail.render_forecast(10, context)
    line_a, line_b = fig_a.axes[0].lines[0].get_xdata(), fig_b.axes[0].lines[0].get_xdata()
    assert list(line_b) == [x + 10 for x in line_a]


def test_render_is_fast(context):
    import time

    start = time.perf_counter()
    retail.render_forecast(5, context)
    assert time.perf_counter() - start < 1.0


def test_render_and_context_reject_bad_input(context):
    with pytest.raises(ValueError, match="origin must be ≤ 19"):
        retail.render_forecast(20, context)
    with pytest.raises(TypeError, match="context must be a ForecastContext"):
        retail.render_forecast(0, {"sales": []})
    with pytest.raises(ValueError, match=r"rnn_week must have shape \(20, 7\)"):
        retail.ForecastContext(
            context.dates,
            context.sales,
            7,
            context.origins,
            context.rnn_next,
            context.rnn_week[:, :3],
            context.baselines,
        )
    with pytest.raises(ValueError, match="origins must leave"):
        retail.ForecastContext(
            context.dates,
            context.sales,
            7,
            context.origins + 20,
            context.rnn_next,
            context.rnn_week,
            context.baselines,
        )
