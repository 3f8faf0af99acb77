"""Exercise checks for lesson 04 · Loss over time."""

from __future__ import annotations

import numpy as np

from ..bptt import clip_by_global_norm, loss_and_gradients, mse_loss, total_loss
from ..rnn import RNNCell
from ._answers import Problem, number
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_1_data", "exercise_2", "exercise_2_data", "exercise_3", "exercise_4"]


def exercise_1_data():
    """One step of a 3-unit ReLU RNN: ``(W_hh, W_xh, b_h, h_prev, x_t)`` in column-vector layout.

    The pre-activations are far from 0 (one unit off, two on), so central differences see no kink.

    >>> [a.shape for a in exercise_1_data()]
    [(3, 3), (3, 2), (3,), (3,), (2,)]
    """
    rng = np.random.default_rng(0)
    return (
        rng.normal(size=(3, 3)),
        rng.normal(size=(3, 2)),
        rng.normal(size=3) * 0.1,
        rng.uniform(0.0, 1.0, size=3),  # a ReLU state is never negative
        rng.normal(size=2),
    )


def _relu_step(h_prev, W_hh, W_xh, b_h, x_t):
    return np.maximum(0.0, W_hh @ h_prev + W_xh @ x_t + b_h)


def _as_float_array(answer):
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr if arr.dtype != object else None


def exercise_1(answer) -> object:
    """The Jacobian ∂h_t/∂h_{t−1} (3, 3) of the ReLU step in :func:`exercise_1_data`, checked numerically."""
    if answer is None:
        return not_answered("the (3, 3) Jacobian ∂h_t/∂h_{t−1}")
    J = _as_float_array(answer)
    if J is None:
        return hint("type", f"the answer is a (3, 3) array of numbers; got {type(answer).__name__}")
    if J.shape != (3, 3):
        return hint(
            "shape",
            f"∂h_t/∂h_{{t−1}} has one row per unit of h_t and one column per unit of h_{{t−1}}: (3, 3); got {J.shape}",
        )
    if not np.all(np.isfinite(J)):
        return hint("not_finite", "every entry of the Jacobian is a finite number; yours has NaN or infinity")
    W_hh, W_xh, b_h, h_prev, x_t = exercise_1_data()
    z_t = W_hh @ h_prev + W_xh @ x_t + b_h
    eps = 1e-6
    numerical = np.empty((3, 3))
    for j in range(3):  # column j: how h_t moves when h_{t−1}[j] moves (central differences)
        e = np.zeros(3)
        e[j] = eps
        numerical[:, j] = (
            _relu_step(h_prev + e, W_hh, W_xh, b_h, x_t) - _relu_step(h_prev - e, W_hh, W_xh, b_h, x_t)
        ) / (2 * eps)
    if np.allclose(J, numerical, atol=1e-7):
        return correct(
            "it matches central differences to 1e-7. ReLU's slope is 1 for a unit that is on and 0 for one "
            "that is off, so the bound of section 4 has γ = 1: nothing but W_hh scales the gradient of an active "
            "unit, and an inactive unit blocks it completely"
        )
    if np.allclose(J, numerical.T, atol=1e-7):
        return hint(
            "transposed",
            "transposed: row i is how h_t[i] moves with each h_{t−1}[j], so row i uses W_hh[i, :]",
        )
    if np.allclose(J, W_hh, atol=1e-7) or np.allclose(J, W_hh.T, atol=1e-7):
        return hint(
            "no_slope",
            "that is W_hh alone: look at z_t. A unit with z_t[i] < 0 outputs 0 whatever h_{t−1} does, "
            "so its row cannot be W_hh's row",
        )
    h_t = np.maximum(z_t, 0.0)
    tanh_like = [np.diag(1 - np.tanh(z_t) ** 2) @ W_hh, np.diag(1 - h_t**2) @ W_hh]
    if any(np.allclose(J, t, atol=1e-7) for t in tanh_like):
        return hint(
            "tanh_slope", "that uses tanh's slope 1 − h²; this step is max(0, z): what is its derivative?"
        )
    if np.allclose(J, np.diag(h_t) @ W_hh, atol=1e-7):
        return hint(
            "output_not_slope",
            "you multiplied by h_t itself; the chain rule needs the slope of max(0, z) at z_t, not its value",
        )
    return hint(
        "value",
        "not yet: compute z_t = W_hh h_{t−1} + W_xh x_t + b_h, then ask, unit by unit, how max(0, z_t[i]) changes "
        "when z_t[i] changes; check one column yourself with central differences",
    )


