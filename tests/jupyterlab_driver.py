"""Drive a real JupyterLab in a real Chromium: the plumbing behind tests/test_browser.py.

- :class:`LabServer` starts ``jupyter lab`` from the running Python environment on 127.0.0.1, on a free
  port, with a random token and throw-away config/settings directories (news, update check and other
  pop-ups switched off), waits until it answers, and stops it by its own process id.
- :func:`run_notebook` opens one notebook, runs all cells from the Run menu, waits until every cell
  has run and the kernel is idle, and collects the error outputs shown.
- :func:`exercise_explorers` moves the main control of every explorer (``rnnlib.ui.explorer``)
  with the keyboard and times how long the readout and the figure take to change.
- :func:`kernel_peak_rss` reads the peak resident memory of the server's kernels (Linux).

It needs the ``playwright`` Python package and a system Chromium (``playwright install`` is not used).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# User settings for the throw-away JupyterLab: no news/update toasts that could cover the page; no virtual
# scrolling, so that every cell's output is in the DOM to be checked; no autosave, so that running a
# lesson in the browser never rewrites the stored notebook.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

# The quiet, reproducible environment that `make lab` and binder/start give a learner's kernel.
LEARNER_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "PYTHONHASHSEED": "0"}


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: SIGTERM the server if the test process dies (e.g. killed by a CI timeout)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server for one test session; use as a context manager.

    >>> with LabServer(root_dir=".") as lab:        # doctest: +SKIP
    ...     lab.url("lab/tree/notebooks/01_sequential_data.ipynb")
    'http://127.0.0.1:PORT/lab/tree/notebooks/01_sequential_data.ipynb?token=...'
    """

    def __init__(self, root_dir, python: str = sys.executable, startup_timeout: float = 90.0):
        self.root_dir = Path(root_dir).resolve()
        self.python = python
        self.startup_timeout = startup_timeout
        self.token = secrets.token_hex(24)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._tmp: str | None = None

    # -- life cycle --------------------------------------------------------------------------------
    def __enter__(self) -> LabServer:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self._tmp = tempfile.mkdtemp(prefix="rnnlib-lab-")
        tmp = Path(self._tmp)
        settings = tmp / "user-settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ)
        env.update(LEARNER_ENV)
        env.update(
            JUPYTER_CONFIG_DIR=str(tmp / "config"),
            JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
            JUPYTER_PLATFORM_DIRS="1",
        )
        cmd = [
            self.python, "-m", "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]  # fmt: skip
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log_path = tmp / "server.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            cmd, cwd=self.root_dir, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )  # fmt: skip
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "api/status")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        raise RuntimeError(f"jupyter lab did not answer within {self.startup_timeout} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop the server (and its kernels) by its own process id; safe to call twice."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)  # its own session: the server and its kernels only
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # -- helpers -----------------------------------------------------------------------------------
    def url(self, path: str, **query: str) -> str:
        params = "".join(f"&{key}" if value == "" else f"&{key}={value}" for key, value in query.items())
        return f"{self.base}/{path}?token={self.token}{params}"

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            f"{self.base}/{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "api/sessions"):
            self.api("DELETE", f"api/sessions/{session['id']}")
        for kernel in self.api("GET", "api/kernels"):
            self.api("DELETE", f"api/kernels/{kernel['id']}")

    def kernel_pids(self) -> list[int]:
        import psutil

        if self.process is None:
            return []
        children = psutil.Process(self.process.pid).children(recursive=True)
        return [c.pid for c in children if "ipykernel" in " ".join(c.cmdline())]

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def kernel_peak_rss(pids) -> float | None:
    """Largest peak resident memory (VmHWM, in MB) among ``pids``; None where /proc is missing."""
    peaks = []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return max(peaks) if peaks else None


