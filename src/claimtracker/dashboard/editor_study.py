"""Edit a study: every field, outcomes with their effects and per-arm figures included.

Address: ``edit-study?study=<id>`` (no id: a new study). The form is split into sections
(citation, participants, garment and comparison, outcomes, risk of bias and funding,
summary and notes) with a History tab; as the editor types, each problem
``claimtracker validate`` would report is shown beside its field and the diff of the file
below. Save goes through ``saving.save_record`` (lock, hash compare, atomic write, audit
log); see ``editor_page`` for the frame and ``editor_save`` for what happens on a conflict.
"""

from __future__ import annotations

import streamlit as st

from claimtracker.dashboard.data import load_library
from claimtracker.dashboard.editor_page import PageParts, edit_page
from claimtracker.dashboard.editor_record import Opened
from claimtracker.dashboard.routing import CLAIM, link_to


def _cited_by(opened: Opened) -> None:
    if opened.record_id is None:
        return
    library = load_library()
    citing = sorted(
        c.id
        for c in library.claims.values()
        if any(e.study == opened.record_id for e in c.evidence)
    )
    if citing:
        with st.expander(f"Cited by {len(citing)} claims"):
            for claim_id in citing:
                link_to(
                    CLAIM, claim_id, {"claim": claim_id}, icon=":material/format_quote:"
                )


def render_study_editor() -> None:
    """The study form, its live checks and the save panel."""
    edit_page("studies", "Edit a study", PageParts(header=_cited_by))
