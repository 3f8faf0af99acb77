"""Exercise checks for lesson 05 · Next-word prediction."""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from ..corpus import next_word_probabilities, words_needed
from ..text import Vocabulary, load_corpus, tokenize
from ._answers import Problem, number, whole_numbers
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]

_EXERCISE_1_SENTENCE = "The dog sleeps on the rug."
_EXERCISE_2_PREFIX = "The cat is sitting on the"


@cache
def _vocab() -> Vocabulary:
    train, _ = load_corpus()
    return Vocabulary(train)


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


def _optimum() -> tuple[float, dict]:
    truth = next_word_probabilities(_EXERCISE_2_PREFIX)
    entropy = -sum(p * math.log(p) for p in truth.values())
    return math.exp(entropy), truth


def exercise_2(answer) -> object:
    """The best achievable perplexity on positions "The cat is sitting on the ___" (a number)."""
    if answer is None:
        return not_answered("a number: the perplexity of a model that knows the grammar's four probabilities")
    value = number(answer)
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint("not_finite", f"a perplexity is a finite number, at least 1; got {value.value}")
        return hint("type", f"the answer is a single number; got {type(answer).__name__}")
    best, truth = _optimum()
    entropy = math.log(best)
    if abs(value - best) < 0.01:
        return correct(
            f"exp(−Σ p log p) = {best:.3f}: even knowing the dice, a model hesitates between about three "
            "words here, so no model's perplexity can go below the grammar's"
        )
    if abs(value - 1.0) < 1e-9:
        return hint(
            "perfect",
            "1 is the perplexity of a model that is always sure and right; the grammar "
            "itself draws the place at random, so no model can be sure",
        )
    if abs(value - entropy) < 0.01:
        return hint("log", "that is the cross-entropy (the average −log p); perplexity is its exponential")
    if abs(value - 1 / truth["mat"]) < 0.01:
        return hint(
            "mat_only",
            "that is 1/p(mat), right only when mat comes; average −log p over all four "
            "words, each weighted by how often it comes",
        )
    if abs(value - len(truth)) < 0.01:
        return hint(
            "uniform",
            f"{len(truth)} would be right if the {len(truth)} words were equally likely; they are not",
        )
    if abs(value - 1 / sum(p * p for p in truth.values())) < 0.01:
        return hint("squares", "perplexity averages −log p, not p: exp of the average, not 1 / average")
    return hint(
        "value",
        "perplexity = exp(average of −log p(word that comes)); here the average runs over "
        "the four words, each weighted by its probability",
    )


def exercise_3(answer) -> object:
    """A prefix after which no 4-gram can know the grammar's next-word probabilities, not of the kind shown (a str)."""
    if answer is None:
        return not_answered("a prefix (str), the start of a sentence the grammar can write")
    if not isinstance(answer, str):
        return hint("type", f"the answer is a prefix (str), e.g. 'The cat is'; got {type(answer).__name__}")
    tokens = tokenize(answer)
    if not tokens:
        return hint("empty", "type at least one word")
    unknown = [w for w in tokens if w not in _vocab()]
    if unknown:
        return hint("unknown", f"{unknown[0]!r} never occurs in the corpus: use its words")
    if tokens[-1] == ".":
        return hint("finished", "that sentence is finished; cut it before its end")
    try:
        needed = words_needed(tokens)
    except ValueError:
        return hint(
            "not_a_prefix",
            "no sentence of the grammar starts like that: start from a training sentence and cut it "
            "before a word that depends on something said earlier",
        )
    if needed >= 4 and len(tokens) >= 2 and tokens[-2] == "to":
        return hint(
            "shown",
            "right, a 4-gram falls short there, but that is the kind of prefix shown above (a vehicle going "
            "to a city); find another kind",
        )
    if needed <= 3:
        return hint(
            "short",
            f"the last {needed} word(s) (counting the start of the sentence as one) already decide the "
            "next word there, so a 4-gram can learn it; look for a deciding word four or more words back",
        )
    return correct(
        f"the grammar's answer depends on the last {needed} tokens (the start of the sentence counts as "
        "one), and a 4-gram sees only 3; a model that reads the whole prefix can know it"
    )
