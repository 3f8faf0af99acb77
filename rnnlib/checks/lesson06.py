"""Exercise checks for lesson 06 · Semantic space.

The checks take the lesson's trained matrices (the input embedding ``E`` and the output rows ``W_hy``, both
``(vocab, dim)``) and ``vocab``, so they judge the answer against the numbers the learner's own training
produced, whatever CPU trained the model.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validate import as_array, as_instance
from ..corpus import CATEGORIES
from ..embeddings import cosine_matrix, cosine_similarity
from ..text import Vocabulary
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]


def _embedding(E, vocab, name="E"):
    """Check one of the lesson's word matrices and the vocabulary (arguments, not answers: a mistake raises)."""
    vocab = as_instance(vocab, "vocab", Vocabulary, "the lesson's text.Vocabulary")
    E = as_array(
        E, name, shape=(len(vocab), None), layout=f"(vocab, dim) = ({len(vocab)}, ?), one row per word"
    )
    return E, vocab


def _closest_non_city(E, vocab, word: str = "london") -> tuple[str, float]:
    """The word (not a city, not padding/unknown) whose vector is most similar to ``word``'s."""
    skip = set(CATEGORIES["cities"]) | {"<pad>", "<unk>"}
    candidates = [w for w in vocab.words if w not in skip]
    target = np.asarray(E, dtype=float)[vocab[word]]
    sims = [cosine_similarity(target, np.asarray(E, dtype=float)[vocab[w]]) for w in candidates]
    best = int(np.argmax(sims))
    return candidates[best], sims[best]


def _category_tightness(E, vocab) -> dict[str, float]:
    """Mean cosine similarity between the different words of each category."""
    out = {}
    for name, words in CATEGORIES.items():
        rows = [vocab[w] for w in words if w in vocab]
        sims = cosine_matrix(np.asarray(E, dtype=float)[rows])
        out[name] = float(sims[~np.eye(len(rows), dtype=bool)].mean())
    return out


def _spread(E_before, E_after, vocab) -> dict[str, float]:
    """How much each category's mean within-category cosine fell from ``E_before`` to ``E_after``."""
    before, after = _category_tightness(E_before, vocab), _category_tightness(E_after, vocab)
    return {name: before[name] - after[name] for name in CATEGORIES}


def exercise_1(answer, E, vocab) -> object:
    """The word closest to "london" in the input embedding (cosine similarity) that is not a city."""
    E, vocab = _embedding(E, vocab)
    if answer is None:
        return not_answered("a word (str): the nearest neighbour of 'london' in E that is not a city")
    if not isinstance(answer, str):
        return hint("type", f"the answer is a word (str); got {type(answer).__name__}")
    word = answer.strip().lower()
    expected, sim = _closest_non_city(E, vocab)
    if word == expected:
        return correct(
            f"'{expected}' (cosine {sim:.2f}). In E, close means 'followed by similar words': compare "
            f"top_contexts(next_counts[vocab['{expected}']], names) with the same for 'london'"
        )
    if word == "london":
        return hint("self", "every word is closest to itself; skip 'london'")
    if word in CATEGORIES["cities"]:
        return hint("city", f"'{word}' is a city; filter out the words of CATEGORIES['cities']")
    if word not in vocab:
        return hint("unknown", f"'{word}' is not in the vocabulary; pick from vocab.words")
    return hint(
        "not_closest",
        f"'{word}' is not a city, but another non-city word has a higher cosine with 'london' in E "
        "(search all of vocab.words, not only the categorised words)",
    )


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


_TOLERANCE, _CLOSE = 0.005, 0.02  # accepted: the right values to 2 decimals; 'don't round' hint below 0.02


