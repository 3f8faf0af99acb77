"""Loss over time and backpropagation through time (BPTT), by hand, in numpy.

A many-to-many RNN makes a prediction at every step, so it gets a loss at every step; the loss we
minimise is their sum (averaged over the sequences of a batch)::

    L = Σ_t L_t(ŷ_t, y_t)        ŷ_t = W_hy h_t + b_y,   h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h)

Backpropagation through time walks the unrolled network backwards, from t = T down to t = 1. At
step t the hidden state h_t receives gradient from two places: from its own output ŷ_t, and from
the future, through h_{t+1}. That second part is ``dh_next`` (Karpathy's ``dhnext``), the gradient
flowing back through h::

    δy_t    = ∂L_t/∂ŷ_t                                   (from the loss at step t)
    dh_t    = W_hyᵀ δy_t + dh_next                        (∂L/∂h_t: own output + everything later)
    dz_t    = (1 − h_t²) ⊙ dh_t                           (back through tanh, z_t = pre-activation)
    dW_hy  += δy_t h_tᵀ      db_y += δy_t
    dW_xh  += dz_t x_tᵀ      dW_hh += dz_t h_{t-1}ᵀ       db_h += dz_t
    dh_next = W_hhᵀ dz_t                                  (what h_{t-1} receives from step t)

The weights are shared by every step, so their gradients are sums over t. ``dh_next`` starts at
zero (nothing comes after the last step). Because it is multiplied by ``W_hhᵀ`` and by tanh's slope
once per step, it shrinks or grows geometrically with the distance: vanishing and exploding
gradients (see :mod:`rnnlib.gradients`).

Checks: :func:`gradient_check` compares the hand-written gradients with central differences, and
:func:`tensorflow_gradients` computes them with ``tf.GradientTape`` through Keras' own ``SimpleRNN``
(TensorFlow is imported inside that function only). Clip gradients (:func:`clip_by_global_norm`)
*after* checking them, in the training loop, never inside the loss.

Parameters are passed as a dict ``{"W_xh", "W_hh", "W_hy", "b_h", "b_y"}`` in column-vector layout
(``W_xh`` (units, input), ``W_hh`` (units, units), ``W_hy`` (output, units)), or as an
:class:`rnnlib.rnn.RNNCell` (its ``.params``). Sequences are ``(time, features)`` or
``(batch, time, features)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import as_array, as_float, as_int, one_of

__all__ = [
    "PARAM_NAMES",
    "Adam",
    "Cache",
    "backward",
    "clip_by_global_norm",
    "cross_entropy_loss",
    "forward",
    "global_norm",
    "gradient_check",
    "loss_and_gradients",
    "mse_loss",
    "numerical_gradients",
    "plot_loss_curves",
    "plot_step_losses",
    "relative_error",
    "step_losses",
    "tensorflow_gradients",
    "total_loss",
    "train",
]

#: The parameter names, in the order used everywhere (the order of ``RNNCell.params``).
PARAM_NAMES = ("W_xh", "W_hh", "W_hy", "b_h", "b_y")
LOSSES = ("mse", "cross_entropy")
#: A training loss above this counts as diverged: :func:`train` stops.
DIVERGED = 1e10
ACTIVATIONS = ("tanh", "relu")


# -- parameters and inputs -----------------------------------------------------------------------------


def _params(params) -> dict:
    """Validate a parameter dict (or an RNNCell) and return {name: float array}, shapes checked."""
    if hasattr(params, "params") and not isinstance(params, dict):
        params = params.params
    if not isinstance(params, dict):
        raise TypeError(
            f"params must be a dict with keys {', '.join(PARAM_NAMES)} or an RNNCell; got {type(params).__name__}"
        )
    missing = [k for k in PARAM_NAMES if k not in params]
    if missing:
        raise ValueError(f"params must have the keys {', '.join(PARAM_NAMES)}; missing {', '.join(missing)}")
    W_hh = as_array(params["W_hh"], "params['W_hh']", ndim=2, layout="(units, units)", dtype=None)
    dtype = W_hh.dtype if W_hh.dtype in (np.float32, np.float64) else np.float64
    units = W_hh.shape[0]
    if W_hh.shape != (units, units):
        raise ValueError(f"params['W_hh'] must be square, (units, units); got shape {W_hh.shape}")
    out = {"W_hh": W_hh.astype(dtype, copy=False)}
    out["W_xh"] = as_array(
        params["W_xh"], "params['W_xh']", shape=(units, None), layout="(units, input)", dtype=dtype
    )
    out["W_hy"] = as_array(
        params["W_hy"], "params['W_hy']", shape=(None, units), layout="(output, units)", dtype=dtype
    )
    out["b_h"] = as_array(params["b_h"], "params['b_h']", shape=(units,), layout="(units,)", dtype=dtype)
    output = out["W_hy"].shape[0]
    out["b_y"] = as_array(params["b_y"], "params['b_y']", shape=(output,), layout="(output,)", dtype=dtype)
    return {k: out[k] for k in PARAM_NAMES}


def _sequence(x, input_size: int, dtype):
    layout = f"(time, features) = (?, {input_size}) or (batch, time, features) = (?, ?, {input_size})"
    x = as_array(x, "x", ndim=(2, 3), layout=layout, dtype=dtype)
    if x.shape[-1] != input_size:
        raise ValueError(f"x must be {layout}; got shape {x.shape}")
    return x


# -- losses --------------------------------------------------------------------------------------------


def mse_loss(y_hat, y):
    """Per-step squared error and its gradient: ``L_t = mean_k (ŷ_t,k − y_t,k)²``.

    Parameters
    ----------
    y_hat : array-like, shape (time, output) or (batch, time, output)
    y : array-like, the same shape (for one output, ``(time,)`` or ``(batch, time)`` also works)

    Returns
    -------
    losses : ndarray, shape (time,) or (batch, time)
        One loss per step (the mean over the output features of that step).
    d_y_hat : ndarray, shape of ``y_hat``
        ``∂L_t/∂ŷ_t = 2 (ŷ_t − y_t) / output``.

    Examples
    --------
    >>> losses, d = mse_loss([[1.0], [2.0], [0.0]], [[0.0], [0.0], [0.0]])
    >>> losses.tolist(), d[:, 0].tolist()
    ([1.0, 4.0, 0.0], [2.0, 4.0, 0.0])
    """
    y_hat = as_array(y_hat, "y_hat", ndim=(2, 3), layout="(time, output) or (batch, time, output)")
    y = as_array(y, "y", ndim=(1, 2, 3), layout="the shape of y_hat")
    if y.shape == y_hat.shape[:-1] and y_hat.shape[-1] == 1:
        y = y[..., None]
    if y.shape != y_hat.shape:
        raise ValueError(f"y must have the shape of y_hat, {y_hat.shape}; got shape {y.shape}")
    error = y_hat - y
    return np.mean(error**2, axis=-1), 2.0 * error / y_hat.shape[-1]


def cross_entropy_loss(logits, y):
    """Per-step softmax cross-entropy and its gradient: ``L_t = −log softmax(ŷ_t)[y_t]``.

    Parameters
    ----------
    logits : array-like, shape (time, classes) or (batch, time, classes)
        The outputs ŷ_t, read as unnormalised log-probabilities.
    y : array-like of int, shape (time,) or (batch, time)
        The class index at every step.

    Returns
    -------
    losses : ndarray, shape (time,) or (batch, time)
    d_logits : ndarray, shape of ``logits``
        ``∂L_t/∂ŷ_t = softmax(ŷ_t) − onehot(y_t)``.

    Examples
    --------
    >>> losses, d = cross_entropy_loss([[0.0, 0.0], [10.0, 0.0]], [0, 0])
    >>> losses.round(4).tolist(), d[0].tolist()
    ([0.6931, 0.0], [-0.5, 0.5])
    """
    logits = as_array(logits, "logits", ndim=(2, 3), layout="(time, classes) or (batch, time, classes)")
    labels = as_array(
        y, "y", shape=logits.shape[:-1], layout="(time,) or (batch, time) class indices", dtype=None
    )
    if not np.issubdtype(labels.dtype, np.integer):
        if not np.all(labels == np.round(labels)):
            raise TypeError(f"y must hold integer class indices; got dtype {labels.dtype} with fractions")
        labels = labels.astype(int)
    classes = logits.shape[-1]
    if labels.min() < 0 or labels.max() >= classes:
        raise ValueError(
            f"y must hold class indices in 0 … {classes - 1}; got values {labels.min()} … {labels.max()}"
        )
    shifted = logits - logits.max(axis=-1, keepdims=True)  # the same softmax, without overflow
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    onehot = np.eye(classes, dtype=logits.dtype)[labels]
    losses = -np.sum(onehot * log_probs, axis=-1)
    return losses, np.exp(log_probs) - onehot


def step_losses(y_hat, y, loss: str = "mse"):
    """Dispatch to :func:`mse_loss` or :func:`cross_entropy_loss`: ``(losses per step, ∂L_t/∂ŷ_t)``.

    >>> step_losses([[3.0]], [[1.0]])[0].tolist()
    [4.0]
    """
    one_of(loss, "loss", LOSSES)
    return mse_loss(y_hat, y) if loss == "mse" else cross_entropy_loss(y_hat, y)


def total_loss(losses) -> float:
    """The loss we minimise: the per-step losses summed over time, averaged over the batch.

    Parameters
    ----------
    losses : array-like, shape (time,) or (batch, time)

    Examples
    --------
    >>> total_loss([1.0, 4.0, 0.0])
    5.0
    >>> total_loss([[1.0, 1.0], [3.0, 3.0]])   # (2 + 6) / 2 sequences
    4.0
    """
    losses = as_array(losses, "losses", ndim=(1, 2), layout="(time,) or (batch, time)", finite=False)
    return float(np.mean(np.sum(losses, axis=-1)))


# -- forward and backward ------------------------------------------------------------------------------


@dataclass
class Cache:
    """What the forward pass keeps for the backward pass (batch layout, even for one sequence).

    Attributes
    ----------
    x : ndarray, shape (batch, time, input)
    h0 : ndarray, shape (batch, units)
    h : ndarray, shape (batch, time, units)
        h_1 … h_T.
    y_hat : ndarray, shape (batch, time, output)
    activation : str
    single : bool
        True if the input was one sequence ``(time, features)``: results drop the batch axis.
    """

    x: np.ndarray
    h0: np.ndarray
    h: np.ndarray
    y_hat: np.ndarray
    activation: str
    single: bool

    def unbatch(self, a):
        return a[0] if self.single else a


def forward(params, x, h0=None, *, activation: str = "tanh"):
    """Run the RNN over whole sequences and keep what BPTT needs.

    ``h_t = f(W_hh h_{t-1} + W_xh x_t + b_h)``, ``ŷ_t = W_hy h_t + b_y`` for t = 1 … T.

    Parameters
    ----------
    params : dict or RNNCell
    x : array-like, shape (time, input) or (batch, time, input)
    h0 : array-like, shape (units,) or (batch, units), optional
        h_0; zeros by default.
    activation : {"tanh", "relu"}

    Returns
    -------
    y_hat : ndarray, shape (time, output) or (batch, time, output)
    cache : Cache

    Examples
    --------
    >>> p = {"W_xh": [[1.0]], "W_hh": [[0.5]], "W_hy": [[2.0]], "b_h": [0.0], "b_y": [0.0]}
    >>> y_hat, cache = forward(p, [[1.0], [0.0]])
    >>> cache.h[0, :, 0].round(4).tolist(), y_hat[:, 0].round(4).tolist()
    ([0.7616, 0.3634], [1.5232, 0.7268])
    """
    p = _params(params)
    one_of(activation, "activation", ACTIVATIONS)
    dtype = p["W_hh"].dtype
    x = _sequence(x, p["W_xh"].shape[1], dtype)
    single = x.ndim == 2
    xb = x[None] if single else x
    batch, time, _ = xb.shape
    units = p["W_hh"].shape[0]
    if h0 is None:
        h0 = np.zeros((batch, units), dtype)
    else:
        h0 = as_array(h0, "h0", ndim=(1, 2), layout=f"(units,) = ({units},) or (batch, units)", dtype=dtype)
        if h0.shape[-1] != units or (h0.ndim == 2 and h0.shape[0] != batch):
            raise ValueError(f"h0 must be ({units},) or ({batch}, {units}); got shape {h0.shape}")
        h0 = np.broadcast_to(h0, (batch, units)).copy()
    h = np.empty((batch, time, units), dtype)
    h_prev = h0
    for t in range(time):
        z_t = h_prev @ p["W_hh"].T + xb[:, t] @ p["W_xh"].T + p["b_h"]
        h_prev = h[:, t] = np.tanh(z_t) if activation == "tanh" else np.maximum(z_t, 0.0)
    y_hat = h @ p["W_hy"].T + p["b_y"]
    cache = Cache(x=xb, h0=h0, h=h, y_hat=y_hat, activation=activation, single=single)
    return cache.unbatch(y_hat), cache


def backward(params, cache: Cache, d_y_hat):
    """Backpropagation through time: gradients of the parameters and of every hidden state.

    Parameters
    ----------
    params : dict or RNNCell
        The weights the forward pass used.
    cache : Cache
        From :func:`forward`.
    d_y_hat : array-like, shape of y_hat
        ``∂L/∂ŷ_t`` for every step, already divided by the batch size if the loss is a batch mean.

    Returns
    -------
    grads : dict of ndarray
        ``{"W_xh", "W_hh", "W_hy", "b_h", "b_y"}``, each the shape of its parameter.
    dh : ndarray, shape (time, units) or (batch, time, units)
        ``∂L/∂h_t``: the gradient of the *total* loss with respect to each hidden state (from its own
        output and, through ``dh_next``, from every later step).

    Examples
    --------
    >>> p = {"W_xh": [[1.0]], "W_hh": [[0.5]], "W_hy": [[1.0]], "b_h": [0.0], "b_y": [0.0]}
    >>> y_hat, cache = forward(p, [[1.0], [0.0]])
    >>> grads, dh = backward(p, cache, np.ones_like(y_hat))    # L = ŷ_1 + ŷ_2
    >>> dh[:, 0].round(4).tolist()                             # dh_2 = 1; dh_1 = 1 + 0.5·(1 − h_2²)·1
    [1.434, 1.0]
    """
    p = _params(params)
    if not isinstance(cache, Cache):
        raise TypeError(f"cache must be the Cache returned by forward(); got {type(cache).__name__}")
    d_y_hat = as_array(
        d_y_hat, "d_y_hat", shape=cache.unbatch(cache.y_hat).shape, layout="the shape of y_hat"
    )
    dy = d_y_hat[None] if cache.single else d_y_hat  # (batch, time, output)
    x, h, h0 = cache.x, cache.h, cache.h0
    time = x.shape[1]

    grads = {name: np.zeros_like(p[name]) for name in PARAM_NAMES}
    dh = np.zeros_like(h)
    dh_next = np.zeros_like(h0)  # gradient arriving at h_t from step t+1; nothing after the last step
    for t in reversed(range(time)):
        h_t = h[:, t]
        h_prev = h[:, t - 1] if t > 0 else h0
        grads["W_hy"] += dy[:, t].T @ h_t  # δy_t h_tᵀ, summed over the batch
        grads["b_y"] += dy[:, t].sum(axis=0)
        dh[:, t] = dy[:, t] @ p["W_hy"] + dh_next  # W_hyᵀ δy_t + dh_next
        slope = 1.0 - h_t**2 if cache.activation == "tanh" else (h_t > 0).astype(h_t.dtype)
        dz = slope * dh[:, t]  # back through the activation
        grads["W_xh"] += dz.T @ x[:, t]
        grads["W_hh"] += dz.T @ h_prev
        grads["b_h"] += dz.sum(axis=0)
        dh_next = dz @ p["W_hh"]  # W_hhᵀ dz_t: what h_{t-1} receives from step t
    return grads, cache.unbatch(dh)


def loss_and_gradients(params, x, y, *, loss: str = "mse", activation: str = "tanh", h0=None):
    """Forward, per-step losses, total loss and BPTT in one call.

    The total loss is ``Σ_t L_t`` averaged over the batch (:func:`total_loss`).

    Parameters
    ----------
    params : dict or RNNCell
    x : array-like, shape (time, input) or (batch, time, input)
    y : array-like
        Targets: shape of ŷ for ``"mse"``, integer classes ``(time,)``/``(batch, time)`` for ``"cross_entropy"``.
    loss : {"mse", "cross_entropy"}
    activation : {"tanh", "relu"}
    h0 : array-like, optional

    Returns
    -------
    L : float
    grads : dict of ndarray
    info : dict
        ``"losses"`` (per step, ``(time,)`` or ``(batch, time)``), ``"y_hat"``, ``"h"``, ``"dh"`` (∂L/∂h_t).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> p = {"W_xh": rng.normal(size=(4, 2)), "W_hh": rng.normal(size=(4, 4)) * 0.3,
    ...      "W_hy": rng.normal(size=(1, 4)), "b_h": np.zeros(4), "b_y": np.zeros(1)}
    >>> L, grads, info = loss_and_gradients(p, rng.normal(size=(3, 5, 2)), rng.normal(size=(3, 5, 1)))
    >>> info["losses"].shape, grads["W_hh"].shape, info["dh"].shape
    ((3, 5), (4, 4), (3, 5, 4))
    """
    one_of(loss, "loss", LOSSES)
    y_hat, cache = forward(params, x, h0, activation=activation)
    losses, d_y_hat = step_losses(y_hat, y, loss)
    batch = 1 if cache.single else cache.x.shape[0]
    grads, dh = backward(params, cache, d_y_hat / batch)
    info = {"losses": losses, "y_hat": y_hat, "h": cache.unbatch(cache.h), "dh": dh}
    return total_loss(losses), grads, info


# -- gradient checks -----------------------------------------------------------------------------------


def relative_error(a, b) -> float:
    """``‖a − b‖ / (‖a‖ + ‖b‖)``, the scale-free distance used by gradient checks (0 if both are 0).

    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0], [1.1]), 4)
    0.0476
    """
    a = as_array(a, "a", dtype=np.float64)
    b = as_array(b, "b", shape=a.shape, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def numerical_gradients(
    params, x, y, *, loss: str = "mse", activation: str = "tanh", h0=None, eps: float = 1e-5
):
    """Central differences: ``∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / 2ε`` for every parameter entry.

    Slow (two forward passes per number) and only for checking. Use float64 weights.

    Returns
    -------
    dict of ndarray, the shapes of the parameters.

    Examples
    --------
    >>> p = {"W_xh": [[1.0]], "W_hh": [[0.5]], "W_hy": [[1.0]], "b_h": [0.0], "b_y": [0.0]}
    >>> round(float(numerical_gradients(p, [[1.0]], [[0.0]])["b_y"][0]), 6)   # 2 (ŷ − y) = 2 tanh(1)
    1.523188
    """
    eps = as_float(eps, "eps", minimum=1e-12)
    p = {k: v.copy() for k, v in _params(params).items()}

    def L():
        y_hat, _ = forward(p, x, h0, activation=activation)
        return total_loss(step_losses(y_hat, y, loss)[0])

    numerical = {}
    for name in PARAM_NAMES:
        theta, g = p[name], np.zeros_like(p[name])
        for i in np.ndindex(theta.shape):
            keep = theta[i]
            theta[i] = keep + eps
            plus = L()
            theta[i] = keep - eps
            minus = L()
            theta[i] = keep
            g[i] = (plus - minus) / (2 * eps)
        numerical[name] = g
    return numerical


def gradient_check(params, x, y, *, loss: str = "mse", activation: str = "tanh", h0=None, eps: float = 1e-5):
    """Relative error between the BPTT gradients and central differences, per parameter.

    In float64 a correct backward pass gives errors around 1e-9 … 1e-11; anything above 1e-6 is a bug.
    Check the raw gradients: clipping belongs in the training loop, after the check.

    Returns
    -------
    dict of float, ``{"W_xh": …, "W_hh": …, "W_hy": …, "b_h": …, "b_y": …}``

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> p = {"W_xh": rng.normal(size=(3, 2)), "W_hh": rng.normal(size=(3, 3)) * 0.5,
    ...      "W_hy": rng.normal(size=(2, 3)), "b_h": np.zeros(3), "b_y": np.zeros(2)}
    >>> errors = gradient_check(p, rng.normal(size=(4, 2)), rng.normal(size=(4, 2)))
    >>> max(errors.values()) < 1e-6
    True
    """
    _, grads, _ = loss_and_gradients(params, x, y, loss=loss, activation=activation, h0=h0)
    numerical = numerical_gradients(params, x, y, loss=loss, activation=activation, h0=h0, eps=eps)
    return {name: relative_error(grads[name], numerical[name]) for name in PARAM_NAMES}


def tensorflow_gradients(params, x, y, *, loss: str = "mse", activation: str = "tanh", h0=None):
    """The same gradients from ``tf.GradientTape`` through Keras' ``SimpleRNN`` and ``Dense`` (float64).

    The layers get the same weights (transposed into Keras' layout); the loss is the same sum over
    steps, mean over the batch. TensorFlow is imported here, not when rnnlib is.

    Returns
    -------
    L : float
    grads : dict of ndarray, in column-vector layout (comparable with :func:`loss_and_gradients`).

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> p = {"W_xh": rng.normal(size=(3, 2)), "W_hh": rng.normal(size=(3, 3)) * 0.5,
    ...      "W_hy": rng.normal(size=(1, 3)), "b_h": np.zeros(3), "b_y": np.zeros(1)}
    >>> x, y = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 4, 1))
    >>> L_tf, g_tf = tensorflow_gradients(p, x, y)
    >>> L, g, _ = loss_and_gradients(p, x, y)
    >>> abs(L - L_tf) < 1e-12 and relative_error(g["W_hh"], g_tf["W_hh"]) < 1e-8
    True
    """
    import keras
    import tensorflow as tf

    one_of(loss, "loss", LOSSES)
    one_of(activation, "activation", ACTIVATIONS)
    p = {k: v.astype(np.float64) for k, v in _params(params).items()}
    x = _sequence(x, p["W_xh"].shape[1], np.float64)
    xb = x[None] if x.ndim == 2 else x
    units, output = p["W_hh"].shape[0], p["W_hy"].shape[0]
    step_losses(np.zeros(x.shape[:-1] + (output,)), y, loss)  # validates y against the shape of ŷ
    yb = np.asarray(y, dtype=np.float64 if loss == "mse" else np.int64)
    yb = yb.reshape(xb.shape[:2] + ((output,) if loss == "mse" else ()))

    rnn = keras.layers.SimpleRNN(units, activation=activation, return_sequences=True, dtype="float64")
    dense = keras.layers.Dense(output, dtype="float64")
    inputs = tf.constant(xb)
    state = None
    if h0 is not None:
        h0 = as_array(h0, "h0", ndim=(1, 2), layout="(units,) or (batch, units)", dtype=np.float64)
        state = [tf.constant(np.broadcast_to(h0, (xb.shape[0], units)).copy())]
    dense(rnn(inputs, initial_state=state))  # build the layers, then load the weights
    rnn.set_weights([p["W_xh"].T, p["W_hh"].T, p["b_h"]])
    dense.set_weights([p["W_hy"].T, p["b_y"]])
    variables = [
        *rnn.trainable_weights,
        *dense.trainable_weights,
    ]  # kernel, recurrent_kernel, bias, kernel, bias
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


# -- clipping and training -----------------------------------------------------------------------------


def global_norm(grads) -> float:
    """The length of all gradients taken together as one vector: ``sqrt(Σ ‖g‖²)``.

    >>> global_norm({"a": np.array([3.0]), "b": np.array([[4.0]])})
    5.0
    """
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict of arrays; got {type(grads).__name__}")
    return float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads.values())))


def clip_by_global_norm(grads, max_norm: float):
    """Scale all gradients by one factor so that their global norm is at most ``max_norm``.

    The direction is kept; only the length is capped. Gradients already shorter are left alone.

    Returns
    -------
    clipped : dict of ndarray
    norm : float
        The global norm *before* clipping (worth logging: spikes show exploding gradients).

    Examples
    --------
    >>> clipped, norm = clip_by_global_norm({"a": np.array([30.0]), "b": np.array([40.0])}, 5.0)
    >>> norm, clipped["a"].tolist(), clipped["b"].tolist()
    (50.0, [3.0], [4.0])
    """
    max_norm = as_float(max_norm, "max_norm", minimum=0.0)
    if max_norm == 0:
        raise ValueError("max_norm must be > 0; got 0.0")
    norm = global_norm(grads)
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {k: g * scale for k, g in grads.items()}, norm


class Adam:
    """The Adam optimiser in numpy (Kingma & Ba, 2015), updating a parameter dict in place.

    Parameters
    ----------
    params : dict of ndarray
        Updated in place by :meth:`step`.
    learning_rate : float, default 0.01
    beta_1, beta_2, epsilon : float
        Keras' defaults (0.9, 0.999, 1e-7).

    Examples
    --------
    >>> p = {"w": np.array([1.0])}
    >>> opt = Adam(p, learning_rate=0.1)
    >>> opt.step({"w": np.array([0.5])}); p["w"].round(4).tolist()   # the first step moves by ~lr
    [0.9]
    """

    def __init__(
        self,
        params: dict,
        learning_rate: float = 0.01,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
    ):
        if not isinstance(params, dict):
            raise TypeError(f"params must be a dict of arrays; got {type(params).__name__}")
        self.params = params
        self.learning_rate = as_float(learning_rate, "learning_rate", minimum=0.0)
        self.beta_1 = as_float(beta_1, "beta_1", minimum=0.0, maximum=1.0)
        self.beta_2 = as_float(beta_2, "beta_2", minimum=0.0, maximum=1.0)
        self.epsilon = as_float(epsilon, "epsilon", minimum=0.0)
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0

    def step(self, grads: dict) -> None:
        """Move every parameter against its gradient (bias-corrected moving averages)."""
        self.t += 1
        lr = self.learning_rate * np.sqrt(1 - self.beta_2**self.t) / (1 - self.beta_1**self.t)
        for k, g in grads.items():
            self.m[k] = self.beta_1 * self.m[k] + (1 - self.beta_1) * g
            self.v[k] = self.beta_2 * self.v[k] + (1 - self.beta_2) * g * g
            self.params[k] -= lr * self.m[k] / (np.sqrt(self.v[k]) + self.epsilon)


def train(
    params,
    x,
    y,
    *,
    x_val=None,
    y_val=None,
    epochs: int = 20,
    batch_size: int = 32,
    learning_rate: float = 0.01,
    max_norm: float | None = 1.0,
    optimizer: str = "adam",
    loss: str = "mse",
    activation: str = "tanh",
    seed: int = 0,
):
    """Train an RNN from scratch: minibatches, BPTT, gradient-norm clipping, Adam (or plain SGD).

    The loop, once per minibatch::

        L, grads, _ = loss_and_gradients(params, x_batch, y_batch)   # forward + BPTT
        grads, norm = clip_by_global_norm(grads, max_norm)           # after the check, before the step
        optimizer.step(grads)                                        # Adam, or params -= lr · grads

    If a minibatch loss exceeds ``DIVERGED`` (1e10) or stops being finite (the weights blew up),
    training stops there and ``history["diverged"]`` is True.

    Parameters
    ----------
    params : dict or RNNCell
        The starting weights (not modified: a trained copy is returned).
    x, y : training sequences ``(batch, time, input)`` and targets.
    x_val, y_val : optional held-out sequences, evaluated after every epoch.
    epochs, batch_size : int
    learning_rate : float
    max_norm : float or None
        Clip the global gradient norm to this; ``None`` switches clipping off.
    optimizer : {"adam", "sgd"}
    loss, activation : str
    seed : int
        Seeds the shuffling.

    Returns
    -------
    params : dict of ndarray
        The trained weights.
    history : dict
        ``"loss"`` (mean training loss of each epoch), ``"val_loss"`` (if validation data is given),
        ``"grad_norm"`` (the largest pre-clipping norm of each epoch), ``"diverged"`` (bool).

    Examples
    --------
    >>> from rnnlib.tasks import echo_task
    >>> x, y = echo_task(64, 8, lag=1, values="uniform", seed=0)
    >>> rng = np.random.default_rng(0)
    >>> p = {"W_xh": rng.normal(size=(8, 1)) * 0.5, "W_hh": rng.normal(size=(8, 8)) * 0.1,
    ...      "W_hy": rng.normal(size=(1, 8)) * 0.5, "b_h": np.zeros(8), "b_y": np.zeros(1)}
    >>> trained, history = train(p, x, y, epochs=15, batch_size=16, learning_rate=0.05)
    >>> history["loss"][-1] < 0.25 * history["loss"][0], history["diverged"]
    (True, False)
    """
    p = {k: v.copy() for k, v in _params(params).items()}
    x = as_array(x, "x", ndim=3, layout="(batch, time, features)", dtype=p["W_hh"].dtype)
    epochs = as_int(epochs, "epochs", minimum=1)
    batch_size = as_int(batch_size, "batch_size", minimum=1)
    learning_rate = as_float(learning_rate, "learning_rate", minimum=0.0)
    one_of(optimizer, "optimizer", ("adam", "sgd"))
    if max_norm is not None:
        max_norm = as_float(max_norm, "max_norm", minimum=1e-12)
    y = np.asarray(y)
    if y.shape[0] != x.shape[0]:
        raise ValueError(
            f"y must have one target sequence per input sequence, {x.shape[0]}; got {y.shape[0]}"
        )
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    adam = Adam(p, learning_rate=learning_rate) if optimizer == "adam" else None
    history = {"loss": [], "grad_norm": [], "diverged": False}
    if x_val is not None:
        history["val_loss"] = []
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported, not warned about
        for _ in range(epochs):
            order = rng.permutation(x.shape[0])
            losses, norms, seen = [], [], 0
            for start in range(0, x.shape[0], batch_size):
                batch = order[start : start + batch_size]
                L, grads, _ = loss_and_gradients(p, x[batch], y[batch], loss=loss, activation=activation)
                if max_norm is not None:
                    grads, norm = clip_by_global_norm(grads, max_norm)
                else:
                    norm = global_norm(grads)
                losses.append(L * len(batch))
                norms.append(norm)
                seen += len(batch)
                if not (np.isfinite(L) and L < DIVERGED and np.isfinite(norm)):
                    history["diverged"] = True
                    break
                if adam is not None:
                    adam.step(grads)
                else:
                    for name in PARAM_NAMES:
                        p[name] -= learning_rate * grads[name]
            history["loss"].append(float(np.sum(losses) / seen))  # mean over the sequences seen this epoch
            history["grad_norm"].append(float(np.max(norms)))
            if history["diverged"]:
                break
            if x_val is not None:
                y_hat, _ = forward(p, x_val, activation=activation)
                history["val_loss"].append(total_loss(step_losses(y_hat, y_val, loss)[0]))
    return p, history


# -- a small sequence task -----------------------------------------------------------------------------


# -- figures (pyplot is imported when they are called) -------------------------------------------------


def plot_step_losses(losses, title: str = "A loss at every step, and their running sum"):
    """Per-step losses L_t as bars (left) and their running sum Σ_{s≤t} L_s (right) for one sequence.

    Parameters
    ----------
    losses : array-like, shape (time,)

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_step_losses([0.1, 0.4, 0.2])
    >>> len(fig.axes)
    2
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from .style import PALETTE, use_style

    use_style()
    losses = as_array(losses, "losses", ndim=1, layout="(time,)")
    t = np.arange(1, losses.size + 1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.4))
    ax1.bar(t, losses, color=PALETTE[0])
    ax1.set_xlabel("time step t")
    ax1.set_ylabel("$L_t$ (squared error)")
    ax1.set_title("Per-step loss $L_t$")
    ax2.plot(t, np.cumsum(losses), marker="o", markersize=3, color=PALETTE[1])
    ax2.axhline(
        losses.sum(), linestyle="--", color=PALETTE[7], linewidth=1, label=f"total $L$ = {losses.sum():.3f}"
    )
    ax2.set_xlabel("time step t")
    ax2.set_ylabel("running sum of $L_t$")
    ax2.set_title("Running sum: the total loss $L$")
    for ax in (ax1, ax2):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax2.legend(loc="lower right")
    fig.suptitle(title)
    return fig


