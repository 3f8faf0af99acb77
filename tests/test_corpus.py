"""The shipped corpus files are exactly what the documented grammar generates, and teach what they should."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from rnnlib import corpus
from rnnlib.datasets import _DATA_DIR, _verified_path
from rnnlib.text import Vocabulary, load_corpus, tokenize


def test_shipped_files_equal_the_generator_output():
    train, heldout = corpus._generate_corpus()
    assert (_DATA_DIR / corpus._TRAIN_FILE).read_text(encoding="utf-8") == "\n".join(train) + "\n"
    assert (_DATA_DIR / corpus._HELDOUT_FILE).read_text(encoding="utf-8") == "\n".join(heldout) + "\n"


def test_checksums_verify():
    _verified_path(corpus._TRAIN_FILE)
    _verified_path(corpus._HELDOUT_FILE)


def test_write_corpus_reproduces_the_files(tmp_path):
    corpus._write_corpus(tmp_path)
    for name in (corpus._TRAIN_FILE, corpus._HELDOUT_FILE):
        assert (tmp_path / name).read_bytes() == (_DATA_DIR / name).read_bytes()
        assert (tmp_path / f"{name}.sha256").read_bytes() == (_DATA_DIR / f"{name}.sha256").read_bytes()


def test_generation_is_deterministic_for_a_seed():
    assert corpus.generate_sentences(20, seed=3) == corpus.generate_sentences(20, seed=3)
    assert corpus.generate_sentences(20, seed=3) != corpus.generate_sentences(20, seed=4)


def test_contents_match_the_design():
    train, heldout = load_corpus()
    assert train[0] == "The cat is sitting on the mat."
    vocab = Vocabulary(train)
    assert 100 <= len(vocab) <= 400
    for word in ("paris", "london", "banana", "mat", "floor", "sofa"):
        assert word in vocab
    assert not set(train) & set(heldout), "held-out sentences never occur in training"
    for words in corpus.CATEGORIES.values():
        assert all(w in vocab for w in words)


def test_the_answer_after_on_the_depends_on_the_animal():
    train, _ = load_corpus()
    after = {"cat": set(), "dog": set()}
    for sentence in train:
        tokens = tokenize(sentence)
        for animal in after:
            if animal in tokens[:3] and "on" in tokens:
                after[animal].add(tokens[tokens.index("on") + 2])
    assert "mat" in after["cat"] and "rug" in after["dog"]
    assert "mat" not in after["dog"] and "rug" not in after["cat"]


@pytest.mark.parametrize("bad", [-1, 2.5, "3"])
def test_bad_arguments_are_named(bad):
    with pytest.raises((TypeError, ValueError), match="n"):
        corpus.generate_sentences(bad, seed=0)


# -- the grammar's exact probabilities ----------------------------------------------------------------------


def test_sentence_probabilities_sum_to_one_and_cover_the_shipped_files():
    probs = corpus.sentence_probabilities()
    assert len(probs) == 6660 and sum(probs.values()) == pytest.approx(1.0, abs=1e-12)
    assert all(p > 0 and s[-1] == "." for s, p in probs.items())
    train, heldout = load_corpus()
    assert all(corpus.is_sentence(s) for s in train + heldout)


def test_sentence_probabilities_agree_with_the_generator():
    """50,000 sentences drawn by the generator: counts match the exact probabilities (chi-square).

    Every sentence expected at least 5 times is a cell of its own, the rest are pooled into one.
    """
    n = 50_000
    rng = np.random.default_rng(123)
    drawn = Counter((*corpus._sentence(rng), ".") for _ in range(n))
    probs = corpus.sentence_probabilities()
    assert set(drawn) <= set(probs), "the generator wrote a sentence the enumeration does not know"
    common = [s for s, p in probs.items() if p * n >= 5]
    expected = np.array([probs[s] * n for s in common])
    observed = np.array([drawn.get(s, 0) for s in common])
    expected = np.append(expected, n - expected.sum())
    observed = np.append(observed, n - observed.sum())
    chi2 = float(((observed - expected) ** 2 / expected).sum())
    dof = len(common)
    assert abs(chi2 - dof) < 4 * np.sqrt(2 * dof), (chi2, dof)


def test_next_word_probabilities_of_the_running_example():
    cat = corpus.next_word_probabilities("The cat is sitting on the")
    assert cat == pytest.approx({"mat": 0.6, "floor": 0.2, "sofa": 0.15, "chair": 0.05})
    assert corpus.next_word_probabilities(
        ["the", "cat", "is", "sitting", "on", "the", "mat"]
    ) == pytest.approx({".": 0.4, "in": 0.6})
    first = corpus.next_word_probabilities("")
    assert sum(first.values()) == pytest.approx(1.0) and first["the"] == pytest.approx(0.47)
    with pytest.raises(ValueError, match="prefix must start a sentence"):
        corpus.next_word_probabilities("The mat is sitting on the")
    with pytest.raises(TypeError, match="prefix"):
        corpus.next_word_probabilities(3)


def test_excluding_the_training_sentences_gives_the_heldout_distribution():
    train, heldout = load_corpus()
    without = corpus.sentence_probabilities(exclude=train)
    seen = {tuple(tokenize(s)) for s in train}
    assert not seen & set(without) and sum(without.values()) == pytest.approx(1.0)
    assert all(tuple(tokenize(s)) in without for s in heldout)
    # every "the cat is sitting on the mat" sentence is in the training file: the held-out file never says mat
    after = corpus.next_word_probabilities("The cat is sitting on the", exclude=train)
    assert "mat" not in after and sum(after.values()) == pytest.approx(1.0)
    with pytest.raises(TypeError, match="exclude"):
        corpus.sentence_probabilities(exclude="The cat is sitting on the mat.")


def test_is_sentence():
    assert corpus.is_sentence("Anna flew to Paris on Monday.")
    assert corpus.is_sentence(["anna", "lives", "in", "rome", "."])
    assert not corpus.is_sentence("Anna flew to Paris on Monday")  # unfinished
    assert not corpus.is_sentence(
        "The dog is sleeping on the bed in the lounge."
    )  # a bed is never in the lounge
    with pytest.raises(TypeError, match="sentence"):
        corpus.is_sentence(None)


@pytest.mark.parametrize(
    ("prefix", "needed"),
    [
        ("The", 2),  # sentence-initial "the": the start counts
        ("The cat is", 2),
        ("The cat is sitting on the", 3),  # "sitting on the" names the cat
        ("Anna eats a", 3),
        ("Sam is eating a", 4),  # the person is four tokens back
        ("The bus to Paris", 5),  # only the start tells it from "Tom took the bus to Paris"
        ("Anna lives in Paris", 2),  # "in Paris" (not "Paris is a ...") decides the full stop
    ],
)
def test_words_needed(prefix, needed):
    assert corpus.words_needed(prefix) == needed


def test_words_needed_is_exact_for_a_window_of_that_size():
    """With the words_needed last tokens the window's distribution equals the full one; with one fewer it does not."""
    for prefix in ["Sam is eating a", "The black cat is sitting on the", "Tom took the bus to Rome on"]:
        m = corpus.words_needed(prefix)
        tokens = ("<s>",) * 8 + tuple(tokenize(prefix))
        full = corpus.next_word_probabilities(prefix)
        assert corpus._window_table(m)[tokens[len(tokens) - m :]] == pytest.approx(full)
        shorter = corpus._window_table(m - 1)[tokens[len(tokens) - m + 1 :] if m > 1 else ()]
        assert shorter != pytest.approx(full)
