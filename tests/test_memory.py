"""Lesson 08's baselines, figures and the two explorers' views."""

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
        (lambda: memory.plot_accuracy_vs_distance({}), TypeError, "accuracy must be"),
        (lambda: memory.plot_accuracy_vs_distance({"a": {5: 1.5}}), ValueError, "accuracy"),
        (lambda: memory.plot_controlled_experiment({"a": [0.5]}, []), TypeError, "norms must be"),
        (lambda: memory.plot_input_gradient_norms({"a": np.ones((2, 2))}), ValueError, "before"),
        (
            lambda: memory.plot_memory_inside(np.zeros((4, 5)), {"i": np.ones((4, 2))}, np.ones((4, 2))),
            TypeError,
            "gates must be",
        ),
        (lambda: memory.GateReachView({}), TypeError, "reach must be"),
        (lambda: memory.AnswerView({("m", 5): np.ones((2, 4))}, {20: [0, 1]}), ValueError, "targets lacks"),
        (lambda: memory.gate_reach([]), ValueError, "biases"),
    ],
)
def test_bad_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_accuracy_figure_draws_markers_not_lines_and_keeps_models_apart():
    fig = memory.plot_accuracy_vs_distance(
        {"A": {5: 1.0, 50: 0.3, 100: 0.25}, "B": {100: 1.0}, "C": {100: 0.26}},
        {"chance": {5: 0.25, 50: 0.25, 100: 0.25}, "counting": {5: 0.3, 50: 0.26, 100: 0.26}},
    )
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B", "C", "chance", "counting"]
    models = ax.get_lines()[:3]
    assert all(line.get_linestyle() == "None" for line in models)  # markers only
    at_100 = sorted(line.get_xdata()[-1] for line in models)
    assert len(set(at_100)) == 3  # side by side, none hidden under another


def test_controlled_experiment_and_gradient_figures():
    fig = memory.plot_controlled_experiment(
        {"a": [0.3, 0.9, 1.0], "b": [0.25, 0.26]}, {"a": np.ones(6), "b": np.logspace(-9, 0, 6)}
    )
    left, right = fig.axes
    assert left.get_ylabel() and right.get_yscale() == "log" and len(left.get_legend().get_texts()) == 2
    assert left.get_lines()[0].get_color() == right.get_lines()[0].get_color()  # one colour per model
    fig = memory.plot_input_gradient_norms(
        {"a": np.ones(5), "z": np.ones(5)}, {"a": np.logspace(-5, 0, 5)}, "T = 4"
    )
    assert len(fig.axes) == 2 and "T = 4" in fig.axes[0].get_title() and fig.legends
    assert fig.axes[0].get_lines()[0].get_color() == fig.axes[1].get_lines()[0].get_color()
    fig = memory.plot_input_gradient_norms(
        {"a": np.zeros(5)}
    )  # an underflowed gradient is drawn at the floor
    assert len(fig.axes) == 1 and np.all(fig.axes[0].get_lines()[0].get_ydata() > 0)


def test_memory_inside_shows_the_forgotten_share_on_a_log_scale():
    rng = np.random.default_rng(0)
    x, _ = tasks._recall_task(1, 11, 0, 4)
    gates = {"i": rng.random((12, 6)), "f": 1 - 10 ** rng.uniform(-3, -1, (12, 6))}
    fig = memory.plot_memory_inside(x[0], gates, rng.normal(size=(12, 6)))
    assert len(fig.axes) == 8 and fig._suptitle.get_text()
    forgotten = fig.axes[1].images[0]
    assert type(forgotten.norm).__name__ == "LogNorm" and "1 − f_t" in fig.axes[1].get_title(loc="left")


def _reach(distance=20):
    k = np.arange(distance + 1)[::-1]  # t = 0 is k = distance steps before the answer
    return {1.0: 0.7**k, 5.0: 0.99**k, -2.0: np.where(k > 5, 0.0, 0.1**k)}


