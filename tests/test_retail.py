"""rnnlib.retail: the sales generator and its shipped CSV, the split, the scaler, baselines, metrics, explorer."""

import numpy as np
import pytest

from rnnlib import make_windows, retail
from rnnlib.datasets import _DATA_DIR, _sha256_of, _verified_path, load_csv

# --- generator and data file ---------------------------------------------------------------------


def test_generator_is_deterministic_and_seed_dependent():
    a, b = retail.generate_sales(seed=3), retail.generate_sales(seed=3)
    for key in ("date", "sales", "promo", "expected"):
        assert np.array_equal(a[key], b[key])
    assert not np.array_equal(a["sales"], retail.generate_sales(seed=4)["sales"])


def test_shipped_csv_equals_the_generator_output_and_its_checksum():
    path = _verified_path(retail.CSV_NAME)  # raises if the checksum does not match
    assert path.read_text(encoding="utf-8") == retail._to_csv_text(retail.generate_sales())
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
    data = retail.generate_sales()
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


def test_generator_rejects_bad_arguments():
    with pytest.raises(ValueError, match="days must be ≥ 28"):
        retail.generate_sales(days=10)
    with pytest.raises(ValueError, match="start must be an ISO date"):
        retail.generate_sales(start="yesterday")
    with pytest.raises(TypeError, match="seed must be an integer"):
        retail.generate_sales(seed=1.5)


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
    with pytest.raises(ValueError, match=r"\bdays\b"):
        retail.chronological_split(10, validation=2, test=2).part_of([10])


def test_scaler_is_fitted_on_the_training_part_only():
    sales = retail.generate_sales()["sales"].astype(float)
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


# --- multi-output linear AR, calendar regression, block bootstrap ----------------------------------


def test_linear_ar_fits_several_outputs_at_once_like_separate_fits():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(100, 5, 2))
    Y = np.column_stack([X[:, -1, 0] + 1, 2 * X[:, 0, 1] - 3, X.sum(axis=(1, 2))])
    weights = retail.fit_linear_ar(X, Y)
    assert weights.shape == (11, 3)
    assert np.allclose(retail.predict_linear_ar(weights, X), Y)
    for k in range(3):
        assert np.allclose(weights[:, k], retail.fit_linear_ar(X, Y[:, k]))


def test_calendar_features_by_hand():
    dates = np.array(["2022-01-01", "2022-01-03", "2023-01-01"], dtype="datetime64[D]")  # Sat, Mon, Sun
    F = retail.calendar_features(dates, [1, 0, 0])
    assert F.shape == (3, len(retail.CALENDAR_COLUMNS)) == (3, 11)
    assert F[:, :7].argmax(axis=1).tolist() == [5, 0, 6] and F[:, :7].sum(axis=1).tolist() == [1, 1, 1]
    assert F[:, 7].tolist() == [1, 0, 0]
    assert F[:, 8] == pytest.approx([0, 2 / 365.25, 365 / 365.25])  # years since the first date
    assert F[0, 9] == pytest.approx(0) and F[0, 10] == pytest.approx(1)  # day 0 of the year
    with pytest.raises(ValueError, match=r"\bpromo\b"):
        retail.calendar_features(dates, [1, 0])


def test_calendar_regression_recovers_the_generators_weekday_and_promotion_factors():
    data = retail.generate_sales()
    F = retail.calendar_features(data["date"], data["promo"])
    weights = retail.fit_calendar_regression(F[:730], data["sales"][:730])
    weekday = np.exp(weights[:7] - weights[:7].mean())
    assert np.allclose(
        weekday / weekday.mean(), retail._WEEKDAY_FACTORS / retail._WEEKDAY_FACTORS.mean(), atol=0.08
    )
    assert 1.5 < np.exp(weights[7]) < 2.1  # the generator's promotion uplift is 1.8
    forecast = retail.predict_calendar_regression(weights, F[730:])
    assert forecast.shape == (366,) and forecast.min() >= 0


def test_calendar_regression_rejects_bad_input():
    F = np.ones((4, 2))
    with pytest.raises(ValueError, match="sales must have one value per row"):
        retail.fit_calendar_regression(F, [1, 2, 3])
    with pytest.raises(ValueError, match="sales must be ≥ 0"):
        retail.fit_calendar_regression(F, [1, 2, -3, 4])
    with pytest.raises(ValueError, match=r"\bweights\b"):
        retail.predict_calendar_regression([1.0], F)


def test_block_bootstrap_resamples_whole_blocks():
    values = np.repeat([0.0, 10.0], 7)  # two weeks: all 0, then all 10
    means = retail.block_bootstrap(values, block=7, resamples=400, seed=1)
    # two blocks of 7 consecutive days per resample: the mean is (tens in them) · 10 / 14
    assert (
        means.shape == (400,)
        and np.allclose(means * 1.4, np.round(means * 1.4))
        and 0 <= means.min() < means.max() <= 10
    )
    assert np.array_equal(means, retail.block_bootstrap(values, block=7, resamples=400, seed=1))
    one = retail.block_bootstrap(np.arange(10.0), block=10, resamples=5)  # one block = the series itself
    assert np.allclose(one, 4.5)
    with pytest.raises(ValueError, match="block must be ≤ 10"):
        retail.block_bootstrap(np.arange(10.0), block=11)


