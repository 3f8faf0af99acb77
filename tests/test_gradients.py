"""Vanishing/exploding gradient measurement and the gradient explorer's render function."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from rnnlib import gradients as g


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
        (lambda: g.render(radius="big"), TypeError, "radius must be a number"),
    ],
)
def test_errors_name_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_render_returns_a_titled_log_figure_and_the_numbers_it_shows():
    fig, info = g.render(radius=1.1, length=21)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and ax.get_yscale() == "log"
    assert set(info) == {"radius", "length", "oldest", "per_step", "theory"}
    assert info["radius"] == 1.1 and info["length"] == 21
    assert info["oldest"] == pytest.approx(g.gradient_norms(1.1, 21)[-1])
    assert info["theory"] == pytest.approx(1.1**20)
    assert info["per_step"] == pytest.approx(info["oldest"] ** (1 / 20))
    line = ax.get_lines()[0]
    assert np.allclose(line.get_ydata(), g.gradient_norms(1.1, 21))


def test_render_changes_with_the_controls():
    _, a = g.render(radius=0.9, length=30)
    fig_b, b = g.render(radius=1.1, length=30)
    fig_c, c = g.render(radius=1.1, length=50)
    assert a["oldest"] < 1 < b["oldest"] < c["oldest"]
    assert len(fig_c.axes[0].get_lines()[0].get_xdata()) == 50
    assert fig_b.axes[0].get_title() != g.render(radius=0.9, length=30)[0].axes[0].get_title()


def test_plot_gradient_norms_has_one_curve_per_radius():
    fig = g.plot_gradient_norms(length=12)
    ax = fig.axes[0]
    assert len(ax.get_lines()) == len(g.RADII) and ax.get_legend() is not None and ax.get_title()
