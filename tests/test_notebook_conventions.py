"""The lesson guide (../shared/LESSON_GUIDE.md, summarised in README's CONTRIBUTING), as tests.

These read the stored notebooks; nbval (run by the same `pytest`) re-executes them and compares outputs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MARKERS = {"# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP", "# NBVAL_CHECK_OUTPUT", "# NBVAL_RAISES_EXCEPTION"}
NUMPY_ONLY_LESSONS = {"01"}  # lessons that must not import TensorFlow


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def ids(paths):
    return [p.stem for p in paths]


def test_there_are_lessons():
    assert NOTEBOOKS, "no notebooks/NN_topic.ipynb found"


def test_lessons_are_numbered_without_gaps():
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_title_setup_and_next(path):
    cells = load(path)["cells"]
    first = source(cells[0])
    assert cells[0]["cell_type"] == "markdown" and first.startswith(f"# {path.name[:2]} · "), first[:80]
    assert "By the end" in first, "the title cell lists learning objectives ('By the end you can ...')"
    setup = cells[1]
    assert setup["cell_type"] == "code" and "seed_everything(" in source(setup), "cell 2 is the set-up cell"
    assert not setup["outputs"], (
        "the set-up cell shows nothing (assign the seed: SEED = rnnlib.seed_everything(42))"
    )
    assert "import rnnlib" in source(setup) or "from rnnlib" in source(setup)
    last = source(cells[-1])
    assert cells[-1]["cell_type"] == "markdown" and "Next" in last, (
        "the last cell is the summary with a Next link"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_stored_outputs_are_clean_and_in_order(path):
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        "re-execute the notebook top to bottom with `make execute`"
    )
    for i, cell in enumerate(code):
        for out in cell["outputs"]:
            assert out.get("name") != "stderr", (
                f"code cell {i + 1} stores stderr: {''.join(out['text'])[:200]}"
            )
            assert out["output_type"] != "error", f"code cell {i + 1} stores an error"


def _tagged(cell) -> bool:
    """The cell carries nbval's ``nbval-ignore-output`` tag (the invisible alternative to a marker comment)."""
    return "nbval-ignore-output" in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_nbval_markers_stand_alone_and_are_few(path):
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    with_output = unchecked = 0
    for cell in code:
        lines = source(cell).splitlines()
        for line in lines:
            if "NBVAL_" in line:
                assert line.strip() in MARKERS, f"a marker must stand alone on its line: {line!r}"
        marked = any(line.strip() in {"# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP"} for line in lines) or _tagged(
            cell
        )
        if cell["outputs"]:
            with_output += 1
            unchecked += marked
    assert unchecked <= with_output / 4, (
        f"{unchecked} of {with_output} cells with output are unchecked (max 25%)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_exercises_and_explorers_follow_the_guide(path):
    cells = load(path)["cells"]
    text = "\n".join(source(c) for c in cells)
    assert re.search(r"^## .*Exercise", text, re.M), "a lesson has an Exercises section"
    assert "rnnlib.checks" in text or "from rnnlib import checks" in text, (
        "exercises give feedback via rnnlib.checks"
    )
    assert "## Summary" in text
    code_cells = [c for c in cells if c["cell_type"] == "code"]
    code = [source(c) for c in code_cells]
    for i, src in enumerate(code):
        if "explorer(" in src and "def " not in src:
            assert src.lstrip().startswith("# NBVAL_IGNORE_OUTPUT") or _tagged(code_cells[i]), (
                "a live explorer cell is marked unchecked (cell tag nbval-ignore-output)"
            )
            assert i + 1 < len(code) and "NBVAL" not in code[i + 1] and not _tagged(code_cells[i + 1]), (
                "the cell after an explorer is checked"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_setup_imports_only_rnnlib_modules_the_lesson_uses(path):
    """No side-effect imports (``from rnnlib import plots  # noqa``): every module imported is used."""
    lines = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code").splitlines()
    rest = "\n".join(line for line in lines if not line.startswith("from rnnlib import "))
    for line in source(load(path)["cells"][1]).splitlines():
        if line.startswith("from rnnlib import "):
            assert "noqa" not in line, f"a side-effect import: {line!r}"
            for name in line.removeprefix("from rnnlib import ").split(","):
                assert f"{name.strip()}." in rest, (
                    f"the set-up cell imports rnnlib.{name.strip()} but never uses it"
                )


NUMPY_ONLY = [p for p in NOTEBOOKS if p.name[:2] in NUMPY_ONLY_LESSONS]


@pytest.mark.parametrize("path", NUMPY_ONLY, ids=ids(NUMPY_ONLY))
def test_numpy_only_lessons_do_not_import_tensorflow(path):
    text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    assert not re.search(r"^\s*(import|from)\s+(tensorflow|keras)\b", text, re.M)


def test_readme_lists_every_lesson():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, f"README's lesson table lacks {path.name}"
