"""The RNN cell of the design document as a Keras layer, and the explicit-state version rnnlib checks.

This module imports TensorFlow and Keras (``import rnnlib`` does not import it).

:class:`MyRNNCell` is the design document's cell, made to run under Keras 3 / TensorFlow 2.21:

* the weights are created with ``self.add_weight(shape=..., initializer=..., name=...)`` (Keras 3 keywords),
  ``super().__init__(**kwargs)`` passes ``name``/``dtype`` on, and, as the weights are made in ``__init__``
  rather than in ``build()``, the layer marks itself built (otherwise ``count_params()`` refuses);
* the products are matrix products (``@``), not element-wise ``*``: with column vectors,
  ``W_hh @ h`` is ``(units, units) @ (units, 1) -> (units, 1)``;
* the hidden state lives on the layer as ``self.h`` (a ``(units, 1)`` column), exactly as in the design
  document, and that is the trap: every call starts from whatever the previous call left there, so a
  second sequence starts from the first sequence's final state.

:class:`ExplicitRNNCell` is the fix: ``call(x_t, h_prev) -> (y_t, h_t)`` takes the state and returns it,
holds no state between calls, works on a batch (row layout, like Keras) and adds the biases. Its
:meth:`ExplicitRNNCell.unroll` runs a whole ``(batch, time, features)`` batch and is what the tests and
lesson 02 check against ``keras.layers.SimpleRNN(return_sequences=True)`` + ``Dense``.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from ._validate import as_array, as_int
from .rnn import RNNCell

__all__ = ["ExplicitRNNCell", "MyRNNCell"]


def _add_weights(layer, **weights):
    """Create the layer's weights ``name=(shape, initializer)``, in the order given (it fixes the seeded draws)."""
    for name, (shape, initializer) in weights.items():
        setattr(layer, name, layer.add_weight(shape=shape, initializer=initializer, name=name))
    layer.built = True  # the weights exist already (made here, not in build()), so Keras may count them


class MyRNNCell(keras.layers.Layer):
    """The design document's cell: weights W_xh, W_hh, W_hy and a hidden state kept on the layer (``self.h``).

    ``call(x)`` takes one time step as a column ``x`` of shape ``(input_dim, 1)`` and does::

        self.h = tanh(W_hh @ self.h + W_xh @ x)
        output = W_hy @ self.h

    returning ``(output, self.h)`` with shapes ``(output_dim, 1)`` and ``(rnn_units, 1)``.

    Because ``self.h`` survives between calls, two sequences fed one after the other are *not*
    independent: the second starts where the first ended. :meth:`reset_state` sets ``self.h`` back to
    zeros; forgetting to call it is the classic stateful-RNN bug. :class:`ExplicitRNNCell` avoids it.

    ``**kwargs`` go to ``keras.layers.Layer`` (``name``, ``dtype``).

    >>> cell = MyRNNCell(rnn_units=3, input_dim=2, output_dim=1)
    >>> x = np.ones((2, 1), dtype="float32")
    >>> out_1, h_1 = cell(x)
    >>> out_2, h_2 = cell(x)                   # same input, different state: h_1 was kept
    >>> tuple(h_1.shape), bool(np.allclose(h_1, h_2))
    ((3, 1), False)
    >>> cell.reset_state(); _, h_again = cell(x)
    >>> bool(np.allclose(h_again, h_1))
    True
    """

    def __init__(self, rnn_units: int, input_dim: int, output_dim: int, **kwargs):
        super().__init__(**kwargs)
        self.rnn_units = as_int(rnn_units, "rnn_units", minimum=1)
        self.input_dim = as_int(input_dim, "input_dim", minimum=1)
        self.output_dim = as_int(output_dim, "output_dim", minimum=1)
        units, glorot = self.rnn_units, "glorot_uniform"
        weights = {"W_xh": ((units, self.input_dim), glorot), "W_hh": ((units, units), "orthogonal")}
        _add_weights(self, **weights, W_hy=((self.output_dim, units), glorot))
        self.reset_state()

    def reset_state(self) -> None:
        """Set the stored hidden state back to h_0 = 0."""
        self.h = tf.zeros((self.rnn_units, 1), dtype=self.compute_dtype)

    def call(self, x):
        self.h = tf.math.tanh(self.W_hh @ self.h + self.W_xh @ x)
        output = self.W_hy @ self.h
        return output, self.h


