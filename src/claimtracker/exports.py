"""Publish-ready exports: the corpus as JSON, CSV tables, ClaimReview JSON-LD, and downloads.

Each output context has its own encoder (RELIABILITY.md 3.3 and 3.6):

- **CSV**: every text cell that begins with ``= + - @``, TAB or CR gets a leading ``'`` before
  the ``csv`` module quotes it, so no spreadsheet runs it as a formula. Numbers are written as
  numbers and are not guarded. ``raw=True`` turns the guard off for machine consumers.
- **JSON-LD file** (``.jsonld``): plain ``json.dumps``; nothing to escape outside HTML.
- **JSON-LD in HTML** (``<script type="application/ld+json">``): after ``json.dumps``, ``<``,
  ``>``, ``&``, U+2028 and U+2029 become ``\\uXXXX`` escapes. The body is still JSON that decodes
  to the same object, and no text in it can close the script or open a comment.

ClaimReview follows schema.org and Google's fact-check documentation (docs/exports.md): the
rating is the published editorial verdict on the documented 1-5 scale
(:data:`claimtracker.models.RATING_VALUES`), dates come from the verdict history.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from claimtracker.citations import evidence_studies, to_bibtex, to_csl_json, to_ris
from claimtracker.config import Config, PublisherSettings, SiteSettings
from claimtracker.models import (
    CERTAINTY_MEANINGS,
    RATING_VALUES,
    Certainty,
    Claim,
    ClaimantType,
    Flag,
    Rating,
    Status,
    Study,
)
from claimtracker.problems import ClaimtrackerError
from claimtracker.provenance import describe_source, study_sources

DEFAULT_BASE_URL: str = SiteSettings.model_fields["base_url"].default
DEFAULT_ORGANISATION: str = PublisherSettings.model_fields["name"].default
#: Environment variables that override ``claimtracker.toml`` (and are overridden by options).
PUBLISHER_ENV = {
    "base_url": "CLAIMTRACKER_BASE_URL",
    "organisation": "CLAIMTRACKER_ORGANISATION",
    "organisation_url": "CLAIMTRACKER_ORGANISATION_URL",
}
#: How claim pages are addressed: the dashboard's query string or the static site's path.
PERMALINKS = ("query", "path")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PERSON_CLAIMANTS = {
    ClaimantType.BLOG_AUTHOR,
    ClaimantType.COMMENTER,
    ClaimantType.JOURNALIST,
    ClaimantType.RESEARCHER,
}


class ExportError(ClaimtrackerError, ValueError):
    """An export that cannot be made as asked (an unknown claim, a base URL that is not http)."""


class AssessmentLike(Protocol):
    """What exports read from the engine's assessment (:class:`claimtracker.grading.Assessment`)."""

    @property
    def rating(self) -> Rating | None: ...
    @property
    def certainty(self) -> Certainty | None: ...
    @property
    def flags(self) -> Sequence[Flag]: ...
    @property
    def safe_sentence(self) -> str: ...


# --------------------------------------------------------------------------- JSON


def assessment_json(assessment: AssessmentLike | None) -> dict[str, Any] | None:
    """The engine's assessment as plain JSON: rating, certainty, flags, reasons, safe sentence."""
    if assessment is None:
        return None
    reasons = [
        {"text": r.text, "studies": list(getattr(r, "studies", []))}
        for r in getattr(assessment, "reasons", [])
    ]
    return {
        "rating": assessment.rating.value if assessment.rating else None,
        "certainty": assessment.certainty.value if assessment.certainty else None,
        "flags": [f.value for f in assessment.flags],
        "reasons": reasons,
        "safe_sentence": assessment.safe_sentence,
    }


def corpus_json(
    claims: Mapping[str, Claim],
    studies: Mapping[str, Study],
    assessments: Mapping[str, AssessmentLike] | None = None,
) -> dict[str, Any]:
    """Every claim and study as the library sees them, each claim with ``verdict`` and ``assessment``.

    ``verdict`` is the editorial verdict as published (null for drafts); ``assessment`` is the
    engine's (null when the engine has nothing to say, e.g. for history claims).
    """
    assessments = assessments or {}
    out_claims = []
    for claim_id in sorted(claims):
        data = claims[claim_id].model_dump(mode="json")
        data["assessment"] = assessment_json(assessments.get(claim_id))
        out_claims.append(data)
    return {
        "claims": out_claims,
        "studies": [studies[s].model_dump(mode="json") for s in sorted(studies)],
    }


