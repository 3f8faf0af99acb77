# Sequence modelling with RNNs: set-up, lessons and tests.
#   make lab       set up .venv (first time only) and open the lessons in JupyterLab
#   make test      set up .venv (first time only) and run the whole test suite (what CI runs)
#   make execute   re-execute every notebook in place, refreshing its stored outputs (NB=... for one)
#   make robustness  run the notebooks under the conditions other learners' machines create
#   make perf      timings (import, explorer moves) with loose ceilings; never part of make test
#   make times     execute every lesson and print its cell time (the README's run-time column)
#   make browser   run only the browser test (every lesson in JupyterLab in Chromium; screenshots/)
#   make binder    regenerate binder/requirements.txt from requirements.txt; print the launch links
#   make clean     remove .venv and caches

# TensorFlow 2.21, which the lessons use, publishes wheels for Python 3.11, 3.12 and 3.13 only. make takes the
# newest of those that runs here (python3.13, then 3.12, then 3.11), or the one you name: make lab PYTHON=/path/to/python
SUPPORTED := 3.13 3.12 3.11
PYTHON ?= $(shell for v in $(SUPPORTED); do p=$$(command -v python$$v) && $$p -c '' 2>/dev/null && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
NB     ?= notebooks/[0-9]*.ipynb
LESSON ?= notebooks/01_sequential_data.ipynb
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The same quiet, reproducible environment for the lab, the tests and the re-execute command.
# (rnnlib sets the two TensorFlow variables too, for a kernel started any other way.)
export TF_CPP_MIN_LOG_LEVEL ?= 3
export TF_ENABLE_ONEDNN_OPTS ?= 0
export PYTHONHASHSEED ?= 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: lab test lint unit notebooks execute robustness perf times browser binder clean

$(BIN)/python:
	@version=$$($(or $(PYTHON),false) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); \
	case " $(SUPPORTED) " in *" $$version "*) ;; *) \
	  echo "make needs Python 3.11, 3.12 or 3.13: TensorFlow 2.21, which the lessons use, has no wheels for other versions."; \
	  if [ -n "$(PYTHON)" ]; then echo "  $(PYTHON) is Python $${version:-(it did not run)}."; \
	  else echo "  None of python3.13, python3.12, python3.11 runs on this machine."; fi; \
	  echo "  Install one (python.org; macOS: brew install python@3.13; pyenv: pyenv install 3.13), then run"; \
	  echo "  make lab PYTHON=/path/to/python3.13    (or the commands in README.md, without make)"; \
	  exit 1;; esac
	$(PYTHON) -m venv $(VENV)

# Stamps: the install runs again only when the files it reads change.
$(VENV)/.lessons.stamp: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test.stamp: requirements-test.txt $(VENV)/.lessons.stamp
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# JupyterLab with its token on (a fresh random one, passed through the environment, not the command line),
# on the first free port from 8888, printing a URL that opens the first lesson.
lab: $(VENV)/.lessons.stamp
	@PORT=$$($(BIN)/python -c 'import socket as s; print(next(p for p in range(8888, 8988) if s.socket().connect_ex(("127.0.0.1", p))))'); \
	export JUPYTER_TOKEN=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))'); \
	echo; echo "  Open the lessons in your browser at:"; \
	echo "  http://127.0.0.1:$$PORT/lab/tree/$(LESSON)?token=$$JUPYTER_TOKEN"; echo; \
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$$PORT --ServerApp.port_retries=0 $(ROOT_FLAG) $(LESSON)

test: $(VENV)/.test.stamp
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

unit: $(VENV)/.test.stamp
	$(BIN)/python -m pytest tests

notebooks: $(VENV)/.test.stamp
	$(BIN)/python -m pytest notebooks

execute: $(VENV)/.lessons.stamp
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False $(NB)

robustness: $(VENV)/.test.stamp
	for i in 1 2 3; do $(BIN)/python -m pytest -q notebooks || exit 1; done
	ONEDNN_MAX_CPU_ISA=AVX2 $(BIN)/python -m pytest -q notebooks
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q notebooks

perf: $(VENV)/.test.stamp
	$(BIN)/python -m pytest -m perf tests/test_perf.py

times: $(VENV)/.lessons.stamp
	$(BIN)/python tools/lesson_times.py $(if $(filter-out notebooks/[0-9]*.ipynb,$(NB)),$(NB),)

# Needs Chromium (Debian: apt-get install chromium); prints run times, explorer update medians and kernel peaks.
browser: $(VENV)/.test.stamp
	$(BIN)/python -m pytest -m browser tests/test_browser.py

binder: $(VENV)/.lessons.stamp
	$(BIN)/python binder/sync_requirements.py
	$(BIN)/python binder/links.py binder

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
