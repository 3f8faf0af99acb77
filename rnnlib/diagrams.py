"""Drawings of an actual RNN cell, and the pure render functions of lessons 02 and 03's explorers.

* :func:`draw_loop`: the loop view, one cell whose state feeds back into itself through ``W_hh``.
* :func:`draw_unrolled`: the same cell unrolled over T steps: T copies that share ``W_xh``, ``W_hh``, ``W_hy``.
* :func:`render_hidden_state` (lesson 02's explorer): the input up to step t, the hidden state as a
  units × time heatmap with step t highlighted, and the output; ``memory`` scales ``W_hh``.
* :func:`render_unrolled` (lesson 03's explorer): the unrolled diagram with step t active and the values
  flowing into it (x_t, h_{t-1}) and out of it (h_t, ŷ_t).

Each returns the matplotlib ``Figure``; the two ``render_*`` functions return ``(fig, info)`` where
``info`` holds the numbers shown, for :func:`rnnlib.ui.explorer` and for a checked cell.
pyplot is imported when a figure is drawn, not when this module is imported.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_float, as_int
from .rnn import RNNCell
from .ui import _CMAP_SIGNED, PALETTE, use_style

__all__ = [
    "draw_loop",
    "draw_unrolled",
    "render_hidden_state",
    "render_unrolled",
    "unrolled_example",
]

_X_COLOR, _H_COLOR, _Y_COLOR, _FADED = PALETTE[0], PALETTE[2], PALETTE[1], "#D9D9D9"
_ROW_X, _ROW_H, _ROW_Y = 0.0, 1.7, 3.4  # heights of the input, hidden and output rows
_DX = 2.3  # horizontal distance between time steps


def _node(ax, xy, text, color, *, w=1.3, h=0.75, fontsize=10, bold=False):
    from matplotlib.patches import FancyBboxPatch

    (x, y), lw = xy, 2.4 if bold else 1.0
    style = dict(boxstyle="round,pad=0.05", facecolor=color, edgecolor="black", lw=lw)
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, **style))
    dark = color not in (_FADED, PALETTE[6], PALETTE[5])
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color="white" if dark else "black")


def _arrow(ax, start, end, label=None, *, color="black", lw=1.2, rad=0.0, label_at=None, fontsize=9):
    from matplotlib.patches import FancyArrowPatch

    style = dict(arrowstyle="-|>", mutation_scale=12, lw=lw, color=color, connectionstyle=f"arc3,rad={rad}")
    ax.add_patch(FancyArrowPatch(start, end, shrinkA=0, shrinkB=0, **style))
    if label:
        middle = ((start[0] + end[0]) / 2 + 0.12, (start[1] + end[1]) / 2)
        ax.text(*(label_at or middle), label, fontsize=fontsize, color=color, ha="left", va="center")


def _shape_labels(cell):
    return {
        "W_xh": f"$W_{{xh}}$ ({cell.units}×{cell.input_size})",
        "W_hh": f"$W_{{hh}}$ ({cell.units}×{cell.units})",
        "W_hy": f"$W_{{hy}}$ ({cell.output_size}×{cell.units})",
    }


def _units(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


def _check_cell(cell):
    if not isinstance(cell, RNNCell):
        raise TypeError(f"cell must be an rnnlib.rnn.RNNCell; got {type(cell).__name__}")
    return cell


def _cell_and_x(cell, x, example):
    """The explorer's ``(cell, x)``, checked, or ``example()`` when neither is given."""
    if cell is None and x is None:
        return example()
    if cell is None or x is None:
        raise ValueError("give both cell and x, or neither (to use the explorer's example)")
    cell = _check_cell(cell)
    x = as_array(x, "x", ndim=2, layout=f"(time, features) = (?, {cell.input_size})")
    if x.shape[1] != cell.input_size:
        raise ValueError(f"x must be (time, features) = (?, {cell.input_size}); got shape {x.shape}")
    return cell, x


