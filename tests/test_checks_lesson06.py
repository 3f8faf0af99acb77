"""Lesson 06's exercise checks, on a small embedding built here (the checks take E and vocab as arguments)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson06 as check
from rnnlib.corpus import CATEGORIES
from rnnlib.text import Vocabulary, load_corpus

solutions = load_solutions("06_semantic_space")


@pytest.fixture(scope="module")
def setup():
    train, _ = load_corpus()
    vocab = Vocabulary(train)
    rng = np.random.default_rng(0)
    E = rng.normal(size=(len(vocab), 8))
    for k, words in enumerate(
        CATEGORIES.values()
    ):  # give each category a shared direction, days the tightest
        direction = np.eye(8)[k] * (6.0 if k == len(CATEGORIES) - 1 else 3.0)
        for w in words:
            E[vocab[w]] += direction
    return E, vocab


@pytest.mark.parametrize("k", [1, 2, 3])
def test_reference_solutions_pass(setup, k):
    E, vocab = setup
    feedback = getattr(check, f"exercise_{k}")(getattr(solutions, f"exercise_{k}")(E, vocab), E, vocab)
    assert feedback.passed, feedback.message


@pytest.mark.parametrize("k", [1, 2, 3])
def test_placeholder(setup, k):
    E, vocab = setup
    assert getattr(check, f"exercise_{k}")(None, E, vocab).code == "placeholder"


def test_exercise_1_hints(setup):
    E, vocab = setup
    right = solutions.exercise_1(E, vocab)
    assert check.exercise_1("london", E, vocab).code == "self"
    assert check.exercise_1("paris", E, vocab).code == "city"
    assert check.exercise_1("zebra", E, vocab).code == "unknown"
    other = next(w for w in ("cat", "dog", "mat") if w != right)
    assert check.exercise_1(other, E, vocab).code == "not_closest"
    assert check.exercise_1(3, E, vocab).code == "type"


def test_exercise_2_hints(setup):
    E, vocab = setup
    a, b = E[vocab["cat"]], E[vocab["dog"]]
    assert check.exercise_2(float(a @ b), E, vocab).code == "dot"
    assert check.exercise_2(float(np.linalg.norm(a - b)), E, vocab).code in {"distance", "range"}
    assert check.exercise_2(1.5, E, vocab).code in {"range", "distance"}
    assert check.exercise_2("0.5", E, vocab).code == "type"


def test_exercise_3_hints(setup):
    E, vocab = setup
    assert solutions.exercise_3(E, vocab) == "days"
    assert check.exercise_3("colours", E, vocab).code == "unknown_category"
    assert check.exercise_3("fruit", E, vocab).code == "not_tightest"
    assert check.exercise_3(" Days ", E, vocab).passed


@pytest.mark.parametrize("answer", [float("inf"), float("nan")])
def test_exercise_2_not_finite_gets_a_hint(setup, answer):
    E, vocab = setup
    assert check.exercise_2(answer, E, vocab).code == "not_finite"


@pytest.mark.parametrize("k", [1, 2, 3])
def test_bad_embedding_or_vocabulary_names_the_argument(setup, k):
    E, vocab = setup
    exercise = getattr(check, f"exercise_{k}")
    with pytest.raises(ValueError, match=r"\bE\b"):
        exercise(None, E[:5], vocab)
    with pytest.raises(TypeError, match="vocab"):
        exercise(None, E, vocab.words)
