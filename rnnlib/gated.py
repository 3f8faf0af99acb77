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

Only numpy is imported; :func:`draw_lstm_cell` imports pyplot when it is called.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array

__all__ = [
    "draw_lstm_cell",
    "gru_params_from_keras",
    "gru_unroll",
    "lstm_params_from_keras",
    "lstm_unroll",
]

# The order in which Keras concatenates the blocks along the kernels' last axis (Keras calls each
# candidate "c" for the LSTM and "h" for the GRU).
_LSTM_GATES, _GRU_GATES = ("i", "f", "g", "o"), ("z", "r", "n")
_LSTM_KEYS = tuple(f"{w}{g}" for g in _LSTM_GATES for w in ("W_x", "W_h", "b_"))
_GRU_KEYS = tuple(f"{w}{g}" for g in _GRU_GATES for w in ("W_x", "W_h", "b_x", "b_h"))


def _sigmoid(a):
    # σ(a) = 1 / (1 + e^(−a)), written with tanh so that it never overflows
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(a, dtype=float)))


def _keras_blocks(weights, gates, bias_shape):
    """Keras' [kernel, recurrent_kernel, bias] (or the layer) split into the column-vector blocks of ``gates``."""
    if hasattr(weights, "get_weights"):  # a Keras layer: take its arrays
        weights = weights.get_weights()
    if not isinstance(weights, (list, tuple)) or len(weights) != 3:
        got = f"{len(weights)} arrays" if isinstance(weights, (list, tuple)) else type(weights).__name__
        raise TypeError(
            f"weights must be a Keras layer or its get_weights() list [kernel, recurrent_kernel, bias]; got {got}"
        )
    blocks = len(gates)
    kernel = as_array(weights[0], "weights[0] (kernel)", ndim=2, layout="(input, gates × units)")
    units = kernel.shape[1] // blocks
    if kernel.shape[1] != blocks * units or units == 0:
        raise ValueError(f"weights[0] (kernel) must have {blocks} × units columns; got shape {kernel.shape}")
    layout = "(units, gates × units)"
    recurrent = as_array(
        weights[1], "weights[1] (recurrent_kernel)", shape=(units, blocks * units), layout=layout
    )
    layout = "(2, gates × units)" if bias_shape else "(gates × units,)"
    bias = as_array(weights[2], "weights[2] (bias)", shape=bias_shape + (blocks * units,), layout=layout)
    params = {}
    for k, gate in enumerate(gates):
        block = slice(k * units, (k + 1) * units)
        params[f"W_x{gate}"], params[f"W_h{gate}"] = kernel[:, block].T, recurrent[:, block].T
        if bias_shape:  # the GRU: row 0 is added to the input part, row 1 to the recurrent part
            params[f"b_x{gate}"], params[f"b_h{gate}"] = bias[0, block], bias[1, block]
        else:
            params[f"b_{gate}"] = bias[block]
    return params


def lstm_params_from_keras(weights) -> dict:
    """Translate a Keras LSTM's weights into the column-vector matrices of the equations.

    ``weights`` is the layer or ``layer.get_weights()``: ``kernel`` (input, 4·units), ``recurrent_kernel``
    (units, 4·units) and ``bias`` (4·units,), each with the blocks i, f, c (candidate), o side by side.
    Returns a dict: ``W_xi, W_xf, W_xg, W_xo`` (units, input), ``W_hi ... W_ho`` (units, units) and
    ``b_i ... b_o`` (units,): block k of Keras' kernel, transposed.

    >>> units, inputs = 2, 3
    >>> kernel = np.arange(inputs * 4 * units, dtype=float).reshape(inputs, 4 * units)
    >>> p = lstm_params_from_keras([kernel, np.zeros((units, 4 * units)), np.zeros(4 * units)])
    >>> p["W_xf"].shape, p["W_xf"][0].tolist()  # the forget gate is Keras' second block
    ((2, 3), [2.0, 10.0, 18.0])
    """
    return _keras_blocks(weights, _LSTM_GATES, ())


