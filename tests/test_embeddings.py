"""Cosine similarity, neighbours, the sign-fixed PCA map, cluster scores and the semantic-space render function."""

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


def test_render_semantic_space():
    E_small, words, _ = clustered()
    vocab = text.Vocabulary([" ".join(words)])
    E = np.zeros((len(vocab), 4))
    E[[vocab[w] for w in words]] = E_small
    rng = np.random.default_rng(0)
    snapshots = {0: rng.normal(size=E.shape), 5: E}
    fig, info = embeddings.render_semantic_space(
        "paris", 5, snapshots=snapshots, vocab=vocab, categories=CATS, k=2
    )
    assert isinstance(fig, Figure) and "paris" in fig.axes[0].get_title()
    assert {w for w, _ in info["neighbours"]} == {"london", "rome"}
    assert info["cluster_score"] > 0.5 and info["epoch"] == 5
    _, info0 = embeddings.render_semantic_space(
        "paris", 0, snapshots=snapshots, vocab=vocab, categories=CATS, k=2
    )
    assert info0["cluster_score"] < info["cluster_score"]
    with pytest.raises(ValueError, match="epoch"):
        embeddings.render_semantic_space("paris", 3, snapshots=snapshots, vocab=vocab, categories=CATS)
    with pytest.raises(ValueError, match="word"):
        embeddings.render_semantic_space("zebra", 5, snapshots=snapshots, vocab=vocab, categories=CATS)
