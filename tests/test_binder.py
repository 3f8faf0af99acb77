"""The Binder / JupyterHub configuration, checked offline (no Docker): what mybinder.org would build.

- binder/requirements.txt is generated from requirements.txt (the same pins, tensorflow-cpu, no ``-e .``);
- postBuild installs the local package (``set -e``; ``pip install --no-deps -e .``), start quiets TensorFlow;
- ``jupyter-repo2docker --no-build`` writes a Dockerfile that installs the pins in a layer of their own
  (cached between commits), then copies the repository and runs postBuild, then starts via binder/start;
- ``pip install --dry-run`` resolves the pins (needs the package index);
- lessons with an explorer store their widget state, so its first view shows on GitHub/nbviewer;
- the launch-link generator (binder/links.py); the README's links are checked in tests/test_links.py.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
LESSONS = sorted(ROOT.glob("notebooks/[0-9][0-9]_*.ipynb"))
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"binder_{name}", BINDER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sync = _load("sync_requirements")
links = _load("links")


def _pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line.strip())
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


# -- the files ---------------------------------------------------------------------------------------------


def test_runtime_is_python_311():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_binder_requirements_are_generated_from_requirements_txt():
    wanted = sync.binder_requirements((ROOT / "requirements.txt").read_text())
    assert (BINDER / "requirements.txt").read_text() == wanted, (
        "binder/requirements.txt drifted from requirements.txt: run `python binder/sync_requirements.py`"
    )


def test_binder_requirements_pin_the_same_versions_with_tensorflow_cpu():
    text = (BINDER / "requirements.txt").read_text()
    binder, main = _pins(text), _pins((ROOT / "requirements.txt").read_text())
    assert "tensorflow-cpu" in binder and "tensorflow" not in binder
    assert binder["tensorflow-cpu"] == main["tensorflow"] == main["tensorflow-cpu"]
    for name, version in binder.items():
        assert main[name] == version, f"{name}: binder pins {version}, requirements.txt pins {main[name]}"
    assert set(main) - set(binder) == {"tensorflow"}, "every other pin of requirements.txt reaches Binder"
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert not any(line.startswith("-") for line in body), "no -e . (postBuild installs the package)"


@pytest.mark.parametrize("module", [sync, links], ids=["sync_requirements", "links"])
def test_binder_tools_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted and not result.failed


def test_generator_rejects_loose_pins():
    with pytest.raises(ValueError, match="exact pin"):
        sync.binder_requirements("numpy>=2\n")


def test_post_build_installs_the_local_package_without_dependencies():
    path = BINDER / "postBuild"
    text = path.read_text()
    assert os.access(path, os.X_OK), "binder/postBuild must be executable"
    assert text.startswith("#!/bin/bash")
    assert re.search(r"^set -e", text, re.M)
    assert re.search(r"^pip install --no-deps -e \.$", text, re.M)


def test_start_quiets_tensorflow_then_runs_the_command():
    path = BINDER / "start"
    text = path.read_text()
    assert os.access(path, os.X_OK), "binder/start must be executable"
    assert "export TF_CPP_MIN_LOG_LEVEL=3" in text
    assert "export TF_ENABLE_ONEDNN_OPTS=0" in text
    assert text.rstrip().splitlines()[-1] == 'exec "$@"'


# -- repo2docker (no Docker needed with --no-build) -------------------------------------------------------


def _repo2docker(*args: str) -> tuple[str, str]:
    exe = shutil.which("jupyter-repo2docker", path=str(Path(sys.executable).parent)) or shutil.which(
        "jupyter-repo2docker"
    )
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jupyter-repo2docker is missing: requirements-test.txt installs it")
        pytest.skip("jupyter-repo2docker is missing: run `make test` (it installs requirements-test.txt)")
    done = subprocess.run(
        [exe, "--no-build", "--user-id", "1000", "--user-name", "jovyan", *args, str(ROOT)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


def _run_steps(dockerfile: str) -> list[str]:
    return [
        line for line in dockerfile.splitlines() if re.match(r"^(RUN|COPY|ENV|USER|ENTRYPOINT|CMD) ", line)
    ]


def test_repo2docker_installs_the_pins_in_a_cached_layer_then_the_package():
    dockerfile, log = _repo2docker()
    assert "Building conda environment for python=3.11" in log
    steps = _run_steps(dockerfile)
    install = steps.index(
        'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"'
    )
    copy_reqs = steps.index(
        "COPY --chown=1000:1000 src/binder/requirements.txt ${REPO_DIR}/binder/requirements.txt"
    )
    copy_repo = steps.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    post_build = steps.index("RUN ./binder/postBuild")
    # Only the requirements file is copied before the (slow) install: a new commit reuses that layer.
    assert copy_reqs < install < copy_repo < post_build
    assert 'ENV R2D_ENTRYPOINT="${REPO_DIR}/binder/start"' in steps
    tail = "\n".join(steps[copy_repo:])
    print("repo2docker --no-build, final build steps:\n" + tail)


def test_repo2docker_builds_the_lecturers_hub_image():
    """The command binder/links.py gives lecturers: repo outside the home volume, nbgitpuller added."""
    command = links.hub_image_command(links.read_repo(), "registry.example.edu/rnn-lessons:test")
    i = command.index("--target-repo-dir")
    j = command.index("--appendix")
    dockerfile, _ = _repo2docker(command[i], command[i + 1], command[j], command[j + 1])
    assert "ARG REPO_DIR=" in dockerfile  # --target-repo-dir reaches the build as this argument
    assert f"RUN python -m pip install --no-cache-dir {links.NBGITPULLER}" in dockerfile
    assert dockerfile.index("RUN ./binder/postBuild") < dockerfile.index(links.NBGITPULLER)


@pytest.mark.slow
def test_pinned_requirements_resolve(tmp_path):
    """What mybinder.org's pip will do, without installing: every pin resolves (needs the package index)."""
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--report", str(report), "-r", str(BINDER / "requirements.txt")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode != 0 and os.environ.get("CI") != "true" and "NewConnectionError" in done.stderr:
        pytest.skip("the package index is not reachable (offline)")
    assert done.returncode == 0, done.stderr[-3000:]
    requested = {
        item["metadata"]["name"].lower().replace("_", "-"): item["metadata"]["version"]
        for item in json.loads(report.read_text())["install"]
        if item["requested"]
    }
    assert requested == _pins((BINDER / "requirements.txt").read_text())


