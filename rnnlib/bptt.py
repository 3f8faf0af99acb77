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

Checks: :func:`numerical_gradients` gives central differences to compare with, :func:`relative_error`
measures the distance. Clip gradients (:func:`clip_by_global_norm`) *after* checking them, in the training
loop, never inside the loss.

The forward pass is :meth:`rnnlib.rnn.RNNCell.forward`: BPTT walks back through the very states it computed.
Parameters are an :class:`~rnnlib.rnn.RNNCell` or a dict ``{"W_xh", "W_hh", "W_hy", "b_h", "b_y"}`` in
column-vector layout (``W_xh`` (units, input), ``W_hh`` (units, units), ``W_hy`` (output, units)), turned into a
cell at the entry by one function. Sequences are ``(time, features)`` or ``(batch, time, features)``.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_float, as_int, one_of
from .rnn import _ACTIVATIONS, RNNCell
from .ui import PALETTE, use_style

__all__ = [
    "Adam",
    "clip_by_global_norm",
    "loss_and_gradients",
    "mse_loss",
    "numerical_gradients",
    "plot_chunk_lengths",
    "plot_gradient_checks",
    "plot_loss_curves",
    "plot_step_losses",
    "relative_error",
    "total_loss",
    "train",
    "train_many",
]

_PARAM_NAMES = ("W_xh", "W_hh", "W_hy", "b_h", "b_y")  # the order of RNNCell.params
_LOSSES = ("mse", "cross_entropy")
_DIVERGED = 1e10  # a training loss above this counts as diverged: train() stops


# -- parameters and losses ---------------------------------------------------------------------------


def _as_cell(params, activation=None) -> RNNCell:
    """The cell to compute with: ``params`` itself, or a cell built from a parameter dict (shapes checked)."""
    if activation is not None:
        one_of(activation, "activation", tuple(_ACTIVATIONS))
    if isinstance(params, RNNCell):
        if activation in (None, params.activation):
            return params
        params = params.params
    if not isinstance(params, dict):
        raise TypeError(
            f"params must be a dict with keys {', '.join(_PARAM_NAMES)} or an RNNCell; got {type(params).__name__}"
        )
    missing = [k for k in _PARAM_NAMES if k not in params]
    if missing:
        raise ValueError(f"params must have the keys {', '.join(_PARAM_NAMES)}; missing {', '.join(missing)}")
    try:
        return RNNCell.from_params(**{k: params[k] for k in _PARAM_NAMES}, activation=activation or "tanh")
    except (TypeError, ValueError) as exc:  # from_params names the array; say that it came in params
        raise type(exc)(f"params holds a bad array: {exc}") from None


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
    return _mse_loss(y_hat, y)


def _mse_loss(y_hat, y, name="y"):
    y_hat = as_array(y_hat, "y_hat", ndim=(2, 3), layout="(time, output) or (batch, time, output)")
    y = as_array(y, name, ndim=(1, 2, 3), layout="the shape of y_hat")
    if y.shape == y_hat.shape[:-1] and y_hat.shape[-1] == 1:
        y = y[..., None]
    if y.shape != y_hat.shape:
        raise ValueError(f"{name} must have the shape of y_hat, {y_hat.shape}; got shape {y.shape}")
    return _mse(y_hat, y)


def _mse(y_hat, y):
    error = y_hat - y
    return np.mean(error**2, axis=-1), 2.0 * error / y_hat.shape[-1]


def _cross_entropy_loss(logits, y, name="y"):
    """Per-step ``L_t = −log softmax(ŷ_t)[y_t]`` for class indices ``y``, and ``∂L_t/∂ŷ_t = softmax − onehot``.

    >>> losses, d = _cross_entropy_loss([[0.0, 0.0], [10.0, 0.0]], [0, 0])
    >>> losses.round(4).tolist(), d[0].tolist()
    ([0.6931, 0.0], [-0.5, 0.5])
    """
    logits = as_array(logits, "logits", ndim=(2, 3), layout="(time, classes) or (batch, time, classes)")
    return _cross_entropy(logits, _labels(y, logits.shape, name))


def _labels(y, shape, name="y"):
    # Class indices y for logits of this shape, checked: integers in 0 … classes − 1, one per step.
    labels = as_array(y, name, shape=shape[:-1], layout="(time,) or (batch, time) class indices", dtype=None)
    if not np.issubdtype(labels.dtype, np.integer):
        if not np.all(labels == np.round(labels)):
            raise TypeError(
                f"{name} must hold integer class indices; got dtype {labels.dtype} with fractions"
            )
        labels = labels.astype(int)
    classes = shape[-1]
    if labels.min() < 0 or labels.max() >= classes:
        raise ValueError(
            f"{name} must hold class indices in 0 … {classes - 1}; got values {labels.min()} … {labels.max()}"
        )
    return labels


