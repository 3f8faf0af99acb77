"""What every lesson shows besides its topic: the figure style, tables, rounded numbers, a training progress
bar and the interactive explorers.

Importing this module is cheap: matplotlib, pyplot and ipywidgets are imported by the functions that need
them. A lesson's set-up cell calls :func:`use_style` once; every figure function of rnnlib calls it too.
"""

from __future__ import annotations

import functools
import html
import math
import numbers
import struct
import time
import zlib

import numpy as np

from ._validate import as_float, as_int, as_str

__all__ = [
    "PALETTE",
    "Table",
    "View",
    "comparison_table",
    "explorer",
    "format_info",
    "sig",
    "training_progress",
    "use_style",
]

# -- the figure style ----------------------------------------------------------------------------------------

#: Okabe & Ito's colour-blind-safe palette (blue, orange, green, vermillion, purple, sky, yellow, black).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# A perceptually uniform colour map for heatmaps, and a diverging one for signed values (weights, states).
_CMAP, _CMAP_SIGNED = "viridis", "RdBu_r"
_RC = {
    "figure.figsize": (7.5, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 1.8,
    "image.cmap": _CMAP,
}


def use_style() -> None:
    """Apply the series' figure style: colour-blind-safe palette, readable sizes, light grid.

    Call it once in a lesson's set-up cell; rnnlib's figure functions call it as well.

    Examples
    --------
    >>> use_style()
    >>> import matplotlib; matplotlib.rcParams["font.size"]
    11.0
    """
    import matplotlib
    from cycler import cycler

    matplotlib.rcParams.update(_RC)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=list(PALETTE))


# -- tables and numbers ----------------------------------------------------------------------------------------


def _fmt(value, digits: int) -> str:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return f"{float(value):.{digits}f}"


