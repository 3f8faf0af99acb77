"""The numpy LSTM and GRU against keras.layers.LSTM / keras.layers.GRU on copied weights."""

import numpy as np
import pytest

from rnnlib import gated

SHAPES = [(3, 7, 5, 4), (1, 1, 2, 1), (5, 12, 3, 16)]  # (batch, time, features, units)


def _random_layer(kind, features, units, seed):
    import keras

    rng = np.random.default_rng(seed)
    keras.utils.set_random_seed(seed)
    layer = getattr(keras.layers, kind)(units, return_sequences=True)
    model = keras.Sequential([keras.Input((None, features)), layer])
    # Non-default weights everywhere (biases too), so that a mixed-up block shows.
    layer.set_weights([rng.normal(0, 0.6, w.shape).astype("float32") for w in layer.get_weights()])
    return model, layer


@pytest.mark.parametrize(("batch", "time", "features", "units"), SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_lstm_matches_keras(batch, time, features, units, seed):
    model, layer = _random_layer("LSTM", features, units, seed)
    x = np.random.default_rng(seed + 10).normal(size=(batch, time, features)).astype("float32")
    h, c, gates = gated.lstm_unroll(x, gated.lstm_params_from_keras(layer))
    assert h.shape == c.shape == (batch, time, units)
    assert np.max(np.abs(h - model.predict(x, verbose=0))) < 1e-5
    assert set(gates) == {"i", "f", "g", "o"} and all(g.shape == h.shape for g in gates.values())


@pytest.mark.parametrize(("batch", "time", "features", "units"), SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_gru_matches_keras(batch, time, features, units, seed):
    model, layer = _random_layer("GRU", features, units, seed)
    x = np.random.default_rng(seed + 10).normal(size=(batch, time, features)).astype("float32")
    h, gates = gated.gru_unroll(x, gated.gru_params_from_keras(layer))
    assert np.max(np.abs(h - model.predict(x, verbose=0))) < 1e-5
    assert set(gates) == {"z", "r", "n"}


def test_lstm_cell_state_matches_keras_return_state():
    import keras

    model, layer = _random_layer("LSTM", 3, 4, 2)
    inp = keras.Input((None, 3))
    _, h_last, c_last = keras.layers.LSTM(4, return_state=True)(inp)
    stateful = keras.Model(inp, [h_last, c_last])
    stateful.layers[1].set_weights(layer.get_weights())
    x = np.random.default_rng(3).normal(size=(2, 6, 3)).astype("float32")
    h_k, c_k = stateful.predict(x, verbose=0)
    h, c, _ = gated.lstm_unroll(x, gated.lstm_params_from_keras(layer.get_weights()))
    assert np.max(np.abs(h[:, -1] - h_k)) < 1e-5 and np.max(np.abs(c[:, -1] - c_k)) < 1e-5


def test_gate_values_are_in_range_and_cell_update_holds():
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=(3, 8)), rng.normal(size=(2, 8)), rng.normal(size=8)]
    p = gated.lstm_params_from_keras(weights)
    x = rng.normal(size=(4, 6, 3))
    h, c, g = gated.lstm_unroll(x, p)
    for name in "ifo":
        assert np.all((g[name] > 0) & (g[name] < 1))
    c_prev = np.concatenate([np.zeros((4, 1, 2)), c[:, :-1]], axis=1)
    np.testing.assert_allclose(c, g["f"] * c_prev + g["i"] * g["g"])
    np.testing.assert_allclose(h, g["o"] * np.tanh(c))


def test_forget_gate_is_keras_second_block():
    units = 2
    bias = np.zeros(4 * units)
    bias[units : 2 * units] = 50.0  # forget gate wide open, all else zero
    p = gated.lstm_params_from_keras([np.zeros((1, 4 * units)), np.zeros((units, 4 * units)), bias])
    (_, c), gates = gated._lstm_step(np.zeros((1, 1)), np.zeros((1, units)), np.full((1, units), 0.7), p)
    np.testing.assert_allclose(gates["f"], 1.0)
    np.testing.assert_allclose(c, 0.7)  # kept; the candidate tanh(0) = 0 adds nothing


def test_sigmoid_is_stable():
    assert gated._sigmoid(np.array([-1e4, 0.0, 1e4])).tolist() == [0.0, 0.5, 1.0]


def test_bad_inputs_name_the_argument():
    p = gated.lstm_params_from_keras([np.zeros((3, 8)), np.zeros((2, 8)), np.zeros(8)])
    with pytest.raises(ValueError, match="x must be"):
        gated.lstm_unroll(np.zeros((4, 5, 2)), p)
    with pytest.raises(ValueError, match="x must be"):
        gated.lstm_unroll(np.zeros((5, 3)), p)
    with pytest.raises(TypeError, match="params must be a dict"):
        gated.lstm_unroll(np.zeros((4, 5, 3)), [1, 2])
    with pytest.raises(ValueError, match="params lacks"):
        gated.gru_unroll(np.zeros((4, 5, 3)), {"W_xz": np.zeros((2, 3))})
    with pytest.raises(TypeError, match="get_weights"):
        gated.lstm_params_from_keras([np.zeros((3, 8))])
    with pytest.raises(ValueError, match="recurrent_kernel"):
        gated.lstm_params_from_keras([np.zeros((3, 8)), np.zeros((3, 8)), np.zeros(8)])
    with pytest.raises(ValueError, match="bias"):
        gated.gru_params_from_keras([np.zeros((3, 6)), np.zeros((2, 6)), np.zeros(6)])
    with pytest.raises(ValueError, match="4 × units"):
        gated.lstm_params_from_keras([np.zeros((3, 7)), np.zeros((1, 7)), np.zeros(7)])


def test_lstm_cell_diagram_labels_the_gates_and_the_cell_path():
    import matplotlib

    matplotlib.use("Agg")
    fig = gated.draw_lstm_cell()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for label in ("$f_t$", "$i_t$", "$g_t$", "$o_t$", "$c_{t-1}$", "$c_t$", "$h_{t-1}$", "$x_t$", "$h_t$"):
        assert label in texts, label
    assert fig.axes[0].get_title()