def to_json(obj: Any) -> str:
    """Pretty, UTF-8 JSON text ending in a newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- CSV

Cell = str | int | float | bool | None


def guard_cell(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet could read as a formula (RELIABILITY.md 3.3)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(
    rows: Iterable[Mapping[str, Cell]], columns: Sequence[str], *, raw: bool = False
) -> str:
    """CSV text with a header row; text cells guarded unless ``raw``; numbers left as numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        out: list[str | int | float] = []
        for column in columns:
            value = row.get(column)
            if value is None:
                out.append("")
            elif isinstance(value, bool):
                out.append("true" if value else "false")
            elif isinstance(value, int | float):
                out.append(value)
            else:
                out.append(value if raw else guard_cell(value))
        writer.writerow(out)
    return buffer.getvalue()


CLAIM_COLUMNS = (
    "id", "status", "proposition", "family", "domain", "populations", "garments", "rating",
    "certainty", "flags", "verdict_summary", "safe_wording", "reviewed", "reviewer",
    "assessment_rating", "assessment_certainty", "assessment_flags", "studies", "evidence_links",
    "appearances", "rulings", "aliases",
)  # fmt: skip
STUDY_COLUMNS = (
    "id", "status", "title", "authors", "authors_truncated", "year", "journal", "volume", "issue",
    "pages", "doi", "pmid", "pmcid", "url", "design", "included_studies", "participants",
    "population", "sex", "garment", "pressure_mmhg", "worn", "comparator", "blinding",
    "risk_of_bias", "industry_funded", "funding", "integrity", "outcomes", "domains", "claims",
    "funding_basis", "figure_sources",
)  # fmt: skip


def claim_rows(
    claims: Mapping[str, Claim], assessments: Mapping[str, AssessmentLike] | None = None
) -> list[dict[str, Cell]]:
    """One plain row per claim (lists joined with '; ')."""
    assessments = assessments or {}
    rows: list[dict[str, Cell]] = []
    for claim_id in sorted(claims):
        c = claims[claim_id]
        v = c.verdict
        a = assessments.get(claim_id)
        rows.append(
            {
                "id": c.id,
                "status": c.status.value,
                "proposition": c.proposition,
                "family": c.group,
                "domain": c.domain.value,
                "populations": "; ".join(p.value for p in c.about.populations),
                "garments": "; ".join(g.value for g in c.about.garments),
                "rating": v.rating.value if v else None,
                "certainty": v.certainty.value if v else None,
                "flags": "; ".join(f.value for f in v.flags) if v else None,
                "verdict_summary": v.summary if v else None,
                "safe_wording": (v.safe_wording if v else None)
                or (a.safe_sentence if a else None),
                "reviewed": v.reviewed.isoformat() if v else None,
                "reviewer": v.reviewer if v else None,
                "assessment_rating": a.rating.value if a and a.rating else None,
                "assessment_certainty": a.certainty.value
                if a and a.certainty
                else None,
                "assessment_flags": "; ".join(f.value for f in a.flags) if a else None,
                "studies": len({e.study for e in c.evidence}),
                "evidence_links": len(c.evidence),
                "appearances": len(c.appearances),
                "rulings": len(c.rulings),
                "aliases": "; ".join(c.aliases),
            }
        )
    return rows


