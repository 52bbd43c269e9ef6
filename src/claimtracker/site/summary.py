"""The rows every list page is drawn from, kept between builds and updated record by record.

Each row comes from the library's frames (:mod:`claimtracker.frames`,
:mod:`claimtracker.chartframes`), the same tables the dashboard shows, turned into plain
dictionaries keyed by record id. Every row depends on a few records only:

- a claim's row (``claims_frame``), its evidence rows (``evidence_frame``) and its evidence
  map cells (``evidence_map_frame``): the claim, the studies it links to and the engine's
  assessment of it (which reads the same records);
- a study's row (``studies_frame``): the study and the claims that cite it.

So after a record changes, :meth:`Summary.update_claims` and :meth:`Summary.update_studies`
recompute just those rows with the same frame functions, called on the few records
concerned, and the result equals a summary built from the whole corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from claimtracker import chartframes, frames
from claimtracker.models import Claim, Status, Study

Row = dict[str, Any]

#: The columns of each frame the pages show (the summary keeps these only: it is read and
#: written on every build).
CLAIM_FIELDS = (
    "id", "proposition", "group", "status", "rating", "certainty", "flags", "flag_list",
    "studies", "participants", "populations", "garments", "drift",
)  # fmt: skip
EVIDENCE_FIELDS = (
    "claim", "study", "outcome", "study_label", "name", "note", "direction", "effect",
    "design", "n", "population", "garment", "blinding", "risk_of_bias", "integrity",
    "counted", "metric", "value", "ci_low", "ci_high", "unit", "year", "benefit_sign",
)  # fmt: skip
STUDY_FIELDS = (
    "id", "label", "title", "year", "design", "n", "population", "garment", "pressure",
    "risk_of_bias", "status", "claims",
)  # fmt: skip


@dataclass(frozen=True)
class ClaimDates:
    """When a claim's verdict was first published and last changed (the verdict history)."""

    published: dt.date | None
    modified: dt.date | None


@dataclass
class Summary:
    """Rows by record id, and the links between records that decide what a change touches."""

    claims: dict[str, Row] = field(default_factory=dict)
    studies: dict[str, Row] = field(default_factory=dict)
    evidence: dict[str, list[Row]] = field(default_factory=dict)
    cells: dict[str, list[Row]] = field(default_factory=dict)
    dates: dict[str, ClaimDates] = field(default_factory=dict)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Claim id -> the study ids its evidence names (resolving or not)."""
    includes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Study id -> the study ids it includes (a review's trials)."""

    # ------------------------------------------------------------------ who depends on whom

    def citing(self, study_ids: Iterable[str]) -> set[str]:
        """The claims whose evidence names any of these studies."""
        wanted = set(study_ids)
        return {c for c, linked in self.links.items() if wanted & set(linked)}

    def including(self, study_ids: Iterable[str]) -> set[str]:
        """The studies (reviews) that include any of these studies."""
        wanted = set(study_ids)
        return {s for s, inner in self.includes.items() if wanted & set(inner)}

    # ------------------------------------------------------------------ updates

    def update_claims(
        self,
        claims: Mapping[str, Claim],
        studies: Mapping[str, Study],
        assessments: Mapping[str, Any],
        removed: Iterable[str] = (),
    ) -> set[str]:
        """Recompute the rows of ``claims`` (with every study they link to in ``studies``);
        drop ``removed``. Returns the claims whose rows, cells, evidence or dates changed."""
        before = {c: self._claim_view(c) for c in [*removed, *claims]}
        for claim_id in before:
            self.claims.pop(claim_id, None)
            self.evidence.pop(claim_id, None)
            self.cells.pop(claim_id, None)
            self.dates.pop(claim_id, None)
            self.links.pop(claim_id, None)
        if claims:
            claim_table = frames.claims_frame(claims, studies, assessments)
            evidence = frames.evidence_frame(claims, studies)
            published = claim_table[claim_table["status"] == Status.PUBLISHED.value]
            cells = chartframes.evidence_map_frame(evidence, published)
            for row in _rows(claim_table, CLAIM_FIELDS):
                self.claims[row["id"]] = row
            for claim_id in claims:
                self.evidence[claim_id] = []
            for row in _rows(evidence, EVIDENCE_FIELDS):
                self.evidence[row["claim"]].append(row)
            for row in _rows(cells):
                self.cells.setdefault(row["claim"], []).append(row)
            for claim_id, claim in claims.items():
                self.dates[claim_id] = claim_dates(claim)
                self.links[claim_id] = tuple(link.study for link in claim.evidence)
        return {c for c, view in before.items() if view != self._claim_view(c)}

    def _claim_view(self, claim_id: str) -> tuple[Any, ...]:
        return (
            self.claims.get(claim_id),
            self.evidence.get(claim_id),
            self.cells.get(claim_id),
            self.dates.get(claim_id),
        )

    def update_studies(
        self,
        studies: Mapping[str, Study],
        citing: Mapping[str, Claim],
        removed: Iterable[str] = (),
    ) -> set[str]:
        """Recompute the rows of ``studies`` (``citing``: every claim that cites any of them).
        Returns the studies whose rows changed."""
        before = {s: self.studies.get(s) for s in [*removed, *studies]}
        for study_id in before:
            self.studies.pop(study_id, None)
            self.includes.pop(study_id, None)
        if studies:
            for row in _rows(frames.studies_frame(studies, citing), STUDY_FIELDS):
                self.studies[row["id"]] = row
            for study_id, study in studies.items():
                self.includes[study_id] = tuple(study.includes)
        return {s for s, row in before.items() if row != self.studies.get(s)}

    # ------------------------------------------------------------------ views

    def claim_frame(self, ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Claim rows as a frame in the dtypes of ``frames.claims_frame`` (all, or ``ids``)."""
        rows = [self.claims[i] for i in (sorted(self.claims) if ids is None else ids)]
        frame = pd.DataFrame(rows, columns=CLAIM_FIELDS)
        return frames.categorical(
            frame, {"rating": frames.RATING_DTYPE, "certainty": frames.CERTAINTY_DTYPE}
        )

    def cell_frame(self, claim_ids: Iterable[str]) -> pd.DataFrame:
        """Evidence map cells of these claims, in this order, as ``evidence_map_frame`` has them."""
        rows = [row for c in claim_ids for row in self.cells.get(c, ())]
        frame = pd.DataFrame(rows, columns=chartframes.MAP_COLUMNS)
        return frames.categorical(
            frame,
            {
                "domain": frames.DOMAIN_DTYPE,
                "direction": frames.DIRECTION_DTYPE,
                "rating": frames.RATING_DTYPE,
            },
        )


def claim_dates(claim: Claim) -> ClaimDates:
    """First and last date of the verdict history (with the last review), as ClaimReview has them."""
    dates = [h.date for h in claim.history]
    if claim.verdict is not None:
        return ClaimDates(
            min(dates or [claim.verdict.reviewed]),
            max([*dates, claim.verdict.reviewed]),
        )
    return ClaimDates(min(dates), max(dates)) if dates else ClaimDates(None, None)


def _rows(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> list[Row]:
    """Plain rows (only ``columns``, if given): categories as their text, pandas' missing
    values as None."""
    if columns is not None:
        frame = frame[list(columns)]
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{str(k): v for k, v in row.items()} for row in rows]


def build_summary(
    claims: Mapping[str, Claim],
    studies: Mapping[str, Study],
    assessments: Mapping[str, Any],
) -> Summary:
    """The summary of a whole corpus."""
    summary = Summary()
    summary.update_claims(claims, studies, assessments)
    summary.update_studies(studies, claims)
    return summary
