"""What each page of the site shows, worked out from the records, the summary rows and the
library's frames and exports, then rendered and written.

Page addresses (site paths; the file is ``index.html`` inside each folder):

====================  ======================================================================
``""`` (home)         headline answers, verdicts at a glance, the evidence map, claim families
``claims/``           every published claim, by family
``claim/<id>/``       one claim: verdict, flags, who says it, evidence, forest plots, history,
                      safe wording, downloads; ``<id>.jsonld`` (ClaimReview), ``.bib``,
                      ``.ris``, ``.csl.json`` beside it
``studies/``          the studies by year (``studies/<year>/``)
``study/<id>/``       one study, with its BibTeX entry
``map/``              the evidence map, and the same as a table
``methods/``          how claims are rated
``search/``           search over claims, aliases and studies (Pagefind)
====================  ======================================================================

Drafts get no page; a withdrawn claim keeps its page (links to it keep working), marked
withdrawn and kept out of search engines, lists and the sitemap.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from claimtracker import chartframes, frames
from claimtracker.citations import bibtex_entry
from claimtracker.exports import claim_download, claim_review, is_reviewable
from claimtracker.models import (
    CERTAINTY_MEANINGS,
    FLAG_MEANINGS,
    RATING_MEANINGS,
    Claim,
    Status,
    Study,
)
from claimtracker.site.render import Output, Renderer
from claimtracker.site.summary import Summary

#: Claims drawn on the evidence map by default (the best-studied), as in the dashboard.
MAP_CLAIMS = 30
#: Up to this many studies, ``studies/`` lists them all; beyond, it lists the years.
STUDIES_ON_ONE_PAGE = 1000
EVIDENCE_COLUMNS = (
    "study_label", "name", "direction", "effect", "design", "n", "population", "garment",
    "blinding", "risk_of_bias", "integrity",
)  # fmt: skip
OUTCOME_COLUMNS = (
    "name",
    "domain",
    "measure",
    "direction",
    "effect",
    "timepoint",
    "reported",
)


@dataclass(frozen=True)
class Meta:
    """A page's title, description and addresses, for the head and for link previews."""

    title: str
    description: str
    canonical: str
    og_type: str = "website"
    noindex: bool = False


def describe(text: object, width: int = 160) -> str:
    """One line of at most ``width`` characters for a meta description."""
    return textwrap.shorten(" ".join(str(text or "").split()), width, placeholder="…")


def claim_path(claim_id: str) -> str:
    return f"claim/{claim_id}/"


def study_path(study_id: str) -> str:
    return f"study/{study_id}/"


def year_path(year: int) -> str:
    return f"studies/{year}/"


def figure_json(figure: Any) -> dict[str, Any]:
    """A plotly figure (or figure dictionary) as plain JSON for plotly.js, without the template
    (plotly.js draws the site's plain style)."""
    data: dict[str, Any] = (
        json.loads(figure.to_json()) if hasattr(figure, "to_json") else dict(figure)
    )
    layout = dict(data.get("layout") or {})
    layout.pop("template", None)
    for axis in (
        "xaxis",
        "yaxis",
    ):  # room for the tick labels (plotly's template did this)
        layout[axis] = {"automargin": True, **dict(layout.get(axis) or {})}
    return {"data": data.get("data", []), "layout": layout}


