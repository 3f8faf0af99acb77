"""Cosine similarity, neighbours, the sign-fixed PCA map, scores, the count baseline, the figures and the explorer view."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnnlib import embeddings, text

CATS = {"cities": ("paris", "london", "rome"), "fruit": ("banana", "pear", "plum")}


def clustered(noise=0.05, seed=0):
    rng = np.random.default_rng(seed)
    centres = {"cities": np.array([1.0, 0.0, 0.0, 0.2]), "fruit": np.array([0.0, 1.0, 0.3, 0.0])}
    words, labels, rows = [], [], []
    for label, members in CATS.items():
        for w in members:
            words.append(w)
            labels.append(label)
            rows.append(centres[label] + noise * rng.normal(size=4))
    return np.array(rows), words, labels


def test_cosine_similarity():
    assert embeddings.cosine_similarity([1, 0], [0, 1]) == 0.0
    assert embeddings.cosine_similarity([1, 2], [2, 4]) == pytest.approx(1.0)
    assert embeddings.cosine_similarity([1, 0], [-3, 0]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="non-zero"):
        embeddings.cosine_similarity([0, 0], [1, 0])
    with pytest.raises(ValueError, match="b must be"):
        embeddings.cosine_similarity([1, 0], [1, 0, 0])


def test_one_hot_vectors_are_perpendicular():
    sims = embeddings.cosine_matrix(np.eye(5))
    assert np.all(sims[~np.eye(5, dtype=bool)] == 0)


def test_nearest_neighbours():
    E, words, _ = clustered()
    near = embeddings.nearest_neighbours(E, words, "paris", k=2)
    assert {w for w, _ in near} == {"london", "rome"}
    assert near[0][1] >= near[1][1]
    assert "paris" not in [w for w, _ in embeddings.nearest_neighbours(E, words, "paris", k=5)]
    with pytest.raises(ValueError, match="word"):
        embeddings.nearest_neighbours(E, words, "zebra")
    with pytest.raises(ValueError, match="words"):
        embeddings.nearest_neighbours(E, words[:-1], "paris")


def test_pca_is_deterministic_and_sign_fixed():
    E, _, _ = clustered()
    a = embeddings.pca_2d(E)
    assert a.shape == (len(E), 2)
    np.testing.assert_allclose(
        a, embeddings.pca_2d(-E + 0.0) * 1, atol=1e-12
    )  # sign convention removes the flip
    for axis in range(2):
        assert a[np.argmax(np.abs(a[:, axis])), axis] > 0
    b = embeddings.pca_2d(E, unit=True)
    assert np.abs(b).max() <= 2.0
    with pytest.raises(ValueError, match="at least 2 rows"):
        embeddings.pca_2d(E[:1])


def test_pca_matches_variance_ordering():
    rng = np.random.default_rng(1)
    E = rng.normal(size=(50, 3)) * np.array([5.0, 2.0, 0.1])
    coords = embeddings.pca_2d(E)
    assert coords[:, 0].var() > coords[:, 1].var()
    assert coords[:, 0].var() == pytest.approx(E[:, 0].var(), rel=0.2)


def test_cluster_scores_separate_clustered_from_random():
    E, _, labels = clustered()
    random = np.random.default_rng(0).normal(size=E.shape)
    assert embeddings.cluster_score(E, labels) > 0.5
    assert abs(embeddings.cluster_score(random, labels)) < 0.5
    assert embeddings.knn_purity(E, labels, k=2) == 1.0
    with pytest.raises(ValueError, match="labels"):
        embeddings.cluster_score(E, labels[:-1])
    with pytest.raises(ValueError, match="two categories"):
        embeddings.cluster_score(E, ["a"] * len(E))


def test_category_rows_skips_missing_words():
    vocab = text.Vocabulary(["paris and banana"])
    rows, words, labels = embeddings.category_rows(vocab, CATS)
    assert words == ["paris", "banana"] and labels == ["cities", "fruit"] and rows == [1, 3]


def test_pca_variance_kept():
    E, _, _ = clustered()
    coords, kept = embeddings.pca_2d(E, unit=True, variance=True)
    np.testing.assert_allclose(coords, embeddings.pca_2d(E, unit=True))
    assert kept.shape == (2,) and kept[0] >= kept[1] >= 0 and kept.sum() <= 1 + 1e-12
    _, on_a_line = embeddings.pca_2d(np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0]]), variance=True)
    assert on_a_line.tolist() == [1.0, 0.0]


def test_knn_purity_searches_all_words_and_shares_ties():
    E = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0], [0.7, 0.7]])
    labels = ["city", "city", "fruit", "fruit", None]  # the last word: a neighbour, never a query
    assert embeddings.knn_purity(E, labels, k=1) == 1.0
    assert embeddings.knn_purity(E, labels, k=2, by_category=True) == {"city": 0.5, "fruit": 0.5}
    # rows 1, 2 and 3 are identical: row 1 (a) ties with two b's; rows 2 and 3 (b) tie with one a and one b
    tied = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.1]])
    tied_labels = ["a", "a", "b", "b", "a"]
    assert embeddings.knn_purity(tied, tied_labels, k=1, by_category=True) == pytest.approx(
        {"a": 2 / 3, "b": 0.5}
    )
    order = [4, 2, 0, 3, 1]  # the score does not depend on the order of the rows
    for k in (1, 2, 3):
        assert embeddings.knn_purity(tied, tied_labels, k=k) == pytest.approx(
            embeddings.knn_purity(tied[order], [tied_labels[i] for i in order], k=k)
        )
    with pytest.raises(ValueError, match="labels"):
        embeddings.knn_purity(E, labels[:-1])
    with pytest.raises(ValueError, match="two categories"):
        embeddings.knn_purity(E, ["a", "a", None, None, None], k=1)
    with pytest.raises(ValueError, match="k"):
        embeddings.knn_purity(E, labels, k=5)


def test_ppmi():
    counts = np.array([[4.0, 0.0, 1.0], [0.0, 3.0, 1.0], [1.0, 1.0, 1.0]])
    P = embeddings.ppmi(counts)
    p = counts / counts.sum()
    with np.errstate(divide="ignore"):
        expected = np.log(p / (p.sum(axis=1, keepdims=True) * p.sum(axis=0, keepdims=True)))
    np.testing.assert_allclose(P[counts > 0], np.maximum(expected[counts > 0], 0))
    assert np.all(P[counts == 0] == 0) and np.all(P >= 0)
    with pytest.raises(ValueError, match="non-negative"):
        embeddings.ppmi([[1.0, -1.0]])
    with pytest.raises(ValueError, match="positive count"):
        embeddings.ppmi(np.zeros((2, 2)))


def test_top_contexts():
    assert embeddings.top_contexts([0, 6, 3, 1], ["<pad>", "the", "a", "on"], k=5) == [
        ("the", 0.6),
        ("a", 0.3),
        ("on", 0.1),
    ]
    with pytest.raises(ValueError, match="names"):
        embeddings.top_contexts([1, 2], ["a"])
    with pytest.raises(ValueError, match="positive count"):
        embeddings.top_contexts([0, 0], ["a", "b"])


def _overlaps(boxes):
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[:i])
        if a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
    ]


def test_plot_map_labels_do_not_overlap():
    rng = np.random.default_rng(0)
    words = [f"word{i}" for i in range(30)]
    labels = ["a"] * 10 + ["b"] * 10 + ["c"] * 10
    E = np.repeat(np.eye(3, 8), 10, axis=0) + 0.02 * rng.normal(size=(30, 8))  # three tight bundles
    maps = {
        "E": embeddings.pca_2d(E, unit=True, variance=True),
        "random": embeddings.pca_2d(rng.normal(size=(30, 8)), variance=True),
    }
    fig = embeddings.plot_map(maps, words, labels, "title")
    assert isinstance(fig, Figure)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        texts = [t for t in ax.texts if t.get_text()]
        assert sorted(t.get_text() for t in texts) == sorted(words)
        assert _overlaps([t.get_window_extent(renderer) for t in texts]) == []
        assert "% of the variance" in ax.get_xlabel()
    with pytest.raises(TypeError, match="maps"):
        embeddings.plot_map({"E": maps["E"][0]}, words, labels)
    with pytest.raises(ValueError, match="coords"):
        embeddings.plot_map({"E": (maps["E"][0][:5], maps["E"][1])}, words, labels)


def test_plot_cosine_heatmaps():
    E, _, labels = clustered()
    fig = embeddings.plot_cosine_heatmaps(
        {"E": E, "twice": 2 * E, "random": np.random.default_rng(0).normal(size=E.shape)}, labels
    )
    images = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    assert len(images) == 3
    np.testing.assert_allclose(images[0], images[1])  # the cosine ignores length
    with pytest.raises(ValueError, match="together"):
        embeddings.plot_cosine_heatmaps({"E": E}, ["cities", "fruit"] * 3)
    with pytest.raises(ValueError, match="one row per word"):
        embeddings.plot_cosine_heatmaps({"E": E[:-1]}, labels)


@pytest.fixture
def snapshots():
    E_small, words, _ = clustered()
    vocab = text.Vocabulary([" ".join(words)])
    rng = np.random.default_rng(0)
    trained = rng.normal(size=(len(vocab), 4))
    trained[[vocab[w] for w in words]] = E_small
    return vocab, {
        0: (rng.normal(size=trained.shape), rng.normal(size=trained.shape)),
        7: (trained, -trained),
    }


def test_semantic_space_view(snapshots):
    vocab, snaps = snapshots
    view = embeddings.SemanticSpaceView(snaps, vocab, CATS, names=("in", "out"), k=2)
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in view.fig.axes]
    fig, info = view(step=7, word="paris")
    assert isinstance(fig, Figure) and info["updates"] == 7
    assert (
        set(info["in: neighbours"].split(", ")) == {"london", "rome"}
        and info["in: same category"] == "2 of 2"
    )
    assert "after 7 updates" in fig.axes[0].get_title()
    _, info0 = view(step=0, word="banana")
    assert info0["updates"] == 0 and fig.axes[0].get_title() != fig.axes[1].get_title()
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in view.fig.axes] == limits  # a fixed frame
    with pytest.raises(ValueError, match="step"):
        view(step=3, word="paris")
    with pytest.raises(ValueError, match="word"):
        view(step=7, word="zebra")
    with pytest.raises(ValueError, match="one embedding per entry of names"):
        embeddings.SemanticSpaceView(snaps, vocab, CATS, names=("in",))


def test_semantic_space_view_in_an_explorer(snapshots):
    import ipywidgets as w

    from rnnlib.ui import explorer

    vocab, snaps = snapshots
    slider = w.SelectionSlider(options=[0, 7], value=7)
    box = explorer(
        embeddings.SemanticSpaceView(snaps, vocab, CATS, names=("in", "out"), k=2), {"step": slider}
    )
    before = (box.readout.value, box.image.value)
    slider.value = 0
    assert box.readout.value != before[0] and box.image.value != before[1]  # the first control changes both


def test_context_view_counts_the_chosen_context():
    import matplotlib

    matplotlib.use("Agg")
    from rnnlib.corpus import CATEGORIES
    from rnnlib.text import Vocabulary, load_corpus

    train = load_corpus()[0]
    vocab = Vocabulary(train)
    V = len(vocab)
    counts = np.zeros((V, V))
    for sentence in train:
        ids = np.concatenate([[0], vocab.encode(sentence), [0]])
        np.add.at(counts, (ids[:-1], ids[1:]), 1)
    view = embeddings.ContextView(counts, vocab, CATEGORIES)
    summed = view.update(dims=16, context="before + after, summed")
    before = view.update(dims=16, context="word before")
    assert summed["most confused pair"].startswith("cities–transport")
    assert (
        before["purity"] < summed["purity"] - 0.2
    )  # one word before: furniture, rooms, transport all follow "the"
    # the view's scores are the module's scores of the same vectors
    U, S, _ = np.linalg.svd(embeddings.ppmi(counts + counts.T), full_matrices=False)
    rows, _, labels = embeddings.category_rows(vocab, CATEGORIES)
    assert (
        abs(summed["cluster score"] - round(embeddings.cluster_score((U * S)[rows, :16], labels), 4)) < 1e-4
    )
    assert view.update(dims=2, context="word before")["words without a vector"] > 0
    # each context's SVD is computed when first shown: the order of the moves does not change a result
    fresh = embeddings.ContextView(counts, vocab, CATEGORIES)
    assert fresh.update(dims=16, context="word before") == before
    assert fresh.update(dims=16, context="before + after, summed") == summed
    with pytest.raises(ValueError, match="context"):
        view.update(dims=16, context="window of 5")