class ExplicitRNNCell(keras.layers.Layer):
    """An RNN cell that takes the state and returns it: ``call(x_t, h_prev) -> (y_t, h_t)``; nothing is kept.

    The weights use the lessons' names and column-vector shapes (``W_xh`` ``(units, input_dim)``,
    ``W_hh`` ``(units, units)``, ``W_hy`` ``(output_dim, units)``, ``b_h``, ``b_y``); a batch is computed
    in rows like Keras does::

        h_t = tanh(h_prev @ W_hh.T + x_t @ W_xh.T + b_h)      x_t (batch, input_dim), h_prev (batch, units)
        y_t = h_t @ W_hy.T + b_y

    ``**kwargs`` go to ``keras.layers.Layer`` (``name``, ``dtype`` such as ``"float64"``).

    >>> cell = ExplicitRNNCell(units=4, input_dim=3, output_dim=2)
    >>> y_1, h_1 = cell(np.ones((5, 3), "float32"), np.zeros((5, 4), "float32"))   # a batch of 5, one step
    >>> tuple(y_1.shape), tuple(h_1.shape)
    ((5, 2), (5, 4))
    >>> y_hat, h = cell.unroll(np.ones((5, 7, 3), "float32"))                         # 7 steps
    >>> tuple(y_hat.shape), tuple(h.shape)
    ((5, 7, 2), (5, 7, 4))
    """

    def __init__(self, units: int, input_dim: int, output_dim: int, **kwargs):
        super().__init__(**kwargs)
        self.units = as_int(units, "units", minimum=1)
        self.input_dim = as_int(input_dim, "input_dim", minimum=1)
        self.output_dim = as_int(output_dim, "output_dim", minimum=1)
        units, output, glorot = self.units, self.output_dim, "glorot_uniform"
        weights = {"W_xh": ((units, self.input_dim), glorot), "W_hh": ((units, units), "orthogonal")}
        weights.update(W_hy=((output, units), glorot), b_h=((units,), "zeros"), b_y=((output,), "zeros"))
        _add_weights(self, **weights)

    @classmethod
    def from_numpy(cls, cell: RNNCell, **kwargs) -> ExplicitRNNCell:
        """A layer holding a copy of an :class:`rnnlib.rnn.RNNCell`'s weights (dtype follows the cell's).

        >>> from rnnlib.rnn import RNNCell
        >>> layer = ExplicitRNNCell.from_numpy(RNNCell(3, 4, 2, seed=0))
        >>> layer.dtype
        'float64'
        """
        if not isinstance(cell, RNNCell):
            raise TypeError(f"cell must be an rnnlib.rnn.RNNCell; got {type(cell).__name__}")
        if cell.activation != "tanh":
            raise ValueError(
                f"cell.activation must be 'tanh' (this layer uses tanh); got {cell.activation!r}"
            )
        kwargs.setdefault("dtype", np.dtype(cell.dtype).name)
        layer = cls(cell.units, cell.input_size, cell.output_size, **kwargs)
        for name, value in cell.params.items():
            getattr(layer, name).assign(value)
        return layer

    def call(self, x_t, h_prev):
        h_t = tf.math.tanh(h_prev @ tf.transpose(self.W_hh) + x_t @ tf.transpose(self.W_xh) + self.b_h)
        y_t = h_t @ tf.transpose(self.W_hy) + self.b_y
        return y_t, h_t

    def unroll(self, x, h0=None):
        """Run the cell over every step of ``x`` (batch, time, input_dim), passing the state along from ``h0``
        (batch, units), zeros unless given: ``y_hat`` (batch, time, output_dim) and the states h_1 … h_T
        ``h`` (batch, time, units)."""
        layout = f"(batch, time, features) = (?, ?, {self.input_dim})"
        x = as_array(x, "x", ndim=3, layout=layout, dtype=self.compute_dtype)
        if x.shape[-1] != self.input_dim:
            raise ValueError(f"x must be {layout}; got shape {x.shape}")
        batch, time, _ = x.shape
        h_t = np.zeros((batch, self.units)) if h0 is None else h0
        h_t = tf.constant(
            as_array(h_t, "h0", shape=(batch, self.units), layout="(batch, units)", dtype=self.compute_dtype)
        )
        x = tf.constant(x)
        ys, hs = [], []
        for t in range(time):
            y_t, h_t = self(x[:, t], h_t)
            ys.append(y_t)
            hs.append(h_t)
        return tf.stack(ys, axis=1).numpy(), tf.stack(hs, axis=1).numpy()
