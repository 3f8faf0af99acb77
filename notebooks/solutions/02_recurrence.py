"""Reference solutions for lesson 02 · Recurrence. Try the exercises first!"""

import numpy as np

from rnnlib.checks.lesson02 import EXERCISE_1


def exercise_1():
    W_xh, W_hh, b_h, x = (EXERCISE_1[k] for k in ("W_xh", "W_hh", "b_h", "x"))
    h_0 = np.zeros(2)
    h_1 = np.tanh(W_hh @ h_0 + W_xh @ x[0] + b_h)  # x_1 = 1: h_1 = tanh([0.5, -0.3] + [0, 0.1])
    h_2 = np.tanh(W_hh @ h_1 + W_xh @ x[1] + b_h)
    return h_2


def exercise_2():
    # 3 features in, 16 units, 1 output; Keras' kernel is the transpose of W_xh.
    return {"W_xh": (16, 3), "W_hh": (16, 16), "W_hy": (1, 16), "keras_kernel": (3, 16)}


def exercise_3():
    lag = 10
    window = lag + 1  # x_(t-10) … x_t: 11 steps, both ends counted
    hidden = 16 * window + 16  # Dense(16) on 11 inputs: weights + biases
    output = 16 + 1  # Dense(1) on 16 hidden units
    return {"window": window, "parameters": hidden + output}  # 209
