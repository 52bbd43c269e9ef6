"""Rendering the pages of many records, in forked worker processes when there are many.

:func:`render_records` deals the claims and studies out round robin to ``workers`` processes
(forked after the records, summary and templates are loaded, so nothing is read twice); each
renders its pages, writes the files whose bytes changed and hands back what it wrote, which
the parent merges into the build's output. The search document of each record (what
Pagefind indexes) is rendered beside its page.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from claimtracker import frames
from claimtracker.models import Claim, Status, Study
from claimtracker.paths import CLAIMS, STUDIES
from claimtracker.site.pages import Pages, claim_path, study_path
from claimtracker.site.records import Records
from claimtracker.site.render import Output


@dataclass
class _Job:
    pages: Pages
    records: Records
    claims: list[str]
    studies: list[str]
    outcomes: dict[str, list[dict[str, Any]]]
    search: bool


_job: _Job | None = None
#: Below this many records, pages are rendered in this process.
PARALLEL_FROM = 400


def render_records(
    pages: Pages,
    records: Records,
    claims: list[str],
    studies: list[str],
    *,
    search: bool,
    workers: int | None = None,
) -> tuple[dict[str, list[str]], dict[str, bytes]]:
    """Render the pages of these claims and studies (and their search documents).

    Returns record key -> files written, and site path -> search document. With several
    workers the records are dealt out round robin to forked processes, which write their
    pages and hand back what they wrote; the parent merges it into ``pages.output``."""
    global _job
    count = len(claims) + len(studies)
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if count >= PARALLEL_FROM else 1
    outcomes = _outcome_rows({s: records.studies[s] for s in studies})
    _job = _Job(pages, records, claims, studies, outcomes, search)
    try:
        if workers <= 1:
            digests, written, owned, documents = _render_part(0, 1)
            return owned, documents
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            parts = list(pool.map(_render_part, range(workers), [workers] * workers))
    finally:
        _job = None
    owned = {}
    documents = {}
    for digests, written, part_owned, part_documents in parts:
        pages.output.digests.update(digests)
        pages.output.written += written
        owned.update(part_owned)
        documents.update(part_documents)
    return owned, documents


def _render_part(
    part: int, parts: int
) -> tuple[dict[str, str], list[str], dict[str, list[str]], dict[str, bytes]]:
    job = _job
    assert job is not None
    main = job.pages.output
    output = main if parts == 1 else Output(main.out, main.previous)
    pages = job.pages if parts == 1 else job.pages.with_output(output)
    owned: dict[str, list[str]] = {}
    records = job.records
    claims = [records.claims[c] for c in job.claims[part::parts]]
    studies = [records.studies[s] for s in job.studies[part::parts]]
    for claim in claims:
        owned[f"{CLAIMS}/{claim.id}"] = pages.claim(
            claim, records.studies, records.assessments.get(claim.id)
        )
    for study in studies:
        owned[f"{STUDIES}/{study.id}"] = pages.study(
            study, job.outcomes.get(study.id, [])
        )
    documents = search_documents(pages, claims, studies) if job.search else {}
    return output.digests, output.written, owned, documents


def search_documents(
    pages: Pages, claims: Iterable[Claim], studies: Iterable[Study]
) -> dict[str, bytes]:
    """The search document of each published claim and listed study."""
    renderer = pages.renderer
    found: dict[str, bytes] = {}
    for claim in claims:
        claim_id = claim.id
        if claim.status is not Status.PUBLISHED:
            continue
        verdict = claim.verdict
        found[claim_path(claim_id)] = renderer.render(
            "search-document.html.j2",
            claim_path(claim_id),
            kind="claim",
            title=claim.proposition.strip(),
            aliases=claim.aliases,
            texts=[
                f"Our verdict: {frames.label(verdict.rating)}" if verdict else "",
                verdict.summary if verdict else "",
            ],
        )
    for study in studies:
        study_id = study.id
        if study.status is Status.DRAFT:
            continue
        row = pages.summary.studies[study_id]
        found[study_path(study_id)] = renderer.render(
            "search-document.html.j2",
            study_path(study_id),
            kind="study",
            title=f"{row['label']}: {study.title.strip()}",
            aliases=[],
            texts=[
                "; ".join(study.authors),
                study.journal or "",
                f"{frames.label(study.design)} of {frames.label(study.participants.population)}"
                f" wearing {frames.label(study.garment.type)}",
                "; ".join(o.name for o in study.outcomes),
                study.summary or "",
            ],
        )
    return found


def _outcome_rows(studies: Mapping[str, Study]) -> dict[str, list[dict[str, Any]]]:
    """Each study's rows of ``frames.outcomes_frame``, as plain dictionaries."""
    from claimtracker.site.summary import _rows

    found: dict[str, list[dict[str, Any]]] = {}
    if studies:
        for row in _rows(frames.outcomes_frame(studies)):
            found.setdefault(row["study"], []).append(row)
    return found
