"""rnnlib.rnn: the numpy cell, the Keras-layout conversion, shape errors, and the equivalence sweep
(numpy unroll = explicit-state TF cell = keras SimpleRNN(return_sequences=True) + Dense)."""

import numpy as np
import pytest

from rnnlib.rnn import RNNCell, to_keras


def small_cell(**kwargs):
    return RNNCell.from_params(
        W_xh=[[0.5], [-1.0]],
        W_hh=[[0.1, 0.2], [0.3, -0.4]],
        W_hy=[[1.0, 2.0]],
        b_h=[0.0, 0.1],
        b_y=[0.5],
        **kwargs,
    )


# -- the cell ------------------------------------------------------------------------------------------------
def test_shapes_params_and_count():
    cell = RNNCell(input_size=3, units=5, output_size=2, seed=0)
    assert (cell.input_size, cell.units, cell.output_size) == (3, 5, 2)
    shapes = {k: v.shape for k, v in cell.params.items()}
    assert shapes == {"W_xh": (5, 3), "W_hh": (5, 5), "W_hy": (2, 5), "b_h": (5,), "b_y": (2,)}
    assert cell.params["W_hh"] is cell.W_hh  # the arrays themselves, not copies
    assert cell.parameter_count() == 5 * 3 + 5 * 5 + 5 + 2 * 5 + 2
    assert cell.dtype is np.float64 and cell.activation == "tanh"


def test_seeded_initialisation():
    a, b, c = RNNCell(3, 4, 2, seed=1), RNNCell(3, 4, 2, seed=1), RNNCell(3, 4, 2, seed=2)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.W_xh, c.W_xh)
    assert np.allclose(a.W_hh @ a.W_hh.T, np.eye(4))  # orthogonal recurrent weights by default, like Keras
    assert not a.b_h.any() and not a.b_y.any()
    scaled = RNNCell(2, 200, 1, seed=0, weight_scale=0.5)
    assert abs(scaled.W_hh.std() - 0.5) < 0.02


def test_step_is_the_column_vector_formula():
    cell = small_cell()
    x_1, h_0 = np.array([2.0]), np.zeros(2)
    y_1, h_1 = cell.step(x_1, h_0)
    want_h = np.tanh(cell.W_hh @ h_0 + cell.W_xh @ x_1 + cell.b_h)
    assert np.allclose(h_1, want_h) and np.allclose(y_1, cell.W_hy @ want_h + cell.b_y)
    y_2, h_2 = cell.step([-1.0], h_1)
    assert np.allclose(h_2, np.tanh(cell.W_hh @ h_1 + cell.W_xh @ [-1.0] + cell.b_h))
    assert np.allclose(cell.step(x_1)[1], h_1)  # h_prev defaults to zeros


def test_step_on_a_batch_matches_each_row():
    cell = RNNCell(3, 4, 2, seed=3)
    rng = np.random.default_rng(0)
    x, h = rng.normal(size=(5, 3)), rng.normal(size=(5, 4))
    y_b, h_b = cell.step(x, h)
    for i in range(5):
        y_i, h_i = cell.step(x[i], h[i])
        assert np.allclose(y_b[i], y_i) and np.allclose(h_b[i], h_i)


def test_forward_is_repeated_steps_and_batches_are_independent():
    cell = RNNCell(2, 3, 1, seed=4)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, 6, 2))
    y_hat, h = cell.forward(x)
    assert y_hat.shape == (4, 6, 1) and h.shape == (4, 6, 3)
    for b in range(4):
        y_one, h_one = cell.forward(x[b])  # one sequence (time, features)
        assert y_one.shape == (6, 1) and np.allclose(h_one, h[b]) and np.allclose(y_one, y_hat[b])
        h_t = np.zeros(3)
        for t in range(6):
            _, h_t = cell.step(x[b, t], h_t)
            assert np.allclose(h_t, h[b, t])


def test_forward_with_initial_state():
    cell = RNNCell(1, 2, 1, seed=0)
    x = np.ones((3, 5, 1))
    h0 = np.array([[0.5, -0.5], [0.0, 0.0], [1.0, 1.0]])
    _, h = cell.forward(x, h0=h0)
    assert np.allclose(h[1], cell.forward(x[1])[1])
    assert np.allclose(h[0, 0], np.tanh(cell.W_hh @ h0[0] + cell.W_xh @ x[0, 0]))
    _, h_shared = cell.forward(x, h0=[0.5, -0.5])  # one (units,) state shared by every sequence
    assert np.allclose(h_shared[0], h[0]) and np.allclose(h_shared[2], h[0])


