"""The Feedback object every exercise check returns."""

from __future__ import annotations

from dataclasses import dataclass

from .._validate import as_bool, as_str


@dataclass(frozen=True)
class Feedback:
    """The outcome of an exercise check.

    ``passed`` is True for a right answer; ``message`` is the line the learner reads; ``code`` is
    a short machine-readable tag for the kind of mistake (``"placeholder"``, ``"shape"``,
    ``"off_by_one"`` ...) so tests can check that a wrong answer gets the intended hint.

    Examples
    --------
    >>> correct("7 windows")
    ✓ Correct: 7 windows
    >>> bool(hint("shape", "expected (7, 4), got (4, 7)"))
    False
    """

    passed: bool
    message: str
    code: str = "ok"

    def __post_init__(self):
        as_bool(self.passed, "passed")
        as_str(self.message, "message")
        as_str(self.code, "code")

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.message


def correct(detail: str = "") -> Feedback:
    """A passing answer, with an optional sentence on why it is right."""
    as_str(detail, "detail", allow_empty=True)
    return Feedback(True, "✓ Correct" + (f": {detail}" if detail else "."), "ok")


def hint(code: str, text: str) -> Feedback:
    """A wrong answer: ``code`` tags the mistake, ``text`` is the hint the learner reads."""
    as_str(code, "code")
    as_str(text, "text")
    return Feedback(False, f"✗ Not yet: {text}", code)


def not_answered(what: str = "your answer") -> Feedback:
    """The shipped placeholder (``answer = None``) is still there."""
    as_str(what, "what")
    return Feedback(
        False, f"… Replace None with {what}, run that cell, then run this check again.", "placeholder"
    )
