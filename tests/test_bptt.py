"""Per-step losses, BPTT, the two gradient checks (central differences, tf.GradientTape), clipping, training."""

import numpy as np
import pytest
from oracles import tensorflow_gradients

from rnnlib import bptt
from rnnlib.rnn import RNNCell
from rnnlib.tasks import echo_task


def random_problem(seed, loss="mse"):
    """A random cell (float64, non-zero biases), a batch of sequences and targets of random shapes."""
    rng = np.random.default_rng(seed)
    batch, time, inputs, units = (int(v) for v in rng.integers(1, [4, 7, 4, 6]))
    outputs = int(rng.integers(1, 4)) if loss == "mse" else int(rng.integers(2, 5))
    cell = RNNCell(inputs, units, outputs, seed=seed, weight_scale=0.8)
    cell.b_h[:] = rng.normal(size=units) * 0.2
    cell.b_y[:] = rng.normal(size=outputs) * 0.2
    x = rng.normal(size=(batch, time, inputs))
    y = (
        rng.normal(size=(batch, time, outputs))
        if loss == "mse"
        else rng.integers(0, outputs, size=(batch, time))
    )
    return cell, x, y


# -- losses ---------------------------------------------------------------------------------------------


def test_mse_per_step_and_gradient():
    losses, d = bptt.mse_loss([[1.0, 3.0], [0.0, 0.0]], [[0.0, 1.0], [0.0, 2.0]])
    assert losses.tolist() == [2.5, 2.0]  # mean over the two outputs of each step
    assert d.tolist() == [[1.0, 2.0], [0.0, -2.0]]  # 2 (ŷ − y) / 2 outputs
    single, _ = bptt.mse_loss(np.ones((4, 1)), np.zeros(4))  # (time,) targets for one output
    assert single.tolist() == [1.0] * 4


def test_cross_entropy_matches_the_definition_and_is_stable():
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(size=(2, 5, 3)), rng.integers(0, 3, size=(2, 5))
    losses, d = bptt._cross_entropy_loss(logits, labels)
    p = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    assert np.allclose(losses, -np.log(np.take_along_axis(p, labels[..., None], -1)[..., 0]))
    assert np.allclose(d, p - np.eye(3)[labels])
    big, _ = bptt._cross_entropy_loss([[1000.0, 0.0]], [1])  # no overflow
    assert np.isfinite(big).all() and big[0] == pytest.approx(1000.0)


def test_total_loss_sums_over_time_and_averages_over_the_batch():
    assert bptt.total_loss([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]) == 3.0
    cell, x, y = random_problem(3)
    L, _, info = bptt.loss_and_gradients(cell, x, y)
    assert L == pytest.approx(info["losses"].sum(axis=1).mean())


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (
            lambda: bptt.mse_loss(np.zeros((3, 1)), np.zeros((4, 1))),
            ValueError,
            r"y must have the shape of y_hat",
        ),
        (
            lambda: bptt._cross_entropy_loss(np.zeros((3, 2)), [0, 1, 2]),
            ValueError,
            r"class indices in 0 … 1",
        ),
        (
            lambda: bptt._cross_entropy_loss(np.zeros((3, 2)), [0.5, 1, 0]),
            TypeError,
            r"integer class indices",
        ),
        (
            lambda: bptt._step_losses(np.zeros((3, 1)), np.zeros((3, 1)), "mae"),
            ValueError,
            r"loss must be one of",
        ),
        (
            lambda: bptt.loss_and_gradients({"W_xh": np.zeros((2, 1))}, np.zeros((3, 1)), np.zeros((3, 1))),
            ValueError,
            r"missing W_hh",
        ),
        (
            lambda: bptt.loss_and_gradients(RNNCell(2, 3, 1), np.zeros((4, 3)), np.zeros((4, 1))),
            ValueError,
            r"x must be .*got shape \(4, 3\)",
        ),
        (
            lambda: bptt.loss_and_gradients(
                RNNCell(1, 3, 1), np.zeros((4, 1)), np.zeros((4, 1)), h0=np.zeros(2)
            ),
            ValueError,
            r"h0 must be",
        ),
        (
            lambda: bptt.loss_and_gradients("weights", np.zeros((4, 1)), np.zeros((4, 1))),
            TypeError,
            r"params must be a dict",
        ),
        (lambda: bptt.clip_by_global_norm({"a": np.ones(2)}, 0.0), ValueError, r"max_norm must be > 0"),
    ],
)
def test_errors_name_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


