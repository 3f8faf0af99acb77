"""Reference solutions for lesson 03 · Unrolling. Try the exercises first!"""

import numpy as np

from rnnlib.checks.lesson03 import exercise_2_setup


def exercise_1():
    rnn = 4 * 16 + 16 * 16 + 16  # kernel, recurrent kernel, bias
    dense = 16 * 2 + 2
    return rnn + dense  # 370: the same for 100 steps or 10 000


def exercise_2():
    cell, x = exercise_2_setup()  # x: (batch, time, features) = (3, 6, 1)
    h = np.zeros((x.shape[0], cell.units))  # one row per sequence: (batch, units)
    states = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ cell.W_xh.T + h @ cell.W_hh.T + cell.b_h)  # rows: the transposes, as in Keras
        states.append(h)
    return np.stack(states, axis=1)  # (batch, time, units)


def exercise_3():
    # padding="pre": zeros first, so every final state is at the last index, 4. Only the sequence that got no
    # padding (length 5) starts from h_0 = 0; during the zeros b_h = [0, 0.1] moves the others' state.
    return {"index": [4, 4, 4], "exact": [False, True, False]}


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