def study_rows(
    studies: Mapping[str, Study], claims: Mapping[str, Claim] | None = None
) -> list[dict[str, Cell]]:
    """One plain row per study, with the claims that cite it."""
    cited: dict[str, set[str]] = {}
    for claim in (claims or {}).values():
        for link in claim.evidence:
            cited.setdefault(link.study, set()).add(claim.id)
    rows: list[dict[str, Cell]] = []
    for study_id in sorted(studies):
        s = studies[study_id]
        pressure = s.garment.pressure_mmhg
        rows.append(
            {
                "id": s.id,
                "status": s.status.value,
                "title": s.title,
                "authors": "; ".join(s.authors),
                "authors_truncated": s.authors_truncated,
                "year": s.year,
                "journal": s.journal,
                "volume": s.volume,
                "issue": s.issue,
                "pages": s.pages,
                "doi": s.doi,
                "pmid": s.pmid,
                "pmcid": s.pmcid,
                "url": s.url,
                "design": s.design.value,
                "included_studies": s.included_studies,
                "participants": s.participants.n,
                "population": s.participants.population.value,
                "sex": s.participants.sex.value,
                "garment": s.garment.type.value,
                "pressure_mmhg": "-".join(f"{p:g}" for p in pressure)
                if pressure
                else None,
                "worn": s.garment.worn.value,
                "comparator": s.comparator.value,
                "blinding": s.blinding.value,
                "risk_of_bias": s.risk_of_bias.rating.value,
                "industry_funded": s.funding.industry,
                "funding": s.funding.source,
                "integrity": s.integrity.status.value,
                "outcomes": len(s.outcomes),
                "domains": "; ".join(sorted({o.domain.value for o in s.outcomes})),
                "claims": "; ".join(sorted(cited.get(s.id, ()))),
                "funding_basis": s.funding.basis.value if s.funding.basis else None,
                "figure_sources": "; ".join(
                    describe_source(src) for src in study_sources(s)
                )
                or None,
            }
        )
    return rows


# --------------------------------------------------------------------------- ClaimReview


@dataclass(frozen=True)
class Publisher:
    """Who publishes the fact checks, and where the claim pages live."""

    base_url: str = DEFAULT_BASE_URL
    organisation: str = DEFAULT_ORGANISATION
    organisation_url: str | None = None
    permalinks: str = "query"
    """``query``: claim pages are the dashboard's ``{base}/?claim={id}``; ``path``: the static
    site's ``{base}/claim/{id}/`` (``claimtracker site build``)."""

    def __post_init__(self) -> None:
        for name in ("base_url", "organisation_url"):
            value = getattr(self, name)
            if value is not None and not re.fullmatch(r"https?://[^\s<>\"]+", value):
                raise ExportError(f"{name} must be an http(s) URL, got '{value}'")
        if self.permalinks not in PERMALINKS:
            raise ExportError(
                f"permalinks must be one of {', '.join(PERMALINKS)}, got '{self.permalinks}'"
            )

    @classmethod
    def from_config(
        cls, config: Config, environ: Mapping[str, str] | None = None
    ) -> Publisher:
        """The project's settings (``[site] base_url``, ``[publisher] name`` and ``url`` in
        ``claimtracker.toml``), each overridden by its variable in :data:`PUBLISHER_ENV`
        when that is set and not empty."""
        env = os.environ if environ is None else environ
        return cls(
            base_url=env.get(PUBLISHER_ENV["base_url"]) or config.site.base_url,
            organisation=env.get(PUBLISHER_ENV["organisation"])
            or config.publisher.name,
            organisation_url=env.get(PUBLISHER_ENV["organisation_url"])
            or config.publisher.url,
        )

    def claim_url(self, claim_id: str) -> str:
        """The permalink of a claim page: ``{base}/?claim={id}``, or ``{base}/claim/{id}/``."""
        if self.permalinks == "path":
            return f"{self.base_url.rstrip('/')}/claim/{claim_id}/"
        return f"{self.base_url.rstrip('/')}/?claim={claim_id}"


def is_reviewable(claim: Claim) -> bool:
    """Published claims with a verdict get a ClaimReview; drafts and withdrawn ones do not."""
    return claim.status is Status.PUBLISHED and claim.verdict is not None


def _claimant(name: str, kind: ClaimantType) -> dict[str, str]:
    return {
        "@type": "Person" if kind in _PERSON_CLAIMANTS else "Organization",
        "name": name,
    }


