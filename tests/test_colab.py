"""Colab, simulated offline: the set-up cell fetches rnnlib into a bare environment, and lesson 01 runs there.

A fresh virtual environment sees the installed packages (numpy, matplotlib, ipywidgets, ipykernel ...; Colab
has its own) but not rnnlib nor the data, and gets a ``sitecustomize`` that registers a ``google.colab`` module,
as Colab's kernel has. ``RNNLIB_REPO`` points the set-up cell's clone at this checkout (``file://``, its committed HEAD)
instead of GitHub. The lesson must run top to bottom, print the one Colab line in its set-up cell, import
rnnlib from the clone, and print what its stored outputs show.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
spec = importlib.util.spec_from_file_location("links", ROOT / "binder" / "links.py")
links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(links)

RUNNER = r"""
import json, sys
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import rnnlib; print(rnnlib.__file__)"))
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
out = []
for cell in nb.cells:
    if cell.cell_type == "code":
        texts = [o.get("text", "") if o["output_type"] == "stream" else o.get("data", {}).get("text/plain", "")
                 for o in cell.outputs]
        errors = [o["ename"] for o in cell.outputs if o["output_type"] == "error"]
        out.append({"text": "".join(texts), "errors": errors})
print(json.dumps(out))
"""


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_setup_cell_starts_with_the_colab_lines(lesson):
    nb = nbformat.read(lesson, as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code")
    assert setup.source.startswith(links.setup_colab(links.read_repo())), (
        f"{lesson.name}: the set-up cell must start with binder/links.py's SETUP_COLAB lines "
        "(run `python binder/links.py readme --write` after changing binder/REPO)"
    )


@pytest.mark.slow
def test_lesson_01_runs_in_a_simulated_colab(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER"))}
    venv = tmp_path / "colab-venv"
    subprocess.run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", "--without-pip", str(venv)],
                   check=True, env=clean)  # fmt: skip
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True, env=clean,
    ).stdout.strip()  # fmt: skip
    # The installed packages (numpy, matplotlib, ipywidgets, ipykernel ...; Colab has its own) without rnnlib:
    # a path line in a .pth file adds our site-packages, but its own .pth files (rnnlib's editable install)
    # are not processed.
    ours = next(p for p in map(Path, sys.path) if p.name == "site-packages" and (p / "numpy").is_dir())
    Path(site, "colab_packages.pth").write_text(f"{ours}\n")
    Path(site, "sitecustomize.py").write_text(
        "import sys, types\nsys.modules.setdefault('google.colab', types.ModuleType('google.colab'))\n"
    )
    check = subprocess.run(
        [str(python), "-c", "import numpy, matplotlib, ipykernel, rnnlib"], capture_output=True, text=True, env=clean,
        cwd=tmp_path,
    )  # fmt: skip
    assert "No module named 'rnnlib'" in check.stderr, (
        f"the bare environment must lack rnnlib only: {check.stderr}"
    )

    content = tmp_path / "content"  # Colab's working folder
    content.mkdir()
    lesson = ROOT / "notebooks" / "01_sequential_data.ipynb"
    (content / lesson.name).write_bytes(lesson.read_bytes())
    env = {
        **clean,
        "PATH": f"{venv / 'bin'}:{clean.get('PATH', '/usr/bin:/bin')}",
        "RNNLIB_REPO": ROOT.as_uri(),
    }
    run = subprocess.run(
        [str(python), "-c", RUNNER, lesson.name],
        cwd=content,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    cells = json.loads(run.stdout.strip().splitlines()[-1])
    assert not [c for c in cells if c["errors"]], [c for c in cells if c["errors"]]
    assert cells[0]["text"] == "Colab: fetching the lessons' package rnnlib and its data into ./rnn-lessons\n"
    assert cells[-1]["text"].startswith(str(content / "rnn-lessons" / "rnnlib"))
    stored = [c for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "code"]
    for i, (cell, ran) in enumerate(zip(stored[1:], cells[1:-1], strict=True), start=1):
        texts = [o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
                 for o in cell.outputs]  # fmt: skip
        assert ran["text"] == "".join(texts), f"code cell {i} prints something else in Colab than stored"
