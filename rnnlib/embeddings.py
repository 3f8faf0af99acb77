"""Word vectors: similarity, neighbours, scores, a count baseline, and the figures and explorer of lesson 06.

An embedding is a matrix ``E`` of shape ``(words, dim)``: row i is the vector of word i. A language model
holds two of them: the input embedding (the ``Embedding`` layer's weights, read when a word comes in) and the
output rows ``W_hy`` (one row per word, scored against the hidden state to predict it; Keras stores the
transpose as the ``Dense`` kernel). The numeric tools are numpy only; the figure functions import pyplot when
they are called.

The 2-D map is a PCA computed with an SVD, with a fixed sign convention (each axis is flipped so that the word
farthest from the centre along it lies on its positive side), so the same embedding always gives the same
picture, not a mirror image.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_bool, as_float, as_instance, as_int
from .ui import PALETTE, View, use_style

__all__ = [
    "CONTEXTS",
    "ContextView",
    "SemanticSpaceView",
    "category_rows",
    "cluster_score",
    "cosine_matrix",
    "cosine_similarity",
    "knn_purity",
    "nearest_neighbours",
    "pca_2d",
    "plot_cosine_heatmaps",
    "plot_map",
    "ppmi",
    "top_contexts",
]

#: One marker per category (with one colour each: a category stays recognisable without colour).
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def cosine_similarity(a, b) -> float:
    """cos(a, b) = a · b / (‖a‖ ‖b‖): 1 for the same direction, 0 for perpendicular, −1 for opposite.

    >>> cosine_similarity([1, 0], [0, 1]), cosine_similarity([1, 1], [2, 2])
    (0.0, 1.0)
    """
    a = as_array(a, "a", ndim=1, layout="(dim,)")
    b = as_array(b, "b", shape=(a.size,), layout="(dim,)")
    norm = np.linalg.norm(a) * np.linalg.norm(b)
    if norm == 0:
        raise ValueError("a and b must be non-zero vectors: the cosine of a zero vector is undefined")
    return round(float(a @ b / norm), 12)


def cosine_matrix(E) -> np.ndarray:
    """All pairwise cosine similarities of the rows of ``E`` ``(n, dim)``; returns ``(n, n)``.

    >>> cosine_matrix(np.eye(3)).tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    E = as_array(E, "E", ndim=2, layout="(words, dim)")
    return _cosines(E)


def _cosines(E):
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise ValueError("E must have no all-zero rows: the cosine of a zero vector is undefined")
    unit = E / norms
    return np.clip(unit @ unit.T, -1.0, 1.0)


def _check_words(E, words, name="words"):
    if not isinstance(words, (list, tuple)) or not all(isinstance(w, str) for w in words):
        raise TypeError(f"{name} must be a list of words (str), one per row; got {words!r}"[:200])
    if len(words) != len(E):
        raise ValueError(f"{name} must be a list of {len(E)} words, one per row; got {len(words)}")
    return list(words)


def nearest_neighbours(E, words, word: str, k: int = 5, exclude=("<pad>", "<unk>")):
    """The ``k`` words whose vectors have the highest cosine similarity with ``word``'s (itself excluded).

    Parameters
    ----------
    E : array-like, shape (vocab, dim)
    words : list of str, length vocab
        ``words[i]`` is the word of row i (e.g. ``vocab.words``).
    exclude : iterable of str
        Words never returned (padding and unknown by default). All-zero rows are skipped too.

    Returns
    -------
    list of (str, float)
        Best first; equal similarities keep the order of ``words``.

    Examples
    --------
    >>> E = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    >>> [w for w, _ in nearest_neighbours(E, ["paris", "london", "banana"], "paris", k=2)]
    ['london', 'banana']
    """
    E = as_array(E, "E", ndim=2, layout="(vocab, dim)")
    words = _check_words(E, words)
    if word not in words:
        raise ValueError(f"word must be one of the vocabulary's words; got {word!r}")
    k = as_int(k, "k", minimum=1)
    if not isinstance(exclude, (list, tuple, set, frozenset)) or not all(isinstance(w, str) for w in exclude):
        raise TypeError(f"exclude must be a list of words never to return; got {exclude!r}"[:200])
    i = words.index(word)
    skip = set(exclude) | {word}
    keep = [j for j, w in enumerate(words) if w not in skip and np.linalg.norm(E[j]) > 0]
    sims = _cosines(np.vstack([E[i], E[keep]]))[0, 1:]
    order = np.argsort(-sims, kind="stable")[:k]
    return [(words[keep[j]], float(sims[j])) for j in order]


