"""Lesson 05's exercise checks: reference solutions pass, the placeholder and typical mistakes get their hints."""

from __future__ import annotations

import pytest
from conftest import load_solutions

from rnnlib.checks import lesson05 as check

solutions = load_solutions("05_next_word_prediction")


@pytest.mark.parametrize("k", [1, 2, 3])
def test_reference_solutions_pass(k):
    feedback = getattr(check, f"exercise_{k}")(getattr(solutions, f"exercise_{k}")())
    assert feedback.passed, feedback.message


@pytest.mark.parametrize("k", [1, 2, 3])
def test_placeholder(k):
    assert getattr(check, f"exercise_{k}")(None).code == "placeholder"


def test_exercise_1_hints():
    right = solutions.exercise_1()
    assert check.exercise_1(right[:-1]).code == "no_end"
    assert check.exercise_1([v - 1 for v in right]).code == "zero_based"
    assert check.exercise_1([1, 110, 3]).code == "unknown"
    assert check.exercise_1([1, 2]).code == "length"
    assert check.exercise_1([1] * len(right)).code == "value"
    assert check.exercise_1("the dog").code == "type"


def test_exercise_2_hints():
    size = solutions.exercise_2() + 1
    assert check.exercise_2(size).code == "padding"
    assert check.exercise_2(1 / (size - 1)).code == "inverse"
    assert check.exercise_2(float(__import__("numpy").log(size - 1))).code == "log"
    assert check.exercise_2(3).code == "value"
    assert check.exercise_2("110").code == "type"


def test_exercise_3_hints():
    assert check.exercise_3("mat").code == "rnn_answer"
    assert check.exercise_3("zebra").code == "unknown"
    assert check.exercise_3(solutions.exercise_3().upper()).passed
    assert check.exercise_3(3).code == "type"


def test_exercise_1_never_truncates():
    import numpy as np

    right = np.asarray(solutions.exercise_1())
    assert check.exercise_1(right + 0.9).code == "not_whole"  # int() would have made this right
    assert check.exercise_1([float("inf"), *right[1:].tolist()]).code == "not_finite"
    assert check.exercise_1([str(i) for i in right]).code == "type"
    assert check.exercise_1(right.astype(float))  # whole floats are the right indices


@pytest.mark.parametrize("delta", [0.4, -0.3, 0.01])
def test_exercise_2_needs_the_exact_perplexity(delta):
    assert not check.exercise_2(solutions.exercise_2() + delta)


@pytest.mark.parametrize("answer", [float("inf"), float("nan")])
def test_exercise_2_not_finite_gets_a_hint(answer):
    assert check.exercise_2(answer).code == "not_finite"
