"""Exercise checks for lesson 06 · Semantic space.

The checks take the lesson's trained embedding ``E`` (vocab, dim) and ``vocab``, so they judge the
answer against the numbers the learner sees, whatever CPU trained the model.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_array, as_instance
from ..corpus import CATEGORIES
from ..embeddings import cosine_matrix, cosine_similarity
from ..text import Vocabulary
from ._answers import Problem, number
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]


def _embedding(E, vocab):
    """Check the lesson's embedding and vocabulary (arguments, not answers: a mistake here raises)."""
    vocab = as_instance(vocab, "vocab", Vocabulary, "the lesson's text.Vocabulary")
    E = as_array(
        E, "E", shape=(len(vocab), None), layout=f"(vocab, dim) = ({len(vocab)}, ?), one row per word"
    )
    return E, vocab


def _closest_non_city(E, vocab, word: str = "london") -> tuple[str, float]:
    """The word (not a city, not padding/unknown) whose vector is most similar to ``word``'s."""
    skip = set(CATEGORIES["cities"]) | {"<pad>", "<unk>"}
    candidates = [w for w in vocab.words if w not in skip]
    target = E[vocab[word]]
    sims = [cosine_similarity(target, E[vocab[w]]) for w in candidates]
    best = int(np.argmax(sims))
    return candidates[best], sims[best]


def _category_tightness(E, vocab) -> dict[str, float]:
    """Mean cosine similarity between the different words of each category."""
    out = {}
    for name, words in CATEGORIES.items():
        rows = [vocab[w] for w in words if w in vocab]
        sims = cosine_matrix(E[rows])
        out[name] = float(sims[~np.eye(len(rows), dtype=bool)].mean())
    return out


def exercise_1(answer, E, vocab) -> object:
    """The word closest to "london" (cosine similarity) that is not a city."""
    E, vocab = _embedding(E, vocab)
    if answer is None:
        return not_answered("a word (str): the nearest neighbour of 'london' that is not a city")
    if not isinstance(answer, str):
        return hint("type", f"the answer is a word (str); got {type(answer).__name__}")
    word = answer.strip().lower()
    expected, sim = _closest_non_city(E, vocab)
    if word == expected:
        return correct(
            f"'{expected}' (cosine {sim:.2f}): the closest word outside the cities. Close vectors mean "
            "'followed by similar words', which is not always 'similar meaning'"
        )
    if word == "london":
        return hint("self", "every word is closest to itself; skip 'london'")
    if word in CATEGORIES["cities"]:
        return hint("city", f"'{word}' is a city; filter out the words of CATEGORIES['cities']")
    if word not in vocab:
        return hint("unknown", f"'{word}' is not in the vocabulary; pick from vocab.words")
    return hint(
        "not_closest", f"'{word}' is not a city, but another non-city word has a higher cosine with 'london'"
    )


def exercise_2(answer, E, vocab) -> object:
    """cos(cat, dog) of the trained embedding, computed with numpy (a number)."""
    E, vocab = _embedding(E, vocab)
    if answer is None:
        return not_answered("a number: a · b / (‖a‖ ‖b‖) for the rows of 'cat' and 'dog'")
    value = number(answer)
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint("not_finite", f"a cosine similarity lies between −1 and 1; got {value.value}")
        return hint("type", f"the answer is a single number; got {type(answer).__name__}")
    a, b = E[vocab["cat"]], E[vocab["dog"]]
    expected = cosine_similarity(a, b)
    if abs(value - expected) < 1e-4:
        return correct(f"{expected:.2f}")
    if abs(value - float(a @ b)) < 1e-4:
        return hint(
            "dot",
            "that is the dot product a · b; divide by the two lengths np.linalg.norm(a) * np.linalg.norm(b)",
        )
    if abs(value - float(np.linalg.norm(a - b))) < 1e-4:
        return hint("distance", "that is the Euclidean distance; cosine similarity is a · b / (‖a‖ ‖b‖)")
    if not -1.0 <= value <= 1.0:
        return hint("range", "a cosine similarity lies between −1 and 1")
    return hint("value", "not quite: take the rows E[vocab['cat']] and E[vocab['dog']]")


def exercise_3(answer, E, vocab) -> object:
    """The tightest category: the highest mean cosine between its own words (a category name)."""
    E, vocab = _embedding(E, vocab)
    if answer is None:
        return not_answered(f"a category name, one of {', '.join(CATEGORIES)}")
    if not isinstance(answer, str):
        return hint("type", f"the answer is a category name (str); got {type(answer).__name__}")
    name = answer.strip().lower()
    tightness = _category_tightness(E, vocab)
    if name not in tightness:
        return hint("unknown_category", f"'{name}' is not a category; choose one of {', '.join(CATEGORIES)}")
    ranking = sorted(tightness, key=tightness.get, reverse=True)
    if name == ranking[0]:
        return correct(f"{name} (mean within-category cosine {tightness[name]:.2f})")
    rank = ranking.index(name) + 1
    return hint(
        "not_tightest",
        f"{name} ranks {rank} of {len(ranking)}: average the cosines of every pair within each category",
    )