def pca_2d(E, *, unit: bool = False, variance: bool = False):
    """Project the rows of ``E`` ``(n, dim)`` onto their two main directions (PCA via SVD); returns ``(n, 2)``.

    The rows are centred, ``E − mean = U S Vᵀ``, and the coordinates are the first two columns of ``U S``.
    Sign convention: each axis is flipped if needed so that the row with the largest absolute coordinate on
    it is positive, so the map never comes out mirrored. With ``unit=True`` each row is first scaled to length
    1, so the map shows directions (what cosine similarity compares). With ``variance=True`` it also returns
    the fraction of the total variance each of the two directions keeps, shape ``(2,)``: what the map shows
    of the whole.

    >>> pca_2d(np.array([[0.0, 0.0], [1.0, 0.0], [4.0, 0.0]])).round(3).tolist()
    [[-1.667, 0.0], [-0.667, 0.0], [2.333, 0.0]]
    >>> coords, kept = pca_2d(np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 1.0], [2.0, 1.0]]), variance=True)
    >>> kept.round(2).tolist()
    [0.8, 0.2]
    """
    E = as_array(E, "E", ndim=2, layout="(words, dim)")
    if E.shape[0] < 2:
        raise ValueError(f"E must have at least 2 rows to project; got {E.shape[0]}")
    unit, variance = as_bool(unit, "unit"), as_bool(variance, "variance")
    mean, components, kept = _pca_frame(E, unit)
    coords = _project(E, mean, components, unit)
    return (coords, kept) if variance else coords


def _unit_rows(E):
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    return E / np.where(norms > 0, norms, 1.0)


def _pca_frame(E, unit):
    """Mean ``(dim,)``, the two sign-fixed principal directions ``(2, dim)`` and their variance fractions."""
    E = _unit_rows(E) if unit else np.asarray(E, dtype=float)
    mean = E.mean(axis=0)
    _, S, Vt = np.linalg.svd(E - mean, full_matrices=False)
    components = np.zeros((2, E.shape[1]))
    components[: min(2, len(Vt))] = Vt[:2]
    coords = (E - mean) @ components.T
    for axis in range(2):
        j = int(np.argmax(np.abs(coords[:, axis])))
        if coords[j, axis] < 0:
            components[axis] *= -1
    total = float(np.sum(S**2))
    kept = np.zeros(2)
    kept[: min(2, len(S))] = S[:2] ** 2 / total if total > 0 else 0.0
    return mean, components, kept


def _project(E, mean, components, unit):
    E = _unit_rows(E) if unit else np.asarray(E, dtype=float)
    return (E - mean) @ components.T + 0.0  # no negative zeros