def gru_params_from_keras(weights) -> dict:
    """Translate a Keras GRU's weights (``reset_after=True``, the Keras 3 default) into column-vector matrices.

    ``weights`` is the layer or its ``kernel`` (input, 3·units), ``recurrent_kernel`` (units, 3·units) and
    ``bias`` (2, 3·units): row 0 is added to the input part, row 1 to the recurrent part; blocks z, r, h
    (candidate). Returns a dict: ``W_xz, W_xr, W_xn`` (units, input), ``W_hz, W_hr, W_hn`` (units, units),
    ``b_xz, b_xr, b_xn, b_hz, b_hr, b_hn`` (units,).

    >>> units, inputs = 2, 3
    >>> bias = np.arange(2 * 3 * units, dtype=float).reshape(2, 3 * units)
    >>> p = gru_params_from_keras([np.zeros((inputs, 3 * units)), np.zeros((units, 3 * units)), bias])
    >>> p["b_xr"].tolist(), p["b_hr"].tolist()
    ([2.0, 3.0], [8.0, 9.0])
    """
    return _keras_blocks(weights, _GRU_GATES, (2,))


def _lstm_step(x_t, h_prev, c_prev, p):
    """One LSTM step for a batch (rows): ``((h_t, c_t), gates)``."""

    def pre(gate):
        return x_t @ p[f"W_x{gate}"].T + h_prev @ p[f"W_h{gate}"].T + p[f"b_{gate}"]

    i, f, g, o = _sigmoid(pre("i")), _sigmoid(pre("f")), np.tanh(pre("g")), _sigmoid(pre("o"))
    c_t = f * c_prev + i * g
    return (o * np.tanh(c_t), c_t), {"i": i, "f": f, "g": g, "o": o}


def _gru_step(x_t, h_prev, p):
    """One GRU step for a batch (rows, Keras' ``reset_after=True``): ``((h_t,), gates)``."""

    def part(gate):
        return x_t @ p[f"W_x{gate}"].T + p[f"b_x{gate}"], h_prev @ p[f"W_h{gate}"].T + p[f"b_h{gate}"]

    (xz, hz), (xr, hr), (xn, hn) = part("z"), part("r"), part("n")
    z, r = _sigmoid(xz + hz), _sigmoid(xr + hr)
    n = np.tanh(xn + r * hn)
    return (z * h_prev + (1.0 - z) * n,), {"z": z, "r": r, "n": n}


def _block(params, key, units, inputs):
    shape, layout = {
        "W_x": ((units, inputs), "(units, input)"),
        "W_h": ((units, units), "(units, units)"),
    }.get(key[:3], ((units,), "(units,)"))
    return as_array(params[key], f"params[{key!r}]", shape=shape, layout=layout)


def _unroll(x, params, keys, step, n_states):
    """Check ``x`` and ``params`` once, run ``step`` over every time step from zero states, stack the results."""
    if not isinstance(params, dict):
        raise TypeError(
            f"params must be a dict from lstm_params_from_keras/gru_params_from_keras; got {type(params).__name__}"
        )
    missing = [k for k in keys if k not in params]
    if missing:
        raise ValueError(
            f"params lacks {', '.join(missing)} (build it with the matching *_params_from_keras)"
        )
    gate = keys[0][-1]
    units = as_array(params[f"W_h{gate}"], f"params['W_h{gate}']", ndim=2, layout="(units, units)").shape[0]
    inputs = as_array(params[f"W_x{gate}"], f"params['W_x{gate}']", ndim=2, layout="(units, input)").shape[1]
    params = {key: _block(params, key, units, inputs) for key in keys}  # every array: shape, numbers, finite
    x = as_array(x, "x", shape=(None, None, inputs), layout="(batch, time, features)")
    states, history = (np.zeros((len(x), units)),) * n_states, []
    for t in range(x.shape[1]):
        states, gates = step(x[:, t], *states, params)
        history.append((states, gates))
    stacked = [np.stack([s[k] for s, _ in history], axis=1) for k in range(n_states)]
    return stacked, {g: np.stack([gates[g] for _, gates in history], axis=1) for g in history[0][1]}