class Pages:
    """Renders and writes the pages; each method returns the paths it wrote."""

    def with_output(self, output: Output) -> Pages:
        """The same pages writing through another output (a worker process's)."""
        return Pages(self.renderer, output, self.summary)

    def __init__(self, renderer: Renderer, output: Output, summary: Summary) -> None:
        self.renderer = renderer
        self.settings = renderer.settings
        self.output = output
        self.summary = summary
        self._cited_by: dict[str, list[str]] | None = None

    # ------------------------------------------------------------------ helpers

    def has_claim_page(self, claim_id: str) -> bool:
        row = self.summary.claims.get(claim_id)
        return row is not None and row["status"] != Status.DRAFT.value

    def has_study_page(self, study_id: str) -> bool:
        row = self.summary.studies.get(study_id)
        return row is not None and row["status"] != Status.DRAFT.value

    def cited_by(self, study_id: str) -> list[str]:
        """Claims with a page whose evidence names this study, by id."""
        if self._cited_by is None:
            found: dict[str, set[str]] = {}
            for claim_id, linked in self.summary.links.items():
                for sid in linked:
                    found.setdefault(sid, set()).add(claim_id)
            self._cited_by = {s: sorted(c) for s, c in found.items()}
        return [c for c in self._cited_by.get(study_id, []) if self.has_claim_page(c)]

    def forget_links(self) -> None:
        """Call after the summary's links change (an incremental build updates them)."""
        self._cited_by = None

    def _page(self, template: str, path: str, meta: Meta, **context: Any) -> str:
        data = self.renderer.render(template, path, meta=meta, **context)
        file = path + "index.html" if path == "" or path.endswith("/") else path
        self.output.put(file, data)
        return file

    def _meta(self, title: str, description: str, path: str, **kw: Any) -> Meta:
        full = f"{title} | {self.settings.title}" if path else title
        return Meta(full, describe(description), self.settings.url(path), **kw)

    # ------------------------------------------------------------------ claim pages

    def claim(
        self,
        claim: Claim,
        studies: Mapping[str, Study],
        assessment: Any,
    ) -> list[str]:
        """A claim's page and its download files (none for drafts)."""
        if claim.status is Status.DRAFT:
            return []
        path = claim_path(claim.id)
        row = self.summary.claims[claim.id]
        verdict = claim.verdict
        publisher = self.settings.publisher
        written: list[str] = []
        downloads = []
        review = None
        if is_reviewable(claim):
            review = claim_review(claim, publisher)
            downloads.append(("ClaimReview (JSON-LD)", "claimreview"))
        downloads += [(k, k) for k in ("BibTeX", "RIS", "CSL-JSON")]
        files = []
        for name, kind in downloads:
            found = claim_download(kind.lower(), claim, studies, publisher)
            self.output.put(path + found.file_name, found.data)
            written.append(path + found.file_name)
            files.append((name, found.file_name, found.mime))
        rows = [
            {**r, "has_page": self.has_study_page(r["study"])}
            for r in self.summary.evidence.get(claim.id, [])
        ]
        forests = [
            {
                "heading": heading,
                "figure": figure_json(_forest_spec(part)),
                "table": chartframes.forest_table_rows(part),
            }
            for heading, part in chartframes.forest_row_groups(
                self.summary.evidence.get(claim.id, []), assessment
            )
        ]
        rating = verdict.rating.value if verdict else None
        title = (
            f"{claim.proposition.strip()}: {frames.label(rating)}"
            if rating
            else claim.proposition.strip()
        )
        description = (
            f"Our verdict: {frames.label(rating)} ({frames.label(verdict.certainty)} "
            f"certainty). {verdict.summary}"
            if verdict
            else claim.proposition
        )
        meta = self._meta(
            title,
            description,
            path,
            og_type="article",
            noindex=claim.status is not Status.PUBLISHED,
        )
        written.insert(
            0,
            self._page(
                "claim.html.j2",
                path,
                meta,
                claim=claim,
                row=row,
                dates=self.summary.dates.get(claim.id),
                assessment=assessment,
                evidence=rows,
                evidence_columns=EVIDENCE_COLUMNS,
                forests=forests,
                # Newest first; of two changes on one day, the one written later first
                # (frames.history_frame's order, as the dashboard shows it).
                history=sorted(
                    reversed(claim.history), key=lambda h: h.date, reverse=True
                ),
                review=review,
                files=files,
                meanings=_meanings(),
                terms=self._terms(claim, rows, assessment),
            ),
        )
        return written

    def _terms(
        self, claim: Claim, evidence: list[dict[str, Any]], assessment: Any
    ) -> list[Any]:
        """The glossary's terms that the claim page uses (its verdict, wording, evidence)."""
        glossary = self.renderer.glossary
        if glossary is None:
            return []
        verdict = claim.verdict
        texts = (
            [claim.proposition, *(f.value for f in verdict.flags)]
            if verdict
            else [claim.proposition]
        )
        if verdict is not None:
            texts += [verdict.summary, verdict.safe_wording or ""]
        texts += [str(getattr(assessment, "safe_sentence", "") or "")]
        for row in evidence:
            texts += [str(row["effect"] or ""), glossary.name(row["design"])]
            texts += [str(row["blinding"]), str(row["risk_of_bias"]).replace("-", " ")]
        return glossary.find(" \n ".join(texts))

    # ------------------------------------------------------------------ study pages

    def study(self, study: Study, outcomes: list[dict[str, Any]]) -> list[str]:
        """A study's page (none for drafts); its BibTeX entry is on the page."""
        if study.status is Status.DRAFT:
            return []
        path = study_path(study.id)
        row = self.summary.studies[study.id]
        claims = []
        for claim_id in self.cited_by(study.id):
            names = [
                r["name"]
                for r in self.summary.evidence.get(claim_id, [])
                if r["study"] == study.id
            ]
            claims.append({**self.summary.claims[claim_id], "outcome_names": names})
        includes = [
            {"id": sid, "label": self.summary.studies[sid]["label"]}
            for sid in study.includes
            if self.has_study_page(sid)
        ]
        meta = self._meta(
            f"{row['label']}: {study.title.strip()}",
            study.summary or study.title,
            path,
            og_type="article",
            noindex=study.status is not Status.PUBLISHED,
        )
        return [
            self._page(
                "study.html.j2",
                path,
                meta,
                study=study,
                row=row,
                outcomes=outcomes,
                claims=claims,
                includes=includes,
                bibtex=bibtex_entry(study),
            )
        ]

    # ------------------------------------------------------------------ lists

    def published_claims(self) -> list[dict[str, Any]]:
        return sorted(
            (r for r in self.summary.claims.values() if r["status"] == "published"),
            key=lambda r: (str(r["proposition"]).casefold(), r["id"]),
        )

    def listed_studies(self) -> list[dict[str, Any]]:
        return sorted(
            (r for r in self.summary.studies.values() if r["status"] != "draft"),
            key=lambda r: (str(r["label"]).casefold(), r["id"]),
        )


def _meanings() -> dict[str, Any]:
    return {
        "rating": {k.value: v for k, v in RATING_MEANINGS.items()},
        "certainty": {k.value: v for k, v in CERTAINTY_MEANINGS.items()},
        "flag": {k.value: v for k, v in FLAG_MEANINGS.items()},
    }


def _forest_spec(rows: list[dict[str, Any]]) -> dict[str, Any]:
    from claimtracker.dashboard.charts import forest_spec

    return forest_spec(rows)


def families(rows: Iterable[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Claim families, the best-studied first; in each, claims by studies, participants, id."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(str(row["group"]), []).append(row)
    for members in grouped.values():
        members.sort(
            key=lambda r: (-int(r["studies"]), -int(r["participants"]), r["id"])
        )
    return sorted(
        grouped.items(), key=lambda g: (-sum(int(r["studies"]) for r in g[1]), g[0])
    )


def latest(dates: Iterable[dt.date | None]) -> dt.date | None:
    found = [d for d in dates if d is not None]
    return max(found) if found else None