# -- forward and BPTT -----------------------------------------------------------------------------------


def test_one_sequence_equals_a_batch_of_one():
    cell, x, y = random_problem(6)
    L1, g1, info1 = bptt.loss_and_gradients(cell, x[0], y[0])
    Lb, gb, infob = bptt.loss_and_gradients(cell, x[:1], y[:1])
    assert L1 == pytest.approx(Lb)
    assert all(np.allclose(g1[k], gb[k]) for k in bptt._PARAM_NAMES)
    assert np.allclose(info1["dh"], infob["dh"][0])


def test_dh_is_the_gradient_with_respect_to_every_hidden_state():
    """Perturb h_t itself (through h0 for t = 0 and through an extra input otherwise): dh must predict it."""
    cell, x, y = random_problem(8)
    _, grads, info = bptt.loss_and_gradients(cell, x[0], y[0])
    dh = info["dh"]
    assert dh.shape == (x.shape[1], cell.units)
    # ∂L/∂h_0 = W_hhᵀ · (1 − h_1²) ⊙ dh_1, compared with central differences on h0
    eps, h0 = 1e-6, np.zeros(cell.units)
    numerical = np.empty(cell.units)
    for j in range(cell.units):
        e = np.zeros(cell.units)
        e[j] = eps
        plus = bptt.loss_and_gradients(cell, x[0], y[0], h0=h0 + e)[0]
        minus = bptt.loss_and_gradients(cell, x[0], y[0], h0=h0 - e)[0]
        numerical[j] = (plus - minus) / (2 * eps)
    h1 = info["h"][0]
    assert np.allclose(cell.W_hh.T @ ((1 - h1**2) * dh[0]), numerical, atol=1e-8)
    # the last state only feeds its own output: dh_T = W_hyᵀ ∂L_T/∂ŷ_T
    _, d_y_hat = bptt.mse_loss(info["y_hat"], y[0])
    assert np.allclose(dh[-1], cell.W_hy.T @ d_y_hat[-1])


def test_gradients_are_sums_over_steps_for_a_known_case():
    """One unit, two steps, L = ŷ_1 + ŷ_2 by hand."""
    cell = RNNCell.from_params([[1.0]], [[0.5]], [[1.0]], [0.0], [0.0])
    x = np.array([[[1.0], [0.0]]])
    y_hat, h = cell.forward(x)
    grads, dh = bptt._backward(cell, x, h, np.ones_like(y_hat))
    h1, h2 = np.tanh(1.0), np.tanh(0.5 * np.tanh(1.0))
    assert grads["b_y"][0] == 2.0 and grads["W_hy"][0, 0] == pytest.approx(h1 + h2)
    dz2 = 1 - h2**2
    dz1 = (1 - h1**2) * (1 + 0.5 * dz2)
    assert grads["W_hh"][0, 0] == pytest.approx(dz2 * h1)  # h_0 = 0 contributes nothing
    assert grads["W_xh"][0, 0] == pytest.approx(dz1 * 1.0)
    assert grads["b_h"][0] == pytest.approx(dz1 + dz2)


# -- the two gradient checks, over random shapes ------------------------------------------------------


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
@pytest.mark.parametrize("seed", range(6))
def test_bptt_matches_central_differences(seed, loss):
    cell, x, y = random_problem(seed, loss)
    activation = "relu" if seed == 5 else "tanh"
    _, grads, _ = bptt.loss_and_gradients(cell, x, y, loss=loss, activation=activation)
    numerical = bptt.numerical_gradients(cell, x, y, loss=loss, activation=activation)
    errors = {k: bptt.relative_error(grads[k], numerical[k]) for k in numerical}
    assert set(errors) == set(bptt._PARAM_NAMES)
    assert max(errors.values()) < 1e-6, errors


def test_gradient_check_catches_a_broken_gradient():
    cell, x, y = random_problem(1)
    _, grads, _ = bptt.loss_and_gradients(cell, x, y)
    numerical = bptt.numerical_gradients(cell, x, y)
    clipped, norm = bptt.clip_by_global_norm(grads, 0.1 * bptt._global_norm(grads))
    assert (
        bptt.relative_error(clipped["W_hh"], numerical["W_hh"]) > 0.5
    )  # clipping inside would spoil the check
    assert bptt.relative_error(grads["W_hh"], numerical["W_hh"]) < 1e-6


