"""Lesson 08: the memory task's baselines, its figures and its two explorers.

The task (:func:`rnnlib.tasks.recall_split`): a sequence starts with a *marked* symbol (one of ``"ABCD"``,
with a marker flag set), then ``distance`` more random symbols follow (drawn independently; same channels, no marker). After the
last step the model must name the marked symbol. The answer is in the input, so a perfect score is possible;
a model can get there only if it carries the first symbol across ``distance`` steps of distractors.

* :func:`plot_accuracy_vs_distance`, :func:`plot_controlled_experiment`, :func:`plot_input_gradient_norms` and
  :func:`plot_memory_inside`: the lesson's figures.
* :func:`gate_reach`: the gradient reaching back through an untrained LSTM, for a range of forget-gate biases.
* :class:`GateReachView` (the forget-gate bias and the distance) and :class:`AnswerView` (a trained model at a
  distance, and its answers): the explorers' views.

numpy only at import; pyplot is imported by the drawing functions, TensorFlow by :func:`gate_reach`.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_float, as_indices, as_int
from .ui import _CMAP, _CMAP_SIGNED, PALETTE, View, use_style

__all__ = [
    "SYMBOLS",
    "AnswerView",
    "GateReachView",
    "chance_level",
    "describe_sequence",
    "gate_reach",
    "plot_accuracy_vs_distance",
    "plot_controlled_experiment",
    "plot_input_gradient_norms",
    "plot_memory_inside",
]

#: The symbols to remember; feature k of a step is symbol k, the last feature is the marker.
SYMBOLS = "ABCD"

_MARKERS = "osD^vP"
_FLOOR = 1e-30  # gradient ratios below this (float32 underflows near 1e-38) are drawn at the floor


def chance_level(y_train, y_test) -> float:
    """Held-out accuracy of the best guess without looking at the sequence: the training set's most common class.

    Examples
    --------
    >>> chance_level([0, 1, 1, 2], [1, 0, 2, 1])
    0.5
    """
    y_train = as_indices(y_train, "y_train", ndim=1, layout="(n,) class labels")
    y_test = as_indices(y_test, "y_test", ndim=1, layout="(n,) class labels")
    values, counts = np.unique(y_train, return_counts=True)
    majority = values[np.argmax(counts)]
    return float(np.mean(y_test == majority))


def describe_sequence(x, limit: int = 12) -> str:
    """One sequence ``(time, features)`` as text: the marked symbol starred, e.g. ``"B* D A C …"``.

    Examples
    --------
    >>> from rnnlib.tasks import recall_split
    >>> (x, _), _ = recall_split(4, n_train=1, n_test=1)
    >>> describe_sequence(x[0])
    'B* C D D A'
    """
    x = as_array(x, "x", ndim=2, layout="(time, features)")
    limit = as_int(limit, "limit", minimum=1)
    n_symbols = x.shape[1] - 1
    if not 2 <= n_symbols <= 26:
        raise ValueError(f"x must have n_symbols + 1 features (3 … 27, the marker last); got {x.shape[1]}")
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    words = []
    for t in range(min(limit, x.shape[0])):
        word = letters[int(np.argmax(x[t, :n_symbols]))]
        words.append(word + ("*" if x[t, n_symbols] > 0.5 else ""))
    if x.shape[0] > limit:
        words.append(f"… ({x.shape[0]} steps)")
    return " ".join(words)


def _check_dict(value, name, what):
    if not isinstance(value, dict) or not value:
        raise TypeError(f"{name} must be a non-empty dict {what}; got {type(value).__name__}")
    return value


def _scores(value, name):
    """``{model: {distance: score in 0 … 1}}``, every entry checked; distances as ints."""
    _check_dict(value, name, "{name: {distance: score in 0 … 1}}")
    out = {}
    for model, by_distance in value.items():
        _check_dict(by_distance, f"{name}[{model!r}]", "{distance: score in 0 … 1}")
        out[model] = {
            as_int(d, f"{name}[{model!r}]'s distances", minimum=1): as_float(
                v, f"{name}[{model!r}][{d}]", minimum=0.0, maximum=1.0
            )
            for d, v in by_distance.items()
        }
    return out


def _norms(value, name):
    """``{model: (time,) gradient norms}``, every array checked and named."""
    _check_dict(value, name, "{model name: gradient norm per input step}")
    return {model: as_array(v, f"{name}[{model!r}]", ndim=1, layout="(time,)") for model, v in value.items()}


_SEEN: dict = {}  # model name -> index: one model keeps its colour and marker in every figure of a session


def _style(name):
    k = _SEEN.setdefault(str(name), len(_SEEN))
    return {"color": PALETTE[k % 6], "marker": _MARKERS[k % len(_MARKERS)]}


def plot_accuracy_vs_distance(
    accuracy: dict, baselines: dict | None = None, title: str = "Who remembers across the gap?"
):
    """Held-out accuracy against the distance T: one marker per trained model, baselines as thin lines.

    Markers are not joined: a line between two distances would claim a gradual change that was never
    measured. Models trained at the same distance are drawn side by side, so none hides another.

    Parameters
    ----------
    accuracy : dict of str to dict of int to float
        ``{"SimpleRNN(16)": {5: 1.0, 20: 0.99, ...}, "LSTM ...": {100: 1.0}}``, accuracies in 0 … 1.
    baselines : dict of str to dict of int to float, optional
        Scores that need no memory, e.g. ``{"chance": {...}, "most frequent symbol": {...}}``, dashed.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_accuracy_vs_distance({"A": {5: 1.0, 50: 0.3}, "B": {50: 1.0}}, {"chance": {5: 0.25, 50: 0.25}})
    >>> len(fig.axes[0].get_legend().get_texts())
    3
    """
    import matplotlib.pyplot as plt

    accuracy = _scores(accuracy, "accuracy")
    baselines = {} if baselines is None else _scores(baselines, "baselines")
    use_style()
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    distances = sorted({int(d) for by_d in (*accuracy.values(), *baselines.values()) for d in by_d})
    at = {d: [name for name, by_d in accuracy.items() if d in by_d] for d in distances}
    for name, by_distance in accuracy.items():
        xs, ys = [], []
        for d in sorted(by_distance):
            others = at[d]
            xs.append(d + (others.index(name) - (len(others) - 1) / 2) * 1.6)  # side by side
            ys.append(100 * by_distance[d])
        ax.plot(xs, ys, linestyle="none", markersize=8, markeredgecolor="white", label=name, **_style(name))
    for k, (name, by_distance) in enumerate(baselines.items()):
        ds = sorted(by_distance)
        ax.plot(
            ds,
            [100 * by_distance[d] for d in ds],
            color=PALETTE[7] if k == 0 else "#777777",
            linestyle="--" if k == 0 else ":",
            linewidth=1.2,
            label=name,
        )
    ax.set_xticks(distances, [str(d) for d in distances], fontsize=9)
    ax.set_xlim(0, max(distances) + 5)
    ax.set_ylim(0, 105)
    ax.set_xlabel("distance T (steps between the marked symbol and the answer)")
    ax.set_ylabel("held-out accuracy (%)")
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return fig


def plot_controlled_experiment(
    accuracy_per_epoch: dict,
    norms: dict,
    chance: float | None = None,
    title: str = "Same model, same data, same budget: only the gate biases differ",
):
    """Two panels side by side: training accuracy per epoch, and ‖∂loss/∂x_t‖ before training (log scale).

    Parameters
    ----------
    accuracy_per_epoch : dict of str to list of float
        Training accuracy after each epoch (0 … 1), e.g. Keras' ``history.history["accuracy"]``.
    norms : dict of str to array-like, shape (time,)
        Gradient norms per input step (a model keeps its colour across figures).
    chance : float, optional
        Drawn as a dashed line in the accuracy panel.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_controlled_experiment({"a": [0.3, 0.9]}, {"a": np.ones(5)})
    >>> [ax.get_yscale() for ax in fig.axes]
    ['linear', 'log']
    """
    import matplotlib.pyplot as plt

    _check_dict(accuracy_per_epoch, "accuracy_per_epoch", "{model name: [accuracy after each epoch]}")
    accuracy_per_epoch = {
        name: as_array(values, f"accuracy_per_epoch[{name!r}]", ndim=1, layout="(epochs,)")
        for name, values in accuracy_per_epoch.items()
    }
    for name, values in accuracy_per_epoch.items():
        if values.min() < 0 or values.max() > 1:
            raise ValueError(
                f"accuracy_per_epoch[{name!r}] must hold accuracies in 0 … 1; got {values.max()}"
            )
    norms = _norms(norms, "norms")
    if chance is not None:
        chance = as_float(chance, "chance", minimum=0, maximum=1)
    use_style()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    for name, values in accuracy_per_epoch.items():
        style = _style(name)
        left.plot(np.arange(1, len(values) + 1), 100 * values, label=name, **style)
    if chance is not None:
        left.axhline(
            100 * chance,
            color=PALETTE[7],
            linestyle="--",
            linewidth=1,
            label="chance",
        )
    left.set(
        xlabel="epoch (a run stops once 99 % of its training sequences are right)",
        ylabel="training accuracy (%)",
        ylim=(0, 105),
        title="Learning",
    )
    left.xaxis.get_major_locator().set_params(integer=True)
    left.legend(loc="upper left", fontsize=9)
    for name, values in norms.items():
        right.semilogy(
            np.arange(len(values)), np.maximum(values, _FLOOR), color=_style(name)["color"], label=name
        )
    right.set(
        xlabel="input step t (0 = the marked symbol)",
        ylabel="‖∂loss/∂x_t‖ (log scale)",
        title="Gradient before training",
    )
    right.legend(loc="lower right", fontsize=9)
    fig.suptitle(title)
    return fig


def plot_input_gradient_norms(before: dict, after: dict | None = None, distance_label: str = ""):
    """‖∂loss/∂x_t‖ against the input step t on a log scale, one line per model; before and after training.

    Models whose name contains ``"SimpleRNN"`` are drawn dashed, the others solid.

    Parameters
    ----------
    before : dict of str to array-like, shape (time,)
    after : dict of str to array-like, shape (time,), optional
        The same models after training: drawn in a second panel with the same colours and y-axis.
    distance_label : str
        Added to the titles, e.g. ``"T = 100"``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_input_gradient_norms({"A": np.ones(5)}, {"A": np.logspace(-5, 0, 5)})
    >>> len(fig.axes), fig.axes[1].get_yscale()
    (2, 'log')
    """
    import matplotlib.pyplot as plt

    panels = [("before training", _norms(before, "before"))]
    if after is not None:
        panels.append(("after training", _norms(after, "after")))
    if not isinstance(distance_label, str):
        raise TypeError(f"distance_label must be a str, such as 'T = 100'; got {distance_label!r}")
    use_style()
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 4.3), sharey=True, squeeze=False)
    for ax, (when, norms) in zip(axes[0], panels, strict=True):
        for name, values in norms.items():
            ax.semilogy(
                np.arange(len(values)),
                np.maximum(values, _FLOOR),
                color=_style(name)["color"],
                linestyle="--" if "SimpleRNN" in name else "-",  # plain RNNs dashed, gated ones solid
                label=name,
            )
        ax.set_xlabel("input step t (0 = the marked symbol)")
        ax.set_title(f"Gradient {when}" + (f" ({distance_label})" if distance_label else ""))
    axes[0, 0].set_ylabel("‖∂loss/∂x_t‖ (log scale)")
    handles = {line.get_label(): line for ax in axes[0] for line in ax.get_lines()}
    fig.legend(
        handles.values(), handles.keys(), loc="outside lower center", ncols=3, fontsize=9, frameon=False
    )
    return fig


def _check_inside(x, gates, cell):
    x = as_array(x, "x", ndim=2, layout="(time, features)")
    if not 3 <= x.shape[1] <= 27:
        raise ValueError(f"x must have n_symbols + 1 features (3 … 27, the marker last); got shape {x.shape}")
    cell = as_array(cell, "cell", ndim=2, layout="(time, units)")
    if len(cell) != len(x):
        raise ValueError(f"x and cell must cover the same steps; got {len(x)} and {len(cell)}")
    if not isinstance(gates, dict) or not {"i", "f"} <= set(gates):
        raise TypeError(
            "gates must be a dict with the LSTM gates 'i' and 'f' of one sequence, each (time, units)"
        )
    gates = {
        k: as_array(v, f"gates[{k!r}]", shape=cell.shape, layout="(time, units)") for k, v in gates.items()
    }
    for k, v in gates.items():
        if k in ("i", "f", "o") and (v.min() < 0 or v.max() > 1):  # sigmoid gates (the candidate g is a tanh)
            raise ValueError(
                f"gates[{k!r}] must hold gate values in 0 … 1; got {v.min():.3g} … {v.max():.3g}"
            )
    return x, gates, cell


def plot_memory_inside(
    x, gates, cell, title: str = "Inside the LSTM: what it writes, what it forgets, what it holds"
):
    """Heatmaps over time of one sequence: input gate and 1 − forget gate (log scales), cell state, its pattern.

    The forget gate of an LSTM that remembers sits so close to 1 that a 0 … 1 colour scale shows a uniform
    block; its complement ``1 − f_t`` (the share forgotten per step) on a log scale shows the differences. The
    last panel divides the cell state by its largest |value| at each step, so its *pattern* across units shows
    even while its size grows.

    Parameters
    ----------
    x : array-like, shape (time, features)
        The sequence (step 0 holds the marked symbol).
    gates : dict of array-like, each (time, units)
        At least ``"i"`` and ``"f"`` (from :func:`rnnlib.gated.lstm_unroll`, one sequence).
    cell : array-like, shape (time, units)

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> g = np.full((6, 3), 0.9)
    >>> fig = plot_memory_inside(np.eye(6, 5), {"i": g, "f": g}, np.ones((6, 3)))
    >>> len(fig.axes)  # four heatmaps and their colour bars
    8
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import LogNorm

    use_style()
    x, gates, cell = _check_inside(x, gates, cell)
    fig, axes = plt.subplots(4, 1, figsize=(9, 8.6), sharex=True)
    bound = max(1e-9, float(np.abs(cell).max()))
    scaled = cell / np.maximum(np.abs(cell).max(axis=1, keepdims=True), 1e-12)
    forgotten = np.clip(1.0 - gates["f"], 1e-4, 1.0)
    panels = [
        (
            np.clip(gates["i"], 1e-4, 1.0),
            "input gate i_t: share of the candidate written (log scale; 0.03 = 3 %)",
            dict(cmap=_CMAP, norm=LogNorm(1e-3, 1)),
        ),
        (
            forgotten,
            "1 − f_t: share of the cell forgotten per step (log scale; f_t = 0.993 → 0.007)",
            dict(cmap=_CMAP, norm=LogNorm(1e-4, 1)),
        ),
        (cell, "cell state c_t", dict(cmap=_CMAP_SIGNED, vmin=-bound, vmax=bound)),
        (
            scaled,
            "cell state scaled per step, c_t / max|c_t| (its pattern)",
            dict(cmap=_CMAP_SIGNED, vmin=-1, vmax=1),
        ),
    ]
    for ax, (values, label, colours) in zip(axes, panels, strict=True):
        image = ax.imshow(values.T, aspect="auto", interpolation="nearest", **colours)
        ax.set_ylabel("unit")
        ax.set_title(label, fontsize=11, loc="left")
        ax.grid(False)
        fig.colorbar(image, ax=ax, pad=0.01)
    axes[-1].set_xlabel("time step t (0 = the marked symbol; then distractors)")
    fig.suptitle(title)
    return fig


