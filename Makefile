# Two commands on a fresh machine: `make run` (the dashboard) and `make check` (every check).
# Both work in a virtual environment of their own, .venv (Debian's Python refuses system-wide
# pip installs, PEP 668); set VENV= to use the Python already on your PATH instead.
VENV ?= .venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ifeq ($(VENV),)
BIN :=
else
BIN := $(VENV)/bin/
endif
PYTHON := $(BIN)python

.PHONY: venv run install system chromium check lint test bench site

$(VENV)/bin/python:
	python3 -m venv $(VENV) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv $(VENV); }

venv: $(if $(VENV),$(VENV)/bin/python)

run: venv ## install and start the dashboard on the shipped data
	$(PYTHON) -m pip install -q -e .
	$(PYTHON) -m claimtracker.serving app.py  # streamlit run app.py, warmed up before the first visit

install: venv ## the package with its development tools
	$(PYTHON) -m pip install -q -e '.[dev]'

system: ## Debian's Chromium (browser tests; Playwright drives it, nothing is downloaded) and nginx (serving tests)
	@{ command -v chromium && { command -v nginx || test -x /usr/sbin/nginx; }; } >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver nginx; }

chromium: system

lint:
	$(BIN)ruff format --check .
	$(BIN)ruff check .
	$(BIN)mypy

test:
	$(PYTHON) -m pytest

check: install system lint test ## everything CI runs

bench: install ## the benchmark scripts (slow; never part of the test suite)
	$(PYTHON) -m benchmarks

SITE ?= build/site
site: venv ## the static site of every claim and study into $(SITE) (after the first build, only what changed)
	$(PYTHON) -m pip install -q -e .
	$(BIN)claimtracker validate
	$(BIN)claimtracker site build $(SITE)
