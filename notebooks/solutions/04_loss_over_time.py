"""Reference solutions for lesson 04 · Loss over time. Try the exercises first!"""

import numpy as np

from rnnlib.bptt import mse_loss, total_loss
from rnnlib.checks.lesson04 import exercise_1_data, exercise_2_data


def exercise_1():
    # h_t = max(0, z_t), z_t = W_hh h_{t-1} + W_xh x_t + b_h, so ∂h_t/∂h_{t-1} = diag(1[z_t > 0]) · W_hh:
    # a unit that is on passes W_hh's row through unchanged, a unit that is off has a row of zeros.
    W_hh, W_xh, b_h, h_prev, x_t = exercise_1_data()
    z_t = W_hh @ h_prev + W_xh @ x_t + b_h
    return np.diag((z_t > 0).astype(float)) @ W_hh


def exercise_2():
    cell, x, y = exercise_2_data()
    eps = 1e-2  # the exercise's step: the estimate, with its truncation error

    def loss_with(delta):
        nudged = cell.copy()  # the same weights, with W_hh[0, 1] moved by delta
        nudged.W_hh[0, 1] += delta
        y_hat, _ = nudged.forward(x)
        return total_loss(mse_loss(y_hat, y)[0])

    return (loss_with(eps) - loss_with(-eps)) / (2 * eps)


def exercise_3():
    def clip(grads, max_norm):
        norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
        scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
        return {k: g * scale for k, g in grads.items()}

    return clip


def exercise_4():
    # L = −ŷ_y + log Σ_i e^{ŷ_i}, so ∂L/∂ŷ_j = e^{ŷ_j} / Σ_i e^{ŷ_i} − [j = y] = softmax(ŷ)_j − onehot(y)_j.
    def ce_gradient(logits, target):
        logits = np.asarray(logits, dtype=float)
        e = np.exp(logits - logits.max())  # the same softmax, without overflow
        gradient = e / e.sum()
        gradient[target] -= 1.0
        return gradient

    return ce_gradient
