"""rnnlib.diagrams: the loop and unrolled drawings and the two explorer views."""

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


def test_hidden_state_view_returns_the_numbers_it_shows():
    cell, x = diagrams._explorer_example()
    assert np.allclose(np.abs(np.linalg.eigvals(cell.W_hh)), 1.0)  # orthogonal: ρ = the scale
    view = diagrams.HiddenStateView()
    fig, info = view(scale=1.5, pulse=-1.0)
    assert isinstance(fig, Figure) and fig.axes[0].get_title().startswith(
        "$W_{hh}$ × 1.5: spectral radius ρ = 1.50"
    )
    twin = cell.copy()
    twin.W_hh *= 1.5
    _, h = twin.forward(x)
    x_without = x.copy()
    x_without[8, 0] = 0.0
    _, h_without = twin.forward(x_without)
    assert info["ρ"] == 1.5
    assert np.isclose(info["|h_8|"], np.linalg.norm(h[7])) and np.isclose(
        info["|h_16|"], np.linalg.norm(h[-1])
    )
    assert np.isclose(info["pulse moves h_16 by"], np.linalg.norm(h[-1] - h_without[-1]))
    assert np.allclose(view.image.get_array(), h.T)
    assert np.isnan(view.norm.get_ydata()[0])  # h_1 = 0 (x_1 = 0): no point on the log axis
    assert np.allclose(view.norm.get_ydata()[1:], np.linalg.norm(h, axis=1)[1:])
    assert all(ax.get_xlabel() or ax.get_ylabel() for ax in fig.axes)
    plt.close(fig)


def test_hidden_state_view_claims_of_lesson_02():
    view = diagrams.HiddenStateView()
    norms = {}
    for scale in (0.5, 1.0, 3.0, 4.0):
        info = view.update(scale=scale)
        norms[scale] = view.norm.get_ydata().copy()
        assert info["ρ"] == scale
        if scale == 3.0:
            assert round(info["pulse moves h_16 by"], 2) == 2.72  # the state does not lock at × 3
        if scale == 4.0:
            assert info["pulse moves h_16 by"] < 0.1
    ratio = norms[0.5][2:8] / norms[0.5][1:7]
    assert np.all((ratio > 0.47) & (ratio <= 0.5))  # geometric forgetting at ρ = 0.5
    _, none = view(scale=0.0)
    assert none["|h_8|"] == 0.0 and none["|h_16|"] == 0.0  # no memory: the pulses are gone a step later
    plt.close(view.fig)


def test_hidden_state_view_changes_with_the_controls():
    view = diagrams.HiddenStateView()
    base = pixels(view(scale=1.0)[0])
    assert not np.array_equal(base, pixels(view(scale=1.1)[0]))
    assert not np.array_equal(base, pixels(view(scale=1.0, pulse=0.5)[0]))
    assert not np.array_equal(base, pixels(view(scale=1.0, cell=4)[0]))
    plt.close(view.fig)


def test_hidden_state_view_cell_seed_is_the_lesson_tables_cell():
    """The cell control picks the cells of lesson 02's second table (seeds 0 … 9); seed 3 is the first table's."""
    view = diagrams.HiddenStateView()
    _, x = diagrams._explorer_example()
    x_without = x.copy()
    x_without[8, 0] = 0.0
    effects = []
    for seed in range(10):
        info = view.update(scale=3.0, cell=seed)
        other = RNNCell(input_size=1, units=8, output_size=1, seed=seed)
        other.W_hh *= 3.0
        expected = np.linalg.norm(other.forward(x)[1][-1] - other.forward(x_without)[1][-1])
        assert info["cell seed"] == seed and np.isclose(info["pulse moves h_16 by"], expected)
        effects.append(info["pulse moves h_16 by"])
    assert min(effects) < 0.5 and max(effects) > 3  # the spread the lesson's table prints at × 3
    assert (
        view.update(scale=3.0)["pulse moves h_16 by"] == view.update(scale=3.0, cell=3)["pulse moves h_16 by"]
    )
    plt.close(view.fig)


def test_hidden_state_view_errors():
    view = diagrams.HiddenStateView()
    with pytest.raises(ValueError, match="scale must be ≤ 5"):
        view.update(scale=6)
    with pytest.raises(ValueError, match="scale must be ≥ 0"):
        view.update(scale=-1)
    with pytest.raises(ValueError, match="pulse must be ≤ 2"):
        view.update(pulse=3)
    with pytest.raises(ValueError, match="cell must be ≤ 9"):
        view.update(cell=10)
    with pytest.raises(TypeError, match="scale must be a number"):
        view.update(scale="big")
    plt.close(view.fig)


