"""Draft study records from BibTeX, RIS and Crossref (DOI look-up).

Nothing disappears on import: every input entry ends up in the report as *imported*,
*rejected* (with its line and the reason) or *duplicate* (its DOI is already in studies/
or earlier in the same file), and ``total == imported + rejected + duplicates``.

The files and Crossref answers are read by :mod:`claimtracker.references`, which reports
every entry it cannot read (with its line) instead of dropping it as the parsers would.

An imported study is a *draft*: the bibliographic fields are filled in, and the fields a
citation cannot tell (design unless the title says it, participants, garment, comparator,
blinding, outcomes) hold placeholders listed in its ``notes`` for the editor to complete.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from claimtracker.auth import Actor
from claimtracker.files import read_regular
from claimtracker.models import DOI_PATTERN, Design, Status, Study
from claimtracker.references import (
    Citation,
    Unread,
    ascii_slug,
    normalise_doi,
    split_name,
)
from claimtracker.saving import (
    Conflict,
    InvalidRecord,
    SaveError,
    check_record,
    save_record,
)
from claimtracker.store import MAX_BYTES as STORE_MAX_BYTES

_PLACEHOLDERS = "participants, garment, comparator, blinding and outcomes"


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class ImportItem:
    line: int
    key: str
    status: ImportStatus
    reason: str = ""
    record_id: str | None = None
    study: Study | None = None


@dataclass
class ImportReport:
    source: str
    items: list[ImportItem] = field(default_factory=list)

    def count(self, status: ImportStatus) -> int:
        return sum(1 for item in self.items if item.status is status)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def reconciles(self) -> bool:
        return self.total == sum(self.count(s) for s in ImportStatus)

    def summary(self) -> str:
        imported, rejected, duplicates = (self.count(s) for s in ImportStatus)
        return (
            f"{self.source}: {self.total} entries: {imported} imported, "
            f"{rejected} rejected, {duplicates} duplicates"
        )


# --------------------------------------------------------------------------- drafts


def guess_design(title: str) -> Design | None:
    """The design when the title names it; None otherwise (then the editor sets it)."""
    lowered = title.lower()
    rules = [
        ("meta-analy", Design.META_ANALYSIS),
        ("metaanaly", Design.META_ANALYSIS),
        ("systematic review", Design.SYSTEMATIC_REVIEW),
        ("scoping review", Design.SCOPING_REVIEW),
        ("crossover", Design.RCT_CROSSOVER),
        ("cross-over", Design.RCT_CROSSOVER),
        ("randomised", Design.RCT_PARALLEL),
        ("randomized", Design.RCT_PARALLEL),
        ("review", Design.NARRATIVE_REVIEW),
    ]
    return next((design for word, design in rules if word in lowered), None)


def study_id(citation: Citation, taken: set[str]) -> str:
    """First author's surname and year, with b, c ... on a collision."""
    surname = ascii_slug(split_name(citation.authors[0])[0]) if citation.authors else ""
    base = f"{surname or ascii_slug(citation.title or 'study')[:30].strip('-') or 'study'}-{citation.year}"
    for suffix in ["", *"bcdefghijklmnopqrstuvwxyz"]:
        if f"{base}{suffix}" not in taken:
            return f"{base}{suffix}"
    raise ValueError(f"too many studies with the id {base}")


def draft_study(
    citation: Citation, record_id: str, source: str, today: dt.date | None = None
) -> Study:
    """A draft study from a citation (raises ValueError with a reason)."""
    if not citation.title:
        raise ValueError("it has no title")
    if not citation.year or not re.fullmatch(r"\d{4}", citation.year):
        raise ValueError(f"it has no four-digit year (got {citation.year!r})")
    if citation.doi is not None and not re.fullmatch(DOI_PATTERN, citation.doi):
        raise ValueError(f"'{citation.doi}' is not a DOI (10.NNNN/...)")
    guessed = guess_design(citation.title)
    todo = _PLACEHOLDERS if guessed else f"design, {_PLACEHOLDERS}"
    day = (today or dt.date.today()).isoformat()
    data: dict[str, Any] = {
        "id": record_id,
        "status": Status.DRAFT,
        "title": citation.title,
        "authors": list(citation.authors),
        "authors_truncated": citation.truncated,
        "year": int(citation.year),
        "journal": citation.journal,
        "volume": citation.volume,
        "issue": citation.issue,
        "pages": citation.pages,
        "doi": citation.doi,
        "pmid": citation.pmid if citation.pmid and citation.pmid.isdigit() else None,
        "url": citation.url
        if citation.url and re.match(r"^https?://\S+$", citation.url)
        else None,
        "design": guessed or Design.OBSERVATIONAL,
        "participants": {"population": "mixed"},
        "garment": {"type": "other"},
        "comparator": "not-reported",
        "blinding": "not-reported",
        "notes": f"Imported from {source} (line {citation.line}, '{citation.key}') on {day}. "
        f"Placeholders to complete before publishing: {todo}.",
    }
    try:
        return Study.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ValueError(f"{where}: {first['msg']}") from err


