"""rnnlib.training.fit_each: each model trained exactly as its own model.fit would train it."""

import numpy as np
import pytest

import rnnlib
from rnnlib import tasks
from rnnlib.training import fit_each


def _echo_rnn():
    import keras

    model = keras.Sequential(
        [
            keras.Input((None, 1)),
            keras.layers.SimpleRNN(4, return_sequences=True),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    return model


def _same(a, b):
    return all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights(), strict=True))


def test_fit_each_gives_the_weights_fit_gives():
    import keras  # noqa: F401 - imported before seed_everything, so that it seeds Keras too

    data = [tasks.echo_split(n_train=64, n_test=8, time=8, lag=lag, seed=0)[0] for lag in (1, 2, 3)]
    rnnlib.seed_everything(0)
    alone = []
    for x, y in data:
        alone.append(_echo_rnn())
        alone[-1].fit(x, y, epochs=3, batch_size=16, verbose=0)
    rnnlib.seed_everything(0)
    together = [_echo_rnn() for _ in data]
    starts = [m.get_weights() for m in together]
    histories = fit_each(together, data, epochs=3, batch_size=16, verbose=0)
    assert all(_same(a, b) for a, b in zip(alone, together, strict=True))  # bit for bit
    assert not any(
        all(np.array_equal(u, v) for u, v in zip(s, m.get_weights(), strict=True))
        for s, m in zip(starts, together, strict=True)
    )  # every model moved from its start
    assert [len(h.history["loss"]) for h in histories] == [3, 3, 3]
    assert histories[0].history["loss"] != histories[1].history["loss"]


def test_fit_each_refuses_what_it_cannot_train():
    import keras

    x, y = np.zeros((4, 3, 1), "float32"), np.zeros((4, 3, 1), "float32")
    uncompiled = keras.Sequential([keras.Input((None, 1)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="compiled"):
        fit_each([uncompiled], [(x, y)], epochs=1, verbose=0)
    wider = keras.Sequential([keras.Input((None, 1)), keras.layers.SimpleRNN(5, return_sequences=True)])
    wider.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    with pytest.raises(ValueError, match="same weights' shapes"):
        fit_each([_echo_rnn(), wider], [(x, y), (x, y)], epochs=1, verbose=0)
    other_rate = _echo_rnn()
    other_rate.compile(optimizer=keras.optimizers.Adam(0.1), loss="binary_crossentropy")
    with pytest.raises(ValueError, match="compiled as models\\[0\\]"):
        fit_each([_echo_rnn(), other_rate], [(x, y), (x, y)], epochs=1, verbose=0)
    with pytest.raises(TypeError, match="data must be a list of 2"):
        fit_each([_echo_rnn(), _echo_rnn()], [(x, y)], epochs=1, verbose=0)
    with pytest.raises(ValueError, match="data\\[0\\]"):
        fit_each([_echo_rnn()], [(x[0], y)], epochs=1, verbose=0)
    with pytest.raises(TypeError, match="callbacks must be a list of 1"):
        fit_each([_echo_rnn()], [(x, y)], callbacks=[[], []], epochs=1, verbose=0)
    with pytest.raises(TypeError, match="fit_each got x="):
        fit_each([_echo_rnn()], [(x, y)], x=x, epochs=1, verbose=0)
