"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="claimtracker",
    help="Track health and fitness claims, the studies that test them, and verdicts with reasons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
