"""The ``claimtracker`` command line: a thin face over the library.

Each command group lives in its own module and registers itself on ``app``; this module
only builds the app and imports them. Library exceptions become exit codes here only.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="claimtracker",
    help="Track health and fitness claims, the studies that test them, and verdicts with reasons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main() -> None:
    """Entry point of the console script and ``python -m claimtracker``."""
    app()
