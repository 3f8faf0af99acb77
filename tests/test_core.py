"""Seeding, validation, the table display, the figure style and the shared figures."""

import random
import subprocess
import sys

import matplotlib
import numpy as np
import pytest

import rnnlib
from rnnlib import _validate as v
from rnnlib import sequences as s
from rnnlib.display import Table


def test_seed_everything_repeats_python_and_numpy():
    rnnlib.seed_everything(7)
    a = (random.random(), np.random.rand())
    assert rnnlib.seed_everything(7) == 7
    assert (random.random(), np.random.rand()) == a


def test_seed_everything_does_not_import_tensorflow():
    code = "import sys, rnnlib; rnnlib.seed_everything(1); print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_seed_everything_makes_keras_repeatable_when_imported():
    code = (
        "import rnnlib, keras, numpy as np\n"
        "vals = []\n"
        "for _ in range(2):\n"
        "    rnnlib.seed_everything(3)\n"
        "    layer = keras.layers.Dense(2); layer.build((None, 3))\n"
        "    vals.append(layer.get_weights()[0].tolist() + [float(keras.random.uniform(()))])\n"
        "print(vals[0] == vals[1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "True"
    assert out.stderr == "", "importing rnnlib before TensorFlow keeps stderr quiet"


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: rnnlib.seed_everything(1.5), TypeError, "seed must be an integer; got float 1.5"),
        (lambda: rnnlib.seed_everything(-1), ValueError, "seed must be ≥ 0"),
        (lambda: v.as_array([[1, 2], [3]], "x"), TypeError, "x must be"),
        (
            lambda: v.as_array(
                np.zeros((5, 3)), "x", shape=(None, None, 3), layout="(batch, time, features)"
            ),
            ValueError,
            r"x must be \(batch, time, features\); got shape \(5, 3\)",
        ),
        (
            lambda: v.as_array(
                np.zeros((5, 2, 4)), "x", shape=(None, None, 3), layout="(batch, time, features)"
            ),
            ValueError,
            r"x must be \(batch, time, features\) = \(\?, \?, 3\); got shape \(5, 2, 4\)",
        ),
        (lambda: v.as_float("1", "lr"), TypeError, "lr must be a number; got str '1'"),
        (
            lambda: v.one_of("sigmoid", "activation", ("tanh", "relu")),
            ValueError,
            "activation must be one of",
        ),
    ],
)
def test_errors_name_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_table_renders_text_and_html():
    t = Table([["a", 1, 0.123456], ["bb", 22, 1.0]], ["name", "n", "value"], title="T", digits=3)
    assert repr(t) == "T\nname  n   value\n----  --  -----\na     1   0.123\nbb    22  1.000"
    assert "<caption>T</caption>" in t._repr_html_() and "<td>0.123</td>" in t._repr_html_()
    with pytest.raises(ValueError, match=r"rows\[0\] must have 2 values"):
        Table([[1, 2, 3]], ["a", "b"])


def test_style_uses_the_colour_blind_safe_palette():
    from rnnlib.style import PALETTE, use_style

    use_style()
    assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][:3] == list(PALETTE[:3])


def _titles(fig):
    return [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]


def test_lesson01_figures_have_titles_and_labels():
    from rnnlib import plots

    video, pos = s.moving_dot_video(6, 12, seed=0)
    fig = plots.plot_film_strip(video, pos)
    assert len(fig.axes) == 6 and "frames" in fig._suptitle.get_text()
    seq = s.dna_sequence(10, seed=0)
    fig = plots.plot_one_hot(seq, s.one_hot_dna(seq))
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    t, x = s.speech_like("a")
    fig = plots.plot_spectrogram(t, x, *s.spectrogram(x, 8000))
    assert fig.axes[1].get_ylabel() == "frequency (Hz)" and fig.axes[1].get_xlabel() == "time (s)"
    fig = plots.draw_mappings()
    assert [a.get_title().split("\n")[0] for a in fig.axes] == list(plots.MAPPINGS)
    with pytest.raises(ValueError, match=r"one_hot must be \(time, 4\) = \(10, 4\)"):
        plots.plot_one_hot(seq, np.zeros((4, 10)))