@pytest.mark.slow
def test_bptt_matches_tensorflow_gradient_tape():
    worst = 0.0
    for seed in range(5):
        for loss in ("mse", "cross_entropy"):
            cell, x, y = random_problem(10 + seed, loss)
            activation = "relu" if seed == 4 else "tanh"
            h0 = np.random.default_rng(seed).normal(size=cell.units) * 0.3 if seed == 3 else None
            L, grads, _ = bptt.loss_and_gradients(cell, x, y, loss=loss, activation=activation, h0=h0)
            L_tf, grads_tf = tensorflow_gradients(cell, x, y, loss=loss, activation=activation, h0=h0)
            assert L == pytest.approx(L_tf, rel=1e-12)
            worst = max([worst] + [bptt.relative_error(grads[k], grads_tf[k]) for k in bptt._PARAM_NAMES])
    assert worst < 1e-8


# -- clipping, Adam, training -----------------------------------------------------------------------------


def test_clipping_keeps_direction_and_caps_length():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    clipped, norm = bptt.clip_by_global_norm(grads, 1.0)
    assert norm == 5.0 and bptt._global_norm(clipped) == pytest.approx(1.0)
    assert np.allclose(clipped["a"] / clipped["b"][0, 0], grads["a"] / grads["b"][0, 0])
    same, _ = bptt.clip_by_global_norm(grads, 10.0)
    assert all(np.array_equal(same[k], grads[k]) for k in grads)
    assert grads["a"][0] == 3.0  # the input is not modified


def test_adam_first_step_moves_by_the_learning_rate():
    p = {"w": np.array([1.0, -1.0])}
    bptt.Adam(p, learning_rate=0.1).step({"w": np.array([5.0, -0.01])})
    assert np.allclose(p["w"], [0.9, -0.9], atol=1e-3)  # Keras-style epsilon: tiny gradients a bit less


def test_training_learns_the_echo_task_and_beats_the_baseline():
    x, y = echo_task(128, 10, lag=2, seed=1, values="uniform")
    x_val, y_val = echo_task(64, 10, lag=2, seed=2, values="uniform")
    cell = RNNCell(1, 12, 1, seed=0)
    before = {k: v.copy() for k, v in cell.params.items()}
    params, history = bptt.train(
        cell,
        x,
        y,
        x_val=x_val,
        y_val=y_val,
        epochs=25,
        batch_size=32,
        learning_rate=0.01,
        max_norm=1.0,
        seed=0,
    )
    assert all(np.array_equal(before[k], cell.params[k]) for k in before), "train() leaves its input alone"
    assert len(history["loss"]) == len(history["val_loss"]) == 25
    baseline = bptt.total_loss(np.mean(y_val**2, axis=-1))  # predict 0 everywhere
    assert history["val_loss"][-1] < 0.1 * baseline
    again, history2 = bptt.train(cell, x, y, epochs=2, seed=0)
    _, history3 = bptt.train(cell, x, y, epochs=2, seed=0)
    assert history2["loss"] == history3["loss"], "seeded: the same run twice gives the same numbers"


def test_training_with_clipping_survives_an_exploding_start():
    x, y = echo_task(64, 20, lag=1, seed=3, values="uniform")
    cell = RNNCell(1, 8, 1, seed=1)
    cell.W_hh *= 3.0  # spectral radius 3
    _, history = bptt.train(cell, x, y, epochs=5, max_norm=1.0, learning_rate=0.01)
    assert np.isfinite(history["loss"]).all()
    assert max(history["grad_norm"]) > 1.0  # the raw norms were large; the steps were capped


def test_figures_have_titles_and_labels():
    fig = bptt.plot_step_losses([0.2, 0.1, 0.4])
    assert fig._suptitle.get_text() and all(ax.get_xlabel() and ax.get_ylabel() for ax in fig.axes)
    fig = bptt.plot_loss_curves({"numpy": [1.0, 0.1], "Keras": [1.0, 0.2]}, baseline=0.5, ylabel="MSE")
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_ylabel() == "MSE" and len(ax.get_legend().get_texts()) == 3


