"""Edit a claim: its wording, where it was made, the evidence it is tested by, its verdict.

Address: ``edit-claim?claim=<id>`` (no id: a new claim). Sections: the claim, appearances
and rulings, evidence (link a study outcome, unlink one) and the verdict, with the
engine's assessment of the claim as edited beside it, plus a History tab. A change of the
verdict's rating, certainty or flags needs a reason; a new rating or certainty is added
to the claim's history with the editor's name, today's date and that reason
(``editing.edit_verdict``). Save goes through ``saving.save_record``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from claimtracker.dashboard.data import load_library
from claimtracker.dashboard.editor_form import Form, Shape
from claimtracker.dashboard.editor_page import PageParts, edit_page
from claimtracker.dashboard.editor_record import Opened
from claimtracker.dashboard.editor_save import Draft
from claimtracker.dashboard.text import md
from claimtracker.frames import label
from claimtracker.models import Claim, Evidence, Verdict

_NOTE = Evidence.model_fields["note"].description


def _evidence(form: Form, opened: Opened) -> list[dict[str, Any]]:
    """The claim's links to study outcomes, a note each, Unlink, and a picker to link one."""
    links = [
        dict(link)
        for link in opened.start.get("evidence") or []
        if isinstance(link, Mapping)
    ]
    library = load_library()
    form.slot("evidence")
    out = []
    for i, link in enumerate(links):
        study = library.studies.get(str(link.get("study")))
        outcome = study.outcome(str(link.get("outcome"))) if study else None
        with st.container(border=True):
            left, right = st.columns([5, 1])
            left.markdown(
                f"**{md(str(link.get('study')))} / {md(str(link.get('outcome')))}**"
                + (f": {md(outcome.name)}" if outcome else " (not found)")
            )
            if right.button("Unlink", key=form.key(f"evidence[{i}].__unlink")):
                st.session_state["ct_structure"] = ("remove", "evidence", i)
            form.slot(f"evidence[{i}]")
            note = form.field(
                f"evidence[{i}].note",
                Shape(str, optional=True),
                _NOTE,
                link.get("note"),
            )
        out.append({**link, "note": note})
    with st.container(border=True):
        st.markdown("**Link a study outcome**")
        study_ids = sorted(library.studies)
        study_id = st.selectbox(
            "Study to link",
            study_ids,
            index=None,
            key=form.key("__link_study"),
            placeholder="Choose",
        )
        outcomes = library.studies[study_id].outcomes if study_id else []
        names = {o.key: o.name for o in outcomes}
        outcome_key = st.selectbox(
            "Outcome to link",
            list(names),
            index=None,
            key=form.key("__link_outcome"),
            format_func=lambda k: f"{k}: {names[k]}",
        )
        note = st.text_input(
            "How well it applies (optional)", key=form.key("__link_note")
        )
        if st.button(
            "Link", disabled=not (study_id and outcome_key), key=form.key("__link")
        ):
            new = {"study": study_id, "outcome": outcome_key}
            if note.strip():
                new["note"] = note.strip()
            st.session_state["ct_structure"] = ("append", "evidence", new)
    return out


def _verdict(form: Form, opened: Opened) -> dict[str, Any]:
    """Rating, certainty, flags, rationale and safe wording; the stamps are set on save."""
    old = opened.start.get("verdict")
    old = old if isinstance(old, Mapping) else {}
    form.slot("verdict")
    left, right = st.columns(2)
    with left:
        got = form.fields(Verdict, old, ["rating"], "verdict")
    with right:
        got |= form.fields(Verdict, old, ["certainty"], "verdict")
    got |= form.fields(Verdict, old, ["flags", "summary", "safe_wording"], "verdict")
    if old.get("reviewed"):
        st.caption(
            f"Last reviewed {old['reviewed']} by {md(old.get('reviewer', '?'))}. A change to the "
            "verdict is stamped with your name and today's date when you save it."
        )
    return got


def _assessment(draft: Draft, tabs: Mapping[str, Any]) -> None:
    claim = draft.model
    if not isinstance(claim, Claim):
        return
    with tabs["Verdict"]:
        st.subheader("The engine's assessment of this claim as edited")
        try:
            from claimtracker.grading import assess_claim

            result = assess_claim(claim, load_library().studies)
        except Exception:
            st.info("The verdict engine could not assess this claim just now.")
            return
        if result.rating is None:
            st.write("Not assessable from evidence (a history or product claim).")
            return
        certainty = result.certainty.value if result.certainty else "?"
        st.markdown(
            f"**{md(label(result.rating.value))}**, {md(label(certainty))} certainty"
        )
        if result.flags:
            st.write("Flags: " + ", ".join(label(f.value) for f in result.flags))
        for reason in result.reasons:
            st.markdown(f"- {md(reason.text)}")
        verdict = claim.verdict
        if verdict is not None and (verdict.rating, verdict.certainty) != (
            result.rating,
            result.certainty,
        ):
            st.warning(
                f"The verdict ({label(verdict.rating.value)}, {label(verdict.certainty.value)}) "
                "differs from the engine's assessment: say why in the rationale.",
                icon=":material/compare_arrows:",
            )


def render_claim_editor() -> None:
    """The claim form, its live checks and the save panel."""
    edit_page(
        "claims",
        "Edit a claim",
        PageParts(own={"evidence": _evidence, "verdict": _verdict}, after=_assessment),
    )