def _as_labels(labels, n: int, name: str = "labels") -> list:
    """A list of one category per row (``n`` of them); a bad type raises TypeError naming ``name``."""
    if isinstance(labels, (str, bytes)) or not isinstance(labels, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list with one category per row ({n}); got {type(labels).__name__}")
    labels = list(labels)
    if len(labels) != n:
        raise ValueError(f"{name} must give one category per row ({n}); got {len(labels)}")
    return labels


def _label_pairs(E, labels):
    E = as_array(E, "E", ndim=2, layout="(words, dim)")
    labels = np.asarray(_as_labels(labels, len(E)), dtype=object)
    if labels.shape != (len(E),):
        raise ValueError(f"labels must give one category per row of E ({len(E)}); got shape {labels.shape}")
    if len(set(labels.tolist())) < 2:
        raise ValueError("labels must name at least two categories")
    same = labels[:, None] == labels[None, :]
    off_diagonal = ~np.eye(len(E), dtype=bool)
    return _cosines(E), same & off_diagonal, ~same


def cluster_score(E, labels) -> float:
    """Mean cosine within categories minus mean cosine between categories.

    Near 0 when the vectors ignore the categories (e.g. a random embedding); up to 2 when every category is
    a tight bundle pointing away from the others.

    >>> E = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]])
    >>> round(cluster_score(E, ["city", "city", "fruit", "fruit"]), 3)
    0.896
    """
    sims, within, between = _label_pairs(E, labels)
    return float(sims[within].mean() - sims[between].mean())


def knn_purity(E, labels, k: int = 5, *, by_category: bool = False):
    """The share of each word's ``k`` nearest neighbours (by cosine) that share its category, averaged.

    Parameters
    ----------
    E : array-like, shape (words, dim)
    labels : list, one per row
        The category of each row, or ``None`` for a word outside every category: such a word can be a
        neighbour (and then counts as "not the same category") but is never asked for its own neighbours.
        So ``E`` can hold the whole vocabulary, and the neighbours are searched among all of it.
    k : int
        How many neighbours. A category of n words can reach at most (n − 1) / k.
    by_category : bool
        Return ``{category: purity}`` (mean over that category's words) instead of one number.

    Ties at the k-th place are shared fairly: if 3 words tie for the last 2 places, each counts 2/3 (the
    expected purity under a random choice), so the score does not depend on the order of the rows.

    Examples
    --------
    >>> E = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0], [0.7, 0.7]])
    >>> knn_purity(E, ["city", "city", "fruit", "fruit", None], k=1)
    1.0
    >>> knn_purity(E, ["city", "city", "fruit", "fruit", None], k=2, by_category=True)
    {'city': 0.5, 'fruit': 0.5}
    """
    E = as_array(E, "E", ndim=2, layout="(words, dim)")
    labels = _as_labels(labels, len(E))
    k = as_int(k, "k", minimum=1, maximum=len(E) - 1)
    by_category = as_bool(by_category, "by_category")
    named = [i for i, label in enumerate(labels) if label is not None]
    if len({labels[i] for i in named}) < 2:
        raise ValueError("labels must name at least two categories")
    return _purity(_cosines(E), labels, k, by_category)


def _purity(sims, labels, k, by_category=False):
    named = [i for i, label in enumerate(labels) if label is not None]
    sims = sims.copy()
    np.fill_diagonal(sims, -np.inf)
    codes = {c: n for n, c in enumerate(dict.fromkeys(labels[i] for i in named))}
    code = np.array([codes.get(label, -1) if label is not None else -1 for label in labels])
    per_category: dict = {c: [] for c in codes}
    for i in named:
        row = sims[i]
        kth = np.sort(row)[-k]
        tol = 1e-9 * max(1.0, abs(kth))
        above, tied = row > kth + tol, np.abs(row - kth) <= tol
        same = code == code[i]
        share = (np.sum(same & above) + (k - np.sum(above)) * np.mean(same[tied])) / k
        per_category[labels[i]].append(float(share))
    if by_category:
        return {c: round(float(np.mean(v)), 12) for c, v in per_category.items()}
    return round(float(np.mean([s for v in per_category.values() for s in v])), 12)


def category_rows(vocab, categories: dict):
    """Rows of the categorised words: ``(indices, words, labels)`` for the words of ``categories`` in the vocabulary.

    >>> from rnnlib.text import Vocabulary
    >>> category_rows(Vocabulary(["paris and london and pear"]), {"cities": ("paris", "london", "rome"), "fruit": ("pear",)})
    ([1, 3, 4], ['paris', 'london', 'pear'], ['cities', 'cities', 'fruit'])
    """
    from .text import Vocabulary

    as_instance(vocab, "vocab", Vocabulary)
    if not isinstance(categories, dict) or not categories:
        raise TypeError(f"categories must be a non-empty dict of category → words; got {categories!r}"[:200])
    for label, members in categories.items():
        if not isinstance(members, (list, tuple)) or not all(isinstance(w, str) for w in members):
            raise TypeError(f"categories[{label!r}] must be a list of words; got {members!r}"[:200])
    rows, words, labels = [], [], []
    for label, members in categories.items():
        for word in members:
            if word in vocab:
                rows.append(vocab[word])
                words.append(word)
                labels.append(label)
    return rows, words, labels


def ppmi(counts) -> np.ndarray:
    """Positive pointwise mutual information of a count matrix ``(words, contexts)``; returns the same shape.

    PMI(w, c) = log( p(w, c) / (p(w) p(c)) ) with probabilities from the counts: how much more often w and c
    occur together than if they were independent. Negative values and pairs never seen become 0.

    >>> ppmi([[2, 0], [0, 2]]).round(4).tolist()   # each word only with its own context: log 2
    [[0.6931, 0.0], [0.0, 0.6931]]
    >>> ppmi([[1, 1], [1, 1]]).tolist()            # independent: nothing to learn
    [[0.0, 0.0], [0.0, 0.0]]
    """
    C = as_array(counts, "counts", ndim=2, layout="(words, contexts)")
    if np.any(C < 0) or not np.all(np.isfinite(C)):
        raise ValueError("counts must be finite and non-negative")
    total = C.sum()
    if total <= 0:
        raise ValueError("counts must hold at least one positive count")
    expected = C.sum(axis=1, keepdims=True) * C.sum(axis=0, keepdims=True) / total
    out = np.zeros_like(C)
    seen = C > 0
    out[seen] = np.log(C[seen] / expected[seen])
    return np.maximum(out, 0.0)


def top_contexts(counts, names, k: int = 3):
    """The ``k`` most frequent entries of a count vector ``(n,)`` with their shares: list of (name, share).

    >>> top_contexts([0, 6, 3, 1], ["<pad>", "the", "a", "on"], k=2)
    [('the', 0.6), ('a', 0.3)]
    """
    counts = as_array(counts, "counts", ndim=1, layout="(n,)")
    if np.any(counts < 0):
        raise ValueError("counts must be non-negative")
    if isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)):
        raise TypeError(f"names must be a list of names, one per count; got {type(names).__name__}")
    if len(names) != counts.size:
        raise ValueError(f"names must have one entry per count ({counts.size}); got {len(names)}")
    k = as_int(k, "k", minimum=1)
    total = counts.sum()
    if total <= 0:
        raise ValueError("counts must hold at least one positive count")
    order = np.argsort(-counts, kind="stable")[:k]
    return [(names[i], round(float(counts[i] / total), 12)) for i in order if counts[i] > 0]


