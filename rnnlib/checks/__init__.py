"""Exercise feedback: one module per lesson (``rnnlib.checks.lesson01`` ...).

A check never raises at the learner: it returns a ``Feedback`` that shows as a single
line, ``✓ ...`` when the answer is right, or ``✗ ...`` with a hint that says what is off
(wrong shape, off by one step, evaluated on training data ...).

Reference solutions live in ``notebooks/solutions/`` (one file per lesson), to be opened on
purpose; the tests check that each passes and that typical wrong answers get the right hint.
"""

__all__: list[str] = []
