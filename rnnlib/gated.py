"""LSTM and GRU cells from scratch in numpy, matching ``keras.layers.LSTM`` and ``keras.layers.GRU``.

The equations use the series' column-vector notation (W_x· has shape (units, input), W_h· has shape
(units, units)); the code works on a batch of row vectors, so it multiplies by transposes. Keras
stores its weights the other way round and with the gates side by side; :func:`lstm_params_from_keras`
and :func:`gru_params_from_keras` are the one place that translates.

LSTM (Keras' gate order in its kernels: i, f, c, o)::

    i_t = σ(W_xi x_t + W_hi h_{t−1} + b_i)        input gate: how much of the candidate to write
    f_t = σ(W_xf x_t + W_hf h_{t−1} + b_f)        forget gate: how much of the old cell to keep
    g_t = tanh(W_xg x_t + W_hg h_{t−1} + b_g)     candidate (Keras calls this block "c")
    o_t = σ(W_xo x_t + W_ho h_{t−1} + b_o)        output gate: how much of the cell to show
    c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t               cell state: the memory
    h_t = o_t ⊙ tanh(c_t)                         hidden state: what the next layer sees

GRU (Keras 3 default ``reset_after=True``; gate order z, r, h; two bias vectors)::

    z_t = σ(W_xz x_t + b_xz + W_hz h_{t−1} + b_hz)             update gate: how much of h_{t−1} to keep
    r_t = σ(W_xr x_t + b_xr + W_hr h_{t−1} + b_hr)             reset gate
    n_t = tanh(W_xn x_t + b_xn + r_t ⊙ (W_hn h_{t−1} + b_hn))  candidate
    h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t

Only numpy is imported.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array

__all__ = [
    "gru_params_from_keras",
    "gru_unroll",
    "lstm_params_from_keras",
    "lstm_unroll",
]

#: The order in which Keras concatenates the LSTM's four blocks along the kernels' last axis.
_LSTM_GATES = ("i", "f", "g", "o")
#: The order in which Keras concatenates the GRU's three blocks (Keras calls the candidate "h").
_GRU_GATES = ("z", "r", "n")


def _sigmoid(a):
    """The logistic function σ(a) = 1 / (1 + e^(−a)), computed without overflow.

    >>> _sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    a = np.asarray(a, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def _keras_weights(weights, name: str, blocks: int, bias_rows: int | None):
    if hasattr(weights, "get_weights"):  # a Keras layer: take its arrays
        weights = weights.get_weights()
    if not isinstance(weights, (list, tuple)) or len(weights) != 3:
        got = type(weights).__name__ if not isinstance(weights, (list, tuple)) else f"{len(weights)} arrays"
        raise TypeError(
            f"{name} must be a Keras layer or its get_weights() list [kernel, recurrent_kernel, bias]; got {got}"
        )
    kernel = as_array(weights[0], f"{name}[0] (kernel)", ndim=2, layout="(input, gates × units)")
    units = kernel.shape[1] // blocks
    if kernel.shape[1] != blocks * units or units == 0:
        raise ValueError(f"{name}[0] (kernel) must have {blocks} × units columns; got shape {kernel.shape}")
    recurrent = as_array(
        weights[1],
        f"{name}[1] (recurrent_kernel)",
        shape=(units, blocks * units),
        layout="(units, gates × units)",
    )
    if bias_rows is None:
        bias = as_array(weights[2], f"{name}[2] (bias)", shape=(blocks * units,), layout="(gates × units,)")
    else:
        bias = as_array(
            weights[2], f"{name}[2] (bias)", shape=(bias_rows, blocks * units), layout="(2, gates × units)"
        )
    return kernel, recurrent, bias, units


def lstm_params_from_keras(weights) -> dict:
    """Translate a Keras LSTM's weights into the column-vector matrices of the equations.

    Parameters
    ----------
    weights : keras.layers.LSTM or list of 3 arrays
        The layer, or ``layer.get_weights()``: ``kernel`` (input, 4·units), ``recurrent_kernel``
        (units, 4·units) and ``bias`` (4·units,), each with the blocks i, f, c (candidate), o side by side.

    Returns
    -------
    dict
        ``W_xi, W_xf, W_xg, W_xo`` of shape (units, input), ``W_hi ... W_ho`` of shape (units, units)
        and ``b_i ... b_o`` of shape (units,): block k of Keras' kernel, transposed.

    Examples
    --------
    >>> units, inputs = 2, 3
    >>> kernel = np.arange(inputs * 4 * units, dtype=float).reshape(inputs, 4 * units)
    >>> p = lstm_params_from_keras([kernel, np.zeros((units, 4 * units)), np.zeros(4 * units)])
    >>> p["W_xf"].shape, p["W_xf"][0].tolist()  # the forget gate is Keras' second block
    ((2, 3), [2.0, 10.0, 18.0])
    """
    kernel, recurrent, bias, units = _keras_weights(weights, "weights", 4, None)
    params = {}
    for k, gate in enumerate(_LSTM_GATES):
        block = slice(k * units, (k + 1) * units)
        params[f"W_x{gate}"] = kernel[:, block].T
        params[f"W_h{gate}"] = recurrent[:, block].T
        params[f"b_{gate}"] = bias[block]
    return params


def gru_params_from_keras(weights) -> dict:
    """Translate a Keras GRU's weights (``reset_after=True``, the Keras 3 default) into column-vector matrices.

    Parameters
    ----------
    weights : keras.layers.GRU or list of 3 arrays
        ``kernel`` (input, 3·units), ``recurrent_kernel`` (units, 3·units) and ``bias`` (2, 3·units):
        row 0 is added to the input part, row 1 to the recurrent part; blocks z, r, h (candidate).

    Returns
    -------
    dict
        ``W_xz, W_xr, W_xn`` (units, input), ``W_hz, W_hr, W_hn`` (units, units),
        ``b_xz, b_xr, b_xn, b_hz, b_hr, b_hn`` (units,).

    Examples
    --------
    >>> units, inputs = 2, 3
    >>> bias = np.arange(2 * 3 * units, dtype=float).reshape(2, 3 * units)
    >>> p = gru_params_from_keras([np.zeros((inputs, 3 * units)), np.zeros((units, 3 * units)), bias])
    >>> p["b_xr"].tolist(), p["b_hr"].tolist()
    ([2.0, 3.0], [8.0, 9.0])
    """
    kernel, recurrent, bias, units = _keras_weights(weights, "weights", 3, 2)
    params = {}
    for k, gate in enumerate(_GRU_GATES):
        block = slice(k * units, (k + 1) * units)
        params[f"W_x{gate}"] = kernel[:, block].T
        params[f"W_h{gate}"] = recurrent[:, block].T
        params[f"b_x{gate}"] = bias[0, block]
        params[f"b_h{gate}"] = bias[1, block]
    return params


def _check_params(params, keys, name="params"):
    if not isinstance(params, dict):
        raise TypeError(
            f"{name} must be a dict from lstm_params_from_keras/gru_params_from_keras; got {type(params).__name__}"
        )
    missing = [k for k in keys if k not in params]
    if missing:
        raise ValueError(
            f"{name} lacks {', '.join(missing)} (build it with the matching *_params_from_keras)"
        )
    return params["W_h" + keys[0][-1]].shape[0], params["W_x" + keys[0][-1]].shape[1]


_LSTM_KEYS = tuple(f"{w}{g}" for g in _LSTM_GATES for w in ("W_x", "W_h", "b_"))
_GRU_KEYS = tuple(f"{w}{g}" for g in _GRU_GATES for w in ("W_x", "W_h", "b_x", "b_h"))


def _state(value, name, batch, units):
    if value is None:
        return np.zeros((batch, units))
    return as_array(value, name, shape=(batch, units), layout="(batch, units)")


def _lstm_step(x_t, h_prev, c_prev, params):
    """One LSTM step for a batch: returns ``h_t``, ``c_t`` and the gate values.

    Parameters
    ----------
    x_t : array-like, shape (batch, input)
    h_prev, c_prev : array-like, shape (batch, units), or None for zeros (h_0 = c_0 = 0)
    params : dict from :func:`lstm_params_from_keras`

    Returns
    -------
    h_t, c_t : ndarray, shape (batch, units)
    gates : dict of ndarray, shape (batch, units)
        ``"i"``, ``"f"``, ``"g"`` (candidate) and ``"o"``.

    Examples
    --------
    >>> p = lstm_params_from_keras([np.zeros((1, 8)), np.zeros((2, 8)), np.zeros(8)])
    >>> h, c, gates = _lstm_step(np.ones((1, 1)), None, np.ones((1, 2)), p)
    >>> gates["f"].tolist(), c.tolist()  # all pre-activations 0: f = σ(0) = 0.5 keeps half the cell
    ([[0.5, 0.5]], [[0.5, 0.5]])
    """
    units, inputs = _check_params(params, _LSTM_KEYS)
    x_t = as_array(x_t, "x_t", shape=(None, inputs), layout="(batch, input)")
    h_prev = _state(h_prev, "h_prev", x_t.shape[0], units)
    c_prev = _state(c_prev, "c_prev", x_t.shape[0], units)

    def pre(gate):
        return x_t @ params[f"W_x{gate}"].T + h_prev @ params[f"W_h{gate}"].T + params[f"b_{gate}"]

    i, f, g, o = _sigmoid(pre("i")), _sigmoid(pre("f")), np.tanh(pre("g")), _sigmoid(pre("o"))
    c_t = f * c_prev + i * g
    h_t = o * np.tanh(c_t)
    return h_t, c_t, {"i": i, "f": f, "g": g, "o": o}


def _gru_step(x_t, h_prev, params):
    """One GRU step for a batch (Keras' ``reset_after=True``): returns ``h_t`` and the gate values.

    Parameters
    ----------
    x_t : array-like, shape (batch, input)
    h_prev : array-like, shape (batch, units), or None for zeros
    params : dict from :func:`gru_params_from_keras`

    Returns
    -------
    h_t : ndarray, shape (batch, units)
    gates : dict of ndarray, shape (batch, units)
        ``"z"`` (update: share of h_{t−1} kept), ``"r"`` (reset) and ``"n"`` (candidate).

    Examples
    --------
    >>> p = gru_params_from_keras([np.zeros((1, 6)), np.zeros((2, 6)), np.zeros((2, 6))])
    >>> h, gates = _gru_step(np.ones((1, 1)), np.ones((1, 2)), p)
    >>> gates["z"].tolist(), h.tolist()  # z = 0.5: half of h_{t−1}, half of the candidate 0
    ([[0.5, 0.5]], [[0.5, 0.5]])
    """
    units, inputs = _check_params(params, _GRU_KEYS)
    x_t = as_array(x_t, "x_t", shape=(None, inputs), layout="(batch, input)")
    h_prev = _state(h_prev, "h_prev", x_t.shape[0], units)

    def part(gate):
        return (
            x_t @ params[f"W_x{gate}"].T + params[f"b_x{gate}"],
            h_prev @ params[f"W_h{gate}"].T + params[f"b_h{gate}"],
        )

    (xz, hz), (xr, hr), (xn, hn) = part("z"), part("r"), part("n")
    z, r = _sigmoid(xz + hz), _sigmoid(xr + hr)
    n = np.tanh(xn + r * hn)
    h_t = z * h_prev + (1.0 - z) * n
    return h_t, {"z": z, "r": r, "n": n}


def _sequences(x, params, keys):
    units, inputs = _check_params(params, keys)
    return as_array(x, "x", shape=(None, None, inputs), layout="(batch, time, features)"), units


def lstm_unroll(x, params):
    """Run :func:`_lstm_step` over every step of a batch of sequences, from h_0 = c_0 = 0.

    Parameters
    ----------
    x : array-like, shape (batch, time, features)
    params : dict from :func:`lstm_params_from_keras`

    Returns
    -------
    h, c : ndarray, shape (batch, time, units)
        Hidden and cell state after each step; ``h[:, -1]`` is what ``keras.layers.LSTM`` returns.
    gates : dict of ndarray, shape (batch, time, units)
        ``"i"``, ``"f"``, ``"g"``, ``"o"`` at every step.

    Examples
    --------
    >>> p = lstm_params_from_keras([np.zeros((3, 8)), np.zeros((2, 8)), np.zeros(8)])
    >>> h, c, gates = lstm_unroll(np.zeros((4, 5, 3)), p)
    >>> h.shape, c.shape, gates["f"].shape
    ((4, 5, 2), (4, 5, 2), (4, 5, 2))
    """
    x, units = _sequences(x, params, _LSTM_KEYS)
    h_t = c_t = None
    hs, cs, gs = [], [], {g: [] for g in _LSTM_GATES}
    for t in range(x.shape[1]):
        h_t, c_t, gates = _lstm_step(x[:, t], h_t, c_t, params)
        hs.append(h_t)
        cs.append(c_t)
        for g in _LSTM_GATES:
            gs[g].append(gates[g])
    return np.stack(hs, axis=1), np.stack(cs, axis=1), {g: np.stack(v, axis=1) for g, v in gs.items()}


def gru_unroll(x, params):
    """Run :func:`_gru_step` over every step of a batch of sequences, from h_0 = 0.

    Returns
    -------
    h : ndarray, shape (batch, time, units)
        ``h[:, -1]`` is what ``keras.layers.GRU`` returns.
    gates : dict of ndarray, shape (batch, time, units)
        ``"z"``, ``"r"``, ``"n"`` at every step.

    Examples
    --------
    >>> p = gru_params_from_keras([np.zeros((3, 6)), np.zeros((2, 6)), np.zeros((2, 6))])
    >>> h, gates = gru_unroll(np.zeros((4, 5, 3)), p)
    >>> h.shape, gates["z"].shape
    ((4, 5, 2), (4, 5, 2))
    """
    x, units = _sequences(x, params, _GRU_KEYS)
    h_t = None
    hs, gs = [], {g: [] for g in _GRU_GATES}
    for t in range(x.shape[1]):
        h_t, gates = _gru_step(x[:, t], h_t, params)
        hs.append(h_t)
        for g in _GRU_GATES:
            gs[g].append(gates[g])
    return np.stack(hs, axis=1), {g: np.stack(v, axis=1) for g, v in gs.items()}