class Table:
    """A small table for lesson output: plain text for nbval and terminals, HTML in JupyterLab.

    ``rows`` hold one value per column (``columns``, the headers); floats are shown with ``digits`` decimals.

    >>> Table([["one-to-one", "(batch, features)"]], ["mapping", "input"])
    mapping     input
    ----------  -----------------
    one-to-one  (batch, features)
    """

    def __init__(self, rows, columns, title: str | None = None, digits: int = 4):
        if not isinstance(columns, (list, tuple)):
            raise TypeError(
                f"columns must be a list of headers; got {type(columns).__name__} {columns!r}"[:200]
            )
        if not isinstance(rows, (list, tuple)) or not all(isinstance(row, (list, tuple)) for row in rows):
            raise TypeError(f"rows must be a list of rows, each a list of values; got {rows!r}"[:200])
        digits = as_int(digits, "digits", minimum=0)
        self.columns = [str(c) for c in columns]
        self.rows = [[_fmt(v, digits) for v in row] for row in rows]
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"rows[{i}] must have {len(self.columns)} values (one per column); got {len(row)}"
                )
        self.title = title

    def __repr__(self) -> str:
        widths = [max([len(c)] + [len(r[i]) for r in self.rows]) for i, c in enumerate(self.columns)]
        lines = [self.title] if self.title else []
        lines.append("  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in self.rows)
        caption = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def sig(x: float, digits: int = 2) -> str:
    """Format a number with ``digits`` significant digits (what survives re-training on another CPU).

    >>> sig(3.456), sig(12.7), sig(113.2), sig(0.0456)
    ('3.5', '13', '110', '0.046')
    """
    x = as_float(x, "x")
    digits = as_int(digits, "digits", minimum=1)
    if x == 0:
        return "0"
    exponent = int(np.floor(np.log10(abs(x))))
    decimals = digits - 1 - exponent
    rounded = round(x, decimals)
    return f"{rounded:.{max(decimals, 0)}f}"


def comparison_table(results: dict, title: str | None = None, *, groups=("long-range",)):
    """A :class:`Table` of ``{model name: (overall, long_range)}`` results of :func:`rnnlib.text.evaluate`.

    ``groups`` names the subsets scored after the overall one (each value is then ``(overall, *subsets)``);
    a value may also be a list of such tuples, one per run (e.g. per seed), shown as "lowest–highest".
    Perplexities are shown to 2 significant digits and accuracies as whole percentages: the precision
    that survives re-training on another CPU.

    >>> r = {"perplexity": 4.0, "top1": 0.25, "topk": 0.5, "k": 5}
    >>> comparison_table({"uniform": (r, r)}).columns[:4]
    ['model', 'perplexity', 'top-1', 'top-5']
    >>> s = dict(r, perplexity=4.44, top1=0.3)
    >>> comparison_table({"rnn": [(r, r), (s, s)]}).rows[0][1:3]
    ['4.0–4.4', '25–30%']
    """

    if not isinstance(groups, (list, tuple)) or not all(isinstance(g, str) for g in groups):
        raise TypeError(
            f"groups must be a list of subset names (str), such as ('long-range',); got {groups!r}"
        )
    if title is not None:
        title = as_str(title, "title", allow_empty=True)
    if not isinstance(results, dict) or not results:
        raise TypeError(
            f"results must be a non-empty dict {{model: (overall, *subsets)}}; got {results!r}"[:200]
        )

    def runs_of(value):  # a list of (overall, *subsets) runs, or one run
        return value if isinstance(value, list) and value and not isinstance(value[0], dict) else [value]

    for name, value in results.items():
        for pair in runs_of(value):
            if not (
                isinstance(pair, (list, tuple))
                and len(pair) == 1 + len(groups)
                and all(isinstance(r, dict) for r in pair)
            ):
                raise TypeError(
                    f"results[{name!r}] must be a tuple (overall, {', '.join(groups)}) of evaluate() results, "
                    "or a list of them (one per run)"
                )
            for r in pair:
                if not {"perplexity", "top1", "topk", "k"} <= set(r):
                    raise ValueError(
                        f"results[{name!r}] must hold evaluate() results (perplexity, top1, topk, k)"
                    )
                as_float(r["perplexity"], f"results[{name!r}]'s perplexity", minimum=1.0)
                for key in ("top1", "topk"):
                    as_float(r[key], f"results[{name!r}]'s {key}", minimum=0.0, maximum=1.0)

    def cell(runs, group, key):
        values = sorted(run[group][key] for run in runs)
        show = sig if key == "perplexity" else (lambda v: f"{v:.0%}")
        low, high = show(values[0]), show(values[-1])
        if low == high:
            return low
        return f"{low}–{high}" if key == "perplexity" else f"{low[:-1]}–{high}"

    rows = []
    for name, value in results.items():
        runs = runs_of(value)
        row = [name, cell(runs, 0, "perplexity"), cell(runs, 0, "top1"), cell(runs, 0, "topk")]
        for g in range(1, len(groups) + 1):
            row += [cell(runs, g, "perplexity"), cell(runs, g, "top1")]
        rows.append(row)
    k = runs_of(next(iter(results.values())))[0][0]["k"]
    columns = ["model", "perplexity", "top-1", f"top-{k}"]
    for group in groups:
        columns += [f"{group} perplexity", f"{group} top-1"]
    return Table(rows, columns, title=title)


# -- training progress -------------------------------------------------------------------------------------------


def training_progress(epochs: int, description: str = "Training"):
    """A Keras callback that shows training as a progress bar (a widget, so nbval skips its updates).

    Use it instead of ``verbose=1`` (whose text progress bar changes every run)::

        model.fit(X, y, epochs=20, verbose=0, callbacks=[training_progress(20)])
    """
    epochs = as_int(epochs, "epochs", minimum=1)
    description = as_str(description, "description", allow_empty=True)
    import ipywidgets as widgets
    import keras
    from IPython.display import display

    bar = widgets.IntProgress(value=0, min=0, max=epochs, description=description)

    class _Progress(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            bar.value = 0
            display(bar)

        def on_epoch_end(self, epoch, logs=None):
            bar.value = epoch + 1

        def on_train_end(self, logs=None):
            bar.bar_style = "success"

    return _Progress()


# ================================================================================================================
# The explorer engine: everything from here to the end of the file.
#
# One engine drives every explorer. A lesson gives it a *view*: a figure built once, whose changing artists
# (lines, bars, images, texts) are updated in place by ``view.update(**values)``. On a control's move the engine
# calls ``update``, redraws only those artists over a cached background (matplotlib's blitting), and sends the
# new picture to an ``ipywidgets.Image``: no new figure, no layout pass, no cleared output, so the figure does
# not flicker and a move costs tens of milliseconds, not hundreds.
#
# Calling a view, ``fig, info = view(**values)``, is the pure render function: a lesson's checked cell builds a
# fresh view and calls it for one fixed value (nbval cannot compare a live widget's output).
# ================================================================================================================


def format_info(info: dict, digits: int = 4) -> str:
    """One line of ``name = value`` pairs for an explorer's readout.

    >>> format_info({"t": 3, "y_t": 0.123456})
    't = 3 · y_t = 0.1235'
    """
    if not isinstance(info, dict):
        raise TypeError(f"info must be a dict of name → value; got {type(info).__name__}")
    digits = as_int(digits, "digits", minimum=0)
    parts = []
    for key, value in info.items():
        if isinstance(value, float):
            value = round(value, digits)
        elif hasattr(value, "round") and hasattr(value, "tolist"):
            value = value.round(digits).tolist()
        parts.append(f"{key} = {value}")
    return " · ".join(parts)


class View:
    """A figure built once and updated in place: what an explorer shows.

    A subclass builds its figure and every artist in ``__init__`` (with fixed axis limits: the frame must
    not jump from one move to the next), registers the artists that change with :meth:`dynamic`, and
    implements ``update(**values) -> info``, which only changes those artists (``set_data``, ``set_text``,
    ``set_height`` ...) and returns the numbers the figure shows. An explorer redraws only the dynamic
    artists, on top of the rest; if ``update`` changes an axis' limits, it redraws everything.

    Calling the view, ``fig, info = view(**values)``, updates it and returns its figure: the pure render
    function a checked cell uses (build a fresh view there, not the explorer's).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> class Sine(View):
    ...     def __init__(self):
    ...         fig, ax = plt.subplots()
    ...         super().__init__(fig)
    ...         self.line = self.dynamic(ax.plot([], [])[0])
    ...         ax.set(xlim=(0, 6.3), ylim=(-1, 1), xlabel="x", ylabel="sin(k x)", title="A sine")
    ...     def update(self, k=1.0):
    ...         x = np.linspace(0, 6.3, 50)
    ...         self.line.set_data(x, np.sin(k * x))
    ...         return {"k": k}
    >>> fig, info = Sine()(k=2.0)
    >>> info, len(fig.axes[0].lines[0].get_xdata())
    ({'k': 2.0}, 50)
    """

    def __init__(self, fig):
        self.fig = fig
        self._dynamic = []

    def dynamic(self, *artists):
        """Register artists that :meth:`update` changes; returns the artist (or the tuple of them)."""
        self._dynamic.extend(artists)
        return artists[0] if len(artists) == 1 else artists

    def update(self, **values) -> dict:
        """Change the dynamic artists for these control values; return the numbers shown."""
        raise NotImplementedError(f"{type(self).__name__} must implement update(**values) -> dict")

    def __call__(self, **values):
        return self.fig, self.update(**values)


# -- a glyph cache for the explorers' canvas ----------------------------------------------------------------
# Text is most of what an explorer move costs: matplotlib's Agg renderer asks FreeType to rasterise every glyph
# of every string anew at each draw. A glyph's bitmap depends only on the font, size, angle, hinting and the
# fractional (1/64 pixel) part of its position, so the explorers' canvas keeps the bitmaps it has drawn and
# reuses them: the same pixels (tests/test_ui.py compares them with matplotlib's own), at about half the cost.
# It overrides a private method of matplotlib's RendererAgg, so it is used only with the matplotlib versions
# it was checked against (requirements.txt pins one); any other version gets the plain canvas.
_GLYPH_CACHE_MATPLOTLIB = ("3.11.",)
_GLYPHS: dict = {}
_GLYPHS_MAX = 50_000  # bitmaps of ~10x12 bytes: a few MB at most


def _draw_glyphs_cached(renderer, gc, x, y, angle, glyphs, boxes):
    """RendererAgg._draw_text_glyphs_and_boxes (matplotlib 3.11) with each glyph's bitmap cached."""
    from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
    from matplotlib.ft2font import RenderMode

    if not gc.get_antialiased():
        return RendererAgg._draw_text_glyphs_and_boxes(renderer, gc, x, y, angle, glyphs, boxes)
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    flags = get_hinting_flag()
    height = renderer.height
    for font, size, index, slant, extend, dx, dy in glyphs:  # dy is upwards
        px = round(0x40 * (x + dx * cos - dy * sin))  # FreeType's 26.6 fixed point, y upwards
        py = round(0x40 * (height - y + dx * sin + dy * cos))
        key = (font, size, renderer.dpi, index, angle, slant, extend, flags, px & 0x3F, py & 0x3F)
        bitmap = _GLYPHS.get(key)
        if bitmap is None:
            font.set_size(size, renderer.dpi)
            font._set_transform(
                (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]])
                .round()
                .astype(int),
                [px, py],
            )
            drawn = font._render_glyph(index, flags, RenderMode.NORMAL)
            if len(_GLYPHS) >= _GLYPHS_MAX:
                _GLYPHS.clear()
            # the pixels, and their offset from the whole-pixel position (the same for every whole-pixel shift)
            bitmap = _GLYPHS[key] = (np.array(drawn.buffer), drawn.left - (px >> 6), drawn.top - (py >> 6))
        pixels, left, top = bitmap
        renderer._renderer.draw_text_image(
            pixels, left + (px >> 6), int(height) - (top + (py >> 6)) + pixels.shape[0], 0, gc
        )
    if boxes:  # mathtext's rules (fraction bars, square roots): no glyphs left to draw
        RendererAgg._draw_text_glyphs_and_boxes(renderer, gc, x, y, angle, (), boxes)


