"""Figures shared by the lessons (imports pyplot; applies the series' style on import).

Every function returns the matplotlib ``Figure`` it drew; in a notebook, the figure shows below
the cell. Figures follow one style (:func:`rnnlib.ui.use_style`): a title, labelled axes with
units, a legend when several series share axes, and a colour-blind-safe palette.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ._validate import as_array
from .sequences import DNA_ALPHABET
from .ui import _CMAP, PALETTE, use_style

__all__ = ["PALETTE", "draw_mappings", "plot_film_strip", "plot_one_hot", "plot_spectrogram", "use_style"]

use_style()


def plot_film_strip(video, positions=None, title: str = "A video is a sequence of frames"):
    """Show the frames of a video side by side, left to right in time.

    Parameters
    ----------
    video : array-like, shape (frames, height, width)
    positions : array-like, shape (frames, 2), optional
        Object centres (row, column) to mark with a small cross.
    """
    video = as_array(video, "video", ndim=3, layout="(frames, height, width)")
    frames = video.shape[0]
    fig, axes = plt.subplots(1, frames, figsize=(min(1.2 * frames, 12), 1.9), squeeze=False)
    for f, ax in enumerate(axes[0]):
        ax.imshow(video[f], cmap="gray", vmin=0, vmax=1)
        if positions is not None:
            ax.plot(positions[f][1], positions[f][0], "+", color=PALETTE[1], markersize=6)
        ax.set_title(f"t = {f}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    fig.suptitle(title)
    fig.supxlabel("frame (time step) →", fontsize=10)
    return fig


def plot_one_hot(sequence: str, one_hot, title: str = "DNA as a sequence of one-hot vectors"):
    """Draw a one-hot matrix ``(time, 4)`` as a grid: one row per base in ``"ACGT"``, one column per position."""
    one_hot = as_array(one_hot, "one_hot", ndim=2, layout="(time, 4)")
    if one_hot.shape != (len(sequence), len(DNA_ALPHABET)):
        raise ValueError(
            f"one_hot must be (time, 4) = ({len(sequence)}, 4) for this sequence; got {one_hot.shape}"
        )
    fig, ax = plt.subplots(figsize=(min(0.32 * len(sequence) + 1.5, 12), 2.3))
    ax.imshow(one_hot.T, cmap="Blues", vmin=0, vmax=1.3, aspect="auto")
    ax.set_yticks(range(4), list(DNA_ALPHABET))
    ax.set_xticks(range(len(sequence)), list(sequence), fontsize=9)
    ax.grid(False)
    ax.set_xlabel("position in the sequence (base)")
    ax.set_ylabel("feature (letter)")
    ax.set_title(title)
    return fig


def plot_spectrogram(t, signal, times, freqs, power_db, title: str = "Speech-like sound"):
    """Waveform above, spectrogram below, sharing the time axis."""
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.5, 4.6), sharex=True)
    ax1.plot(t, signal, linewidth=0.6, color=PALETTE[0])
    ax1.set_ylabel("amplitude")
    ax1.set_title(f"{title}: waveform (top) and spectrogram (bottom)")
    mesh = ax2.pcolormesh(times, freqs, np.asarray(power_db).T, cmap=_CMAP, shading="auto", vmin=-70, vmax=0)
    ax2.set_ylabel("frequency (Hz)")
    ax2.set_xlabel("time (s)")
    ax2.set_ylim(0, 3000)
    ax2.grid(False)
    fig.colorbar(mesh, ax=ax2, label="power (dB)")
    return fig


def _box(ax, xy, text, color, w=0.7, h=0.5):
    x, y = xy
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.04", facecolor=color, edgecolor="black", lw=1
        )
    )
    ax.text(
        x, y, text, ha="center", va="center", fontsize=10, color="white" if color != PALETTE[6] else "black"
    )


def _arrow(ax, start, end):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=10, lw=1, color="black"))


#: The four input/output mappings: name -> (which steps get an input, which steps give an output, example).
MAPPINGS = {
    "one-to-one": ([0], [0], "image → class (a vanilla NN)"),
    "many-to-one": ([0, 1, 2, 3], [3], "review → sentiment"),
    "one-to-many": ([0], [0, 1, 2, 3], "image → caption"),
    "many-to-many": ([0, 1, 2, 3], [0, 1, 2, 3], "sentence → translation"),
}


def draw_mappings():
    """Draw the four input/output mappings (one-to-one ... many-to-many) as unrolled networks.

    Inputs x (blue) feed hidden states h (green) that pass their state to the right; outputs ŷ
    (orange) come out on top. One panel per mapping.
    """
    fig, axes = plt.subplots(1, 4, figsize=(11, 3.4))
    for ax, (name, (ins, outs, example)) in zip(axes, MAPPINGS.items(), strict=True):
        steps = max(max(ins), max(outs)) + 1
        for t in range(steps):
            _box(ax, (t, 1), "h", PALETTE[2])
            if t in ins:
                _box(ax, (t, 0), "x", PALETTE[0])
                _arrow(ax, (t, 0.27), (t, 0.73))
            if t in outs:
                _box(ax, (t, 2), "ŷ", PALETTE[1])
                _arrow(ax, (t, 1.27), (t, 1.73))
            if t > 0:
                _arrow(ax, (t - 0.63, 1), (t - 0.37, 1))
        ax.set_xlim(-0.6, 3.6)
        ax.set_ylim(-0.5, 2.5)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(f"{name}\n{example}", fontsize=10)
    fig.suptitle("Four ways to map inputs to outputs (time runs left to right)")
    return fig
