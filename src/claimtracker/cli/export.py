"""``claimtracker export``: the corpus and its verdicts in formats other tools read."""

from __future__ import annotations

import dataclasses
import difflib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtracker.cli.app import (
    RootOption,
    app,
    load_records,
    project_config,
    project_root,
)

if TYPE_CHECKING:
    from claimtracker.exports import Publisher
    from claimtracker.store import Corpus


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    CLAIMREVIEW = "claimreview"
    CLAIMREVIEW_HTML = "claimreview-html"
    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"


class Table(StrEnum):
    CLAIMS = "claims"
    STUDIES = "studies"


def _render(
    corpus: Corpus,
    fmt: ExportFormat,
    claim_id: str | None,
    table: Table,
    raw: bool,
    publisher: Publisher,
) -> str:
    from claimtracker.citations import (
        evidence_studies,
        to_bibtex,
        to_csl_json,
        to_ris,
    )
    from claimtracker.exports import (
        CLAIM_COLUMNS,
        STUDY_COLUMNS,
        claim_review,
        claim_rows,
        corpus_json,
        is_reviewable,
        jsonld_script,
        jsonld_text,
        study_rows,
        to_csv,
        to_json,
    )
    from claimtracker.grading import assess_corpus

    claims = corpus.claims if claim_id is None else {claim_id: corpus.claims[claim_id]}
    studies = (
        corpus.studies
        if claim_id is None
        else {
            s.id: s for s in evidence_studies(corpus.claims[claim_id], corpus.studies)
        }
    )
    if fmt is ExportFormat.JSON:
        return to_json(corpus_json(claims, studies, assess_corpus(corpus)))
    if fmt is ExportFormat.CSV:
        if table is Table.CLAIMS:
            return to_csv(
                claim_rows(claims, assess_corpus(corpus)), CLAIM_COLUMNS, raw=raw
            )
        return to_csv(study_rows(studies, corpus.claims), STUDY_COLUMNS, raw=raw)
    if fmt in (ExportFormat.CLAIMREVIEW, ExportFormat.CLAIMREVIEW_HTML):
        if claim_id is not None:
            review = claim_review(corpus.claims[claim_id], publisher)
            return (
                jsonld_text(review)
                if fmt is ExportFormat.CLAIMREVIEW
                else jsonld_script(review)
            )
        reviews = [
            claim_review(c, publisher)
            for _, c in sorted(claims.items())
            if is_reviewable(c)
        ]
        if fmt is ExportFormat.CLAIMREVIEW:
            return jsonld_text(reviews)
        return "".join(jsonld_script(r) for r in reviews)
    cited = (
        sorted(studies.values(), key=lambda s: s.id)
        if claim_id is None
        else list(studies.values())
    )
    if fmt is ExportFormat.BIBTEX:
        return to_bibtex(cited)
    if fmt is ExportFormat.RIS:
        return to_ris(cited)
    return to_csl_json(cited)


@app.command("export")
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", help="What to write.")
    ] = ExportFormat.JSON,
    claim: Annotated[
        str | None,
        typer.Option(
            "--claim", help="Only this claim (citations: the studies it cites)."
        ),
    ] = None,
    table: Annotated[
        Table, typer.Option(help="For csv: the claims or the studies table.")
    ] = Table.CLAIMS,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write to this file instead of standard output."),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            envvar="CLAIMTRACKER_BASE_URL",
            help="Where claim pages live: {base}/?claim={id} [default: [site] base_url of claimtracker.toml]",
            show_default=False,
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            envvar="CLAIMTRACKER_ORGANISATION",
            help="Who publishes the ClaimReviews [default: [publisher] name]",
            show_default=False,
        ),
    ] = None,
    organisation_url: Annotated[
        str | None,
        typer.Option(
            envvar="CLAIMTRACKER_ORGANISATION_URL",
            help="The publisher's home page [default: [publisher] url]",
            show_default=False,
        ),
    ] = None,
    raw: Annotated[
        bool, typer.Option("--raw", help="CSV without the spreadsheet formula guard.")
    ] = False,
    site_pages: Annotated[
        bool,
        typer.Option(
            "--site-pages",
            help="ClaimReview url is the static site's page {base}/claim/{id}/ "
            "(as 'claimtracker site build' publishes it).",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Export claims, studies, ClaimReview JSON-LD or citations (json, csv, bibtex, ris, csl-json)."""
    from claimtracker.exports import ExportError, Publisher

    base = project_root(root)
    config = project_config(base)
    try:
        publisher = Publisher.from_config(config)
        chosen = {
            "base_url": base_url,
            "organisation": organisation,
            "organisation_url": organisation_url,
        }
        publisher = dataclasses.replace(
            publisher, **{k: v for k, v in chosen.items() if v}
        )
        if site_pages:
            publisher = dataclasses.replace(publisher, permalinks="path")
    except ExportError as exc:
        raise typer.BadParameter(str(exc)) from exc
    corpus = load_records(base)
    if claim is not None and claim not in corpus.claims:
        close = difflib.get_close_matches(claim, list(corpus.claims), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise typer.BadParameter(
            f"no claim '{claim}' in claims/{hint}", param_hint="--claim"
        )
    try:
        text = _render(corpus, format, claim, table, raw, publisher)
    except ExportError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8", newline="")
        typer.echo(f"wrote {out}", err=True)