def _cross_entropy(logits, labels):
    classes = logits.shape[-1]
    shifted = logits - logits.max(axis=-1, keepdims=True)  # the same softmax, without overflow
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    onehot = np.eye(classes, dtype=logits.dtype)[labels]
    return -np.sum(onehot * log_probs, axis=-1), np.exp(log_probs) - onehot


def _step_losses(y_hat, y, loss: str = "mse", name="y"):
    one_of(loss, "loss", _LOSSES)
    return _mse_loss(y_hat, y, name) if loss == "mse" else _cross_entropy_loss(y_hat, y, name)


def _targets(y, shape, loss, name="y"):
    # The targets, checked once against the shape of ŷ, in the form _losses computes with.
    if loss == "cross_entropy":
        return _labels(y, shape, name)
    y = as_array(y, name, ndim=(len(shape) - 1, len(shape)), layout=f"the shape of ŷ, {shape}")
    if y.shape == shape[:-1] and shape[-1] == 1:
        y = y[..., None]
    if y.shape != shape:
        raise ValueError(f"{name} must have the shape of ŷ, {shape}; got shape {y.shape}")
    return y


def _losses(y_hat, y, loss):
    # Per-step losses and ∂L_t/∂ŷ_t for targets from _targets.
    return _mse(y_hat, y) if loss == "mse" else _cross_entropy(y_hat, y)


def total_loss(losses) -> float:
    """The loss we minimise: the per-step losses ``(time,)`` or ``(batch, time)`` summed over time,
    averaged over the batch.

    >>> total_loss([1.0, 4.0, 0.0])
    5.0
    >>> total_loss([[1.0, 1.0], [3.0, 3.0]])   # (2 + 6) / 2 sequences
    4.0
    """
    losses = as_array(losses, "losses", ndim=(1, 2), layout="(time,) or (batch, time)", finite=False)
    return float(np.mean(np.sum(losses, axis=-1)))


# -- backpropagation through time ----------------------------------------------------------------------


def _backward(cell: RNNCell, x, h, dy, h0=None):
    """BPTT through the states ``h`` ``(batch, time, units)`` that ``cell.forward(x, h0)`` computed.

    ``dy`` is ∂L/∂ŷ_t ``(batch, time, output)``, already divided by the batch size if the loss is a batch
    mean. Returns the parameter gradients and ``dh`` ``(batch, time, units)``, ∂L/∂h_t of the *total* loss.

    Only ``dh_next`` needs the step-by-step loop. The weight gradients are the sums over t of the module
    docstring (δy_t h_tᵀ, dz_t x_tᵀ, dz_t h_{t−1}ᵀ ...), each taken once over all steps after the loop: the
    same sums, with a fraction of the numpy calls.
    """
    batch, time, units = h.shape
    h0 = (
        np.zeros((batch, units), h.dtype)
        if h0 is None
        else np.broadcast_to(h0, (batch, units)).astype(h.dtype)
    )
    from_output = dy @ cell.W_hy  # W_hyᵀ δy_t for every step at once
    slope = 1.0 - h * h if cell.activation == "tanh" else (h > 0).astype(h.dtype)
    dh, dz = np.empty_like(h), np.empty_like(h)
    dh_next = np.zeros_like(h0)  # gradient arriving at h_t from step t+1; nothing after the last step
    for t in range(time - 1, -1, -1):
        dh[:, t] = from_output[:, t] + dh_next  # ∂L/∂h_t: its own output + everything later
        dz[:, t] = slope[:, t] * dh[:, t]  # back through the activation
        dh_next = dz[:, t] @ cell.W_hh  # W_hhᵀ dz_t: what h_{t-1} receives from step t
    h_prev = np.concatenate([h0[:, None], h[:, :-1]], axis=1)  # h_0 … h_{T−1}

    def summed(a, b):  # Σ over batch and time of a_t b_tᵀ
        return a.reshape(-1, a.shape[-1]).T @ b.reshape(-1, b.shape[-1])

    grads = {
        "W_xh": summed(dz, x),
        "W_hh": summed(dz, h_prev),
        "W_hy": summed(dy, h),
        "b_h": dz.sum(axis=(0, 1)),
        "b_y": dy.sum(axis=(0, 1)),
    }
    return grads, dh


