"""Every lesson in a real JupyterLab in a real Chromium, as a learner (or mybinder.org) runs it.

For each ``notebooks/NN_*.ipynb``: open it, run all cells from the Run menu, wait until every cell has
run and the kernel is idle, and check that no cell shows an error (or any stderr). For each lesson with
an explorer (``rnnlib.ui.explorer``): move its main control with the keyboard several times and
check that the readout and the figure both change, within 1 s (median). The kernel's private memory
(sampled RssAnon) must peak under 1 GB (mybinder.org gives 2 GB for everything); the peak RSS with the
shared library pages (VmHWM) is reported beside it. A screenshot per lesson lands in
``screenshots/`` (ignored by git) and a summary table in ``screenshots/browser-report.json``.

Needs a system Chromium (Debian: ``apt-get install chromium``; another path via ``CHROMIUM=...``).
Without one the test is skipped, except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

import nbformat
import pytest
from jupyterlab_driver import (
    CHROMIUM,
    LabServer,
    NotebookRun,
    PrivateMemorySampler,
    exercise_explorers,
    kernel_peak_rss,
    launch_chromium,
    run_notebook,
    settle,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(ROOT.glob("notebooks/[0-9][0-9]_*.ipynb"))
SCREENSHOTS = ROOT / "screenshots"
PEAK_MEMORY_MB = 1024
UPDATE_MEDIAN_MS = 1000
MOVES = 5


def has_explorer(path: Path) -> bool:
    """Whether a code cell of the notebook builds an explorer."""
    nb = nbformat.read(path, as_version=4)
    return any(cell.cell_type == "code" and "explorer(" in cell.source for cell in nb.cells)


def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: run `make test` (it installs requirements-test.txt)"
    if not Path(CHROMIUM).exists():
        return (
            f"no Chromium at {CHROMIUM}: install it (Debian/Ubuntu: `sudo apt-get install chromium`) "
            "or point CHROMIUM=/path/to/chromium at one, to run the browser test"
        )
    return None


@pytest.fixture(scope="module")
def lab():
    reason = _why_no_browser()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs the browser test: {reason}")
        pytest.skip(reason)
    server = LabServer(ROOT)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        chromium = launch_chromium(manager)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        manager.stop()


@pytest.fixture(scope="module")
def report(request):
    """Collect one row per lesson; print the table at the end and save it beside the screenshots."""
    rows: list[NotebookRun] = []
    yield rows
    if not rows:
        return
    SCREENSHOTS.mkdir(exist_ok=True)
    data = [
        {
            "lesson": r.name,
            "run_all_seconds": round(r.seconds, 1),
            "explorers": r.explorers,
            "main_controls": r.controls,
            "update_ms_median": round(statistics.median(r.update_ms)) if r.update_ms else None,
            "update_ms_max": round(max(r.update_ms)) if r.update_ms else None,
            "kernel_private_peak_mb": round(r.private_mb) if r.private_mb else None,
            "kernel_peak_rss_mb": round(r.peak_mb) if r.peak_mb else None,
        }
        for r in rows
    ]
    (SCREENSHOTS / "browser-report.json").write_text(json.dumps(data, indent=1) + "\n")
    lines = ["", "JupyterLab in Chromium: run-all time, explorer update median/max, kernel peak memory"]
    for row in data:
        lines.append(
            f"  {row['lesson']:<28} {row['run_all_seconds']:6.1f} s   "
            f"explorers {row['explorers']} {','.join(row['main_controls']):<8} "
            f"update {row['update_ms_median']} / {row['update_ms_max']} ms   "
            f"private peak {row['kernel_private_peak_mb']} MB (RSS with shared libraries {row['kernel_peak_rss_mb']} MB)"
        )
    capture = request.config.pluginmanager.getplugin("capturemanager")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    if capture is not None and reporter is not None:
        with capture.global_and_fixture_disabled():
            for line in lines:
                reporter.write_line(line)


@pytest.mark.parametrize("notebook", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_in_jupyterlab(notebook, lab, browser, report):
    stored = notebook.read_bytes()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    run = NotebookRun(name=notebook.stem)
    sampler = PrivateMemorySampler(lab).__enter__()
    try:
        run = run_notebook(page, lab, notebook.relative_to(ROOT).as_posix())
        run.peak_mb = kernel_peak_rss(lab.kernel_pids())
        run.private_mb = sampler.peak_mb
        report.append(run)
        shown = "\n\n".join(f"cell {e['cell']}:\n{e['text']}" for e in run.errors)
        assert not run.errors, f"{notebook.name} shows errors or stderr in JupyterLab:\n{shown}"
        assert run.ran == run.cells, f"{notebook.name}: only {run.ran} of {run.cells} code cells ran"
        if has_explorer(notebook):
            run.controls, run.update_ms = exercise_explorers(page, moves=MOVES)
            run.explorers = len(run.controls)
            assert run.explorers >= 1, f"{notebook.name} builds an explorer, but none shows in JupyterLab"
            run.peak_mb = kernel_peak_rss(lab.kernel_pids())
            run.private_mb = sampler.peak_mb
            median = statistics.median(run.update_ms)
            assert median < UPDATE_MEDIAN_MS, (
                f"{notebook.name}: an explorer update takes {median:.0f} ms (median of "
                f"{len(run.update_ms)} moves): {[round(t) for t in run.update_ms]}"
            )
        sampler.__exit__()
        run.private_mb = sampler.peak_mb
        if run.private_mb is not None:
            assert run.private_mb < PEAK_MEMORY_MB, (
                f"{notebook.name}: the kernel's private memory peaked at {run.private_mb:.0f} MB; keep every "
                f"lesson under {PEAK_MEMORY_MB} MB (mybinder.org gives 2 GB in all)"
            )
    finally:
        sampler.__exit__()
        SCREENSHOTS.mkdir(exist_ok=True)
        try:
            settle(page)
            page.screenshot(path=str(SCREENSHOTS / f"{notebook.stem}.png"))
        finally:
            page.close()
            lab.shutdown_kernels()
    assert notebook.read_bytes() == stored, (
        f"{notebook.name} changed on disk while it ran in JupyterLab (autosave is off here: did another "
        "process, e.g. `make execute`, rewrite it meanwhile?)"
    )