def exercise_2_data():
    """A small cell, one sequence and its targets for the central-difference exercise: ``(cell, x, y)``.

    >>> cell, x, y = exercise_2_data(); cell.units, x.shape, y.shape
    (4, (6, 1), (6, 1))
    """
    cell = RNNCell(1, 4, 1, seed=7)
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, size=(6, 1))
    y = np.roll(x, 2, axis=0)
    y[:2] = 0.0
    return cell, x, y


def _loss_with(cell, x, y, i, j, delta):
    nudged = cell.copy()
    nudged.W_hh[i, j] += delta
    y_hat, _ = nudged.forward(x)
    return total_loss(mse_loss(y_hat, y)[0])


_EPS_2 = 1e-2  # the step of exercise 2: large enough that the estimate differs from the exact gradient


def exercise_2(answer) -> object:
    """∂L/∂W_hh[0, 1] by central differences with eps = 1e-2 for :func:`exercise_2_data`, a float.

    The estimate, not the exact gradient: at eps = 1e-2 the two differ in the fifth digit (truncation error
    ∝ eps²), so BPTT's value or central differences at another eps get a hint.
    """
    if answer is None:
        return not_answered("a number: (L(W_hh[0, 1] + eps) − L(W_hh[0, 1] − eps)) / (2 eps), eps = 1e-2")
    value = number(answer, text_ok=True)  # a numeric string is read as its number
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint(
                "not_finite", f"a derivative of this smooth loss is a finite number; got {value.value}"
            )
        return hint("type", f"the answer is a single number; got {type(answer).__name__}")
    if not np.isfinite(value):
        return hint("not_finite", f"a derivative of this smooth loss is a finite number; got {value}")
    cell, x, y = exercise_2_data()
    _, grads, _ = loss_and_gradients(cell, x, y)
    exact = float(grads["W_hh"][0, 1])
    eps = _EPS_2
    L0 = _loss_with(cell, x, y, 0, 1, 0.0)
    up, down = _loss_with(cell, x, y, 0, 1, eps), _loss_with(cell, x, y, 0, 1, -eps)
    estimate = (up - down) / (2 * eps)

    def close(a, b, tol):
        return abs(a - b) <= tol * max(abs(b), 1e-12)

    if close(value, estimate, 1e-9):
        return correct(
            f"{estimate:.6f}; BPTT's exact value is {exact:.6f}: at eps = 1e-2 central differences are off by "
            f"{abs(estimate - exact) / abs(exact):.0e} (relative), the ε² truncation error of the right panel"
        )
    if close(value, exact, 1e-6):
        return hint(
            "exact",
            "that is the exact gradient (what BPTT gives, or central differences with a tiny eps); "
            "compute the estimate with eps = 1e-2 yourself: it differs in the fifth digit",
        )
    if close(value, (up - L0) / eps, 1e-9) or close(value, (L0 - down) / eps, 1e-9):
        return hint(
            "one_sided",
            "that is a one-sided difference, accurate only to O(eps); "
            "use L(θ + eps) − L(θ − eps), divided by 2·eps",
        )
    if close(value, 2 * estimate, 1e-9):
        return hint("factor_two", "twice too large: the two evaluations are 2·eps apart, so divide by 2·eps")
    if close(value, estimate / 2, 1e-9):
        return hint("factor_two", "half the right size: divide by 2·eps, not by 4·eps")
    if close(value, -estimate, 1e-9):
        return hint("sign", "right size, wrong sign: it is L(θ + eps) − L(θ − eps), in that order")
    other = (_loss_with(cell, x, y, 1, 0, eps) - _loss_with(cell, x, y, 1, 0, -eps)) / (2 * eps)
    if close(value, other, 1e-6) or close(value, float(grads["W_hh"][1, 0]), 1e-6):
        return hint("index", "that is ∂L/∂W_hh[1, 0]: nudge row 0, column 1")
    return hint(
        "value",
        "not yet: copy the weights, add eps = 1e-2 to W_hh[0, 1], compute L; subtract eps, compute L; "
        "take the difference over 2·eps",
    )