def kernel_private_mb(pids) -> float | None:
    """Largest private (anonymous) resident memory, RssAnon in MB, among ``pids``; None where /proc is missing.

    This is the memory a kernel holds for itself. Resident pages of shared libraries (RssFile: mostly
    TensorFlow's ~1 GB of .so files) are shared by all kernels, can be dropped and re-read by the OS, and their
    count depends on what the page cache happens to hold (a fresh install has the whole file cached and maps more
    of it), so they are reported with VmHWM but not held to the budget.
    """
    values = []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("RssAnon:"):
                    values.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return max(values) if values else None


class PrivateMemorySampler:
    """Sample the server's kernels' private memory every ``interval`` seconds in a thread; ``peak_mb`` is the peak.

    Linux has no high-water mark for private memory alone (VmHWM includes shared library pages), so the
    test samples it while the lesson runs and while its explorers move.
    """

    def __init__(self, lab: LabServer, interval: float = 0.2):
        self.lab, self.interval, self.peak_mb = lab, interval, None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                value = kernel_private_mb(self.lab.kernel_pids())
            except Exception:  # a kernel may come or go between listing and reading
                value = None
            if value is not None:
                self.peak_mb = value if self.peak_mb is None else max(self.peak_mb, value)
            self._stop.wait(self.interval)

    def __enter__(self) -> PrivateMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def launch_chromium(playwright, headless: bool = True):
    """Launch the system Chromium (no download), headless, without network side traffic."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=headless, args=CHROMIUM_ARGS)


# -- one notebook --------------------------------------------------------------------------------------

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"

# Counts of code cells: all, still queued/running ("[*]"), and run ("[n]"); the kernel's status.
_PROGRESS_JS = """() => {
  const nb = document.querySelector('__NB__');
  if (!nb) return null;
  const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent.trim());
  const name = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName');
  const status = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .map(e => e.innerText).find(t => t.includes(' | '));
  return {
    cells: prompts.length,
    running: prompts.filter(p => p.includes('*')).length,
    done: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
    kernel: (!name || name.innerText.trim() === 'No Kernel' || !status) ? null
      : status.split(' | ').pop().trim().toLowerCase(),
    dialogs: document.querySelectorAll('.jp-Dialog').length,
  };
}""".replace("__NB__", NOTEBOOK)

_ERRORS_JS = """() => {
  const nb = document.querySelector('__NB__');
  const out = [];
  nb.querySelectorAll('.jp-CodeCell').forEach((cell, i) => {
    cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
      .forEach(o => out.push({cell: i, text: o.innerText.slice(0, 2000)}));
  });
  return out;
}""".replace("__NB__", NOTEBOOK)


@dataclass
class NotebookRun:
    name: str
    seconds: float = float("nan")
    errors: list = field(default_factory=list)
    cells: int = 0
    ran: int = 0
    explorers: int = 0
    controls: list = field(default_factory=list)
    update_ms: list = field(default_factory=list)
    peak_mb: float | None = None
    private_mb: float | None = None
    screenshot: str | None = None


def _wait_for(page, js: str, predicate, timeout: float, what: str, poll: float = 0.25):
    """Poll ``js`` until ``predicate(state)``; fail at once on a dialog or a dead kernel."""
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate(js)
        if predicate(state):
            return state
        if isinstance(state, dict) and (state.get("dialogs") or state.get("kernel") == "dead"):
            dialog = page.locator(".jp-Dialog").first.inner_text() if state.get("dialogs") else ""
            raise AssertionError(f"{what}: JupyterLab shows a dialog or a dead kernel: {state} {dialog!r}")
        time.sleep(poll)
    raise TimeoutError(f"{what}: not reached within {timeout:.0f} s (last state: {state})")


def settle(page, timeout: float = 5.0) -> None:
    """Give the kernel up to ``timeout`` s to go idle (before a screenshot); never raises."""
    try:
        _wait_for(page, _PROGRESS_JS, lambda s: s and s["kernel"] == "idle", timeout, "idle")
    except Exception:  # noqa: BLE001 - best effort only
        pass


def _click_menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-content .lm-Menu-itemLabel", has_text=item).first.click()


def run_notebook(page, lab: LabServer, relpath: str, timeout: float = 600.0) -> NotebookRun:
    """Open ``relpath`` (relative to the server's root) in JupyterLab and run all cells from the Run menu."""
    run = NotebookRun(name=Path(relpath).stem)
    page.goto(lab.url(f"lab/tree/{relpath}", reset=""), wait_until="domcontentloaded")
    page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=60_000)
    # The kernel must have started (the first start after an install can take ~15 s).
    _wait_for(page, _PROGRESS_JS, lambda s: s and s["kernel"] == "idle", 120, "kernel start")
    # Stored outputs carry execution counts [1]..[n] already: clear them, so that a count means "ran now".
    _click_menu(page, "Edit", "Clear Outputs of All Cells")
    _wait_for(page, _PROGRESS_JS, lambda s: s and s["done"] == 0, 10, "outputs cleared")
    start = time.monotonic()
    _click_menu(page, "Run", "Run All Cells")
    # Done when every cell has run; or, after an error (JupyterLab then drops the cells still queued), when
    # nothing has been queued or running for a second.
    quiet = 0

    def finished(state) -> bool:
        nonlocal quiet
        if not state or state["kernel"] != "idle" or state["running"]:
            quiet = 0
            return False
        quiet = quiet + 1 if state["done"] else 0
        return state["done"] == state["cells"] or quiet >= 4

    state = _wait_for(page, _PROGRESS_JS, finished, timeout, f"{relpath}: all cells run")
    run.seconds = time.monotonic() - start
    run.cells, run.ran = state["cells"], state["done"]
    run.errors = page.evaluate(_ERRORS_JS)
    return run


