"""Exercise checks for lesson 03 · Unrolling."""

from __future__ import annotations

import numpy as np

from ..rnn import RNNCell
from ._answers import Problem, number, whole_numbers
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_2_setup", "exercise_3", "exercise_4"]

#: Exercise 1's model: 4 input features, SimpleRNN(16), Dense(2), sequences of 100 steps.
_PARAMETERS = 4 * 16 + 16 * 16 + 16 + 16 * 2 + 2


def exercise_1(answer) -> object:
    """Parameters of ``Input((100, 4)) -> SimpleRNN(16) -> Dense(2)`` (an int)."""
    if answer is None:
        return not_answered("the number of trainable parameters, an integer")
    n = number(answer)
    if isinstance(n, Problem):
        if n.code == "not_finite":
            return hint("not_finite", f"a parameter count is a whole number; got {n.value}")
        return hint("type", f"give a single number; got {type(answer).__name__}")
    if n == _PARAMETERS:
        return correct(
            "SimpleRNN 4·16 + 16·16 + 16 = 336, Dense 16·2 + 2 = 34: 370 in all, whatever the sequence length"
        )
    if n in (_PARAMETERS * 100, 336 * 100 + 34):
        return hint(
            "per_step", "the 100 steps share one set of weights: the count does not grow with the length"
        )
    if n == 336:
        return hint("dense", "that is the SimpleRNN alone: add the Dense layer, 16·2 weights + 2 biases")
    if n == _PARAMETERS - 16 - 2:
        return hint("no_bias", "count the biases too: 16 in the SimpleRNN and 2 in the Dense layer")
    if n == _PARAMETERS - 256:
        return hint("recurrent", "count the recurrent kernel W_hh as well: 16 × 16 numbers")
    return hint("count", "SimpleRNN: input·units + units·units + units; Dense: units·outputs + outputs")


def exercise_2_setup():
    """The cell and sequence of exercise 2: ``cell`` (1 input, 2 units), ``x`` of shape (6, 1)."""
    cell = RNNCell.from_params(
        W_xh=[[0.9], [-0.4]], W_hh=[[0.3, 0.5], [-0.6, 0.2]], W_hy=[[1.0, 1.0]], b_h=[0.1, 0.0], b_y=[0.0]
    )
    x = np.array([[1.0], [0.0], [-1.0], [0.5], [0.5], [-0.5]])
    return cell, x


