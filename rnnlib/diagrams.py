"""Drawings of an actual RNN cell, and the explorers of lessons 02 and 03.

* :func:`draw_loop`: the loop view, one cell whose state feeds back into itself through ``W_hh``.
* :func:`draw_unrolled`: the same cell unrolled over T steps: T copies that share ``W_xh``, ``W_hh``, ``W_hy``.
* :class:`HiddenStateView` (lesson 02's explorer): how the scale of ``W_hh`` (its spectral radius) decides
  what the hidden state keeps of two input pulses: every state as a units × time heatmap, and ‖h_t‖ over time
  beside the curves for W_hh × 0.5, × 1 and × 3.
* :class:`UnrolledView` (lesson 03's explorer): the unrolled chain for inputs, order and ``W_hh`` scale of the
  learner's choosing, every input and state arrow labelled with its weight and its term of z_t, and
  z_t = W_hh h_{t-1} + W_xh x_t + b_h written out for one step.

The two views are :class:`rnnlib.ui.View` s: ``fig, info = view(**values)`` draws them for one setting and
:func:`rnnlib.ui.explorer` updates them in place. pyplot is imported when a figure is drawn, not when this
module is imported.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_float, as_int
from .rnn import RNNCell
from .ui import _CMAP_SIGNED, PALETTE, View, use_style

__all__ = [
    "HiddenStateView",
    "UnrolledView",
    "draw_loop",
    "draw_unrolled",
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
    ax.text(  # on one line under the h_t box, which computes h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h)
        -0.12, _ROW_H - 0.58, "$h_t = $ tanh(… + $b_h$)", fontsize=9, va="center", ha="right", color=_H_COLOR
    )
    ax.set(xlim=(-2.0, 3.0), ylim=(-0.6, 4.0), aspect="equal")
    ax.axis("off")
    ax.set_title(title or f"Loop view: one cell, {cell.parameter_count()} parameters")
    return fig


def _draw_unrolled(ax, cell, steps):
    """Draw h_0 and ``steps`` copies of the cell on ``ax``, every arrow labelled with its weight matrix."""
    labels = _shape_labels(cell)
    _node(ax, (0, _ROW_H), "$h_0 = 0$", _H_COLOR, w=1.3)
    for t in range(1, steps + 1):
        cx = t * _DX
        texts = [f"$x_{{{t}}}$", f"$h_{{{t}}}$", f"$\\hat y_{{{t}}}$"]
        for row, text, color, w in zip(
            (_ROW_X, _ROW_H, _ROW_Y), texts, (_X_COLOR, _H_COLOR, _Y_COLOR), (1.3, 1.5, 1.3), strict=True
        ):
            _node(ax, (cx, row), text, color, w=w, fontsize=9)
        for y0, y1, name in ((_ROW_X, _ROW_H, "$W_{xh}$"), (_ROW_H, _ROW_Y, "$W_{hy}$")):
            _arrow(ax, (cx, y0 + 0.45), (cx, y1 - 0.45), name, label_at=(cx + 0.1, (y0 + y1) / 2))
        start = cx - _DX + (0.7 if t == 1 else 0.8)
        _arrow(ax, (start, _ROW_H), (cx - 0.8, _ROW_H))
        ax.text((start + cx - 0.8) / 2, _ROW_H + 0.08, "$W_{hh}$", fontsize=9, ha="center", va="bottom")
    ax.set(xlim=(-0.9, steps * _DX + 0.9), ylim=(-0.7, 4.0), aspect="equal")
    ax.axis("off")
    return labels


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
_PULSE_STEPS = (2, 9)  # the two input pulses of lesson 02's example (1-based steps)
_REFERENCE_SCALES = (0.5, 1.0, 3.0)


def _explorer_example(seed=3):
    """Lesson 02's example: a cell (input 1, 8 units, output 1, seed 3 unless given; its ``W_hh`` is orthogonal,
    so every eigenvalue has size 1) and 16 steps of input, +1 at step 2, −1 at step 9, 0 elsewhere: ``(cell, x)``."""
    cell = RNNCell(input_size=1, units=8, output_size=1, seed=seed)
    x = np.zeros((16, 1))
    x[_PULSE_STEPS[0] - 1, 0], x[_PULSE_STEPS[1] - 1, 0] = 1.0, -1.0
    return cell, x


def _pulse_run(cell, x, scale, pulse):
    """States of ``cell`` with W_hh × ``scale`` on ``x`` whose second pulse is ``pulse``, and without it."""
    scaled = cell.copy()
    scaled.W_hh *= scale
    with_pulse, without = x.copy(), x.copy()
    with_pulse[_PULSE_STEPS[1] - 1, 0], without[_PULSE_STEPS[1] - 1, 0] = pulse, 0.0
    return scaled, scaled.forward(with_pulse)[1], scaled.forward(without)[1]


class HiddenStateView(View):
    """Lesson 02's explorer: what the hidden state keeps of two input pulses, for W_hh scaled by ``scale``.

    The cell has 8 units and an orthogonal ``W_hh`` (every eigenvalue has size 1), so W_hh × ``scale`` has
    spectral radius ρ = ``scale``. The input is 16 steps of zeros with +1 at step 2 and ``pulse`` at step 9.
    Top: the input. Middle: every hidden state h_1 … h_16 (units × time). Bottom, on a log axis: ‖h_t‖ for
    this scale (black), for W_hh × 0.5, × 1 and × 3 (thin), and how far the step-9 pulse moves the state,
    ‖h_t − h_t without that pulse‖ (dashed).

    ``view.update(scale, pulse, cell)`` (scale 0 … 5, pulse −2 … 2, cell 0 … 9: the seed of the cell's
    random orthogonal ``W_hh`` and ``W_xh``, 3 being the lesson's) returns ``cell seed``, ``W_hh ×``, ``ρ``
    (the spectral radius, rounded to 4 decimals), ``|h_8|`` and ``|h_16|`` (the state's length before the
    second pulse and at the end) and ``pulse moves h_16 by`` (‖h_16 − h_16 without the step-9 pulse‖).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig, info = HiddenStateView()(scale=0.5)
    >>> info["ρ"], round(info["|h_8|"], 3)           # the step-2 pulse, six steps later: about 0.5⁶ of it
    (0.5, 0.017)
    """

    _NORM_LIMITS = (1e-4, 6.0)

    def __init__(self):
        import matplotlib.pyplot as plt

        use_style()
        self.cell, self.x = _explorer_example()
        self.cells = {3: self.cell}  # by seed: the cells a learner has picked
        steps, units = self.x.shape[0], self.cell.units
        self.time = np.arange(1, steps + 1)
        ratios = {"height_ratios": [0.8, 2.0, 2.2]}
        fig, (ax_x, ax_h, ax_n) = plt.subplots(3, 1, figsize=(7.5, 6.0), sharex=True, gridspec_kw=ratios)
        super().__init__(fig)
        self.title = self.dynamic(ax_x.set_title(" "))

        bars = ax_x.bar(self.time, self.x[:, 0], color=_X_COLOR, width=0.6)
        self.pulse_bar = self.dynamic(bars[_PULSE_STEPS[1] - 1])
        ax_x.set(ylabel="input $x_t$", ylim=(-2.3, 2.3), yticks=[-2, -1, 0, 1, 2])

        extent = (0.5, steps + 0.5, units + 0.5, 0.5)
        self.image = self.dynamic(
            ax_h.imshow(
                np.zeros((units, steps)),
                aspect="auto",
                cmap=_CMAP_SIGNED,
                vmin=-1,
                vmax=1,
                interpolation="nearest",
                extent=extent,
            )
        )
        ax_h.set(ylabel="hidden unit", yticks=range(1, units + 1))
        ax_h.grid(False)
        fig.colorbar(self.image, ax=ax_h, label="$h_t$ (tanh: −1 … 1)", fraction=0.04, pad=0.01)

        self.references = []
        for scale, color in zip(_REFERENCE_SCALES, (PALETTE[0], PALETTE[2], PALETTE[3]), strict=True):
            (line,) = ax_n.plot(  # thick and pale: visible under the black line when the scales agree
                [], [], color=color, lw=4.0, alpha=0.45, label=f"‖$h_t$‖, $W_{{hh}}$ × {scale:g}"
            )
            self.references.append((scale, self.dynamic(line)))
        self.norm = self.dynamic(
            ax_n.plot([], [], "o-", color=PALETTE[7], lw=1.6, markersize=3.5, label="‖$h_t$‖, this scale")[0]
        )
        label = "‖$h_t$ − $h_t$ without the step-9 pulse‖"
        self.effect = self.dynamic(ax_n.plot([], [], "--", color=PALETTE[4], lw=2.0, label=label)[0])
        largest = np.sqrt(units)  # every unit at ±1
        ax_n.axhline(
            largest, color="#9A9A9A", lw=1.0, ls="--", label=f"largest possible, √{units} (all units ±1)"
        )
        ax_n.set_yscale("log")
        ax_n.set(ylim=self._NORM_LIMITS, ylabel="‖$h_t$‖ (log scale)", xlabel="time step t")
        ax_n.set(xlim=(0.5, steps + 0.5), xticks=self.time)
        ax_n.legend(loc="lower left", fontsize=8, ncols=2)
        for step in _PULSE_STEPS:
            for ax in (ax_x, ax_n):
                ax.axvline(step, color="#9A9A9A", lw=0.8, ls=":")

    def _norms(self, h):
        # ‖h_t‖ for the log axis: a state of exactly 0 has no point (NaN), not a line down to the bottom edge
        norms = np.linalg.norm(h, axis=1)
        return np.where(norms > 0, norms, np.nan)

    def update(self, scale: float = 1.0, pulse: float = -1.0, cell: int = 3) -> dict:
        scale = as_float(scale, "scale", minimum=0.0, maximum=5.0)
        pulse = as_float(pulse, "pulse", minimum=-2.0, maximum=2.0)
        seed = as_int(cell, "cell", minimum=0, maximum=9)
        if seed not in self.cells:
            self.cells[seed] = _explorer_example(seed)[0]
        rnn = self.cells[seed]
        scaled, h, h_without = _pulse_run(rnn, self.x, scale, pulse)
        for reference, line in self.references:
            line.set_data(self.time, self._norms(_pulse_run(rnn, self.x, reference, pulse)[1]))
        self.norm.set_data(self.time, self._norms(h))
        difference = np.linalg.norm(h - h_without, axis=1)
        after = self.time >= _PULSE_STEPS[1]
        self.effect.set_data(self.time[after], np.where(difference[after] > 0, difference[after], np.nan))
        self.image.set_data(h.T)
        self.pulse_bar.set_height(pulse)
        radius = float(np.max(np.abs(np.linalg.eigvals(scaled.W_hh))))
        self.title.set_text(
            f"$W_{{hh}}$ × {scale:g}: spectral radius ρ = {radius:.2f}; pulse at step 9: {pulse:+g}; cell seed {seed}"
        )
        return {
            "cell seed": seed,
            "W_hh ×": scale,
            "ρ": round(radius, 4),
            "|h_8|": float(np.linalg.norm(h[7])),
            "|h_16|": float(np.linalg.norm(h[-1])),
            "pulse moves h_16 by": float(difference[-1]),
        }


# -- lesson 03: the unrolled explorer ---------------------------------------------------------------------------
def unrolled_example():
    """The cell and sequence of lesson 03 (and of its explorer): 1 input, 2 units, 1 output, 5 steps.

    >>> cell, x = unrolled_example()
    >>> x[:, 0].tolist()
    [1.0, 0.5, -0.5, 0.0, -1.0]
    """
    W_hh = [[0.5, -0.3], [0.4, 0.6]]
    cell = RNNCell.from_params(W_xh=[[0.8], [-0.5]], W_hh=W_hh, W_hy=[[1.0, -1.0]], b_h=[0.0, 0.1], b_y=[0.0])
    return cell, np.array([[1.0], [0.5], [-0.5], [0.0], [-1.0]])


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(t):
    return str(t).translate(_SUB)


def _vec(v):
    return "[" + ", ".join(f"{float(a):.2f}" for a in np.atleast_1d(v)) + "]"


def _parse_inputs(inputs, steps):
    """``inputs`` as ``steps`` numbers: a sequence, or a string of numbers separated by commas or spaces."""
    if isinstance(inputs, str):
        parts = inputs.replace(",", " ").split()
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise ValueError(f"inputs must be {steps} numbers separated by commas; got {inputs!r}") from None
    else:
        values = as_array(inputs, "inputs", ndim=(1, 2), layout=f"({steps},)").ravel().tolist()
    if len(values) != steps:
        raise ValueError(f"inputs must be {steps} numbers (one per step); got {len(values)}")
    values = np.array(values)
    if not np.all(np.isfinite(values)) or np.abs(values).max() > 10:
        raise ValueError(f"inputs must be finite numbers between -10 and 10; got {values.tolist()}")
    return values[:, None]


class UnrolledView(View):
    """Lesson 03's explorer: :func:`unrolled_example`'s cell unrolled over its 5 steps, with numbers.

    Every arrow is labelled: W_xh carries W_xh x_t up into step t, W_hh carries W_hh h_{t−1} from the previous
    step, W_hy takes h_t up to ŷ_t. Each box shows its value; step ``t`` is framed, and below the chain
    z_t = W_hh h_{t−1} + W_xh x_t + b_h is written out with its numbers, then h_t = tanh(z_t) and ŷ_t.

    ``view.update(scale, inputs, reverse, t)``: ``scale`` (0 … 3) multiplies W_hh; ``inputs`` are the 5 input
    values (a sequence, or a string such as ``"1, 0.5, -0.5, 0, -1"``; each within ±10); ``reverse`` feeds
    them in reverse order; ``t`` (1 … 5) is the step written out. Returns ``ρ`` (the spectral radius of the scaled W_hh), ``t``, ``x_t``, ``z_t``, ``h_t``,
    ``y_hat_t`` and ``h_5`` (the final state) as floats or ndarrays.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig, info = UnrolledView()(t=1)
    >>> info["z_t"].round(4).tolist(), info["h_t"].round(4).tolist()   # z_1 = W_xh x_1 + b_h (h_0 = 0)
    ([0.8, -0.4], [0.664, -0.3799])
    """

    _DX, _ROWS, _BOX = 3.4, (0.0, 1.9, 3.6), (1.3, 1.7, 1.3)  # step spacing, row heights, box widths

    def __init__(self):
        import matplotlib.pyplot as plt
        from matplotlib.patches import Rectangle

        use_style()
        self.cell, self.x = unrolled_example()
        steps, dx = self.x.shape[0], self._DX
        row_x, row_h, row_y = self._ROWS
        w_x, w_h, w_y = self._BOX
        fig, ax = plt.subplots(figsize=(10.5, 3.5))
        super().__init__(fig)
        self.ax, self._shown_x = ax, None
        ax.set_title(
            f"Unrolled over {steps} steps: each input and state arrow shows its term of $z_t$", fontsize=11
        )
        _node(ax, (0, row_h), "$h_0 = 0$", _H_COLOR, w=1.3, h=0.9)
        self.values = {"x": [], "h": [], "y": [], "xh": [], "hh": []}
        small = dict(fontsize=8.5, ha="center", va="center", color="white")
        for t in range(1, steps + 1):
            cx = t * dx
            for row, name, color, w, key in (
                (row_x, f"$x_{{{t}}}$", _X_COLOR, w_x, "x"),
                (row_h, f"$h_{{{t}}}$", _H_COLOR, w_h, "h"),
                (row_y, f"$\\hat y_{{{t}}}$", _Y_COLOR, w_y, "y"),
            ):
                _node(ax, (cx, row + 0.17), name, color, w=w, h=0.9, fontsize=10)
                text = ax.text(cx, row - 0.2, " ", **small)
                self.values[key].append(text if key == "x" else self.dynamic(text))  # x: see update()
            # input arrow: W_xh, carrying W_xh x_t
            _arrow(ax, (cx, row_x + 0.47), (cx, row_h - 0.47))
            ax.text(cx + 0.1, (row_x + row_h) / 2 + 0.28, f"$W_{{xh}} x_{{{t}}}$", fontsize=8.5, va="center")
            label = ax.text(
                cx + 0.1, (row_x + row_h) / 2 - 0.09, " ", fontsize=8.5, va="center", color=_X_COLOR
            )
            self.values["xh"].append(label)  # changes with the inputs only: see update()
            # output arrow: W_hy
            _arrow(
                ax,
                (cx, row_h + 0.47),
                (cx, row_y - 0.47),
                "$W_{hy}$",
                label_at=(cx + 0.1, (row_h + row_y) / 2),
            )
            # recurrent arrow: W_hh, carrying W_hh h_{t-1}; its label sits above the boxes, between two steps
            start = cx - dx + (0.65 if t == 1 else w_h / 2)
            _arrow(ax, (start, row_h), (cx - w_h / 2, row_h))
            middle = (start + cx - w_h / 2) / 2
            ax.plot([middle, middle], [row_h + 0.03, row_h + 0.7], color="#9A9A9A", lw=0.8)
            ax.text(middle, row_h + 1.02, f"$W_{{hh}} h_{{{t - 1}}}$", fontsize=8.5, ha="center", va="bottom")
            label = ax.text(middle, row_h + 0.72, " ", fontsize=8.5, ha="center", va="bottom", color=_H_COLOR)
            self.values["hh"].append(self.dynamic(label))
        self.outlines = [  # the boxes of step t, outlined
            self.dynamic(
                ax.add_patch(Rectangle((0, row - 0.36), w + 0.12, 1.06, fill=False, lw=2.6, ec=PALETTE[3]))
            )
            for row, w in zip(self._ROWS, self._BOX, strict=True)
        ]
        self.equation = self.dynamic(
            ax.text(0.5 * (steps + 0.5) * dx, row_x - 0.75, " ", ha="center", va="top", fontsize=10)
        )
        ax.set(xlim=(-0.9, steps * dx + 2.0), ylim=(row_x - 1.45, row_y + 0.7), aspect="equal")
        ax.axis("off")

    def _show_inputs(self, x, from_input):
        """The input boxes and the W_xh x_t labels change only with the inputs or their order, so they are
        drawn with the background (a move of W_hh × or t redraws 16 texts, not 26). When they do change, a
        tiny change of the y-limits (1e-9 of a unit, invisible) tells the explorer to redraw the background."""
        if self._shown_x is not None and np.array_equal(x, self._shown_x):
            return
        for i in range(x.shape[0]):
            self.values["x"][i].set_text(f"{x[i, 0]:.2f}")
            self.values["xh"][i].set_text(_vec(from_input[i]))
        if self._shown_x is not None:
            bottom, top = self.ax.get_ylim()
            self.ax.set_ylim(bottom, top + (1e-9 if round(top, 6) == top else -1e-9))
        self._shown_x = x.copy()

    def update(self, scale: float = 1.0, inputs=None, reverse: bool = False, t: int = 5) -> dict:
        scale = as_float(scale, "scale", minimum=0.0, maximum=3.0)
        steps = self.x.shape[0]
        x = self.x if inputs is None else _parse_inputs(inputs, steps)
        if not isinstance(reverse, (bool, np.bool_)):
            raise TypeError(f"reverse must be True or False; got {reverse!r}")
        t = as_int(t, "t", minimum=1, maximum=steps)
        x = x[::-1] if reverse else x
        cell = self.cell.copy()
        cell.W_hh *= scale
        y_hat, h = cell.forward(x)
        h_prev = np.vstack([np.zeros(cell.units), h[:-1]])
        from_input, from_past = x @ cell.W_xh.T, h_prev @ cell.W_hh.T
        z = from_past + from_input + cell.b_h
        self._show_inputs(x, from_input)
        for i in range(steps):
            self.values["h"][i].set_text(_vec(h[i]))
            self.values["y"][i].set_text(f"{y_hat[i, 0]:.2f}")
            self.values["hh"][i].set_text(_vec(from_past[i]))
        for outline, w in zip(self.outlines, self._BOX, strict=True):
            outline.set_x(t * self._DX - w / 2 - 0.06)
        i, s, p = t - 1, _sub(t), _sub(t - 1)
        self.equation.set_text(
            f"z{s} = W_hh h{p} + W_xh x{s} + b_h = {_vec(from_past[i])} + {_vec(from_input[i])}"
            f" + {_vec(cell.b_h)} = {_vec(z[i])}\n"
            f"h{s} = tanh(z{s}) = {_vec(h[i])}      ŷ{s} = W_hy h{s} + b_y = {y_hat[i, 0]:.2f}"
        )
        return {
            "ρ": round(float(np.max(np.abs(np.linalg.eigvals(cell.W_hh)))), 4),
            "t": t,
            "x_t": float(x[i, 0]),
            "z_t": z[i].copy(),
            "h_t": h[i].copy(),
            "y_hat_t": float(y_hat[i, 0]),
            "h_5": h[-1].copy(),
        }