@functools.cache
def _canvas_class():
    """The canvas the explorers draw on: matplotlib's Agg canvas, with the glyph cache where it is checked."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

    if not matplotlib.__version__.startswith(_GLYPH_CACHE_MATPLOTLIB) or not hasattr(
        RendererAgg, "_draw_text_glyphs_and_boxes"
    ):
        return FigureCanvasAgg

    class _GlyphCachingRenderer(RendererAgg):
        _draw_text_glyphs_and_boxes = _draw_glyphs_cached

    class _GlyphCachingCanvas(FigureCanvasAgg):
        def get_renderer(self):
            renderer = super().get_renderer()
            if type(renderer) is RendererAgg:
                renderer.__class__ = _GlyphCachingRenderer
            return renderer

    return _GlyphCachingCanvas


class _Blitter:
    """Draws a view once (layout included), then only its dynamic artists over the cached background."""

    def __init__(self, view: View):
        self.view = view

    def start(self, values):
        import matplotlib.pyplot as plt

        fig = self.view.fig
        plt.close(fig)  # the explorer owns the figure: the inline backend must not show it a second time
        _canvas_class()(fig)
        info = self.view.update(**values)
        fig.canvas.draw()  # the one layout pass (constrained layout) ...
        fig.set_layout_engine("none")  # ... then the layout is fixed
        for artist in self.view._dynamic:
            artist.set_animated(True)
        self._background()
        return info

    def _limits(self):
        return [ax.viewLim.bounds for ax in self.view.fig.axes]

    def _background(self):
        canvas = self.view.fig.canvas
        canvas.draw()  # everything but the dynamic artists
        self.background = canvas.copy_from_bbox(self.view.fig.bbox)
        self.limits = self._limits()
        self._blit()

    def _blit(self):
        fig = self.view.fig
        fig.canvas.restore_region(self.background)
        for artist in self.view._dynamic:
            fig.draw_artist(artist)

    def update(self, values):
        info = self.view.update(**values)
        if self._limits() != self.limits:
            self._background()
        else:
            self._blit()
        return info

    def png(self) -> bytes:
        return _png(np.asarray(self.view.fig.canvas.buffer_rgba()))


def _png(rgba) -> bytes:
    """A lossless PNG of an (h, w, 4) uint8 image, fast: no row filters, zlib level 1.

    PIL's encoder spends most of its time choosing a filter for each row; for a figure (flat colours, sharp
    edges) unfiltered rows compress about as well at a third of the cost (~3 ms for 860 x 420 pixels, where
    PIL takes ~9 ms). Dropping the alpha channel would cost more time (a strided copy) than it saves.
    """
    height, width = rgba.shape[:2]
    rows = np.empty((height, 1 + width * 4), dtype=np.uint8)
    rows[:, 0] = 0  # each row starts with its filter type: 0, none
    rows[:, 1:] = rgba.reshape(height, width * 4)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits per channel, RGBA
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(rows, 1)),
            chunk(b"IEND", b""),
        )
    )


class _Redrawer:
    """For a plain ``render(**values) -> (fig, info)``: a new figure per move, laid out like the first one."""

    def __init__(self, render):
        self.render = render
        self.positions = None

    def _draw(self, values):
        import matplotlib.pyplot as plt

        fig, info = self.render(**values)
        plt.close(fig)
        _canvas_class()(fig)
        if self.positions is None:
            fig.canvas.draw()
            self.positions = [ax.get_position() for ax in fig.axes]
        else:
            fig.set_layout_engine("none")
            if len(fig.axes) == len(self.positions):
                for ax, position in zip(fig.axes, self.positions, strict=True):
                    ax.set_position(position)
            fig.canvas.draw()
        self.fig = fig
        return info

    start = update = _draw

    def png(self) -> bytes:
        return _Blitter.png(self)  # same encoding

    @property
    def view(self):
        return self


def explorer(render, controls: dict, describe=format_info):
    """Wire ipywidgets controls to a view (or a render function) and return the explorer to display.

    Parameters
    ----------
    render : View or callable
        A :class:`View` (fast: updated in place), or ``render(**values) -> (fig, info)`` (a new figure per
        move, for figures whose every part changes).
    controls : dict of str to ipywidgets.ValueWidget
        The controls, keyed by the names of ``update``'s (or ``render``'s) parameters.
    describe : callable, optional
        Turns ``info`` into the readout's text (default: :func:`format_info`).

    Returns
    -------
    ipywidgets.VBox
        The controls, a one-line readout (``.readout``) and the figure (``.image``, an ``ipywidgets.Image``).
        A value that ``update`` rejects with ``ValueError``/``TypeError`` (an unknown word typed into a text
        box, say) shows the message in the readout and keeps the last figure. ``.timing.last_seconds`` is the
        kernel time of the last move.

    Examples
    --------
    In a notebook (tests/test_ui.py runs this)::

        box = explorer(Sine(), {"k": widgets.FloatSlider(value=1, min=0.5, max=4)})
        box.readout.value   # 'k = 1.0'
        box                 # shows the slider, the readout and the figure
    """
    import ipywidgets as widgets

    if not isinstance(controls, dict) or not controls:
        raise TypeError(f"controls must be a non-empty dict of name -> ipywidgets control; got {controls!r}")
    if isinstance(render, View):
        engine = _Blitter(render)
    elif callable(render):
        engine = _Redrawer(render)
    else:
        raise TypeError(f"render must be an rnnlib View or a function; got {type(render).__name__}")
    use_style()
    readout = widgets.HTML(layout=widgets.Layout(margin="0 0 0 8px"))
    readout.add_class("rnnlib-readout")
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
    image.add_class("rnnlib-figure")
    started = False

    def refresh(change=None):
        nonlocal started
        begin = time.perf_counter()
        values = {name: control.value for name, control in controls.items()}
        try:
            info = engine.update(values) if started else engine.start(values)
        except (ValueError, TypeError) as error:
            if not started:
                raise
            readout.value = f"⚠ {error}"
            return
        started = True
        image.value = engine.png()
        readout.value = describe(info)
        refresh.last_seconds = time.perf_counter() - begin

    refresh.last_seconds = None
    refresh()
    for control in controls.values():
        control.observe(refresh, names="value")
    box = widgets.VBox([widgets.HBox(list(controls.values())), readout, image])
    box.readout, box.image, box.timing = readout, image, refresh
    return box
