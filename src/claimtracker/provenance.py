"""Where each number came from: the rules that ask for it, and the words that show it.

Every outcome of a published study that carries figures (``reported``, ``effect`` or
``arms``) names the page they were read on (``Outcome.source``: kind, url, locator), and
funding facts say whether they come from the paper or from catalogue metadata only
(``Funding.basis``). Two warnings ask for them: ``number-without-source`` and
``funding-without-basis``. The dashboard's study page and the citation exports describe a
source with :func:`describe_source` and funding with :func:`describe_funding`, so both say
the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from claimtracker.models import (
    SOURCE_KIND_MEANINGS,
    Funding,
    Outcome,
    Provenance,
    SourceKind,
    Status,
    Study,
)
from claimtracker.problems import Problem

#: Builds a problem at a field of a file: (code, path, loc, message, hint).
At = Callable[..., Problem]

#: Short labels for each kind of source, for tables and citations.
SOURCE_KIND_LABELS: dict[SourceKind, str] = {
    SourceKind.ABSTRACT: "abstract",
    SourceKind.FULL_TEXT: "full text",
    SourceKind.COCHRANE_SUMMARY: "Cochrane summary",
    SourceKind.REVIEW: "as reported by a review",
    SourceKind.REGISTRY: "trial registry",
    SourceKind.METADATA: "catalogue metadata only",
}


def needs_sources(study: Study) -> bool:
    """Published studies must say where their numbers came from; drafts may not yet."""
    return study.status is Status.PUBLISHED


def unsourced(study: Study) -> list[tuple[int, Outcome]]:
    """The outcomes (with their index) that carry figures but name no source."""
    return [
        (i, o)
        for i, o in enumerate(study.outcomes)
        if o.has_numbers and o.source is None
    ]


def _has_funding_facts(funding: Funding) -> bool:
    return (
        funding.source is not None
        or funding.industry is not None
        or funding.conflicts is not None
    )


def check_provenance(
    studies: Iterable[Study], at: At, path_of: Callable[[str], str]
) -> Iterator[Problem]:
    """``number-without-source`` and ``funding-without-basis`` for published studies."""
    for study in studies:
        if not needs_sources(study):
            continue
        path = path_of(study.id)
        for i, outcome in unsourced(study):
            what = ", ".join(
                name
                for name, value in (
                    ("reported", outcome.reported),
                    ("effect", outcome.effect),
                    ("arms", outcome.arms),
                )
                if value is not None
            )
            yield at(
                "number-without-source",
                path,
                ("outcomes", i),
                f"outcome '{outcome.key}' has figures ({what}) but no source",
                "add source: with kind (abstract, full-text, cochrane-summary, review, "
                "registry or metadata) and the url the figures were read on; if their "
                "origin cannot be established, say so in notes rather than guess",
            )
        if _has_funding_facts(study.funding) and study.funding.basis is None:
            yield at(
                "funding-without-basis",
                path,
                ("funding",),
                "funding facts do not say whether they come from the paper or from "
                "catalogue metadata only",
                "add basis: paper (read in the paper's funding or conflicts statement) "
                "or basis: metadata (seen only on a catalogue record)",
            )


def describe_source(source: Provenance) -> str:
    """``abstract, Table 2: https://...`` for one outcome's source."""
    where = f", {source.locator}" if source.locator else ""
    return f"{SOURCE_KIND_LABELS[source.kind]}{where}: {source.url}"


def source_meaning(kind: SourceKind) -> str:
    """What a kind of source means, in a few words."""
    return SOURCE_KIND_MEANINGS[kind]


def describe_funding(funding: Funding) -> str | None:
    """Funding and conflicts in one line, with their basis; None when nothing is recorded.

    Facts from catalogue metadata only are said to be so, never stated as the paper's."""
    parts = []
    if funding.source:
        parts.append(f"funding: {funding.source}")
    if funding.conflicts:
        parts.append(f"conflicts: {funding.conflicts}")
    if not parts and funding.industry is None:
        return None
    if not parts:
        parts.append(
            "tied to a garment maker" if funding.industry else "no garment-maker ties"
        )
    text = "; ".join(parts)
    if funding.from_metadata_only:
        return f"{text} (from catalogue metadata only; not confirmed in the paper)"
    if funding.basis is None:
        return f"{text} (basis not recorded)"
    return f"{text} (as stated in the paper)"


def funded_ids(studies: Iterable[Study]) -> str:
    """Study ids for a funding reason, each marked when its funding comes from catalogue
    metadata only: ``engel-2016 (funding from catalogue metadata only), kerherve-2017``."""
    return ", ".join(
        f"{s.id} (funding from catalogue metadata only)"
        if s.funding.from_metadata_only
        else s.id
        for s in studies
    )