# -- explorers -----------------------------------------------------------------------------------------

_EXPLORER_STATE_JS = """(index) => {
  const box = document.querySelectorAll('__NB__ .rnnlib-readout')[index].parentElement;
  const img = box.querySelector('img.rnnlib-figure, .widget-output img');
  const first = box.querySelector(':scope > .widget-hbox > .jupyter-widgets');
  const handle = first.querySelector('.noUi-handle');
  const select = first.querySelector('select');
  return {
    options: select ? [...select.options].map(o => o.text) : null,
    selected: select ? select.selectedIndex : null,
    readout: box.querySelector('.rnnlib-readout').innerText,
    image: img ? img.getAttribute('src') : null,
    value: handle ? Number(handle.getAttribute('aria-valuenow')) : null,
    max: handle ? Number(handle.getAttribute('aria-valuemax')) : null,
  };
}""".replace("__NB__", NOTEBOOK)

# Arm a watcher on explorer ``index``: note the time of the next key press (capture phase) and the time
# at which both its readout and its figure differ from now; the result lands in window.__rnnlibMove.
_ARM_JS = """(index) => {
  const box = document.querySelectorAll('__NB__ .rnnlib-readout')[index].parentElement;
  const readout = () => box.querySelector('.rnnlib-readout').innerText;
  const image = () => { const i = box.querySelector('img.rnnlib-figure, .widget-output img'); return i ? i.getAttribute('src') : null; };
  const before = {readout: readout(), image: image()};
  const move = {t0: null, t1: null};
  window.__rnnlibMove = move;
  document.addEventListener('keydown', () => { if (move.t0 === null) move.t0 = performance.now(); },
                            {capture: true, once: true});
  const check = () => {
    const img = image();
    if (move.t1 === null && img !== null && img !== before.image && readout() !== before.readout) {
      move.t1 = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
}""".replace("__NB__", NOTEBOOK)


