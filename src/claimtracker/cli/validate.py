"""``claimtracker validate``, ``schema`` and ``new``: check records, regenerate what is
made from the models, and start a new record."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtracker.cli.app import (
    RootOption,
    app,
    project_config,
    project_root,
    usage_error,
)
from claimtracker.paths import CLAIMS, STUDIES
from claimtracker.problems import (
    InvalidIdError,
    Problem,
    RecordExistsError,
    StoreError,
    format_problem,
    has_errors,
    summary_line,
)

if TYPE_CHECKING:
    from claimtracker.store import Corpus


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


class Kind(StrEnum):
    CLAIM = "claim"
    STUDY = "study"


def _select(corpus: Corpus, targets: list[Path]) -> tuple[list[Problem], int]:
    """The problems and the number of record files under the given files or folders."""
    base = corpus.root.resolve()
    prefixes: list[str] = []
    for target in targets:
        try:
            rel = target.resolve().relative_to(base).as_posix()
        except ValueError:
            raise usage_error(
                f"{target} is not inside the data root {corpus.root} (see --root)"
            ) from None
        prefixes.append("" if rel == "." else rel)

    def chosen(path: str) -> bool:
        return any(p == "" or path == p or path.startswith(p + "/") for p in prefixes)

    return [p for p in corpus.problems if chosen(p.path)], sum(
        chosen(f) for f in corpus.files
    )


def _print(
    problems: list[Problem], checked: int, output: OutputFormat, root: Path
) -> None:
    if output is OutputFormat.JSON:
        typer.echo(
            json.dumps([p.to_dict() for p in problems], indent=2, ensure_ascii=False)
        )
    elif output is OutputFormat.SARIF:
        from claimtracker.reports import problems_sarif

        typer.echo(
            json.dumps(problems_sarif(problems, root), indent=2, ensure_ascii=False)
        )
    else:
        if output is OutputFormat.GITHUB:
            from claimtracker.reports import problems_github

            lines = problems_github(problems, root)
        else:
            lines = [format_problem(found) for found in problems]
        for line in lines:
            typer.echo(line)
        typer.echo(summary_line(problems, checked))


@app.command("validate")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Record files or folders to report on [default: everything]",
            exists=True,
        ),
    ] = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json (a list of problems), github (workflow annotations) or sarif (SARIF 2.1.0)",
        ),
    ] = (OutputFormat.TEXT),
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Check every claim and study and report each problem with its file and line.

    Exits 0 when there are no errors (warnings allowed), 1 when there are errors (or,
    with --strict, warnings) and 2 on a usage error, including a data root with no
    record files. Cross-record rules always see the whole data root; PATHS only narrows
    what is reported (and, without --root, the data root is found from the first PATH)."""
    from claimtracker.store import validate as validate_corpus

    base = project_root(root, paths[0] if paths else None)
    project_config(base)
    corpus = validate_corpus(base)
    problems, checked = (
        _select(corpus, paths) if paths else (corpus.problems, corpus.files_checked)
    )
    if checked == 0:
        where = (
            ", ".join(str(p) for p in paths)
            if paths
            else f"{base / CLAIMS} or {base / STUDIES}"
        )
        raise usage_error(
            f"no record files (*.yaml) in {where}; nothing was checked; "
            "add one with: claimtracker new claim ID"
        )
    _print(problems, checked, output, base)
    raise typer.Exit(1 if has_errors(problems, strict=strict) else 0)


@app.command("schema")
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Only report stale files; exit 1 if any.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Write the JSON Schemas, docs/errors.md and the field reference of docs/editing.md from the models."""
    from claimtracker.scaffold import stale_files, write_generated

    base = project_root(root)
    if check:
        stale = stale_files(base)
        for rel in stale:
            typer.echo(f"{rel} is out of date", err=True)
        if stale:
            typer.echo("run: claimtracker schema", err=True)
            raise typer.Exit(1)
        typer.echo("generated files are up to date")
        return
    written = write_generated(base)
    for rel in written:
        typer.echo(f"wrote {rel}")
    if not written:
        typer.echo("generated files are up to date")


@app.command("new")
def new(
    kind: Annotated[Kind, typer.Argument(help="claim or study")],
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new record's id (its file name)")
    ],
    root: RootOption = None,
) -> None:
    """Write a draft skeleton for a new claim or study, with the schema modeline."""
    from claimtracker.scaffold import new_record

    base = project_root(root)
    try:
        created = new_record(base, kind.value, record_id)
    except InvalidIdError as e:
        raise typer.BadParameter(str(e), param_hint="ID") from None
    except (RecordExistsError, StoreError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from None
    rel = created.relative_to(base).as_posix()
    typer.echo(
        f"created {rel}\nreplace the TODOs, then run: claimtracker validate {rel}"
    )
