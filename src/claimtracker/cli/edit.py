"""Editing from the command line: verdicts, history, revert, imports and password hashes.

Every change goes through ``saving.save_record``, the same path the dashboard uses: a lock,
a compare of the file's hash with the one the change is based on, an atomic write and an
audit entry. Exit codes: 0 done, 1 invalid input or rejected entries, 2 usage, 3 conflict
(the file changed since the hash you gave; nothing was written).

Each command imports the saving, history and import machinery when it runs, so that
``import claimtracker.cli`` (every command's start, ``--help`` included) stays light.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtracker.cli.app import RootOption, app, project_root, usage_error
from claimtracker.vocab import Certainty, Flag, Rating

if TYPE_CHECKING:
    from claimtracker.auth import Actor
    from claimtracker.imports import ImportReport
    from claimtracker.saving import Conflict

CONFLICT_EXIT = 3
EditorOption = Annotated[
    str,
    typer.Option(
        envvar="CLAIMTRACKER_EDITOR",
        help="Who is making the change (for the audit log).",
    ),
]


def _fail(message: str, code: int = 1) -> Exception:
    if code == 2:
        return usage_error(message)
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _conflict(err: Conflict) -> typer.Exit:
    from claimtracker.saving import diff_texts

    typer.echo(f"conflict: {err}", err=True)
    typer.echo(
        f"  the file is now at sha256 {err.current_sha256}; you expected {err.base_sha256}",
        err=True,
    )
    if err.theirs is not None and err.mine:
        typer.echo(
            "  the change you asked for, against the file as it is now:", err=True
        )
        typer.echo(diff_texts(err.file, err.theirs, err.mine), err=True)
    typer.echo(
        "  hint: run `claimtracker history` to see the other change, then retry",
        err=True,
    )
    return typer.Exit(CONFLICT_EXIT)


def _actor(editor: str) -> Actor:
    from claimtracker.auth import cli_actor

    try:
        return cli_actor(editor)
    except ValueError as err:
        raise _fail(str(err), 2) from err


@app.command("verdict")
def verdict(
    claim_id: Annotated[str, typer.Argument(metavar="CLAIM", help="The claim id.")],
    rating: Annotated[Rating, typer.Option(help="The new rating.")],
    certainty: Annotated[Certainty, typer.Option(help="The new GRADE certainty.")],
    reason: Annotated[
        str, typer.Option(help="Why it changed (goes into the claim's history).")
    ],
    editor: EditorOption,
    summary: Annotated[
        str | None,
        typer.Option(help="A new rationale (default: keep the current one)."),
    ] = None,
    flag: Annotated[
        list[Flag] | None, typer.Option(help="Flags to set (repeat); default: keep.")
    ] = None,
    expect_sha: Annotated[
        str | None,
        typer.Option(
            help="Only save if the file is still at this sha256 (from `history`)."
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Set a claim's verdict; a change of rating or certainty is added to its history."""
    import yaml

    from claimtracker.editing import set_verdict
    from claimtracker.models import Claim
    from claimtracker.saving import (
        Conflict,
        InvalidRecord,
        SaveError,
        read_current,
        save_record,
    )

    base = project_root(root)
    actor = _actor(editor)
    try:
        text, sha = read_current(base, "claims", claim_id)
    except SaveError as err:
        raise _fail(str(err), 2) from err
    if text is None:
        raise _fail(f"no claim '{claim_id}' in {base / 'claims'}")
    try:
        claim = Claim.model_validate(yaml.safe_load(text))
        changed = set_verdict(
            claim,
            rating=rating,
            certainty=certainty,
            reason=reason,
            editor=editor,
            summary=summary,
            flags=flag,
        )
    except (ValueError, yaml.YAMLError) as err:
        raise _fail(
            f"claims/{claim_id}.yaml cannot be edited until it is valid: run `claimtracker validate`"
        ) from err
    try:
        result = save_record(
            base,
            "claims",
            changed,
            base_sha256=expect_sha or sha,
            actor=actor,
            reason=reason,
            action="verdict",
        )
    except Conflict as err:
        raise _conflict(err) from err
    except InvalidRecord as err:
        raise _fail(f"{err}\n" + "\n".join(str(p) for p in err.problems)) from err
    except SaveError as err:
        raise _fail(str(err)) from err
    if not result.changed:
        typer.echo(f"{result.file}: unchanged")
        return
    typer.echo(
        f"saved {result.file} (change {result.entry}): {rating.value}, {certainty.value} certainty"
    )
    typer.echo(f"sha256 {result.after_sha256}")