def loss_and_gradients(params, x, y, *, loss: str = "mse", activation: str | None = None, h0=None):
    """Forward pass, per-step losses, total loss (``Σ_t L_t``, averaged over the batch) and BPTT in one call.

    Parameters
    ----------
    params : RNNCell or dict
    x : array-like, shape (time, input) or (batch, time, input)
    y : array-like
        Targets: shape of ŷ for ``"mse"``, integer classes ``(time,)``/``(batch, time)`` for ``"cross_entropy"``.
    loss : {"mse", "cross_entropy"}
    activation : {"tanh", "relu"}, optional
        Overrides a cell's own activation (a dict's default is tanh).
    h0 : array-like, shape (units,) or (batch, units), optional

    Returns
    -------
    L : float
    grads : dict of ndarray, each the shape of its parameter
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
    one_of(loss, "loss", _LOSSES)
    cell = _as_cell(params, activation)
    y_hat, h = cell.forward(x, h0)
    losses, d_y_hat = _losses(y_hat, _targets(y, y_hat.shape, loss), loss)
    one = y_hat.ndim == 2  # one sequence: computed as a batch of one
    d_y_hat = d_y_hat / (1 if one else len(y_hat))  # the loss is a mean over the batch
    x = np.asarray(x, dtype=cell.dtype)
    grads, dh = _backward(cell, *((a[None] if one else a) for a in (x, h, d_y_hat)), h0)
    info = {"losses": losses, "y_hat": y_hat, "h": h, "dh": dh[0] if one else dh}
    return float(np.mean(np.sum(losses, axis=-1))), grads, info  # total_loss(losses)


# -- gradient checks -----------------------------------------------------------------------------------


def relative_error(a, b) -> float:
    """``‖a − b‖ / (‖a‖ + ‖b‖)``, the scale-free distance used by gradient checks (0 if both are 0).

    >>> relative_error([1.0, 2.0], [1.0, 2.0]), round(relative_error([1.0], [1.1]), 4)
    (0.0, 0.0476)
    """
    a = as_array(a, "a", dtype=np.float64)
    b = as_array(b, "b", shape=a.shape, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def numerical_gradients(
    params, x, y, *, loss: str = "mse", activation: str | None = None, h0=None, eps: float = 1e-5
):
    """Central differences ``∂L/∂θ ≈ (L(θ + ε) − L(θ − ε)) / 2ε`` for every parameter entry, a dict of
    arrays shaped like the parameters (arguments as :func:`loss_and_gradients`). Slow: only for checking.

    In float64 a correct BPTT agrees to a :func:`relative_error` around 1e-9 … 1e-11; above 1e-6 is a bug.

    >>> p = {"W_xh": [[1.0]], "W_hh": [[0.5]], "W_hy": [[1.0]], "b_h": [0.0], "b_y": [0.0]}
    >>> round(float(numerical_gradients(p, [[1.0]], [[0.0]])["b_y"][0]), 6)   # 2 (ŷ − y) = 2 tanh(1)
    1.523188
    """
    eps = as_float(eps, "eps", minimum=1e-12)
    cell = _as_cell(params, activation).copy()  # nudged in place below, so never the caller's own arrays

    one_of(loss, "loss", _LOSSES)
    y_hat = cell.forward(x, h0)[0]
    targets = _targets(y, y_hat.shape, loss)

    def L():
        return float(np.mean(np.sum(_losses(cell.forward(x, h0)[0], targets, loss)[0], axis=-1)))

    numerical = {}
    for name, theta in cell.params.items():
        numerical[name] = g = np.zeros_like(theta)
        for i in np.ndindex(theta.shape):
            keep = theta[i]
            theta[i] = keep + eps
            plus = L()
            theta[i] = keep - eps
            minus = L()
            theta[i] = keep
            g[i] = (plus - minus) / (2 * eps)
    return numerical


# -- clipping and training -----------------------------------------------------------------------------


def _global_norm(grads) -> float:
    return float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads.values())))  # Σ ‖g‖², one call per array


def _clip(grads, max_norm):
    norm = _global_norm(grads)
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {k: g * scale for k, g in grads.items()}, norm


def _gradients(grads, name="grads", like=None) -> dict:
    """Check a dict of gradient arrays (numbers, finite; with ``like``, the keys and shapes of those params)."""
    if not isinstance(grads, dict) or not grads:
        raise TypeError(f"{name} must be a non-empty dict of arrays; got {grads!r}"[:200])
    if like is not None and set(grads) != set(like):
        raise ValueError(f"{name} must have the keys of params, {sorted(like)}; got {sorted(grads)}")
    out = {}
    for key, g in grads.items():
        shape = None if like is None else np.shape(like[key])
        arr = as_array(g, f"{name}[{key!r}]", shape=shape, dtype=None, allow_empty=True)
        if not np.issubdtype(arr.dtype, np.number) or np.iscomplexobj(arr):
            raise TypeError(f"{name}[{key!r}] must hold real numbers; got dtype {arr.dtype}")
        out[key] = arr
    return out


def clip_by_global_norm(grads, max_norm: float):
    """Scale all gradients (a dict of arrays) by one factor so that their global norm ``sqrt(Σ ‖g‖²)`` is at
    most ``max_norm``: the direction is kept, only the length is capped.

    Returns the clipped dict and the norm *before* clipping (worth logging: spikes show exploding gradients).

    >>> clipped, norm = clip_by_global_norm({"a": np.array([30.0]), "b": np.array([40.0])}, 5.0)
    >>> norm, clipped["a"].tolist(), clipped["b"].tolist()
    (50.0, [3.0], [4.0])
    """
    grads = _gradients(grads)
    max_norm = as_float(max_norm, "max_norm", minimum=0.0)
    if max_norm == 0:
        raise ValueError("max_norm must be > 0; got 0.0")
    return _clip(grads, max_norm)


class Adam:
    """The Adam optimiser in numpy (Kingma & Ba, 2015): :meth:`step` updates the dict ``params`` in place.

    ``beta_1``, ``beta_2`` and ``epsilon`` default to Keras' values (0.9, 0.999, 1e-7).

    >>> p = {"w": np.array([1.0])}
    >>> Adam(p, learning_rate=0.1).step({"w": np.array([0.5])}); p["w"].round(4).tolist()   # moves by ~lr
    [0.9]
    """

    def __init__(self, params: dict, learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        if not isinstance(params, dict) or not params:
            raise TypeError(f"params must be a non-empty dict of arrays; got {params!r}"[:200])
        for key, value in params.items():  # updated in place: numpy float arrays, not lists
            if not (isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating)):
                raise TypeError(
                    f"params[{key!r}] must be a numpy float array (updated in place); got {value!r}"[:200]
                )
            as_array(value, f"params[{key!r}]", dtype=None, allow_empty=True)  # finite
        self.params = params
        self.learning_rate = as_float(learning_rate, "learning_rate", minimum=0.0)
        for name, beta in (("beta_1", beta_1), ("beta_2", beta_2)):
            if not 0.0 <= as_float(beta, name) < 1.0:  # 1 divides by 1 − β^t = 0: NaN weights
                raise ValueError(f"{name} must be in [0, 1); got {beta}")
        self.beta_1, self.beta_2 = float(beta_1), float(beta_2)
        self.epsilon = as_float(epsilon, "epsilon", minimum=0.0)
        if self.epsilon == 0:  # a gradient of 0 would divide 0 by 0
            raise ValueError("epsilon must be > 0; got 0.0")
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0

    def step(self, grads: dict) -> None:
        """Move every parameter against its gradient (bias-corrected moving averages); ``grads`` has the
        keys and shapes of ``params``."""
        self._step(_gradients(grads, like=self.params))

    def _step(self, grads: dict) -> None:
        self.t += 1
        lr = self.learning_rate * np.sqrt(1 - self.beta_2**self.t) / (1 - self.beta_1**self.t)
        for k, g in grads.items():
            m, v = self.m[k], self.v[k]  # updated in place: m = β₁ m + (1 − β₁) g, v = β₂ v + (1 − β₂) g²
            m *= self.beta_1
            m += (1 - self.beta_1) * g
            v *= self.beta_2
            v += (1 - self.beta_2) * g * g
            self.params[k] -= lr * m / (np.sqrt(v) + self.epsilon)


def train(
    params,
    x,
    y,
    *,
    x_val=None,
    y_val=None,
    epochs=20,
    batch_size=32,
    learning_rate=0.01,
    max_norm=1.0,
    optimizer="adam",
    loss="mse",
    activation=None,
    seed=0,
):
    """Train an RNN from scratch: minibatches, BPTT, gradient-norm clipping, Adam (or plain SGD).

    The loop, once per minibatch::

        L, grads, _ = loss_and_gradients(params, x_batch, y_batch)   # forward + BPTT
        grads, norm = clip_by_global_norm(grads, max_norm)           # after the check, before the step
        optimizer.step(grads)                                        # Adam, or params -= lr · grads

    If a minibatch loss exceeds 1e10 or stops being finite (the weights blew up), training stops there
    and ``history["diverged"]`` is True.

    Parameters
    ----------
    params : RNNCell or dict
        The starting weights (not modified: a trained copy is returned).
    x, y : training sequences ``(batch, time, input)`` and targets; ``x_val, y_val`` optional held-out ones.
    max_norm : float or None
        Clip the global gradient norm to this; ``None`` switches clipping off.
    optimizer : {"adam", "sgd"}
    loss, activation : as in :func:`loss_and_gradients`
    seed : int
        Seeds the shuffling.

    Returns
    -------
    params : dict of ndarray
        The trained weights.
    history : dict
        ``"loss"`` (mean training loss of each epoch), ``"val_loss"`` (with validation data),
        ``"grad_norm"`` (the largest pre-clipping norm of each epoch), ``"step_loss"`` and ``"step_norm"``
        (the loss and the pre-clipping norm of every minibatch step, the diverging one included),
        ``"diverged"`` (bool).

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
    cell = _as_cell(params, activation).copy()
    p = cell.params  # the cell's own arrays: the optimiser updates them in place
    x = as_array(x, "x", ndim=3, layout="(batch, time, features)", dtype=cell.dtype)
    epochs = as_int(epochs, "epochs", minimum=1)
    batch_size = as_int(batch_size, "batch_size", minimum=1)
    learning_rate = as_float(learning_rate, "learning_rate", minimum=0.0)
    one_of(optimizer, "optimizer", ("adam", "sgd"))
    if max_norm is not None:
        max_norm = as_float(max_norm, "max_norm", minimum=1e-12)
    one_of(loss, "loss", _LOSSES)
    _step_losses(np.zeros(x.shape[:2] + (cell.output_size,)), y, loss, "y")  # y fits x and the loss
    y = np.asarray(y)
    if (x_val is None) != (y_val is None):
        raise ValueError("x_val and y_val go together: give both (held-out sequences and targets) or neither")
    if x_val is not None:
        x_val = as_array(
            x_val,
            "x_val",
            shape=(None, None, cell.input_size),
            layout="(batch, time, features)",
            dtype=cell.dtype,
        )
        _step_losses(np.zeros(x_val.shape[:-1] + (cell.output_size,)), y_val, loss, "y_val")
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    adam = Adam(p, learning_rate=learning_rate) if optimizer == "adam" else None
    history = {"loss": [], "grad_norm": [], "step_loss": [], "step_norm": [], "diverged": False}
    if x_val is not None:
        history["val_loss"] = []
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported, not warned about
        for _ in range(epochs):
            order = rng.permutation(x.shape[0])
            losses, norms, seen = [], [], 0
            for start in range(0, x.shape[0], batch_size):
                batch = order[start : start + batch_size]
                L, grads, _ = loss_and_gradients(cell, x[batch], y[batch], loss=loss)
                if max_norm is not None:
                    grads, norm = _clip(grads, max_norm)
                else:
                    norm = _global_norm(grads)
                losses.append(L * len(batch))
                norms.append(norm)
                history["step_loss"].append(float(L))
                history["step_norm"].append(float(norm))
                seen += len(batch)
                if not (np.isfinite(L) and L < _DIVERGED and np.isfinite(norm)):
                    history["diverged"] = True
                    break
                if adam is not None:
                    adam._step(grads)
                else:
                    for name in _PARAM_NAMES:
                        p[name] -= learning_rate * grads[name]
            history["loss"].append(float(np.sum(losses) / seen))  # mean over the sequences seen this epoch
            history["grad_norm"].append(float(np.max(norms)))
            if history["diverged"]:
                break
            if x_val is not None:
                y_hat, _ = cell.forward(x_val)
                history["val_loss"].append(total_loss(_step_losses(y_hat, y_val, loss)[0]))
    return p, history


