import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.bptt import clip_by_global_norm, loss_and_gradients
from rnnlib.checks import lesson04 as check

solutions = load_solutions("04_loss_over_time")


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1())
    assert check.exercise_2(solutions.exercise_2())
    assert check.exercise_3(solutions.exercise_3())
    assert check.exercise_4(solutions.exercise_4())


@pytest.mark.parametrize("exercise", [check.exercise_1, check.exercise_2, check.exercise_3, check.exercise_4])
def test_placeholder_gets_a_gentle_prompt(exercise):
    feedback = exercise(None)
    assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


def test_exercise_1_hints():
    W_hh, W_xh, b_h, h_prev, x_t = check.exercise_1_data()
    z_t = W_hh @ h_prev + W_xh @ x_t + b_h
    assert 0 < (z_t > 0).sum() < 3 and np.abs(z_t).min() > 0.2  # units on and off, far from the kink
    good = solutions.exercise_1()
    assert check.exercise_1(good.tolist())  # a nested list is fine
    assert check.exercise_1(good.T).code == "transposed"
    assert check.exercise_1(W_hh).code == "no_slope"
    assert check.exercise_1(np.diag(1 - np.tanh(z_t) ** 2) @ W_hh).code == "tanh_slope"
    assert check.exercise_1(np.diag(1 - np.maximum(z_t, 0) ** 2) @ W_hh).code == "tanh_slope"
    assert check.exercise_1(np.diag(np.maximum(z_t, 0)) @ W_hh).code == "output_not_slope"
    assert check.exercise_1(np.zeros((3, 2))).code == "shape"
    assert check.exercise_1("W_hh").code == "type"
    assert check.exercise_1(np.ones((3, 3))).code == "value"


def test_exercise_1_hints_do_not_print_the_solution():
    W_hh, W_xh, b_h, h_prev, x_t = check.exercise_1_data()
    for wrong in (W_hh, np.ones((3, 3)), solutions.exercise_1().T):
        message = repr(check.exercise_1(wrong))
        assert "np.diag" not in message and "z_t > 0" not in message


def test_exercise_2_hints():
    cell, x, y = check.exercise_2_data()
    exact = float(loss_and_gradients(cell, x, y)[1]["W_hh"][0, 1])
    good = solutions.exercise_2()
    assert 1e-6 < abs(good - exact) / abs(exact) < 1e-4  # eps = 1e-2: the estimate, not the exact value

    def loss_with(delta, i=0, j=1):
        params = {k: v.copy() for k, v in cell.params.items()}
        params["W_hh"][i, j] += delta
        return loss_and_gradients(params, x, y)[0]

    assert check.exercise_2(exact).code == "exact"  # BPTT's value, on screen in the lesson, is not the answer
    assert check.exercise_2((loss_with(1e-5) - loss_with(-1e-5)) / 2e-5).code == "exact"  # another eps
    assert check.exercise_2(good / 2).code == "factor_two"
    eps = 1e-2
    assert check.exercise_2((loss_with(eps) - loss_with(0.0)) / eps).code == "one_sided"
    assert check.exercise_2((loss_with(eps) - loss_with(-eps)) / eps).code == "factor_two"
    assert check.exercise_2(-good).code == "sign"
    assert check.exercise_2((loss_with(eps, 1, 0) - loss_with(-eps, 1, 0)) / (2 * eps)).code == "index"
    assert check.exercise_2("0.1").code == "value"  # a numeric string is read as the number 0.1
    assert check.exercise_2([1, 2]).code == "type"


def test_exercise_3_hints():
    def per_array(grads, max_norm):
        return {k: g * min(1.0, max_norm / np.linalg.norm(g)) for k, g in grads.items()}

    def always_scale(grads, max_norm):
        norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
        return {k: g * max_norm / norm for k, g in grads.items()}

    def by_value(grads, max_norm):
        return {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()}

    def broken(grads, max_norm):
        raise RuntimeError("oops")

    def with_norm(grads, max_norm):  # returning (clipped, norm) like rnnlib: asked for the dict only
        clipped = solutions.exercise_3()(grads, max_norm)
        return clipped, 0.0

    assert check.exercise_3(with_norm).code == "type"
    assert check.exercise_3(clip_by_global_norm).code == "library"  # the call on screen is not an answer
    assert check.exercise_3(per_array).code == "per_array"
    assert check.exercise_3(always_scale).code == "scales_up"
    assert check.exercise_3(by_value).code == "by_value"
    assert check.exercise_3(broken).code == "error"
    assert check.exercise_3(lambda grads, max_norm: list(grads.values())).code == "type"
    assert check.exercise_3(3.0).code == "type"


def test_exercise_4_hints():
    good = solutions.exercise_4()

    def softmax(z):
        e = np.exp(z - np.max(z))
        return e / e.sum()

    def forgot_target(logits, target):
        return softmax(logits)

    def flipped(logits, target):
        return -good(logits, target)

    def raw_logits(logits, target):
        return logits - np.eye(len(logits))[target]

    def probability_gradient(logits, target):
        out = np.zeros(len(logits))
        out[target] = -1.0 / softmax(logits)[target]
        return out

    def only_target(logits, target):
        out = np.zeros(len(logits))
        out[target] = good(logits, target)[target]
        return out

    def unstable(logits, target):  # right formula, but e^1000 overflows to inf
        with np.errstate(over="ignore", invalid="ignore"):
            e = np.exp(logits)
            return e / e.sum() - np.eye(len(logits))[target]

    def broken(logits, target):
        raise RuntimeError("oops")

    assert check.exercise_4(lambda logits, target: good(logits, target).tolist())  # a list is fine
    assert check.exercise_4(forgot_target).code == "forgot_target"
    assert check.exercise_4(flipped).code == "sign"
    assert check.exercise_4(raw_logits).code == "logits"
    assert check.exercise_4(probability_gradient).code == "dL_dp"
    assert check.exercise_4(only_target).code == "only_target"
    assert check.exercise_4(unstable).code == "overflow"
    assert check.exercise_4(broken).code == "error"
    assert check.exercise_4(lambda logits, target: 0.0).code == "shape"
    assert check.exercise_4(lambda logits, target: np.zeros(len(logits))).code == "value"
    assert check.exercise_4(3.0).code == "type"
    for wrong in (forgot_target, flipped, raw_logits, probability_gradient, only_target):
        assert "onehot" not in repr(check.exercise_4(wrong))  # hints do not give the formula away


def test_learner_mutating_the_logits_changes_nothing():
    def mutating(logits, target):
        result = solutions.exercise_4()(logits, target)
        logits[:] = 0.0
        return result

    assert check.exercise_4(mutating) and check.exercise_4(mutating)


@pytest.mark.parametrize(
    ("exercise", "answer"),
    [
        (check.exercise_1, np.full((3, 3), np.nan)),
        (check.exercise_1, np.full((3, 3), np.inf)),
        (check.exercise_2, float("inf")),
        (check.exercise_2, float("nan")),
    ],
)
def test_not_finite_answers_get_a_hint(exercise, answer):
    feedback = exercise(answer)
    assert not feedback and feedback.code == "not_finite"