def exercise_2(answer) -> object:
    """All hidden states h_1 … h_6 of :func:`exercise_2_setup`'s cell, computed with a loop: shape (6, 2)."""
    if answer is None:
        return not_answered("an array of shape (time, units) = (6, 2): row t − 1 holds h_t")
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return hint("type", "give the states as an array of numbers, shape (6, 2)")
    cell, x = exercise_2_setup()
    _, h = cell.forward(x)
    if arr.shape == (7, 2):
        return hint("includes_h0", "leave out h_0 = 0: keep the 6 states h_1 … h_6, one per input step")
    if arr.shape == (2, 6):
        return hint("transposed", "one row per time step: shape (time, units) = (6, 2); transpose your array")
    if arr.shape == (2,):
        return hint(
            "final_only", "that is one state: collect every h_t in a list and np.array(...) it, shape (6, 2)"
        )
    if arr.shape != (6, 2):
        return hint("shape", f"expected shape (time, units) = (6, 2); got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        return hint("not_finite", "each state is a tanh, between −1 and 1; your array holds NaN or infinity")
    if np.allclose(arr, h, atol=1e-6):
        return correct(
            f"the loop reproduces cell.forward(x); the final state is h_6 = {h[-1].round(4).tolist()}"
        )
    if np.allclose(arr, h[::-1], atol=1e-6):
        return hint(
            "reversed", "the rows are in reverse order: row 0 is h_1, the state after the first input"
        )
    if np.allclose(arr, cell.forward(x[::-1])[1], atol=1e-6):
        return hint("reversed_input", "you ran the sequence backwards: feed x_1 first")
    if np.allclose(
        arr, RNNCell.from_params(cell.W_xh, cell.W_hh.T, cell.W_hy, cell.b_h, cell.b_y).forward(x)[1]
    ):
        return hint(
            "transposed_weights",
            "use W_hh @ h_prev (column vectors) or h_prev @ W_hh.T (rows), not W_hh.T @ h",
        )
    if np.allclose(arr, np.tanh(x @ cell.W_xh.T + cell.b_h), atol=1e-6):
        return hint(
            "no_state", "pass the state along: each step needs the previous h, not h_0 = 0 every time"
        )
    return hint(
        "value", "not quite: h = zeros(2); for x_t in x: y_t, h = cell.step(x_t, h); states.append(h)"
    )


_LENGTHS = (3, 5, 2)


def exercise_3(answer) -> object:
    """Sequences of lengths 3, 5 and 2 padded (at the end) to 5 steps, run with ``return_sequences=True``
    and no masking: at which time index (0-based) is each sequence's own last state? A list of 3 ints."""
    if answer is None:
        return not_answered("a list of three 0-based time indices, one per sequence")
    got = whole_numbers(answer)
    if isinstance(got, Problem):
        if got.code in ("not_finite", "not_whole"):
            return hint(got.code, f"a time index is a whole number (0, 1, 2 …); got {got.value!r}")
        return hint("type", "give a list of three integers, such as [0, 0, 0]")
    got = list(got)
    if len(got) != len(_LENGTHS):
        return hint("length", f"one index per sequence: 3 of them; got {len(got)}")
    want = [n - 1 for n in _LENGTHS]
    if got == want:
        return correct("indices 2, 4, 1: a sequence of length n ends at index n − 1; later steps are padding")
    if got == list(_LENGTHS):
        return hint(
            "off_by_one", "indices start at 0: a sequence of length 3 has its last real step at index 2"
        )
    if got == [max(_LENGTHS) - 1] * 3:
        return hint(
            "padding",
            "the last index (4) is padding for the shorter sequences: without a mask the state moves on",
        )
    return hint("value", "count the real steps of each sequence; the last one is at index length − 1")


def _padding_errors():
    """Lesson 03 §3's float32 cell and three sequences (lengths 3, 7, 5, drawn from default_rng(4)):
    the largest |difference| from the unpadded final states when padded at the front without a mask,
    at the end without a mask, and that error per sequence (front)."""
    from ..diagrams import unrolled_example

    cell, _ = unrolled_example()
    cell = RNNCell.from_params(*(p.astype("float32") for p in cell.params.values()))
    rng = np.random.default_rng(4)
    sequences = [rng.normal(size=(n, 1)).astype("float32") for n in (3, 7, 5)]
    longest = max(len(s) for s in sequences)
    alone = np.array([cell.forward(s)[1][-1] for s in sequences])
    zeros = [np.zeros((longest - len(s), 1), "float32") for s in sequences]
    pre = np.array([cell.forward(np.vstack([z, s]))[1][-1] for z, s in zip(zeros, sequences, strict=True)])
    post = np.array([cell.forward(np.vstack([s, z]))[1][-1] for z, s in zip(zeros, sequences, strict=True)])
    per_sequence = np.abs(pre - alone).max(axis=1)
    return float(per_sequence.max()), float(np.abs(post - alone).max()), per_sequence, np.abs(pre - alone)


def exercise_4(answer) -> object:
    """The largest |difference| between the final states of §3's sequences padded with ``padding="pre"`` and
    run without a mask, and their unpadded final states (one number)."""
    if answer is None:
        return not_answered("the largest |difference|, a number")
    if isinstance(answer, (bool, np.bool_, str, bytes)) or np.ndim(answer) != 0:
        return hint("type", f"give one number (the largest over all sequences and units); got {answer!r}")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return hint("type", f"give one number; got {answer!r}")
    if not np.isfinite(value):
        return hint(
            "nan",
            f"got {value}: compare unmasked_rnn(padded_pre).numpy() with h_alone, then take np.abs(...).max()",
        )
    pre, post, per_sequence, differences = _padding_errors()

    def near(target):
        return abs(value - target) <= max(5e-4, 0.02 * abs(target))

    if near(pre):
        return correct(
            f"{pre:.3f}, far closer than post-padding's {post:.3f} (yet not 0). The leading zeros only move the "
            "starting state a little away from h_0 = 0 (through b_h), and every real step after them shrinks that "
            "difference, because W_hh's spectral radius is 0.65 < 1. Trailing zeros act on the final state "
            "directly. Masking is still the exact answer."
        )
    if value < 0:
        return hint(
            "negative", "a largest absolute difference cannot be negative: take np.abs(...) before .max()"
        )
    if near(post):
        return hint("post", 'that is the post-padding error of §3: pad with padding="pre" this time')
    if value < 1e-5:
        return hint(
            "masked",
            "that is what the mask gives: run the pre-padded batch through unmasked_rnn, the model without Masking",
        )
    if any(near(v) for v in per_sequence) or near(float(differences.mean())):
        return hint(
            "not_max",
            "take the largest |difference| over all three sequences and both units: .max() of the whole array",
        )
    return hint(
        "value",
        'not quite: padded_pre = keras.utils.pad_sequences(sequences, padding="pre", dtype="float32"), then '
        "compare unmasked_rnn(padded_pre).numpy() with h_alone",
    )
