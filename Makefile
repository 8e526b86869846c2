# Quick start:  make run   (set up, then open the app on the built-in sample)
#               make test  (set up, then run the whole test suite)
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python

.PHONY: run test setup system-deps system-deps-runtime lint bench bundle screenshot clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

system-deps-runtime:
	bash scripts/install-system-deps.sh runtime

system-deps:
	bash scripts/install-system-deps.sh test

run: setup system-deps-runtime
	$(VENV)/bin/report-writer

test: setup system-deps
	$(PY) -m ruff check src tests scripts benchmarks
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check src tests scripts benchmarks

bench: setup
	$(PY) benchmarks/bench_core.py
	$(PY) benchmarks/bench_gui.py

bundle: setup
	$(PY) -m pip install --quiet '.[bundle]'
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache
