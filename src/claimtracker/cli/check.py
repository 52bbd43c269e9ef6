"""``claimtracker check``: the draft checker, for writers and publishing pipelines."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimtracker.cli.app import app, load_records
from claimtracker.drafts import (
    DEFAULT_FAIL_ON,
    check_draft,
    is_failing,
    report_json,
    report_text,
)
from claimtracker.grading import assess_corpus
from claimtracker.models import Rating


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def read_draft(file: str) -> str:
    """The draft's text from a file or, for ``-``, standard input; exit 2 when it cannot be read."""
    try:
        if file == "-":
            return sys.stdin.buffer.read().decode("utf-8-sig")
        return Path(file).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        typer.echo(f"error: cannot read '{file}': {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from exc
    except UnicodeDecodeError as exc:
        typer.echo(
            f"error: {file}: byte {exc.start}: not UTF-8 text; save the draft as UTF-8",
            err=True,
        )
        raise typer.Exit(2) from exc


@app.command("check")
def check(
    file: Annotated[
        str,
        typer.Argument(
            help="The draft (plain text or Markdown), or - for standard input."
        ),
    ],
    format: Annotated[
        Format, typer.Option("--format", help="text (like a linter) or json.")
    ] = Format.TEXT,
    fail_on: Annotated[
        Rating,
        typer.Option("--fail-on", help="Exit 1 when a finding is rated this or worse."),
    ] = DEFAULT_FAIL_ON,
    root: Annotated[
        Path | None, typer.Option(help="Data root (default: this checkout).")
    ] = None,
) -> None:
    """Find the tracked claims a draft makes, with verdicts, safe wording and citations."""
    text = read_draft(file)
    corpus = load_records(root)
    report = check_draft(text, corpus.claims, corpus.studies, assess_corpus(corpus))
    if format is Format.JSON:
        typer.echo(
            json.dumps(report_json(report, fail_on), ensure_ascii=False, indent=2)
        )
    else:
        typer.echo(
            report_text(report, "<stdin>" if file == "-" else file, fail_on), nl=False
        )
    if any(is_failing(f, fail_on) for f in report.findings):
        raise typer.Exit(1)