def gate_reach(
    biases, distance: int = 100, units: int = 16, n: int = 100, seed: int = 0, input_bias: float = 0.0
):
    """‖∂loss/∂x_t‖ of one untrained ``LSTM(units)`` classifier for each forget-gate bias in ``biases``.

    The model is built once (Keras' initialisation, seeded); for each bias b the forget-gate block of the
    LSTM's bias is set to b (and the input gate's to ``input_bias``), and the gradient of the summed
    cross-entropy on ``n`` recall sequences is taken with respect to every input step.

    Parameters
    ----------
    biases : iterable of float
        Forget-gate biases b_f.
    distance : int
        Sequences have ``distance + 1`` steps.
    units, n, seed : int
    input_bias : float
        The input gate's bias b_i (Keras' default is 0).

    Returns
    -------
    dict of float to ndarray, shape (distance + 1,)
        The mean over the sequences of ‖∂loss/∂x_t‖ for t = 0 … distance, for each bias.

    Examples
    --------
    >>> reach = gate_reach([1.0, 5.0], distance=30, n=20)  # doctest: +SKIP
    >>> reach[1.0][0] / reach[1.0][-1] < reach[5.0][0] / reach[5.0][-1]  # doctest: +SKIP
    True
    """
    import keras
    import tensorflow as tf

    from .tasks import recall_split

    try:
        biases = None if isinstance(biases, (str, bytes, dict)) else list(biases)
    except TypeError:
        biases = None
    if biases is None:
        raise TypeError("biases must be a list (or range) of forget-gate biases, such as [1.0, 5.0]")
    biases = [as_float(b, "biases[]", minimum=-20, maximum=20) for b in biases]
    if not biases:
        raise ValueError("biases must hold at least one forget-gate bias")
    distance = as_int(distance, "distance", minimum=1)
    units = as_int(units, "units", minimum=1)
    n = as_int(n, "n", minimum=1)
    seed = as_int(seed, "seed", minimum=0)
    input_bias = as_float(input_bias, "input_bias", minimum=-20, maximum=20)
    (x, y), _ = recall_split(distance, n_train=n, n_test=1, seed=seed)
    keras.utils.set_random_seed(seed)
    layer = keras.layers.LSTM(units)
    model = keras.Sequential(
        [keras.Input((distance + 1, x.shape[2])), layer, keras.layers.Dense(4, activation="softmax")]
    )
    loss_fn = keras.losses.SparseCategoricalCrossentropy(reduction="sum")

    @tf.function
    def norms(x, y):
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = loss_fn(y, model(x))
        return tf.reduce_mean(tf.norm(tape.gradient(loss, x), axis=2), axis=0)

    x, y = tf.constant(x), tf.constant(y)
    bias = layer.cell.bias.numpy()
    reach = {}
    for b in biases:
        bias[:units], bias[units : 2 * units] = input_bias, b  # Keras' blocks: i, f, c, o
        layer.cell.bias.assign(bias)
        reach[b] = norms(x, y).numpy().astype(float)
    return reach


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def _label_right_edge(ax, x, ends, top, gap=1.5):
    """Name each curve's b_f right of the axes (as tick labels of a twin axis, so the layout keeps room for them),
    moved apart by at least `gap` decades, with a leader line from the curve's end at x."""
    if not ends:
        return
    wanted = np.array([y for y, _ in ends])
    placed = wanted.copy()
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    placed -= max(np.mean(placed - wanted), placed[-1] - top)  # centred on the curves, below the axes' top
    names = ax.twinx()
    names.set_yscale("log")
    names.set_ylim(ax.get_ylim())
    names.set_yticks(10.0**placed, [f"b_f = {b:g}" for _, b in ends], fontsize=7, color="#666666")
    names.minorticks_off()
    names.tick_params(axis="y", length=0, pad=12)
    names.spines[:].set_visible(False)
    for y, y_text in zip(wanted, placed, strict=True):
        names.annotate(
            "",
            xy=(1.0, 10.0**y),
            xytext=(1.03, 10.0**y_text),
            xycoords=("axes fraction", "data"),
            textcoords=("axes fraction", "data"),
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": "#BBBBBB", "linewidth": 0.8, "shrinkA": 0, "shrinkB": 0},
        )