def lstm_unroll(x, params):
    """Run the LSTM over every step of a batch of sequences, from h_0 = c_0 = 0.

    ``x`` is (batch, time, features), ``params`` from :func:`lstm_params_from_keras`. Returns the hidden and
    cell states after each step, ``h`` and ``c`` (batch, time, units) (``h[:, -1]`` is what
    ``keras.layers.LSTM`` returns), and the ``gates`` ``"i"``, ``"f"``, ``"g"`` (candidate), ``"o"``, each
    (batch, time, units).

    >>> p = lstm_params_from_keras([np.zeros((3, 8)), np.zeros((2, 8)), np.zeros(8)])
    >>> h, c, gates = lstm_unroll(np.ones((4, 5, 3)), p)
    >>> h.shape, c.shape, gates["f"].shape
    ((4, 5, 2), (4, 5, 2), (4, 5, 2))
    >>> float(gates["f"][0, 0, 0]), float(c[0, 0, 0])  # all pre-activations 0: f = σ(0) = 0.5, g = tanh(0) = 0
    (0.5, 0.0)
    """
    (h, c), gates = _unroll(x, params, _LSTM_KEYS, _lstm_step, 2)
    return h, c, gates


def gru_unroll(x, params):
    """Run the GRU over every step of a batch of sequences, from h_0 = 0.

    ``x`` is (batch, time, features), ``params`` from :func:`gru_params_from_keras`. Returns ``h`` (batch,
    time, units) (``h[:, -1]`` is what ``keras.layers.GRU`` returns) and the ``gates`` ``"z"`` (update:
    share of h_{t−1} kept), ``"r"`` (reset), ``"n"`` (candidate), each (batch, time, units).

    >>> p = gru_params_from_keras([np.zeros((3, 6)), np.zeros((2, 6)), np.zeros((2, 6))])
    >>> h, gates = gru_unroll(np.zeros((4, 5, 3)), p)
    >>> h.shape, gates["z"].shape
    ((4, 5, 2), (4, 5, 2))
    """
    (h,), gates = _unroll(x, params, _GRU_KEYS, _gru_step, 1)
    return h, gates


