# chipdemand — two commands on a fresh machine: `make run`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install ui bench clean help

help:
	@echo "make run    create .venv, install, run the pipeline on the demo sources into warehouse/chipdemand.duckdb"
	@echo "make test   create/update .venv and run the test suite"
	@echo "make ui     local Prefect server + the scheduled deployment (http://127.0.0.1:4200)"
	@echo "make bench  run the benchmarks in bench/ (writes bench/RESULTS.md figures)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the project's dependency files change.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/chipdemand run

test: $(STAMP)
	$(BIN)/python -m pytest

ui: $(STAMP)
	$(BIN)/python -m flows.ui

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal warehouse/raw warehouse/data_docs warehouse/cache .prefect
