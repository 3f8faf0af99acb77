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


def exercise_4():
    # Lesson 03 §3: the cell in float32, the three sequences, and the model without a mask.
    import keras

    from rnnlib.diagrams import unrolled_example
    from rnnlib.rnn import RNNCell, to_keras

    cell, _ = unrolled_example()
    cell32 = RNNCell.from_params(*(p.astype("float32") for p in cell.params.values()))
    rng = np.random.default_rng(4)
    sequences = [rng.normal(size=(n, 1)).astype("float32") for n in (3, 7, 5)]
    unmasked_rnn = keras.Sequential([keras.Input(shape=(None, 1)), keras.layers.SimpleRNN(2)])
    unmasked_rnn.layers[-1].set_weights(to_keras(cell32)[0])
    h_alone = np.array([cell32.forward(seq)[1][-1] for seq in sequences])

    padded_pre = keras.utils.pad_sequences(sequences, padding="pre", dtype="float32")  # zeros in front
    return float(np.abs(unmasked_rnn(padded_pre).numpy() - h_alone).max())