def _grads_cases():
    rng = np.random.default_rng(0)
    big = {"W_hh": rng.normal(size=(3, 3)) * 10, "b_h": rng.normal(size=3) * 10}
    small = {"W_hh": rng.normal(size=(3, 3)) * 0.01, "b_h": rng.normal(size=3) * 0.01}
    skewed = {"W_hh": np.full((2, 2), 0.1), "b_h": np.array([100.0, 0.0])}
    return [(big, 1.0), (small, 1.0), (skewed, 5.0)]


def exercise_3(answer) -> object:
    """A function ``clip(grads, max_norm)`` that rescales a dict of gradients to global norm ≤ max_norm."""
    if answer is None:
        return not_answered("a function clip(grads, max_norm) that returns the clipped dict")
    if not callable(answer):
        return hint("type", "the answer is a function: def clip(grads, max_norm): ... return clipped")
    if answer is clip_by_global_norm:
        return hint("library", "that is rnnlib's own clip_by_global_norm: write the function yourself")
    for grads, max_norm in _grads_cases():
        given = {k: v.copy() for k, v in grads.items()}
        try:
            out = answer(given, max_norm)
        except Exception as exc:  # the learner's code: report, don't raise
            return hint("error", f"your function raised {type(exc).__name__}: {exc}")
        if isinstance(out, tuple):
            return hint("type", "return only the clipped dict (rnnlib's version also returns the norm)")
        if not isinstance(out, dict) or set(out) != set(grads):
            return hint("type", 'return a dict with the same keys as grads ("W_hh", "b_h" …)')
        expected, norm = clip_by_global_norm(grads, max_norm)
        ok = all(
            np.shape(out[k]) == expected[k].shape and np.allclose(out[k], expected[k], rtol=1e-9, atol=1e-12)
            for k in grads
        )
        if ok:
            continue
        per_array = {k: g * min(1.0, max_norm / max(np.linalg.norm(g), 1e-300)) for k, g in grads.items()}
        if all(np.allclose(out[k], per_array[k]) for k in grads):
            return hint(
                "per_array",
                "each array was clipped on its own, which changes the gradient's direction; "
                "take one norm over all arrays together, sqrt(Σ ‖g‖²), and scale all by the same factor",
            )
        scaled = {k: g * max_norm / norm for k, g in grads.items()}
        if norm < max_norm and all(np.allclose(out[k], scaled[k]) for k in grads):
            return hint(
                "scales_up",
                "a gradient already shorter than max_norm must be left alone; your function also stretches "
                "short gradients up to max_norm",
            )
        if all(np.allclose(np.clip(grads[k], -max_norm, max_norm), out[k]) for k in grads):
            return hint(
                "by_value",
                "that clips each number to ±max_norm (clipping by value, as Karpathy's min-char-rnn does: "
                "common, and it works, but it bends the direction); here, rescale the whole gradient instead",
            )
        return hint(
            "value",
            "not yet: the global norm is one number for all arrays together (every entry of every array "
            "counts); every array gets the same factor, and only when that norm is above max_norm",
        )
    return correct(
        "one global norm, one factor for every array: the direction is kept, only the length is capped"
    )