def existing_studies(root: Path) -> tuple[set[str], dict[str, str]]:
    """Ids in studies/ and their DOIs (case-folded), read leniently so broken files count too."""
    ids: set[str] = set()
    dois: dict[str, str] = {}
    for path in sorted((Path(root) / "studies").glob("*.yaml")):
        ids.add(path.stem)
        try:
            data = yaml.safe_load(read_regular(path, STORE_MAX_BYTES).decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError, OSError):
            continue
        doi = (
            normalise_doi(data.get("doi"))
            if isinstance(data, dict) and isinstance(data.get("doi"), str)
            else None
        )
        if doi:
            dois.setdefault(doi.casefold(), path.stem)
    return ids, dois


def plan_import(
    root: Path,
    citations: Iterable[Citation],
    unread: Iterable[Unread],
    source: str,
) -> ImportReport:
    """What importing these citations would do (unread entries are rejections); writes nothing.

    Each draft goes through the checks a save applies (:func:`saving.check_record`), so a dry
    run reports as rejected what the save would refuse."""
    ids, in_store = existing_studies(root)
    in_batch: dict[str, str] = {}
    report = ImportReport(
        source,
        [ImportItem(u.line, u.key, ImportStatus.REJECTED, u.reason) for u in unread],
    )
    for citation in citations:
        doi_key = citation.doi.casefold() if citation.doi else None
        if doi_key and (doi_key in in_store or doi_key in in_batch):
            where = in_store.get(doi_key) or in_batch[doi_key]
            reason = (
                f"DOI {citation.doi} is already in studies/{where}.yaml"
                if doi_key in in_store
                else f"DOI {citation.doi} was already imported above as {where}"
            )
            report.items.append(
                ImportItem(
                    citation.line, citation.key, ImportStatus.DUPLICATE, reason, where
                )
            )
            continue
        record_id = study_id(citation, ids)
        try:
            study = draft_study(citation, record_id, source)
            check_record("studies", study)  # what the save will check, in a dry run too
        except (ValueError, InvalidRecord) as err:
            report.items.append(
                ImportItem(citation.line, citation.key, ImportStatus.REJECTED, str(err))
            )
            continue
        ids.add(record_id)
        if doi_key:
            in_batch[doi_key] = record_id
        report.items.append(
            ImportItem(
                citation.line, citation.key, ImportStatus.IMPORTED, "", record_id, study
            )
        )
    report.items.sort(key=lambda item: item.line)
    return report


def run_import(root: Path, report: ImportReport, actor: Actor) -> ImportReport:
    """Write the planned drafts through the one save path; returns the report as done.

    A draft whose id was taken in the meantime, or that the store refuses, becomes a
    rejection with the reason, so the counts still add up.
    """
    done = ImportReport(report.source)
    for item in report.items:
        if item.status is ImportStatus.IMPORTED and item.study is not None:
            try:
                save_record(
                    root,
                    "studies",
                    item.study,
                    base_sha256=None,
                    actor=actor,
                    reason=f"import from {report.source} line {item.line}",
                    action="import",
                )
            except Conflict:
                item = replace(
                    item,
                    status=ImportStatus.REJECTED,
                    reason=f"studies/{item.record_id}.yaml appeared meanwhile; import again",
                )
            except SaveError as err:
                item = replace(item, status=ImportStatus.REJECTED, reason=str(err))
        done.items.append(item)
    return done
