"""Vanishing and exploding gradients, measured: how ‖∂L_T/∂h_t‖ changes with the distance k = T − t.

Backpropagation through time (:mod:`rnnlib.bptt`) hands the gradient from h_t to h_{t−1} by multiplying it
with the transposed step Jacobian::

    J_t = ∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh        so        ∂L_T/∂h_{t−1} = J_tᵀ ∂L_T/∂h_t

After k steps the gradient of the last step's loss has been multiplied by k such matrices. Each one stretches
a vector by at most γ·σ_max(W_hh), with γ = max |tanh′| ≤ 1 and σ_max the largest singular value, so
``‖∂L_T/∂h_t‖ ≤ (γ σ_max)^k ‖∂L_T/∂h_T‖`` always (Pascanu, Mikolov & Bengio, 2013): σ_max < 1 makes gradients
vanish, and growth needs σ_max > 1 (necessary, not sufficient). The spectral radius ρ (largest |eigenvalue|,
never above σ_max) sets the long-run rate when the states are small. For ``W_hh = ρ × orthogonal`` all
singular values equal ρ, so ρ^k is the bound and, with small inputs, the measurement.

:func:`gradient_norms` measures the curve for such a W_hh, :func:`last_step_gradients` for any cell and a batch
of sequences; :class:`GradientView` is the lesson's explorer (ρ and the input scale as controls).

numpy only; pyplot is imported by the drawing functions, when they are called.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_float, as_int
from .bptt import _backward
from .rnn import RNNCell
from .ui import PALETTE, View, use_style

__all__ = [
    "RADII",
    "GradientView",
    "gradient_by_distance",
    "gradient_norms",
    "last_step_gradients",
    "plot_clipping_runs",
    "plot_gradient_norms",
    "plot_trained_gradients",
]

_YLABEL = r"$\Vert \partial L_T / \partial h_t \Vert \;/\; \Vert \partial L_T / \partial h_T \Vert$"
_XLABEL = "distance from the last step, T − t (steps)"

#: The spectral radii the lesson compares.
RADII = (0.5, 0.9, 1.0, 1.1, 1.5)


def _last_step(cell, x):
    # ∂L_T/∂h_t for a loss at the last step only (∂L_T/∂ŷ_T = 1), relative to t = T, indexed by k = T − t;
    # and the mean tanh slope 1 − h² of step T − k (the factor the gradient meets on its way to step T − k − 1).
    y_hat, h = cell.forward(x)
    d_y_hat = np.zeros_like(y_hat)
    d_y_hat[:, -1] = 1.0
    _, dh = _backward(cell, x, h, d_y_hat)
    norms = np.linalg.norm(dh, axis=-1)[:, ::-1]
    return norms / norms[:, :1], (1.0 - h * h).mean(axis=-1)[:, ::-1]


def last_step_gradients(cell, x):
    """How far the last step's gradient reaches back, for a tanh ``cell`` and a batch ``x`` (batch, time, input).

    Returns ``norms`` (batch, time), ``‖∂L_T/∂h_t‖ / ‖∂L_T/∂h_T‖`` at distance k = T − t (``norms[:, 0] == 1``)
    for a loss at the last step only, and ``slopes`` (batch, time), the mean tanh′ = 1 − h² over the units of
    step T − k: where the slopes fall below 1, the gradient shrinks faster than W_hh alone would make it.

    >>> cell = RNNCell(1, 4, 1, seed=0)
    >>> norms, slopes = last_step_gradients(cell, np.zeros((2, 5, 1)))   # zero inputs: h stays 0, slope 1
    >>> norms.shape, norms.round(4)[0].tolist(), slopes[0].tolist()
    ((2, 5), [1.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0, 1.0])
    """
    if not isinstance(cell, RNNCell):
        raise TypeError(f"cell must be an rnnlib RNNCell; got {type(cell).__name__}")
    if cell.activation != "tanh":
        raise ValueError(
            f"cell must use tanh (the slopes are tanh′ = 1 − h²); got activation {cell.activation!r}"
        )
    layout = f"(batch, time, input) = (?, ?, {cell.input_size})"
    x = as_array(x, "x", ndim=3, layout=layout, dtype=cell.dtype)
    if x.shape[-1] != cell.input_size:
        raise ValueError(f"x must be {layout}; got shape {x.shape}")
    return _last_step(cell, x)


def gradient_by_distance(cell, x, y):
    """Split the BPTT gradient of ``W_hh`` by temporal distance: the part that the loss at step t sends back
    k = t − s steps, to the step s where it meets W_hh, for k = 0 … T − 1.

    ``cell`` a tanh :class:`~rnnlib.rnn.RNNCell`; ``x`` (batch, time, input) and ``y`` (batch, time, output)
    with the summed per-step MSE of :func:`rnnlib.bptt.loss_and_gradients`. Returns ``parts`` (time, units,
    units): ``parts[k]`` collects every term dz_s h_{s−1}ᵀ that reached step s from a loss k steps later, and
    ``parts.sum(axis=0)`` is the whole gradient ∂L/∂W_hh (Bengio, Simard & Frasconi 1994; D2L §9.7's sum over
    paths). Long-range parts pass through k Jacobians and are small beside the short-range ones they are added to.

    >>> from rnnlib.bptt import loss_and_gradients
    >>> from rnnlib.tasks import echo_task
    >>> x, y = echo_task(8, 10, lag=2, values="uniform", seed=0)
    >>> cell = RNNCell(1, 4, 1, seed=0)
    >>> parts = gradient_by_distance(cell, x, y)
    >>> parts.shape, bool(np.allclose(parts.sum(axis=0), loss_and_gradients(cell, x, y)[1]["W_hh"]))
    ((10, 4, 4), True)
    """
    if not isinstance(cell, RNNCell) or cell.activation != "tanh":
        raise TypeError(f"cell must be a tanh RNNCell; got {cell!r}"[:200])
    x = as_array(x, "x", shape=(None, None, cell.input_size), layout="(batch, time, input)", dtype=cell.dtype)
    y = as_array(
        y, "y", shape=x.shape[:2] + (cell.output_size,), layout="(batch, time, output)", dtype=cell.dtype
    )
    y_hat, h = cell.forward(x)
    batch, time, units = h.shape
    slope = 1.0 - h * h
    h_prev = np.concatenate([np.zeros((batch, 1, units), h.dtype), h[:, :-1]], axis=1)
    dh = (2.0 * (y_hat - y) / (y.shape[-1] * batch)) @ cell.W_hy  # k = 0: each loss at its own step
    parts = np.empty((time, units, units), h.dtype)
    for k in range(time):
        dz = slope * dh
        parts[k] = dz.reshape(-1, units).T @ h_prev.reshape(-1, units)
        dh = np.zeros_like(dh)
        dh[:, :-1] = (dz @ cell.W_hh)[:, 1:]  # one step further back: from step s to step s − 1
    return parts


def _probe(radius, length, units, input_scale, seed, sequences=1):
    # The scaled-orthogonal network of gradient_norms, and its inputs (a batch of `sequences`).
    cell = RNNCell(1, units, 1, seed=seed)
    cell.W_hh *= radius
    x = np.random.default_rng(seed).uniform(-1.0, 1.0, size=(sequences, length, 1)) * input_scale
    return cell, x


def gradient_norms(
    radius: float,
    length: int = 30,
    *,
    units: int = 32,
    input_scale: float = 0.01,
    seed: int = 0,
    sequences: int = 1,
):
    """Measure ‖∂L_T/∂h_t‖ / ‖∂L_T/∂h_T‖ for t = T, T−1, …, 1 when ``W_hh`` = ``radius`` × orthogonal.

    A tanh RNN with ``units`` hidden units and ``W_hh`` = ``radius`` × the orthogonal matrix an
    :class:`~rnnlib.rnn.RNNCell` (like Keras) starts with — every eigenvalue and every singular value equals
    ``radius`` — reads ``length`` (T) inputs drawn uniformly from [−input_scale, input_scale]; only the last
    step has a loss. Returns ``norms`` (length,): ``norms[k]`` is the relative norm at distance k = T − t,
    ``norms[0] == 1``. Small inputs keep h_t near 0 (tanh′ ≈ 1) and the curve is ``radius ** k``; larger
    inputs, or a radius above 1 that lets the state grow, saturate tanh and bend it down. With ``sequences``
    above 1 the network reads that many input sequences and ``norms`` is their median at each k.

    >>> n = gradient_norms(0.9, length=21)
    >>> n.shape, float(n[0]), bool(0.08 < n[20] < 0.2)          # about 0.9**20 = 0.12
    ((21,), 1.0, True)
    """
    radius = as_float(radius, "radius", minimum=0.0)
    length = as_int(length, "length", minimum=1)
    units = as_int(units, "units", minimum=1)
    input_scale = as_float(input_scale, "input_scale", minimum=0.0)
    seed = as_int(seed, "seed", minimum=0)
    sequences = as_int(sequences, "sequences", minimum=1)
    return np.median(_last_step(*_probe(radius, length, units, input_scale, seed, sequences))[0], axis=0)


def _axes(ax, figsize):
    # The axes to draw on: the one given, or a new figure's.
    import matplotlib.pyplot as plt

    if ax is None:
        return plt.subplots(figsize=figsize)
    if not hasattr(ax, "plot") or not hasattr(ax, "figure"):
        raise TypeError(f"ax must be a matplotlib Axes; got {type(ax).__name__}")
    return ax.figure, ax


def plot_gradient_norms(
    radii=RADII, length: int = 30, *, input_scale: float = 0.01, seed: int = 0, sequences: int = 1, ax=None
):
    """:func:`gradient_norms` for every spectral radius in ``radii`` (solid; the median over ``sequences`` input
    sequences), with ρ^k on top (thin, dotted black), on a log scale; drawn on ``ax`` if given, else on a new
    figure. Returns the figure.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_gradient_norms((0.9, 1.1), length=10)
    >>> fig.axes[0].get_yscale(), len(fig.axes[0].get_lines())
    ('log', 5)
    """
    use_style()
    radii = [as_float(r, "radii", minimum=0.0) for r in np.atleast_1d(radii)]
    if not radii:
        raise ValueError("radii must hold at least one spectral radius; got none")
    length = as_int(length, "length", minimum=2)
    input_scale = as_float(input_scale, "input_scale", minimum=0.0)
    seed = as_int(seed, "seed", minimum=0)
    sequences = as_int(sequences, "sequences", minimum=1)
    fig, ax = _axes(ax, (6.0, 4.2))
    k = np.arange(length)
    for i, radius in enumerate(radii):
        color = PALETTE[i % 8]
        norms = gradient_norms(radius, length, input_scale=input_scale, seed=seed, sequences=sequences)
        ax.plot(k, norms, color=color, linewidth=2.5, label=f"ρ = {radius:g}")
        ax.plot(k, radius ** k.astype(float), ":", color=PALETTE[7], linewidth=1.2, zorder=3)
    ax.plot([], [], ":", color=PALETTE[7], linewidth=1.2, label=r"$\rho^{T-t}$ (dotted)")
    ax.set_yscale("log")
    ax.set(xlim=(0, length - 1), xlabel=_XLABEL, ylabel=_YLABEL)
    what = "" if sequences == 1 else f" (median of {sequences} sequences)"
    ax.set_title(f"W_hh = ρ × orthogonal, inputs in ±{input_scale:g}{what}")
    ax.legend(ncols=2, loc="lower left", fontsize=9)
    return fig


def plot_trained_gradients(norms, rho: float, sigma_max: float, *, lag=None, ax=None):
    """The last step's gradient of a trained network: median and 10–90 % band of ``norms`` (batch, time), as
    from :func:`last_step_gradients`, beside ρ^k (the long-run rate) and σ_max^k (the bound); drawn on ``ax`` if
    given, else on a new figure; ``lag`` (optional) marks the distance the network was trained to remember.
    Returns the figure.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_trained_gradients(np.full((3, 6), 0.5) ** np.arange(6), rho=0.5, sigma_max=0.8)
    >>> fig.axes[0].get_yscale(), len(fig.axes[0].get_lines())
    ('log', 3)
    """
    use_style()
    norms = as_array(norms, "norms", ndim=2, layout="(batch, time)")
    if np.any(norms < 0):
        raise ValueError(f"norms must be gradient norms, 0 or more; got a minimum of {norms.min():g}")
    rho = as_float(rho, "rho", minimum=0.0)
    sigma_max = as_float(sigma_max, "sigma_max", minimum=rho)
    if lag is not None:
        lag = as_int(lag, "lag", minimum=1)
    fig, ax = _axes(ax, (6.0, 4.2))
    k = np.arange(norms.shape[1]).astype(float)
    low, median, high = np.quantile(norms, [0.1, 0.5, 0.9], axis=0)
    band = "measured, 10–90 % of sequences"
    ax.fill_between(k, low, high, color=PALETTE[0], alpha=0.25, linewidth=0, label=band)
    ax.plot(k, median, color=PALETTE[0], linewidth=2, label="measured, median")
    ax.plot(k, sigma_max**k, "--", color=PALETTE[3], label=f"σ_max^(T−t), σ_max = {sigma_max:.2f} (bound)")
    ax.plot(k, rho**k, ":", color=PALETTE[7], linewidth=2, label=f"ρ^(T−t), ρ = {rho:.2f}")
    ax.set_yscale("log")
    if lag is not None:
        ax.axvline(
            lag, color=PALETTE[2], linestyle="-.", linewidth=1.2, label=f"the trained lag, {lag} steps"
        )
    top = float(np.clip(2 * sigma_max ** k[-1], 10.0, 1e8))  # the bound on the axes as far as it can go
    ax.set(xlim=(0, k[-1]), ylim=(max(float(norms.min()) / 3, 1e-12), top), xlabel=_XLABEL, ylabel=_YLABEL)
    ax.set_title("The W_hh trained in section 3 (128 held-out sequences)")
    ax.legend(loc="center right", fontsize=8, framealpha=0.95)
    return fig


def plot_clipping_runs(runs: dict, max_norm: float):
    """The global gradient norm of every SGD step of every run: one panel without clipping, one with.

    ``runs`` maps ``(radius, clip, seed)`` (``clip`` None or a threshold) to a :func:`rnnlib.bptt.train`
    history (its ``"step_norm"`` and ``"diverged"``); a cross marks the last step of a run that diverged.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> runs = {(0.9, None, 0): {"step_norm": [3.0, 2.0], "diverged": False},
    ...         (1.5, 10.0, 0): {"step_norm": [30.0, 5.0], "diverged": False}}
    >>> len(plot_clipping_runs(runs, 10.0).axes)
    2
    """
    import matplotlib.pyplot as plt

    use_style()
    if not isinstance(runs, dict) or not runs:
        raise TypeError(
            f"runs must be a non-empty dict (radius, clip, seed) -> history; got {type(runs).__name__}"
        )
    for key, history in runs.items():
        if not isinstance(key, tuple) or len(key) != 3:
            raise TypeError(f"runs must be keyed by (radius, clip, seed); got the key {key!r}")
        if not isinstance(history, dict) or "step_norm" not in history or "diverged" not in history:
            raise TypeError(
                f"runs[{key!r}] must be a bptt.train history with 'step_norm' and 'diverged'; got {history!r}"[
                    :200
                ]
            )
        as_array(history["step_norm"], f"runs[{key!r}]['step_norm']", ndim=1, finite=False, allow_empty=True)
    max_norm = as_float(max_norm, "max_norm", minimum=1e-12)
    radii = sorted({key[0] for key in runs})
    fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.0), sharey=True)
    labelled = set()
    for (radius, clip, _seed), history in runs.items():
        ax = axes[0 if clip is None else 1]
        color = PALETTE[radii.index(radius) % 8]
        norms = np.asarray(history["step_norm"], dtype=float)
        steps = np.arange(1, norms.size + 1)
        finite = np.isfinite(norms)
        label = None if (ax, radius) in labelled else f"W_hh starts at ρ = {radius:g}"
        labelled.add((ax, radius))
        z = 2 + radii.index(radius)  # larger radii on top
        ax.plot(steps[finite], norms[finite], color=color, linewidth=1, alpha=0.7, label=label, zorder=z)
        if finite.any() and (history["diverged"] or clip is None):  # how each unclipped run ended
            last = np.flatnonzero(finite)[-1]
            marker = dict(marker="x", markersize=8) if history["diverged"] else dict(marker="o", markersize=5)
            ax.plot(steps[last], norms[last], color=color, markeredgewidth=2, zorder=z + 10, **marker)
    axes[1].axhline(max_norm, color=PALETTE[7], linestyle=":", label=f"clip threshold {max_norm:g}")
    axes[0].plot([], [], "x", color=PALETTE[7], markeredgewidth=2, label="diverged (loss > 1e10)")
    axes[0].plot([], [], "o", color=PALETTE[7], markersize=5, label="did not diverge")
    for ax, title in zip(axes, ("without clipping", f"clipped at global norm {max_norm:g}"), strict=True):
        ax.set_yscale("log")
        ax.set(xlabel="SGD step", title=title)
        ax.legend(loc="upper right", fontsize=9)
    finite = [n for h in runs.values() for n in h["step_norm"] if np.isfinite(n) and n > 0]
    if finite:  # room above the highest norm for the legends, so that no cross hides behind them
        axes[0].set_ylim(top=max(finite) * 1e4)
    axes[0].set_ylabel("global gradient norm ‖g‖, before clipping")
    fig.suptitle("The gradient norm of every step of every run (one line per seed)")
    return fig


class GradientView(View):
    """The gradient explorer: the last step's gradient carried back over ``length`` steps (top) and the mean
    tanh slope of each step (bottom), for ``W_hh`` = ρ × orthogonal and inputs uniform in ±input_scale.

    ``view.update(radius, input_scale)`` returns ``radius``, ``input_scale``, ``oldest`` (the relative norm
    at T − t = length − 1), ``theory`` (ρ^(length − 1), the bound), ``slope_last`` and ``slope_first`` (the mean
    tanh′ of the last 10 steps and of the first 10). The y-axis holds ρ^k for every ρ in [0.6, 1.4] (10⁻⁹ … 10⁷).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig, info = GradientView(length=20)(radius=0.9, input_scale=0.01)
    >>> round(info["oldest"] / info["theory"], 3), len(fig.axes)
    (1.0, 2)
    """

    YLIM = (1e-9, 1e7)

    def __init__(self, length: int = 40, *, units: int = 32, seed: int = 0):
        import matplotlib.pyplot as plt

        use_style()
        self.length = as_int(length, "length", minimum=11)
        self.units = as_int(units, "units", minimum=1)
        self.seed = as_int(seed, "seed", minimum=0)
        self.k = np.arange(self.length)
        fig, (top, bottom) = plt.subplots(
            2, 1, figsize=(7.5, 5.0), sharex=True, height_ratios=(2.2, 1), layout="constrained"
        )
        super().__init__(fig)
        ones = np.ones(self.length)
        self.theory = self.dynamic(
            top.plot(self.k, ones, "--", color=PALETTE[1], label=r"$\rho^{T-t}$ (the bound here)")[0]
        )
        self.measured = self.dynamic(
            top.plot(self.k, ones, color=PALETTE[0], linewidth=2, label="measured (BPTT)")[0]
        )
        top.axhline(1.0, color=PALETTE[7], linewidth=0.8, alpha=0.5)
        top.set_yscale("log")
        top.set(ylim=self.YLIM, xlim=(0, self.length - 1), ylabel=_YLABEL)
        top.legend(loc="lower left")
        self.title = self.dynamic(top.set_title(" "))
        self.slope = self.dynamic(bottom.plot(self.k, ones, color=PALETTE[2], linewidth=2)[0])
        bottom.set(ylim=(0.0, 1.05), xlabel=_XLABEL, ylabel="mean tanh′ = 1 − h²\nof step t")

    def update(self, radius: float = 1.0, input_scale: float = 0.01) -> dict:
        radius = as_float(radius, "radius", minimum=0.0)
        input_scale = as_float(input_scale, "input_scale", minimum=0.0)
        norms, slopes = _last_step(*_probe(radius, self.length, self.units, input_scale, self.seed))
        theory = radius ** self.k.astype(float)
        self.measured.set_ydata(norms[0])
        self.theory.set_ydata(theory)
        self.slope.set_ydata(slopes[0])
        self.title.set_text(
            f"W_hh = {radius:g} × orthogonal, inputs in ±{input_scale:g}, loss at step T = {self.length}"
        )
        return {
            "radius": radius,
            "input_scale": input_scale,
            "oldest": float(norms[0, -1]),
            "theory": float(theory[-1]),
            "slope_last": float(slopes[0, :10].mean()),
            "slope_first": float(slopes[0, -10:].mean()),
        }
