"""Reference solutions for lesson 08 · Long-term dependencies. Try the exercises first!"""

import numpy as np


def exercise_1():
    def sigmoid(a):
        return 1 / (1 + np.exp(-a))

    # f_t = σ(b_f) when the weighted inputs are small; the cell is multiplied by f_t at each of the 50 steps.
    return float(sigmoid(1.0) ** 50), float(sigmoid(5.0) ** 50)


def exercise_2(f, i, g, o, c_prev):
    c_t = f * c_prev + i * g  # keep part of the old memory, write part of the candidate
    h_t = o * np.tanh(c_t)  # show part of the squashed memory
    return c_t, h_t


def exercise_3():
    units, features = 16, 5
    block = units * features + units * units  # W_x· and W_h· of one block
    return {
        "SimpleRNN": block + units,
        "LSTM": 4 * (block + units),  # blocks i, f, g, o
        "GRU": 3
        * (block + 2 * units),  # blocks z, r, n; Keras' reset_after=True has an input and a recurrent bias
    }
