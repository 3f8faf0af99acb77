"""The one figure style every lesson uses (imports matplotlib, not pyplot)."""

from __future__ import annotations

#: Okabe & Ito's colour-blind-safe palette (blue, orange, green, vermillion, purple, sky, yellow, black).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

#: A perceptually uniform, colour-blind-safe colour map for heatmaps (hidden states, spectrograms).
CMAP = "viridis"
#: A diverging map for signed values (weights, hidden states in [-1, 1]).
CMAP_SIGNED = "RdBu_r"

RC = {
    "figure.figsize": (7.5, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 1.8,
    "image.cmap": CMAP,
}


def use_style() -> None:
    """Apply the series' figure style: colour-blind-safe palette, readable sizes, light grid.

    Call it once in a lesson's set-up cell (``rnnlib.plots`` calls it on import as well).

    Examples
    --------
    >>> use_style()
    >>> import matplotlib; matplotlib.rcParams["font.size"]
    11.0
    """
    import matplotlib
    from cycler import cycler

    matplotlib.rcParams.update(RC)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=list(PALETTE))
