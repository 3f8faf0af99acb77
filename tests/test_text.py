"""Tokenising, the vocabulary, (prefix → next word) pairs, count baselines and metrics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# -- the second edition: per-step sequences, n-grams, the grammar, temperature, the explorer --------------


def test_make_sequences_shifts_by_one_and_pads_at_the_end():
    inputs, targets = text.make_sequences([np.array([1, 2, 3, 4]), np.array([5, 6])])
    assert inputs.tolist() == [[1, 2, 3], [5, 0, 0]] and targets.tolist() == [[2, 3, 4], [6, 0, 0]]
    inputs, targets = text.make_sequences([np.array([1, 2, 3, 4])], max_len=2)
    assert inputs.tolist() == [[1, 2]] and targets.tolist() == [[2, 3]]
    with pytest.raises(TypeError, match="encoded"):
        text.make_sequences(np.array([1, 2, 3]))
    with pytest.raises(ValueError, match="at least 2 tokens"):
        text.make_sequences([np.array([1])])


def test_sequences_hold_the_same_pairs_as_make_pairs(vocab):
    encoded = [vocab.encode(s) for s in SENTENCES]
    X, y = text.make_pairs(encoded)
    inputs, targets = text.make_sequences(encoded)
    from_sequences = sorted(
        (tuple(row[: t + 1]), int(targets[i, t]))
        for i, row in enumerate(inputs)
        for t in range(len(row))
        if row[t]
    )
    from_pairs = sorted((tuple(int(v) for v in row if v), int(w)) for row, w in zip(X, y, strict=True))
    assert from_sequences == from_pairs


def test_ngram_counts_by_hand():
    X = np.array([[0, 1], [1, 2], [0, 1]])
    y = np.array([2, 3, 2])
    lm = text.NGramLM(4, order=2, discount=0.5).fit(X, y)
    # word frequencies: 2 twice, 3 once (N = 3, T = 2): (2 − 0.5) / 3 and (1 − 0.5) / 3, plus 0.5 · 2 / 3 of
    # the uniform 1/3 for every word
    unigram = np.array([0.0, 1 / 9, 1.5 / 3 + 1 / 9, 0.5 / 3 + 1 / 9])
    # after word 1: word 2 twice (N = 2, T = 1): 1.5 / 2 + 0.25 * unigram
    np.testing.assert_allclose(lm.predict(np.array([[0, 1]]))[0], 0.25 * unigram + [0, 0, 0.75, 0])
    np.testing.assert_allclose(lm.predict(np.array([[0, 3]]))[0], unigram)  # an unseen context backs off
    np.testing.assert_allclose(
        text.NGramLM(4, order=1, discount=0.0).fit(X, y).predict(X)[0], [0, 0, 2 / 3, 1 / 3]
    )


def test_ngram_order_sees_only_the_last_words(vocab):
    X, y = text.make_pairs([vocab.encode(s) for s in SENTENCES])
    for order in (1, 2, 3, 4):
        lm = text.NGramLM(len(vocab), order=order).fit(X, y)
        probs = lm.predict(X)
        assert (
            probs.shape == (len(X), len(vocab))
            and np.allclose(probs.sum(axis=1), 1)
            and (probs[:, 0] == 0).all()
        )
        changed = X.copy()
        changed[:, : X.shape[1] - (order - 1)] = vocab["dog"]  # words outside the window do not matter
        np.testing.assert_allclose(lm.predict(changed), probs)
    four = text.NGramLM(len(vocab), order=4, discount=0.75).fit(X, y)
    cat = four.predict(vocab.encode("the cat is sitting on the")[None])[0]
    assert vocab.words[int(cat.argmax())] == "mat"  # "sitting on the" was followed by mat


def test_ngram_rejects_bad_input(vocab):
    with pytest.raises(ValueError, match="order"):
        text.NGramLM(len(vocab), order=0)
    with pytest.raises(ValueError, match="discount"):
        text.NGramLM(len(vocab), order=2, discount=1.5)
    with pytest.raises(RuntimeError, match="fit"):
        text.NGramLM(len(vocab), order=2).predict(np.array([[1]]))
    with pytest.raises(ValueError, match="columns"):
        text.NGramLM(len(vocab), order=3).fit(np.array([[1]]), np.array([2]))


def test_grammar_lm_gives_the_grammar_probabilities():
    train, heldout = text.load_corpus()
    vocab = text.Vocabulary(train)
    X, y = text.make_pairs([vocab.encode(s) for s in heldout[:20]])
    probs = text.GrammarLM(vocab).predict(X)
    assert np.allclose(probs.sum(axis=1), 1) and (probs[np.arange(len(y)), y] > 0).all()
    cat = text.GrammarLM(vocab).predict(vocab.encode("the cat is sitting on the")[None])[0]
    assert cat[vocab["mat"]] == pytest.approx(0.6) and cat[vocab["chair"]] == pytest.approx(0.05)
    without = text.GrammarLM(vocab, exclude=train).predict(vocab.encode("the cat is sitting on the")[None])[0]
    assert without[vocab["mat"]] == 0
    with pytest.raises(ValueError, match="not the start of a sentence"):
        text.GrammarLM(vocab).predict(vocab.encode("the mat is sitting")[None])
    with pytest.raises(TypeError, match="vocab"):
        text.GrammarLM(["the"])


def test_grammar_lm_beats_the_counts_on_heldout_perplexity():
    train, heldout = text.load_corpus()
    vocab = text.Vocabulary(train)
    X, y = text.make_pairs([vocab.encode(s) for s in train])
    X_test, y_test = text.make_pairs([vocab.encode(s) for s in heldout], max_len=X.shape[1])
    grammar = text.evaluate(text.GrammarLM(vocab), X_test, y_test)["perplexity"]
    four = text.evaluate(text.NGramLM(len(vocab), order=4).fit(X, y), X_test, y_test)["perplexity"]
    without = text.evaluate(text.GrammarLM(vocab, exclude=train), X_test, y_test)["perplexity"]
    assert without < grammar < four


def test_evaluate_accepts_probabilities(vocab):
    X, y = text.make_pairs([vocab.encode(s) for s in SENTENCES])
    lm = text.BigramLM(len(vocab)).fit(X, y)
    mask = text.long_range_mask(X, vocab)
    assert text.evaluate(lm.predict(X), X, y) == text.evaluate(lm, X, y)
    assert text.evaluate(lm.predict(X), X, y, mask=mask) == text.evaluate(lm, X, y, mask=mask)
    with pytest.raises(ValueError, match="one row per pair"):
        text.evaluate(lm.predict(X)[:2], X, y)


def test_with_temperature():
    p = np.array([0.0, 0.6, 0.3, 0.1])
    np.testing.assert_allclose(text.with_temperature(p, 1.0), p)
    sharp, flat = text.with_temperature(p, 0.5), text.with_temperature(p, 2.0)
    np.testing.assert_allclose(sharp, [0, 0.36, 0.09, 0.01] / np.float64(0.46))
    assert sharp[1] > p[1] > flat[1] and flat[3] > p[3]
    assert text.with_temperature(p, 0).tolist() == [0, 1, 0, 0]
    with pytest.raises(ValueError, match="temperature"):
        text.with_temperature(p, -1)
    with pytest.raises(ValueError, match="negative"):
        text.with_temperature(-p, 1)


@pytest.fixture
def toy_step(vocab):
    """A toy "network": after the -> cat, after cat -> is ... (the first training sentence), else '.'."""
    chain = vocab.encode("The cat is sitting on the mat.").tolist()

    def step(i, h):
        probs = np.full(len(vocab), 0.01)
        probs[0] = 0
        following = {a: b for a, b in zip(chain[:-1], chain[1:], strict=True) if a != vocab["the"]}
        following[vocab["the"]] = vocab["cat"] if h[0] == 0 else vocab["mat"]
        probs[following.get(i, vocab["."])] = 1.0
        return probs / probs.sum(), h + 1

    return step


def test_next_word_view(vocab, toy_step):
    view = text.NextWordView(toy_step, vocab, np.zeros(1), k=3, samples=5)
    fig, info = view(tau=0.0, prefix="The cat is sitting on the")
    assert info["top"][0] == ("mat", 1.0) and info["sentence"] == "the cat is sitting on the mat ."
    assert info["grammar"][0] == ("mat", 0.6) and info["grammatical"] == "5 of 5"
    assert fig.axes[0].patches[0].get_width() == 1.0
    _, hot = view(tau=2.0, prefix="The cat is sitting on the")
    assert hot["top"][0][1] < 1.0
    _, strange = view(tau=1.0, prefix="The zebra is")
    assert strange["prefix"] == "the <unk> is" and "no sentence" in strange["grammar"]
    with pytest.raises(ValueError, match="prefix"):
        view(tau=1.0, prefix="  ")
    with pytest.raises(ValueError, match="τ"):
        view(tau=-1.0, prefix="the")


def test_figures_have_titles_and_labels(vocab):
    fig = text.plot_next_word_probabilities(
        {"mat": 0.6, "floor": 0.4}, {"counts": {"mat": 0.5}, "runs": [{"mat": 0.9}, {"floor": 0.7}]}, "t"
    )
    ax = fig.axes[0]
    assert ax.get_title() == "t" and ax.get_xlabel() and len(ax.get_legend().get_texts()) == 3
    fig = text.plot_accuracy_by_context(
        ["1", "2"], {"a": [[0.5, 0.2]], "b": [[0.4, 0.3], [0.6, 0.1]], "g": [[0.7, 0.6]]}, "t", reference="g"
    )
    assert fig.axes[0].get_ylabel() == "top-1 accuracy (%)" and len(fig.axes[0].get_legend().get_texts()) == 3
    with pytest.raises(TypeError, match="estimates"):
        text.plot_next_word_probabilities({"mat": 1.0}, ["x"], "t")


def test_comparison_table_with_groups_and_runs(vocab):
    X, y = _pairs(vocab)
    mask = text.long_range_mask(X, vocab)
    lm = text.BigramLM(len(vocab)).fit(X, y)
    one = [text.evaluate(lm, X, y), text.evaluate(lm, X, y, mask=mask), text.evaluate(lm, X, y, mask=mask)]
    other = [dict(r, perplexity=r["perplexity"] * 1.5, top1=0.0) for r in one]
    table = ui.comparison_table({"bigram": [one], "seeds": [one, other]}, groups=("long-range", "far"))
    assert table.columns[-2:] == ["far perplexity", "far top-1"] and len(table.columns) == 8
    low, high = ui.sig(one[0]["perplexity"]), ui.sig(other[0]["perplexity"])
    assert table.rows[1][1] == f"{low}–{high}" and table.rows[1][2] == f"0–{one[0]['top1']:.0%}"
    assert table.rows[0][1] == low


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
