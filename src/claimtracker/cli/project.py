"""``claimtracker init`` and ``claimtracker dashboard``: start an evidence base, and show one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from claimtracker.cli.app import (
    RootOption,
    app,
    project_config,
    project_root,
    usage_error,
)
from claimtracker.paths import ROOT_ENV
from claimtracker.problems import ConfigError, StoreError


@app.command("init")
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="The new evidence base's folder (made if missing)."
        ),
    ],
    title: Annotated[
        str | None, typer.Option(help="The site's title [default: the folder's name]")
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            help="What the claims are about, as it reads after 'claims about'."
        ),
    ] = None,
    base_url: Annotated[
        str | None, typer.Option(help="Where the claim pages will be published.")
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(help="Who publishes the verdicts.")
    ] = None,
    publisher_url: Annotated[
        str | None, typer.Option(help="The publisher's home page.")
    ] = None,
    example: Annotated[
        bool,
        typer.Option(
            "--example/--no-example",
            help="Start with one draft claim to edit (claims/example-claim.yaml).",
        ),
    ] = True,
) -> None:
    """Start a new evidence base: claimtracker.toml, claims/, studies/, schemas and a README."""
    from claimtracker.project import init_project

    try:
        report = init_project(
            folder,
            title=title,
            topic=topic,
            base_url=base_url,
            publisher=publisher,
            publisher_url=publisher_url,
            example=example,
        )
    except (StoreError, ConfigError) as exc:
        raise usage_error(str(exc)) from None
    for rel in report.written:
        typer.echo(f"wrote {rel}")
    for rel in report.kept:
        typer.echo(f"kept {rel} (already there)")
    typer.echo(
        f"new evidence base in {folder}; next: cd {folder} && claimtracker validate"
    )


@app.command(
    "dashboard",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def dashboard(
    ctx: typer.Context,
    port: Annotated[
        int, typer.Option(help="Port to listen on (loopback only by default).")
    ] = 8501,
    root: RootOption = None,
) -> None:
    """Start the dashboard on the data root (found as for every command).

    Further options go to `streamlit run` as they are, e.g. --server.address 0.0.0.0.
    The server runs in the data root, so its .streamlit/secrets.toml (editors) is read."""
    base = project_root(root)
    project_config(
        base
    )  # a bad claimtracker.toml is a usage error here, not a blank page
    import claimtracker.dashboard

    script = Path(claimtracker.dashboard.__file__).parent / "app.py"
    command = [
        sys.executable,
        "-m",
        "claimtracker.serving",  # `streamlit run`, warmed up (claimtracker.serving)
        str(script),
        "--server.port",
        str(port),
        *ctx.args,
    ]
    env = {**os.environ, ROOT_ENV: str(base)}
    typer.echo(f"claimtracker dashboard on {base}: http://localhost:{port}", err=True)
    if os.name == "posix":
        os.chdir(base)
        os.execve(sys.executable, command, env)
    raise typer.Exit(subprocess.call(command, env=env, cwd=base))
