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
    """The cell and batch of exercise 2: ``cell`` (1 input, 2 units) and ``x`` of shape
    (batch, time, features) = (3, 6, 1), three sequences of 6 steps."""
    cell = RNNCell.from_params(
        W_xh=[[0.9], [-0.4]], W_hh=[[0.3, 0.5], [-0.6, 0.2]], W_hy=[[1.0, 1.0]], b_h=[0.1, 0.0], b_y=[0.0]
    )
    x = np.array(
        [
            [[1.0], [0.0], [-1.0], [0.5], [0.5], [-0.5]],
            [[0.0], [1.0], [1.0], [-1.0], [0.0], [0.5]],
            [[-0.5], [-0.5], [1.0], [0.0], [1.0], [1.0]],
        ]
    )
    return cell, x


def _batched(cell, x, W_hh=None, carry=True):
    W_hh = cell.W_hh if W_hh is None else W_hh
    h = np.zeros((x.shape[0], cell.units))
    out = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ cell.W_xh.T + (h if carry else 0 * h) @ W_hh.T + cell.b_h)
        out.append(h)
    return np.stack(out, axis=1)


def exercise_2(answer) -> object:
    """All hidden states of :func:`exercise_2_setup`'s batch, computed for the whole batch at once in Keras'
    row layout: shape (batch, time, units) = (3, 6, 2)."""
    if answer is None:
        return not_answered(
            "an array of shape (batch, time, units) = (3, 6, 2): [b, t − 1] holds h_t of sequence b"
        )
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return hint("type", "give the states as an array of numbers, shape (3, 6, 2)")
    cell, x = exercise_2_setup()
    h = np.array([cell.forward(seq)[1] for seq in x])  # each sequence on its own, column maths
    if arr.shape == (3, 7, 2):
        return hint("includes_h0", "leave out h_0 = 0: keep the 6 states h_1 … h_6 of each sequence")
    if arr.shape == (6, 3, 2):
        return hint(
            "time_major", "one row per sequence: (batch, time, units); stack the steps on axis=1, not axis=0"
        )
    if arr.shape == (3, 2):
        return hint("final_only", "those are the final states only: keep every h_t, shape (3, 6, 2)")
    if arr.shape != (3, 6, 2):
        return hint("shape", f"expected shape (batch, time, units) = (3, 6, 2); got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        return hint("not_finite", "each state is a tanh, between −1 and 1; your array holds NaN or infinity")
    if np.allclose(arr, h, atol=1e-6):
        return correct(
            "these are the states. The batched loop that gives them, one step for all three sequences at once, "
            "is h = tanh(x_t @ W_xh.T + h @ W_hh.T + b_h): the column update W_hh h + W_xh x_t + b_h written "
            "for rows, which is what SimpleRNN computes with "
            f"kernel = W_xh.T and recurrent_kernel = W_hh.T. Final states: {h[:, -1].round(4).tolist()}"
        )
    if np.allclose(arr, _batched(cell, x, W_hh=cell.W_hh.T), atol=1e-6):
        return hint(
            "transposed_weights",
            "with the states as rows, the memory term is h @ W_hh.T (the transpose of W_hh h), not h @ W_hh",
        )
    if np.allclose(arr, _batched(cell, x, carry=False), atol=1e-6):
        return hint(
            "no_state", "pass the state along: each step needs the previous h, not h_0 = 0 every time"
        )
    if np.allclose(arr, h[:, ::-1], atol=1e-6):
        return hint("reversed", "the steps are in reverse order: index 0 along time is h_1")
    return hint(
        "value",
        "not quite: start from h = np.zeros((3, 2)); for each t, h = np.tanh(x[:, t] @ W_xh.T + h @ W_hh.T + b_h), "
        "keep every h and np.stack(..., axis=1)",
    )


_LENGTHS = (3, 5, 2)


def _pre_padding_gaps():
    """Exercise 3: lengths 3, 5, 2 padded in front to 5 steps with §1's cell; how far each final state lands
    from the unpadded one (the largest |difference| per sequence)."""
    from ..diagrams import unrolled_example

    cell, _ = unrolled_example()
    rng = np.random.default_rng(0)
    gaps = []
    for n in _LENGTHS:
        seq = rng.normal(size=(n, 1))
        padded = np.vstack([np.zeros((max(_LENGTHS) - n, 1)), seq])
        gaps.append(float(np.abs(cell.forward(padded)[1][-1] - cell.forward(seq)[1][-1]).max()))
    return gaps


def exercise_3(answer) -> object:
    """Sequences of lengths 3, 5 and 2 padded IN FRONT (``padding="pre"``) to 5 steps, run through §1's cell
    with ``return_sequences=True`` and no mask. ``answer`` is a dict ``{"index": [i, i, i], "exact": [b, b, b]}``:
    the 0-based time index of each sequence's final state, and whether it is exactly the unpadded final state."""
    if answer is None:
        return not_answered('a dict {"index": [three 0-based time indices], "exact": [three True/False]}')
    if not isinstance(answer, dict) or set(answer) != {"index", "exact"}:
        return hint(
            "type", 'give a dict with the keys "index" and "exact", such as {"index": [0, 0, 0], ...}'
        )
    got = whole_numbers(answer["index"])
    if isinstance(got, Problem):
        if got.code in ("not_finite", "not_whole"):
            return hint(got.code, f"a time index is a whole number (0, 1, 2 …); got {got.value!r}")
        return hint("type", "give the indices as a list of three integers, such as [0, 0, 0]")
    exact = answer["exact"]
    if (
        isinstance(exact, (str, bytes, dict))
        or not hasattr(exact, "__len__")
        or len(exact) != 3
        or not all(isinstance(e, (bool, np.bool_)) for e in exact)
    ):
        return hint("type", 'give "exact" as a list of three True/False values, one per sequence')
    got, exact = list(got), [bool(e) for e in exact]
    if len(got) != len(_LENGTHS):
        return hint("length", f"one index per sequence: 3 of them; got {len(got)}")
    last = max(_LENGTHS) - 1
    if got == [n - 1 for n in _LENGTHS]:
        return hint(
            "post",
            'that is where they sit with padding="post": with "pre" the zeros come first. Where is the last real step now?',
        )
    if got == list(_LENGTHS) or got == [last + 1] * 3:
        return hint("off_by_one", "indices start at 0: the fifth step is at index 4")
    if got != [last] * 3:
        return hint("index", "with the zeros in front, every sequence's real steps end at the last step")
    gaps = _pre_padding_gaps()
    want = [n == max(_LENGTHS) for n in _LENGTHS]
    if exact == want:
        return correct(
            "index 4 for all three. Only the unpadded sequence (length 5) ends exactly where it would on its own; "
            "during the leading zeros h moves from 0 to tanh(b_h) and on, so the others start from another state. "
            f"Measured with random inputs, largest |difference| per sequence: {[round(g, 4) for g in gaps]}. "
            "Exercise 4 asks how big that is for §3's sequences."
        )
    if exact == [True, True, True]:
        return hint(
            "exact",
            "zero inputs do not leave h at 0: z_t = W_hh h + W_xh·0 + b_h, and b_h = [0, 0.1] is not zero. "
            "Does a sequence that gets padding start from h_0 = 0?",
        )
    return hint(
        "exact", "which sequences get padding at all? A sequence without padding is run exactly as it is"
    )


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

    if abs(value - pre) <= max(5e-4, 0.1 * pre):  # within 10 %: 0.009 and 0.01 are both pre, rounded
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
    if abs(value - pre) < 0.002:
        return hint(
            "rounded", f"close ({value}), but not within 10 %: don't round, give np.abs(...).max() as it is"
        )
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
