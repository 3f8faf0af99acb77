"""Vanishing/exploding gradient measurement and the gradient explorer's render function."""

import numpy as np
import pytest

from rnnlib import gradients as g
from rnnlib.rnn import RNNCell


def test_norms_start_at_one_and_follow_the_radius_in_the_linear_regime():
    for radius in (0.5, 0.9, 1.0, 1.1):
        norms = g.gradient_norms(radius, length=21)
        assert norms.shape == (21,) and norms[0] == pytest.approx(1.0)
        assert norms[20] == pytest.approx(radius**20, rel=0.1)  # small inputs: tanh' ≈ 1


def test_vanishing_below_one_exploding_above():
    n09, n11 = g.gradient_norms(0.9, 30), g.gradient_norms(1.1, 30)
    assert np.all(np.diff(g.gradient_norms(0.5, 30)) < 0)
    assert n09[20] < 0.2 < 5 < n11[20]
    assert n09[20] / n11[20] == pytest.approx((0.9 / 1.1) ** 20, rel=0.1)
    assert g.gradient_norms(1.5, 30)[-1] > 100


def test_saturation_makes_gradients_vanish_faster():
    assert g.gradient_norms(0.9, 30, input_scale=1.0)[20] < 0.5 * g.gradient_norms(0.9, 30)[20]


def test_measurement_is_deterministic():
    assert np.array_equal(g.gradient_norms(1.1, 15, seed=2), g.gradient_norms(1.1, 15, seed=2))


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: g.gradient_norms(-1.0), ValueError, "radius must be ≥ 0"),
        (lambda: g.gradient_norms(1.0, length=0), ValueError, "length must be ≥ 1"),
        (lambda: g.gradient_norms(1.0, length=2.5), TypeError, "length must be an integer"),
        (
            lambda: g.last_step_gradients("cell", np.zeros((1, 3, 1))),
            TypeError,
            "cell must be an rnnlib RNNCell",
        ),
        (
            lambda: g.last_step_gradients(RNNCell(1, 2, 1, activation="relu"), np.zeros((1, 3, 1))),
            ValueError,
            "cell must use tanh",
        ),
        (lambda: g.last_step_gradients(RNNCell(2, 2, 1), np.zeros((1, 3, 1))), ValueError, r"x must be"),
        (lambda: g.last_step_gradients(RNNCell(1, 2, 1), np.zeros((3, 1))), ValueError, r"x must be"),
        (lambda: g.plot_trained_gradients(np.ones((2, 3)), rho=1.0, sigma_max=0.5), ValueError, "sigma_max"),
        (lambda: g.plot_clipping_runs({}, 1.0), TypeError, "runs must be"),
        (lambda: g.GradientView(length=5), ValueError, "length must be ≥ 11"),
        (lambda: g.GradientView(length=12).update(radius="big"), TypeError, "radius must be a number"),
        (lambda: g.GradientView(length=12).update(input_scale=-1.0), ValueError, "input_scale must be ≥ 0"),
    ],
)
def test_errors_name_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_last_step_gradients_measures_a_batch_and_its_slopes():
    cell = RNNCell(1, 8, 1, seed=1)
    x = np.random.default_rng(0).uniform(-1, 1, size=(4, 12, 1))
    norms, slopes = g.last_step_gradients(cell, x)
    assert norms.shape == slopes.shape == (4, 12)
    assert np.allclose(norms[:, 0], 1.0) and np.all((slopes > 0) & (slopes <= 1))
    _, h = cell.forward(x)
    assert np.allclose(slopes[:, 0], (1 - h[:, -1] ** 2).mean(axis=-1))  # k = 0 is the last step
    one = g.last_step_gradients(cell, x[1:2])[0]
    assert np.allclose(one[0], norms[1])  # every sequence on its own


def test_the_singular_value_bound_holds_and_rho_sets_the_long_run():
    rng = np.random.default_rng(3)
    cell = RNNCell(1, 6, 1, seed=3)
    cell.W_hh[:] = rng.normal(size=(6, 6)) * 0.45  # a non-normal matrix: ρ < σ_max
    rho = np.max(np.abs(np.linalg.eigvals(cell.W_hh)))
    sigma = np.linalg.norm(cell.W_hh, 2)
    assert rho < sigma
    norms, _ = g.last_step_gradients(cell, rng.uniform(-1, 1, size=(16, 40, 1)))
    assert np.all(norms <= sigma ** np.arange(40) * (1 + 1e-9))
    tiny, _ = g.last_step_gradients(cell, rng.uniform(-1e-4, 1e-4, size=(1, 80, 1)))  # linear regime
    rate = (tiny[0, 79] / tiny[0, 40]) ** (1 / 39)
    assert rate == pytest.approx(rho, rel=0.05)


