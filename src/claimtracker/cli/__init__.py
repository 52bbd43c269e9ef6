"""The ``claimtracker`` command line: a thin face over the library.

Each command group lives in its own module in this package and registers itself on
``claimtracker.cli.app.app``; importing them here is what makes the commands exist.
Library exceptions become exit codes in these modules only.
"""

from __future__ import annotations

from claimtracker.cli.app import app

# Command modules (each registers its commands on ``app`` when imported).
COMMAND_MODULES: list[str] = [
    "validate",
    "ops",
    "edit",
    "check",
    "export",
    "explain",
    "project",
    "site",
]


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"claimtracker.cli.{name}")


def main() -> None:
    """Entry point of the console script and ``python -m claimtracker``."""
    app(prog_name="claimtracker")


_register()