_CE_CASES = (
    (np.array([2.0, 1.0, 0.1]), 0),
    (np.array([0.5, -1.0, 3.0, 0.0]), 2),
    (np.array([-3.0, 2.0, 2.0]), 1),
    (np.array([1000.0, 0.0]), 1),  # e^1000 overflows: a stable softmax subtracts the largest logit first
)


def _ce_loss(logits, target):
    shifted = logits - logits.max()
    return float(np.log(np.exp(shifted).sum()) - shifted[target])


def _softmax(logits):
    e = np.exp(logits - logits.max())
    return e / e.sum()


def exercise_4(answer) -> object:
    """A function ``ce_gradient(logits, target)`` returning ∂L/∂logits of L = −log softmax(logits)[target]."""
    if answer is None:
        return not_answered("a function ce_gradient(logits, target) that returns ∂L/∂logits")
    if not callable(answer):
        return hint("type", "the answer is a function: def ce_gradient(logits, target): ... return gradient")
    for logits, target in _CE_CASES:
        try:
            out = answer(logits.copy(), target)
        except Exception as exc:  # the learner's code: report, don't raise
            return hint("error", f"your function raised {type(exc).__name__}: {exc}")
        got = _as_float_array(out)
        if got is None or got.shape != logits.shape:
            shape = getattr(out, "shape", type(out).__name__)
            return hint(
                "shape", f"return one number per logit, an array of shape {logits.shape}; got {shape}"
            )
        p = _softmax(logits)
        onehot = np.eye(logits.size)[target]
        exact = p - onehot
        if not np.all(np.isfinite(got)):
            return hint(
                "overflow",
                f"for logits {logits.tolist()} your gradient has NaN or infinity: e^1000 overflows. softmax does not "
                "change if you subtract the same number from every logit, so subtract the largest first",
            )
        if np.allclose(got, exact, atol=1e-9):
            continue
        if np.allclose(got, p, atol=1e-9):
            return hint(
                "forgot_target",
                "that is the derivative of the log Σ e^ŷ term only; L also contains −ŷ_y, the true class's own "
                "logit: differentiate that term too",
            )
        if np.allclose(got, -exact, atol=1e-9):
            return hint("sign", "right size, wrong sign: raising the true class's logit must lower the loss")
        if np.allclose(got, logits - onehot, atol=1e-9):
            return hint(
                "logits", "the gradient involves the probabilities p = softmax(ŷ), not the raw logits"
            )
        if np.allclose(got, onehot * (-1.0 / p[target]), atol=1e-9):
            return hint(
                "dL_dp",
                "that is ∂L/∂p, the derivative with respect to the probability; the exercise asks for ∂L/∂ŷ, "
                "the logits: go through the softmax with the chain rule",
            )
        if np.allclose(got, onehot * exact, atol=1e-9):
            return hint(
                "only_target",
                "every logit changes the loss, not only the true class's: the others appear in Σ e^ŷ",
            )
        return hint(
            "value",
            f"not yet, for logits {logits.tolist()} and target {target}: nudge one logit by ±1e-5, recompute "
            "L = −log softmax(ŷ)[y] and compare the central difference with your entry",
        )
    logits, target = _CE_CASES[0]
    eps = 1e-5
    numerical = [
        (_ce_loss(logits + eps * e, target) - _ce_loss(logits - eps * e, target)) / (2 * eps)
        for e in np.eye(logits.size)
    ]
    if not np.allclose(numerical, answer(logits.copy(), target), atol=1e-8):  # pragma: no cover - a safeguard
        return hint("value", "your gradient disagrees with central differences")
    return correct(
        "softmax(ŷ_t) − onehot(y_t), the predicted probabilities minus the one-hot target, as central differences "
        "confirm. It is the δy_t that lesson 05's BPTT starts from"
    )
