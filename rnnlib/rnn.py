"""A recurrent neural network cell from scratch, in numpy, and its translation to Keras' layout.

The maths is written with column vectors, as in the lessons::

    h_t   = f(W_hh h_{t-1} + W_xh x_t + b_h)        h_0 = 0 unless given
    ŷ_t   = W_hy h_t + b_y

with ``W_xh`` of shape ``(units, input_size)``, ``W_hh`` ``(units, units)``, ``W_hy``
``(output_size, units)``, ``b_h`` ``(units,)`` and ``b_y`` ``(output_size,)``. A batch is computed in
row layout (one sequence per row, ``h @ W_hh.T``), which is the same arithmetic.

Keras stores the transposes: ``SimpleRNN``'s ``kernel`` is ``(input, units)`` = ``W_xh.T``, its
``recurrent_kernel`` ``(units, units)`` = ``W_hh.T``, and ``Dense``'s ``kernel`` ``(units, output)`` =
``W_hy.T``. :func:`to_keras` is the one place that translation happens.

numpy only: importing this module never imports TensorFlow.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_float, as_int, one_of

__all__ = ["RNNCell", "to_keras"]

#: The activations a cell may use, by name.
_ACTIVATIONS = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0)}

_FLOAT_DTYPES = (np.float32, np.float64)


def _as_dtype(dtype, name: str = "dtype"):
    if dtype is None:  # numpy would read None as float64
        raise TypeError(f"{name} must be np.float32 or np.float64; got None")
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(
            f"{name} must be a numpy float dtype (np.float32 or np.float64); got {dtype!r}"
        ) from None
    if dt.type not in _FLOAT_DTYPES:
        raise ValueError(f"{name} must be np.float32 or np.float64; got {dt}")
    return dt.type


def _glorot_uniform(rng, rows, cols, dtype):
    limit = np.sqrt(6.0 / (rows + cols))
    return rng.uniform(-limit, limit, size=(rows, cols)).astype(dtype)


def _orthogonal(rng, n, dtype):
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    q = q * np.sign(np.diag(r))  # a uniformly distributed orthogonal matrix
    return q.astype(dtype)


class RNNCell:
    """A vanilla (Elman) RNN cell with an output layer: ``h_t = f(W_hh h_{t-1} + W_xh x_t + b_h)``, ``ŷ_t = W_hy h_t + b_y``.

    ``input_size``, ``units`` and ``output_size`` are the sizes of x_t, h_t and ŷ_t; ``activation`` f is
    ``"tanh"`` or ``"relu"``; ``seed`` seeds the initial weights (the same seed gives the same cell);
    ``dtype`` (np.float64 or np.float32, to compare with Keras' default) is that of the weights and of
    every computation. The cell starts like Keras does (Glorot-uniform ``W_xh`` and ``W_hy``, an
    orthogonal ``W_hh``) unless ``weight_scale`` is given: then every entry of the three is normal with
    that standard deviation. Biases start at zero. The attributes ``W_xh`` (units, input_size), ``W_hh``
    (units, units), ``W_hy`` (output_size, units), ``b_h`` (units,) and ``b_y`` (output_size,) are the weights.

    >>> cell = RNNCell(input_size=3, units=4, output_size=2, seed=0)
    >>> cell.W_xh.shape, cell.W_hh.shape, cell.W_hy.shape
    ((4, 3), (4, 4), (2, 4))
    >>> y_hat, h = cell.forward(np.ones((5, 3)))          # one sequence: (time, features)
    >>> y_hat.shape, h.shape
    ((5, 2), (5, 4))
    >>> y_hat, h = cell.forward(np.ones((8, 5, 3)))       # a batch: (batch, time, features)
    >>> y_hat.shape, h.shape
    ((8, 5, 2), (8, 5, 4))
    >>> cell.parameter_count()                            # 4*3 + 4*4 + 4 + 2*4 + 2
    42
    """

    def __init__(
        self,
        input_size: int,
        units: int,
        output_size: int,
        *,
        activation: str = "tanh",
        seed: int = 0,
        dtype=np.float64,
        weight_scale: float | None = None,
    ):
        input_size = as_int(input_size, "input_size", minimum=1)
        units = as_int(units, "units", minimum=1)
        output_size = as_int(output_size, "output_size", minimum=1)
        activation = one_of(activation, "activation", tuple(_ACTIVATIONS))
        seed = as_int(seed, "seed", minimum=0)
        dtype = _as_dtype(dtype)
        rng = np.random.default_rng(seed)
        if weight_scale is None:
            W_xh = _glorot_uniform(rng, units, input_size, dtype)
            W_hh = _orthogonal(rng, units, dtype)
            W_hy = _glorot_uniform(rng, output_size, units, dtype)
        else:
            scale = as_float(weight_scale, "weight_scale", minimum=0.0)
            W_xh = (scale * rng.normal(size=(units, input_size))).astype(dtype)
            W_hh = (scale * rng.normal(size=(units, units))).astype(dtype)
            W_hy = (scale * rng.normal(size=(output_size, units))).astype(dtype)
        self._set(W_xh, W_hh, W_hy, np.zeros(units, dtype), np.zeros(output_size, dtype), activation)

    def _set(self, W_xh, W_hh, W_hy, b_h, b_y, activation):
        self.W_xh, self.W_hh, self.W_hy, self.b_h, self.b_y = W_xh, W_hh, W_hy, b_h, b_y
        self.activation = activation

    @property
    def input_size(self) -> int:
        return self.W_xh.shape[1]

    @property
    def units(self) -> int:
        return self.W_hh.shape[0]

    @property
    def output_size(self) -> int:
        return self.W_hy.shape[0]

    @property
    def dtype(self):
        return self.W_hh.dtype.type

    @property
    def params(self) -> dict:
        """The parameters by name: ``{"W_xh", "W_hh", "W_hy", "b_h", "b_y"}`` (the arrays themselves, not copies)."""
        return {"W_xh": self.W_xh, "W_hh": self.W_hh, "W_hy": self.W_hy, "b_h": self.b_h, "b_y": self.b_y}

    def parameter_count(self) -> int:
        """Number of trainable numbers: ``units·input + units·units + units + output·units + output``.

        It does not depend on the sequence length: every time step reuses the same matrices.

        >>> RNNCell(1, 2, 1).parameter_count()
        11
        """
        return int(sum(p.size for p in self.params.values()))

    @classmethod
    def from_params(cls, W_xh, W_hh, W_hy, b_h, b_y, activation: str = "tanh") -> RNNCell:
        """Build a cell from given weights (column-vector layout), checking that their shapes fit together.

        The dtype is float32 if every array is float32, else float64. The arrays are copied.

        >>> cell = RNNCell.from_params(W_xh=[[1.0], [0.5]], W_hh=np.eye(2), W_hy=[[1.0, -1.0]], b_h=[0, 0], b_y=[0])
        >>> cell.units, cell.input_size, cell.output_size
        (2, 1, 1)
        """
        activation = one_of(activation, "activation", tuple(_ACTIVATIONS))
        raw = {"W_xh": W_xh, "W_hh": W_hh, "W_hy": W_hy, "b_h": b_h, "b_y": b_y}
        all32 = all(getattr(v, "dtype", None) == np.float32 for v in raw.values())
        dtype = np.float32 if all32 else np.float64
        W_hh = as_array(W_hh, "W_hh", ndim=2, layout="(units, units)", dtype=dtype)
        units = W_hh.shape[0]
        if W_hh.shape != (units, units):
            raise ValueError(f"W_hh must be square, (units, units); got shape {W_hh.shape}")
        W_xh = as_array(W_xh, "W_xh", shape=(units, None), layout="(units, input)", dtype=dtype)
        W_hy = as_array(W_hy, "W_hy", shape=(None, units), layout="(output, units)", dtype=dtype)
        b_h = as_array(b_h, "b_h", shape=(units,), layout="(units,)", dtype=dtype)
        b_y = as_array(b_y, "b_y", shape=(W_hy.shape[0],), layout="(output,)", dtype=dtype)
        cell = cls.__new__(cls)
        cell._set(*(np.array(a, dtype=dtype, copy=True) for a in (W_xh, W_hh, W_hy, b_h, b_y)), activation)
        return cell

    def copy(self) -> RNNCell:
        """An independent copy (changing its weights leaves this cell alone)."""
        cell = type(self).__new__(type(self))
        cell._set(*(p.copy() for p in self.params.values()), self.activation)
        return cell

    def __repr__(self) -> str:
        return (
            f"RNNCell(input_size={self.input_size}, units={self.units}, output_size={self.output_size}, "
            f"activation={self.activation!r}, dtype={np.dtype(self.dtype).name})"
        )

    def _next_state(self, h_prev, x_t):
        # The one arithmetic of step(), forward() and so of BPTT: the same sum, in the same order, every time.
        return _ACTIVATIONS[self.activation](h_prev @ self.W_hh.T + x_t @ self.W_xh.T + self.b_h)

    def step(self, x_t, h_prev=None):
        """One time step: ``h_t = f(W_hh h_prev + W_xh x_t + b_h)``, ``y_t = W_hy h_t + b_y``.

        ``x_t`` is (features,) or (batch, features), ``h_prev`` (units,) or (batch, units), zeros (h_0 = 0)
        if omitted. Returns ``y_t`` (output,) or (batch, output) and ``h_t`` (units,) or (batch, units).

        >>> cell = RNNCell.from_params([[1.0]], [[0.5]], [[2.0]], [0.0], [0.0])
        >>> y_1, h_1 = cell.step([1.0])              # h_1 = tanh(0.5·0 + 1·1)
        >>> round(float(h_1[0]), 4), round(float(y_1[0]), 4)
        (0.7616, 1.5232)
        """
        x_t = as_array(x_t, "x_t", ndim=(1, 2), layout="(features,) or (batch, features)", dtype=self.dtype)
        if x_t.shape[-1] != self.input_size:
            n = self.input_size
            want = f"(features,) = ({n},)" if x_t.ndim == 1 else f"(batch, features) = (?, {n})"
            raise ValueError(f"x_t must be {want}; got shape {x_t.shape}")
        h_t = self._next_state(self._initial_state(h_prev, x_t.shape[:-1], "h_prev"), x_t)
        return h_t @ self.W_hy.T + self.b_y, h_t

    def forward(self, x, h0=None):
        """Unroll the cell over whole sequences: all outputs and all hidden states.

        ``x`` is (time, features) or (batch, time, features); ``h0`` (units,) or (batch, units) is the initial
        state, zeros if omitted (one (units,) state is shared by every sequence). Returns ``y_hat`` (time,
        output) or (batch, time, output), ``y_hat[..., t, :]`` being ŷ at step t + 1, and the states
        h_1 … h_T, ``h`` (time, units) or (batch, time, units); ``h[..., -1, :]`` is the final state.

        >>> cell = RNNCell.from_params([[1.0]], [[0.5]], [[1.0]], [0.0], [0.0])
        >>> y_hat, h = cell.forward([[1.0], [0.0], [0.0]])   # an impulse fades: h_t = tanh(0.5 h_{t-1})
        >>> h[:, 0].round(4).tolist()
        [0.7616, 0.3634, 0.1797]
        """
        x = self._check_sequence(x, "x")
        xb = x[None] if x.ndim == 2 else x  # (batch, time, features)
        h_t = self._initial_state(h0, xb.shape[:1], "h0")
        h = np.empty(xb.shape[:2] + (self.units,), dtype=self.dtype)
        for t in range(xb.shape[1]):
            h_t = h[:, t] = self._next_state(h_t, xb[:, t])
        y_hat = h @ self.W_hy.T + self.b_y
        return (y_hat[0], h[0]) if x.ndim == 2 else (y_hat, h)

    def _check_sequence(self, x, name):
        layout = f"(time, features) = (?, {self.input_size}) or (batch, time, features) = (?, ?, {self.input_size})"
        x = as_array(x, name, ndim=(2, 3), layout=layout, dtype=self.dtype)
        if x.shape[-1] != self.input_size:
            if x.ndim == 3:
                want = f"(batch, time, features) = (?, ?, {self.input_size})"
            else:
                want = f"(time, features) = (?, {self.input_size})"
            raise ValueError(f"{name} must be {want}; got shape {x.shape}")
        return x

    def _initial_state(self, h, batch_shape, name):
        if h is None:
            return np.zeros(tuple(batch_shape) + (self.units,), dtype=self.dtype)
        h = as_array(h, name, ndim=(1, 2), layout="(units,) or (batch, units)", dtype=self.dtype)
        if h.shape[-1] != self.units:
            raise ValueError(
                f"{name} must be (units,) = ({self.units},) or (batch, units) = (?, {self.units}); got shape {h.shape}"
            )
        if h.ndim == 2:
            if len(batch_shape) == 0 or h.shape[0] != batch_shape[0]:
                want = f"({batch_shape[0]}, {self.units})" if batch_shape else f"({self.units},)"
                raise ValueError(f"{name} must have one row per sequence, {want}; got shape {h.shape}")
        return np.broadcast_to(h, tuple(batch_shape) + (self.units,)).copy() if h.ndim == 1 else h


def to_keras(cell: RNNCell):
    """Translate a cell's weights to Keras' layout (the transposes), for ``SimpleRNN`` and ``Dense``.

    Returns
    -------
    rnn_weights : list of ndarray
        ``[kernel (input, units) = W_xh.T, recurrent_kernel (units, units) = W_hh.T, bias (units,) = b_h]``,
        for ``keras.layers.SimpleRNN(units).set_weights(rnn_weights)``.
    dense_weights : list of ndarray
        ``[kernel (units, output) = W_hy.T, bias (output,) = b_y]``, for ``keras.layers.Dense(output).set_weights``.

    Examples
    --------
    >>> rnn_w, dense_w = to_keras(RNNCell(input_size=3, units=4, output_size=2))
    >>> [w.shape for w in rnn_w], [w.shape for w in dense_w]
    ([(3, 4), (4, 4), (4,)], [(4, 2), (2,)])
    """
    if not isinstance(cell, RNNCell):
        raise TypeError(f"cell must be an RNNCell; got {type(cell).__name__}")
    rnn_weights = [cell.W_xh.T.copy(), cell.W_hh.T.copy(), cell.b_h.copy()]
    dense_weights = [cell.W_hy.T.copy(), cell.b_y.copy()]
    return rnn_weights, dense_weights