def test_unrolled_view_values_flow_from_step_to_step():
    cell, x = diagrams.unrolled_example()
    y_hat, h = cell.forward(x)
    view = diagrams.UnrolledView()
    for t in range(1, 6):
        fig, info = view(t=t)
        h_prev = h[t - 2] if t > 1 else np.zeros(2)
        assert np.allclose(info["h_t"], h[t - 1]) and np.isclose(info["y_hat_t"], y_hat[t - 1, 0])
        assert np.allclose(info["z_t"], cell.W_hh @ h_prev + cell.W_xh @ x[t - 1] + cell.b_h)
        assert info["x_t"] == x[t - 1, 0] and np.allclose(info["h_5"], h[-1])
        assert view.equation.get_text().startswith(f"z{'₀₁₂₃₄₅'[t]} = W_hh h{'₀₁₂₃₄₅'[t - 1]} + W_xh")
    # every arrow carries its numbers: W_xh x_t and W_hh h_(t-1) at every step
    assert [v.get_text() for v in view.values["xh"]] == [diagrams._vec(cell.W_xh @ x_t) for x_t in x]
    previous = np.vstack([np.zeros(2), h[:-1]])
    assert [v.get_text() for v in view.values["hh"]] == [diagrams._vec(cell.W_hh @ p) for p in previous]
    plt.close(fig)


def test_unrolled_view_causes():
    cell, x = diagrams.unrolled_example()
    view = diagrams.UnrolledView()
    info = view.update(reverse=True, t=5)
    assert np.allclose(info["h_5"], cell.forward(x[::-1])[1][-1])
    info = view.update(scale=0.0, t=4)  # no memory: h_t depends on x_t only
    assert np.allclose(info["h_t"], np.tanh(cell.W_xh @ x[3] + cell.b_h))
    info = view.update(inputs="1, 1, 1, 1, 1", t=5)
    assert np.allclose(info["h_5"], cell.forward(np.ones((5, 1)))[1][-1])
    assert np.allclose(view.update(inputs=[1, 1, 1, 1, 1])["h_5"], info["h_5"])
    before = pixels(view(scale=1.0)[0])
    assert not np.array_equal(before, pixels(view(scale=1.1)[0]))
    plt.close(view.fig)


def test_unrolled_view_errors():
    view = diagrams.UnrolledView()
    with pytest.raises(ValueError, match="inputs must be 5 numbers separated by commas; got '1, two'"):
        view.update(inputs="1, two")
    with pytest.raises(ValueError, match="inputs must be 5 numbers \\(one per step\\); got 3"):
        view.update(inputs="1 2 3")
    with pytest.raises(ValueError, match="between -10 and 10"):
        view.update(inputs="1, 2, 3, 4, 50")
    with pytest.raises(ValueError, match="t must be ≤ 5"):
        view.update(t=6)
    with pytest.raises(ValueError, match="scale must be ≤ 3"):
        view.update(scale=4)
    with pytest.raises(TypeError, match="reverse must be True or False"):
        view.update(reverse="yes")
    plt.close(view.fig)


def test_unrolled_explorer_shows_what_a_fresh_view_shows():
    """The inputs' texts are drawn with the background; the explorer must redraw it when they change."""
    import io

    import ipywidgets as widgets
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from rnnlib.ui import explorer

    controls = {
        "scale": widgets.FloatSlider(value=1.0, min=0.0, max=3.0),
        "inputs": widgets.Text("1, 0.5, -0.5, 0, -1"),
        "reverse": widgets.Checkbox(False),
        "t": widgets.IntSlider(value=3, min=1, max=5),
    }
    box = explorer(diagrams.UnrolledView(), controls)
    for name, value in [
        ("scale", 1.7),
        ("reverse", True),
        ("inputs", "2, 0, 0, -1, 0.5"),
        ("t", 5),
        ("scale", 0.4),
    ]:
        controls[name].value = value
        fig, _ = diagrams.UnrolledView()(**{k: c.value for k, c in controls.items()})
        FigureCanvasAgg(fig).draw()
        shown = np.asarray(Image.open(io.BytesIO(box.image.value)))[..., :3].astype(int)
        fresh = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)
        assert shown.shape == fresh.shape and (np.abs(shown - fresh).max(axis=2) > 60).sum() == 0, (
            name,
            value,
        )
        plt.close(fig)
