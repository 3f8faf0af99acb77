"""Exercise checks for lesson 02 · Recurrence."""

from __future__ import annotations

import numpy as np

from ._answers import Problem, number, whole_numbers
from ._feedback import correct, hint, not_answered

__all__ = ["EXERCISE_1", "EXERCISE_3", "exercise_1", "exercise_2", "exercise_3"]

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


_TOLERANCE, _CLOSE = 0.005, 0.02  # accepted: the right values to 2 decimals; 'don't round' hint below 0.02


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

    error = float(np.abs(arr - h_2).max())
    if error <= _TOLERANCE:  # the right values to 2 decimals (a correctly rounded answer) count as equal
        return correct(
            f"h_1 = {np.round(h_1, 4).tolist()}, h_2 = tanh(W_hh h_1 + W_xh x_2 + b_h) = {np.round(h_2, 4).tolist()}"
        )
    if error < _CLOSE:
        return hint(
            "rounded",
            f"close ({np.round(arr, 4).tolist()}), but not within 0.005 in every unit: don't round, "
            "give the array np.tanh gives",
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


#: Exercise 2's stack: Input((None, 3)) -> SimpleRNN(16, return_sequences=True) -> SimpleRNN(8) -> Dense(1).
#: The shapes asked for belong to the SECOND recurrent layer, whose input is the first layer's h_t.
_SHAPES = {"kernel": (16, 8), "recurrent_kernel": (8, 8), "W_xh": (8, 16)}


def exercise_2(answer) -> object:
    """Shapes of the second ``SimpleRNN(8)`` in ``Input((None, 3)) -> SimpleRNN(16, return_sequences=True)
    -> SimpleRNN(8) -> Dense(1)``.

    ``answer`` is a dict ``{"kernel": (..), "recurrent_kernel": (..), "W_xh": (..)}``: Keras' two weight
    matrices of that layer, and its W_xh in the lesson's column-vector maths.
    """
    if answer is None:
        return not_answered('a dict {"kernel": (rows, columns), "recurrent_kernel": ..., "W_xh": ...}')
    if not isinstance(answer, dict):
        return hint("type", 'give a dict such as {"kernel": (4, 2), ...}')
    missing = [k for k in _SHAPES if k not in answer]
    if missing:
        return hint("missing", f"the dict lacks {', '.join(missing)}")
    got = {k: whole_numbers(answer[k]) for k in _SHAPES}
    for key, shape in got.items():
        if isinstance(shape, Problem) and shape.code in ("not_finite", "not_whole"):
            return hint(
                shape.code, f"{key}: a shape counts rows and columns, whole numbers; got {answer[key]!r}"
            )
        if isinstance(shape, Problem) or len(shape) != 2:
            return hint("type", "give every shape as a tuple of two integers, such as (4, 2)")
    if got == _SHAPES:
        return correct(
            "the second layer reads the first one's h_t, 16 numbers per step: kernel (16, 8) = W_xh.T with "
            "W_xh (8, 16), and its own state has 8 units, recurrent_kernel (8, 8). The 3 input features only "
            "reach the first layer's kernel (3, 16)."
        )
    if 3 in got["kernel"] or 3 in got["W_xh"]:
        return hint(
            "first_layer",
            "the 3 features go into the first layer only; the second layer's input at step t is the first "
            "layer's h_t (return_sequences=True gives it one per step): how many numbers is that?",
        )
    if got["recurrent_kernel"] != (8, 8):
        return hint(
            "recurrent", "the recurrent kernel maps this layer's own state (8 units) to itself: it is square"
        )
    if got["kernel"] == (8, 16):
        return hint("keras_layout", "Keras computes x_t @ kernel with x_t as a row: kernel is (input, units)")
    if got["W_xh"] == (16, 8):
        return hint("transposed", "in the column-vector maths W_xh @ x_t needs W_xh of shape (units, input)")
    return hint(
        "shape",
        "kernel is (input, units) and W_xh its transpose (units, input); recurrent_kernel (units, units)",
    )


#: Exercise 3: the echo task at a lag of 10, drawn like the lesson's (seed 0), scored on steps t > 10.
EXERCISE_3 = {"lag": 10, "n_train": 512, "n_test": 256, "time": 20, "seed": 0}


def _exercise_3_test():
    from ..tasks import echo_split

    (x, y), (x_test, y_test) = echo_split(**EXERCISE_3)
    return x, y, x_test, y_test


def _iterations(model) -> int:
    """Training steps the model's optimizer has taken (0 if it was never compiled or fitted)."""
    try:
        return int(np.asarray(model.optimizer.iterations))
    except (AttributeError, TypeError, ValueError):
        return 0


def exercise_3(model, accuracy) -> object:
    """Lag 10, predicted and then measured: ``model`` is the 8-unit RNN (``echo_rnn()``, 89 parameters) trained
    on the lag-10 data of :data:`EXERCISE_3`, and ``accuracy`` the share of held-out steps t > 10 it gets right
    (0 … 1). The check predicts on the held-out sequences itself and compares.
    """
    if model is None:
        return not_answered("lag10_model, the echo_rnn() you trained on x10_train, y10_train")
    if accuracy is None:
        return not_answered("lag10_accuracy, the share of held-out steps t > 10 your model gets right")
    layers = getattr(model, "layers", None)
    count = getattr(model, "count_params", None)
    if not isinstance(layers, list) or not callable(count) or not callable(model):
        return hint("type", f"give the Keras model itself (echo_rnn(), trained); got {model!r}"[:200])
    if not any(type(layer).__name__ == "SimpleRNN" for layer in layers):
        return hint("architecture", "use the lesson's echo_rnn(): an 8-unit SimpleRNN with a Dense output")
    n = count()
    if n != 89:
        return hint(
            "parameters",
            f"this model has {n} parameters; the question is about the same 89 (echo_rnn(): SimpleRNN(8) and "
            "Dense(1))",
        )
    if _iterations(model) == 0:
        return hint("untrained", "this model has not been trained yet: fit it on x10_train, y10_train first")
    acc = number(accuracy)
    if isinstance(acc, Problem):
        return hint("type", f"the accuracy is one number between 0 and 1; got {accuracy!r}"[:200])
    _, _, x_test, y_test = _exercise_3_test()
    try:
        p = np.asarray(model(x_test), dtype=float)
    except Exception:  # noqa: BLE001 - whatever the object does, the learner gets a hint
        return hint(
            "type", "the model could not predict on x10_test: give the Keras model echo_rnn() returns"
        )
    if p.shape != y_test.shape:
        return hint(
            "shape", f"the model should give one output per step, shape {y_test.shape}; got {p.shape}"
        )
    if not np.all(np.isfinite(p)):
        return hint("not_finite", "the model predicts NaN or infinity: did training diverge?")
    lag = EXERCISE_3["lag"]
    bits = p > 0.5
    for k in range(1, lag):  # a model trained on another lag echoes that lag instead
        if np.mean(bits[:, k:, 0] == (x_test[:, :-k, 0] > 0.5)) > 0.95:
            return hint(
                "wrong_task",
                f"this model echoes the input {k} steps back: train a fresh echo_rnn() on the lag-10 data "
                "(x10_train, y10_train)",
            )

    def scored(first):
        return float(np.mean(bits[:, first:] == (y_test[:, first:] > 0.5)))

    measured = scored(lag)
    if 1 < acc <= 100 and abs(acc / 100 - measured) < 0.005:
        return hint("percent", "give the accuracy as a share between 0 and 1, not in per cent")
    if abs(acc - measured) >= 0.0005 and abs(acc - scored(2)) < 0.0005:
        return hint(
            "steps",
            "score only the steps that have something to echo, t > 10: accuracy(model, x10_test, y10_test, lag=10)",
        )
    if abs(acc - measured) >= 0.0005:
        return hint(
            "accuracy",
            f"your accuracy ({acc:.4f}) is not the share of this model's held-out predictions that are right on "
            "steps t > 10: accuracy(model, x10_test, y10_test, lag=10)",
        )
    if measured > 0.99:
        return correct(
            f"{measured:.1%}: in this run the 89 parameters held all 10 bits. Train it again with another seed: "
            "at a lag of 10 that is the exception, not the rule."
        )
    return correct(
        f"{measured:.1%}: the same 89 parameters, trained in the same budget, no longer echo 10 steps back. "
        "A window reaching back 11 steps would be exact (the lookup table of §3 is), but it has to be told the "
        "lag. The RNN has to learn to hold 10 bits in 8 numbers, and training finds that harder the further "
        "back the answer lies: lesson 04 shows why."
    )