def plot_loss_curves(
    curves: dict, baseline: float | None = None, *, ylabel: str = "loss", title: str = "Learning curves"
):
    """Loss per epoch for several runs on one log-scale axis, with an optional baseline line.

    Parameters
    ----------
    curves : dict of str to sequence of float
        One curve per label, e.g. ``{"numpy, held-out": [...], "Keras, held-out": [...]}``.
    baseline : float, optional
        Drawn as a dashed horizontal line (e.g. the loss of always predicting the mean).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_loss_curves({"a": [1.0, 0.5], "b": [1.0, 0.4]}, baseline=1.0)
    >>> len(fig.axes[0].get_legend().get_texts())
    3
    """
    import matplotlib.pyplot as plt

    from .style import PALETTE, use_style

    use_style()
    if not isinstance(curves, dict) or not curves:
        raise TypeError(f"curves must be a non-empty dict of label -> losses; got {type(curves).__name__}")
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    styles = ["-", "--", "-", "--"]
    for i, (label, values) in enumerate(curves.items()):
        values = as_array(values, f"curves[{label!r}]", ndim=1, layout="(epochs,)")
        ax.plot(
            np.arange(1, values.size + 1),
            values,
            styles[i % 4],
            color=PALETTE[(i // 2) % len(PALETTE)],
            label=label,
        )
    if baseline is not None:
        ax.axhline(
            as_float(baseline, "baseline"), color=PALETTE[7], linestyle=":", label="baseline: predict 0"
        )
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(
        ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.2)
    )  # below the axes: the curves stay visible
    return fig