def test_block_bootstrap_is_wider_than_the_iid_bootstrap_on_correlated_days():
    rng = np.random.default_rng(0)
    weekly = np.repeat(rng.normal(size=30), 7)  # each week's 7 days share one value
    blocked = retail.block_bootstrap(weekly, block=7, resamples=2000).std()
    iid = retail.block_bootstrap(weekly, block=1, resamples=2000).std()
    assert blocked > 1.8 * iid


# --- the forecast explorer -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def view_args():
    data = retail.generate_sales(days=120, seed=1)
    origins = np.arange(40, 100)
    ahead = origins[:, None] + 1 + np.arange(7)
    forecasts = {
        "model": data["expected"][ahead] + 2.0,
        "seasonal naive": data["sales"][ahead - 7].astype(float),
    }
    return data, origins, forecasts


def _view(view_args, **kwargs):
    data, origins, forecasts = view_args
    return retail.ForecastView(
        data["date"], data["sales"], data["expected"], data["promo"], origins, forecasts, **kwargs
    )


def test_view_draws_the_origin_and_returns_the_numbers_it_shows(view_args):
    data, origins, forecasts = view_args
    fig, info = _view(view_args)(origin=3)
    ax = fig.axes[0]
    day = 43
    assert "Forecasts made on" in ax.get_title() and "days" in ax.get_xlabel() and "units" in ax.get_ylabel()
    assert info["forecast for"].startswith(str(data["date"][day + 1]))
    assert info["truth"] == data["sales"][day + 1]
    assert info["expected"] == round(float(data["expected"][day + 1]), 1)
    assert info["model"] == round(float(data["expected"][day + 1] + 2.0), 1)
    assert info["model 7-day MAE"] == round(
        retail.mae(data["sales"][day + 1 : day + 8], forecasts["model"][3]), 1
    )
    assert list(ax.lines[1].get_ydata()) == list(data["sales"][day - 13 : day + 1])  # the known days
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"model", "seasonal naive", "promotion day"} <= set(labels)


def test_view_toggles_hide_baselines_and_expected_value(view_args):
    view = _view(view_args)
    _, info = view(origin=5, baselines=False, expected=False)
    assert "seasonal naive" not in info and "expected" not in info and "model" in info
    assert not view.lines["seasonal naive"].get_visible() and not view.expected_line.get_visible()
    _, info = view(origin=5, baselines=True, expected=True)
    assert "seasonal naive" in info and view.expected_line.get_visible()


def test_view_moves_with_the_origin_and_keeps_its_limits(view_args):
    view = _view(view_args)
    fig, a = view(origin=0)
    limits = fig.axes[0].get_ylim()
    first = list(view.known.get_ydata())
    _, b = view(origin=10)
    assert a["forecast for"] != b["forecast for"] and list(view.known.get_ydata()) != first
    assert fig.axes[0].get_ylim() == limits


def test_view_shades_the_weekends_it_shows(view_args):
    data, origins, _ = view_args
    view = _view(view_args)
    for k in (0, 1, 2, 3, 4, 5, 6):
        view(origin=k)
        shown = np.arange(origins[k] - 13, origins[k] + 8)
        weekday = (data["date"][shown].astype(np.int64) + 3) % 7
        shaded = {
            int(x)
            for band in view.weekends
            if band.get_visible()
            for x in np.arange(-13, 8)
            if band.get_x() < x < band.get_x() + band.get_width()
        }
        assert shaded == set((shown - origins[k])[weekday >= 5].tolist())


def test_view_rings_promotion_days(view_args):
    data, origins, _ = view_args
    view = _view(view_args)
    for k in range(len(origins)):
        view(origin=k)
        shown = np.arange(origins[k] - 13, origins[k] + 8)
        assert len(view.rings.get_xdata()) == int(data["promo"][shown].sum())


def test_view_in_an_explorer_moves_fast(view_args):
    import ipywidgets as w

    from rnnlib.ui import explorer

    slider = w.IntSlider(value=0, min=0, max=59)
    box = explorer(_view(view_args), {"origin": slider, "baselines": w.Checkbox(value=True)})
    first = box.image.value
    slider.value = 7
    assert box.image.value != first and "forecast for" in box.readout.value
    assert box.timing.last_seconds < 1.0