def exercise_2(answer, E, W_hy, vocab) -> object:
    """(cos(anna, tom) in E, cos(anna, tom) in W_hy), computed with numpy."""
    E, vocab = _embedding(E, vocab)
    W_hy, _ = _embedding(W_hy, vocab, "W_hy")
    what = "a pair of numbers: (cos(anna, tom) in E, cos(anna, tom) in W_hy)"
    if answer is None:
        return not_answered(what)
    if isinstance(answer, np.ndarray) and answer.shape == (2,) and answer.dtype.kind in "fiu":
        answer = answer.tolist()  # np.array([cos_E, cos_W]) is a pair too
    if not isinstance(answer, (tuple, list)) or len(answer) != 2 or not all(_number(v) for v in answer):
        return hint("type", f"the answer is {what}; got {answer!r:.60}")
    got = tuple(float(v) for v in answer)
    if not all(math.isfinite(v) for v in got):
        return hint(
            "not_finite", "a cosine is a finite number; did a norm come out 0 (an empty or wrong row)?"
        )
    a, b = vocab["anna"], vocab["tom"]
    E, W_hy = np.asarray(E, dtype=float), np.asarray(W_hy, dtype=float)
    expected = (cosine_similarity(E[a], E[b]), cosine_similarity(W_hy[a], W_hy[b]))

    def close(x, y):
        return abs(x - y) < 1e-4

    error = max(abs(g - e) for g, e in zip(got, expected, strict=True))
    if error <= _TOLERANCE:  # the right values to 2 decimals (a correctly rounded answer) count as equal
        why = (
            "Anna and Tom are followed by the same verbs, but not by the same fruit, city or transport later, "
            "which their input rows must tell apart; both only ever start a sentence (they are never predicted), "
            "so their output rows are pushed around alike"
            if expected[0] < expected[1]
            else "compare with what follows a person and what comes before one in the table of slots"
        )
        return correct(f"E {expected[0]:.2f}, W_hy {expected[1]:.2f}. {why}")
    if close(got[0], expected[1]) and close(got[1], expected[0]):
        return hint("swapped", "the two numbers are swapped: E first, then W_hy")
    if error < _CLOSE:
        return hint(
            "rounded",
            f"close ({got[0]:.4f}, {got[1]:.4f}), but not within 0.005: don't round, give the floats numpy gives",
        )
    kernel = W_hy.T  # what Keras stores: (units, vocab)
    if max(a, b) < len(kernel) and close(got[1], cosine_similarity(kernel[a], kernel[b])):
        return hint(
            "kernel_row",
            "the second number uses rows of the Dense kernel, shape (units, vocab); a word's vector in W_hy "
            "is a column of that kernel (W_hy = kernel.T)",
        )
    dots = (float(E[a] @ E[b]), float(W_hy[a] @ W_hy[b]))
    if close(got[0], dots[0]) or close(got[1], dots[1]):
        return hint(
            "dot",
            "that is a dot product a · b; divide by the two lengths np.linalg.norm(a) * np.linalg.norm(b)",
        )
    if not all(-1.0 <= v <= 1.0 for v in got):
        return hint("range", "a cosine similarity lies between −1 and 1")
    right = [close(g, e) for g, e in zip(got, expected, strict=True)]
    if any(right):
        which = "E" if right[0] else "W_hy"
        other = "W_hy" if right[0] else "E"
        return hint("one_wrong", f"your value for {which} is right; recompute the one for {other}")
    return hint(
        "value", "not quite: take the rows E[vocab['anna']], E[vocab['tom']] and the same rows of W_hy"
    )


def exercise_3(answer, E_epoch_1, E_final, vocab) -> object:
    """The three categories whose input vectors spread apart most between epoch 1 and the end of training."""
    E_epoch_1, vocab = _embedding(E_epoch_1, vocab, "E_epoch_1")
    E_final, _ = _embedding(E_final, vocab, "E_final")
    names = ", ".join(CATEGORIES)
    if answer is None:
        return not_answered(f"three category names, e.g. {{'fruit', 'days', 'cities'}} (choose from {names})")
    if isinstance(answer, str) or not isinstance(answer, (set, frozenset, list, tuple)):
        return hint("type", f"the answer is a set of three category names; got {type(answer).__name__}")
    if not all(isinstance(v, str) for v in answer):
        return hint("type", "the answer holds category names (str)")
    chosen = {v.strip().lower() for v in answer}
    unknown = sorted(chosen - set(CATEGORIES))
    if unknown:
        return hint("unknown_category", f"{', '.join(unknown)}: not a category; choose from {names}")
    if len(chosen) != 3:
        return hint("count", f"name exactly three different categories; got {len(chosen)}")
    drops = _spread(E_epoch_1, E_final, vocab)
    top = set(sorted(drops, key=drops.get, reverse=True)[:3])
    if chosen == top:
        order = sorted(top, key=drops.get, reverse=True)
        detail = ", ".join(f"{c} −{drops[c]:.2f}" for c in order)
        return correct(
            f"{detail} (mean within-category cosine, epoch 1 → end). Which animal it was decides its verbs and "
            "its place, which piece of furniture decides the room, which person decides the fruit, city and "
            "transport: to predict those later words, the input vector must say which word it was"
        )
    endings = sorted(chosen & {"days", "rooms"})
    if endings:
        return hint(
            "sentence_end",
            f"{' and '.join(endings)}: every one of them is followed by '.' whichever it is, so nothing later "
            "depends on which one it was; measure the drop for every category",
        )
    hits = len(chosen & top)
    return hint(
        "not_top3",
        f"{hits} of your three are among the three that spread most; compute the mean cosine between the "
        "different words of each category at both snapshots and compare the drops",
    )