def train_many(cells, x, y, *, seeds, epochs=2, batch_size=16, learning_rate=0.01, max_norm=None):
    """:func:`train` with plain SGD for many runs at once: run i starts from ``cells[i]`` and shuffles with
    ``seeds[i]``, exactly as ``train(cells[i], x, y, optimizer="sgd", seed=seeds[i], ...)`` would, but the runs
    are stacked and every step is one numpy call for all of them (several times faster for many small runs).

    ``cells`` a list of tanh :class:`~rnnlib.rnn.RNNCell` of one shape; ``x, y`` ``(batch, time, features)``;
    ``max_norm`` clips each run's global norm (``None``: no clipping). A run that diverges stops there; the
    others go on. Returns a list of histories, one per run, with the keys of :func:`train`'s (no ``"val_loss"``).

    >>> from rnnlib.tasks import echo_task
    >>> x, y = echo_task(32, 6, lag=1, values="uniform", seed=0)
    >>> cells = [RNNCell(1, 4, 1, seed=s) for s in (0, 1)]
    >>> runs = train_many(cells, x, y, seeds=[0, 1], epochs=1, batch_size=16)
    >>> _, one = train(cells[1], x, y, epochs=1, batch_size=16, optimizer="sgd", max_norm=None, seed=1)
    >>> len(runs), bool(np.allclose(runs[1]["step_norm"], one["step_norm"]))
    (2, True)
    """
    if isinstance(cells, RNNCell) or not isinstance(cells, (list, tuple)) or not cells:
        raise TypeError(f"cells must be a non-empty list of RNNCell; got {type(cells).__name__}")
    for i, cell in enumerate(cells):
        if not isinstance(cell, RNNCell) or cell.activation != "tanh":
            raise TypeError(f"cells[{i}] must be a tanh RNNCell; got {cell!r}"[:200])
        if (cell.input_size, cell.units, cell.output_size) != (
            cells[0].input_size,
            cells[0].units,
            cells[0].output_size,
        ):
            raise ValueError(f"cells must all have one shape; cells[{i}] differs from cells[0]")
    first = cells[0]
    x = as_array(
        x, "x", shape=(None, None, first.input_size), layout="(batch, time, features)", dtype=first.dtype
    )
    y = as_array(
        y, "y", shape=x.shape[:2] + (first.output_size,), layout="(batch, time, output)", dtype=first.dtype
    )
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__len__") or len(seeds) != len(cells):
        raise ValueError(f"seeds must hold one seed per cell ({len(cells)}); got {seeds!r}"[:200])
    seeds = [as_int(s, "seeds", minimum=0) for s in seeds]
    epochs = as_int(epochs, "epochs", minimum=1)
    batch_size = as_int(batch_size, "batch_size", minimum=1)
    learning_rate = as_float(learning_rate, "learning_rate", minimum=0.0)
    if max_norm is not None:
        max_norm = as_float(max_norm, "max_norm", minimum=1e-12)
    p = {name: np.stack([np.array(c.params[name]) for c in cells]) for name in _PARAM_NAMES}
    rngs = [np.random.default_rng(s) for s in seeds]
    runs = len(cells)
    live = np.ones(runs, bool)
    history = [
        {"loss": [], "grad_norm": [], "step_loss": [], "step_norm": [], "diverged": False} for _ in cells
    ]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            order = np.stack([rng.permutation(x.shape[0]) for rng in rngs])  # (runs, batch)
            sums, seen, peak = np.zeros(runs), 0, np.zeros(runs)
            for start in range(0, x.shape[0], batch_size):
                batch = order[:, start : start + batch_size]
                xb, yb = x[batch], y[batch]  # (runs, batch, time, features)
                idx = np.flatnonzero(live)  # only the runs still going are computed
                L, norm = np.full(runs, np.nan), np.full(runs, np.nan)
                grads = {name: np.zeros_like(value) for name, value in p.items()}
                L[idx], some = _stacked_step({k: v[idx] for k, v in p.items()}, xb[idx], yb[idx])
                for name in _PARAM_NAMES:
                    grads[name][idx] = some[name]
                norm[idx] = np.sqrt(sum(np.sum(g.reshape(len(idx), -1) ** 2, axis=1) for g in some.values()))
                seen += batch.shape[1]
                for i in np.flatnonzero(live):
                    history[i]["step_loss"].append(float(L[i]))
                    history[i]["step_norm"].append(float(norm[i]))
                    sums[i] += L[i] * batch.shape[1]
                    peak[i] = max(peak[i], norm[i])
                    if not (np.isfinite(L[i]) and L[i] < _DIVERGED and np.isfinite(norm[i])):
                        history[i]["diverged"] = True
                        history[i]["loss"].append(float(sums[i] / seen))
                        history[i]["grad_norm"].append(float(peak[i]))
                        live[i] = False
                scale = np.full(runs, learning_rate) * live
                if max_norm is not None:
                    scale = scale * np.minimum(1.0, max_norm / np.maximum(norm, 1e-300))
                scale = np.where(live, scale, 0.0)
                for name in _PARAM_NAMES:
                    g = np.where(live.reshape((-1,) + (1,) * (grads[name].ndim - 1)), grads[name], 0.0)
                    p[name] -= scale.reshape((-1,) + (1,) * (g.ndim - 1)) * g
            for i in np.flatnonzero(live):
                history[i]["loss"].append(float(sums[i] / seen))
                history[i]["grad_norm"].append(float(peak[i]))
            if not live.any():
                break
    return history


