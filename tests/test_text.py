"""Tokenising, the vocabulary, (prefix → next word) pairs, count baselines and metrics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from rnnlib import text, ui

SENTENCES = ["The cat is sitting on the mat.", "The dog is sleeping on the rug.", "Anna eats a banana!"]


@pytest.fixture
def vocab():
    return text.Vocabulary(SENTENCES)


def test_tokenize_handles_punctuation():
    assert text.tokenize("The cat is sitting on the mat.") == [
        "the",
        "cat",
        "is",
        "sitting",
        "on",
        "the",
        "mat",
        ".",
    ]
    assert text.tokenize("Hello, world") == ["hello", "world"]
    assert text.tokenize("Is it?") == ["is", "it", "."]
    assert text.tokenize("the cat's mat") == ["the", "cat's", "mat"]
    assert text.tokenize("...") == []
    with pytest.raises(TypeError, match="text"):
        text.tokenize(3)


def test_vocabulary_indexing_as_the_design_document(vocab):
    assert vocab.words[:8] == ["<pad>", "the", "cat", "is", "sitting", "on", "mat", "."]
    assert vocab.pad == 0 and vocab.unk == len(vocab) - 1 and vocab.words[-1] == "<unk>"
    assert vocab["the"] == 1 and vocab["cat"] == 2


def test_unknown_words_map_to_unk_never_keyerror(vocab):
    assert vocab["zebra"] == vocab.unk
    assert vocab.encode("the zebra sat").tolist() == [1, vocab.unk, vocab.unk]
    assert "zebra" not in vocab and "<unk>" not in vocab and "cat" in vocab


def test_vocabulary_comes_from_training_sentences_only(vocab):
    heldout_word = "paris"
    assert heldout_word not in vocab


@given(
    st.lists(
        st.sampled_from(["the", "cat", "dog", "mat", "rug", "on", "sitting", "."]), min_size=1, max_size=12
    )
)
def test_encode_decode_round_trip(words):
    vocab = text.Vocabulary(SENTENCES)
    assert vocab.decode(vocab.encode(words)) == words


def test_decode_skips_padding_and_validates(vocab):
    assert vocab.decode([0, 0, 1, 2]) == ["the", "cat"]
    assert vocab.decode([0, 1], skip_padding=False) == ["<pad>", "the"]
    with pytest.raises(ValueError, match="indices"):
        vocab.decode([1, 99])
    with pytest.raises(TypeError, match="indices"):
        vocab.decode([1.5])


def test_one_hot(vocab):
    oh = vocab.one_hot(vocab.encode("the cat"))
    assert oh.shape == (2, len(vocab))
    assert oh.sum(axis=1).tolist() == [1, 1] and oh[0, 1] == 1 and oh[1, 2] == 1
    with pytest.raises(ValueError, match="indices"):
        vocab.one_hot([len(vocab)])


def test_vocabulary_rejects_bad_input():
    with pytest.raises(TypeError, match="sentences"):
        text.Vocabulary("the cat")
    with pytest.raises(ValueError, match="sentences"):
        text.Vocabulary([])
    with pytest.raises(TypeError, match=r"sentences\[0\]"):
        text.Vocabulary([3])


def test_make_pairs_pads_at_the_front():
    X, y = text.make_pairs([np.array([1, 2, 3]), np.array([4, 5, 6, 7])])
    assert X.tolist() == [[0, 0, 1], [0, 1, 2], [0, 0, 4], [0, 4, 5], [4, 5, 6]]
    assert y.tolist() == [2, 3, 5, 6, 7]
    X, y = text.make_pairs([np.array([1, 2, 3, 4])], max_len=2)
    assert X.tolist() == [[0, 1], [1, 2], [2, 3]]


def test_make_pairs_rejects_bad_input():
    with pytest.raises(TypeError, match="encoded"):
        text.make_pairs(np.array([1, 2, 3]))
    with pytest.raises(ValueError, match="encoded"):
        text.make_pairs([])
    with pytest.raises(ValueError, match="2 tokens"):
        text.make_pairs([np.array([1])])


def test_long_range_mask(vocab):
    X, _ = text.make_pairs([vocab.encode(SENTENCES[0]), vocab.encode(SENTENCES[2])])
    mask = text.long_range_mask(X, vocab)
    # the cat is sitting on the | mat  (after "the", with words before)   and  anna eats a | banana
    assert mask.sum() == 2
    assert sorted(vocab.words[row[-1]] for row in X[mask]) == ["a", "the"]


def _pairs(vocab):
    return text.make_pairs([vocab.encode(s) for s in SENTENCES])


def test_baselines_return_distributions(vocab):
    X, y = _pairs(vocab)
    for lm in (
        text.UniformLM(len(vocab)),
        text.UnigramLM(len(vocab)).fit(X, y),
        text.BigramLM(len(vocab)).fit(X, y),
    ):
        p = lm.predict(X, verbose=0)
        assert p.shape == (len(X), len(vocab))
        np.testing.assert_allclose(p.sum(axis=1), 1.0)
        assert np.all(p[:, 0] == 0), "padding is never predicted"


def test_uniform_perplexity_is_vocab_minus_one(vocab):
    X, y = _pairs(vocab)
    assert text.evaluate(text.UniformLM(len(vocab)), X, y)["perplexity"] == pytest.approx(len(vocab) - 1)


def test_bigram_counts_and_smoothing(vocab):
    X, y = _pairs(vocab)
    bigram = text.BigramLM(len(vocab), k=0.0).fit(X, y)
    p = bigram.predict(vocab.encode("sitting on")[None])[0]
    assert p[vocab["the"]] == 1.0
    p = bigram.predict(vocab.encode("on the")[None])[0]  # after "the": cat, mat, dog, rug once each
    assert p[vocab["mat"]] == pytest.approx(0.25)
    smoothed = text.BigramLM(len(vocab), k=1.0).fit(X, y).predict(vocab.encode("on the")[None])[0]
    assert 0 < smoothed[vocab["banana"]] < smoothed[vocab["mat"]] < 0.25


def test_unseen_context_gives_uniform(vocab):
    X, y = _pairs(vocab)
    p = text.BigramLM(len(vocab), k=0.0).fit(X, y).predict(np.array([[vocab.unk]]))[0]
    np.testing.assert_allclose(p[1:], 1 / (len(vocab) - 1))


def test_unigram_ignores_the_prefix(vocab):
    X, y = _pairs(vocab)
    lm = text.UnigramLM(len(vocab)).fit(X, y)
    p = lm.predict(X[:2])
    np.testing.assert_array_equal(p[0], p[1])


def test_evaluate_metrics_by_hand():
    class Fixed:
        def predict(self, X, verbose=0):
            table = np.array([[0, 0.7, 0.2, 0.1], [0, 0.1, 0.3, 0.6]])
            return table[np.asarray(X)[:, -1] - 1]

    X, y = np.array([[1], [2]]), np.array([1, 2])
    r = text.evaluate(Fixed(), X, y, k=2)
    assert r["top1"] == 0.5 and r["topk"] == 1.0 and r["n"] == 2
    assert r["perplexity"] == pytest.approx(np.exp(-(np.log(0.7) + np.log(0.3)) / 2))
    r = text.evaluate(Fixed(), X, y, k=1, mask=np.array([True, False]))
    assert r["top1"] == 1.0 and r["n"] == 1


def test_evaluate_rejects_bad_input():
    lm = text.UniformLM(4)
    with pytest.raises(ValueError, match="mask"):
        text.evaluate(lm, np.array([[1]]), np.array([2]), k=2, mask=np.array([False]))
    with pytest.raises(ValueError, match=r"\by\b"):
        text.evaluate(lm, np.array([[1]]), np.array([2, 3]), k=2)
    with pytest.raises(ValueError, match=r"\bk\b"):  # top-5 of 3 words would always be right
        text.evaluate(lm, np.array([[1]]), np.array([2]), k=5)
    for y in (np.array([-1]), np.array([0]), np.array([4])):  # -1 wrapped round to the last word
        with pytest.raises(ValueError, match=r"\by\b"):
            text.evaluate(lm, np.array([[1]]), y, k=2)
    with pytest.raises(TypeError, match="model"):
        text.evaluate(None, np.array([[1]]), np.array([2]), k=2)
    with pytest.raises(ValueError, match="X must hold indices"):
        lm.predict(np.array([[9]]))


def test_comparison_table_rounds(vocab):
    X, y = _pairs(vocab)
    r = text.evaluate(text.UniformLM(len(vocab)), X, y)
    table = repr(ui.comparison_table({"uniform": (r, r)}))
    assert "uniform" in table and f"{len(vocab) - 1}" in table and "long-range top-1" in table


def test_sample_index_temperature():
    probs = np.array([0.0, 0.6, 0.3, 0.1])
    rng = np.random.default_rng(0)
    assert text._sample_index(probs, 0, rng) == 1
    draws = [text._sample_index(probs, 1.0, rng) for _ in range(2000)]
    assert 0 not in draws
    assert abs(np.mean(np.array(draws) == 1) - 0.6) < 0.05
    cold = [text._sample_index(probs, 0.2, rng) for _ in range(500)]
    assert np.mean(np.array(cold) == 1) > 0.9
    with pytest.raises(ValueError, match="temperature"):
        text._sample_index(probs, -1, rng)


def test_generate_passes_the_state(vocab):
    seen = []

    def step(index, h):
        seen.append((index, h.copy()))
        probs = np.zeros(len(vocab))
        probs[vocab["."] if h[0] >= 2 else vocab["cat"]] = 1.0
        return probs, h + 1

    words = text.generate(step, vocab, "the", np.zeros(1), temperature=0)
    assert words == ["the", "cat", "cat", "."]
    assert [h[0] for _, h in seen] == [0, 1, 2]
    with pytest.raises(ValueError, match="prefix"):
        text.generate(step, vocab, "", np.zeros(1))


def test_load_corpus():
    train, heldout = text.load_corpus()
    assert train[0] == "The cat is sitting on the mat." and len(heldout) == 300


def test_top_k():
    pairs = text.top_k(np.array([0.0, 0.1, 0.6, 0.3]), ["<pad>", "a", "b", "c"], k=3)
    assert pairs == [("b", 0.6), ("c", 0.3), ("a", 0.1)]
    with pytest.raises(ValueError, match="words"):
        text.top_k(np.array([0.5, 0.5]), ["a"], k=1)


@pytest.fixture
def toy_lm():
    vocab = text.Vocabulary(["The cat is sitting on the mat.", "The dog is sleeping on the rug."])

    def step(index, h):
        h = np.tanh(0.5 * h + np.eye(len(vocab), 4)[index])
        probs = np.full(len(vocab), 0.01)
        probs[0] = 0
        follow = {
            "the": "cat",
            "cat": "is",
            "is": "sitting",
            "sitting": "on",
            "on": "the",
            "mat": ".",
            "dog": "is",
        }
        probs[vocab[follow.get(vocab.words[index], "mat")]] = 1.0
        return probs / probs.sum(), h

    return step, vocab


def test_render_next_word(toy_lm):
    step, vocab = toy_lm
    fig, info = text.render_next_word("The cat is", 0.0, step=step, vocab=vocab, h0=np.zeros(4))
    assert isinstance(fig, Figure) and fig.axes[0].get_title()
    assert info["top"][0][0] == "sitting" and len(info["top"]) == 5
    assert info["sentence"].startswith("the cat is sitting on the") and info["temperature"] == 0.0
    fig2, info2 = text.render_next_word("The zebra", 0.0, step=step, vocab=vocab, h0=np.zeros(4))
    assert info2["prefix"] == "the <unk>"
    assert fig2.axes[0].get_title() != fig.axes[0].get_title()
    with pytest.raises(ValueError, match="prefix"):
        text.render_next_word("", 1.0, step=step, vocab=vocab, h0=np.zeros(4))


@pytest.mark.parametrize("probs", [[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, -0.5, 1.5]])
def test_a_step_that_gives_no_word_a_chance_is_an_error_not_padding(probs):
    """The padding index is never drawn: a step whose probabilities leave nothing else is named."""
    vocab = text.Vocabulary(["the cat ."])
    probs = np.resize(np.array(probs), len(vocab))
    probs[3:] = 0.0

    def step(index, h):
        return probs, h

    with pytest.raises(ValueError, match="step"):
        text.generate(step, vocab, "the", np.zeros(1), temperature=0.0)
