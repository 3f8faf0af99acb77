"""rnnlib.diagrams: the loop and unrolled drawings and the explorers' pure render functions."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from rnnlib import diagrams
from rnnlib.rnn import RNNCell


def texts(fig):
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


def pixels(fig):
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_loop_view_names_the_weights_with_their_shapes():
    fig = diagrams.draw_loop(RNNCell(input_size=3, units=5, output_size=2))
    assert isinstance(fig, Figure) and fig.axes[0].get_title() == "Loop view: one cell, 57 parameters"
    words = texts(fig)
    for label in ("$W_{xh}$ (5×3)", "$W_{hh}$ (5×5)", "$W_{hy}$ (2×5)", "5 units", "3 features", "2 outputs"):
        assert label in words


def test_unrolled_view_repeats_the_same_weights():
    fig = diagrams.draw_unrolled(RNNCell(1, 2, 1), steps=5)
    words = texts(fig)
    assert fig.axes[0].get_title().startswith("Unrolled over 5 steps")
    assert words.count("$W_{xh}$") == 5 and words.count("$W_{hh}$") == 5 and words.count("$W_{hy}$") == 5
    assert "$h_{5}$" in words and "$h_0 = 0$" in words
    with pytest.raises(ValueError, match="steps must be ≤ 10"):
        diagrams.draw_unrolled(RNNCell(1, 2, 1), steps=11)
    with pytest.raises(TypeError, match="cell must be an rnnlib.rnn.RNNCell"):
        diagrams.draw_loop(None)


def test_hidden_state_render_returns_the_numbers_it_shows():
    cell, x = diagrams._explorer_example()
    fig, info = diagrams.render_hidden_state(t=4, memory=1.0)
    assert isinstance(fig, Figure) and fig.axes[0].get_title().startswith("Hidden-state explorer: step t = 4")
    y_hat, h = cell.forward(x)
    assert info["t"] == 4 and info["x_t"] == x[3, 0]
    assert np.allclose(info["h_t"], h[3]) and np.isclose(info["y_t"], y_hat[3, 0])
    assert np.isclose(info["|h_t|"], np.linalg.norm(h[3]))
    assert all(ax.get_xlabel() or ax.get_ylabel() for ax in fig.axes)


def test_memory_scales_w_hh():
    cell, x = diagrams._explorer_example()
    _, none = diagrams.render_hidden_state(t=5, memory=0.0)
    assert none["|h_t|"] == 0.0  # no memory and no input at step 5: the pulse at step 2 is gone
    _, some = diagrams.render_hidden_state(t=5, memory=1.0)
    _, strong = diagrams.render_hidden_state(t=16, memory=4.0)
    assert some["|h_t|"] > 0.1
    assert np.abs(strong["h_t"]).max() > 0.95  # saturated
    twin = cell.copy()
    twin.W_hh *= 2.5
    _, info = diagrams.render_hidden_state(t=7, memory=2.5, cell=cell, x=x)
    assert np.allclose(info["h_t"], twin.forward(x)[1][6])
    assert np.array_equal(cell.W_hh, diagrams._explorer_example()[0].W_hh)  # the given cell is left alone


def test_hidden_state_figure_changes_with_the_controls():
    base = pixels(diagrams.render_hidden_state(t=3, memory=1.0)[0])
    assert not np.array_equal(base, pixels(diagrams.render_hidden_state(t=4, memory=1.0)[0]))
    assert not np.array_equal(base, pixels(diagrams.render_hidden_state(t=3, memory=2.0)[0]))


def test_hidden_state_errors():
    with pytest.raises(ValueError, match="t must be ≤ 16"):
        diagrams.render_hidden_state(t=17)
    with pytest.raises(ValueError, match="t must be ≥ 1"):
        diagrams.render_hidden_state(t=0)
    with pytest.raises(ValueError, match="memory must be ≤ 5"):
        diagrams.render_hidden_state(t=1, memory=6)
    with pytest.raises(ValueError, match="give both cell and x"):
        diagrams.render_hidden_state(t=1, cell=RNNCell(1, 2, 1))
    with pytest.raises(ValueError, match="cell.output_size must be 1"):
        diagrams.render_hidden_state(t=1, cell=RNNCell(1, 2, 2), x=np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"x must be \(time, features\) = \(\?, 1\); got shape \(3, 2\)"):
        diagrams.render_hidden_state(t=1, cell=RNNCell(1, 2, 1), x=np.ones((3, 2)))


def test_unrolled_render_values_flow_from_step_to_step():
    cell, x = diagrams.unrolled_example()
    y_hat, h = cell.forward(x)
    for t in range(1, 6):
        fig, info = diagrams.render_unrolled(t=t)
        assert isinstance(fig, Figure) and fig.axes[0].get_title().startswith(
            f"Unrolled explorer: step {t} of 5"
        )
        assert np.allclose(info["h_t"], h[t - 1]) and np.allclose(info["y_hat_t"], y_hat[t - 1])
        assert np.allclose(info["h_prev"], h[t - 2] if t > 1 else 0.0)
        assert np.allclose(info["x_t"], x[t - 1])
        assert f"$h_{{{t}}}$ = tanh(" in texts(fig)
        plt.close(fig)
    assert not np.array_equal(
        pixels(diagrams.render_unrolled(t=2)[0]), pixels(diagrams.render_unrolled(t=3)[0])
    )


def test_unrolled_render_errors():
    with pytest.raises(ValueError, match="t must be ≤ 5"):
        diagrams.render_unrolled(t=6)
    with pytest.raises(ValueError, match="at most 8 time steps"):
        diagrams.render_unrolled(t=1, cell=RNNCell(1, 2, 1), x=np.ones((9, 1)))