# ------------------------------------------------------------------------------------------------ figures
def _text_width_px(words, fontsize, dpi):
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    props, engine = FontProperties(size=fontsize), TextToPath()
    return {w: engine.get_text_width_height_descent(w, props, ismath=False)[0] * dpi / 72 for w in set(words)}


_DIRECTIONS = np.deg2rad([0, 45, -45, 90, -90, 135, -135, 180])


def _place_labels(points, widths, height, bounds, obstacles=(), radius=3.0, rings=14, spacing=5.0, gap=1.5):
    """Greedy label placement in pixels: each label takes the nearest free spot around its point.

    Spots lie on rings of growing radius in 8 directions; a spot is free if its box overlaps no box placed
    before, no obstacle point and stays inside ``bounds`` (x0, y0, x1, y1). Returns one (x0, y0, far) per
    label: the box's lower-left corner and whether it sits beyond the first ring (worth a leader line).
    """
    obstacles = np.asarray(obstacles, dtype=float).reshape(-1, 2)
    boxes = np.empty((0, 4))
    out = []
    for (x, y), w in zip(points, widths, strict=True):
        choice = None
        for ring in range(rings):
            r = radius + ring * spacing
            for a in _DIRECTIONS:
                cx, cy = x + r * np.cos(a), y + r * np.sin(a)
                bx = cx if np.cos(a) > 0.3 else (cx - w if np.cos(a) < -0.3 else cx - w / 2)
                by = cy if np.sin(a) > 0.3 else (cy - height if np.sin(a) < -0.3 else cy - height / 2)
                box = (bx, by, bx + w, by + height)
                if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
                    continue
                if len(boxes) and np.any(
                    (box[0] < boxes[:, 2] + gap)
                    & (box[2] + gap > boxes[:, 0])
                    & (box[1] < boxes[:, 3] + gap)
                    & (box[3] + gap > boxes[:, 1])
                ):
                    continue
                if len(obstacles) and np.any(
                    (obstacles[:, 0] > box[0] - 2)
                    & (obstacles[:, 0] < box[2] + 2)
                    & (obstacles[:, 1] > box[1] - 2)
                    & (obstacles[:, 1] < box[3] + 2)
                ):
                    continue
                choice = (bx, by, ring > 0)
                break
            if choice:
                break
        if choice is None:  # no free spot: right of the point
            choice = (x + radius, y - height / 2, False)
        boxes = np.vstack([boxes, [choice[0], choice[1], choice[0] + w, choice[1] + height]])
        out.append(choice)
    return out


def _category_style(labels):
    categories = list(dict.fromkeys(labels))
    return {
        c: {"color": PALETTE[n % len(PALETTE)], "marker": _MARKERS[n % len(_MARKERS)]}
        for n, c in enumerate(categories)
    }


def _legend(ax, styles):
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], linestyle="", markersize=6.5, markeredgecolor="0.2", markeredgewidth=0.4, label=c, **s)
        for c, s in styles.items()
    ]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, title="category")


def _scatter(ax, coords, labels, styles):
    return {
        c: ax.scatter(
            *coords[[i for i, lab in enumerate(labels) if lab == c]].T,
            s=30,
            edgecolor="0.2",
            linewidth=0.4,
            zorder=3,
            **s,
        )
        for c, s in styles.items()
    }


def plot_map(maps: dict, words, labels, title: str | None = None, *, fontsize: float = 7.0):
    """One labelled 2-D map per embedding, side by side: a point per word, a colour and a marker per category.

    Parameters
    ----------
    maps : dict of str to (coords, kept)
        Panel title → ``(coords (words, 2), kept (2,))`` as returned by ``pca_2d(..., variance=True)``; the
        axis labels say how much of the variance each direction keeps.
    words, labels : list of str
        The word and the category of each row.

    Labels never overlap one another or a point: each takes the nearest free spot around its point, with a
    thin leader line when it had to move away. Returns the Figure.
    """
    import matplotlib.pyplot as plt

    use_style()
    if not isinstance(maps, dict) or not maps:
        raise TypeError(
            f"maps must be a non-empty dict of title -> (coords, kept); got {type(maps).__name__}"
        )
    if isinstance(words, (str, bytes)) or not isinstance(words, (list, tuple)):
        raise TypeError(f"words must be a list of words; got {type(words).__name__}")
    n = len(words)
    if not isinstance(labels, (list, tuple, np.ndarray)) or len(labels) != n:
        raise ValueError(
            f"words and labels must have one entry per point; got {n} words and labels {labels!r:.60}"
        )
    labels = _as_labels(labels, n)
    fontsize = as_float(fontsize, "fontsize", minimum=1.0, maximum=40.0)
    panels = []
    for name, pair in maps.items():
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"maps[{name!r}] must be a (coords, kept) pair from pca_2d(..., variance=True)")
        coords = as_array(pair[0], f"maps[{name!r}] coords", shape=(n, 2), layout="(words, 2)")
        kept = as_array(pair[1], f"maps[{name!r}] kept", shape=(2,), layout="(2,)")
        panels.append((name, coords, kept))
    width = 5.6 * len(panels) + 1.6
    fig, axes = plt.subplots(1, len(panels), figsize=(width, 5.6), layout="none", squeeze=False)
    fig.subplots_adjust(left=0.8 / width, right=1 - 1.5 / width, bottom=0.1, top=0.9, wspace=0.25)
    styles = _category_style(labels)
    for ax, (name, coords, kept) in zip(axes[0], panels, strict=True):
        _scatter(ax, coords, labels, styles)
        low, high = coords.min(axis=0), coords.max(axis=0)
        pad = 0.08 * np.maximum(high - low, 1e-9)
        ax.set(xlim=(low[0] - pad[0], high[0] + pad[0]), ylim=(low[1] - pad[1], high[1] + pad[1]))
        ax.set_xlabel(f"direction 1 ({kept[0]:.0%} of the variance)")
        ax.set_ylabel(f"direction 2 ({kept[1]:.0%} of the variance)")
        ax.set_title(name)
        _label_points(ax, coords, words, fontsize)
    _legend(axes[0, -1], styles)
    if title:
        fig.suptitle(title)
    return fig