def test_view_rejects_bad_input(view_args):
    data, origins, forecasts = view_args
    view = _view(view_args)
    with pytest.raises(ValueError, match="origin must be ≤ 59"):
        view(origin=60)
    with pytest.raises(ValueError, match=r"\borigins\b.*\bhistory\b"):
        retail.ForecastView(
            data["date"], data["sales"], data["expected"], data["promo"], origins + 20, forecasts
        )
    with pytest.raises(ValueError, match=r"forecasts\['model'\]"):
        retail.ForecastView(
            data["date"],
            data["sales"],
            data["expected"],
            data["promo"],
            origins,
            {"model": forecasts["model"][:, :3]},
        )
    with pytest.raises(TypeError, match="forecasts must be a non-empty dict"):
        retail.ForecastView(data["date"], data["sales"], data["expected"], data["promo"], origins, {})


@pytest.mark.parametrize(
    ("mean", "std", "name"), [(np.nan, 1.0, "mean"), (1.0, 0.0, "std"), (1.0, "2", "std")]
)
def test_scaler_refuses_a_scale_it_cannot_use(mean, std, name):
    with pytest.raises((TypeError, ValueError), match=name):
        retail.Scaler(mean, std)


def test_split_parts_follow_each_other():
    with pytest.raises(ValueError, match="validation"):
        retail.Split(slice(0, 5), slice(4, 7), slice(7, 10))


def _small(seed, mlp):
    import keras

    keras.utils.set_random_seed(seed)
    hidden = (
        [keras.layers.Flatten(), keras.layers.Dense(8, activation="relu")]
        if mlp
        else [keras.layers.SimpleRNN(8)]
    )
    return keras.Sequential([keras.Input((6, 2)), *hidden, keras.layers.Dense(1)])


@pytest.mark.parametrize("mlp", [False, True])
def test_side_by_side_trains_each_model_as_if_alone_and_restores_its_own_best_epoch(mlp):
    import keras

    rng = np.random.default_rng(0)
    X, X_val = rng.normal(size=(120, 6, 2)), rng.normal(size=(40, 6, 2))
    y = X[:, :, 0].sum(axis=1) * 0.3 + rng.normal(size=120) * 0.5
    y_val = X_val[:, :, 0].sum(axis=1) * 0.3 + rng.normal(size=40) * 0.5
    seeds = (1, 2, 3)
    models = [_small(s, mlp) for s in seeds]
    best = retail.train_side_by_side(
        models, X, y, X_val, y_val, epochs=40, batch_size=32, patience=3, learning_rate=0.03, shuffle=False
    )
    runs = []
    for seed, model, best_epoch in zip(seeds, models, best, strict=True):
        alone = _small(seed, mlp)  # the same initial weights, trained alone on the same batches
        alone.compile(optimizer=keras.optimizers.Adam(learning_rate=0.03), loss="mse")
        stop = keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)
        history = alone.fit(
            X,
            y,
            validation_data=(X_val, y_val),
            epochs=40,
            batch_size=32,
            shuffle=False,
            verbose=0,
            callbacks=[stop],
        ).history
        runs.append(len(history["loss"]))
        assert best_epoch == stop.best_epoch + 1
        for a, b in zip(alone.get_weights(), model.get_weights(), strict=True):
            np.testing.assert_allclose(b, a, atol=1e-5)
        val_loss = np.mean((model(X_val, training=False).numpy()[:, 0] - y_val) ** 2)
        assert val_loss == pytest.approx(min(history["val_loss"]), rel=1e-4)  # its own best epoch, restored
    assert len(set(runs)) > 1  # the models stopped at different epochs: the stopping is per model


def test_side_by_side_copies_do_not_interact():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(40, 6, 2)), rng.normal(size=40)
    pair = [_small(5, False), _small(6, False)]
    retail.train_side_by_side(pair, X, y, X[:10], y[:10], epochs=3, batch_size=20, shuffle=False)
    alone = [_small(5, False)]
    retail.train_side_by_side(alone, X, y, X[:10], y[:10], epochs=3, batch_size=20, shuffle=False)
    for a, b in zip(alone[0].get_weights(), pair[0].get_weights(), strict=True):
        np.testing.assert_allclose(b, a, atol=1e-5)


def test_side_by_side_rejects_mixed_or_unsupported_models():
    import keras

    lstm = keras.Sequential([keras.Input((6, 2)), keras.layers.LSTM(4), keras.layers.Dense(1)])
    X, y = np.zeros((8, 6, 2)), np.zeros(8)
    with pytest.raises(ValueError, match="models"):
        retail.train_side_by_side([lstm], X, y, X, y)
    with pytest.raises(ValueError, match="models"):
        retail.train_side_by_side([_small(1, False), _small(1, True)], X, y, X, y)
    squashed = keras.Sequential(
        [keras.Input((6, 2)), keras.layers.SimpleRNN(4), keras.layers.Dense(1, activation="sigmoid")]
    )
    with pytest.raises(ValueError, match="models"):
        retail.train_side_by_side([squashed], X, y, X, y)