def _stacked_step(p, x, y):
    # Forward + BPTT for stacked runs: p's arrays carry a leading run axis; x, y (runs, batch, time, features).
    # Time-major inside, so that every step reads contiguous blocks; the sums of _backward, step by step.
    runs, batch, time, _ = x.shape
    x, y = x.transpose(2, 0, 1, 3).copy(), y.transpose(2, 0, 1, 3).copy()  # (time, runs, batch, features)
    W_hh, W_hy = p["W_hh"], p["W_hy"]
    W_hh_T, W_xh_T, W_hy_T = (np.ascontiguousarray(p[k].transpose(0, 2, 1)) for k in ("W_hh", "W_xh", "W_hy"))
    h = np.empty((time + 1, runs, batch, W_hh.shape[1]))  # h_0 … h_T
    h[0] = 0.0
    for t in range(time):
        h[t + 1] = np.tanh(h[t] @ W_hh_T + x[t] @ W_xh_T + p["b_h"][:, None])
    err = h[1:] @ W_hy_T + p["b_y"][:, None] - y  # ŷ − y, (time, runs, batch, output)
    L = np.mean(err * err, axis=-1).sum(axis=0).mean(axis=-1)  # Σ over time, mean over the batch
    dy = 2.0 * err / (err.shape[-1] * batch)
    grads = {name: np.zeros_like(value) for name, value in p.items()}
    dh_next = np.zeros_like(h[0])
    for t in range(time - 1, -1, -1):
        dz = (1.0 - h[t + 1] * h[t + 1]) * (dy[t] @ W_hy + dh_next)
        grads["W_hh"] += dz.transpose(0, 2, 1) @ h[t]
        grads["W_xh"] += dz.transpose(0, 2, 1) @ x[t]
        grads["W_hy"] += dy[t].transpose(0, 2, 1) @ h[t + 1]
        grads["b_h"] += dz.sum(axis=1)
        dh_next = dz @ W_hh
    grads["b_y"] = dy.sum(axis=(0, 2))
    return L, grads


