# Duiding — one-command setup. Everything installs from PyPI into .venv; nothing is fetched at run time.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DUIDING := $(VENV)/bin/duiding
export DUIDING_DATA_DIR ?= $(CURDIR)/.duiding-data
export HF_HUB_OFFLINE = 1
export TRANSFORMERS_OFFLINE = 1
export ANONYMIZED_TELEMETRY = False

.PHONY: setup run smoke test bench lint clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU torch from the local wheel first; a bare `torch` would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[embedded,st,ui,dev]"
	touch $@

run: setup
	$(DUIDING) run

smoke: setup
	$(DUIDING) smoke

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) -m eval.bench

lint: setup
	$(VENV)/bin/ruff check assistant retrieval ui eval tests
	$(VENV)/bin/mypy assistant retrieval eval ui

clean:
	rm -rf $(VENV) .duiding-data
