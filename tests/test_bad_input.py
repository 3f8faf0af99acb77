"""The bad-input sweep: every public callable of rnnlib, fed the bad values its contract rules out.

Each bad call must raise ``ValueError``/``TypeError`` naming the argument (an exercise answer: give a hint
line), never return a value (silent garbage), never raise anything else, never hang. The engine is
``tests/bad_input.py``, the bad values per callable ``tests/bad_input_specs.py``;
``python tests/bad_input.py`` prints the counts and every finding.
"""

from __future__ import annotations

import bad_input as engine
import matplotlib.pyplot as plt
import pytest
from bad_input_specs import SPECS

from rnnlib.checks._feedback import Feedback

RESULTS: list = []  # the verdicts of this run, for the summary line (conftest.py prints it)


def test_every_public_callable_has_a_spec():
    public = set(engine.public_callables())
    missing = sorted(public - set(SPECS))
    stale = sorted(set(SPECS) - public)
    assert not missing, f"public callables without a bad-input spec in tests/bad_input_specs.py: {missing}"
    assert not stale, f"specs of names that are no longer public callables: {stale}"


@pytest.mark.parametrize("key", sorted(SPECS))
def test_spec_is_complete(key):
    """Every argument is swept, or the spec says why not; the good call works (so a failure is the bad value's)."""
    import inspect

    spec = SPECS[key]
    fn = engine.resolve(key)
    if spec.note and not spec.bad and not spec.good():
        return  # explained: not swept at all
    parameters = [
        p.name
        for p in inspect.signature(fn).parameters.values()
        if p.name not in ("self", "cls") and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    ]
    unswept = [p for p in parameters if p not in spec.bad and p not in spec.note]
    assert not unswept, f"{key}: no bad values for {unswept} and no note saying why"
    result = engine.call_good(spec)
    if spec.answers:
        assert isinstance(result, Feedback)


@pytest.fixture(scope="module", autouse=True)
def _scratch_cwd(tmp_path_factory):
    """Run the sweep in a scratch folder: nothing a bad call might write lands in the repository."""
    import os

    old = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("bad-input"))
    engine.warm_up()
    yield
    os.chdir(old)


@pytest.mark.parametrize("key", sorted(k for k, s in SPECS.items() if s.bad))
def test_bad_input_gives_a_clear_error(key):
    verdicts = []
    for case in engine.cases(SPECS[key]):
        verdicts.append(engine.run(case))
        plt.close("all")
    RESULTS.extend(verdicts)
    findings = [
        f"{v.outcome}: {v.case.id}: {engine.one_line(v.detail)}" for v in verdicts if v.outcome != "clear"
    ]
    assert not findings, "\n".join(findings)


def _verdicts(fn, bads, **spec):
    probe = engine.Spec("probe:fn", lambda: {"x": 1}, {"x": bads}, fn=fn, **spec)
    return [engine.run(case, time_limit_s=0.5).outcome for case in engine.cases(probe)]


def test_the_engine_tells_clear_from_unclear_garbage_and_hangs():
    import time

    def clear(x):
        raise ValueError(f"x must be positive; got {x}")

    def other_name(x):
        raise ValueError("values must be positive")

    def attribute_error(x):
        return x.shape

    def hangs(x):
        time.sleep(5)

    def reads_stdin(x):
        with open(0, "rb", closefd=False) as stdin:  # what sha256_of(0) did
            return stdin.read(1)

    bad = [engine.Bad("negative", -1)]
    assert _verdicts(clear, bad) == ["clear"]
    assert _verdicts(other_name, bad) == ["unclear"]
    assert _verdicts(attribute_error, bad) == ["unclear"]
    assert _verdicts(lambda x: x, bad) == ["garbage"]
    assert _verdicts(hangs, bad) == ["hang"]
    assert _verdicts(reads_stdin, bad) == ["hang"]
    assert _verdicts(lambda x: Feedback(False, "✗ Not yet: x", "value"), bad, answers=("x",)) == ["clear"]
    assert _verdicts(lambda x: Feedback(True, "✓ Correct", "ok"), bad, answers=("x",)) == ["garbage"]
    assert _verdicts(clear, bad, answers=("x",)) == ["unclear"]  # a check must not raise at the learner
