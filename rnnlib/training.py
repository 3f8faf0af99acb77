"""Training several small Keras models of one architecture without preparing Keras' training step each time.

The first ``model.fit`` of a Keras model traces its training step into a TensorFlow graph. For the lessons'
small networks that preparation takes longer than the training itself (about 0.7 s against 0.5 s for lesson
02's echo RNN on a 2-core CPU), and every new model pays it again. :func:`fit_each` pays it once: one
compiled copy trains every model in turn, starting from that model's own weights with a fresh optimizer, and
hands the trained weights back. The result is what ``model.fit`` on each model gives (a test checks that the
weights are identical).

Importing this module is cheap; Keras is imported when :func:`fit_each` runs.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array

__all__ = ["fit_each"]


def _weights_shapes(model) -> list[tuple]:
    return [tuple(w.shape) for w in model.weights]


def _compile_settings(model) -> dict:
    """The model's compile configuration without the optimizer's instance name (adam, adam_1 …)."""
    config = model.get_compile_config()
    optimizer = dict(config.get("optimizer") or {})
    optimizer["config"] = {k: v for k, v in (optimizer.get("config") or {}).items() if k != "name"}
    return {**config, "optimizer": optimizer}


def fit_each(models, data, *, callbacks=None, **fit_args) -> list:
    """Train each compiled model on its own data, as ``model.fit(x, y, **fit_args)`` would, tracing once.

    Parameters
    ----------
    models : list of keras.Model
        Compiled (``model.compile(...)``), not yet trained, all with the same layers, shapes and compile
        settings (e.g. built by one function). Each starts from its own initial weights.
    data : list of (x, y)
        One pair per model; ``x`` of shape ``(batch, time, features)``, ``y`` as the model's output.
    callbacks : list of lists of keras.callbacks.Callback, optional
        One list per model (e.g. a progress bar each).
    **fit_args
        Passed to ``fit`` (``epochs``, ``batch_size``, ``verbose`` …); not ``x``, ``y`` or ``callbacks``.

    Returns
    -------
    list of keras.callbacks.History
        One per model, as ``fit`` returns it. The models now hold their trained weights.

    Notes
    -----
    The trained weights are those of separate ``fit`` calls, bit for bit. The random state afterwards is not: the
    compiled copy draws (and then overwrites) initial weights of its own, so reseed (``rnnlib.seed_everything``)
    before anything random that should repeat.

    Examples
    --------
    >>> import keras, numpy as np
    >>> def small():
    ...     m = keras.Sequential([keras.Input((None, 1)), keras.layers.SimpleRNN(2), keras.layers.Dense(1)])
    ...     m.compile(optimizer="adam", loss="mse")
    ...     return m
    >>> x, y = np.zeros((4, 3, 1), "float32"), np.zeros((4, 1), "float32")
    >>> histories = fit_each([small(), small()], [(x, y), (x, y)], epochs=2, verbose=0)
    >>> [len(h.history["loss"]) for h in histories]
    [2, 2]
    """
    import keras

    if not isinstance(models, (list, tuple)) or not models:
        raise TypeError(f"models must be a non-empty list of compiled keras.Model; got {models!r:.60}")
    for i, model in enumerate(models):
        if not isinstance(model, keras.Model):
            raise TypeError(f"models[{i}] must be a keras.Model; got {type(model).__name__}")
        if getattr(model, "optimizer", None) is None:
            raise ValueError(f"models[{i}] must be compiled (model.compile(...)) before fit_each")
        if _weights_shapes(model) != _weights_shapes(models[0]):
            raise ValueError(f"models[{i}] must have the same weights' shapes as models[0]: one architecture")
        if _compile_settings(model) != _compile_settings(models[0]):
            raise ValueError(f"models[{i}] must be compiled as models[0] is (same optimizer, loss, metrics)")
    if not isinstance(data, (list, tuple)) or len(data) != len(models):
        raise TypeError(f"data must be a list of {len(models)} (x, y) pairs, one per model; got {data!r:.60}")
    pairs = []
    for i, pair in enumerate(data):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise TypeError(f"data[{i}] must be an (x, y) pair; got {type(pair).__name__}")
        x = as_array(pair[0], f"data[{i}][0] (x)", layout="(batch, time, features)")
        y = as_array(pair[1], f"data[{i}][1] (y)")
        if x.ndim != 3 or len(x) == 0 or len(y) != len(x):
            raise ValueError(
                f"data[{i}] must be x (batch, time, features) with batch ≥ 1 and y with as many rows; "
                f"got x {x.shape}, y {y.shape}"
            )
        pairs.append((x, y))
    if callbacks is None:
        callbacks = [[] for _ in models]
    if not isinstance(callbacks, (list, tuple)) or len(callbacks) != len(models):
        raise TypeError(
            f"callbacks must be a list of {len(models)} lists, one per model; got {callbacks!r:.60}"
        )
    for i, model_callbacks in enumerate(callbacks):
        if not isinstance(model_callbacks, (list, tuple)) or not all(
            isinstance(c, keras.callbacks.Callback) for c in model_callbacks
        ):
            raise TypeError(
                f"callbacks[{i}] must be a list of keras.callbacks.Callback; got {model_callbacks!r:.60}"
            )
    for name in ("x", "y", "callbacks", "validation_split"):
        if name in fit_args:
            raise TypeError(f"fit_each got {name}=…: pass x and y in data, callbacks as one list per model")

    trainer = keras.models.clone_model(models[0])
    trainer.compile_from_config(models[0].get_compile_config())
    trainer.optimizer.build(trainer.trainable_variables)
    fresh = [np.array(v.numpy()) for v in trainer.optimizer.variables]  # step 0, no moments
    histories = []
    for model, (x, y), model_callbacks in zip(models, pairs, callbacks, strict=True):
        trainer.set_weights(model.get_weights())
        for variable, value in zip(trainer.optimizer.variables, fresh, strict=True):
            variable.assign(value)
        histories.append(trainer.fit(x, y, callbacks=list(model_callbacks), **fit_args))
        model.set_weights(trainer.get_weights())
    return histories
