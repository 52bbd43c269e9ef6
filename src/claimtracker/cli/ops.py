"""Operations: synthetic corpora for benchmarks, and serving several dashboard processes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from claimtracker.cli.app import RootOption, app, project_root, usage_error

bench = typer.Typer(help="Benchmark helpers.", no_args_is_help=True)
app.add_typer(bench, name="bench")


@bench.command("generate")
def generate(
    out_dir: Annotated[
        Path, typer.Argument(help="Folder to write claims/ and studies/ into.")
    ],
    studies: Annotated[int, typer.Option(min=1, help="How many studies.")] = 440,
    claims: Annotated[int, typer.Option(min=0, help="How many claims.")] = 250,
    seed: Annotated[
        int, typer.Option(help="Random seed (the same seed writes the same corpus).")
    ] = 0,
) -> None:
    """Write a realistic, valid synthetic corpus for benchmarks and load tests."""
    from claimtracker.synthetic import generate_corpus

    if (out_dir / "studies").exists() and any((out_dir / "studies").iterdir()):
        raise usage_error(f"{out_dir}/studies is not empty; choose an empty folder")
    size = generate_corpus(out_dir, studies=studies, claims=claims, seed=seed)
    typer.echo(
        f"wrote {size.studies} studies and {size.claims} claims ({size.links} evidence links) to {out_dir}"
    )


@app.command("serve")
def serve(
    replicas: Annotated[
        int, typer.Option(min=1, max=16, help="Dashboard processes (one per core).")
    ] = 2,
    port: Annotated[int, typer.Option(help="Port nginx listens on (loopback).")] = 8600,
    root: RootOption = None,
    site: Annotated[
        Path | None,
        typer.Option(
            help="A site built with 'claimtracker site build' to serve at / "
            "(default: build one into ROOT/.claimtracker/public first)."
        ),
    ] = None,
) -> None:
    """Serve the static site at / and the dashboard at /app/ (several processes) behind nginx.

    Run it in a clone of the claimtracker repository (or pass --root): the replicas run
    its app.py and nginx its deploy/nginx.conf (docs/deployment.md)."""
    from claimtracker.problems import ClaimtrackerError
    from claimtracker.serving import Cluster

    base = project_root(root)
    missing = [f for f in ("app.py", "deploy/nginx.conf") if not (base / f).is_file()]
    if missing:
        raise usage_error(
            f"{base} has no {' or '.join(missing)}: serve runs in a clone of the "
            "claimtracker repository; for one process use: claimtracker dashboard"
        )
    try:
        if site is None:
            site = _build_site(base, port)
        with Cluster(
            base, replicas=replicas, port=port, data_root=base, site=site
        ) as cluster:
            typer.echo(
                f"serving the site at {cluster.url}/ and {replicas} dashboard replicas "
                f"at {cluster.app_url}/ (Ctrl+C to stop)"
            )
            while True:
                time.sleep(3600)
    except ClaimtrackerError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    except KeyboardInterrupt:
        typer.echo("stopped")


def _build_site(root: Path, port: int) -> Path:
    """Build (or bring up to date) the site served at the proxy's address."""
    import dataclasses

    from claimtracker.site import build_site, load_settings
    from claimtracker.site.settings import DEFAULT_BASE_URL

    settings = load_settings(root)
    if settings.base_url == DEFAULT_BASE_URL:
        settings = dataclasses.replace(settings, base_url=f"http://127.0.0.1:{port}")
    out = root / ".claimtracker" / "public"
    report = build_site(root, out, settings=settings)
    typer.echo(
        f"{report.mode} site build: {report.pages:,} pages, "
        f"{len(report.written):,} files written in {report.seconds:.1f} s"
    )
    return out
