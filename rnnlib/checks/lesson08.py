"""Exercise checks for lesson 08 · Long-term dependencies."""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validate import as_array
from ._answers import Problem, number
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def _sigmoid(a: float) -> float:
    return 1.0 / (1.0 + math.exp(-a))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


#: Exercise 1: the forget-gate bias whose σ(b)^200 is one half.
_HALF_AFTER_200 = _logit(0.5 ** (1 / 200))  # ≈ 5.66


def exercise_1(answer) -> object:
    """The forget-gate bias b with σ(b)^200 = 1/2 (inputs to the gate small): a float."""
    if answer is None:
        return not_answered("a float, the bias b_f")
    if isinstance(answer, (np.ndarray, list, tuple)) and np.size(answer) == 1:
        answer = np.asarray(answer, dtype=float).item()
    value = number(answer)
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint("nan", "the answer is not a finite number; check for a division by zero or log of 0")
        return hint("type", f"give one number (a float); got {type(answer).__name__}")
    if abs(value - _HALF_AFTER_200) <= 0.01:
        return correct(
            f"σ(b_f) must be 0.5^(1/200) ≈ {0.5 ** (1 / 200):.5f} per step, so b_f = log(p / (1 − p)) ≈ "
            f"{_HALF_AFTER_200:.2f}; twice the distance needs only about 0.7 more bias"
        )
    if abs(value - 0.5 ** (1 / 200)) <= 0.001:
        return hint(
            "gate", "that is the gate value σ(b_f) per step; the question asks for the bias b_f, so undo σ"
        )
    if abs(value - _logit(0.5 ** (1 / 100))) <= 0.01:
        return hint("steps", "that keeps half after 100 steps; the value must last 200 steps")
    if abs(value + _HALF_AFTER_200) <= 0.01:
        return hint("sign", "a negative bias closes the gate; keeping needs σ(b_f) close to 1, so b_f > 0")
    if abs(_sigmoid(value) ** 200 - 0.5) <= 0.02:
        return hint("precision", "close: give the bias to two decimals or better")
    return hint(
        "value",
        "the share kept after 200 steps is σ(b_f)^200; set it to 1/2, solve for σ(b_f), then invert the sigmoid: "
        "b = log(p / (1 − p))",
    )


def exercise_2(answer, f) -> object:
    """The share of the step-0 cell content that the direct path carries to the last step, per unit:
    ``answer`` = ∏ f_t over t = 1 … T, an array of shape (units,); ``f`` holds one sequence's forget-gate values,
    shape (time, units), step 0 first."""
    f = as_array(f, "f", ndim=2, layout="(time, units)")
    if f.shape[0] < 2:
        raise ValueError(f"f must hold at least two steps (time, units); got shape {f.shape}")
    if np.any((f < 0) | (f > 1)):
        raise ValueError("f holds gate values, which lie in 0 … 1; got values outside that range")
    if answer is None:
        return not_answered("an array of shape (units,)")
    try:
        value = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return hint("shape", f"give one array of shape ({f.shape[1]},): one share per unit")
    if value.shape != (f.shape[1],):
        if value.shape == (f.shape[0],) or value.shape == (f.shape[0] - 1,):
            return hint("axis", "that is one number per step; multiply along the time axis (axis=0) instead")
        return hint(
            "shape", f"give one array of shape ({f.shape[1]},): one share per unit; got {value.shape}"
        )
    if not np.all(np.isfinite(value)):
        return hint("nan", "your array holds NaN or infinity; a product of gate values in 0 … 1 is finite")
    steps = f.shape[0] - 1
    right = np.prod(f[1:], axis=0)

    def close(a):
        return np.allclose(value, a, rtol=1e-4, atol=1e-9)

    if close(right):
        best = int(np.argmax(right))
        return correct(
            f"∏ f_t over the {steps} distractor steps: unit {best} keeps {right[best]:.2f} of what was written at "
            f"step 0, the median unit {np.median(right):.2g}; a steady 1 % forgotten per step would keep "
            f"0.99^{steps} ≈ {0.99**steps:.2f}"
        )
    if close(np.prod(f, axis=0)):
        return hint(
            "step0", "f at step 0 acts on c before step 0, which is zero: start the product at step 1"
        )
    if close(f[1:].mean(axis=0) ** steps):
        return hint(
            "mean",
            "close, but a product of different numbers is not the mean to the power T: multiply the f_t",
        )
    if close(np.prod(1 - f[1:], axis=0)) or close(np.prod(1 - f, axis=0)):
        return hint("one_minus", "f_t is the share kept (1 = keep); 1 − f_t is the share forgotten")
    if close(f[1:].sum(axis=0)) or close(f.sum(axis=0)):
        return hint("sum", "the direct path multiplies by f_t at every step: a product, not a sum")
    if close(f[-1] ** steps) or close(f[1] ** steps):
        return hint(
            "one_step", "f_t changes from step to step: multiply all of them, not one of them T times"
        )
    return hint(
        "value", "c_T depends on c_0 along the direct path through f_1 ⊙ f_2 ⊙ … ⊙ f_T (element-wise)"
    )