@app.command("history")
def history(
    record: Annotated[
        str, typer.Argument(metavar="ID", help="A claim or study id (or claims/ID).")
    ],
    diff: Annotated[
        bool, typer.Option("--diff", help="Show each change's diff.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the audit entries as JSON lines.")
    ] = False,
    root: RootOption = None,
) -> None:
    """List a record's changes from the audit log, oldest first."""
    from claimtracker.history import history as record_history
    from claimtracker.history import resolve_ref
    from claimtracker.saving import SaveError, read_current

    base = project_root(root)
    try:
        kind, record_id = resolve_ref(base, record)
    except SaveError as err:
        raise _fail(str(err)) from err
    entries = record_history(base, kind, record_id)
    if as_json:
        for entry in entries:
            typer.echo(json.dumps(entry, ensure_ascii=False, sort_keys=True))
        return
    if not entries:
        typer.echo(f"{kind}/{record_id}.yaml: no changes recorded")
    for entry in entries:
        reverts = f" (reverts {entry['reverts']})" if entry.get("reverts") else ""
        typer.echo(
            f"{entry['seq']:>5}  {entry['ts']}  {entry['actor']}  {entry['action']}{reverts}  {entry['reason']}".rstrip()
        )
        if diff:
            typer.echo(entry["diff"])
    _, sha = read_current(base, kind, record_id)
    typer.echo(f"current sha256: {sha or 'none (no file)'}")


@app.command("revert")
def revert_change(
    record: Annotated[str, typer.Argument(metavar="ID", help="A claim or study id.")],
    entry: Annotated[
        int,
        typer.Argument(metavar="ENTRY", help="The change number shown by `history`."),
    ],
    editor: EditorOption,
    reason: Annotated[
        str, typer.Option(help="Why (default: 'revert change ENTRY').")
    ] = "",
    force: Annotated[
        bool, typer.Option("--force", help="Also undo later changes to the record.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Undo one change as a new change (itself in the history, and revertible)."""
    from claimtracker.history import resolve_ref, revert
    from claimtracker.saving import Conflict, SaveError

    base = project_root(root)
    actor = _actor(editor)
    try:
        kind, record_id = resolve_ref(base, record)
        result = revert(
            base, kind, record_id, entry, actor=actor, reason=reason, force=force
        )
    except Conflict as err:
        raise _conflict(err) from err
    except SaveError as err:
        raise _fail(str(err)) from err
    typer.echo(f"reverted change {entry} of {result.file} as change {result.entry}")


def _print_report(report: ImportReport, dry_run: bool) -> None:
    from claimtracker.imports import ImportStatus

    for item in report.items:
        where = f"{report.source}:{item.line}: {item.status.value:<9} {item.key}"
        if item.status is ImportStatus.IMPORTED:
            verb = "would write" if dry_run else "wrote"
            typer.echo(f"{where}: {verb} studies/{item.record_id}.yaml (draft)")
        else:
            typer.echo(f"{where}: {item.reason}")
    typer.echo(report.summary() + (" (dry run: nothing written)" if dry_run else ""))


@app.command("import")
def import_studies(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A .bib or .ris file, or a DOI to look up."
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Report what would be imported; write nothing."),
    ] = False,
    editor: Annotated[
        str | None,
        typer.Option(
            envvar="CLAIMTRACKER_EDITOR", help="Who is importing (for the audit log)."
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Create draft study records from BibTeX, RIS or a DOI; report every entry."""
    from claimtracker.imports import ImportStatus, plan_import, run_import
    from claimtracker.references import ImportFailed, lookup_doi, read_import_file

    base = project_root(root)
    if not dry_run and not editor:
        raise _fail(
            "say who is importing with --editor NAME (or CLAIMTRACKER_EDITOR)", 2
        )
    path = Path(source)
    try:
        if path.exists():
            citations, rejected = read_import_file(path)
            name = path.name
        elif source.lower().startswith(
            ("10.", "doi:", "https://doi.org/", "http://doi.org/")
        ):
            citations, rejected, name = [lookup_doi(source)], [], f"doi:{source}"
        else:
            raise _fail(f"no file {source} (and it is not a DOI)", 2)
    except ImportFailed as err:
        raise _fail(str(err)) from err
    report = plan_import(base, citations, rejected, name)
    if not dry_run:
        report = run_import(base, report, _actor(editor or ""))
    _print_report(report, dry_run)
    if report.count(ImportStatus.REJECTED):
        raise typer.Exit(1)


@app.command("hash-password")
def hash_password_command(
    user: Annotated[
        str | None, typer.Option(help="Print a line to paste under [editors].")
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from standard input."),
    ] = False,
) -> None:
    """Make an scrypt hash for an editor's password (for .streamlit/secrets.toml)."""
    from claimtracker.auth import hash_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        encoded = hash_password(password)
    except ValueError as err:
        raise _fail(str(err), 2) from err
    typer.echo(f'{user} = "{encoded}"' if user else encoded)