def draw_loop(cell, title: str | None = None):
    """The loop view of an :class:`~rnnlib.rnn.RNNCell`: one cell whose hidden state feeds back into itself
    through ``W_hh``. The boxes name the sizes of x_t, h_t and ŷ_t, the arrows the weight matrices and
    their shapes. Returns the Figure.

    >>> from rnnlib.rnn import RNNCell
    >>> draw_loop(RNNCell(input_size=1, units=2, output_size=1)).axes[0].get_title()
    'Loop view: one cell, 11 parameters'
    """
    cell = _check_cell(cell)
    import matplotlib.pyplot as plt

    use_style()
    labels = _shape_labels(cell)
    fig, ax = plt.subplots(figsize=(5.2, 4.0))
    _node(ax, (0, _ROW_X), f"$x_t$\n{_units(cell.input_size, 'feature')}", _X_COLOR)
    _node(ax, (0, _ROW_H), f"$h_t$\n{_units(cell.units, 'unit')}", _H_COLOR, w=1.5)
    _node(ax, (0, _ROW_Y), f"$\\hat y_t$\n{_units(cell.output_size, 'output')}", _Y_COLOR)
    _arrow(ax, (0, _ROW_X + 0.42), (0, _ROW_H - 0.42), labels["W_xh"], label_at=(0.12, (_ROW_X + _ROW_H) / 2))
    label_at = (0.12, (_ROW_H + _ROW_Y) / 2)
    _arrow(ax, (0, _ROW_H + 0.42), (0, _ROW_Y - 0.42), labels["W_hy"] + " + $b_y$", label_at=label_at)
    _arrow(ax, (0.8, _ROW_H + 0.2), (0.8, _ROW_H - 0.2), rad=-2.2, lw=1.6)
    ax.text(1.55, _ROW_H, labels["W_hh"] + "\n$h_{t-1}$ → $h_t$", fontsize=9, va="center")
    ax.text(-1.5, _ROW_H, "tanh\n+ $b_h$", fontsize=9, va="center", ha="center", color=_H_COLOR)
    ax.set(xlim=(-2.0, 3.0), ylim=(-0.6, 4.0), aspect="equal")
    ax.axis("off")
    ax.set_title(title or f"Loop view: one cell, {cell.parameter_count()} parameters")
    return fig


def _draw_unrolled(ax, cell, steps, *, active=None, x=None, h=None, y=None):
    """Draw h_0 and ``steps`` copies of the cell on ``ax``; with ``active`` (1-based), show values up to it."""
    labels = _shape_labels(cell)
    _node(ax, (0, _ROW_H), "$h_0 = 0$", _FADED if active else _H_COLOR, w=1.3)
    for t in range(1, steps + 1):
        cx = t * _DX
        done = active is None or t <= active
        now = active is not None and t == active
        earlier = active is not None and done and not now  # computed earlier: lighter
        color = PALETTE[5] if earlier else (None if done else _FADED)  # None: each row's own colour
        texts = [f"$x_{{{t}}}$", f"$h_{{{t}}}$", f"$\\hat y_{{{t}}}$"]
        if x is not None and done:
            texts = [f"{name}\n{_fmt_vec(v[t - 1])}" for name, v in zip(texts, (x, h, y), strict=True)]
        colors = (_X_COLOR, _H_COLOR, _Y_COLOR)
        for row, text, own, w in zip((_ROW_X, _ROW_H, _ROW_Y), texts, colors, (1.3, 1.5, 1.3), strict=True):
            _node(ax, (cx, row), text, color or own, bold=now, w=w, fontsize=9)
        style = {"color": PALETTE[3] if now else ("black" if done else "#9A9A9A"), "lw": 2.2 if now else 1.1}
        show = active is None or now or t == 1
        for y0, y1, name in ((_ROW_X, _ROW_H, "$W_{xh}$"), (_ROW_H, _ROW_Y, "$W_{hy}$")):
            at = (cx + 0.1, (y0 + y1) / 2)
            _arrow(ax, (cx, y0 + 0.45), (cx, y1 - 0.45), name if show else None, label_at=at, **style)
        start = cx - _DX + (0.7 if t == 1 else 0.8)
        _arrow(ax, (start, _ROW_H), (cx - 0.8, _ROW_H), None, **style)
        if show:
            middle = ((start + cx - 0.8) / 2, _ROW_H + 0.08)
            ax.text(*middle, "$W_{hh}$", fontsize=9, ha="center", va="bottom", color=style["color"])
    ax.set(xlim=(-0.9, steps * _DX + 0.9), ylim=(-0.7, 4.0), aspect="equal")
    ax.axis("off")
    return labels


def _fmt_vec(v, brackets=False):
    v = np.atleast_1d(v)
    if v.size == 1 and not brackets:
        return f"{float(v[0]):.2f}"
    if v.size <= 3:
        return "[" + ", ".join(f"{float(a):.2f}" for a in v) + "]"
    return f"[{float(v[0]):.2f}, …, {float(v[-1]):.2f}]"


