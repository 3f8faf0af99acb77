"""Exercise checks for lesson 08 · Long-term dependencies."""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3"]


def _sigmoid(a: float) -> float:
    return 1.0 / (1.0 + math.exp(-a))


#: Exercise 1: what a forget gate with bias b keeps of a cell value after 50 steps (inputs and h ignored).
_KEEP_DEFAULT = _sigmoid(1.0) ** 50  # Keras' unit_forget_bias: b_f = 1
_KEEP_OPEN = _sigmoid(5.0) ** 50  # the lesson's b_f = 5


def _close(value, target, rtol=0.05) -> bool:
    return abs(value - target) <= rtol * abs(target)


def exercise_1(answer) -> object:
    """Share of a step-0 cell value left after 50 steps with f_t = σ(1) and with f_t = σ(5): a tuple of two floats."""
    if answer is None:
        return not_answered("a tuple (kept with b_f = 1, kept with b_f = 5)")
    try:
        default, opened = (float(v) for v in answer)
    except (TypeError, ValueError):
        return hint("type", "give a tuple of two numbers: (kept with b_f = 1, kept with b_f = 5)")
    if _close(default, _KEEP_DEFAULT) and _close(opened, _KEEP_OPEN):
        return correct(
            "σ(1)^50 ≈ 2e-7: the default gate forgets almost everything in 50 steps; σ(5)^50 ≈ 0.71 keeps most of it"
        )
    if _close(default, _KEEP_OPEN) and _close(opened, _KEEP_DEFAULT):
        return hint("order", "the two numbers are swapped: first b_f = 1 (Keras' default), then b_f = 5")
    if _close(default, _sigmoid(1.0)) or _close(opened, _sigmoid(5.0)):
        return hint(
            "power", "that is what one step keeps; the cell is multiplied by f_t at each of the 50 steps"
        )
    if _close(default, _sigmoid(1.0) ** 49) or _close(default, _sigmoid(1.0) ** 51):
        return hint("off_by_one", "count the multiplications again: 50 steps, one factor f_t per step")
    if _close(opened, 5.0**50) or _close(default, 1.0):
        return hint("sigmoid", "the gate is σ(b_f), not b_f itself: σ(1) ≈ 0.73, σ(5) ≈ 0.993")
    return hint(
        "value", "compute σ(b) = 1 / (1 + exp(−b)) and raise it to the 50th power, for b = 1 and b = 5"
    )


def _as_pair(answer, shape):
    try:
        c_t, h_t = answer
        c_t, h_t = np.asarray(c_t, dtype=float), np.asarray(h_t, dtype=float)
    except (TypeError, ValueError):
        return None
    if c_t.shape != shape or h_t.shape != shape:
        return None
    return c_t, h_t


def exercise_2(answer, f, i, g, o, c_prev) -> object:
    """One LSTM cell update from given gate values: ``answer = (c_t, h_t)``, arrays of shape (units,)."""
    if answer is None:
        return not_answered("a tuple (c_t, h_t)")
    f, i, g, o, c_prev = (np.asarray(v, dtype=float) for v in (f, i, g, o, c_prev))
    pair = _as_pair(answer, c_prev.shape)
    if pair is None:
        return hint(
            "shape", f"give a tuple (c_t, h_t) of two arrays, each of shape {c_prev.shape} like c_prev"
        )
    c_t, h_t = pair
    c_ok = f * c_prev + i * g
    h_ok = o * np.tanh(c_ok)
    if np.allclose(c_t, c_ok, atol=1e-6):
        if np.allclose(h_t, h_ok, atol=1e-6):
            return correct(
                "c_t = f ⊙ c_{t−1} + i ⊙ g carries the memory; h_t = o ⊙ tanh(c_t) shows part of it"
            )
        if np.allclose(h_t, o * c_ok, atol=1e-6):
            return hint("no_tanh", "h_t squashes the cell first: h_t = o_t ⊙ tanh(c_t)")
        if np.allclose(h_t, np.tanh(c_ok), atol=1e-6):
            return hint(
                "no_output_gate", "the output gate decides how much of tanh(c_t) to show: multiply by o_t"
            )
        return hint("h", "c_t is right; now h_t = o_t ⊙ tanh(c_t)")
    if np.allclose(c_t, i * g, atol=1e-6):
        return hint(
            "no_forget",
            "c_t also keeps f_t ⊙ c_{t−1}, the old memory; without it the cell forgets at every step",
        )
    if np.allclose(c_t, f * c_prev + g, atol=1e-6):
        return hint("no_input_gate", "the input gate scales what is written: + i_t ⊙ g_t")
    if np.allclose(c_t, c_prev * (1 - f) + i * g, atol=1e-6):
        return hint("one_minus", "f_t is the share kept (1 = keep), so multiply c_{t−1} by f_t, not 1 − f_t")
    return hint("c", "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t (⊙ is element-wise: * in numpy)")


#: Exercise 3: parameters of each recurrent layer with 16 units on 5 input features (Keras defaults).
_PARAMS = {
    "SimpleRNN": 16 * 5 + 16 * 16 + 16,
    "LSTM": 4 * (16 * 5 + 16 * 16 + 16),
    "GRU": 3 * (16 * 5 + 16 * 16 + 2 * 16),
}


def exercise_3(answer) -> object:
    """Parameter counts of SimpleRNN(16), LSTM(16), GRU(16) on 5 features: a dict of three integers."""
    if answer is None:
        return not_answered('a dict {"SimpleRNN": ..., "LSTM": ..., "GRU": ...}')
    if not isinstance(answer, dict):
        return hint("type", 'give a dict {"SimpleRNN": ..., "LSTM": ..., "GRU": ...} of integers')
    missing = [k for k in _PARAMS if k not in answer]
    if missing:
        return hint("missing", f"the dict lacks {', '.join(missing)}")
    values = {}
    for key in _PARAMS:
        value = answer[key]
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != int(value):
            return hint("type", f"{key} must be a whole number; got {value!r}")
        values[key] = int(value)
    if values == _PARAMS:
        return correct(
            "an LSTM has 4 and a GRU 3 copies of the SimpleRNN's weights (the GRU with two biases)"
        )
    dense = 16 * 4 + 4
    if all(values[k] == _PARAMS[k] + dense for k in _PARAMS):
        return hint("dense", "count the recurrent layer only, without the Dense(4) read-out (68 parameters)")
    if values["SimpleRNN"] != _PARAMS["SimpleRNN"]:
        return hint("simple", "SimpleRNN: W_xh (16×5) + W_hh (16×16) + b_h (16)")
    if values["LSTM"] != _PARAMS["LSTM"]:
        if values["LSTM"] == _PARAMS["SimpleRNN"]:
            return hint("gates", "the LSTM has four blocks (i, f, g, o), each as big as a SimpleRNN")
        return hint("lstm", "LSTM: 4 × (16×5 + 16×16 + 16)")
    if values["GRU"] == 3 * (16 * 5 + 16 * 16 + 16):
        return hint(
            "gru_bias", "Keras' GRU (reset_after=True) has two bias vectors per block: its bias is (2, 48)"
        )
    return hint("gru", "GRU: 3 blocks (z, r, candidate), each 16×5 + 16×16 + two biases of 16")