def test_plot_gradient_norms_draws_rho_to_the_k_beside_every_curve():
    fig = g.plot_gradient_norms((0.9, 1.5), length=12, input_scale=1.0)
    (ax,) = fig.axes
    assert ax.get_yscale() == "log" and ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    lines = ax.get_lines()
    assert np.allclose(lines[0].get_ydata(), g.gradient_norms(0.9, 12, input_scale=1.0))
    assert np.allclose(lines[1].get_ydata(), 0.9 ** np.arange(12))
    assert ax.get_legend() is not None


def test_plot_gradient_norms_and_trained_gradients_draw_on_a_given_axes():
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2)
    assert g.plot_gradient_norms((0.9,), length=5, ax=left) is fig
    assert g.plot_trained_gradients(np.full((2, 5), 0.5) ** np.arange(5), 0.5, 0.8, ax=right) is fig
    assert len(left.get_lines()) == 3 and len(right.get_lines()) == 3
    with pytest.raises(TypeError, match="ax"):
        g.plot_gradient_norms((0.9,), length=5, ax="left")
    plt.close(fig)


def test_plot_trained_gradients_shows_the_band_and_both_lines():
    norms = np.vstack([0.8 ** np.arange(10), 0.9 ** np.arange(10), 0.7 ** np.arange(10)])
    fig = g.plot_trained_gradients(norms, rho=0.8, sigma_max=1.2)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_title() and ax.get_legend() is not None
    assert np.allclose(ax.get_lines()[0].get_ydata(), np.median(norms, axis=0))
    assert np.allclose(ax.get_lines()[1].get_ydata(), 1.2 ** np.arange(10))


def test_plot_clipping_runs_marks_the_diverged_runs():
    runs = {
        (0.9, None, 0): {"step_norm": [50.0, 20.0, 10.0], "diverged": False},
        (1.5, None, 0): {"step_norm": [200.0, 1e5, float("inf")], "diverged": True},
        (1.5, 100.0, 0): {"step_norm": [200.0, 90.0, 30.0], "diverged": False},
    }
    fig = g.plot_clipping_runs(runs, 100.0)
    left, right = fig.axes
    crosses = [line for line in left.get_lines() if line.get_marker() == "x" and len(line.get_xdata())]
    assert len(crosses) == 1 and crosses[0].get_ydata()[0] == 1e5  # the last finite norm of the diverged run
    assert any(np.allclose(line.get_ydata(), 100.0) for line in right.get_lines())  # the threshold
    assert left.get_yscale() == right.get_yscale() == "log"


def test_gradient_view_follows_the_bound_for_small_inputs_and_bends_when_tanh_saturates():
    view = g.GradientView(length=30)
    fig, straight = view(radius=0.9, input_scale=0.001)
    assert straight["oldest"] == pytest.approx(straight["theory"], rel=0.01)
    ydata = view.measured.get_ydata()
    assert np.allclose(ydata, g.gradient_norms(0.9, 30, input_scale=0.001))
    _, bent = view(radius=1.3, input_scale=0.05)
    assert bent["oldest"] < 0.05 * bent["theory"] and bent["slope_last"] < 0.9
    assert set(bent) == {"radius", "input_scale", "oldest", "theory", "slope_last", "slope_first"}
    assert bent["slope_first"] > 0.99  # far from the end the states are still small
    low, high = fig.axes[0].get_ylim()
    for radius in (0.6, 1.4):  # the bound stays on the axes over the slider's range
        assert low <= radius**29 <= high


def test_gradient_view_in_an_explorer_updates_in_place():
    import ipywidgets

    from rnnlib.ui import explorer

    view = g.GradientView(length=20)
    slider = ipywidgets.FloatSlider(value=1.0, min=0.6, max=1.4, step=0.05)
    box = explorer(
        view, {"radius": slider, "input_scale": ipywidgets.FloatLogSlider(value=0.01, min=-3, max=0)}
    )
    before = (box.readout.value, box.image.value)
    slider.value = 1.2
    assert box.readout.value != before[0] and box.image.value != before[1]
    assert "radius = 1.2" in box.readout.value
