"""rnnlib.tf_cells: the design document's stateful MyRNNCell (and its trap) and the explicit-state cell."""

import numpy as np
import pytest
from oracles import keras_rnn_model

import rnnlib  # noqa: F401  (quiets TensorFlow before it is imported)
from rnnlib.rnn import RNNCell
from rnnlib.tf_cells import ExplicitRNNCell, MyRNNCell


def numpy_twin(layer):
    """The numpy cell with MyRNNCell's weights (it has no biases)."""
    W_xh, W_hh, W_hy = (np.asarray(w, dtype=np.float64) for w in (layer.W_xh, layer.W_hh, layer.W_hy))
    return RNNCell.from_params(W_xh, W_hh, W_hy, np.zeros(W_hh.shape[0]), np.zeros(W_hy.shape[0]))


def run_columns(layer, sequence):
    """Feed a (time, features) sequence to MyRNNCell one column at a time; return the states (time, units)."""
    return np.stack([np.asarray(layer(x_t[:, None].astype("float32"))[1])[:, 0] for x_t in sequence])


def test_my_rnn_cell_builds_under_keras3_with_the_design_shapes():
    layer = MyRNNCell(rnn_units=4, input_dim=3, output_dim=2)
    assert [tuple(w.shape) for w in layer.weights] == [(4, 3), (4, 4), (2, 4)]
    assert [w.name for w in layer.weights] == ["W_xh", "W_hh", "W_hy"]
    assert layer.count_params() == 4 * 3 + 4 * 4 + 2 * 4
    out, h = layer(np.ones((3, 1), "float32"))
    assert tuple(out.shape) == (2, 1) and tuple(h.shape) == (4, 1)


def test_my_rnn_cell_computes_the_design_equation():
    layer = MyRNNCell(rnn_units=3, input_dim=2, output_dim=1)
    rng = np.random.default_rng(0)
    seq = rng.normal(size=(5, 2))
    _, h_np = numpy_twin(layer).forward(seq)
    assert np.abs(run_columns(layer, seq) - h_np).max() < 1e-5


def test_the_stored_state_leaks_from_one_sequence_into_the_next():
    layer = MyRNNCell(rnn_units=3, input_dim=2, output_dim=1)
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    twin = numpy_twin(layer)
    run_columns(layer, a)
    h_b = run_columns(layer, b)  # b starts from a's final state, not from h_0 = 0
    assert np.abs(h_b - twin.forward(b)[1]).max() > 1e-3
    assert np.abs(h_b - twin.forward(b, h0=twin.forward(a)[1][-1])[1]).max() < 1e-5
    layer.reset_state()
    assert np.abs(run_columns(layer, b) - twin.forward(b)[1]).max() < 1e-5


def test_explicit_cell_keeps_nothing_between_calls():
    cell = RNNCell(2, 3, 1, seed=0, dtype=np.float32)
    layer = ExplicitRNNCell.from_numpy(cell)
    x = np.random.default_rng(2).normal(size=(2, 6, 2)).astype("float32")
    first = layer.unroll(x)
    second = layer.unroll(x)
    assert all(np.array_equal(p, q) for p, q in zip(first, second, strict=True))
    y_np, h_np = cell.forward(x)
    assert np.abs(first[0] - y_np).max() < 1e-5 and np.abs(first[1] - h_np).max() < 1e-5
    h0 = np.full((2, 3), 0.5, "float32")
    assert np.abs(layer.unroll(x, h0=h0)[1] - cell.forward(x, h0=h0)[1]).max() < 1e-5


def test_explicit_cell_weights_and_dtype():
    layer = ExplicitRNNCell(units=4, input_dim=3, output_dim=2)
    assert [tuple(w.shape) for w in layer.weights] == [(4, 3), (4, 4), (2, 4), (4,), (2,)]
    assert ExplicitRNNCell.from_numpy(RNNCell(3, 4, 2)).compute_dtype == "float64"
    assert ExplicitRNNCell.from_numpy(RNNCell(3, 4, 2, dtype=np.float32)).compute_dtype == "float32"


def test_errors():
    with pytest.raises(TypeError, match="cell must be an rnnlib.rnn.RNNCell"):
        ExplicitRNNCell.from_numpy("cell")
    with pytest.raises(ValueError, match="cell.activation must be 'tanh'"):
        ExplicitRNNCell.from_numpy(RNNCell(1, 2, 1, activation="relu"))
    layer = ExplicitRNNCell(units=4, input_dim=3, output_dim=2)
    with pytest.raises(
        ValueError, match=r"x must be \(batch, time, features\) = \(\?, \?, 3\); got shape \(5, 3\)"
    ):
        layer.unroll(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"h0 must be \(batch, units\) = \(2, 4\)"):
        layer.unroll(np.ones((2, 5, 3)), h0=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="rnn_units must be ≥ 1"):
        MyRNNCell(0, 1, 1)


def test_keras_model_with_masking_skips_padding():
    cell = RNNCell(2, 3, 1, seed=0, dtype=np.float32)
    model = keras_rnn_model(cell, mask_value=0.0)
    rng = np.random.default_rng(3)
    seq = rng.normal(size=(4, 2)).astype("float32")
    padded = np.zeros((1, 7, 2), "float32")
    padded[0, :4] = seq
    _, h = model(padded)
    assert np.abs(np.asarray(h)[0, -1] - cell.forward(seq)[1][-1]).max() < 1e-5