def _label_points(ax, coords, words, fontsize):
    dpi = ax.figure.dpi
    widths = _text_width_px(words, fontsize, dpi)
    height = fontsize * dpi / 72 * 1.05
    points = ax.transData.transform(coords)
    box = ax.get_window_extent()
    crowd = (np.linalg.norm(points[:, None] - points[None], axis=2) < 25).sum(axis=1)
    order = np.argsort(-crowd, kind="stable")  # crowded points choose first
    spots = _place_labels(
        points[order], [widths[words[i]] for i in order], height, box.extents, obstacles=points
    )
    to_data = ax.transData.inverted().transform
    for i, (x0, y0, far) in zip(order, spots, strict=True):
        ax.text(*to_data((x0, y0)), words[i], fontsize=fontsize, ha="left", va="bottom", zorder=4)
        if far:
            px, py = points[i]
            end = to_data((np.clip(px, x0, x0 + widths[words[i]]), np.clip(py, y0, y0 + height)))
            ax.plot(*zip(coords[i], end, strict=True), color="0.55", linewidth=0.5, zorder=2)


def plot_cosine_heatmaps(matrices: dict, labels, title: str | None = None, *, columns: int = 2):
    """Heatmaps of the cosine similarity between every pair of rows, one per embedding, rows grouped by category.

    Parameters
    ----------
    matrices : dict of str to array (words, dim)
        Panel title → the embedding's rows for the words, in the same order for every panel.
    labels : list of str
        The category of each row; rows of one category must be contiguous (as from :func:`category_rows`).

    Bright squares on the diagonal are categories whose words point the same way; a bright square off the
    diagonal is two categories the embedding cannot tell apart. Returns the Figure.
    """
    import matplotlib.pyplot as plt

    use_style()
    if not isinstance(matrices, dict) or not matrices:
        raise TypeError(
            f"matrices must be a non-empty dict of title -> embedding; got {type(matrices).__name__}"
        )
    labels = _as_labels(labels, len(labels) if isinstance(labels, (list, tuple, np.ndarray)) else 0)
    categories = list(dict.fromkeys(labels))
    starts = [labels.index(c) for c in categories]
    ends = [*starts[1:], len(labels)]
    if any(labels[s:e] != [c] * (e - s) for c, s, e in zip(categories, starts, ends, strict=True)):
        raise ValueError("labels must list each category's rows together (as category_rows returns them)")
    sims = {}
    for name, E in matrices.items():
        E = as_array(E, f"matrices[{name!r}]", ndim=2, layout="(words, dim)")
        if len(E) != len(labels):
            raise ValueError(
                f"matrices[{name!r}] and labels must have one row per word; got {len(E)} rows and "
                f"{len(labels)} labels"
            )
        sims[name] = _cosines(E)
    columns = as_int(columns, "columns", minimum=1)
    rows = -(-len(sims) // columns)
    columns = min(columns, len(sims))
    fig, axes = plt.subplots(
        rows, columns, figsize=(3.9 * columns + 1.3, 3.9 * rows + 0.5), squeeze=False, layout="constrained"
    )
    middles = [(s + e - 1) / 2 for s, e in zip(starts, ends, strict=True)]
    for n, ax in enumerate(axes.flat):
        if n >= len(sims):
            ax.set_visible(False)
            continue
        name, S = list(sims.items())[n]
        image = ax.imshow(S, cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
        for s in starts[1:]:
            ax.axhline(s - 0.5, color="black", linewidth=0.6)
            ax.axvline(s - 0.5, color="black", linewidth=0.6)
        ax.set_xticks(middles, categories, rotation=90, fontsize=8)
        ax.set_yticks(middles, categories, fontsize=8)
        ax.tick_params(length=0)
        ax.grid(False)
        ax.set_title(name, fontsize=11)
    fig.colorbar(image, ax=axes, shrink=0.7, label="cosine similarity")
    if title:
        fig.suptitle(title)
    return fig


class SemanticSpaceView(View):
    """The semantic-space explorer: maps of several embeddings at a training snapshot, in a fixed frame.

    Parameters
    ----------
    snapshots : dict of int to tuple of arrays
        Training updates → one embedding per panel, each ``(vocab, dim)`` (e.g. ``(E, W_hy)``).
    vocab : rnnlib.text.Vocabulary
    categories : dict of str to words
        The mapped words (see :func:`category_rows`).
    names : tuple of str
        One panel title per embedding.
    k : int
        Neighbours shown for the chosen word (among the mapped words).

    Each panel's frame is the PCA of its **last** snapshot (unit-length rows); every snapshot is projected
    onto those two directions and the axis limits hold them all, so the axes never move and a point's motion
    is the word's own. ``update(step, word)`` moves the points, rings ``word`` and links it to its ``k``
    nearest neighbours in each panel; it returns the step, the neighbours and how many share the word's
    category.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from rnnlib.text import Vocabulary
    >>> vocab = Vocabulary(["paris london rome banana pear plum"])
    >>> rng = np.random.default_rng(0)
    >>> snaps = {0: (rng.normal(size=(8, 4)),), 10: (rng.normal(size=(8, 4)),)}
    >>> cats = {"cities": ("paris", "london", "rome"), "fruit": ("banana", "pear", "plum")}
    >>> fig, info = SemanticSpaceView(snaps, vocab, cats, names=("E",), k=2)(step=10, word="paris")
    >>> info["updates"], len(info["E: neighbours"].split(", "))
    (10, 2)
    """

    def __init__(self, snapshots: dict, vocab, categories: dict, *, names=("E", "W_hy"), k: int = 5):
        import matplotlib.pyplot as plt

        use_style()
        if not isinstance(snapshots, dict) or not snapshots:
            raise TypeError(
                f"snapshots must be a non-empty dict of step -> embeddings; got {snapshots!r:.60}"
            )
        if isinstance(names, str):
            names = (names,)
        if not isinstance(names, (tuple, list)) or not names or not all(isinstance(n, str) for n in names):
            raise TypeError(f"names must be a tuple of panel titles (str); got {names!r:.60}")
        names = tuple(names)
        self.steps = sorted(snapshots)
        for step in self.steps:
            value = snapshots[step]
            if not isinstance(value, (tuple, list)) or len(value) != len(names):
                raise ValueError(
                    f"snapshots[{step}] must hold one embedding per entry of names ({len(names)}: "
                    f"{', '.join(names)})"
                )
        rows, self.words, self.labels = category_rows(vocab, categories)
        if len(set(self.labels)) < 2:
            raise ValueError("categories must give at least two categories with words in the vocabulary")
        self.k = as_int(k, "k", minimum=1, maximum=len(rows) - 1)
        self.names = names
        fontsize = 8.0
        width = 5.3 * len(names) + 1.5
        fig, axes = plt.subplots(1, len(names), figsize=(width, 4.9), layout="none", squeeze=False)
        fig.subplots_adjust(left=0.8 / width, right=1 - 1.45 / width, bottom=0.11, top=0.91, wspace=0.25)
        super().__init__(fig)
        styles = _category_style(self.labels)
        self.members = {c: [i for i, lab in enumerate(self.labels) if lab == c] for c in styles}
        codes = {c: n for n, c in enumerate(styles)}
        code = np.array([codes[lab] for lab in self.labels])
        within = (code[:, None] == code[None, :]) & ~np.eye(len(code), dtype=bool)
        self.panels = []
        for m, (ax, name) in enumerate(zip(axes[0], names, strict=True)):
            matrices = {}
            for step in self.steps:
                M = as_array(snapshots[step][m], f"snapshots[{step}][{m}]", ndim=2, layout="(vocab, dim)")
                if len(M) != len(vocab):
                    raise ValueError(
                        f"snapshots[{step}][{m}] must have one row per word ({len(vocab)}); got {len(M)}"
                    )
                matrices[step] = M[rows]
            mean, components, kept = _pca_frame(matrices[self.steps[-1]], unit=True)
            coords = {s: _project(M, mean, components, unit=True) for s, M in matrices.items()}
            sims = {s: _cosines(M) for s, M in matrices.items()}
            scores = {
                s: float(S[within].mean() - S[code[:, None] != code[None, :]].mean()) for s, S in sims.items()
            }
            every = np.vstack(list(coords.values()))
            low, high = every.min(axis=0), every.max(axis=0)
            pad = 0.06 * np.maximum(high - low, 1e-9)
            ax.set(xlim=(low[0] - pad[0], high[0] + pad[0]), ylim=(low[1] - pad[1], high[1] + pad[1]))
            ax.set_xlabel(f"direction 1 of the final map ({kept[0]:.0%} of its variance)")
            ax.set_ylabel(f"direction 2 ({kept[1]:.0%})")
            panel = {
                "name": name,
                "coords": coords,
                "sims": sims,
                "scores": scores,
                "points": {
                    c: self.dynamic(p)
                    for c, p in _scatter(ax, coords[self.steps[-1]], self.labels, styles).items()
                },
                "lines": [
                    self.dynamic(ax.plot([], [], color="black", linewidth=0.8, alpha=0.7, zorder=2)[0])
                    for _ in range(self.k)
                ],
                "ring": self.dynamic(
                    ax.plot(
                        [],
                        [],
                        "o",
                        markersize=15,
                        markerfacecolor="none",
                        markeredgecolor="black",
                        markeredgewidth=1.5,
                        zorder=5,
                    )[0]
                ),
                "texts": [
                    self.dynamic(ax.text(0, 0, "", fontsize=fontsize, va="bottom", zorder=6))
                    for _ in range(self.k + 1)
                ],
                "title": self.dynamic(ax.set_title(" ", fontsize=11)),
                "ax": ax,
            }
            self.panels.append(panel)
        _legend(axes[0, -1], styles)
        self._widths = _text_width_px(self.words, fontsize, fig.dpi)
        self._height = fontsize * fig.dpi / 72 * 1.05

    def update(self, step=None, word: str | None = None) -> dict:
        """Show the snapshot after ``step`` training updates with ``word`` ringed (default: the first mapped word).

        Returns the step and, per panel, ``word``'s neighbours (nearest first) and how many share its category.
        """
        word = self.words[0] if word is None else word
        if step not in self.steps:
            raise ValueError(f"step must be one of the saved snapshots {self.steps}; got {step!r}")
        if word not in self.words:
            raise ValueError(f"word must be one of the mapped words; got {word!r}")
        i = self.words.index(word)
        info = {"updates": step}
        for p in self.panels:
            xy = p["coords"][step]
            for c, points in p["points"].items():
                points.set_offsets(xy[self.members[c]])
            row = p["sims"][step][i].copy()
            row[i] = -np.inf
            near = [int(j) for j in np.argsort(-row, kind="stable")[: self.k]]
            p["ring"].set_data([xy[i, 0]], [xy[i, 1]])
            for line, j in zip(p["lines"], near, strict=True):
                line.set_data([xy[i, 0], xy[j, 0]], [xy[i, 1], xy[j, 1]])
            shown = [i, *near]
            ax = p["ax"]
            pixels = ax.transData.transform(xy[shown])
            ring = pixels[0] + 11 * np.column_stack(
                [np.cos(_DIRECTIONS), np.sin(_DIRECTIONS)]
            )  # the ring's edge
            spots = _place_labels(
                pixels,
                [self._widths[self.words[j]] for j in shown],
                self._height,
                ax.get_window_extent().extents,
                obstacles=np.vstack([pixels, ring]),
                rings=8,
            )
            to_data = ax.transData.inverted().transform
            for text, j, (x0, y0, _) in zip(p["texts"], shown, spots, strict=True):
                text.set_position(to_data((x0, y0)))
                text.set_text(self.words[j])
            p["title"].set_text(f"{p['name']} after {step} updates: cluster score {p['scores'][step]:.2f}")
            same = sum(self.labels[j] == self.labels[i] for j in near)
            info[f"{p['name']}: neighbours"] = ", ".join(self.words[j] for j in near)
            info[f"{p['name']}: same category"] = f"{same} of {self.k}"
        return info


#: The contexts :class:`ContextView` can count, each made from ``next_counts`` (row: a word; column: the next word).
CONTEXTS = ("next word", "word before", "before + after, summed", "before + after, side by side")


def _context_counts(next_counts, context):
    if context == "next word":
        return next_counts
    if context == "word before":
        return next_counts.T
    if context == "before + after, summed":
        return next_counts + next_counts.T
    return np.hstack([next_counts, next_counts.T])


class ContextView(View):
    """The count-baseline explorer: which context is counted, and how many SVD directions are kept.

    Parameters
    ----------
    next_counts : array (V, V)
        ``next_counts[a, b]``: how often word ``b`` follows word ``a`` (index 0: a sentence boundary).
    vocab : rnnlib.text.Vocabulary
        The vocabulary of the counts (``len(vocab) == V``).
    categories : dict of str to words
        The words of the heatmap, grouped by category (see :func:`category_rows`).
    k : int
        Neighbours for the purity, searched among all words but ``<pad>`` and ``<unk>``.

    Each context (one of :data:`CONTEXTS`) is turned into a count embedding once, when it is first shown:
    positive PMI, then an SVD, ``U S``. ``update(dims, context)`` keeps the first ``dims`` columns, draws the
    cosine heatmap of the categorised words (a fixed frame: only the image changes) and returns the cluster
    score, the ``k``-NN purity and the two categories the embedding confuses most (the highest mean cosine
    between them).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from rnnlib.text import Vocabulary
    >>> vocab = Vocabulary(["the cat sat", "the dog sat", "a cat ran", "a dog ran"])
    >>> counts = np.random.default_rng(0).integers(0, 3, size=(len(vocab), len(vocab)))
    >>> fig, info = ContextView(counts, vocab, {"animals": ("cat", "dog"), "verbs": ("sat", "ran")}, k=1)(
    ...     dims=2, context="word before")
    >>> sorted(info)
    ['SVD directions', 'cluster score', 'context', 'most confused pair', 'purity', 'words without a vector']
    """

    def __init__(self, next_counts, vocab, categories: dict, *, k: int = 5):
        import matplotlib.pyplot as plt

        from .text import Vocabulary

        use_style()
        vocab = as_instance(vocab, "vocab", Vocabulary)
        V = len(vocab)
        counts = as_array(next_counts, "next_counts", shape=(V, V), layout=f"(vocab, vocab) = ({V}, {V})")
        if np.any(counts < 0):
            raise ValueError("next_counts must be non-negative")
        if counts.sum() <= 0:
            raise ValueError("next_counts must hold at least one positive count")
        rows, words, labels = category_rows(vocab, categories)
        if len(set(labels)) < 2:
            raise ValueError("categories must give at least two categories with words in the vocabulary")
        self.real = [i for i, w in enumerate(vocab.words) if w not in ("<pad>", "<unk>")]
        label_of = dict(zip(rows, labels, strict=True))
        self.all_labels = [label_of.get(i) for i in self.real]
        self.k = as_int(k, "k", minimum=1, maximum=len(self.real) - 1)
        self.rows, self.labels = rows, labels
        self.mapped = [self.real.index(i) for i in rows]
        self._same = np.array(labels, dtype=object)[:, None] == np.array(labels, dtype=object)[None, :]
        self._counts, self._vectors = counts.copy(), {}  # each context's U S, computed when first shown
        cats = list(dict.fromkeys(labels))
        lab = np.array(labels, dtype=object)
        self._blocks = [(a, b, lab == a, lab == b) for n, a in enumerate(cats) for b in cats[n + 1 :]]
        starts = [labels.index(c) for c in cats]
        ends = [*starts[1:], len(labels)]
        fig, ax = plt.subplots(figsize=(5.4, 4.9), layout="constrained")
        super().__init__(fig)
        self.image = self.dynamic(
            ax.imshow(
                np.zeros((len(rows), len(rows))), cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest"
            )
        )
        for s in starts[1:]:
            self.dynamic(ax.axhline(s - 0.5, color="black", linewidth=0.6, zorder=3))  # drawn over the image
            self.dynamic(ax.axvline(s - 0.5, color="black", linewidth=0.6, zorder=3))
        middles = [(s + e - 1) / 2 for s, e in zip(starts, ends, strict=True)]
        ax.set_xticks(middles, cats, rotation=90, fontsize=8)
        ax.set_yticks(middles, cats, fontsize=8)
        ax.tick_params(length=0)
        ax.grid(False)
        ax.set_xlabel("word (grouped by category)")
        ax.set_ylabel("word (grouped by category)")
        fig.colorbar(self.image, ax=ax, shrink=0.8, label="cosine similarity")
        self.title = self.dynamic(ax.set_title(" ", fontsize=10))

    def update(self, dims: int = 16, context: str = "before + after, summed") -> dict:
        """Count ``context``, keep ``dims`` SVD directions; draw the heatmap and return the scores shown."""
        if context not in CONTEXTS:
            raise ValueError(f"context must be one of {', '.join(CONTEXTS)}; got {context!r:.60}")
        if context not in self._vectors:
            U, S, _ = np.linalg.svd(ppmi(_context_counts(self._counts, context)), full_matrices=False)
            self._vectors[context] = U * S
        dims = as_int(dims, "dims", minimum=1, maximum=self._vectors[context].shape[1])
        M = self._vectors[context][self.real, :dims]
        norms = np.linalg.norm(M, axis=1)
        empty = norms < 1e-9  # words with no vector at this size: cosine 0 with every word
        M = M / np.where(empty, 1.0, norms)[:, None]
        every = M @ M.T
        S = every[np.ix_(self.mapped, self.mapped)]
        self.image.set_data(S)
        within, between = self._same & ~np.eye(len(S), dtype=bool), ~self._same
        score = float(S[within].mean() - S[between].mean())
        purity = _purity(every, self.all_labels, self.k)
        a, b, worst = max(
            ((a, b, float(S[np.ix_(ia, ib)].mean())) for a, b, ia, ib in self._blocks), key=lambda t: t[2]
        )
        self.title.set_text(
            f"counts: {context}, {dims} SVD directions\n"
            f"cluster {score:.2f} · purity {purity:.2f} · most confused {a}–{b} {worst:.2f}"
        )
        return {
            "context": context,
            "SVD directions": dims,
            "cluster score": round(score, 4),
            "purity": round(purity, 4),
            "most confused pair": f"{a}–{b} {worst:.2f}",
            "words without a vector": int(empty.sum()),
        }