def test_relu_activation():
    cell = small_cell(activation="relu")
    _, h = cell.forward([[2.0], [3.0]])
    assert (h >= 0).all()
    assert np.allclose(h[0], np.maximum(cell.W_xh @ [2.0] + cell.b_h, 0))


def test_float32_cell_computes_in_float32():
    cell = RNNCell(2, 3, 1, dtype=np.float32)
    y_hat, h = cell.forward(np.ones((2, 4, 2)))
    assert cell.W_hh.dtype == np.float32 and y_hat.dtype == np.float32 and h.dtype == np.float32


def test_copy_is_independent():
    cell = RNNCell(2, 3, 1, seed=0)
    twin = cell.copy()
    twin.W_hh[0, 0] += 1.0
    assert cell.W_hh[0, 0] != twin.W_hh[0, 0]
    assert twin.activation == cell.activation


def test_from_params_copies_and_infers_dtype():
    W = np.eye(2)
    cell = RNNCell.from_params(np.ones((2, 1)), W, np.ones((1, 2)), np.zeros(2), np.zeros(1))
    W[0, 0] = 5.0
    assert cell.W_hh[0, 0] == 1.0 and cell.dtype is np.float64
    f32 = [
        np.ones((2, 1), "f4"),
        np.eye(2, dtype="f4"),
        np.ones((1, 2), "f4"),
        np.zeros(2, "f4"),
        np.zeros(1, "f4"),
    ]
    assert RNNCell.from_params(*f32).dtype is np.float32


# -- errors --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "x, message",
    [
        (np.ones((2, 5, 4)), r"x must be \(batch, time, features\) = \(\?, \?, 3\); got shape \(2, 5, 4\)"),
        (np.ones((5, 4)), r"x must be \(time, features\) = \(\?, 3\); got shape \(5, 4\)"),
        (np.ones(5), r"x must be .*\(batch, time, features\) = \(\?, \?, 3\); got shape \(5,\)"),
        (np.ones((1, 2, 3, 3)), r"x must be .*; got shape \(1, 2, 3, 3\)"),
    ],
)
def test_forward_shape_errors_name_the_argument(x, message):
    with pytest.raises(ValueError, match=message):
        RNNCell(3, 4, 2).forward(x)


def test_other_errors():
    cell = RNNCell(3, 4, 2)
    with pytest.raises(TypeError, match="x must be an array"):
        cell.forward("abc")
    with pytest.raises(ValueError, match="x must contain only finite"):
        cell.forward(np.full((2, 3), np.nan))
    with pytest.raises(ValueError, match=r"h0 must be \(units,\) = \(4,\)"):
        cell.forward(np.ones((2, 5, 3)), h0=np.zeros(3))
    with pytest.raises(ValueError, match=r"h0 must have one row per sequence, \(2, 4\)"):
        cell.forward(np.ones((2, 5, 3)), h0=np.zeros((3, 4)))
    with pytest.raises(ValueError, match=r"x_t must be \(features,\) = \(3,\); got shape \(2,\)"):
        cell.step(np.ones(2), np.zeros(4))
    with pytest.raises(ValueError, match=r"x_t must be \(batch, features\) = \(\?, 3\)"):
        cell.step(np.ones((5, 2)))
    with pytest.raises(ValueError, match=r"h_prev must be \(units,\) = \(4,\)"):
        cell.step(np.ones(3), np.zeros(5))
    with pytest.raises(ValueError, match="activation must be one of 'tanh', 'relu'; got 'sigmoid'"):
        RNNCell(3, 4, 2, activation="sigmoid")
    with pytest.raises(ValueError, match="units must be ≥ 1; got 0"):
        RNNCell(3, 0, 2)
    with pytest.raises(TypeError, match="input_size must be an integer"):
        RNNCell(2.5, 4, 2)
    with pytest.raises(ValueError, match="dtype must be np.float32 or np.float64; got int64"):
        RNNCell(3, 4, 2, dtype=np.int64)


def test_from_params_shape_errors():
    ok = {
        "W_xh": np.ones((2, 3)),
        "W_hh": np.eye(2),
        "W_hy": np.ones((1, 2)),
        "b_h": np.zeros(2),
        "b_y": np.zeros(1),
    }
    for name, bad, message in [
        ("W_hh", np.ones((2, 3)), r"W_hh must be square"),
        ("W_xh", np.ones((3, 3)), r"W_xh must be \(units, input\) = \(2, \?\); got shape \(3, 3\)"),
        ("W_hy", np.ones((1, 3)), r"W_hy must be \(output, units\) = \(\?, 2\); got shape \(1, 3\)"),
        ("b_h", np.zeros(3), r"b_h must be \(units,\) = \(2,\); got shape \(3,\)"),
        ("b_y", np.zeros(2), r"b_y must be \(output,\) = \(1,\); got shape \(2,\)"),
    ]:
        with pytest.raises(ValueError, match=message):
            RNNCell.from_params(**{**ok, name: bad})