class GateReachView(View):
    """The forget-gate explorer: σ(b_f)^k beside the gradient measured through an untrained LSTM.

    Left of the figure is the answer (k = 0 steps back), right the marked symbol (k = distance). For the chosen
    b_f the dashed line is σ(b_f)^k, the share the forget gate alone lets through over k steps if its inputs are
    small; the solid line is the measured ‖∂loss/∂x‖ k steps before the answer, divided by its value at the
    answer; the grey lines are the other biases' measurements, each labelled with its b_f (at the right edge, or
    where a curve stops because float32 underflowed).

    Parameters
    ----------
    reach : dict of float to array-like, shape (distance + 1,)
        From :func:`gate_reach`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> ks = np.arange(11.0)
    >>> view = GateReachView({1.0: 0.5**ks, 5.0: np.ones(11)})
    >>> fig, info = view(b_f=5.0, T=10)
    >>> info["k steps back"], round(info["σ(b_f)^k"], 4), info["measured"]
    (10, 0.9351, 1.0)
    """

    def __init__(self, reach: dict):
        import matplotlib.pyplot as plt

        use_style()
        _check_dict(reach, "reach", "{forget-gate bias: gradient norm per input step}")
        self.reach = {}
        lengths = {len(np.atleast_1d(v)) for v in reach.values()}
        if len(lengths) > 1:
            raise ValueError(
                f"reach must hold one curve per bias, all of one length (gate_reach); got {lengths}"
            )
        for b, values in reach.items():
            as_float(b, "reach's biases")
            values = as_array(values, f"reach[{b}]", ndim=1)
            ratio = values[::-1] / max(values[-1], 1e-300)  # index k = steps back from the answer
            self.reach[float(b)] = np.where(ratio > _FLOOR, ratio, np.nan)  # float32 underflow: not drawn
        self.distance = len(next(iter(self.reach.values()))) - 1
        fig, ax = plt.subplots(figsize=(7.5, 4.0))
        super().__init__(fig)
        ks = np.arange(self.distance + 1)
        at_end = []  # (log10 of the value at k = distance, b_f) of the curves that reach the right edge
        for b, ratio in self.reach.items():
            ax.semilogy(ks, ratio, color="#BBBBBB", linewidth=1)
            drawn = np.flatnonzero(np.isfinite(ratio))
            if len(drawn) and drawn[-1] < self.distance:  # underflowed: label where the curve stops
                k = drawn[-1]
                ax.text(k, ratio[k], f" b_f = {b:g}", ha="left", va="top", fontsize=7, color="#666666")
            elif len(drawn):
                at_end.append((float(np.log10(ratio[-1])), b))
        self.measured = self.dynamic(
            ax.semilogy(
                [],
                [],
                color=PALETTE[0],
                linewidth=2.4,
                label="measured: ‖∂loss/∂x‖ k steps back ÷ at the answer",
            )[0]
        )
        self.direct = self.dynamic(
            ax.semilogy(
                [],
                [],
                color=PALETTE[1],
                linestyle="--",
                linewidth=2.2,
                label="σ(b_f)^k: the forget gate alone",
            )[0]
        )
        self.cursor = self.dynamic(ax.axvline(0, color=PALETTE[7], linewidth=1, linestyle=":"))
        self.dots = self.dynamic(ax.plot([], [], "o", color=PALETTE[3], markersize=7, zorder=5)[0])
        self.title = self.dynamic(ax.set_title(" "))
        ax.plot([], [], color="#BBBBBB", linewidth=1, label="measured, other b_f")
        ax.set(xlim=(0, self.distance), ylim=(_FLOOR / 3, 1e3))
        ax.set_xlabel("k: steps between the input and the answer")
        ax.set_ylabel("share of the gradient (log scale)")
        ax.legend(loc="lower left", fontsize=9)
        ax.text(
            self.distance,
            _FLOOR,
            "a curve that stops: float32 underflow",
            ha="right",
            va="bottom",
            fontsize=8,
            color="#777777",
        )
        _label_right_edge(ax, self.distance, sorted(at_end), top=2.0)

    def update(self, b_f: float = 5.0, T: int = 100) -> dict:
        b_f = as_float(b_f, "b_f")
        if b_f not in self.reach:
            raise ValueError(f"b_f must be one of the measured biases {sorted(self.reach)}; got {b_f}")
        T = as_int(T, "T", minimum=1, maximum=self.distance)
        ks = np.arange(self.distance + 1)
        keep = float(_sigmoid(b_f))
        direct = np.maximum(keep**ks, _FLOOR)
        ratio = self.reach[b_f]
        self.measured.set_data(ks, ratio)
        self.direct.set_data(ks, direct)
        self.cursor.set_xdata([T, T])
        self.dots.set_data([T, T], [direct[T], ratio[T]])
        self.title.set_text(
            f"b_f = {b_f:g}: the forget gate keeps σ(b_f) = {keep:.4f} per step; k = {T} steps back"
        )
        return {
            "b_f": b_f,
            "k steps back": T,
            "σ(b_f)": keep,
            "σ(b_f)^k": keep**T,
            "measured": float(np.nan_to_num(ratio[T])),
        }


