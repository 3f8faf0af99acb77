"""Rules for the suite itself: `make test` must pass on a fully loaded machine, so it asserts no timing."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Files that may read a clock: the perf tests (deselected by default), the browser test and its driver (which
# report timings and wait with generous timeouts), and the import measurement the perf test reuses.
MAY_READ_A_CLOCK = {
    "test_perf.py",
    "test_browser.py",
    "jupyterlab_driver.py",
    "test_import.py",
    "test_suite_rules.py",
}
CLOCK = re.compile(r"\btime\.(perf_counter|monotonic|time|process_time)\s*\(")


def test_no_test_outside_the_perf_suite_reads_a_clock():
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name not in MAY_READ_A_CLOCK
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if CLOCK.search(line)
    ]
    assert not offenders, (
        "timing assertions flake on a loaded machine: move them to tests/test_perf.py (marker perf, run by "
        "`make perf`):\n" + "\n".join(offenders)
    )


def test_property_tests_have_no_deadline():
    """Hypothesis' per-example deadline is a timing assertion in disguise: the suite's profile switches it off."""
    from hypothesis import settings

    assert settings().deadline is None, "tests/conftest.py must load a hypothesis profile with deadline=None"
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(TESTS.glob("test_*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"deadline\s*=\s*(?!None)", line) and path.name != "test_suite_rules.py"
    ]
    assert not offenders, f"a test sets a hypothesis deadline: {offenders}"
