"""rnnlib.ui: the table, rounded numbers, the figure style and the explorer."""

import matplotlib
import numpy as np
import pytest

from rnnlib import ui
from rnnlib.ui import Table


def test_table_renders_text_and_html():
    t = Table([["a", 1, 0.123456], ["bb", 22, 1.0]], ["name", "n", "value"], title="T", digits=3)
    assert repr(t) == "T\nname  n   value\n----  --  -----\na     1   0.123\nbb    22  1.000"
    assert "<caption>T</caption>" in t._repr_html_() and "<td>0.123</td>" in t._repr_html_()
    with pytest.raises(ValueError, match=r"rows\[0\] must have 2 values"):
        Table([[1, 2, 3]], ["a", "b"])


def test_style_uses_the_colour_blind_safe_palette():
    ui.use_style()
    assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][:3] == list(ui.PALETTE[:3])


def test_sig():
    assert ui.sig(3.456) == "3.5" and ui.sig(12.7) == "13" and ui.sig(0.0456) == "0.046"
    assert ui.sig(113.2) == "110" and ui.sig(0) == "0"


def test_explorer_updates_readout_and_redraws():
    import ipywidgets as w
    import matplotlib.pyplot as plt

    calls = []

    def render(t):
        calls.append(t)
        fig, ax = plt.subplots()
        ax.plot(range(t + 1))
        ax.set_title(f"t = {t}")
        return fig, {"t": t, "y": 1 / 3}

    slider = w.IntSlider(value=1, min=0, max=5)
    box = ui.explorer(render, {"t": slider})
    assert box.readout.value == "t = 1 · y = 0.3333"
    slider.value = 4
    assert calls == [1, 4] and box.readout.value.startswith("t = 4")
    assert box.timing.last_seconds is not None


class _Wave(ui.View):
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

    view = _Wave()
    k = w.FloatSlider(value=1.0, min=0.5, max=4)
    amplitude = w.FloatSlider(value=1.0, min=0.5, max=3)
    box = ui.explorer(view, {"k": k, "amplitude": amplitude})
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

    k = w.FloatSlider(value=1.0, min=-1, max=4)
    box = ui.explorer(_Wave(), {"k": k})
    before = box.image.value
    k.value = -0.5
    assert box.readout.value.startswith("⚠") and "k must be > 0" in box.readout.value
    assert box.image.value == before  # the last good figure stays
    k.value = 2.0
    assert box.readout.value == "k = 2.0"


def test_explorer_rejects_what_is_not_a_view_or_function():
    import ipywidgets as w

    with pytest.raises(TypeError, match="render must be"):
        ui.explorer(42, {"k": w.FloatSlider()})
    with pytest.raises(TypeError, match="controls must be"):
        ui.explorer(_Wave(), {})


def test_view_called_is_a_pure_render_function():
    fig, info = _Wave()(k=2.0)
    assert info == {"k": 2.0} and fig.axes[0].get_title() == "k = 2"


def test_format_info_rounds_arrays():
    assert ui.format_info({"h_t": np.array([0.123456, -1.0])}) == "h_t = [0.1235, -1.0]"


def test_explorer_canvas_draws_text_exactly_like_matplotlib():
    """The explorers' glyph cache changes the cost of text, never a pixel: plain, rotated, mathtext, moved by
    fractions of a pixel, drawn a second time from the cache."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    assert ui._canvas_class() is not FigureCanvasAgg, "the glyph cache is off: check it with this matplotlib"

    def draw(canvas_class, shift):
        fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
        plt.close(fig)
        canvas_class(fig)
        ax.set_title(f"z₃ = [0.38, -0.21] · purity {0.81 + shift:.3f}")
        ax.text(0.1 + shift, 0.5, "rotated 50°: seven thousand", rotation=50, rotation_mode="anchor")
        ax.text(0.2, 0.2 + shift, r"$\hat y_t = \frac{1}{2} \sqrt{h_t}$", fontsize=12)
        ax.set_xlabel("word (grouped by category)")
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()

    for shift in (0.0, 0.0013, 0.0, 0.0271):  # twice the same: the second one is drawn from the cache
        assert np.array_equal(draw(ui._canvas_class(), shift), draw(FigureCanvasAgg, shift))


def test_explorer_png_is_lossless():
    import io

    from PIL import Image

    rgba = np.random.default_rng(0).integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    back = Image.open(io.BytesIO(ui._png(rgba)))
    assert back.mode == "RGBA" and np.array_equal(np.asarray(back), rgba)