class AnswerView(View):
    """The answer explorer: a trained model at a distance, and the probabilities it gives the held-out answers.

    Left: how the probability of the right symbol is spread over the held-out sequences (a model that
    remembers piles up at 1, a guesser near 0.25). Right: the four probabilities for one held-out sequence.

    Parameters
    ----------
    probs : dict of (str, int) to array-like, shape (n, n_symbols)
        ``{(model name, distance): softmax outputs on that distance's held-out sequences}``.
    targets : dict of int to array-like of int, shape (n,)
        The marked symbols of each distance's held-out sequences.
    sequences : dict of int to array-like, shape (n, time, features), optional
        The held-out inputs, to print the example sequence.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> p = np.array([[0.7, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.7]])
    >>> fig, info = AnswerView({("m", 5): p}, {5: [0, 1]})(model="m", T=5)
    >>> info["accuracy"], info["answer"], info["right answer"]
    (0.5, 'A', 'A')
    """

    def __init__(self, probs: dict, targets: dict, sequences: dict | None = None):
        import matplotlib.pyplot as plt

        use_style()
        _check_dict(probs, "probs", "{(model name, distance): probabilities (n, n_symbols)}")
        _check_dict(targets, "targets", "{distance: marked symbols (n,)}")
        self.targets = {
            as_int(T, "targets' distances", minimum=1): as_indices(
                y, f"targets[{T}]", ndim=1, high=len(SYMBOLS)
            )
            for T, y in targets.items()
        }
        self.probs = {}
        for key in probs:
            if not (isinstance(key, tuple) and len(key) == 2):
                raise TypeError(f"probs must be keyed by (model name, distance); got the key {key!r}")
        for (name, T), p in probs.items():
            if int(T) not in self.targets:
                raise ValueError(f"targets lacks the distance {T} of probs[({name!r}, {T})]")
            self.probs[str(name), int(T)] = as_array(
                p,
                f"probs[({name!r}, {T})]",
                shape=(len(self.targets[int(T)]), 4),
                layout="(n, 4), one row per entry of targets",
            )
            if self.probs[str(name), int(T)].min() < 0:
                raise ValueError(f"probs[({name!r}, {T})] must hold probabilities, none negative")
        if sequences is not None:
            _check_dict(sequences, "sequences", "{distance: held-out inputs (n, time, features)}")
            sequences = {
                int(T): as_array(v, f"sequences[{T}]", ndim=3, layout="(n, time, features)")
                for T, v in sequences.items()
            }
        self.sequences = sequences or {}
        fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.4), width_ratios=[1.6, 1])
        super().__init__(fig)
        self.edges = np.linspace(0, 1, 21)
        self.hist = self.dynamic(  # one artist for the 20 bins: fast to redraw
            left.stairs(np.zeros(20), self.edges, fill=True, color=PALETTE[0], edgecolor="white")
        )
        left.axvline(0.25, color=PALETTE[7], linestyle="--", linewidth=1, label="a guess: 0.25")
        left.set(
            xlim=(0, 1),
            ylim=(0, 100),
            xlabel="probability given to the right symbol",
            ylabel="held-out sequences (%)",
        )
        left.legend(loc="upper center", fontsize=9)
        self.left_title = self.dynamic(left.set_title(" ", fontsize=11))
        self.bars = self.dynamic(*right.bar(list(SYMBOLS), np.zeros(4), color="#BBBBBB"))
        right.set(ylim=(0, 1.05), xlabel="answer", ylabel="probability")
        self.right_title = self.dynamic(right.set_title(" ", fontsize=10))

    def update(self, model: str = "", T: int = 100) -> dict:
        T = as_int(T, "T", minimum=1)
        key = (str(model), T)
        if key not in self.probs:
            trained = sorted(d for name, d in self.probs if name == str(model))
            if not trained:
                raise ValueError(f"model must be one of {sorted({n for n, _ in self.probs})}; got {model!r}")
            raise ValueError(f"{model} was trained at T = {', '.join(map(str, trained))} only; got T = {T}")
        p, y = self.probs[key], self.targets[T]
        right_p = p[np.arange(len(y)), y]
        counts, _ = np.histogram(right_p, bins=self.edges)
        self.hist.set_data(100 * counts / len(y))
        accuracy = float(np.mean(p.argmax(axis=1) == y))
        self.left_title.set_text(f"{model}, T = {T}: {100 * accuracy:.0f}% of {len(y)} answers right")
        answer = int(np.argmax(p[0]))
        for k, bar in enumerate(self.bars):
            bar.set_height(p[0, k])
            bar.set_color(PALETTE[2] if k == y[0] else "#BBBBBB")
        text = (
            describe_sequence(self.sequences[T][0], limit=8) if T in self.sequences else "held-out sequence 1"
        )
        self.right_title.set_text(f"{text}\n(green: the marked symbol {SYMBOLS[y[0]]})")
        return {
            "model": str(model),
            "T": T,
            "accuracy": accuracy,
            "mean p(right symbol)": float(right_p.mean()),
            "answer": SYMBOLS[answer],
            "right answer": SYMBOLS[int(y[0])],
        }