# -- figures ------------------------------------------------------------------------------------------


def plot_step_losses(losses, title: str = "A loss at every step, and their running sum"):
    """Per-step losses L_t ``(time,)`` of one sequence as bars (left) and their running sum Σ_{s≤t} L_s (right).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> len(plot_step_losses([0.1, 0.4, 0.2]).axes)
    2
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    use_style()
    losses = as_array(losses, "losses", ndim=1, layout="(time,)")
    t = np.arange(1, losses.size + 1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.4))
    ax1.bar(t, losses, color=PALETTE[0])
    ax1.set(xlabel="time step t", ylabel="$L_t$ (squared error)", title="Per-step loss $L_t$")
    ax2.plot(t, np.cumsum(losses), marker="o", markersize=3, color=PALETTE[1])
    total = f"total $L$ = {losses.sum():.3f}"
    ax2.axhline(losses.sum(), linestyle="--", color=PALETTE[7], linewidth=1, label=total)
    ax2.set(xlabel="time step t", ylabel="running sum of $L_t$", title="Running sum: the total loss $L$")
    for ax in (ax1, ax2):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax2.legend(loc="lower right")
    fig.suptitle(title)
    return fig


def plot_loss_curves(curves: dict, baseline=None, *, ylabel: str = "loss", title: str = "Learning curves"):
    """Loss per epoch of several runs, ``{label: losses (epochs,)}``, on one log-scale axis, with an optional
    dashed baseline (e.g. the loss of always predicting the mean).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_loss_curves({"a": [1.0, 0.5], "b": [1.0, 0.4]}, baseline=1.0)
    >>> len(fig.axes[0].get_legend().get_texts())
    3
    """
    import matplotlib.pyplot as plt

    use_style()
    if not isinstance(curves, dict) or not curves:
        raise TypeError(f"curves must be a non-empty dict of label -> losses; got {type(curves).__name__}")
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    for i, (label, values) in enumerate(curves.items()):
        values = as_array(values, f"curves[{label!r}]", ndim=1, layout="(epochs,)")
        ax.plot(
            np.arange(1, values.size + 1),
            values,
            "-" if i % 2 == 0 else "--",
            color=PALETTE[i // 2 % 8],
            label=label,
        )
    if baseline is not None:
        ax.axhline(
            as_float(baseline, "baseline"), color=PALETTE[7], linestyle=":", label="baseline: predict 0"
        )
    ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel=ylabel, title=title)
    ax.legend(
        ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.2)
    )  # below the axes: the curves stay visible
    return fig


def plot_chunk_lengths(errors: dict, lag: int, baseline: float):
    """Truncated BPTT: held-out error against the chunk length K, one dot per seed and the median as a bar,
    with the echo's ``lag`` (a dotted vertical line) and the ``baseline`` error of predicting 0 (dashed).

    ``errors`` maps ``(chunk, seed)`` to a held-out MSE.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_chunk_lengths({(2, 0): 0.3, (2, 1): 0.4, (8, 0): 0.01, (8, 1): 0.02}, lag=4, baseline=0.33)
    >>> fig.axes[0].get_yscale(), fig.axes[0].get_xlabel()
    ('log', 'chunk length K (steps): the gradient stops at the chunk start')
    """
    import matplotlib.pyplot as plt

    use_style()
    if not isinstance(errors, dict) or not errors:
        raise TypeError(
            f"errors must be a non-empty dict (chunk, seed) -> error; got {type(errors).__name__}"
        )
    for key, error in errors.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise TypeError(f"errors must be keyed by (chunk, seed) pairs; got the key {key!r}")
        as_int(key[0], "errors: a chunk length", minimum=1)
        as_float(error, f"errors[{key!r}]", minimum=0.0)
    lag = as_int(lag, "lag", minimum=1)
    baseline = as_float(baseline, "baseline", minimum=0.0)
    chunks = sorted({chunk for chunk, _ in errors})
    fig, ax = plt.subplots(figsize=(7.5, 4.0))
    for chunk, seed in errors:
        ax.plot(chunk, errors[chunk, seed], "o", color=PALETTE[0], alpha=0.7, markersize=6)
    medians = [np.median([e for (c, _), e in errors.items() if c == chunk]) for chunk in chunks]
    ax.plot(
        chunks,
        medians,
        "_",
        color=PALETTE[0],
        markersize=22,
        markeredgewidth=2,
        label="held-out MSE (dots: seeds; bars: median)",
    )  # no line: K is not a continuum here
    ax.axhline(baseline, color=PALETTE[7], linestyle="--", label=f"predict 0: {baseline:.2f}")
    ax.axvline(lag, color=PALETTE[3], linestyle=":", label=f"the lag to learn: {lag} steps")
    ax.set_yscale("log")
    ax.set_xticks(chunks)
    ax.set(
        xlabel="chunk length K (steps): the gradient stops at the chunk start", ylabel="held-out per-step MSE"
    )
    ax.set_title(f"Truncated BPTT on an echo of lag {lag}: a chunk must reach back far enough")
    ax.legend(loc="center right", fontsize=9)
    return fig


def plot_gradient_checks(fd_errors: dict, tf_errors: dict, epsilons, sweep):
    """Two gradient checks (left) and the step size of central differences (right), on log scales.

    Left: the relative error of every parameter's gradient against central differences (``fd_errors``) and
    against another framework (``tf_errors``), both ``{name: error}``, beside float64's machine epsilon.
    Right: the relative error of a central difference along one direction (``sweep``) for each step size in
    ``epsilons``: truncation error ∝ ε² on the right, rounding error ∝ 1/ε on the left.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_gradient_checks({"W": 1e-10}, {"W": 1e-16}, [1e-2, 1e-4, 1e-6], [1e-5, 1e-9, 1e-10])
    >>> len(fig.axes), fig.axes[1].get_xscale()
    (2, 'log')
    """
    import matplotlib.pyplot as plt

    use_style()
    for name, errors in (("fd_errors", fd_errors), ("tf_errors", tf_errors)):
        if not isinstance(errors, dict) or not errors:
            raise TypeError(
                f"{name} must be a non-empty dict {{parameter name: relative error}}; got {errors!r}"[:200]
            )
        for key, error in errors.items():
            as_float(error, f"{name}[{key!r}]", minimum=0.0)
    if set(fd_errors) != set(tf_errors):
        raise ValueError(
            f"fd_errors and tf_errors must name the same parameters; got {sorted(fd_errors)} and {sorted(tf_errors)}"
        )
    epsilons = as_array(epsilons, "epsilons", ndim=1, layout="(steps,)")
    if np.any(epsilons <= 0):
        raise ValueError(f"epsilons must be step sizes above 0; got {epsilons.tolist()}")
    sweep = as_array(sweep, "sweep", shape=epsilons.shape, layout="one error per ε, (steps,)")
    names = list(fd_errors)
    floor = np.finfo(np.float64).eps
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8), width_ratios=(1, 1.2))
    position = np.arange(len(names))
    for offset, errors, color, label in (
        (-0.2, fd_errors, PALETTE[0], "central differences, ε = 1e-5"),
        (0.2, tf_errors, PALETTE[1], "tf.GradientTape"),
    ):
        values = np.maximum([errors[n] for n in names], floor / 100)  # an exact 0 stays on the log axis
        left.bar(position + offset, values, width=0.4, color=color, label=label)
    left.axhline(floor, color=PALETTE[7], linestyle=":", label="float64 machine ε (2.2e-16)")
    left.set_xticks(position, names)
    left.set_yscale("log")
    left.set(ylim=(1e-18, 1e-6), ylabel="relative error", title="Every parameter's gradient, two checks")
    left.legend(loc="upper left", fontsize=8)
    right.loglog(epsilons, sweep, marker="o", color=PALETTE[0], label="central difference along v")
    right.axvline(1e-5, color=PALETTE[7], linestyle=":", label="ε = 1e-5, used on the left")
    right.set(xlabel="step size ε", ylabel="relative error of (L(θ+εv) − L(θ−εv)) / 2ε")
    right.set_title("Why ε = 1e-5: truncation ∝ ε² (right), rounding ∝ 1/ε (left)")
    right.legend(loc="upper center", fontsize=8)
    return fig
