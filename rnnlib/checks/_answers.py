"""Reading a learner's answer without guessing: numbers stay what they are (no ``int()`` truncation).

Each reader returns the parsed answer, or a :class:`Problem` saying what is off (a word, NaN or
infinity, a fraction where a count belongs), which the check turns into a hint. They never raise.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Problem:
    """Why an answer could not be read: ``"type"``, ``"not_finite"`` or ``"not_whole"``; ``value`` is the culprit."""

    code: str
    value: object = None


def number(answer, *, text_ok: bool = False):
    """A single real number as a float (a numpy scalar or a one-element array too), else a :class:`Problem`.

    With ``text_ok``, a numeric string such as ``"0.1"`` is read as its number.
    """
    if isinstance(answer, np.ndarray) and answer.size == 1 and answer.dtype != object:
        answer = answer.reshape(-1)[0]
    if text_ok and isinstance(answer, str):
        try:
            answer = float(answer)
        except ValueError:
            return Problem("type", answer)
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        return Problem("type", answer)
    value = float(answer)
    if not np.isfinite(value):
        return Problem("not_finite", value)
    return value


def whole_numbers(answer):
    """A sequence of whole numbers as a tuple of ints (``7.0`` is 7; ``7.5`` is not), else a :class:`Problem`."""
    if isinstance(answer, (str, bytes, dict)) or answer is None:
        return Problem("type", answer)
    if isinstance(answer, np.ndarray):
        answer = answer.reshape(-1).tolist() if answer.ndim else [answer.item()]
    try:
        values = list(answer)
    except TypeError:
        return Problem("type", answer)
    out = []
    for value in values:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            return Problem("type", value)
        if not np.isfinite(float(value)):
            return Problem("not_finite", value)
        if float(value) != int(value):
            return Problem("not_whole", value)
        out.append(int(value))
    return tuple(out)


def finite_array(answer):
    """The answer as a float array, or a :class:`Problem` (``"type"`` for non-numbers, ``"not_finite"``)."""
    if isinstance(answer, (str, bytes)) or answer is None:
        return Problem("type", answer)
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Problem("type", answer)
    if not np.all(np.isfinite(arr)):
        return Problem("not_finite", answer)
    return arr