def draw_lstm_cell(title: str = "One LSTM step: the cell state runs along the top, through one × and one +"):
    """A diagram of one LSTM step: the four gates, the cell state's path from c_{t−1} to c_t, and h_t.

    The cell state (orange) meets only an element-wise product with f_t and a sum with i_t ⊙ g_t: no weight
    matrix and no squashing on its way from c_{t−1} to c_t.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = draw_lstm_cell()
    >>> fig.axes[0].get_title().startswith("One LSTM step")
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

    from .ui import PALETTE, use_style

    use_style()
    fig, ax = plt.subplots(figsize=(8.4, 4.6))
    ax.set_xlim(-0.2, 12.4)
    ax.set_ylim(-0.5, 6.4)
    ax.set_aspect("equal")
    ax.axis("off")
    c_y, gate_y, h_y = 5.0, 2.5, 0.8
    cell, gate, plain = PALETTE[1], PALETTE[0], "black"

    def arrow(a, b, color=plain, lw=1.4):
        ax.add_patch(
            FancyArrowPatch(
                a, b, arrowstyle="-|>", mutation_scale=12, color=color, lw=lw, shrinkA=0, shrinkB=0
            )
        )

    def op(xy, text):
        ax.add_patch(Circle(xy, 0.3, facecolor="white", edgecolor=plain, lw=1.2, zorder=3))
        ax.text(*xy, text, ha="center", va="center", fontsize=13, zorder=4)

    def box(x, y, text, filled=True):
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.65, y - 0.33),
                1.3,
                0.66,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor=gate if filled else "white",
                edgecolor=gate,
                lw=1.4,
                zorder=3,
            )
        )
        ax.text(
            x, y, text, ha="center", va="center", color="white" if filled else plain, fontsize=11, zorder=4
        )

    ax.add_patch(
        FancyBboxPatch(
            (1.3, 0.25),
            9.0,
            5.45,
            boxstyle="round,pad=0.05,rounding_size=0.3",
            facecolor="#F3F3F3",
            edgecolor="#AAAAAA",
            lw=1,
        )
    )
    x_f, x_i, x_g, x_o, x_add, x_out = 2.5, 4.2, 5.8, 7.6, 5.0, 9.1
    # the cell state's path
    arrow((0.0, c_y), (x_f - 0.3, c_y), cell, 2.8)
    op((x_f, c_y), "×")
    arrow((x_f + 0.3, c_y), (x_add - 0.3, c_y), cell, 2.8)
    op((x_add, c_y), "+")
    arrow((x_add + 0.3, c_y), (12.2, c_y), cell, 2.8)
    ax.text(0.0, c_y + 0.3, "$c_{t-1}$", fontsize=14, color=cell)
    ax.text(11.7, c_y + 0.3, "$c_t$", fontsize=14, color=cell)
    # inputs: h_{t-1} and x_t feed every gate
    ax.plot([0.0, x_o], [h_y, h_y], color=plain, lw=1.4)
    ax.text(0.0, h_y + 0.2, "$h_{t-1}$", fontsize=14)
    arrow((1.9, -0.45), (1.9, h_y))
    ax.text(2.05, -0.4, "$x_t$", fontsize=14)
    for x, name, fn in [(x_f, "f", "σ"), (x_i, "i", "σ"), (x_g, "g", "tanh"), (x_o, "o", "σ")]:
        arrow((x, h_y), (x, gate_y - 0.33))
        box(x, gate_y, f"${name}_t$ = {fn}")
    ax.text(x_f - 0.6, gate_y - 0.7, "keep", fontsize=10, color=gate)
    ax.text(x_i - 0.6, gate_y - 0.7, "write", fontsize=10, color=gate)
    ax.text(x_g - 0.2, gate_y - 0.7, "candidate", fontsize=10, color=gate)
    ax.text(x_o - 0.5, gate_y - 0.7, "show", fontsize=10, color=gate)
    arrow((x_f, gate_y + 0.33), (x_f, c_y - 0.3))
    op((x_add, 3.85), "×")
    arrow((x_i, gate_y + 0.33), (x_add - 0.2, 3.62))
    arrow((x_g, gate_y + 0.33), (x_add + 0.2, 3.62))
    arrow((x_add, 4.15), (x_add, c_y - 0.3))
    ax.text(x_f + 0.15, 4.2, "$f_t \\odot c_{t-1}$", fontsize=11, color=cell)
    ax.text(x_add + 0.25, 4.2, "$i_t \\odot g_t$", fontsize=11, color=cell)
    # output: h_t = o_t ⊙ tanh(c_t)
    arrow((x_out, c_y), (x_out, 4.05))
    box(x_out, 3.72, "tanh", filled=False)
    op((x_out, gate_y), "×")
    arrow((x_out, 3.39), (x_out, gate_y + 0.3))
    arrow((x_o + 0.65, gate_y), (x_out - 0.3, gate_y))
    ax.plot([x_out, x_out], [gate_y - 0.3, h_y], color=plain, lw=1.4)
    arrow((x_out, h_y), (12.2, h_y))
    ax.text(11.7, h_y + 0.2, "$h_t$", fontsize=14)
    ax.text(x_out + 0.2, 1.45, "$h_t = o_t \\odot \\tanh(c_t)$", fontsize=11)
    ax.set_title(title)
    return fig
