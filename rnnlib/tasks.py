"""Toy tasks whose target at step t depends on *earlier* inputs, so a per-step model must fail.

* :func:`echo_task`: the target at step t is the input ``lag`` steps earlier (``y_t = x_{t-lag}``); the
  inputs are random bits (lesson 02: a model that sees only x_t can do no better than guessing, a model with
  memory can be perfect) or numbers in [−1, 1] (lesson 04's regression task).
* :func:`window_table_accuracy` (lesson 02): the held-out accuracy of the strongest model that sees only the
  last ``window`` inputs, a lookup table counted on the training set.
* :func:`recall_split` (lesson 08): recall the marked first symbol of a sequence after ``distance`` steps of
  distractors; guessing gets 1 in ``n_symbols`` right.

Everything is deterministic for a seed and uses the layout of every lesson, ``(batch, time, features)``.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_bool, as_int, one_of

__all__ = [
    "best_memoryless_accuracy",
    "echo_split",
    "echo_task",
    "guessing_accuracy",
    "recall_split",
    "window_table_accuracy",
]


def _rng(seed):
    return np.random.default_rng(as_int(seed, "seed", minimum=0))


def _time_and_lag(time, lag):
    lag = as_int(lag, "lag", minimum=1)
    time = as_int(time, "time", minimum=2)
    if time <= lag:
        raise ValueError(
            f"time must be ≥ {lag + 1}, longer than lag (each target echoes the input lag steps earlier); "
            f"got time={time}, lag={lag}"
        )
    return time, lag


def echo_task(n_sequences: int, time: int, lag: int = 2, seed: int = 0, *, values: str = "bits"):
    """Random sequences and their echo ``lag`` steps later: ``y[:, t] = x[:, t - lag]``.

    ``x`` and ``y`` are (n_sequences, time, 1) with ``time`` > ``lag`` ≥ 1. The first ``lag`` targets have
    nothing to echo and are 0; score a model on steps ``t ≥ lag`` (``y[:, lag:]``) only. ``values="bits"``:
    0s and 1s, each with probability 1/2, as float32 (for Keras); ``values="uniform"``: numbers uniform in
    [−1, 1], as float64 (for the numpy gradient checks), where predicting 0 everywhere (the targets' mean)
    scores a per-step MSE of about 1/3 · (time − lag)/time.

    >>> x, y = echo_task(n_sequences=1, time=6, lag=2, seed=0)
    >>> x.shape, y.shape
    ((1, 6, 1), (1, 6, 1))
    >>> bool((y[0, 2:] == x[0, :-2]).all()), y[0, :2, 0].tolist()
    (True, [0.0, 0.0])
    >>> x, y = echo_task(2, 5, lag=1, values="uniform", seed=0)
    >>> x.dtype, bool(np.abs(x).max() <= 1), bool(np.all(y[:, 1:] == x[:, :-1]))
    (dtype('float64'), True, True)
    """
    n_sequences = as_int(n_sequences, "n_sequences", minimum=1)
    time, lag = _time_and_lag(time, lag)
    one_of(values, "values", ("bits", "uniform"))
    rng = _rng(seed)
    if values == "bits":
        return _with_echo(rng.integers(0, 2, size=(n_sequences, time, 1)).astype(np.float32), lag)
    return _with_echo(rng.uniform(-1.0, 1.0, size=(n_sequences, time, 1)), lag)


def _with_echo(x, lag):
    y = np.zeros_like(x)
    y[:, lag:] = x[:, :-lag]
    return x, y


def echo_split(
    n_train: int = 512, n_test: int = 256, time: int = 20, lag: int = 2, seed: int = 0, balanced: bool = True
):
    """A training set and a held-out test set of the echo task, drawn independently.

    With ``balanced=True`` (the default) the test set holds ``n_test / 4`` random sequences, each in four
    variants that are all just as likely: as drawn, with every bit flipped, and with the bits flipped
    only in alternate blocks of ``lag`` steps (and that, flipped). At every scored step the four variants
    show each combination of (x_t, x_{t-lag}) exactly once, so *every* model that sees only x_t scores
    exactly 50 % on it, on any computer, and so does guessing: the printed baseline is exact.

    Returns ``(x_train, y_train), (x_test, y_test)``, shapes (n_train, time, 1) and (n_test, time, 1).

    >>> (x_train, y_train), (x_test, y_test) = echo_split(n_train=8, n_test=4, time=10)
    >>> x_train.shape, x_test.shape
    ((8, 10, 1), (4, 10, 1))
    >>> best_memoryless_accuracy(x_test, y_test)
    0.5
    """
    seed = as_int(seed, "seed", minimum=0)
    n_train = as_int(n_train, "n_train", minimum=1)
    n_test = as_int(n_test, "n_test", minimum=1)
    time, lag = _time_and_lag(time, lag)
    balanced = as_bool(balanced, "balanced")
    if balanced and n_test % 4:
        raise ValueError(
            f"n_test must be a multiple of 4 when balanced=True (four variants each); got {n_test}"
        )
    train_seed, test_seed = (int(s.generate_state(1)[0]) for s in np.random.SeedSequence(seed).spawn(2))
    train = echo_task(n_train, time, lag=lag, seed=train_seed)
    if not balanced:
        return train, echo_task(n_test, time, lag=lag, seed=test_seed)
    x, _ = echo_task(n_test // 4, time, lag=lag, seed=test_seed)
    blocks = ((np.arange(time) // lag) % 2 == 0).astype(np.float32)[None, :, None]  # 1: a flipped block
    return train, _with_echo(np.concatenate([x, 1 - x, np.abs(x - blocks), 1 - np.abs(x - blocks)]), lag)


def _scored(y, lag, name):
    y = as_array(y, name, shape=(None, None, 1), layout="(batch, time, 1)")
    lag = as_int(lag, "lag", minimum=0, maximum=y.shape[1] - 1)
    return y[:, lag:].ravel(), lag


def guessing_accuracy(y, lag: int = 2) -> float:
    """Accuracy of always answering the most common target (the baseline), on steps ``t ≥ lag``.

    >>> guessing_accuracy(np.array([[[0.0], [0.0], [1.0], [1.0], [1.0]]]), lag=2)
    1.0
    """
    targets, _ = _scored(y, lag, "y")
    share_of_ones = float(np.mean(targets > 0.5))
    return max(share_of_ones, 1.0 - share_of_ones)


def best_memoryless_accuracy(x, y, lag: int = 2) -> float:
    """The best accuracy *any* per-step model (one that sees only x_t) can reach on these sequences.

    For each input value it answers the target most common with that value, on the very data it is
    scored on, so no memoryless model (an MLP applied to every step) can beat it.

    >>> x, y = echo_task(1000, 20, seed=1)
    >>> round(best_memoryless_accuracy(x, y), 2)
    0.5
    """
    inputs, lag = _scored(x, lag, "x")
    targets, _ = _scored(y, lag, "y")
    if inputs.shape != targets.shape:
        raise ValueError(
            f"x and y must have the same shape (batch, time, 1); got {np.shape(x)} and {np.shape(y)}"
        )
    right = 0
    for value in np.unique(inputs):
        chosen = targets[inputs == value] > 0.5
        right += max(chosen.sum(), (~chosen).sum())
    return float(right / targets.size)


def window_table_accuracy(x_train, y_train, x_test, y_test, window: int, lag: int = 2) -> float:
    """Held-out accuracy of the strongest model that sees only the last ``window`` bits at each step.

    The model is a lookup table: for every pattern of the last ``window`` inputs x_{t-window+1} … x_t (0 before
    the first step), it answers the target most common after that pattern in the training set (0 on a tie,
    and for a pattern never seen). A network fed the same window can at best learn this table, so its score
    on the test set says what *any* window model of that width can do. Scored on steps ``t ≥ lag``, like
    :func:`guessing_accuracy`. ``x_*``/``y_*`` are bits, (batch, time, 1).

    >>> (x_train, y_train), (x_test, y_test) = echo_split(n_train=64, n_test=32, time=12, lag=2)
    >>> window_table_accuracy(x_train, y_train, x_test, y_test, window=3, lag=2)    # x_{t-2} is in the window
    1.0
    >>> window_table_accuracy(x_train, y_train, x_test, y_test, window=2, lag=2)    # it is not
    0.5
    """
    window = as_int(window, "window", minimum=1, maximum=16)
    codes, targets = [], []
    for name, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        x = as_array(x, f"x_{name}", ndim=3, layout="(batch, time, 1)")
        _, lag = _scored(y, lag, f"y_{name}")
        if x.shape[2] != 1 or np.shape(y) != x.shape:
            raise ValueError(
                f"x_{name} and y_{name} must have the same shape (batch, time, 1); got {x.shape} and {np.shape(y)}"
            )
        bits = np.pad(x[..., 0] > 0.5, ((0, 0), (window - 1, 0)))
        patterns = np.lib.stride_tricks.sliding_window_view(bits, window, axis=1)[:, lag:]
        codes.append(patterns.reshape(-1, window) @ (2 ** np.arange(window)))
        targets.append(np.asarray(y)[:, lag:, 0].ravel() > 0.5)
    ones = np.bincount(codes[0], weights=targets[0], minlength=2**window)
    seen = np.bincount(codes[0], minlength=2**window)
    answer = ones > seen - ones  # the majority target of each pattern; 0 on a tie or if never seen
    return float(np.mean(answer[codes[1]] == targets[1]))


def _recall_task(n: int, distance: int, seed: int, n_symbols: int):
    """``n`` sequences of :func:`recall_split`'s task, ``(x, y)``; the caller has checked the arguments."""
    rng = np.random.default_rng(seed)
    steps = distance + 1
    # Every step draws its symbol independently and uniformly: the distractors (steps 1 … distance) are independent
    # of the marked symbol, so no count or other statistic of them tells anything about the answer.
    symbols = rng.integers(0, n_symbols, size=(n, steps))
    x = np.zeros((n, steps, n_symbols + 1), dtype=np.float32)
    rows, times = np.meshgrid(np.arange(n), np.arange(steps), indexing="ij")
    x[rows, times, symbols] = 1.0
    x[:, 0, n_symbols] = 1.0
    return x, symbols[:, 0].astype(np.int64)


def recall_split(
    distance: int,
    n_train: int = 3000,
    n_test: int = 1000,
    seed: int = 0,
    n_symbols: int = 4,
    unseen: bool = False,
):
    """Sequences that need memory over ``distance`` steps, a training set and a held-out set: recall the
    marked first symbol.

    Step 0 shows a random symbol with the marker set; steps 1 … ``distance`` show random symbols
    (distractors, in the same channels) without the marker. The target is the index of the marked symbol.
    Every step draws its symbol independently and uniformly, so the distractors are independent of the target:
    any rule that ignores step 0 (counting symbols, the last symbol …) is right with probability
    1 / n_symbols on average. The two sets are drawn from different seeds.

    ``distance`` (≥ 1) is the number of steps between the marked symbol and the end (sequences have
    ``distance + 1`` steps), ``n_train``/``n_test`` the number of sequences in each set, ``n_symbols`` the
    size of the alphabet (2 … 26; chance level is ``1 / n_symbols``). Returns ``(x_train, y_train),
    (x_test, y_test)``: ``x`` float32 (n, distance + 1, n_symbols + 1), one-hot symbols plus the marker
    feature (last); ``y`` int64 (n,), the marked symbol 0 … n_symbols − 1.

    With ``unseen=True`` the held-out set shares nothing with training: each distinct sequence once, none that
    occurs in the training set. Over short distances few different sequences exist (4⁶ = 4,096 at distance 5
    with 4 symbols, 4³ = 64 at distance 2), so it may hold fewer than ``n_test`` (none at all
    raises a ValueError); up to ten more draws of ``n_test`` try to fill it.

    >>> (x, y), (x_test, _) = recall_split(3, n_train=2, n_test=4)
    >>> x.shape, y.shape, x_test.shape
    ((2, 4, 5), (2,), (4, 4, 5))
    >>> x[:, 0, -1].tolist(), float(x[:, 1:, -1].sum())  # marker at step 0 only
    ([1.0, 1.0], 0.0)
    >>> bool(np.all(x[np.arange(2), 0, y] == 1))  # the target is the symbol at step 0
    True
    >>> (x, _), (x_test, _) = recall_split(5, n_train=2000, n_test=1000, unseen=True)
    >>> len(x_test), {s.tobytes() for s in x}.isdisjoint(s.tobytes() for s in x_test)
    (1000, True)
    """
    distance = as_int(distance, "distance", minimum=1)
    n_train = as_int(n_train, "n_train", minimum=1)
    n_test = as_int(n_test, "n_test", minimum=1)
    seed = as_int(seed, "seed", minimum=0)
    n_symbols = as_int(n_symbols, "n_symbols", minimum=2, maximum=26)
    if not isinstance(unseen, (bool, np.bool_)):
        raise TypeError(f"unseen must be True or False; got {unseen!r}")
    train, test = (_recall_task(n, distance, 2 * seed + k, n_symbols) for k, n in ((1, n_train), (2, n_test)))
    if not unseen:
        return train, test
    seen, keep = {row.tobytes() for row in train[0]}, []
    for draw in range(11):  # the first draw, then up to ten more to fill the set
        x, y = test if draw == 0 else _recall_task(n_test, distance, 2 * seed + 2 + 1000 * draw, n_symbols)
        for row, target in zip(x, y, strict=True):
            if len(keep) < n_test and row.tobytes() not in seen:
                seen.add(row.tobytes())
                keep.append((row, target))
        if len(keep) == n_test:
            break
    if not keep:
        raise ValueError(
            f"distance={distance} with n_symbols={n_symbols}: every possible sequence occurs in the {n_train} "
            "training sequences, so no unseen held-out set exists; use a longer distance or a smaller n_train"
        )
    x_test = np.stack([row for row, _ in keep])
    return train, (x_test, np.array([target for _, target in keep], dtype=np.int64))
