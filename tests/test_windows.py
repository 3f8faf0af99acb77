import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnnlib import make_windows


def test_ten_element_example_is_pinned():
    X, y = make_windows(np.arange(10), window=3)
    assert X.shape == (7, 3, 1) and y.shape == (7,)
    assert X[:, :, 0].tolist() == [
        [0, 1, 2],
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
        [4, 5, 6],
        [5, 6, 7],
        [6, 7, 8],
    ]
    assert y.tolist() == [3, 4, 5, 6, 7, 8, 9]


def test_horizon_two_skips_one_step():
    X, y = make_windows(np.arange(10), window=3, horizon=2)
    assert X.shape == (6, 3, 1)
    assert X[0, :, 0].tolist() == [0, 1, 2] and y[0] == 4
    assert X[-1, :, 0].tolist() == [5, 6, 7] and y[-1] == 9


def test_retail_lesson_shapes():
    X, y = make_windows(np.zeros(500), window=7)
    assert X.shape == (493, 7, 1) and y.shape == (493,)


def test_multifeature_series_and_target_column():
    series = np.stack([np.arange(6), 10 * np.arange(6)], axis=1)  # (time, features)
    X, y = make_windows(series, window=2)
    assert X.shape == (4, 2, 2) and y.shape == (4, 2)
    assert X[1].tolist() == [[1, 10], [2, 20]] and y[1].tolist() == [3, 30]
    _, y0 = make_windows(series, window=2, target=0)
    assert y0.tolist() == [2, 3, 4, 5]


@given(
    length=st.integers(2, 60),
    window=st.integers(1, 30),
    horizon=st.integers(1, 5),
    features=st.integers(1, 3),
)
def test_every_window_is_followed_by_its_target(length, window, horizon, features):
    series = np.arange(length * features, dtype=float).reshape(length, features)
    if window + horizon > length:
        with pytest.raises(ValueError, match="window \\+ horizon"):
            make_windows(series, window, horizon)
        return
    X, y = make_windows(series, window, horizon)
    assert X.shape == (length - window - horizon + 1, window, features)
    for i in range(X.shape[0]):
        np.testing.assert_array_equal(X[i], series[i : i + window])
        np.testing.assert_array_equal(y[i], series[i + window + horizon - 1])


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        (
            {"series": np.zeros((2, 3, 4)), "window": 2},
            ValueError,
            "series must be \\(time,\\) or \\(time, features\\)",
        ),
        ({"series": [], "window": 2}, ValueError, "series must not be empty"),
        ({"series": [1.0, np.nan, 3.0, 4.0], "window": 2}, ValueError, "series must contain only finite"),
        ({"series": np.arange(10), "window": 12}, ValueError, "got window=12, horizon=1"),
        (
            {"series": np.arange(10), "window": 10},
            ValueError,
            "window \\+ horizon must be ≤ the series length 10",
        ),
        ({"series": np.arange(10), "window": 3.0}, TypeError, "window must be an integer; got float 3.0"),
        ({"series": np.arange(10), "window": 0}, ValueError, "window must be ≥ 1; got 0"),
        ({"series": np.arange(10), "window": 3, "horizon": 0}, ValueError, "horizon must be ≥ 1"),
        ({"series": np.arange(10), "window": True}, TypeError, "window must be an integer"),
        ({"series": "abc", "window": 2}, TypeError, "series must be an array of numbers"),
        ({"series": np.zeros((5, 2)), "window": 2, "target": 2}, ValueError, "target must be ≤ 1"),
    ],
)
def test_bad_input_names_the_argument(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        make_windows(**kwargs)
