"""Reference solutions for lesson 04 · Loss over time. Try the exercises first!"""

import numpy as np

from rnnlib.bptt import mse_loss, total_loss
from rnnlib.checks.lesson04 import exercise_1_data, exercise_2_data


def exercise_1():
    # h_t = tanh(z_t), z_t = W_hh h_{t-1} + W_xh x_t + b_h, so ∂h_t/∂h_{t-1} = diag(1 − h_t²) · W_hh.
    W_hh, W_xh, b_h, h_prev, x_t = exercise_1_data()
    h_t = np.tanh(W_hh @ h_prev + W_xh @ x_t + b_h)
    return np.diag(1 - h_t**2) @ W_hh


def exercise_2():
    cell, x, y = exercise_2_data()
    eps = 1e-5

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