def test_clipping_tames_plain_sgd_from_an_exploding_start():
    """The lesson's experiment, three of its seeds: W_hh at spectral radius 1.5, plain SGD, T = 50."""
    x, y = echo_task(256, 50, lag=3, seed=3, values="uniform")
    outcomes = {}
    for clip in (None, 100.0):
        for seed in (0, 1, 2):
            start = RNNCell(1, 16, 1, seed=seed)
            start.W_hh *= 1.5
            _, outcomes[clip, seed] = bptt.train(
                start,
                x,
                y,
                epochs=3,
                batch_size=16,
                learning_rate=0.01,
                optimizer="sgd",
                max_norm=clip,
                seed=seed,
            )
    raw = [outcomes[None, s] for s in (0, 1, 2)]
    clipped = [outcomes[100.0, s] for s in (0, 1, 2)]
    assert sum(h["diverged"] for h in raw) >= 2 and not any(h["diverged"] for h in clipped)
    for h_raw, h_clipped in zip(raw, clipped, strict=True):
        assert h_raw["step_norm"][0] == h_clipped["step_norm"][0]  # same weights, same first batch
    diverged = next(h for h in raw if h["diverged"])
    assert len(diverged["step_norm"]) > 5  # not at the first update: a runaway over several steps
    assert max(diverged["step_norm"][-3:]) > 1e3 * diverged["step_norm"][0]


def test_train_logs_every_step():
    x, y = echo_task(40, 8, lag=1, seed=0, values="uniform")
    _, history = bptt.train(RNNCell(1, 4, 1, seed=0), x, y, epochs=3, batch_size=16, seed=1)
    assert (
        len(history["step_norm"]) == len(history["step_loss"]) == 3 * 3
    )  # 40 sequences: 3 batches per epoch
    assert max(history["step_norm"][:3]) == history["grad_norm"][0]


def test_a_carried_state_is_a_constant_for_the_chunk():
    """Truncated BPTT: with h0 given, the gradients are those of the chunk alone, h0 held fixed."""
    cell, x, y = random_problem(4)
    h0 = np.random.default_rng(4).uniform(-0.5, 0.5, size=(x.shape[0], cell.units))
    _, grads, _ = bptt.loss_and_gradients(cell, x, y, h0=h0)
    numerical = bptt.numerical_gradients(cell, x, y, h0=h0)
    assert max(bptt.relative_error(grads[k], numerical[k]) for k in grads) < 1e-6
    _, from_zero, _ = bptt.loss_and_gradients(cell, x, y)
    assert not np.allclose(grads["W_hh"], from_zero["W_hh"])  # the carried state does change the chunk


def test_adam_in_place_is_the_textbook_update():
    rng = np.random.default_rng(0)
    p = {"w": rng.normal(size=3)}
    w, m, v = p["w"].copy(), np.zeros(3), np.zeros(3)
    opt = bptt.Adam(p, learning_rate=0.1)
    for t in range(1, 4):
        g = rng.normal(size=3)
        opt.step({"w": g})
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w = w - 0.1 * np.sqrt(1 - 0.999**t) / (1 - 0.9**t) * m / (np.sqrt(v) + 1e-7)
    assert np.allclose(p["w"], w, rtol=1e-12)


def test_gradient_check_and_chunk_figures():
    errors = {"W_xh": 1e-10, "b_y": 3e-11}
    fig = bptt.plot_gradient_checks(
        errors, {"W_xh": 1e-16, "b_y": 0.0}, [1e-2, 1e-5, 1e-8], [1e-6, 1e-11, 1e-8]
    )
    left, right = fig.axes
    assert (
        left.get_yscale() == "log" and right.get_xscale() == "log" and left.get_title() and right.get_title()
    )
    assert right.get_xlabel() and left.get_ylabel() and left.get_legend() is not None
    with pytest.raises(ValueError, match="the same parameters"):
        bptt.plot_gradient_checks(errors, {"W_xh": 1e-16}, [1e-2], [1e-6])
    fig = bptt.plot_chunk_lengths(
        {(4, 0): 0.3, (4, 1): 0.32, (16, 0): 0.01, (16, 1): 0.02}, lag=8, baseline=0.33
    )
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_title() and ax.get_ylabel()
    assert list(ax.get_xticks()) == [4, 16]
    assert np.allclose(ax.get_lines()[-3].get_ydata(), [0.31, 0.015])  # the medians
    with pytest.raises(TypeError, match="errors must be"):
        bptt.plot_chunk_lengths([], lag=8, baseline=0.3)


def test_targets_are_checked_once_with_a_clear_message():
    cell = RNNCell(1, 3, 1)
    with pytest.raises(ValueError, match=r"y must have the shape of ŷ"):
        bptt.loss_and_gradients(cell, np.zeros((2, 5, 1)), np.zeros((2, 4, 1)))
    with pytest.raises(ValueError, match=r"class indices in 0 … 0"):
        bptt.loss_and_gradients(cell, np.zeros((2, 5, 1)), np.ones((2, 5), int), loss="cross_entropy")