# -- the Keras layout ----------------------------------------------------------------------------------------
def test_to_keras_transposes_and_copies():
    cell = RNNCell(3, 4, 2, seed=5)
    cell.b_h[:] = [0.1, 0.2, 0.3, 0.4]
    cell.b_y[:] = [-1.0, 1.0]
    rnn_w, dense_w = to_keras(cell)
    assert [w.shape for w in rnn_w] == [(3, 4), (4, 4), (4,)] and [w.shape for w in dense_w] == [(4, 2), (2,)]
    assert np.array_equal(rnn_w[0], cell.W_xh.T) and np.array_equal(rnn_w[1], cell.W_hh.T)
    assert np.array_equal(dense_w[0], cell.W_hy.T) and np.array_equal(dense_w[1], cell.b_y)
    rnn_w[0][0, 0] = 99.0  # copies: editing them leaves the cell alone
    assert cell.W_xh[0, 0] != 99.0


def test_to_keras_errors():
    with pytest.raises(TypeError, match="cell must be an RNNCell"):
        to_keras("cell")


# -- the equivalence sweep -----------------------------------------------------------------------------------
def sweep_shapes(n, seed):
    """n random (batch, time, input, units, output) in the issue's ranges, plus the two extreme corners."""
    rng = np.random.default_rng(seed)
    shapes = [(1, 1, 1, 1, 1), (8, 50, 10, 64, 3)]
    while len(shapes) < n:
        shapes.append(
            tuple(
                int(v)
                for v in (rng.integers(1, 9), rng.integers(1, 51), rng.integers(1, 11), rng.integers(1, 65))
            )
            + (int(rng.integers(1, 4)),)
        )
    return shapes


def max_differences(dtype, n_shapes, seed):
    """Largest |difference| between the numpy unroll and SimpleRNN + Dense holding the same weights."""
    from oracles import keras_rnn_model

    rng = np.random.default_rng(seed)
    worst = 0.0
    for i, (batch, time, features, units, output) in enumerate(sweep_shapes(n_shapes, seed)):
        # alternate Keras-like initial weights with larger Gaussian ones (gain 1.2: std 1.2/sqrt(units)) that
        # push tanh further into saturation. Larger recurrent gains approach chaotic dynamics, where rounding
        # differences grow exponentially with time and no two implementations agree (float32 after 50 steps:
        # gain 1.3 ~5e-6, gain 3 ~5e-3); that is a property of the dynamics, not of the implementations.
        scale = None if i % 2 else 1.2 / np.sqrt(units)
        cell = RNNCell(features, units, output, seed=i, dtype=dtype, weight_scale=scale)
        cell.b_h[:] = rng.normal(0, 0.3, units)
        cell.b_y[:] = rng.normal(0, 0.3, output)
        x = rng.normal(size=(batch, time, features)).astype(dtype)
        y_np, h_np = cell.forward(x)
        y_k, h_k = (a.numpy() for a in keras_rnn_model(cell)(x))
        assert y_k.dtype == y_np.dtype == dtype
        assert h_k.shape == h_np.shape and y_k.shape == y_np.shape == (batch, time, output)
        for a, b in [(h_np, h_k), (y_np, y_k)]:
            worst = max(worst, float(np.abs(a - b).max()))
    return worst


@pytest.mark.parametrize("dtype, tolerance", [(np.float32, 1e-5), (np.float64, 1e-10)])
def test_numpy_and_keras_agree_over_random_shapes(dtype, tolerance):
    assert max_differences(dtype, n_shapes=30, seed=2024) < tolerance


def test_numpy_modules_do_not_import_tensorflow_or_pyplot():
    import subprocess
    import sys

    code = (
        "import sys, rnnlib.rnn, rnnlib.tasks, rnnlib.checks.lesson02, rnnlib.checks.lesson03; "
        "bad = [m for m in ('tensorflow', 'keras', 'matplotlib.pyplot') if m in sys.modules]; print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_keras_model_with_masking_skips_padding():
    from oracles import keras_rnn_model

    cell = RNNCell(2, 3, 1, seed=0, dtype=np.float32)
    model = keras_rnn_model(cell, mask_value=0.0)
    seq = np.random.default_rng(3).normal(size=(4, 2)).astype("float32")
    padded = np.zeros((1, 7, 2), "float32")
    padded[0, :4] = seq
    _, h = model(padded)
    assert np.abs(np.asarray(h)[0, -1] - cell.forward(seq)[1][-1]).max() < 1e-5
