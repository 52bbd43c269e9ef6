"""Edit a study: every field, outcomes with their effects and per-arm figures included.

Address: ``edit-study?study=<id>`` (no id: a new study). As the editor types, the page lists
the problems ``claimtracker validate`` would report and shows the diff of the file; Save goes
through ``saving.save_record`` (lock, hash compare, atomic write, audit log).
"""

from __future__ import annotations

import streamlit as st

from claimtracker.dashboard.data import load_library
from claimtracker.dashboard.editor import (
    base_of,
    draft_text,
    flash,
    loaded_data,
    pick_record,
    record_problems,
    reopen,
    require_editor,
    save_panel,
    show_problems,
)
from claimtracker.dashboard.editor_form import model_form
from claimtracker.dashboard.routing import CLAIM, link_to
from claimtracker.models import Study

FORM = "study-form"


def render_study_editor() -> None:
    """The study form, its live checks and the save panel."""
    if require_editor() is None:
        return
    st.title("Edit a study")
    flash()
    library = load_library()
    study_id = pick_record("study", sorted(library.studies), FORM)
    base_text, _ = base_of("studies", study_id)
    if study_id:
        citing = sorted(
            c.id
            for c in library.claims.values()
            if any(e.study == study_id for e in c.evidence)
        )
        if citing:
            st.caption("Cited by: " + ", ".join(citing))
            for claim_id in citing[:5]:
                link_to(
                    CLAIM, claim_id, {"claim": claim_id}, icon=":material/format_quote:"
                )
    data = model_form(FORM, Study, loaded_data(base_text))
    record_id = str(data.get("id") or study_id or "")
    if not record_id:
        st.info(
            "Give the study an id (first author and year, e.g. doe-2015) to check and save it."
        )
        return
    text, model = draft_text("studies", data, base_text)
    st.subheader("Checks")
    has_errors = show_problems(record_problems("studies", record_id, text, model))
    if save_panel("studies", record_id, text, has_errors):
        reopen("study", record_id, FORM)