def draw_unrolled(cell, steps: int = 4, title: str | None = None):
    """The unrolled view: ``steps`` (1–10) copies of ``cell`` side by side, all sharing W_xh, W_hh and W_hy.
    Returns the Figure.

    >>> from rnnlib.rnn import RNNCell
    >>> draw_unrolled(RNNCell(1, 2, 1), steps=3).axes[0].get_title().startswith("Unrolled over 3 steps")
    True
    """
    cell = _check_cell(cell)
    steps = as_int(steps, "steps", minimum=1, maximum=10)
    import matplotlib.pyplot as plt

    use_style()
    fig, ax = plt.subplots(figsize=(min(1.45 * steps + 1.6, 11), 3.6))
    labels = _draw_unrolled(ax, cell, steps)
    shared = f"{labels['W_xh']}, {labels['W_hh']}, {labels['W_hy']}"
    ax.set_title(
        title or f"Unrolled over {steps} steps: the same {shared} at every step",
        fontsize=10 if steps < 5 else 11,
    )
    return fig


# -- lesson 02: the hidden-state explorer -----------------------------------------------------------------------
def _explorer_example():
    """The hidden-state explorer's default cell (input 1, 8 units, output 1, seed 3) and input (16, 1): +1 at
    step 2, −1 at step 9, 0 elsewhere."""
    cell = RNNCell(input_size=1, units=8, output_size=1, seed=3)
    x = np.zeros((16, 1))
    x[1, 0], x[8, 0] = 1.0, -1.0
    return cell, x


def render_hidden_state(t: int = 1, memory: float = 1.0, cell=None, x=None):
    """Lesson 02's explorer: the input up to step t, every hidden state so far, and the output.

    ``t`` is the current step, 1 … T. ``memory`` (0 … 5) multiplies ``W_hh``: 0 forgets everything at once
    (h_t depends on x_t only), about 1 keeps a fading trace of past inputs, larger values make the state
    saturate at ±1. ``cell`` (``output_size`` 1) and ``x`` (time, features) default to an 8-unit cell and
    16 steps of input with a pulse of +1 at step 2 and −1 at step 9. Returns the figure and ``info``:
    ``t``, ``memory``, ``x_t`` (float), ``h_t`` (ndarray (units,)), ``|h_t|`` (its length) and ``y_t`` (float).

    >>> fig, info = render_hidden_state(t=3, memory=0.0)
    >>> sorted(info)
    ['h_t', 'memory', 't', 'x_t', 'y_t', '|h_t|']
    >>> info["|h_t|"]                          # no memory, and x_3 = 0: nothing is left of the pulse at step 2
    0.0
    """
    cell, x = _cell_and_x(cell, x, _explorer_example)
    if cell.output_size != 1:
        raise ValueError(f"cell.output_size must be 1 for this explorer; got {cell.output_size}")
    steps = x.shape[0]
    t = as_int(t, "t", minimum=1, maximum=steps)
    memory = as_float(memory, "memory", minimum=0.0, maximum=5.0)
    scaled = cell.copy()
    scaled.W_hh *= memory
    y_hat, h = scaled.forward(x)
    time_axis = np.arange(1, steps + 1)

    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    use_style()
    ratios = {"height_ratios": [1, 2.2, 1.2]}
    fig, (ax_x, ax_h, ax_y) = plt.subplots(3, 1, figsize=(7.5, 5.6), sharex=True, gridspec_kw=ratios)
    past = time_axis <= t
    ax_x.bar(time_axis[past], x[past, 0], color=_X_COLOR, width=0.6, label="seen so far")
    ax_x.bar(time_axis[~past], x[~past, 0], color=_FADED, width=0.6, label="still to come")
    ax_x.set(ylabel="$x_t$", ylim=(min(-1.2, x.min() - 0.2), max(1.2, x.max() + 0.2)))
    ax_x.legend(loc="upper right", ncols=2, fontsize=8)
    ax_x.set_title(f"Hidden-state explorer: step t = {t}, memory (W_hh × {memory:g})")

    shown = np.full((cell.units, steps), np.nan)
    shown[:, :t] = h[:t].T
    extent = (0.5, steps + 0.5, cell.units + 0.5, 0.5)
    image = ax_h.imshow(
        shown, aspect="auto", cmap=_CMAP_SIGNED, vmin=-1, vmax=1, interpolation="nearest", extent=extent
    )
    ax_h.add_patch(Rectangle((t - 0.5, 0.5), 1, cell.units, fill=False, edgecolor="black", lw=2.2))
    ax_h.set(ylabel="hidden unit", yticks=range(1, cell.units + 1))
    ax_h.grid(False)
    fig.colorbar(image, ax=ax_h, label="$h_t$ (tanh: −1 … 1)", fraction=0.04, pad=0.01)

    ax_y.plot(time_axis[:t], y_hat[:t, 0], "o-", color=_Y_COLOR, markersize=4, label="$\\hat y_t$")
    ax_y.plot([t], [y_hat[t - 1, 0]], "o", color="black", markersize=7, label="current step")
    limit = max(1.0, float(np.abs(y_hat).max()) * 1.1)
    ax_y.set(ylim=(-limit, limit), ylabel="$\\hat y_t$", xlabel="time step t", xticks=time_axis)
    ax_y.set_xlim(0.5, steps + 0.5)
    ax_y.legend(loc="upper right", ncols=2, fontsize=8)
    x_t = float(x[t - 1, 0]) if cell.input_size == 1 else x[t - 1].copy()
    info = {"t": t, "memory": memory, "x_t": x_t, "h_t": h[t - 1].copy()}
    return fig, {**info, "|h_t|": float(np.linalg.norm(h[t - 1])), "y_t": float(y_hat[t - 1, 0])}


