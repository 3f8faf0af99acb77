"""Lesson 08: the memory task's baselines and figures, and the memory explorer's render function.

The task (:func:`rnnlib.tasks.recall_split`): a sequence starts with a *marked* symbol (one of ``"ABCD"``,
with a marker flag set), then ``distance`` more random symbols follow (same channels, no marker). After the
last step the model must name the marked symbol. Guessing gets 1 in 4 right; a model can do better only if it carries the first
symbol across ``distance`` steps of distractors.

numpy only at import; pyplot is imported by the drawing functions, TensorFlow by
:func:`input_gradient_norms`.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_int
from .ui import _CMAP, _CMAP_SIGNED, PALETTE, use_style

__all__ = [
    "SYMBOLS",
    "chance_level",
    "describe_sequence",
    "input_gradient_norms",
    "plot_accuracy_vs_distance",
    "plot_input_gradient_norms",
    "plot_memory_inside",
    "render_memory",
]

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: The symbols to remember; feature k of a step is symbol k, the last feature is the marker.
SYMBOLS = _LETTERS[:4]


def _symbols(x) -> list[str]:
    """The symbol of every step of one sequence ``(time, n_symbols + 1)``, starred where the marker is set."""
    return [_LETTERS[int(np.argmax(row[:-1]))] + ("*" if row[-1] > 0.5 else "") for row in x]


def chance_level(y_train, y_test) -> float:
    """Held-out accuracy of the best guess without looking at the sequence: the training set's most common
    class. ``y_train`` and ``y_test`` are class labels (n,).

    >>> chance_level([0, 1, 1, 2], [1, 0, 2, 1])
    0.5
    """
    y_train = as_array(y_train, "y_train", ndim=1, dtype=None)
    y_test = as_array(y_test, "y_test", ndim=1, dtype=None)
    values, counts = np.unique(y_train, return_counts=True)
    majority = values[np.argmax(counts)]
    return float(np.mean(y_test == majority))


def describe_sequence(x, limit: int = 12) -> str:
    """One sequence ``(time, features)`` as text: the marked symbol starred, e.g. ``"B* D A C …"``.

    >>> from rnnlib.tasks import recall_split
    >>> (x, _), _ = recall_split(4, n_train=1, n_test=1)
    >>> describe_sequence(x[0])
    'C* C D A B'
    """
    x = as_array(x, "x", ndim=2, layout="(time, features)")
    limit = as_int(limit, "limit", minimum=1)
    n_symbols = x.shape[1] - 1
    if not 2 <= n_symbols <= 26:
        raise ValueError(f"x must have n_symbols + 1 features (3 … 27, the marker last); got {x.shape[1]}")
    words = _symbols(x[:limit])
    if x.shape[0] > limit:
        words.append(f"… ({x.shape[0]} steps)")
    return " ".join(words)


def input_gradient_norms(model, x, y):
    """How strongly the loss reacts to each input step: ‖∂loss/∂x_t‖, averaged over the batch.

    ``model`` is a Keras classifier ending in a softmax, ``x`` its input (batch, time, features), ``y`` the
    classes (batch,). Returns (time,): a tiny value at t = 0 means the training signal cannot reach the
    first step.

    >>> import keras  # doctest: +SKIP
    >>> model = keras.Sequential([keras.Input((6, 5)), keras.layers.SimpleRNN(4),
    ...                           keras.layers.Dense(4, activation="softmax")])  # doctest: +SKIP
    >>> (x, y), _ = recall_split(5, n_train=8, n_test=1)  # doctest: +SKIP
    >>> input_gradient_norms(model, x, y).shape  # doctest: +SKIP
    (6,)
    """
    import tensorflow as tf

    x = as_array(x, "x", ndim=3, layout="(batch, time, features)")
    y = as_array(y, "y", shape=(x.shape[0],), layout="(batch,)", dtype=None)
    xt = tf.convert_to_tensor(x, dtype=tf.float32)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(reduction="sum")
    with tf.GradientTape() as tape:
        tape.watch(xt)
        loss = loss_fn(y, model(xt, training=False))
    grad = tape.gradient(loss, xt).numpy()  # (batch, time, features)
    return np.linalg.norm(grad, axis=2).mean(axis=0)


def plot_accuracy_vs_distance(accuracy: dict, chance: float, title: str = "Who remembers across the gap?"):
    """Held-out accuracy ``{model: {distance: accuracy}}`` against distance, one line per model, with the
    ``chance`` level dashed.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> plot_accuracy_vs_distance({"LSTM": {5: 1.0, 20: 0.99}}, chance=0.25).axes[0].get_xscale()
    'log'
    """
    import matplotlib.pyplot as plt

    use_style()
    if not isinstance(accuracy, dict) or not accuracy:
        raise TypeError("accuracy must be a non-empty dict {model name: {distance: accuracy}}")
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    markers, styles, sizes = "osD^v", ("-", "--", ":"), (7, 11, 6, 5, 5)  # lines that coincide stay visible
    all_distances = set()
    for k, (name, by_distance) in enumerate(accuracy.items()):
        distances = sorted(by_distance)
        all_distances |= set(distances)
        ax.plot(
            distances,
            [100 * by_distance[d] for d in distances],
            marker=markers[k % len(markers)],
            markersize=sizes[k % len(sizes)],
            linestyle=styles[k % len(styles)],
            color=PALETTE[k % len(PALETTE)],
            label=name,
        )
    ax.set_xscale("log")
    ax.set_xticks(sorted(all_distances), [str(d) for d in sorted(all_distances)])
    ax.minorticks_off()
    ax.axhline(
        100 * chance, color=PALETTE[7], linestyle="--", linewidth=1.2, label=f"chance ({100 * chance:.0f}%)"
    )
    xlabel = "distance T (steps between the marked symbol and the answer, log scale)"
    ax.set(ylim=(0, 105), xlabel=xlabel, ylabel="held-out accuracy (%)", title=title)
    ax.legend(loc="lower left")
    return fig


def plot_input_gradient_norms(norms: dict, title: str = "How much does the loss feel each input step?"):
    """:func:`input_gradient_norms` ``{model: (time,)}`` against the step t on a log scale, one line per model.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> plot_input_gradient_norms({"LSTM": np.ones(5)}).axes[0].get_yscale()
    'log'
    """
    import matplotlib.pyplot as plt

    use_style()
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    for k, (name, values) in enumerate(norms.items()):
        values = as_array(values, f"norms[{name!r}]", ndim=1)
        ax.semilogy(
            np.arange(len(values)), np.maximum(values, 1e-30), color=PALETTE[k % len(PALETTE)], label=name
        )
    ax.set(xlabel="input step t (0 = the marked symbol)", ylabel="‖∂loss/∂x_t‖ (log scale)", title=title)
    ax.legend()
    return fig


def _check_inside(x, gates, cell):
    x = as_array(x, "x", ndim=2, layout="(time, features)")
    cell = as_array(cell, "cell", shape=(x.shape[0], None), layout="(time, units)")
    if not isinstance(gates, dict) or not {"i", "f", "o"} <= set(gates):
        raise TypeError(
            "gates must be a dict with the LSTM gates 'i', 'f', 'o' of one sequence, each (time, units)"
        )
    gates = {
        k: as_array(v, f"gates[{k!r}]", shape=cell.shape, layout="(time, units)") for k, v in gates.items()
    }
    return x, gates, cell


def _symbol_ticks(ax, x):
    ticks = list(range(0, x.shape[0], max(1, x.shape[0] // 26)))
    ax.set_xticks(ticks, [_symbols(x)[t] for t in ticks], fontsize=8)


def plot_memory_inside(
    x, gates, cell, title: str = "Inside the LSTM: the forget gate stays open, the cell keeps its pattern"
):
    """Heatmaps over time of one sequence: the input gate, the forget gate and the cell state of every unit.

    The last panel divides the cell state by its largest |value| at each step, so that its *pattern* across
    units is visible from the first step on, while its size grows.

    ``x`` (time, features) is the sequence (for the symbol labels on the time axis; ``*`` marks the symbol
    to remember), ``gates`` the LSTM's ``"i"``, ``"f"``, ``"o"`` (each (time, units), from
    :func:`rnnlib.gated.lstm_unroll`, one sequence) and ``cell`` (time, units) its cell state.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ones = np.ones((3, 2))
    >>> len(plot_memory_inside(np.eye(3, 5), {"i": ones, "f": ones, "o": ones}, ones).axes)   # 4 panels, 4 colour bars
    8
    """
    import matplotlib.pyplot as plt

    use_style()
    x, gates, cell = _check_inside(x, gates, cell)
    fig, axes = plt.subplots(4, 1, figsize=(9, 8.4), sharex=True)
    bound = max(1e-9, float(np.abs(cell).max()))
    scaled = cell / np.maximum(np.abs(cell).max(axis=1, keepdims=True), 1e-12)
    panels = [
        (gates["i"], "input gate i_t (1 = write)", _CMAP, 0, 1),
        (gates["f"], "forget gate f_t (1 = keep)", _CMAP, 0, 1),
        (cell, "cell state c_t", _CMAP_SIGNED, -bound, bound),
        (scaled, "cell state scaled per step, c_t / max|c_t| (its pattern)", _CMAP_SIGNED, -1, 1),
    ]
    for ax, (values, label, cmap, lo, hi) in zip(axes, panels, strict=True):
        image = ax.imshow(values.T, aspect="auto", cmap=cmap, vmin=lo, vmax=hi, interpolation="nearest")
        ax.set_ylabel("unit")
        ax.set_title(label, fontsize=11, loc="left")
        ax.grid(False)
        fig.colorbar(image, ax=ax, pad=0.01)
    _symbol_ticks(axes[-1], x)
    axes[-1].set_xlabel("time step (input symbol; * = the one to remember)")
    fig.suptitle(title)
    return fig


def render_memory(t: int, x, gates, cell, probs=None):
    """The memory explorer's figure at step ``t`` of one sequence, and the numbers it shows.

    Top: the cell state of every unit over time, with step ``t`` marked. Bottom: the input, forget
    and output gate of every unit at step ``t``.

    ``t`` is the step (0 … time − 1); ``x``, ``gates`` and ``cell`` are as in :func:`plot_memory_inside`;
    ``probs`` (time, n_symbols), optional, are the classifier's probabilities if it had to answer after
    step t. Returns the figure and ``info``: ``t``, ``input`` (symbol at t, ``*`` if marked), ``mean input
    gate``, ``mean forget gate``, ``max |c_t|`` and, with ``probs``, ``answer now`` and ``p(answer)``.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> from rnnlib.tasks import recall_split
    >>> (x, _), _ = recall_split(3, n_train=1, n_test=1)
    >>> ones = np.ones((4, 2))
    >>> fig, info = render_memory(0, x[0], {"i": ones, "f": ones, "o": ones}, 0.5 * ones)
    >>> info["t"], info["mean forget gate"]
    (0, 1.0)
    """
    import matplotlib.pyplot as plt

    use_style()
    x, gates, cell = _check_inside(x, gates, cell)
    time, units = cell.shape
    t = as_int(t, "t", minimum=0, maximum=time - 1)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5.2), height_ratios=[1.2, 1])
    bound = max(1e-9, float(np.abs(cell).max()))
    image = top.imshow(
        cell.T, aspect="auto", cmap=_CMAP_SIGNED, vmin=-bound, vmax=bound, interpolation="nearest"
    )
    top.axvline(t, color=PALETTE[7], linewidth=2)
    top.grid(False)
    top.set_ylabel("unit")
    top.set_xlabel("time step (input symbol; * = the one to remember)")
    _symbol_ticks(top, x)
    fig.colorbar(image, ax=top, pad=0.01, label="cell state c_t")
    symbol = _symbols(x[t : t + 1])[0]
    top.set_title(
        f"Cell state over time; step t = {t}, input {symbol.rstrip('*')}{' (marked)' * ('*' in symbol)}"
    )
    width = 0.27
    units_axis = np.arange(units)
    for k, (gate, label) in enumerate([("i", "input i_t"), ("f", "forget f_t"), ("o", "output o_t")]):
        bottom.bar(units_axis + (k - 1) * width, gates[gate][t], width, color=PALETTE[k], label=label)
    bottom.set_ylim(0, 1.05)
    bottom.set_xlim(-0.6, units - 0.4)
    bottom.set_xlabel("unit")
    bottom.set_ylabel("gate value (0 … 1)")
    bottom.set_title(f"Gates at step t = {t}", fontsize=11)
    bottom.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.28), frameon=False)
    info = {
        "t": t,
        "input": symbol,
        "mean input gate": float(np.mean(gates["i"][t])),
        "mean forget gate": float(np.mean(gates["f"][t])),
        "max |c_t|": float(np.max(np.abs(cell[t]))),
    }
    if probs is not None:
        probs = as_array(probs, "probs", shape=(time, None), layout="(time, n_symbols)")
        best = int(np.argmax(probs[t]))
        info["answer now"] = _LETTERS[best]
        info["p(answer)"] = float(probs[t, best])
    return fig, info
