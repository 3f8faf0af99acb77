"""Exercise checks for lesson 01 · Sequential data."""

from __future__ import annotations

import numpy as np

from .._validate import as_array
from ..sequences import lag_autocorrelation, one_hot_dna
from ._answers import Problem, number, whole_numbers
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]


def exercise_1(answer) -> object:
    """How many training windows does a 500-day series give with window 7 and horizon 1, and X's shape?

    ``answer`` is the shape of ``X`` as a tuple, e.g. ``(100, 7, 1)``.
    """
    if answer is None:
        return not_answered("the shape of X as a tuple, (samples, window, features)")
    shape = whole_numbers(answer)
    if isinstance(shape, Problem):
        if shape.code == "not_finite":
            return hint("not_finite", f"a shape holds counts, not NaN or infinity; got {answer!r}")
        if shape.code == "not_whole":
            return hint(
                "not_whole",
                f"a shape holds whole numbers (windows, steps, features), not {shape.value!r}: "
                "a window either fits in the series or it does not",
            )
        return hint(
            "type", f"give the shape as a tuple of three integers, such as (100, 7, 1); got {answer!r}"
        )
    if len(shape) != 3:
        return hint("ndim", f"X has three axes, (samples, window, features); your answer has {len(shape)}")
    if shape == (493, 7, 1):
        return correct("500 − 7 = 493 windows, each 7 steps of 1 feature; the 493 targets are days 8 … 500")
    if sorted(shape) == sorted((493, 7, 1)):
        return hint(
            "order", "the right numbers in the wrong order: Keras expects (samples, window, features)"
        )
    if shape[1:] == (7, 1) and shape[0] in (492, 494):
        return hint(
            "off_by_one",
            f"{shape[0]} windows is off by one: window i is days i … i+6 and its target is day i+7, "
            "so the last window must end one day before the last day",
        )
    if shape[0] == 493 and shape[2] != 1:
        return hint("features", "a single series has 1 feature per time step")
    return hint("count", "count the windows: each needs 7 days of history plus one more day for its target")


def exercise_2(answer) -> object:
    """One-hot encode ``"GATTACA"`` as an array of shape (7, 4), columns in the order A, C, G, T."""
    if answer is None:
        return not_answered("a (7, 4) array, one row per base")
    expected = one_hot_dna("GATTACA")
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return hint("type", "the answer must be an array of 0s and 1s")
    if arr.shape == (4, 7):
        return hint(
            "transposed", "transposed: the time axis comes first, so the shape is (time, features) = (7, 4)"
        )
    if arr.shape != (7, 4):
        return hint("shape", f"expected shape (time, features) = (7, 4); got {arr.shape}")
    if not np.all(np.isin(arr, (0.0, 1.0))) or not np.all(arr.sum(axis=1) == 1):
        return hint(
            "not_one_hot", "each row must hold exactly one 1 (the base at that position) and 0s elsewhere"
        )
    if np.array_equal(arr, expected):
        return correct("each row marks one base; the columns are A, C, G, T")
    if np.array_equal(arr, expected[::-1]):
        return hint("reversed", "the rows are in reverse order: row 0 is the first base, G")
    return hint(
        "alphabet",
        "some rows mark the wrong letter: use the column order A, C, G, T",
    )


def exercise_3(answer, series) -> object:
    """Compute the lag-1 autocorrelation of ``series`` (a float)."""
    series = as_array(series, "series", ndim=1, layout="(time,)")
    try:
        expected, lag_two = lag_autocorrelation(series, 1), lag_autocorrelation(series, 2)
    except ValueError:
        raise ValueError(
            f"series must be the lesson's temperature series: at least 4 values that vary; got {series.size} values"
        ) from None
    if answer is None:
        return not_answered("a number: the correlation between series[:-1] and series[1:]")
    value = number(answer, text_ok=True)
    if isinstance(value, Problem):
        if value.code == "not_finite":
            return hint("not_finite", f"a correlation lies between −1 and 1; got {value.value}")
        return hint("type", f"the answer is a single number; got {type(answer).__name__}")
    if abs(value - expected) < 1e-6:
        return correct(f"{expected:.3f}: each hour's temperature is close to the hour before")
    if abs(value - 1.0) < 1e-9:
        return hint(
            "lag_zero", "1.0 is the correlation of the series with itself (lag 0): shift it by one step"
        )
    if abs(value - lag_two) < 1e-6:
        return hint(
            "lag_two", "that is the lag-2 autocorrelation: shift by one step, series[:-1] against series[1:]"
        )
    if abs(value) < 0.3:
        return hint(
            "shuffled", "close to 0: did you compute it on the shuffled series? Use the original order"
        )
    return hint("value", f"not quite ({value:.3f}): use np.corrcoef(series[:-1], series[1:])[0, 1]")


_MAPPING_ANSWERS = {"sentiment": "many-to-one", "captioning": "one-to-many", "translation": "many-to-many"}


def exercise_4(answer) -> object:
    """Name the mapping of each task: a dict {"sentiment": ..., "captioning": ..., "translation": ...}."""
    if answer is None:
        return not_answered('a dict such as {"sentiment": "many-to-one", ...}')
    if not isinstance(answer, dict):
        return hint(
            "type",
            "give a dict mapping each task to one of 'one-to-one', 'many-to-one', 'one-to-many', 'many-to-many'",
        )
    missing = [k for k in _MAPPING_ANSWERS if k not in answer]
    if missing:
        return hint("missing", f"the dict lacks {', '.join(missing)}")
    wrong = [k for k, v in _MAPPING_ANSWERS.items() if str(answer[k]).strip().lower() != v]
    if not wrong:
        return correct(
            "a review in, one label out; one image in, many words out; many words in, many words out"
        )
    task = wrong[0]
    return hint(
        "mapping",
        f"look again at {task}: count the inputs (one or many?) and the outputs (one or many?)",
    )