def _focus_main_control(page, index: int) -> str:
    """Focus the main (first) control of explorer ``index``; return its kind."""
    box = page.locator(f"{NOTEBOOK} .rnnlib-readout").nth(index).locator("xpath=..")
    first = box.locator(":scope > .widget-hbox").first.locator(":scope > .jupyter-widgets").first
    for kind, selector in (
        ("slider", ".noUi-handle"),
        ("select", "select"),
        ("text", "input[type=text], textarea"),
        ("number", "input[type=number]"),
        ("checkbox", "input[type=checkbox]"),
        ("button", "button"),
    ):
        control = first.locator(selector).first
        if control.count():
            control.scroll_into_view_if_needed()
            control.focus()
            return kind
    raise AssertionError(f"explorer {index}: its first control takes no keyboard focus")


# In a notebook in command mode JupyterLab binds the arrow keys (move to the next cell) and these letters
# (insert, delete, change cells ...) even when a widget has the focus; a focused <select> still reacts
# to the first letter of an option (type-ahead). A keyboard learner uses one of the free letters.
_BOUND_KEYS = set("abcdhijkmrvxyz0123456789-=[]")


def _type_ahead_key(options: list[str], selected: int) -> str:
    """The letter that selects the next option (after ``selected``, cyclically) that type-ahead can reach."""
    for step in range(1, len(options)):
        text = options[(selected + step) % len(options)].strip()
        if text and text[0].lower() not in _BOUND_KEYS and text[0].isalpha():
            return text[0].lower()
    raise AssertionError(f"no option of the dropdown {options} can be reached by typing a free letter")


def _keys(kind: str, state: dict, move: int) -> list[str]:
    """The keys a learner presses to move a control of ``kind`` one step."""
    if kind == "slider":
        return ["ArrowRight" if state["value"] < state["max"] else "ArrowLeft"]
    if kind == "select":
        return [_type_ahead_key(state["options"], state["selected"])]
    if kind == "number":
        return ["ArrowUp" if move % 2 == 0 else "ArrowDown"]
    if kind == "text":  # drop the last word, then submit (for continuous_update=False)
        return ["Control+Backspace", "Enter"]
    return ["Space"]


def exercise_explorers(page, moves: int = 5, timeout: float = 10.0) -> tuple[list[str], list[float]]:
    """Move each explorer's main control ``moves`` times with the keyboard.

    Returns the kind of each explorer's main control (``"slider"``, ``"select"``, ``"text"`` ...) and the
    update times in ms (key press to the moment both the readout and the figure have changed).

    Each move must change both the readout and the figure (its PNG differs); an AssertionError says
    which did not.
    """
    count = page.locator(f"{NOTEBOOK} .rnnlib-readout").count()
    times: list[float] = []
    kinds: list[str] = []
    for index in range(count):
        _wait_for(page, f"() => ({_EXPLORER_STATE_JS})({index})", lambda s: s["image"] is not None, 30,
                  f"explorer {index}: first figure")  # fmt: skip
        kind = _focus_main_control(page, index)
        kinds.append(kind)
        for move in range(moves):
            state = page.evaluate(f"({_EXPLORER_STATE_JS})({index})")
            keys = _keys(kind, state, move)
            if kind == "select":
                time.sleep(1.1)  # let the select's type-ahead buffer expire, so that each letter stands alone
            page.evaluate(f"({_ARM_JS})({index})")
            for key in keys:
                page.keyboard.press(key)
            try:
                page.wait_for_function("() => window.__rnnlibMove.t1 !== null", timeout=timeout * 1000)
            except Exception as exc:
                after = page.evaluate(f"({_EXPLORER_STATE_JS})({index})")
                raise AssertionError(
                    f"explorer {index}, move {move + 1} ({kind}, {'+'.join(keys)}): within {timeout:.0f} s "
                    f"readout changed: {after['readout'] != state['readout']}, "
                    f"figure changed: {after['image'] != state['image']} "
                    f"(readout before {state['readout']!r}, after {after['readout']!r})"
                ) from exc
            move_times = page.evaluate("() => window.__rnnlibMove")
            times.append(move_times["t1"] - move_times["t0"])
    return kinds, times
