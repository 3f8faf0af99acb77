"""Exercise checks for lesson 02 · Recurrence."""

from __future__ import annotations

import numpy as np

from ._answers import Problem, whole_numbers
from ._feedback import correct, hint, not_answered

__all__ = ["EXERCISE_1", "exercise_1", "exercise_2", "exercise_3"]

#: Exercise 1's cell (column-vector layout) and its two-step input sequence x_1, x_2 (one feature each).
EXERCISE_1 = {
    "W_xh": np.array([[0.5], [-0.3]]),
    "W_hh": np.array([[0.2, -0.1], [0.4, 0.3]]),
    "b_h": np.array([0.0, 0.1]),
    "x": np.array([[1.0], [2.0]]),
}


def _states(W_xh, W_hh, b_h, x, f=np.tanh, steps=None):
    h = np.zeros(W_hh.shape[0])
    out = []
    for x_t in x[:steps]:
        h = f(W_hh @ h + W_xh @ x_t + b_h)
        out.append(h)
    return out


def _as_vector(answer, size):
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr.ravel() if arr.size == size else arr


def _whole_number(value):
    """``value`` as an int if it is a whole, finite number (7 or 7.0, not 7.5, True or "7"), else None."""
    if isinstance(value, (bool, np.bool_, str, bytes)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if np.isfinite(number) and number == int(number) else None


def exercise_1(answer) -> object:
    """Compute h_2 for :data:`EXERCISE_1`'s cell and inputs (h_0 = 0), as an array of 2 numbers."""
    if answer is None:
        return not_answered("h_2, an array of 2 numbers")
    arr = _as_vector(answer, 2)
    if arr is None or isinstance(answer, (str, bytes)):
        return hint(
            "type", f"give h_2 as an array of 2 numbers, such as np.array([0.1, -0.2]); got {answer!r}"
        )
    if arr.shape != (2,):
        return hint("shape", f"h_2 has one number per hidden unit: shape (2,); got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        return hint("not_finite", f"h_2 is a tanh, between −1 and 1 in every unit; got {arr.tolist()}")
    W_xh, W_hh, b_h, x = (EXERCISE_1[k] for k in ("W_xh", "W_hh", "b_h", "x"))
    h_1, h_2 = _states(W_xh, W_hh, b_h, x)

    def close(v):
        return np.allclose(arr, v, atol=1e-3)

    if close(h_2):
        return correct(
            f"h_1 = {np.round(h_1, 4).tolist()}, h_2 = tanh(W_hh h_1 + W_xh x_2 + b_h) = {np.round(h_2, 4).tolist()}"
        )
    if close(h_1):
        return hint("off_by_one", "that is h_1: take one more step, h_2 = tanh(W_hh h_1 + W_xh x_2 + b_h)")
    if close(_states(W_xh, W_hh, b_h, np.vstack([x, x[-1:]]))[2]) or close(
        _states(W_xh, W_hh, b_h, x[::-1])[1]
    ):
        return hint("order", "use x_1 = 1 in the first step and x_2 = 2 in the second, starting from h_0 = 0")
    if close(W_hh @ h_1 + W_xh @ x[1] + b_h) or close(_states(W_xh, W_hh, b_h, x, f=lambda z: z)[1]):
        return hint("no_activation", "apply tanh to W_hh h_{t-1} + W_xh x_t + b_h (np.tanh), at every step")
    if close(np.tanh(W_xh @ x[1] + b_h)):
        return hint(
            "no_memory", "you left out the memory term W_hh h_1: h_2 depends on h_1 as well as on x_2"
        )
    if close(_states(W_xh, W_hh.T, b_h, x)[1]):
        return hint("transposed", "W_hh is transposed: in column-vector maths it is W_hh @ h, not h @ W_hh")
    if close(_states(W_xh, W_hh, 0 * b_h, x)[1]):
        return hint("no_bias", "add the bias b_h inside the tanh, at both steps")
    return hint(
        "value",
        f"not quite ({np.round(arr, 4).tolist()}): first h_1 = tanh(W_xh x_1 + b_h) (h_0 = 0), "
        "then h_2 = tanh(W_hh @ h_1 + W_xh @ x_2 + b_h)",
    )


_SHAPES = {"W_xh": (16, 3), "W_hh": (16, 16), "W_hy": (1, 16), "keras_kernel": (3, 16)}


def exercise_2(answer) -> object:
    """Shapes for an RNN with 3 input features, 16 hidden units and 1 output.

    ``answer`` is a dict ``{"W_xh": (..), "W_hh": (..), "W_hy": (..), "keras_kernel": (..)}``: the three
    matrices in the lesson's column-vector layout, and the shape of the SimpleRNN's ``kernel`` in Keras.
    """
    if answer is None:
        return not_answered('a dict {"W_xh": (rows, columns), "W_hh": ..., "W_hy": ..., "keras_kernel": ...}')
    if not isinstance(answer, dict):
        return hint("type", 'give a dict such as {"W_xh": (16, 3), ...}')
    missing = [k for k in _SHAPES if k not in answer]
    if missing:
        return hint("missing", f"the dict lacks {', '.join(missing)}")
    got = {k: whole_numbers(answer[k]) for k in _SHAPES}
    for key, shape in got.items():
        if isinstance(shape, Problem) and shape.code in ("not_finite", "not_whole"):
            return hint(
                shape.code, f"{key}: a shape counts rows and columns, whole numbers; got {answer[key]!r}"
            )
        if isinstance(shape, Problem):
            return hint("type", "give every shape as a tuple of two integers, such as (16, 3)")
    if got == _SHAPES:
        return correct(
            "W_xh (16, 3), W_hh (16, 16), W_hy (1, 16); Keras stores the transpose, kernel (3, 16)"
        )
    if got["W_hh"] != (16, 16):
        return hint(
            "W_hh", "W_hh maps h_{t-1} (16 numbers) to h_t (16 numbers): it is square, whatever the input"
        )
    if got["W_xh"] == (3, 16):
        return hint(
            "transposed",
            "W_xh (3, 16) is Keras' layout; in the column-vector maths W_xh @ x_t needs (units, input)",
        )
    if got["W_hy"] == (16, 1):
        return hint(
            "transposed", "W_hy maps h_t (16) to ŷ_t (1): (output, units) = (1, 16) in column-vector maths"
        )
    if got["keras_kernel"] == (16, 3):
        return hint(
            "keras_layout", "Keras computes x_t @ kernel with x_t as a row: kernel is (input, units), W_xh.T"
        )
    return hint(
        "shape", "W_xh is (units, input), W_hh (units, units), W_hy (output, units); Keras' kernel is W_xh.T"
    )


_LAG = 10  # exercise 3: y_t = x_{t-10}


def exercise_3(answer) -> object:
    """Lag 10: the narrowest window that can be perfect, and the parameters of the window MLP
    (``Dense(16)`` then ``Dense(1)``, one input feature per step) with that window.

    ``answer`` is a dict ``{"window": W, "parameters": n}``.
    """
    if answer is None:
        return not_answered('a dict {"window": W, "parameters": number of parameters}')
    if not isinstance(answer, dict) or set(answer) != {"window", "parameters"}:
        return hint("type", f'give a dict with the keys "window" and "parameters"; got {answer!r}')
    window, parameters = _whole_number(answer["window"]), _whole_number(answer["parameters"])
    if window is None or parameters is None:
        return hint("type", "give the window and the parameter count as whole numbers")
    want = _LAG + 1
    if window == _LAG:
        return hint(
            "window_off_by_one",
            "a window of 10 sees x_(t-9) … x_t: one step short of x_(t-10). Count both ends, as in §3's "
            "table (a lag of 2 needed W = 3)",
        )
    if window != want:
        return hint(
            "window",
            "the window must reach back to x_(t-10), and nothing more is needed: how many steps is "
            "x_(t-10) … x_t? (§3: lag 2 needed W = 3, lag 4 needed W = 5)",
        )
    hidden, output = 16 * want + 16, 16 + 1
    if parameters == hidden + output:
        return correct(
            f"W = {want}; Dense(16) on {want} inputs has 16·{want} weights + 16 biases = {hidden}, Dense(1) "
            f"16 + 1 = {output}: {hidden + output} parameters, growing by 16 with every step of lag. "
            "The 8-unit RNN keeps its 89."
        )
    if parameters == 16 * want:
        return hint(
            "no_bias", "count the biases (16 in the hidden layer) and the output layer (16 weights + 1)"
        )
    if parameters == hidden:
        return hint("no_output", "add the output layer Dense(1): 16 weights and 1 bias")
    if parameters == 16 * want + 17:
        return hint("no_hidden_bias", "the hidden layer has 16 biases as well as its 16·W weights")
    return hint(
        "parameters",
        "a Dense(n) layer on m inputs has n·m weights and n biases; add the hidden layer (m = W inputs) and "
        "the output layer (m = 16)",
    )
