"""Lesson 05's exercise checks: reference solutions pass, the placeholder and typical mistakes get their hints."""

from __future__ import annotations

import math

import numpy as np
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
    assert check.exercise_1(np.array(right)).passed
    assert check.exercise_1(right[:-1]).code == "no_end"
    assert check.exercise_1([v - 1 for v in right]).code == "zero_based"
    assert check.exercise_1([1, 110, 3]).code == "unknown"
    assert check.exercise_1([1, 2]).code == "length"
    assert check.exercise_1([1] * len(right)).code == "value"
    assert check.exercise_1("the dog").code == "type"
    assert check.exercise_1([1.5, 2.0]).code == "not_whole"  # no truncation of non-integers


def test_exercise_2_hints():
    best = solutions.exercise_2()
    assert best == pytest.approx(2.894, abs=1e-3)
    assert check.exercise_2(round(best, 2)).passed
    assert check.exercise_2(1).code == "perfect"
    assert check.exercise_2(math.log(best)).code == "log"
    assert check.exercise_2(1 / 0.6).code == "mat_only"
    assert check.exercise_2(4).code == "uniform"
    assert check.exercise_2(1 / (0.36 + 0.04 + 0.0225 + 0.0025)).code == "squares"
    assert check.exercise_2(2.5).code == "value"
    assert check.exercise_2(2.8).code == "value"  # close is not right
    assert check.exercise_2(float("nan")).code == "not_finite"
    assert check.exercise_2("2.9").code == "type"
    assert check.exercise_2(True).code == "type"


def test_exercise_3_hints():
    assert check.exercise_3("Maria is eating a").passed
    assert check.exercise_3("The bus to Paris").code == "shown"
    assert check.exercise_3("Tom took the bus to Paris").code == "shown"
    assert check.exercise_3("The cat is sitting on the").code == "short"
    assert check.exercise_3("Anna eats a").code == "short"
    assert check.exercise_3("The mat is sitting on the").code == "not_a_prefix"
    assert check.exercise_3("The zebra is").code == "unknown"
    assert check.exercise_3("Sam is eating a pear.").code == "finished"
    assert check.exercise_3("...").code == "empty"
    assert check.exercise_3(["sam", "is"]).code == "type"


def test_exercise_1_never_truncates():
    import numpy as np

    right = np.asarray(solutions.exercise_1())
    assert check.exercise_1(right + 0.9).code == "not_whole"  # int() would have made this right
    assert check.exercise_1([float("inf"), *right[1:].tolist()]).code == "not_finite"
    assert check.exercise_1([str(i) for i in right]).code == "type"
    assert check.exercise_1(right.astype(float))  # whole floats are the right indices


@pytest.mark.parametrize("delta", [0.4, -0.3, 0.02])
def test_exercise_2_needs_the_exact_perplexity(delta):
    assert not check.exercise_2(solutions.exercise_2() + delta)


@pytest.mark.parametrize("answer", [float("inf"), float("nan")])
def test_exercise_2_not_finite_gets_a_hint(answer):
    assert check.exercise_2(answer).code == "not_finite"
