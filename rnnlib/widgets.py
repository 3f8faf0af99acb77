"""Interactive explorers and training progress for the lessons (imports ipywidgets and pyplot).

Every explorer is built on a *pure render function* ``render(**values) -> (fig, info)`` that
draws one figure for fixed control values and returns the numbers it shows. The explorer only
wires controls to it, so the lesson can call the same function for one fixed value in a checked
cell (nbval cannot compare a live widget's output).
"""

from __future__ import annotations

import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

from .plots import use_style

__all__ = ["explorer", "format_info", "training_progress"]


def format_info(info: dict, digits: int = 4) -> str:
    """One line of ``name = value`` pairs for an explorer's readout.

    >>> format_info({"t": 3, "y_t": 0.123456})
    't = 3 · y_t = 0.1235'
    """
    parts = []
    for key, value in info.items():
        if isinstance(value, float):
            value = round(value, digits)
        elif hasattr(value, "round") and hasattr(value, "tolist"):
            value = value.round(digits).tolist()
        parts.append(f"{key} = {value}")
    return " · ".join(parts)


def explorer(render, controls: dict, describe=format_info):
    """Wire ipywidgets controls to a pure render function and return the explorer to display.

    Parameters
    ----------
    render : callable
        ``render(**values) -> (fig, info)``; ``values`` has one entry per control.
    controls : dict of str to ipywidgets.ValueWidget
        The controls, keyed by ``render``'s parameter names.
    describe : callable, optional
        Turns ``info`` into the readout's text (default: :func:`format_info`).

    Returns
    -------
    ipywidgets.VBox
        Controls, a one-line readout (``.readout``, a ``widgets.HTML``) and the figure.

    Examples
    --------
    In a notebook (outside one, ipywidgets has nowhere to draw; tests/test_core.py runs this)::

        def render(t):
            fig, ax = plt.subplots()
            ax.plot(range(t + 1))
            ax.set_title(f"t = {t}")
            return fig, {"t": t}

        box = explorer(render, {"t": widgets.IntSlider(value=1, min=0, max=5)})
        box.readout.value   # 't = 1'
        box                 # shows the slider, the readout and the figure
    """
    use_style()
    readout = widgets.HTML(layout=widgets.Layout(margin="0 0 0 8px"))
    readout.add_class("rnnlib-readout")

    def show(**values):
        start = time.perf_counter()
        fig, info = render(**values)
        readout.value = describe(info)
        plt.show()
        show.last_seconds = time.perf_counter() - start
        plt.close(fig)

    show.last_seconds = None
    output = widgets.interactive_output(show, controls)
    box = widgets.VBox([widgets.HBox(list(controls.values())), readout, output])
    box.readout = readout
    box.timing = show
    return box


def training_progress(epochs: int, description: str = "Training"):
    """A Keras callback that shows training as a progress bar (a widget, so nbval skips its updates).

    Use it instead of ``verbose=1`` (whose text progress bar changes every run)::

        model.fit(X, y, epochs=20, verbose=0, callbacks=[training_progress(20)])

    Returns
    -------
    keras.callbacks.Callback
    """
    import keras

    bar = widgets.IntProgress(value=0, min=0, max=int(epochs), description=description)

    class _Progress(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            bar.value = 0
            display(bar)

        def on_epoch_end(self, epoch, logs=None):
            bar.value = epoch + 1

        def on_train_end(self, logs=None):
            bar.bar_style = "success"

    return _Progress()
