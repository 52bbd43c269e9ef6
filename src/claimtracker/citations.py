"""Citations of the studies behind a claim: short form, BibTeX, RIS and CSL-JSON.

Only facts the study records hold are written; nothing is guessed. A study with no DOI has no
DOI field, an author list cut short says so (``and others`` in BibTeX, a note elsewhere), and a
retracted study or one under an expression of concern carries a note saying so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import rispy

from claimtracker.models import Claim, Integrity, Study

_INTEGRITY_NOTES = {
    Integrity.RETRACTED: "Retracted",
    Integrity.CORRECTED: "Corrected",
    Integrity.EXPRESSION_OF_CONCERN: "Expression of concern",
}


def evidence_studies(claim: Claim, studies: Mapping[str, Study]) -> list[Study]:
    """The studies a claim's evidence links to, in the order first linked, each once."""
    seen: dict[str, Study] = {}
    for link in claim.evidence:
        study = studies.get(link.study)
        if study is not None and study.id not in seen:
            seen[study.id] = study
    return list(seen.values())


def _surname(author: str) -> str:
    return author.split(",", 1)[0].strip()


def short_author(study: Study) -> str | None:
    """'Engel', 'Engel & Sperlich' or 'Engel et al.'; None when the record names no author."""
    names = [_surname(a) for a in study.authors]
    if not names:
        return None
    if len(names) == 1 and not study.authors_truncated:
        return names[0]
    if len(names) == 2 and not study.authors_truncated:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def short_citation(study: Study) -> dict[str, Any]:
    """The short citation a writer needs: id, author, year, title, DOI (null when unknown)."""
    return {
        "id": study.id,
        "author": short_author(study),
        "year": study.year,
        "title": _one_line(study.title),
        "doi": study.doi,
    }


def format_short_citation(citation: Mapping[str, Any]) -> str:
    """One line of text: ``Engel et al. (2016). Title. doi:10.1007/...``."""
    title = str(citation["title"]).strip()
    if not title.endswith((".", "?", "!")):
        title += "."
    who = citation.get("author")
    # Without authors the title leads (APA's rule), never the record's id.
    text = (
        f"{who} ({citation['year']}). {title}"
        if who
        else f"{title} ({citation['year']})."
    )
    if citation.get("doi"):
        text += f" doi:{citation['doi']}"
    return text


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _note(study: Study) -> str | None:
    notes = []
    if study.authors_truncated:
        notes.append("Author list incomplete in our record")
    status = _INTEGRITY_NOTES.get(study.integrity.status)
    if status:
        notes.append(
            status
            + (f" ({study.integrity.date.isoformat()})" if study.integrity.date else "")
        )
    return "; ".join(notes) or None


# --------------------------------------------------------------------------- BibTeX

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """Escape TeX's special characters; other Unicode stays as it is (UTF-8 output)."""
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in _one_line(text))


def _bibtex_name(author: str) -> str:
    # A name without 'Surname, Initials' (a group author) is braced so BibTeX keeps it whole.
    if "," in author and " and " not in author:
        return bibtex_escape(author)
    return "{" + bibtex_escape(author) + "}"


def bibtex_entry(study: Study) -> str:
    """One ``@article`` (or ``@misc`` when there is no journal) entry keyed by the study id."""
    fields: list[tuple[str, str]] = []
    if study.authors:
        names = [_bibtex_name(a) for a in study.authors]
        if study.authors_truncated:
            names.append("others")
        fields.append(("author", " and ".join(names)))
    fields.append(("title", bibtex_escape(study.title)))
    if study.journal:
        fields.append(("journal", bibtex_escape(study.journal)))
    fields.append(("year", str(study.year)))
    for name, value in (("volume", study.volume), ("number", study.issue)):
        if value:
            fields.append((name, bibtex_escape(value)))
    if study.pages:
        fields.append(
            (
                "pages",
                bibtex_escape(re.sub(r"(?<=\d)\s*[-–]\s*(?=\d)", "--", study.pages)),
            )
        )
    for name, value in (
        ("doi", study.doi),
        ("pmid", study.pmid),
        ("pmcid", study.pmcid),
        ("url", study.url),
    ):
        if value:
            fields.append((name, bibtex_escape(value)))
    note = _note(study)
    if note:
        fields.append(("note", bibtex_escape(note)))
    kind = "article" if study.journal else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{study.id},\n{body}\n}}\n"


def to_bibtex(studies: Iterable[Study]) -> str:
    """A BibTeX file (UTF-8) of the studies."""
    return "\n".join(bibtex_entry(s) for s in studies)


# --------------------------------------------------------------------------- RIS


def ris_record(study: Study) -> dict[str, Any]:
    """The study as a ``rispy`` record (tag names as rispy's keys)."""
    record: dict[str, Any] = {
        "type_of_reference": "JOUR" if study.journal else "GEN",
        "id": study.id,
    }
    if study.authors:
        record["authors"] = [_one_line(a) for a in study.authors]
    record["title"] = _one_line(study.title)
    if study.journal:
        record["journal_name"] = _one_line(study.journal)
    record["year"] = str(study.year)
    if study.volume:
        record["volume"] = _one_line(study.volume)
    if study.issue:
        record["number"] = _one_line(study.issue)
    if study.pages:
        first, _, last = _one_line(study.pages).partition("-")
        record["start_page"] = first.strip()
        if last.strip():
            record["end_page"] = last.strip()
    if study.doi:
        record["doi"] = study.doi
    if study.url:
        record["urls"] = [study.url]
    note = _note(study)
    if note:
        record["notes"] = [note]
    return record


def to_ris(studies: Iterable[Study]) -> str:
    """An RIS file of the studies."""
    records = [ris_record(s) for s in studies]
    return rispy.dumps(records) if records else ""


# --------------------------------------------------------------------------- CSL-JSON


def _csl_name(author: str) -> dict[str, str]:
    family, sep, given = author.partition(",")
    if not sep:
        return {"literal": _one_line(author)}
    name = {"family": family.strip()}
    if given.strip():
        name["given"] = given.strip()
    return name


def csl_item(study: Study) -> dict[str, Any]:
    """The study as a CSL-JSON item (the format Zotero, Pandoc and citeproc read)."""
    item: dict[str, Any] = {
        "id": study.id,
        "type": "article-journal" if study.journal else "article",
        "title": _one_line(study.title),
        "issued": {"date-parts": [[study.year]]},
    }
    if study.authors:
        item["author"] = [_csl_name(a) for a in study.authors]
    for key, value in (
        ("container-title", study.journal),
        ("volume", study.volume),
        ("issue", study.issue),
        ("page", study.pages),
        ("DOI", study.doi),
        ("PMID", study.pmid),
        ("PMCID", study.pmcid),
        ("URL", study.url),
    ):
        if value:
            item[key] = _one_line(value)
    note = _note(study)
    if note:
        item["note"] = note
    return item


def to_csl_json(studies: Iterable[Study]) -> str:
    """A CSL-JSON file (a JSON array of items) of the studies."""
    return (
        json.dumps([csl_item(s) for s in studies], ensure_ascii=False, indent=2) + "\n"
    )
