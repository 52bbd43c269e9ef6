# One command runs every check: `make check` (it installs what the checks need first).
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run install system chromium check lint test bench

run: ## install and start the dashboard on the shipped data
	$(PYTHON) -m pip install -q -e .
	$(PYTHON) -m streamlit run app.py --browser.gatherUsageStats=false

install: ## the package with its development tools
	$(PYTHON) -m pip install -q -e '.[dev]'

system: ## Debian's Chromium (browser tests; Playwright drives it, nothing is downloaded) and nginx (serving tests)
	@{ command -v chromium && { command -v nginx || test -x /usr/sbin/nginx; }; } >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver nginx-light; }

chromium: system

lint:
	ruff format --check .
	ruff check .
	mypy

test:
	$(PYTHON) -m pytest

check: install system lint test ## everything CI runs

bench: ## the benchmark scripts (slow; never part of the test suite)
	$(PYTHON) -m benchmarks
