"""Test oracles: independent TensorFlow/Keras computations that rnnlib's numpy code is checked against.

Lessons never use these; they live with the tests. TensorFlow is imported when a function is called.
"""

from __future__ import annotations

import numpy as np

import rnnlib  # noqa: F401  (quiets TensorFlow before it is imported)
from rnnlib.rnn import RNNCell, to_keras

PARAM_NAMES = ("W_xh", "W_hh", "W_hy", "b_h", "b_y")


def keras_rnn_model(cell: RNNCell, *, time: int | None = None, mask_value: float | None = None):
    """``Input -> [Masking] -> SimpleRNN(return_sequences=True) -> Dense`` holding ``cell``'s weights.

    The model returns ``(y_hat, h)`` in the cell's dtype: the Dense outputs ``(batch, time, output)``
    and the SimpleRNN's states ``(batch, time, units)``, comparable with ``cell.forward``.
    """
    import keras

    if not isinstance(cell, RNNCell):
        raise TypeError(f"cell must be an rnnlib.rnn.RNNCell; got {type(cell).__name__}")
    dtype = np.dtype(cell.dtype).name
    inputs = keras.Input(shape=(time, cell.input_size), dtype=dtype)
    x = inputs if mask_value is None else keras.layers.Masking(mask_value=mask_value, dtype=dtype)(inputs)
    rnn = keras.layers.SimpleRNN(cell.units, activation=cell.activation, return_sequences=True, dtype=dtype)
    dense = keras.layers.Dense(cell.output_size, dtype=dtype)
    h = rnn(x)
    y_hat = dense(h)
    rnn_weights, dense_weights = to_keras(cell)
    rnn.set_weights(rnn_weights)
    dense.set_weights(dense_weights)
    return keras.Model(inputs, [y_hat, h])


def tensorflow_gradients(cell: RNNCell, x, y, *, loss: str = "mse", activation: str = "tanh", h0=None):
    """The loss and gradients of ``rnnlib.bptt.loss_and_gradients``, from ``tf.GradientTape`` (float64).

    Keras' ``SimpleRNN`` and ``Dense`` get the cell's weights; the loss is the same sum over steps, mean
    over the batch. Returns ``(L, grads)`` with the gradients in column-vector layout.
    """
    import keras
    import tensorflow as tf

    p = {k: np.asarray(v, dtype=np.float64) for k, v in cell.params.items()}
    xb = np.asarray(x, dtype=np.float64)
    xb = xb[None] if xb.ndim == 2 else xb
    units, output = p["W_hh"].shape[0], p["W_hy"].shape[0]
    yb = np.asarray(y, dtype=np.float64 if loss == "mse" else np.int64)
    yb = yb.reshape(xb.shape[:2] + ((output,) if loss == "mse" else ()))

    rnn = keras.layers.SimpleRNN(units, activation=activation, return_sequences=True, dtype="float64")
    dense = keras.layers.Dense(output, dtype="float64")
    inputs = tf.constant(xb)
    state = None if h0 is None else [tf.constant(np.broadcast_to(h0, (xb.shape[0], units)).copy())]
    dense(rnn(inputs, initial_state=state))  # build the layers, then load the weights
    rnn.set_weights([p["W_xh"].T, p["W_hh"].T, p["b_h"]])
    dense.set_weights([p["W_hy"].T, p["b_y"]])
    variables = [*rnn.trainable_weights, *dense.trainable_weights]  # kernel, recurrent, bias, kernel, bias
    with tf.GradientTape() as tape:
        y_hat = dense(rnn(inputs, initial_state=state))
        if loss == "mse":
            per_step = tf.reduce_mean(tf.square(y_hat - tf.constant(yb)), axis=-1)
        else:
            per_step = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(yb), logits=y_hat)
        L = tf.reduce_mean(tf.reduce_sum(per_step, axis=-1))
    g = [v.numpy() for v in tape.gradient(L, variables)]
    grads = {"W_xh": g[0].T, "W_hh": g[1].T, "b_h": g[2], "W_hy": g[3].T, "b_y": g[4]}
    return float(L.numpy()), {name: grads[name] for name in PARAM_NAMES}
