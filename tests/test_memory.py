"""Lesson 08's baselines, figures and memory explorer render function."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from rnnlib import memory, tasks


def test_chance_level_uses_the_training_majority():
    assert memory.chance_level([2, 2, 1], [2, 0, 0, 2]) == 0.5
    assert memory.chance_level([0, 0, 1], [1, 1, 1, 1]) == 0.0


def test_describe_sequence():
    x, y = tasks._recall_task(1, 30, 0, 4)
    text = memory.describe_sequence(x[0], limit=5)
    assert text.startswith(memory.SYMBOLS[y[0]] + "*") and text.endswith("(31 steps)")
    assert len(memory.describe_sequence(x[0], limit=31).split()) == 31


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: memory.describe_sequence(np.zeros((2, 3, 5))), ValueError, "x must be"),
        (lambda: memory.chance_level([[0]], [0]), ValueError, "y_train"),
    ],
)
def test_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


def _inside(time=12, units=6, seed=0):
    rng = np.random.default_rng(seed)
    x, _ = tasks._recall_task(1, time - 1, seed, 4)
    gates = {g: rng.random((time, units)) for g in "ifo"}
    cell = rng.normal(size=(time, units))
    probs = rng.dirichlet(np.ones(4), size=time)
    return x[0], gates, cell, probs


def test_render_memory_returns_figure_and_the_numbers_it_shows():
    x, gates, cell, probs = _inside()
    fig, info = memory.render_memory(4, x, gates, cell, probs)
    assert isinstance(fig, plt.Figure) and fig.axes[0].get_title()
    assert info["t"] == 4
    assert info["mean forget gate"] == pytest.approx(gates["f"][4].mean())
    assert info["mean input gate"] == pytest.approx(gates["i"][4].mean())
    assert info["max |c_t|"] == pytest.approx(np.abs(cell[4]).max())
    assert info["answer now"] == memory.SYMBOLS[int(np.argmax(probs[4]))]
    assert info["p(answer)"] == pytest.approx(probs[4].max())
    assert info["input"] == memory.describe_sequence(x, limit=12).split()[4]
    _, first = memory.render_memory(0, x, gates, cell)
    assert first["input"].endswith("*") and "answer now" not in first


def test_render_memory_changes_with_t():
    x, gates, cell, probs = _inside()
    fig_a, info_a = memory.render_memory(1, x, gates, cell, probs)
    fig_b, info_b = memory.render_memory(9, x, gates, cell, probs)
    heights_a = [p.get_height() for p in fig_a.axes[1].patches]
    heights_b = [p.get_height() for p in fig_b.axes[1].patches]
    assert heights_a != heights_b and info_a != info_b
    assert fig_a.axes[0].get_title() != fig_b.axes[0].get_title()


def test_render_memory_is_fast_and_checks_arguments():
    import time

    x, gates, cell, probs = _inside(time=101, units=16)
    start = time.perf_counter()
    fig, _ = memory.render_memory(50, x, gates, cell, probs)
    fig.canvas.draw()
    assert time.perf_counter() - start < 1.0
    with pytest.raises(ValueError, match="t must be"):
        memory.render_memory(101, x, gates, cell)
    with pytest.raises(TypeError, match="gates must be"):
        memory.render_memory(0, x, {"i": gates["i"]}, cell)
    with pytest.raises(ValueError, match="cell must be"):
        memory.render_memory(0, x, gates, cell[:-1])


def test_figures_have_titles_labels_and_legends():
    x, gates, cell, _ = _inside()
    fig = memory.plot_memory_inside(x, gates, cell)
    assert fig._suptitle.get_text() and fig.axes[3].get_xlabel() and len(fig.axes) == 8
    fig = memory.plot_accuracy_vs_distance({"A": {5: 1.0, 50: 0.3}, "B": {5: 1.0, 50: 1.0}}, chance=0.25)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and len(ax.get_legend().get_texts()) == 3
    fig = memory.plot_input_gradient_norms({"A": np.ones(5), "B": np.logspace(-5, 0, 5)})
    assert fig.axes[0].get_yscale() == "log" and fig.axes[0].get_legend()
    with pytest.raises(TypeError, match="accuracy must be"):
        memory.plot_accuracy_vs_distance({}, chance=0.25)


def test_input_gradient_norms_shape_and_vanishing():
    import keras

    x, y = tasks._recall_task(16, 30, 0, 4)
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((31, 5)), keras.layers.SimpleRNN(8), keras.layers.Dense(4, activation="softmax")]
    )
    norms = memory.input_gradient_norms(model, x, y)
    assert norms.shape == (31,) and np.all(norms >= 0)
    assert norms[0] < norms[-1]  # a plain RNN feels its last input more than its first
    with pytest.raises(ValueError, match="y must be"):
        memory.input_gradient_norms(model, x, y[:3])


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, rnnlib.memory, rnnlib.gated; print('tensorflow' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]
