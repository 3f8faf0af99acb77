"""Execute lessons and time every explorer's moves (kernel side): the numbers issue 11 asks for.

Usage::

    python tools/explorer_times.py notebooks/03_unrolling.ipynb [--moves 21]

After each cell that displays ``ui.explorer(...)``, a cell is run in the same kernel that moves each control
through ``--moves`` values (sliders across their range, lists through their options, check boxes on/off) and
reads ``box.timing.last_seconds`` after every move. Prints one line per explorer and control: the median (and
the quartiles) in ms. The notebooks on disk are not changed.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

PROBE = r"""
import json as _json, statistics as _st, time as _time
import numpy as _np
def _probe(box, moves):
    out = {}
    for control in box.children[0].children:
        name = getattr(control, "description", "") or type(control).__name__
        kind = type(control).__name__
        if hasattr(control, "options") and control.options:
            options = list(control.options)
            values = [options[i % len(options)] for i in range(1, moves + 1)]
            values = [v[1] if isinstance(v, tuple) else v for v in values]
        elif kind == "Checkbox":
            values = [not control.value if i % 2 == 0 else control.value for i in range(moves)]
        elif hasattr(control, "min") and hasattr(control, "max"):
            grid = _np.linspace(control.min, control.max, 7)
            order = [grid[(3 * i) % 7] for i in range(1, moves + 1)]
            values = [int(round(v)) if isinstance(control.value, int) else float(v) for v in order]
            if kind == "FloatLogSlider":
                grid = _np.linspace(control.min, control.max, 7)
                values = [float(control.base ** grid[(3 * i) % 7]) for i in range(1, moves + 1)]
        else:
            continue
        start = control.value
        times, cpus = [], []
        for v in values:
            if v == control.value:
                continue
            cpu = _time.thread_time()
            control.value = v
            cpus.append(1000 * (_time.thread_time() - cpu))
            times.append(1000 * box.timing.last_seconds)
        control.value = start
        if times:
            q = _st.quantiles(times, n=4) if len(times) > 1 else times * 3
            out[f"{name} ({kind})"] = [round(_st.median(times), 1), round(q[0], 1), round(q[2], 1), len(times), round(_st.median(cpus), 1)]
    print("EXPLORER_TIMES " + _json.dumps(out))
_probe(_BOX, MOVES)
"""


def main() -> None:
    import nbformat
    from nbclient import NotebookClient

    parser = argparse.ArgumentParser()
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--moves", type=int, default=21)
    args = parser.parse_args()
    for name in args.notebooks:
        path = Path(name).resolve()
        nb = nbformat.read(path, as_version=4)
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            if cell.cell_type == "code" and "ui.explorer(" in cell.source:
                lines = cell.source.split("\n")
                lines = ["_BOX = " + line if line.startswith("ui.explorer(") else line for line in lines]
                cell.source = "\n".join(lines)
                cells.append(nbformat.v4.new_code_cell(PROBE.replace("MOVES", str(args.moves))))
        nb.cells = cells
        client = NotebookClient(
            nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        client.execute()
        k = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                text = output.get("text", "")
                if "EXPLORER_TIMES " in text:
                    k += 1
                    times = json.loads(text.split("EXPLORER_TIMES ", 1)[1])
                    for control, (median, q1, q3, n, cpu) in times.items():
                        print(
                            f"{path.stem} explorer {k} {control}: {median:.1f} ms median (IQR {q1:.0f}-{q3:.0f}, n={n}), CPU {cpu:.1f} ms",
                            flush=True,
                        )
    print("load", os.getloadavg())


if __name__ == "__main__":
    main()
