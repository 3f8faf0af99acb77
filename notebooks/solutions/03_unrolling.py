"""Reference solutions for lesson 03 · Unrolling. Try the exercises first!"""

import numpy as np

from rnnlib.checks.lesson03 import exercise_2_setup


def exercise_1():
    rnn = 4 * 16 + 16 * 16 + 16  # kernel, recurrent kernel, bias
    dense = 16 * 2 + 2
    return rnn + dense  # 370: the same for 100 steps or 10 000


def exercise_2():
    cell, x = exercise_2_setup()
    h_t = np.zeros(cell.units)
    states = []
    for x_t in x:
        h_t = np.tanh(cell.W_hh @ h_t + cell.W_xh @ x_t + cell.b_h)
        states.append(h_t)
    return np.array(states)


def exercise_3():
    lengths = [3, 5, 2]
    return [n - 1 for n in lengths]