def test_explorer_updates_readout_and_redraws():
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from rnnlib.widgets import explorer

    calls = []

    def render(t):
        calls.append(t)
        fig, ax = plt.subplots()
        ax.plot(range(t + 1))
        ax.set_title(f"t = {t}")
        return fig, {"t": t, "y": 1 / 3}

    slider = w.IntSlider(value=1, min=0, max=5)
    box = explorer(render, {"t": slider})
    assert box.readout.value == "t = 1 · y = 0.3333"
    slider.value = 4
    assert calls == [1, 4] and box.readout.value.startswith("t = 4")
    assert box.timing.last_seconds is not None


class _Wave(__import__("rnnlib.widgets", fromlist=["View"]).View):
    """A tiny view: a sine whose frequency changes (dynamic line and title) and whose y-limit can grow."""

    def __init__(self):
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(4, 3))
        super().__init__(fig)
        self.ax = ax
        self.line = self.dynamic(ax.plot([], [], color="C0")[0])
        self.title = self.dynamic(ax.set_title(" "))
        ax.set(xlim=(0, 6.3), ylim=(-1.1, 1.1), xlabel="x", ylabel="y")

    def update(self, k=1.0, amplitude=1.0):
        if k <= 0:
            raise ValueError(f"k must be > 0; got {k}")
        x = np.linspace(0, 6.3, 200)
        self.line.set_data(x, amplitude * np.sin(k * x))
        self.title.set_text(f"k = {k:g}")
        self.ax.set_ylim(-1.1 * max(1.0, amplitude), 1.1 * max(1.0, amplitude))
        return {"k": k}


def _pixels(png: bytes):
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _full_draw(view):
    """The view's figure drawn whole (no blitting), with the explorer's fixed layout."""
    for artist in view._dynamic:
        artist.set_animated(False)
    view.fig.canvas.draw()
    pixels = np.asarray(view.fig.canvas.buffer_rgba())[..., :3].astype(int)
    for artist in view._dynamic:
        artist.set_animated(True)
    return pixels


def _same_picture(png: bytes, pixels) -> bool:
    """Equal but for a few pixels where a dynamic artist crosses a static one (blitted artists are drawn on top)."""
    return np.mean(np.any(_pixels(png) != pixels, axis=-1)) < 0.002


def test_view_explorer_redraws_in_place_exactly_like_a_full_draw():
    import ipywidgets as w

    from rnnlib.widgets import explorer

    view = _Wave()
    k = w.FloatSlider(value=1.0, min=0.5, max=4)
    amplitude = w.FloatSlider(value=1.0, min=0.5, max=3)
    box = explorer(view, {"k": k, "amplitude": amplitude})
    first = box.image.value
    k.value = 3.0  # a blitted move: only the line and the title are redrawn over the cached background
    assert box.readout.value == "k = 3.0" and box.image.value != first
    assert _same_picture(box.image.value, _full_draw(view))
    ticks = _pixels(box.image.value)
    amplitude.value = 2.5  # the y-limits change: everything is redrawn (new tick labels), nothing stale
    assert _same_picture(box.image.value, _full_draw(view))
    assert not np.array_equal(_pixels(box.image.value), ticks)
    assert box.timing.last_seconds is not None


def test_view_explorer_shows_a_rejected_value_in_the_readout():
    import ipywidgets as w

    from rnnlib.widgets import explorer

    k = w.FloatSlider(value=1.0, min=-1, max=4)
    box = explorer(_Wave(), {"k": k})
    before = box.image.value
    k.value = -0.5
    assert box.readout.value.startswith("⚠") and "k must be > 0" in box.readout.value
    assert box.image.value == before  # the last good figure stays
    k.value = 2.0
    assert box.readout.value == "k = 2.0"


def test_explorer_rejects_what_is_not_a_view_or_function():
    import ipywidgets as w

    from rnnlib.widgets import explorer

    with pytest.raises(TypeError, match="render must be"):
        explorer(42, {"k": w.FloatSlider()})
    with pytest.raises(TypeError, match="controls must be"):
        explorer(_Wave(), {})


def test_view_called_is_a_pure_render_function():
    fig, info = _Wave()(k=2.0)
    assert info == {"k": 2.0} and fig.axes[0].get_title() == "k = 2"


def test_format_info_rounds_arrays():
    from rnnlib.widgets import format_info

    assert format_info({"h_t": np.array([0.123456, -1.0])}) == "h_t = [0.1235, -1.0]"
