"""``claimtracker check``: the draft checker, for writers and publishing pipelines."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtracker.cli.app import (
    RootOption,
    app,
    load_records,
    project_root,
    usage_error,
)
from claimtracker.vocab import Rating

if TYPE_CHECKING:
    from claimtracker.drafts import DraftReport


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


def read_draft(file: str) -> str:
    """The draft's text from a file or, for ``-``, standard input; a usage error (exit 2)
    when it cannot be read."""
    try:
        if file == "-":
            return sys.stdin.buffer.read().decode("utf-8-sig")
        return Path(file).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise usage_error(f"cannot read '{file}': {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise usage_error(
            f"{file}: byte {exc.start}: not UTF-8 text; save the draft as UTF-8"
        ) from exc


def _print(
    drafts: list[tuple[str, str, DraftReport]], format: Format, fail_on: Rating
) -> None:
    from claimtracker import drafts as reporting
    from claimtracker import reports

    if format is Format.JSON:
        data = [reporting.report_json(r, fail_on) for _, _, r in drafts]
        if len(drafts) > 1:
            data = [{"file": f, **d} for (f, _, _), d in zip(drafts, data, strict=True)]
        out = data[0] if len(drafts) == 1 else data
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    elif format is Format.SARIF:
        shown = [(reports.relative_source(f), t, r) for f, t, r in drafts]
        log = reports.findings_sarif(shown, fail_on)
        typer.echo(json.dumps(log, ensure_ascii=False, indent=2))
    elif format is Format.GITHUB:
        for file, text, report in drafts:
            source = reports.relative_source(file)
            for line in reports.findings_github(text, report, source, fail_on):
                typer.echo(line)
            typer.echo(f"{source}: {reporting.summary_line(report, fail_on)}")
    else:
        for file, _, report in drafts:
            source = "<stdin>" if file == "-" else file
            typer.echo(reporting.report_text(report, source, fail_on), nl=False)


@app.command("check")
def check(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Drafts (plain text or Markdown), or - for standard input.",
        ),
    ],
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="text (like a linter), json, github (workflow annotations) or sarif (SARIF 2.1.0).",
        ),
    ] = Format.TEXT,
    fail_on: Annotated[
        Rating,
        typer.Option("--fail-on", help="Exit 1 when a finding is rated this or worse."),
    ] = Rating.UNPROVEN,
    root: RootOption = None,
) -> None:
    """Find the tracked claims drafts make, with verdicts, safe wording and citations.

    Exits 1 when a finding is rated --fail-on or worse, so it can gate a publishing
    pipeline, and 2 on a usage error (a draft that cannot be read)."""
    from claimtracker.drafts import build_matcher, check_draft, is_failing
    from claimtracker.grading import assess_corpus

    texts = [(file, read_draft(file)) for file in files]
    corpus = load_records(project_root(root))
    assessments = assess_corpus(corpus)
    matcher = build_matcher(corpus.claims)
    drafts = [
        (
            file,
            text,
            check_draft(
                text, corpus.claims, corpus.studies, assessments, matcher=matcher
            ),
        )
        for file, text in texts
    ]
    _print(drafts, format, fail_on)
    if any(is_failing(f, fail_on) for _, _, r in drafts for f in r.findings):
        raise typer.Exit(1)
