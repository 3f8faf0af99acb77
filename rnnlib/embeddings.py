"""Word vectors: similarity, neighbours, a 2-D map, a cluster score, and lesson 06's semantic-space explorer.

An embedding is a matrix ``E`` of shape ``(vocab, dim)``: row i is the vector of word i (the
weights of a Keras ``Embedding`` layer). The numeric tools are numpy only; the plotting and
render functions import pyplot when they are called.

The 2-D map is a PCA computed with an SVD, with a fixed sign convention (each axis is flipped so
that the word farthest from the centre along it lies on its positive side), so the same
embedding always gives the same picture, not a mirror image.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_bool, as_instance, as_int
from .ui import PALETTE, use_style

__all__ = [
    "category_rows",
    "cluster_score",
    "cosine_matrix",
    "cosine_similarity",
    "knn_purity",
    "nearest_neighbours",
    "pca_2d",
    "plot_map",
    "render_semantic_space",
]


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

    ``E`` is ``(vocab, dim)`` and ``words[i]`` the word of row i (e.g. ``vocab.words``); ``exclude`` words
    are never returned. Returns a list of (word, cosine), best first.

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
    sims = cosine_matrix(np.vstack([E[i], E[keep]]))[0, 1:]
    order = np.argsort(-sims, kind="stable")[:k]
    return [(words[keep[j]], float(sims[j])) for j in order]


def pca_2d(E, *, unit: bool = False) -> np.ndarray:
    """Project the rows of ``E`` ``(n, dim)`` onto their two main directions (PCA via SVD); returns ``(n, 2)``.

    The rows are centred, ``E − mean = U S Vᵀ``, and the coordinates are the first two columns of
    ``U S``. Sign convention: each axis is flipped if needed so that the row with the largest
    absolute coordinate on it is positive, so the map never comes out mirrored. With ``unit=True``
    each row is first scaled to length 1, so the map shows directions (what cosine similarity compares).

    >>> pca_2d(np.array([[0.0, 0.0], [1.0, 0.0], [4.0, 0.0]])).round(3).tolist()
    [[-1.667, 0.0], [-0.667, 0.0], [2.333, 0.0]]
    """
    E = as_array(E, "E", ndim=2, layout="(words, dim)")
    if E.shape[0] < 2:
        raise ValueError(f"E must have at least 2 rows to project; got {E.shape[0]}")
    if as_bool(unit, "unit"):
        norms = np.linalg.norm(E, axis=1, keepdims=True)
        E = E / np.where(norms > 0, norms, 1.0)
    centred = E - E.mean(axis=0)
    U, S, _ = np.linalg.svd(centred, full_matrices=False)
    coords = U[:, :2] * S[:2]
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((len(E), 1))])
    for axis in range(2):
        j = int(np.argmax(np.abs(coords[:, axis])))
        if coords[j, axis] < 0:
            coords[:, axis] *= -1
    return coords + 0.0  # no negative zeros


def _label_pairs(E, labels):
    E = as_array(E, "E", ndim=2, layout="(words, dim)")
    labels = np.asarray(labels)
    if labels.shape != (len(E),):
        raise ValueError(f"labels must give one category per row of E ({len(E)}); got shape {labels.shape}")
    if len(set(labels.tolist())) < 2:
        raise ValueError("labels must name at least two categories")
    same = labels[:, None] == labels[None, :]
    off_diagonal = ~np.eye(len(E), dtype=bool)
    return cosine_matrix(E), same & off_diagonal, ~same


def cluster_score(E, labels) -> float:
    """Mean cosine within categories minus mean cosine between categories.

    Near 0 when the vectors ignore the categories (e.g. a random embedding); up to 2 when every
    category is a tight bundle pointing away from the others.

    >>> E = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]])
    >>> round(cluster_score(E, ["city", "city", "fruit", "fruit"]), 3)
    0.896
    """
    sims, within, between = _label_pairs(E, labels)
    return float(sims[within].mean() - sims[between].mean())


def knn_purity(E, labels, k: int = 3) -> float:
    """The fraction of each word's ``k`` nearest neighbours (by cosine) that share its category, averaged.

    >>> E = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]])
    >>> knn_purity(E, ["city", "city", "fruit", "fruit"], k=1)
    1.0
    """
    sims, within, _ = _label_pairs(E, labels)
    k = as_int(k, "k", minimum=1, maximum=len(sims) - 1)
    np.fill_diagonal(sims, -np.inf)
    nearest = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    return float(np.mean(within[np.arange(len(sims))[:, None], nearest]))


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


def plot_map(coords, words, labels, title: str, *, highlight=None, focus=None, ax=None):
    """A labelled scatter of 2-D word coordinates ``(words, 2)``, one colour per category (``labels``).

    ``focus`` (a word) is drawn large with a ring; ``highlight`` (words) keep full colour while all
    other words fade. Returns the Figure.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> plot_map(np.eye(2), ["paris", "pear"], ["cities", "fruit"], "Two words").axes[0].get_title()
    'Two words'
    """
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D

    coords = as_array(coords, "coords", shape=(None, 2), layout="(words, 2)")
    words = _check_words(coords, words)
    if not isinstance(labels, (list, tuple)) or len(labels) != len(coords):
        raise TypeError(
            f"labels must be a list of {len(coords)} categories, one per point; got {labels!r}"[:200]
        )
    if highlight is not None:
        _known(highlight, words, "highlight")
    if focus is not None:
        _known([focus], words, "focus")
    if ax is not None:
        as_instance(ax, "ax", Axes, "a matplotlib Axes")
    use_style()
    fig, ax = plt.subplots(figsize=(7.5, 5.6)) if ax is None else (ax.figure, ax)
    categories = list(dict.fromkeys(labels))
    fade = set(highlight or ()) | ({focus} if focus else set())
    for c, category in enumerate(categories):
        idx = [i for i, lab in enumerate(labels) if lab == category]
        alpha = [1.0 if not fade or words[i] in fade else 0.2 for i in idx]
        colour = PALETTE[c % len(PALETTE)]
        ax.scatter(coords[idx, 0], coords[idx, 1], s=28, color=colour, alpha=alpha, edgecolor="none")
        for i, a in zip(idx, alpha, strict=True):
            ax.annotate(words[i], coords[i], xytext=(3, 2), textcoords="offset points", fontsize=7.5, alpha=a)
    if focus is not None and focus in words:
        i = words.index(focus)
        ax.scatter(*coords[i], s=180, facecolor="none", edgecolor="black", linewidth=1.5)
        for word in highlight or ():
            j = words.index(word)
            ax.plot(*zip(coords[i], coords[j], strict=True), color="black", linewidth=0.7, alpha=0.6)
    axis = "principal direction (unit-length vectors)"
    ax.set(xlabel=f"first {axis}", ylabel=f"second {axis}", title=title)
    dot = {"marker": "o", "linestyle": "", "markersize": 5}
    handles = [Line2D([], [], color=PALETTE[c % 8], label=name, **dot) for c, name in enumerate(categories)]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=9, frameon=False)
    return fig


def _known(some, words, name):
    if isinstance(some, str) or not isinstance(some, (list, tuple)) or not all(w in words for w in some):
        raise ValueError(f"{name} must name words of the map; got {some!r}"[:200])


def render_semantic_space(word: str, epoch, *, snapshots: dict, vocab, categories: dict, k: int = 5):
    """The semantic-space explorer: the 2-D map at a training snapshot, ``word`` and its neighbours highlighted.

    ``word`` is one of ``categories``' words, ``epoch`` a key of ``snapshots`` ``{epoch: E (vocab, dim)}``.
    Returns the figure and ``info``: ``epoch``, ``neighbours`` (list of (word, cosine), among the
    categorised words) and ``cluster_score`` of the categorised words at that epoch.

    >>> from rnnlib.text import Vocabulary
    >>> vocab, cats = Vocabulary(["paris rome pear fig"]), {"cities": ("paris", "rome"), "fruit": ("pear", "fig")}
    >>> E = np.array([[0, 0], [1, 0], [1, 0.1], [0, 1], [0.1, 1], [0, 0]])
    >>> render_semantic_space("paris", 3, snapshots={3: E}, vocab=vocab, categories=cats, k=1)[1]["neighbours"]
    [('rome', 1.0)]
    """
    if not isinstance(snapshots, dict):
        raise TypeError(f"snapshots must be a dict {{epoch: E (vocab, dim)}}; got {type(snapshots).__name__}")
    if epoch not in snapshots:
        raise ValueError(f"epoch must be one of the saved snapshots {sorted(snapshots)}; got {epoch!r}")
    rows, words, labels = category_rows(vocab, categories)
    if word not in words:
        raise ValueError(f"word must be one of the categorised words; got {word!r}")
    k = as_int(k, "k", minimum=1, maximum=len(words) - 1)
    E = as_array(snapshots[epoch], f"snapshots[{epoch!r}]", shape=(len(vocab), None), layout="(vocab, dim)")[
        rows
    ]
    neighbours = nearest_neighbours(E, words, word, k=k, exclude=())
    coords = pca_2d(E, unit=True)
    score = cluster_score(E, labels)
    title = f"Embedding after {epoch} epoch(s): “{word}” and its {k} nearest neighbours"
    fig = plot_map(coords, words, labels, title, highlight=[w for w, _ in neighbours], focus=word)
    neighbours = [(w, round(s, 2)) for w, s in neighbours]
    return fig, {"epoch": epoch, "neighbours": neighbours, "cluster_score": round(score, 2)}
