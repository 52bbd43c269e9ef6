"""The Typer application every command module registers on."""

from __future__ import annotations

from pathlib import Path

import typer

from claimtracker.paths import data_root
from claimtracker.store import Corpus, load_corpus

app = typer.Typer(
    name="claimtracker",
    help="Track health and fitness claims, the studies that test them, and verdicts with reasons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def load_records(root: Path | None) -> Corpus:
    """The records under ``root`` (default: this checkout); a warning on stderr if any has problems."""
    corpus = load_corpus(root or data_root())
    if corpus.problems:
        typer.echo(
            f"warning: {len(corpus.problems)} problems in the data; records with errors are left out "
            "(run: claimtracker validate)",
            err=True,
        )
    return corpus