# -- widget state stored in the notebooks ------------------------------------------------------------------


def _explorer_views(nb) -> list[str]:
    views = []
    for cell in nb.cells:
        if cell.cell_type == "code" and "explorer(" in cell.source:
            views += [
                o["data"][WIDGET_VIEW]["model_id"] for o in cell.outputs if WIDGET_VIEW in o.get("data", {})
            ]
    return views


EXPLORER_LESSONS = [p for p in LESSONS if "explorer(" in p.read_text()]


@pytest.mark.parametrize("notebook", EXPLORER_LESSONS, ids=[p.stem for p in EXPLORER_LESSONS])
def test_explorer_first_view_is_stored_for_github_and_nbviewer(notebook):
    """`make execute` (nbconvert --execute) stores the widget state; a hand-run notebook may not."""
    nb = nbformat.read(notebook, as_version=4)
    views = _explorer_views(nb)
    assert views, f"{notebook.name}: the explorer cell has no stored widget view: run `make execute NB=...`"
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    assert state, f"{notebook.name}: no widget state in the notebook's metadata: run `make execute NB=...`"
    for view in views:
        assert view in state, (
            f"{notebook.name}: the explorer's model {view} is not in the stored widget state"
        )
        children = [c.removeprefix("IPY_MODEL_") for c in state[view]["state"]["children"]]
        models = [state[c] for c in children]
        kinds = [m["model_name"] for m in models]
        # every explorer is a ui.View: its picture is a PNG in an ipywidgets.Image, stored in the widget's value
        assert kinds[1:] == ["HTMLModel", "ImageModel"], kinds
        assert models[1]["state"]["value"], "the stored readout is empty"
        figure = state[children[2]]
        buffers = [b for b in figure.get("buffers", []) if b.get("path") == ["value"]]
        stored = figure["state"].get("value") or buffers
        assert stored, "the stored first view has no figure"


# -- launch links -------------------------------------------------------------------------------------------


def test_repo_lives_in_one_place():
    slug = links.read_repo()
    assert re.fullmatch(r"[^/\s]+/[^/\s]+", slug)


def test_binder_links_open_each_lesson_in_jupyterlab():
    url = links.binder_url("ada/rnn-lessons", "01_sequential_data")
    assert (
        url
        == "https://mybinder.org/v2/gh/ada/rnn-lessons/main?urlpath=lab/tree/notebooks/01_sequential_data.ipynb"
    )
    assert links.binder_badge("ada/rnn-lessons").startswith(
        "[![Launch on Binder](https://mybinder.org/badge_logo.svg)]"
    )
    assert [p.stem for p in LESSONS] == links.lessons()


def test_nbgitpuller_links_clone_into_a_folder_named_after_the_repository():
    url = links.nbgitpuller_url("https://hub.example.edu/", "ada/rnn-lessons", "02_recurrence")
    assert url.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
    assert "repo=https%3A%2F%2Fgithub.com%2Fada%2Frnn-lessons" in url
    assert "branch=main" in url
    assert "urlpath=lab%2Ftree%2Frnn-lessons%2Fnotebooks%2F02_recurrence.ipynb" in url


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: links.binder_url("not a repo"), "owner/name"),
        (lambda: links.binder_url("ada/rnn", "1_intro.ipynb"), "notebook name"),
        (lambda: links.nbgitpuller_url("hub.example.edu", "ada/rnn"), "base URL"),
    ],
)
def test_link_generator_names_the_bad_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
