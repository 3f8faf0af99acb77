"""Exercise checks for lesson 01 · Sequential data."""

from __future__ import annotations

import numpy as np

from .._validate import as_array
from ..sequences import lag_autocorrelation
from ..windows import make_windows
from ._answers import Problem, number
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]

# Exercise 1: how many days give at least 300 windows of 28 days, 3 features, horizon H = 7?
_WANTED, _FEATURES, _WINDOW, _HORIZON = 300, 3, 28, 7


def _windows(days: int) -> int:
    return max(days - _WINDOW - _HORIZON + 1, 0)


def exercise_1(answer) -> object:
    """The fewest days of records that give at least 300 windows of 28 days with horizon H = 7.

    ``answer`` is a whole number of days.
    """
    if answer is None:
        return not_answered("the fewest number of days, a whole number")
    value = number(answer)
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint("not_finite", f"a number of days is a count, not NaN or infinity; got {answer!r}")
        return hint("type", f"give one whole number of days, such as 400; got {answer!r}"[:200])
    if value != int(value):
        return hint("not_whole", f"records come in whole days; {value!r} is not a whole number")
    days = int(value)
    best = _WANTED + _WINDOW + _HORIZON - 1
    if days == best:
        return correct(
            f"{days} − {_WINDOW} − {_HORIZON} + 1 = {_WANTED} windows, and {days - 1} days would give "
            f"{_WANTED - 1}. X then has shape ({_WANTED}, {_WINDOW}, {_FEATURES}): every one of the "
            f"{_FEATURES} daily numbers is a feature, and the window's last target is day {days}"
        )
    if days == _WANTED:
        return hint(
            "windows_not_days",
            f"{_WANTED} is the number of windows; each needs {_WINDOW} days of history and a target "
            f"{_HORIZON} days after its last day, so the series must be longer",
        )
    if days in (_WANTED + _WINDOW - 1, _WANTED + _WINDOW):
        return hint(
            "horizon",
            f"{days} days would be about right one step ahead, but with H = {_HORIZON} the last window must "
            f"end {_HORIZON} days before the series does: {days} days give only {_windows(days)} windows",
        )
    if days < best:
        return hint(
            "too_few",
            f"{days} days give only {_windows(days)} windows (T − w − H + 1); you need {_WANTED}",
        )
    return hint(
        "too_many",
        f"{days} days give {_windows(days)} windows, more than {_WANTED}: what is the fewest that still gives "
        f"{_WANTED}?",
    )


# Exercise 2: the calls a fixed window function must get right: (series as code, series, window, horizon).
_CASES = (
    ("np.arange(1, 13)", np.arange(1, 13), 3, 1),
    ("np.arange(1, 13)", np.arange(1, 13), 4, 3),
    ("np.arange(10, 210, 10)", np.arange(10, 210, 10), 5, 2),
)


