"""Edit a claim: its fields (appearances, aliases, rulings), its evidence links and its verdict.

Address: ``edit-claim?claim=<id>`` (no id: a new claim). The page shows, as the editor types,
the problems ``claimtracker validate`` would report, the engine's assessment of the claim as
edited (and whether the verdict drifts from it), and the diff of the file; Save goes through
``saving.save_record``. A change of rating or certainty is added to the claim's history with
the editor's name, today's date and the reason given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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
from claimtracker.dashboard.editor_form import UNSET, model_form
from claimtracker.dashboard.text import md
from claimtracker.editing import set_verdict
from claimtracker.frames import label
from claimtracker.models import Certainty, Claim, Flag, Rating

FORM = "claim-form"
EXCLUDE = frozenset({"evidence", "verdict", "history"})


def _evidence_section(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The claim's links to study outcomes, with a picker to add one and buttons to remove."""
    key = f"{FORM}:__links"
    if key not in st.session_state:
        st.session_state[key] = [dict(link) for link in data.get("evidence") or []]
    links: list[dict[str, Any]] = st.session_state[key]
    st.subheader("Evidence")
    library = load_library()
    for i, link in enumerate(list(links)):
        study = library.studies.get(str(link.get("study")))
        outcome = study.outcome(str(link.get("outcome"))) if study else None
        text = f"{link.get('study')} / {link.get('outcome')}" + (
            f": {outcome.name}" if outcome else " (not found)"
        )
        left, right = st.columns([5, 1])
        left.markdown(
            md(text) + (f"  \n_{md(str(link['note']))}_" if link.get("note") else "")
        )
        if right.button("Unlink", key=f"{FORM}:__unlink{i}"):
            links.pop(i)
            st.rerun()
    with st.container(border=True):
        st.markdown("**Link a study outcome**")
        study_ids = sorted(library.studies)
        study_id = st.selectbox(
            "Study",
            study_ids,
            index=None,
            key=f"{FORM}:__link_study",
            placeholder="Choose",
        )
        outcomes = (
            [o.key for o in library.studies[study_id].outcomes] if study_id else []
        )
        names = (
            {o.key: o.name for o in library.studies[study_id].outcomes}
            if study_id
            else {}
        )
        outcome_key = st.selectbox(
            "Outcome",
            outcomes,
            index=None,
            key=f"{FORM}:__link_outcome",
            format_func=lambda k: f"{k}: {names[k]}",
        )
        note = st.text_input(
            "How well it applies (optional)", key=f"{FORM}:__link_note"
        )
        if st.button(
            "Link", disabled=not (study_id and outcome_key), key=f"{FORM}:__link"
        ):
            links.append(
                {
                    "study": study_id,
                    "outcome": outcome_key,
                    **({"note": note} if note.strip() else {}),
                }
            )
            st.rerun()
    return links


def _verdict_section(old: dict[str, Any] | None) -> dict[str, Any]:
    st.subheader("Verdict")
    old = old or {}
    ratings = [UNSET, *(r.value for r in Rating)]
    certainties = [UNSET, *(c.value for c in Certainty)]
    pick = st.columns(2)
    rating = pick[0].selectbox(
        "Rating",
        ratings,
        index=ratings.index(old.get("rating", UNSET)),
        key=f"{FORM}:__rating",
        format_func=label,
    )
    certainty = pick[1].selectbox(
        "Certainty",
        certainties,
        index=certainties.index(old.get("certainty", UNSET)),
        key=f"{FORM}:__certainty",
        format_func=label,
    )
    flags = st.multiselect(
        "Flags",
        [f.value for f in Flag],
        default=old.get("flags") or [],
        key=f"{FORM}:__flags",
        format_func=label,
    )
    summary = st.text_area(
        "Rationale (the verdict's summary)",
        value=old.get("summary", ""),
        key=f"{FORM}:__summary",
    )
    wording = st.text_input(
        "Safe wording (optional)",
        value=old.get("safe_wording") or "",
        key=f"{FORM}:__wording",
    )
    reason = st.text_input(
        "Why the rating or certainty changed (added to the history)",
        key=f"{FORM}:__why",
        help="Required for a change.",
    )
    return {
        "rating": rating,
        "certainty": certainty,
        "flags": flags,
        "summary": summary.strip(),
        "safe_wording": wording.strip() or None,
        "reason": reason.strip(),
    }


def _with_verdict(
    data: dict[str, Any], base: dict[str, Any], verdict: dict[str, Any], editor: str
) -> dict[str, Any]:
    """The claim data with the verdict as edited; a new rating or certainty goes into history."""
    old = base.get("verdict") or {}
    data = {**data, "history": base.get("history") or []}
    if verdict["rating"] == UNSET or verdict["certainty"] == UNSET:
        return data
    unchanged = all(
        old.get(k) == verdict[k]
        for k in ("rating", "certainty", "summary", "safe_wording")
    ) and list(old.get("flags") or []) == list(verdict["flags"])
    if unchanged:
        return {**data, "verdict": old}
    try:
        claim = Claim.model_validate(
            {**data, "verdict": old or None, "status": "draft"}
        )
    except ValueError:
        return {
            **data,
            "verdict": {**old, **{k: v for k, v in verdict.items() if k != "reason"}},
        }
    edited = set_verdict(
        claim,
        rating=Rating(verdict["rating"]),
        certainty=Certainty(verdict["certainty"]),
        reason=verdict["reason"] or "(no reason given)",
        editor=editor,
        today=dt.date.today(),
        summary=verdict["summary"] or None,
        flags=[Flag(f) for f in verdict["flags"]],
        safe_wording=verdict["safe_wording"],
    )
    dumped = edited.model_dump(mode="python", exclude_none=True)
    return {**data, "verdict": dumped["verdict"], "history": dumped["history"]}


def _assessment(claim: Claim) -> None:
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
            f"The verdict ({label(verdict.rating.value)}, {label(verdict.certainty.value)}) differs from the "
            "engine's assessment: say why in the rationale.",
            icon=":material/compare_arrows:",
        )


def render_claim_editor() -> None:
    """The claim form, its live checks and the save panel."""
    actor = require_editor()
    if actor is None:
        return
    st.title("Edit a claim")
    flash()
    library = load_library()
    claim_id = pick_record("claim", sorted(library.claims), FORM)
    base_text, _ = base_of("claims", claim_id)
    base = loaded_data(base_text)
    data = model_form(FORM, Claim, base, exclude=EXCLUDE)
    links = _evidence_section(base)
    if links:
        data["evidence"] = links
    verdict = _verdict_section(base.get("verdict"))
    data = _with_verdict(data, base, verdict, actor.name)
    record_id = str(data.get("id") or claim_id or "")
    if not record_id:
        st.info("Give the claim an id to check and save it.")
        return
    text, model = draft_text(
        "claims", {k: v for k, v in data.items() if v not in (None, [])}, base_text
    )
    if isinstance(model, Claim):
        _assessment(model)
    st.subheader("Checks")
    has_errors = show_problems(record_problems("claims", record_id, text, model))
    if save_panel(
        "claims", record_id, text, has_errors, reason_default=verdict["reason"]
    ):
        reopen("claim", record_id, FORM)
