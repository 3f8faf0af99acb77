"""Exercise checks for lesson 04 · Loss over time."""

from __future__ import annotations

import numpy as np

from ..bptt import clip_by_global_norm, loss_and_gradients, mse_loss, total_loss
from ..rnn import RNNCell
from ._answers import Problem, number
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_1_data", "exercise_2", "exercise_2_data", "exercise_3"]


def exercise_1_data():
    """One step of a 3-unit tanh RNN: ``(W_hh, W_xh, b_h, h_prev, x_t)`` in column-vector layout.

    >>> [a.shape for a in exercise_1_data()]
    [(3, 3), (3, 2), (3,), (3,), (2,)]
    """
    rng = np.random.default_rng(4)
    return (
        rng.normal(size=(3, 3)),
        rng.normal(size=(3, 2)),
        rng.normal(size=3) * 0.1,
        rng.uniform(-0.8, 0.8, size=3),
        rng.normal(size=2),
    )


def _step(h_prev, W_hh, W_xh, b_h, x_t):
    return np.tanh(W_hh @ h_prev + W_xh @ x_t + b_h)


def _as_float_array(answer):
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr if arr.dtype != object else None


def exercise_1(answer) -> object:
    """The Jacobian ∂h_t/∂h_{t−1} (3, 3) for the step in :func:`exercise_1_data`, checked numerically."""
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
    h_t = _step(h_prev, W_hh, W_xh, b_h, x_t)
    eps = 1e-6
    numerical = np.empty((3, 3))
    for j in range(3):  # column j: how h_t moves when h_{t−1}[j] moves (central differences)
        e = np.zeros(3)
        e[j] = eps
        numerical[:, j] = (
            _step(h_prev + e, W_hh, W_xh, b_h, x_t) - _step(h_prev - e, W_hh, W_xh, b_h, x_t)
        ) / (2 * eps)
    if np.allclose(J, numerical, atol=1e-7):
        return correct(
            "diag(1 − h_t²) W_hh, and it matches central differences to 1e-7. "
            "BPTT multiplies by its transpose at every step"
        )
    if np.allclose(J, numerical.T, atol=1e-7):
        return hint(
            "transposed",
            "transposed: row i should be how h_t[i] depends on each h_{t−1}[j], "
            "i.e. (1 − h_t[i]²) · W_hh[i, :]",
        )
    if np.allclose(J, W_hh, atol=1e-7) or np.allclose(J, W_hh.T, atol=1e-7):
        return hint(
            "no_tanh",
            "that is W_hh alone: h_t = tanh(z_t), so multiply by tanh's slope, "
            "1 − h_t², row by row: np.diag(1 - h_t**2) @ W_hh",
        )
    if np.allclose(J, np.diag(1 - h_prev**2) @ W_hh, atol=1e-7):
        return hint("h_prev", "the slope of tanh is taken where the step lands: 1 − h_t², not 1 − h_{t−1}²")
    if np.allclose(J, np.diag(1 - h_t) @ W_hh, atol=1e-7):
        return hint("slope", "tanh′(z) = 1 − tanh(z)², so the slope is 1 − h_t**2 (squared)")
    return hint(
        "value",
        "not yet: compute h_t first, then np.diag(1 - h_t**2) @ W_hh; "
        "compare with central differences column by column",
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


def exercise_2(answer) -> object:
    """∂L/∂W_hh[0, 1] by central differences (eps = 1e-5) for :func:`exercise_2_data`, a float."""
    if answer is None:
        return not_answered("a number: (L(W_hh[0, 1] + eps) − L(W_hh[0, 1] − eps)) / (2 eps)")
    value = number(answer, text_ok=True)  # a numeric string is read as its number
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint(
                "not_finite", f"a derivative of this smooth loss is a finite number; got {value.value}"
            )
        return hint("type", f"the answer is a single number; got {type(answer).__name__}")
    cell, x, y = exercise_2_data()
    _, grads, _ = loss_and_gradients(cell, x, y)
    exact = float(grads["W_hh"][0, 1])
    eps = 1e-5
    L0 = _loss_with(cell, x, y, 0, 1, 0.0)

    def close(a, b, tol):
        return abs(a - b) <= tol * max(abs(b), 1e-12)

    if close(value, exact, 1e-7):
        return correct(f"{exact:.6f}, the same as BPTT's grads['W_hh'][0, 1] to better than 1e-7 (relative)")
    one_sided = (_loss_with(cell, x, y, 0, 1, eps) - L0) / eps
    backward_sided = (L0 - _loss_with(cell, x, y, 0, 1, -eps)) / eps
    if close(value, one_sided, 1e-9) or close(value, backward_sided, 1e-9):
        return hint(
            "one_sided",
            "that is a one-sided difference, accurate only to O(eps); "
            "use L(θ + eps) − L(θ − eps), divided by 2·eps",
        )
    if close(value, 2 * exact, 1e-6):
        return hint("factor_two", "twice too large: the two evaluations are 2·eps apart, so divide by 2·eps")
    if close(value, exact / 2, 1e-6):
        return hint("factor_two", "half the right size: divide by 2·eps, not by 4·eps")
    if close(value, -exact, 1e-6):
        return hint("sign", "right size, wrong sign: it is L(θ + eps) − L(θ − eps), in that order")
    if close(value, float(grads["W_hh"][1, 0]), 1e-6):
        return hint("index", "that is ∂L/∂W_hh[1, 0]: nudge row 0, column 1")
    return hint(
        "value",
        "not yet: copy the weights, add eps to W_hh[0, 1], compute L; subtract eps, compute L; "
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
    for grads, max_norm in _grads_cases():
        given = {k: v.copy() for k, v in grads.items()}
        try:
            out = answer(given, max_norm)
        except Exception as exc:  # the learner's code: report, don't raise
            return hint("error", f"your function raised {type(exc).__name__}: {exc}")
        if isinstance(out, tuple) and len(out) == 2 and isinstance(out[0], dict):
            out = out[0]  # (clipped, norm) like rnnlib's clip_by_global_norm is fine too
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
                "a gradient already shorter than max_norm must be left alone: "
                "scale by min(1, max_norm / norm)",
            )
        if all(np.allclose(np.clip(grads[k], -max_norm, max_norm), out[k]) for k in grads):
            return hint(
                "by_value",
                "that clips each number to ±max_norm (clipping by value), which bends the "
                "direction; rescale the whole gradient instead",
            )
        return hint(
            "value",
            "not yet: norm = sqrt(sum of all squared entries); "
            "multiply every array by min(1, max_norm / norm)",
        )
    return correct(
        "one global norm, one factor for every array: the direction is kept, only the length is capped"
    )
