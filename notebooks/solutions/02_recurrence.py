"""Reference solutions for lesson 02 · Recurrence. Try the exercises first!"""

import numpy as np

from rnnlib.checks.lesson02 import EXERCISE_1, EXERCISE_3


def exercise_1():
    W_xh, W_hh, b_h, x = (EXERCISE_1[k] for k in ("W_xh", "W_hh", "b_h", "x"))
    h_0 = np.zeros(2)
    h_1 = np.tanh(W_hh @ h_0 + W_xh @ x[0] + b_h)  # x_1 = 1: h_1 = tanh([0.5, -0.3] + [0, 0.1])
    h_2 = np.tanh(W_hh @ h_1 + W_xh @ x[1] + b_h)
    return h_2


def exercise_2():
    # The second SimpleRNN reads the first one's h_t (16 numbers per step) and has 8 units of its own.
    return {"kernel": (16, 8), "recurrent_kernel": (8, 8), "W_xh": (8, 16)}


def exercise_3():
    # The lesson's echo_rnn() and budget, on the lag-10 task: train it, then score steps t > 10.
    import keras

    import rnnlib
    from rnnlib import tasks

    lag = EXERCISE_3["lag"]
    (x10_train, y10_train), (x10_test, y10_test) = tasks.echo_split(**EXERCISE_3)
    rnnlib.seed_everything(42)
    model = keras.Sequential(
        [
            keras.Input(shape=(None, 1)),
            keras.layers.SimpleRNN(8, return_sequences=True),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    model.fit(x10_train, y10_train, epochs=10, batch_size=32, verbose=0)
    p = model(x10_test).numpy()
    accuracy = float(np.mean((p[:, lag:] > 0.5) == (y10_test[:, lag:] > 0.5)))
    return model, accuracy  # about 0.7: not solved in this budget; check with exercise_3(model, accuracy)
