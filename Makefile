# One command runs every check: `make check` (it installs what the checks need first).
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run install chromium check lint test bench

run: ## install and start the dashboard on the shipped data
	$(PYTHON) -m pip install -q -e .
	$(PYTHON) -m streamlit run app.py --browser.gatherUsageStats=false

install: ## the package with its development tools
	$(PYTHON) -m pip install -q -e '.[dev]'

chromium: ## Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; }

lint:
	ruff format --check .
	ruff check .
	mypy

test:
	$(PYTHON) -m pytest

check: install chromium lint test ## everything CI runs

bench: ## the benchmark scripts (slow; never part of the test suite)
	$(PYTHON) -m benchmarks