def claim_review(claim: Claim, publisher: Publisher | None = None) -> dict[str, Any]:
    """The ClaimReview JSON-LD object for one published claim."""
    publisher = publisher or Publisher()
    verdict = claim.verdict
    if verdict is None or not is_reviewable(claim):
        raise ExportError(
            f"claim '{claim.id}' is not published with a verdict; there is nothing to review"
        )
    dates = [h.date for h in claim.history] or [verdict.reviewed]
    explanation = f"{verdict.summary.strip()} Certainty of the evidence (GRADE): {verdict.certainty.value}"
    explanation += f", {CERTAINTY_MEANINGS[verdict.certainty]}."
    if verdict.flags:
        explanation += " Caveats: " + ", ".join(f.value for f in verdict.flags) + "."
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.appearances:
        first = claim.appearances[0]
        item["author"] = _claimant(first.claimant, first.claimant_type)
        works = []
        for appearance in claim.appearances:
            if appearance.url:
                work: dict[str, Any] = {"@type": "CreativeWork", "url": appearance.url}
                work["author"] = _claimant(
                    appearance.claimant, appearance.claimant_type
                )
                works.append(work)
        if works:
            item["appearance"] = works
    author: dict[str, Any] = {"@type": "Organization", "name": publisher.organisation}
    if publisher.organisation_url:
        author["url"] = publisher.organisation_url
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": publisher.claim_url(claim.id),
        "claimReviewed": claim.proposition.strip(),
        "itemReviewed": item,
        "author": author,
        "datePublished": min(dates).isoformat(),
        "dateModified": max([*dates, verdict.reviewed]).isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[verdict.rating],
            "bestRating": max(RATING_VALUES.values()),
            "worstRating": min(RATING_VALUES.values()),
            "alternateName": verdict.rating.value,
            "name": verdict.rating.value,
            "ratingExplanation": explanation,
        },
    }


def jsonld_text(obj: Any) -> str:
    """A standalone ``.jsonld`` document (no HTML escaping needed or done)."""
    return to_json(obj)


_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_body(obj: Any) -> str:
    """JSON for inside ``<script type="application/ld+json">``: ``< > &`` U+2028 U+2029 escaped."""
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


def jsonld_script(obj: Any) -> str:
    """An HTML snippet safe to paste into a page: one JSON-LD script element."""
    return f'<script type="application/ld+json">\n{script_body(obj)}\n</script>\n'


# --------------------------------------------------------------------------- downloads


class Download(NamedTuple):
    """A file to offer for download: ``st.download_button(label, **download._asdict())``."""

    data: bytes
    file_name: str
    mime: str


CLAIM_DOWNLOADS: dict[str, str] = {
    "claimreview": "ClaimReview JSON-LD",
    "claimreview-html": "ClaimReview HTML snippet",
    "bibtex": "BibTeX",
    "ris": "RIS",
    "csl-json": "CSL-JSON",
}


def claim_download(
    kind: str,
    claim: Claim,
    studies: Mapping[str, Study],
    publisher: Publisher | None = None,
) -> Download:
    """One export of one claim, ready for a download button (kinds: :data:`CLAIM_DOWNLOADS`)."""
    cited = evidence_studies(claim, studies)
    if kind == "claimreview":
        return Download(
            jsonld_text(claim_review(claim, publisher)).encode(),
            f"{claim.id}.jsonld",
            "application/ld+json",
        )
    if kind == "claimreview-html":
        return Download(
            jsonld_script(claim_review(claim, publisher)).encode(),
            f"{claim.id}.html",
            "text/html",
        )
    if kind == "bibtex":
        return Download(
            to_bibtex(cited).encode(), f"{claim.id}.bib", "application/x-bibtex"
        )
    if kind == "ris":
        return Download(
            to_ris(cited).encode(),
            f"{claim.id}.ris",
            "application/x-research-info-systems",
        )
    if kind == "csl-json":
        return Download(
            to_csl_json(cited).encode(),
            f"{claim.id}.csl.json",
            "application/vnd.citationstyles.csl+json",
        )
    raise ExportError(
        f"unknown export '{kind}'; expected one of {', '.join(CLAIM_DOWNLOADS)}"
    )


def table_download(
    table: str,
    claims: Mapping[str, Claim],
    studies: Mapping[str, Study],
    assessments: Mapping[str, AssessmentLike] | None = None,
) -> Download:
    """The claims or studies table as a guarded CSV download."""
    if table == "claims":
        text = to_csv(claim_rows(claims, assessments), CLAIM_COLUMNS)
    elif table == "studies":
        text = to_csv(study_rows(studies, claims), STUDY_COLUMNS)
    else:
        raise ExportError(f"unknown table '{table}'; expected claims or studies")
    return Download(text.encode(), f"{table}.csv", "text/csv")
