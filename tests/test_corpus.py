"""The shipped corpus files are exactly what the documented grammar generates, and teach what they should."""

from __future__ import annotations

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
