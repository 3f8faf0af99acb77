"""Every learner's machine: the interpreter make accepts, Windows-style paths, and the README's links."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _make_venv(tmp_path: Path, python: str) -> subprocess.CompletedProcess:
    venv = tmp_path / "venv"
    return subprocess.run(
        ["make", "-s", f"{venv}/bin/python", f"VENV={venv}", f"PYTHON={python}"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _fake_python(tmp_path: Path, version: str) -> str:
    """A stand-in interpreter that reports ``version`` (what make asks of it) and can do nothing else."""
    path = tmp_path / f"python{version}"
    path.write_text(f"#!/bin/sh\necho {version}\n")
    path.chmod(0o755)
    return str(path)


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@needs_make
@pytest.mark.parametrize("version", ["3.14", "3.9", "3.10"])
def test_make_refuses_an_unsupported_python_and_says_why_and_what_to_do(tmp_path, version):
    result = _make_venv(tmp_path, _fake_python(tmp_path, version))
    assert result.returncode != 0 and not (tmp_path / "venv").exists()
    message = result.stdout + result.stderr
    assert "Python 3.11, 3.12 or 3.13" in message and "TensorFlow 2.21" in message
    assert f"is Python {version}" in message and "PYTHON=" in message and "README.md" in message


@needs_make
def test_make_refuses_a_python_that_does_not_run(tmp_path):
    result = _make_venv(tmp_path, str(tmp_path / "no-such-python"))
    assert result.returncode != 0 and "did not run" in result.stdout + result.stderr


@needs_make
def test_make_accepts_a_supported_python(tmp_path):
    base = getattr(sys, "_base_executable", sys.executable)
    result = _make_venv(tmp_path, base)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "venv" / "bin" / "python").exists()


# -- paths as Windows and macOS learners have them ------------------------------------------------------------


def test_loaders_work_in_a_folder_whose_path_has_spaces_and_non_ascii_letters(tmp_path):
    """A learner's clone may live in "C:\\Users\\Zoë Smith\\My Documents\\rnn lessons": every loader takes it."""
    from rnnlib import datasets

    folder = tmp_path / "Zoë Smith" / "My Documents" / "rnn lessons" / "data"
    folder.mkdir(parents=True)
    for path in datasets._DATA_DIR.iterdir():
        if path.is_file() and path.name != "README.md":
            (folder / path.name).write_bytes(path.read_bytes())
    assert datasets._load_text_lines("corpus.txt", folder) == datasets._load_text_lines("corpus.txt")
    ours, shipped = datasets.load_csv("fashion_sales.csv", folder), datasets.load_csv("fashion_sales.csv")
    assert ours.keys() == shipped.keys() and all((ours[k] == shipped[k]).all() for k in ours)
    assert datasets._verified_path("corpus_heldout.txt", str(folder)) == folder / "corpus_heldout.txt"


def test_rnnlib_builds_paths_with_pathlib_only():
    """No string joins with '/' or '\\', no os.path: pathlib works the same on Windows, macOS and Linux."""
    import re

    pattern = re.compile(r"os\.path\.|os\.sep|\+\s*[\"']/[\"']|[\"']/[\"']\s*\+|[\"']\\\\[\"']")
    offenders = []
    for path in sorted((ROOT / "rnnlib").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if pattern.search(code):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "build paths with pathlib:\n" + "\n".join(offenders)
