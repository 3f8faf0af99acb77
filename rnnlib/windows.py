"""Turning one long series into supervised training examples (sliding windows)."""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_int

__all__ = ["make_windows"]


def make_windows(series, window: int, horizon: int = 1, *, target: int | None = None):
    """Cut a series into input windows ``X`` and the value ``horizon`` steps after each window, ``y``.

    Window ``i`` holds ``series[i : i + window]`` and its target is ``series[i + window + horizon - 1]``:
    with ``horizon=1`` that is the very next step. The windows slide by one step, so there are
    ``len(series) - window - horizon + 1`` of them. No window ever sees its own target.

    ``series`` is (time,) or (time, features), oldest value first; ``window`` (≥ 1) steps of history go into
    each input, and the target lies ``horizon`` (≥ 1) steps after the window's last step; for a
    multi-feature series, ``target`` picks the column to predict. Returns ``X`` (samples, window, features),
    in the series' dtype (``features`` is 1 for a 1-D series: the layout Keras' recurrent layers expect),
    and ``y``, (samples,) for a 1-D series or with ``target``, else (samples, features).

    A 10-step series, windows of 3:

    >>> X, y = make_windows(np.arange(10), window=3)
    >>> X.shape, y.shape
    ((7, 3, 1), (7,))
    >>> X[:, :, 0].tolist()
    [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6, 7], [6, 7, 8]]
    >>> y.tolist()
    [3, 4, 5, 6, 7, 8, 9]

    Two steps ahead, the last window must leave room for a target two steps later:

    >>> X, y = make_windows(np.arange(10), window=3, horizon=2)
    >>> X[-1, :, 0].tolist(), int(y[-1])
    ([5, 6, 7], 9)
    """
    series = as_array(series, "series", ndim=(1, 2), layout="(time,) or (time, features)", dtype=None)
    if not (np.issubdtype(series.dtype, np.number) or series.dtype == bool):
        raise TypeError(f"series must hold numbers; got dtype {series.dtype}")
    window = as_int(window, "window", minimum=1)
    horizon = as_int(horizon, "horizon", minimum=1)
    length = series.shape[0]
    if window + horizon > length:
        raise ValueError(
            f"window + horizon must be ≤ the series length {length} (each window needs a target after it); "
            f"got window={window}, horizon={horizon}"
        )
    one_d = series.ndim == 1
    values = series[:, None] if one_d else series
    if target is not None:
        target = as_int(target, "target", minimum=0, maximum=values.shape[1] - 1)
    samples = length - window - horizon + 1
    starts = np.arange(samples)
    X = values[starts[:, None] + np.arange(window)[None, :]]  # (samples, window, features)
    y = values[starts + window + horizon - 1]  # (samples, features)
    if one_d:
        y = y[:, 0]
    elif target is not None:
        y = y[:, target]
    return X, y