# -- lesson 03: the unrolled explorer ---------------------------------------------------------------------------
def unrolled_example():
    """The cell and sequence the unrolled explorer uses by default: 1 input, 2 units, 1 output, 5 steps.

    >>> cell, x = unrolled_example()
    >>> x[:, 0].tolist()
    [1.0, 0.5, -0.5, 0.0, -1.0]
    """
    W_hh = [[0.5, -0.3], [0.4, 0.6]]
    cell = RNNCell.from_params(W_xh=[[0.8], [-0.5]], W_hh=W_hh, W_hy=[[1.0, -1.0]], b_h=[0.0, 0.1], b_y=[0.0])
    return cell, np.array([[1.0], [0.5], [-0.5], [0.0], [-1.0]])


def render_unrolled(t: int = 1, cell=None, x=None):
    """Lesson 03's explorer: the unrolled diagram with step ``t`` (1 … T) active and its values.

    Steps before t are computed (light), step t is highlighted with the values flowing in (x_t, h_{t-1})
    and out (h_t, ŷ_t), later steps are still grey. ``cell`` and ``x`` (time ≤ 8, features) default to
    :func:`unrolled_example`. Returns the figure and ``info``: ``t``, ``x_t``, ``h_prev`` (h_{t-1}),
    ``h_t`` and ``y_hat_t`` as ndarrays.

    >>> fig, info = render_unrolled(t=1)
    >>> info["h_prev"].tolist(), info["h_t"].round(4).tolist()
    ([0.0, 0.0], [0.664, -0.3799])
    """
    cell, x = _cell_and_x(cell, x, unrolled_example)
    steps = x.shape[0]
    if steps > 8:
        raise ValueError(f"x must have at most 8 time steps to be drawn; got {steps}")
    t = as_int(t, "t", minimum=1, maximum=steps)
    y_hat, h = cell.forward(x)
    h_prev = np.zeros(cell.units) if t == 1 else h[t - 2]

    import matplotlib.pyplot as plt

    use_style()
    fig, ax = plt.subplots(figsize=(min(1.5 * steps + 1.6, 11), 3.9))
    _draw_unrolled(ax, cell, steps, active=t, x=x, h=h, y=y_hat)
    legend = "bold: now · light blue: done · grey: still to come"
    ax.set_title(f"Unrolled explorer: step {t} of {steps} ({legend})", fontsize=11)
    equation = f"$h_{{{t}}}$ = tanh($W_{{hh}}$ {_fmt_vec(h_prev, True)} + $W_{{xh}}$ {_fmt_vec(x[t - 1], True)} + $b_h$)"
    equation += f" = {_fmt_vec(h[t - 1], True)}"
    ax.text(0.5 * steps * _DX, -0.62, equation, ha="center", va="top", fontsize=10, color=PALETTE[3])
    ax.set_ylim(-1.0, 4.0)
    info = {"t": t, "x_t": x[t - 1].copy(), "h_prev": h_prev.copy(), "h_t": h[t - 1].copy()}
    return fig, {**info, "y_hat_t": y_hat[t - 1].copy()}
