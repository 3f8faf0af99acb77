"""Shared test set-up: a headless matplotlib, figures closed after each test, solution loading."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# Property tests judge values, never speed: hypothesis' default 200 ms deadline per example fails on a loaded
# machine (seen at load 14 on 2 cores), and the suite must not flake.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parent.parent


def load_solutions(stem: str):
    """Import ``notebooks/solutions/<stem>.py`` (the reference solutions of one lesson) as a module."""
    path = ROOT / "notebooks" / "solutions" / f"{stem}.py"
    spec = importlib.util.spec_from_file_location(f"solutions_{stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def pytest_terminal_summary(terminalreporter):
    """After a run that included the bad-input sweep, print its counts (calls, clear errors, findings)."""
    import sys

    module = sys.modules.get("test_bad_input")
    if module is None or not module.RESULTS:
        return
    import bad_input

    terminalreporter.write_line(
        "bad-input sweep: " + bad_input.format_summary(bad_input.summary(module.RESULTS))
    )