def _simple_rnn_params(units: int, features: int = 5) -> int:
    return units * features + units * units + units


#: Exercise 3: GRU(16) on 5 features (Keras' reset_after=True: two bias vectors per block).
_GRU16 = 3 * (16 * 5 + 16 * 16 + 2 * 16)
_MATCH = min(range(1, 100), key=lambda u: abs(_simple_rnn_params(u) - _GRU16))  # 30


def exercise_3(answer) -> object:
    """The SimpleRNN width (5 input features) whose parameter count is closest to GRU(16)'s: an int."""
    if answer is None:
        return not_answered("a number of units (an int)")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return hint("type", f"give a whole number of units; got {type(answer).__name__}")
    if not math.isfinite(float(answer)) or float(answer) != int(answer):
        return hint("type", f"a layer has a whole number of units; got {answer!r}")
    units = int(answer)
    if units == _MATCH:
        return correct(
            f"SimpleRNN({units}) has {_simple_rnn_params(units)} parameters against GRU(16)'s {_GRU16}; "
            f"{units + 1} units would have {_simple_rnn_params(units + 1)}"
        )
    if units == _MATCH + 1:
        return hint(
            "neighbour",
            f"SimpleRNN({units}) has {_simple_rnn_params(units)} parameters; compare with one unit fewer",
        )
    if units == round(math.sqrt(_GRU16)):
        return hint("quadratic", "u² is not all: a SimpleRNN also has u × 5 input weights and u biases")
    gru_one_bias = 3 * (16 * 5 + 16 * 16 + 16)
    if (
        units == min(range(1, 100), key=lambda u: abs(_simple_rnn_params(u) - gru_one_bias))
        and units != _MATCH
    ):
        return hint(
            "gru_bias", "Keras' GRU (reset_after=True) has two bias vectors per block: its bias is (2, 48)"
        )
    if units == 16 or units == 48:
        return hint(
            "count",
            "count GRU(16)'s parameters first (3 blocks), then solve u² + 6u ≈ that for the SimpleRNN",
        )
    return hint(
        "value",
        "a SimpleRNN with u units on 5 features has u·5 + u·u + u parameters; GRU(16) has 3 blocks of "
        "16·5 + 16·16 + 2·16; find the u that comes closest",
    )


def _fresh_gru(units: int):
    import keras

    layer = keras.layers.GRU(units)
    keras.Sequential([keras.Input((3, 5)), layer])  # builds the weights (Keras starts the bias at 0)
    return layer


def exercise_4(answer) -> object:
    """``answer(gru, b)`` sets a Keras GRU's update-gate bias so that z ≈ σ(b) at the start, nothing else."""
    if answer is None:
        return not_answered("your function open_update_gate")
    if not callable(answer):
        return hint(
            "type", f"give the function itself (answer = open_update_gate); got {type(answer).__name__}"
        )
    for units, b in ((16, 5.0), (8, 3.0)):
        layer = _fresh_gru(units)
        start = layer.cell.bias.numpy().copy()
        try:
            answer(layer, b)
        except Exception as error:  # noqa: BLE001 — any failure in the learner's code becomes a hint
            return hint("error", f"calling your function raised {type(error).__name__}: {error}")
        bias = layer.cell.bias.numpy()
        if bias.shape != start.shape:
            return hint("shape", f"the bias must keep its shape {start.shape}; got {bias.shape}")
        if np.allclose(bias, start):
            return hint("unchanged", "the bias did not change: set a block of `bias`, then assign it back")
        z = slice(0, units)
        total = bias[0, z] + bias[1, z]  # both rows are added before the sigmoid
        others_same = np.allclose(bias[:, units:], start[:, units:])
        if others_same and np.allclose(total, b, atol=1e-5):
            continue
        if np.allclose(bias[0, z] + bias[1, z], 2 * b, atol=1e-5):
            return hint("both_rows", "both rows are added to z's pre-activation: setting each to b gives 2b")
        if np.allclose(total, -b, atol=1e-5):
            return hint(
                "sign",
                "in Keras h_t = z h_{t−1} + (1 − z) n: a large z keeps the memory, so the bias must be +b",
            )
        if np.allclose(bias[0, units : 2 * units] + bias[1, units : 2 * units], b, atol=1e-5):
            return hint(
                "reset", "that is the second block, the reset gate r; the update gate z is the first block"
            )
        if not others_same:
            return hint("others", "only the update gate's block (the first `units` columns) should change")
        return hint("value", f"z's pre-activation bias (row 0 + row 1 of the first block) should be {b}")
    return correct(
        "z = σ(5) ≈ 0.993: the GRU keeps its state and writes 0.7 % per step, like the opened LSTM; now train it"
    )
