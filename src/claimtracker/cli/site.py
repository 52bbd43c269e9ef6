"""``claimtracker site build OUT``: the static site of every claim and study."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimtracker.cli.app import RootOption, app, project_root, usage_error

site = typer.Typer(
    help="The static site: every claim and study as a page.", no_args_is_help=True
)
app.add_typer(site, name="site")


@site.command("build")
def build(
    out: Annotated[Path, typer.Argument(help="Folder to write the site into.")],
    root: RootOption = None,
    full: Annotated[
        bool, typer.Option("--full", help="Rebuild every page, not only what changed.")
    ] = False,
    search: Annotated[
        bool, typer.Option(help="Build the search index (Pagefind).")
    ] = True,
    state: Annotated[
        Path | None,
        typer.Option(
            help="Where the build keeps its state (default: .OUT.build-state beside OUT)."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit 1 when a record fails validation.")
    ] = False,
) -> None:
    """Build the static site into OUT; after the first build, only what changed."""
    from claimtracker.problems import ClaimtrackerError
    from claimtracker.site import SiteBuildError, build_site

    base = project_root(root)
    try:
        report = build_site(base, out, state_dir=state, search=search, full=full)
    except SiteBuildError as exc:
        raise usage_error(str(exc)) from None
    except ClaimtrackerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    errors = [p for p in report.problems if p.severity.value == "error"]
    for problem in report.problems[:20]:
        typer.echo(
            f"{problem.path}:{problem.line}:{problem.column}: {problem.severity.value}[{problem.code}]: {problem.message}",
            err=True,
        )
    if len(report.problems) > 20:
        typer.echo(
            f"... and {len(report.problems) - 20} more (run: claimtracker validate)",
            err=True,
        )
    if errors:
        typer.echo(
            f"warning: {len(errors)} problems are errors; records that fail validation "
            "are left out of the site (run: claimtracker validate)",
            err=True,
        )
    changed = (
        f", {len(report.changed_records)} records changed"
        if report.mode != "full"
        else ""
    )
    typer.echo(
        f"{report.mode} build of {report.pages:,} pages in {report.seconds:.1f} s{changed}: "
        f"{len(report.written):,} files written, {len(report.removed):,} removed -> {out}"
    )
    if strict and errors:
        raise typer.Exit(1)
