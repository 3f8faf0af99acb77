"""Exercise checks for lesson 05 · Next-word prediction."""

from __future__ import annotations

from functools import cache

import numpy as np

from ..text import BigramLM, Vocabulary, load_corpus, make_pairs, tokenize
from ._answers import Problem, number, whole_numbers
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]

_EXERCISE_1_SENTENCE = "The dog sleeps on the rug."
_EXERCISE_3_PREFIX = "The cat is sitting on the"


@cache
def _vocab() -> Vocabulary:
    train, _ = load_corpus()
    return Vocabulary(train)


@cache
def _bigram_top1(prefix: str) -> str:
    train, _ = load_corpus()
    vocab = _vocab()
    X, y = make_pairs([vocab.encode(s) for s in train])
    bigram = BigramLM(len(vocab)).fit(X, y)
    probs = bigram.predict(vocab.encode(prefix)[None], verbose=0)[0]
    return vocab.words[int(np.argmax(probs))]


def exercise_1(answer) -> object:
    """Encode ``"The dog sleeps on the rug."`` with the lesson's vocabulary: a list of word indices."""
    if answer is None:
        return not_answered("a list of integers, one index per token (the full stop is a token too)")
    try:  # a (1, time) array such as vocab.encode(...)[None] is fine: read it flat
        flat = answer if isinstance(answer, (str, bytes, dict)) else np.asarray(answer, dtype=object).ravel()
    except ValueError:
        flat = answer
    got = whole_numbers(flat)
    if isinstance(got, Problem):
        if got.code in ("not_finite", "not_whole"):
            return hint(got.code, f"a word index is a whole number (0, 1, 2 …); got {got.value!r}")
        return hint("type", f"give a list of integers such as [1, 2, 3]; got {type(answer).__name__}")
    got = list(got)
    vocab = _vocab()
    expected = vocab.encode(_EXERCISE_1_SENTENCE).tolist()
    if got == expected:
        return correct(
            f"{expected}: the same words get the same indices in every sentence ('the' is always 1)"
        )
    if got == expected[:-1]:
        return hint(
            "no_end", f"the sentence ends with a full stop, which is the token '.' (index {vocab['.']})"
        )
    if len(got) == len(expected) and got == [v - 1 for v in expected]:
        return hint("zero_based", "every index is one too small: index 0 is kept for padding, so 'the' is 1")
    if vocab.unk in got:
        return hint("unknown", "an index is <unk>: tokenise first (text.tokenize lower-cases the words)")
    if len(got) != len(expected):
        return hint(
            "length", f"the sentence has {len(expected)} tokens (with the '.'); your list has {len(got)}"
        )
    return hint("value", "some indices are off: look each token up with vocab[word] or use vocab.encode(...)")


def exercise_2(answer) -> object:
    """The perplexity of the uniform model on any held-out text, without running it (a number)."""
    if answer is None:
        return not_answered("a number: the perplexity of a model that finds every word equally likely")
    value = number(answer)
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint("not_finite", f"a perplexity is a finite number, at least 1; got {value.value}")
        return hint("type", f"the answer is a single number; got {type(answer).__name__}")
    size = len(_vocab())
    if abs(value - (size - 1)) <= 1e-6 * size:
        return correct(
            f"{size - 1}: guessing uniformly among {size - 1} words is as unsure as a {size - 1}-sided die"
        )
    if abs(value - size) <= 1e-6 * size:
        return hint("padding", f"{size} counts the padding index 0, which is never a next word")
    if 0 < value < 1 and abs(value - 1 / (size - 1)) < 1e-3:
        return hint("inverse", "that is the probability of each word; perplexity is exp(mean −log p) = 1 / p")
    if abs(value - np.log(size - 1)) < 0.05:
        return hint("log", "that is the cross-entropy (mean −log p); perplexity is its exponential")
    return hint(
        "value", f"a uniform model gives every one of the {size - 1} possible next words p = 1/{size - 1}"
    )


def exercise_3(answer) -> object:
    """The bigram model's most likely word after ``"The cat is sitting on the"`` (a word)."""
    if answer is None:
        return not_answered("a word (str): the bigram model's top-1 after the prefix")
    if not isinstance(answer, str):
        return hint("type", f"the answer is a word (str); got {type(answer).__name__}")
    word = answer.strip().lower()
    expected = _bigram_top1(_EXERCISE_3_PREFIX)
    if word == expected:
        return correct(
            f"'{expected}': the bigram sees only 'the', and '{expected}' is the commonest word after 'the' "
            "in the training text; it cannot know that the sentence is about a cat"
        )
    if word in ("mat", "floor", "sofa"):
        return hint(
            "rnn_answer",
            f"'{word}' is what a model with memory says; the bigram sees only the last word, 'the'",
        )
    if tokenize(word) and tokenize(word)[0] not in _vocab():
        return hint(
            "unknown", f"'{word}' is not in the vocabulary; use the bigram's predict() and vocab.words"
        )
    return hint("value", "run bigram.predict on the encoded prefix and take the argmax (vocab.words[index])")
