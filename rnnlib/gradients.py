"""Vanishing and exploding gradients, measured: how ‖∂L_T/∂h_t‖ changes with the distance T − t.

Backpropagation through time (:mod:`rnnlib.bptt`) hands the gradient from h_t to h_{t−1} by
multiplying it with the transposed step Jacobian::

    ∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh        so        dh_{t−1} = W_hhᵀ (1 − h_t²) ⊙ dh_t

After k = T − t steps the gradient of the last step's loss has been multiplied k times. Near h = 0,
tanh's slope is 1 and every multiplication scales the gradient by about the spectral radius ρ of
W_hh (its largest |eigenvalue|): ρ < 1 shrinks it like ρ^k (vanishing), ρ > 1 grows it like ρ^k
(exploding) until tanh saturates. :func:`gradient_norms` measures exactly that on a real forward
and backward pass; :func:`render` is the pure function behind the lesson's gradient explorer.

numpy only; pyplot is imported by the drawing functions, when they are called.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float, as_int
from .bptt import _backward
from .rnn import RNNCell
from .ui import PALETTE, use_style

__all__ = ["RADII", "gradient_norms", "plot_gradient_norms", "render"]

_YLABEL = r"$\Vert \partial L_T / \partial h_t \Vert \;/\; \Vert \partial L_T / \partial h_T \Vert$"
_XLABEL = "distance from the last step, T − t (steps)"

#: The spectral radii the lesson compares.
RADII = (0.5, 0.9, 1.0, 1.1, 1.5)


def gradient_norms(
    radius: float, length: int = 30, *, units: int = 32, input_scale: float = 0.01, seed: int = 0
):
    """Measure ‖∂L_T/∂h_t‖ / ‖∂L_T/∂h_T‖ for t = T, T−1, …, 1: how the last step's gradient fades or grows.

    A tanh RNN with ``units`` hidden units and ``W_hh`` = ``radius`` × the orthogonal matrix an
    :class:`~rnnlib.rnn.RNNCell` (like Keras) starts with, so every eigenvalue has |λ| = ``radius`` (the
    spectral radius), reads ``length`` (T) inputs drawn uniformly from [−input_scale, input_scale]; only
    the last step has a loss, L_T. BPTT (:mod:`rnnlib.bptt`) carries its gradient back to every h_t.
    Small inputs keep h_t near 0, where tanh's slope is 1, so the measured curve follows
    ``radius ** (T − t)`` until the states saturate; with ``input_scale=1`` tanh saturates and every
    gradient vanishes faster. Returns ``norms`` (length,): ``norms[k]`` is the relative gradient norm at
    distance k = T − t, ``norms[0] == 1``.

    >>> n = gradient_norms(0.9, length=21)
    >>> n.shape, float(n[0]), bool(0.08 < n[20] < 0.2)          # about 0.9**20 = 0.12
    ((21,), 1.0, True)
    """
    radius = as_float(radius, "radius", minimum=0.0)
    length = as_int(length, "length", minimum=1)
    units = as_int(units, "units", minimum=1)
    input_scale = as_float(input_scale, "input_scale", minimum=0.0)
    seed = as_int(seed, "seed", minimum=0)
    cell = RNNCell(1, units, 1, seed=seed)
    cell.W_hh *= radius
    x = np.random.default_rng(seed).uniform(-input_scale, input_scale, size=(1, length, 1))
    y_hat, h = cell.forward(x)
    d_y_hat = np.zeros_like(y_hat)
    d_y_hat[:, -1] = 1.0  # only the last step's loss: ∂L_T/∂ŷ_T = 1, nothing from earlier steps
    _, dh = _backward(cell, x, h, d_y_hat)  # dh[0, t] = ∂L_T/∂h_t
    norms = np.linalg.norm(dh[0], axis=1)[::-1]  # index k = T − t
    return norms / norms[0]


def plot_gradient_norms(radii=RADII, length: int = 30, *, input_scale: float = 0.01, seed: int = 0):
    """One log-scale curve of :func:`gradient_norms` per spectral radius in ``radii``.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_gradient_norms((0.9, 1.1), length=10)
    >>> fig.axes[0].get_yscale()
    'log'
    """
    import matplotlib.pyplot as plt

    radii = [as_float(r, "radii", minimum=0.0) for r in np.atleast_1d(radii)]
    if not radii:
        raise ValueError("radii must hold at least one spectral radius; got none")
    length = as_int(length, "length", minimum=1)
    input_scale = as_float(input_scale, "input_scale", minimum=0.0)
    seed = as_int(seed, "seed", minimum=0)
    use_style()
    fig, ax = plt.subplots()
    k = np.arange(length)
    for i, radius in enumerate(radii):
        norms = gradient_norms(radius, length, input_scale=input_scale, seed=seed)
        ax.plot(k, norms, marker="o", markersize=3, color=PALETTE[i % 8], label=f"ρ = {radius:g}")
    ax.set_yscale("log")
    ax.set(xlabel=_XLABEL, ylabel=_YLABEL, title="The last step's gradient, carried back in time")
    ax.legend(title="spectral radius of W_hh", ncols=2)
    return fig


def render(radius: float = 1.0, length: int = 30):
    """The gradient explorer's pure render function: one spectral ``radius`` of W_hh, one sequence ``length``
    T, :func:`gradient_norms` measured and ρ^k drawn. Returns the figure and ``info``: ``radius``,
    ``length``, ``oldest`` (the relative norm at h_1, T − t = length − 1), ``per_step`` (its geometric mean
    per step) and ``theory`` (``radius ** (length − 1)``).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig, info = render(radius=1.0, length=10)
    >>> info["length"], round(info["per_step"], 2)
    (10, 1.0)
    """
    import matplotlib.pyplot as plt

    use_style()
    radius = as_float(radius, "radius", minimum=0.0)
    length = as_int(length, "length", minimum=2)
    norms = gradient_norms(radius, length)
    k = np.arange(length)
    fig, ax = plt.subplots()
    ax.plot(k, norms, marker="o", markersize=3, color=PALETTE[0], label="measured (BPTT)")
    theory = r"$\rho^{T-t}$ (linear theory)"
    ax.plot(k, radius ** k.astype(float), linestyle="--", color=PALETTE[1], label=theory)
    ax.axhline(1.0, color=PALETTE[7], linewidth=0.8, alpha=0.5)
    ax.set_yscale("log")
    title = f"Gradient carried back {length - 1} steps, spectral radius ρ = {radius:g}"
    ax.set(ylim=(1e-12, 1e6), xlim=(0, max(length - 1, 1)), xlabel=_XLABEL, ylabel=_YLABEL, title=title)
    ax.legend(loc="lower left")
    oldest = float(norms[-1])
    per_step = float(oldest ** (1.0 / (length - 1))) if oldest > 0 else 0.0
    info = {"radius": radius, "length": length, "oldest": oldest, "per_step": per_step}
    return fig, {**info, "theory": float(radius ** (length - 1))}