def _calls_make_windows(function) -> bool:
    """Whether ``function``'s own code names ``make_windows`` or reads a global that is it (a wrapper)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    names = set(code.co_names) | set(code.co_freevars)
    for const in code.co_consts:  # nested functions and comprehensions
        if hasattr(const, "co_names"):
            names |= set(const.co_names) | set(const.co_freevars)
    scope = getattr(function, "__globals__", {})
    cells = dict(zip(code.co_freevars, (c.cell_contents for c in function.__closure__ or ()), strict=False))
    return "make_windows" in names or any(
        scope.get(name) is make_windows or cells.get(name) is make_windows for name in names
    )


def exercise_2(answer) -> object:
    """Fix ``my_windows(series, window, horizon)``: it must return the same ``X`` and ``y`` as
    :func:`rnnlib.make_windows` (``X`` as (samples, window) or (samples, window, 1)).
    """
    if answer is None:
        return not_answered("your fixed function (answer_2 = my_windows)")
    if not callable(answer):
        return hint("type", f"give the function itself, answer_2 = my_windows; got {type(answer).__name__}")
    if answer is make_windows or _calls_make_windows(answer):
        return hint(
            "reference",
            "that is make_windows itself (or a function that calls it): fix my_windows's own indexing, then "
            "set answer_2 = my_windows",
        )
    for code, series, window, horizon in _CASES:
        call = f"my_windows({code}, window={window}, horizon={horizon})"
        try:
            result = answer(series.copy(), window, horizon)
        except Exception as exc:  # the learner's code: report, never a traceback
            return hint("raises", f"{call} raised {type(exc).__name__}: {exc}")
        if not isinstance(result, tuple) or len(result) != 2:
            return hint(
                "returns", f"my_windows must return two arrays, X and y; {call} returned {result!r:.60}"
            )
        X_ref, y_ref = make_windows(series, window, horizon)
        try:
            X, y = np.asarray(result[0], dtype=float), np.asarray(result[1], dtype=float).reshape(-1)
        except (TypeError, ValueError):
            return hint("returns", f"{call} must return arrays of numbers")
        if X.ndim == 3 and X.shape[2] == 1:
            X = X[:, :, 0]
        if X.ndim != 2 or X.shape[1] != window:
            return hint("shape", f"X from {call} should be (samples, window) = (?, {window}); got {X.shape}")
        if X.shape[0] == y.size and y.size and np.array_equal(y, X[:, -1]):
            return hint(
                "leak",
                "each target is its own window's last value, so a forecaster can copy it and score a perfect 0. "
                "The target must come after the window: which index holds the first value after it?",
            )
        if X.shape[0] != len(X_ref) or y.size != len(y_ref):
            if horizon > 1 and X.shape[0] == len(series) - window:
                return hint(
                    "horizon",
                    f"right for H = 1, but {call} made {X.shape[0]} windows: with H = {horizon} the last "
                    f"window must leave {horizon} steps after it, the last of which is its target",
                )
            return hint(
                "count",
                f"{call} made {X.shape[0]} windows and {y.size} targets; a series of T = {len(series)} "
                f"values has room for T − window − H + 1 = {len(X_ref)}",
            )
        if not np.array_equal(X, X_ref[:, :, 0]):
            return hint("inputs", f"the windows from {call} are not consecutive slices of the series")
        if not np.array_equal(y, y_ref):
            if horizon > 1 and np.array_equal(y, series[window : window + len(y)]):
                return hint(
                    "horizon",
                    f"the targets from {call} are the first value after each window, which is right only for "
                    f"H = 1: with H = {horizon} the target lies {horizon} steps after the window's last value",
                )
            return hint("targets", f"some targets from {call} are the wrong values of the series")
    return correct(
        "every target lies H steps after its window's last value, and no window contains its own target"
    )


_LAG = 12
_TOLERANCE, _CLOSE = 0.005, 0.02  # accepted: the right value to 2 decimals; 'don't round' hint


def exercise_3(answer, series) -> object:
    """The lag-12 autocorrelation of ``series`` (a float), computed with ``np.corrcoef``."""
    series = as_array(series, "series", ndim=1, layout="(time,)")
    try:
        expected = lag_autocorrelation(series, _LAG)
    except ValueError:
        raise ValueError(
            f"series must be the lesson's temperature series: at least {_LAG + 2} values that vary; "
            f"got {series.size} values"
        ) from None
    if answer is None:
        return not_answered("a number: the correlation between the series and itself 12 steps later")
    if isinstance(answer, np.ndarray) and answer.shape == (2, 2):
        return hint("matrix", "np.corrcoef returns a 2 × 2 matrix; the correlation is its off-diagonal entry")
    value = number(answer, text_ok=True)
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint(
                "not_finite",
                f"a correlation lies between −1 and 1; got {value.value}: check the two slices have equal lengths",
            )
        return hint("type", f"the answer is a single number; got {type(answer).__name__}")

    def near(x):  # the right value to two decimals (a correctly rounded answer) counts as equal
        return abs(value - x) < _TOLERANCE

    if near(expected):
        return correct(
            f"{expected:.3f}: 12 hours after a warm afternoon comes a cold night, so the series at lag 12 "
            f"runs against itself. One day later it is positive again (lag 24: {lag_autocorrelation(series, 24):.3f})"
        )
    if near(-expected):
        return hint(
            "sign",
            "the size is right but the sign is not: is a warm hour followed, 12 hours later, by warmth?",
        )
    if near(1.0):
        return hint(
            "lag_zero", "1.0 is the correlation of the series with itself (lag 0): shift one copy by 12"
        )
    for lag in (_LAG - 1, _LAG + 1):
        if near(lag_autocorrelation(series, lag)):
            return hint(
                "off_by_one", f"that is the lag-{lag} value: pair the value at step t with the one at t + 12"
            )
    if near(lag_autocorrelation(series, 1)):
        return hint("lag_one", "that is the lag-1 value shown in the lesson: shift by 12 steps, not 1")
    centred = series - series.mean()
    if near(float(np.sum(centred[:-_LAG] * centred[_LAG:]) / np.sum(centred**2))):
        return hint(
            "acf_formula",
            "that is the textbook ACF (one mean for the whole series, divided by its variance), close but not "
            "the same: here use the Pearson correlation of the two slices, np.corrcoef",
        )
    if abs(value - expected) < _CLOSE:
        return hint(
            "rounded",
            f"close ({value:.3f}), but not within 0.005: don't round, pass the float np.corrcoef gives "
            "(if you did not round, check that both slices have T − 12 values)",
        )
    return hint(
        "value",
        f"not quite ({value:.3f}): pair each hour with the hour 12 later; both slices have T − 12 values",
    )


_CHOICES = ("one-to-one", "many-to-one", "one-to-many", "synced many-to-many", "encoder-decoder")
_MAPPING_ANSWERS = {
    "speech": "encoder-decoder",
    "melody": "one-to-many",
    "frames": "synced many-to-many",
    "language": "many-to-one",
}
_MAPPING_HINTS = {
    "speech": "this recogniser writes the words only after hearing the whole recording; compare the lengths of "
    "the input (about 60 frames per second) and the output (2 or 3 words per second)",
    "melody": "compare the input and the output: which of them has a time axis?",
    "frames": "compare the lengths of the input and the output: does the output at step t belong to input step t?",
    "language": "compare the input and the output: which of them has a time axis?",
}


_SYNCED = ("synced", "synchronised", "synchronized", "synchronous")
_ENCODER_DECODER = ("encoder-decoder", "seq2seq", "sequence-to-sequence")
#: Every accepted spelling, as a whole normalised name (so "unsynced" or "decoder-encoder" match nothing).
_NAMES = {
    **{name: name for name in ("one-to-one", "many-to-one", "one-to-many", "many-to-many")},
    **{s: "synced many-to-many" for s in _SYNCED},
    **{f"{s} many-to-many": "synced many-to-many" for s in _SYNCED},
    **{f"many-to-many {s}": "synced many-to-many" for s in _SYNCED},
    **{e: "encoder-decoder" for e in _ENCODER_DECODER},
    **{f"{e} many-to-many": "encoder-decoder" for e in _ENCODER_DECODER},
    **{f"many-to-many {e}": "encoder-decoder" for e in _ENCODER_DECODER},
}


def _mapping_name(value) -> str | None:
    text = str(value).lower().replace("–", "-").replace("_", " ")
    text = " ".join(text.replace(",", " ").replace("(", " ").replace(")", " ").split())
    text = text.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    text = text.replace(" to ", "-to-").replace("encoder decoder", "encoder-decoder")  # "one to many"
    return _NAMES.get(text)


def exercise_4(answer) -> object:
    """Name the mapping of four tasks: a dict {"speech": ..., "melody": ..., "frames": ..., "language": ...}."""
    if answer is None:
        return not_answered('a dict such as {"speech": "one-to-one", ...}')
    if not isinstance(answer, dict):
        return hint("type", f"give a dict mapping each task to one of {', '.join(map(repr, _CHOICES))}")
    missing = [k for k in _MAPPING_ANSWERS if k not in answer]
    if missing:
        return hint("missing", f"the dict lacks {', '.join(map(repr, missing))}")
    for task, expected in _MAPPING_ANSWERS.items():
        name = _mapping_name(answer[task])
        if name is None:
            return hint(
                "unknown", f"{answer[task]!r} for {task!r} is not one of {', '.join(map(repr, _CHOICES))}"
            )
        if name == "many-to-many" and expected in ("synced many-to-many", "encoder-decoder"):
            return hint(
                "which_many",
                f"{task!r} is many-to-many, but which kind: synced (one output per input step) or "
                "encoder-decoder (read everything, then write an output of another length)?",
            )
        if name != expected:
            return hint("mapping", f"look again at {task!r}: {_MAPPING_HINTS[task]}")
    return correct(
        "speech in, a shorter string of words out (encoder-decoder; CTC recognisers instead emit one symbol or "
        "blank per frame and then merge them); one chord in, a melody out; a label per frame; one language per "
        "sentence"
    )
