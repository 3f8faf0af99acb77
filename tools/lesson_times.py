"""Execute lessons and print each one's cell time: the figure the README's lesson table and the title cells quote.

Usage::

    python tools/lesson_times.py                       # every lesson, once
    python tools/lesson_times.py notebooks/04_*.ipynb --repeat 3
    python tools/lesson_times.py --json times.json     # also save the numbers

"Cell time" is the sum over code cells of the time from the cell's start to its reply (kernel start-up and
JupyterLab's rendering excluded), the same quantity a learner waits for in Run All. The notebooks on disk are
not changed. With ``--repeat N`` the median of N runs is printed, beside the smallest and largest.

To compare two versions of the lessons on one machine (machines here differ up to 3x in speed), run this script
from both checkouts in turn, interleaved, e.g. ``for i in 1 2 3; do (cd old && ...); (cd new && ...); done``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    """The CPU's model name (Linux), or what the platform module knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cell_seconds(path: Path, timeout: int = 900) -> float:
    """Execute one notebook in a fresh kernel (in its own folder) and return its total cell time in seconds."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    total = 0.0
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        timing = cell.metadata.get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if start and end:
            total += (_parse(end) - _parse(start)).total_seconds()
    return total


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="lessons to run (default: notebooks/[0-9]*.ipynb)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per lesson (the median is printed)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be ≥ 1; got {args.repeat}")
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    print(f"CPU: {cpu_model()} · {os.cpu_count()} cores · Python {platform.python_version()}", flush=True)
    rows = {}
    started = time.perf_counter()
    for path in paths:
        runs = [cell_seconds(path.resolve()) for _ in range(args.repeat)]
        rows[path.stem] = runs
        spread = f"  (min {min(runs):.1f}, max {max(runs):.1f})" if len(runs) > 1 else ""
        print(f"{path.stem:<34} {statistics.median(runs):6.1f} s{spread}", flush=True)
    total = sum(statistics.median(r) for r in rows.values())
    print(
        f"{'all lessons (sum of medians)':<34} {total:6.1f} s   [wall {time.perf_counter() - started:.0f} s]"
    )
    if args.json:
        args.json.write_text(json.dumps({"cpu": cpu_model(), "seconds": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
