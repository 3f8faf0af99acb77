"""`import rnnlib` stays cheap: numpy only, no TensorFlow, no pyplot (its time: tests/test_perf.py)."""

import json
import subprocess
import sys

CODE = """
import json, sys, time
start = time.perf_counter()
import rnnlib
elapsed = time.perf_counter() - start
heavy = sorted(m for m in ("tensorflow", "keras", "matplotlib.pyplot", "matplotlib", "ipywidgets") if m in sys.modules)
print(json.dumps({"seconds": elapsed, "heavy": heavy}))
"""


def _measure():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_import_rnnlib_imports_no_heavy_modules():
    assert _measure()["heavy"] == []


def test_import_sets_quiet_tensorflow_defaults_without_overriding():
    code = (
        "import os; os.environ['TF_CPP_MIN_LOG_LEVEL'] = '1'; import rnnlib; "
        "print(os.environ['TF_CPP_MIN_LOG_LEVEL'], os.environ['TF_ENABLE_ONEDNN_OPTS'])"
    )
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("TF_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split() == ["1", "0"]


def test_import_rnnlib_ui_imports_no_pyplot_and_no_ipywidgets():
    code = (
        "import sys, rnnlib.ui; "
        "print(sorted(m for m in ('matplotlib.pyplot', 'ipywidgets', 'tensorflow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
