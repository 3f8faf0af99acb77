"""Lesson 06's exercise checks, on small embeddings built here (the checks take the matrices as arguments)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson06 as check
from rnnlib.corpus import CATEGORIES
from rnnlib.text import Vocabulary, load_corpus

solutions = load_solutions("06_semantic_space")
SPREAD = ("animals", "furniture", "people")  # the categories that move apart in the fixture's "final" E


def clustered(vocab, dim, seed, scale, noisy=()):
    """Random rows plus one shared direction per category; categories in `noisy` get their own big noise."""
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(len(vocab), dim))
    for k, (name, words) in enumerate(CATEGORIES.items()):
        for w in words:
            M[vocab[w]] = np.eye(dim)[k] * scale + 0.3 * rng.normal(size=dim)
            if name in noisy:
                M[vocab[w]] += 3.0 * rng.normal(size=dim)
    return M


@pytest.fixture(scope="module")
def setup():
    train, _ = load_corpus()
    vocab = Vocabulary(train)
    E_1 = clustered(vocab, 16, 0, 3.0)
    E = clustered(vocab, 16, 1, 3.0, noisy=SPREAD)
    W_hy = clustered(vocab, 64, 2, 2.0)
    return E_1, E, W_hy, vocab


def test_reference_solutions_pass(setup):
    E_1, E, W_hy, vocab = setup
    assert check.exercise_1(solutions.exercise_1(E, vocab), E, vocab).passed
    assert check.exercise_2(solutions.exercise_2(E, W_hy, vocab), E, W_hy, vocab).passed
    assert solutions.exercise_3(E_1, E, vocab) == set(SPREAD)
    feedback = check.exercise_3(solutions.exercise_3(E_1, E, vocab), E_1, E, vocab)
    assert feedback.passed, feedback.message


def test_placeholders(setup):
    E_1, E, W_hy, vocab = setup
    assert check.exercise_1(None, E, vocab).code == "placeholder"
    assert check.exercise_2(None, E, W_hy, vocab).code == "placeholder"
    assert check.exercise_3(None, E_1, E, vocab).code == "placeholder"


def test_exercise_1_hints(setup):
    _, E, _, vocab = setup
    right = solutions.exercise_1(E, vocab)
    assert check.exercise_1(f" {right.upper()} ", E, vocab).passed
    assert check.exercise_1("london", E, vocab).code == "self"
    assert check.exercise_1("paris", E, vocab).code == "city"
    assert check.exercise_1("zebra", E, vocab).code == "unknown"
    other = next(w for w in ("cat", "dog", "mat") if w != right)
    assert check.exercise_1(other, E, vocab).code == "not_closest"
    assert check.exercise_1(3, E, vocab).code == "type"


def test_exercise_2_hints(setup):
    _, E, W_hy, vocab = setup
    e, w = solutions.exercise_2(E, W_hy, vocab)
    a, b = vocab["anna"], vocab["tom"]
    assert check.exercise_2([e, w], E, W_hy, vocab).passed
    assert check.exercise_2((w, e), E, W_hy, vocab).code == "swapped"
    kernel = W_hy.T
    by_kernel_rows = float(kernel[a] @ kernel[b] / np.linalg.norm(kernel[a]) / np.linalg.norm(kernel[b]))
    assert check.exercise_2((e, by_kernel_rows), E, W_hy, vocab).code == "kernel_row"
    assert check.exercise_2((float(E[a] @ E[b]), w), E, W_hy, vocab).code == "dot"
    assert check.exercise_2((e, 0.123), E, W_hy, vocab).code == "one_wrong"
    assert check.exercise_2((1.5, -2.0), E, W_hy, vocab).code == "range"
    assert check.exercise_2((float("nan"), w), E, W_hy, vocab).code == "not_finite"
    assert check.exercise_2((e, float("inf")), E, W_hy, vocab).code == "not_finite"
    assert check.exercise_2(e, E, W_hy, vocab).code == "type"
    assert check.exercise_2(("0.5", "0.5"), E, W_hy, vocab).code == "type"
    assert check.exercise_2((True, False), E, W_hy, vocab).code == "type"
    assert check.exercise_2((round(e, 2), w), E, W_hy, vocab).passed  # right to 2 decimals: accepted
    assert check.exercise_2((round(e, 1), w), E, W_hy, vocab).code in {"rounded", "one_wrong", "value"}


def test_exercise_2_accepts_rounded_values_and_arrays(setup):
    _, E, W_hy, vocab = setup
    e, w = solutions.exercise_2(E, W_hy, vocab)
    assert check.exercise_2((round(e, 2), round(w, 2)), E, W_hy, vocab).passed  # right to 2 decimals
    assert check.exercise_2(np.array([e, w]), E, W_hy, vocab).passed  # a 1-D array of the two numbers
    assert check.exercise_2(np.array([round(e, 2), round(w, 2)]), E, W_hy, vocab).passed
    assert check.exercise_2(np.array([w, e]), E, W_hy, vocab).code == "swapped"


@pytest.mark.parametrize("shift", [(0.01, 0.0), (0.0, -0.012), (0.015, 0.015)])
def test_exercise_2_wrongly_rounded_gets_dont_round(setup, shift):
    _, E, W_hy, vocab = setup
    e, w = solutions.exercise_2(E, W_hy, vocab)
    feedback = check.exercise_2((e + shift[0], w + shift[1]), E, W_hy, vocab)
    assert not feedback.passed and feedback.code == "rounded", feedback.message


@pytest.mark.parametrize(
    "answer",
    [np.array([[0.1, 0.2]]), np.array([0.1, 0.2, 0.3]), np.array([True, False]), np.array(["a", "b"])],
)
def test_exercise_2_other_arrays_are_refused(setup, answer):
    _, E, W_hy, vocab = setup
    assert check.exercise_2(answer, E, W_hy, vocab).code == "type"


def test_exercise_3_hints(setup):
    E_1, E, _, vocab = setup
    assert check.exercise_3(["People", " animals", "furniture"], E_1, E, vocab).passed
    assert check.exercise_3({"animals", "furniture", "days"}, E_1, E, vocab).code == "sentence_end"
    assert check.exercise_3({"animals", "furniture", "cities"}, E_1, E, vocab).code == "not_top3"
    assert check.exercise_3({"animals", "furniture"}, E_1, E, vocab).code == "count"
    assert check.exercise_3({"animals", "furniture", "people", "fruit"}, E_1, E, vocab).code == "count"
    assert check.exercise_3({"animals", "colours", "people"}, E_1, E, vocab).code == "unknown_category"
    assert check.exercise_3("animals", E_1, E, vocab).code == "type"
    assert check.exercise_3({1, 2, 3}, E_1, E, vocab).code == "type"


@pytest.mark.parametrize("answer", [(float("inf"), 0.5), (float("nan"), 0.5)])
def test_exercise_2_not_finite_gets_a_hint(setup, answer):
    _, E, W_hy, vocab = setup
    assert check.exercise_2(answer, E, W_hy, vocab).code == "not_finite"


def test_bad_matrices_or_vocabulary_name_the_argument(setup):
    E_1, E, W_hy, vocab = setup
    calls = {
        "E": [lambda e: check.exercise_1(None, e, vocab), lambda e: check.exercise_2(None, e, W_hy, vocab)],
        "W_hy": [lambda w: check.exercise_2(None, E, w, vocab)],
        "E_epoch_1": [lambda e: check.exercise_3(None, e, E, vocab)],
        "E_final": [lambda e: check.exercise_3(None, E_1, e, vocab)],
    }
    for name, fns in calls.items():
        for fn in fns:
            with pytest.raises(ValueError, match=rf"\b{name}\b"):
                fn(E[:5])
    with pytest.raises(TypeError, match="vocab"):
        check.exercise_1(None, E, vocab.words)