def test_gate_reach_view_shows_sigma_power_and_the_measured_ratio():
    view = memory.GateReachView(_reach())
    fig, info = view(b_f=1, T=10)
    assert info["σ(b_f)^k"] == pytest.approx((1 / (1 + np.exp(-1))) ** 10)
    assert info["measured"] == pytest.approx(0.7**10)
    _, info5 = view(b_f=5, T=10)
    assert info5["measured"] > info["measured"] and "b_f = 5" in view.title.get_text()
    _, under = view(b_f=-2, T=20)
    assert under["measured"] == 0.0  # an underflowed gradient reads 0 and is not drawn
    with pytest.raises(ValueError, match="b_f must be one of"):
        view(b_f=3, T=10)
    with pytest.raises(ValueError, match="T must be"):
        view(b_f=1, T=21)


def _answers():
    rng = np.random.default_rng(0)
    y = {5: rng.integers(0, 4, 50), 100: rng.integers(0, 4, 40)}
    perfect = np.eye(4)[y[100]] * 0.97 + 0.0075
    probs = {
        ("good", 100): perfect,
        ("guess", 100): rng.dirichlet(np.ones(4), 40),
        ("guess", 5): rng.dirichlet(np.ones(4), 50),
    }
    x = {T: tasks._recall_task(len(v), T, 0, 4)[0] for T, v in y.items()}
    return probs, y, x


def test_answer_view_reads_the_models_answers():
    probs, y, x = _answers()
    view = memory.AnswerView(probs, y, x)
    fig, good = view(model="good", T=100)
    assert (
        good["accuracy"] == 1.0
        and good["mean p(right symbol)"] > 0.9
        and good["answer"] == good["right answer"]
    )
    assert view.hist.get_data().values.sum() == pytest.approx(100)
    _, guess = view(model="guess", T=5)
    assert guess["accuracy"] < 0.6 and guess["T"] == 5
    with pytest.raises(ValueError, match="trained at T = 100 only"):
        view(model="good", T=5)
    with pytest.raises(ValueError, match="model must be one of"):
        view(model="nobody", T=100)


def test_views_update_in_place_and_fast():
    import ipywidgets

    from rnnlib import ui

    probs, y, x = _answers()
    cases = [
        (
            memory.GateReachView(_reach(100)),
            {
                "b_f": ipywidgets.IntSlider(value=5, min=-2, max=5),
                "T": ipywidgets.IntSlider(value=50, min=1, max=100),
            },
            ("b_f", 1),
        ),
        (
            memory.AnswerView(probs, y, x),
            {
                "model": ipywidgets.Dropdown(options=["good", "guess"], value="good"),
                "T": ipywidgets.SelectionSlider(options=[5, 100], value=100),
            },
            ("model", "guess"),
        ),
    ]
    for view, controls, (name, value) in cases:
        box = ui.explorer(view, controls)
        first = (box.readout.value, box.image.value)
        controls[name].value = value  # its kernel time: `make perf` (tests/test_perf.py)
        assert box.readout.value != first[0] and box.image.value != first[1]


def test_gate_reach_measures_an_lstm():
    reach = memory.gate_reach([1.0, 5.0], distance=30, n=20, seed=0)
    assert set(reach) == {1.0, 5.0} and reach[1.0].shape == (31,)
    assert reach[1.0][0] / reach[1.0][-1] < 0.01 < 0.1 < reach[5.0][0] / reach[5.0][-1]


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, rnnlib.memory, rnnlib.gated; print('tensorflow' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


def test_plot_memory_inside_takes_every_gate_of_lstm_unroll():
    """The candidate g is a tanh (−1 … 1); only i, f and o must lie in 0 … 1."""
    g = np.full((6, 3), 0.9)
    fig = memory.plot_memory_inside(np.eye(6, 5), {"i": g, "f": g, "o": g, "g": -g}, np.ones((6, 3)))
    assert len(fig.axes) == 8
    with pytest.raises(ValueError, match=r"gates\['f'\]"):
        memory.plot_memory_inside(np.eye(6, 5), {"i": g, "f": g + 1}, np.ones((6, 3)))
