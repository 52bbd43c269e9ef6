"""The editors' review queue, and importing studies from BibTeX, RIS or a DOI.

Review queue (address ``review``): claims whose verdict drifted from the engine's assessment,
records citing retracted studies, claims without evidence, studies no claim cites, studies
without a DOI, and drafts; every item links to its form.

Import (address ``import``): upload a ``.bib`` or ``.ris`` file or look up a DOI; the page
lists every entry as imported, rejected (line and reason) or duplicate before anything is
written, then creates draft studies through the audited save path.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from claimtracker.auth import current_editor
from claimtracker.dashboard.data import Library, data_root, load_library
from claimtracker.dashboard.editor import (
    EDIT_CLAIM,
    EDIT_STUDY,
    auth_config,
    require_editor,
    signed_in,
)
from claimtracker.dashboard.routing import link_to
from claimtracker.dashboard.text import md
from claimtracker.frames import label
from claimtracker.imports import ImportReport, ImportStatus, plan_import, run_import
from claimtracker.models import Status
from claimtracker.references import ImportFailed, lookup_doi, read_import_text

Item = tuple[str, str, str]  # (kind, id, why)


def drifted(library: Library) -> list[Item]:
    items = []
    for claim in library.claims.values():
        result = library.assessment(claim.id)
        rating = getattr(result, "rating", None)
        if claim.verdict is None or rating is None:
            continue
        certainty = getattr(result, "certainty", None)
        if (claim.verdict.rating, claim.verdict.certainty) != (rating, certainty):
            engine = (
                f"{label(rating.value)}, {label(certainty.value) if certainty else '?'}"
            )
            ours = f"{label(claim.verdict.rating.value)}, {label(claim.verdict.certainty.value)}"
            items.append(
                ("claims", claim.id, f"verdict {ours}; the engine says {engine}")
            )
    return sorted(items)


def citing_retracted(library: Library) -> list[Item]:
    retracted = {s.id for s in library.studies.values() if s.is_retracted}
    items = []
    for claim in library.claims.values():
        cited = sorted({e.study for e in claim.evidence} & retracted)
        if cited:
            items.append(("claims", claim.id, "cites retracted " + ", ".join(cited)))
    for study in library.studies.values():
        included = sorted(set(study.includes) & retracted)
        if included:
            items.append(
                ("studies", study.id, "includes retracted " + ", ".join(included))
            )
    return sorted(items)


def without_evidence(library: Library) -> list[Item]:
    return sorted(
        (
            "claims",
            c.id,
            f"{label(c.domain.value)} claim, {c.status.value}, no evidence linked",
        )
        for c in library.claims.values()
        if not c.evidence and c.status is not Status.WITHDRAWN
    )


def orphans(library: Library) -> list[Item]:
    cited = {e.study for c in library.claims.values() for e in c.evidence}
    cited |= {i for s in library.studies.values() for i in s.includes}
    return sorted(
        ("studies", s.id, "no claim cites it")
        for s in library.studies.values()
        if s.id not in cited
    )


def without_doi(library: Library) -> list[Item]:
    return sorted(
        ("studies", s.id, s.title[:90])
        for s in library.studies.values()
        if s.doi is None
    )


def drafts(library: Library) -> list[Item]:
    claims = [
        ("claims", c.id) for c in library.claims.values() if c.status is Status.DRAFT
    ]
    studies = [
        ("studies", s.id) for s in library.studies.values() if s.status is Status.DRAFT
    ]
    return sorted(
        (kind, record_id, "draft: complete and publish")
        for kind, record_id in claims + studies
    )


QUEUES: list[tuple[str, Callable[[Library], list[Item]]]] = [
    ("Verdicts that drifted from the assessment", drifted),
    ("Records citing retracted studies", citing_retracted),
    ("Claims without evidence", without_evidence),
    ("Studies no claim cites", orphans),
    ("Studies without a DOI", without_doi),
    ("Drafts", drafts),
]


def _link(kind: str, record_id: str, why: str) -> None:
    page, param = (EDIT_CLAIM, "claim") if kind == "claims" else (EDIT_STUDY, "study")
    link_to(
        page, f"{md(record_id)}: {md(why)}", {param: record_id}, icon=":material/edit:"
    )


def render_review() -> None:
    """Everything waiting for an editor, each item linking to its form."""
    if require_editor() is None:
        return
    st.title("Review queue")
    library = load_library()
    for title, queue in QUEUES:
        items = queue(library)
        with st.expander(
            f"{title} ({len(items)})", expanded=bool(items) and len(items) <= 12
        ):
            if not items:
                st.caption("Nothing here.")
            for kind, record_id, why in items:
                _link(kind, record_id, why)


# --------------------------------------------------------------------------- import


def _show_report(report: ImportReport, done: bool) -> None:
    rows = [
        {
            "line": item.line,
            "entry": item.key,
            "result": item.status.value,
            "record": f"studies/{item.record_id}.yaml" if item.record_id else "",
            "reason": item.reason,
        }
        for item in report.items
    ]
    st.markdown(
        f"**{md(report.summary())}**" + ("" if done else " (nothing written yet)")
    )
    if rows:
        st.table(rows)
    if done:
        for item in report.items:
            if item.status is ImportStatus.IMPORTED and item.record_id:
                link_to(
                    EDIT_STUDY,
                    f"Complete {md(item.record_id)}",
                    {"study": item.record_id},
                    icon=":material/edit:",
                )


def render_import() -> None:
    """Upload BibTeX or RIS, or look up a DOI; preview every entry, then create drafts."""
    if require_editor() is None:
        return
    st.title("Import studies")
    root = data_root()
    done = st.session_state.get("ct_import_done")
    if isinstance(done, ImportReport):
        st.success("Imported.", icon=":material/check_circle:")
        _show_report(done, True)
        if st.button("Import more"):
            del st.session_state["ct_import_done"]
            st.rerun()
        return
    upload = st.file_uploader(
        "A BibTeX (.bib) or RIS (.ris) file", type=["bib", "ris"], key="ct_import_file"
    )
    doi = st.text_input("…or a DOI to look up at Crossref", key="ct_import_doi").strip()
    try:
        if upload is not None:
            citations, rejected = read_import_text(upload.getvalue(), upload.name)
            report = plan_import(root, citations, rejected, upload.name)
        elif doi:
            report = plan_import(root, [lookup_doi(doi)], [], f"doi:{doi}")
        else:
            st.caption("Every entry is listed before anything is written.")
            return
    except ImportFailed as err:
        st.error(str(err), icon=":material/error:")
        return
    _show_report(report, False)
    count = report.count(ImportStatus.IMPORTED)
    if st.button(
        f"Create {count} draft {'study' if count == 1 else 'studies'}",
        disabled=not count,
        type="primary",
    ):
        actor = current_editor(signed_in(), auth_config())
        st.session_state["ct_import_done"] = run_import(root, report, actor)
        st.rerun()
