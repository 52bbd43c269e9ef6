"""Below every form: the checks, the diff against the file, the reason, Save, Discard.

Save goes through ``saving.save_record`` (lock, hash compare with the base the form was
loaded from, atomic write, audit entry), the one save path of the dashboard and the
command line. When the file changed since the form was loaded, the save is refused there
and the edit is merged with the file as it is now (``editor_record.rebase``): changes to
different fields combine and are listed; fields both sides changed wait for the editor's
choice (``editor_merge``). Nothing is saved until the editor saves the result.

A change of a verdict's rating, certainty or flags needs a reason: Save without one is
refused with the reason box marked. The reason goes into the audit log and, for a new
rating or certainty, into the claim's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from claimtracker.auth import Actor, current_editor
from claimtracker.dashboard.editor import auth_config, signed_in
from claimtracker.dashboard.editor_form import Form, plain
from claimtracker.dashboard.editor_record import (
    SINGULAR,
    Opened,
    compose,
    discard,
    keep_unsaved,
    rebase,
    reload,
    root,
    show_after_rerun,
    who_changed,
)
from claimtracker.dashboard.text import md
from claimtracker.editing import render_data, render_record
from claimtracker.merge import as_data, merge
from claimtracker.models import RECORD_KINDS, Claim, Study
from claimtracker.problems import Problem, Severity, format_problem
from claimtracker.rebase import record_data
from claimtracker.saving import Conflict, SaveError, diff_texts, save_record

REASON_LABEL = "Reason for the change"
NEEDS_REASON = "Give a reason: a rating, certainty or flag changed."


@dataclass(frozen=True)
class Draft:
    """What the form would save: the data, the text over the base, the model if valid."""

    data: dict[str, Any]
    text: str
    model: Study | Claim | None
    needs_reason: bool


def draft_text(
    kind: str, data: dict[str, Any], base_text: str | None
) -> tuple[str, Study | Claim | None]:
    """The YAML the form's values would save (over the loaded text), and the model if valid."""
    try:
        model = RECORD_KINDS[kind].model_validate(data)
    except ValueError:
        return render_data(kind, data), None
    return render_record(kind, model, base_text), model


def record_problems(
    kind: str, record_id: str, text: str, model: Study | Claim | None
) -> list[Problem]:
    """The problems ``claimtracker validate`` would report for this text, cross-record rules included."""
    from claimtracker import checks
    from claimtracker.dashboard.data import load_library
    from claimtracker.store import Corpus, parse_record

    file = f"{kind}/{record_id}.yaml"
    found = list(parse_record(text, file).problems)
    if model is not None and not found:
        library = load_library()
        claims, studies = dict(library.claims), dict(library.studies)
        (claims if kind == "claims" else studies)[record_id] = model  # type: ignore[assignment]
        corpus = Corpus(root=library.root, claims=claims, studies=studies)
        found += [p for p in checks.check_corpus(corpus) if p.path == file]
    return sorted(found, key=lambda p: p.sort_key)


def build(opened: Opened, raw: dict[str, Any], editor: str, reason: str) -> Draft:
    data, needs = compose(opened.kind, raw, opened.base_data, editor, reason)
    text, model = draft_text(opened.kind, data, opened.base_text)
    return Draft(data, text, model, needs)


def is_changed(opened: Opened, draft: Draft) -> bool:
    if opened.base_text is None:
        return bool(draft.data)
    return draft.text != opened.base_text


def flash() -> None:
    """Show (once) the message of the last save or revert."""
    message = st.session_state.pop("ct_saved", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def save_section(
    opened: Opened, form: Form, raw: dict[str, Any], actor: Actor
) -> Draft | None:
    """Checks, diff, reason and Save for the form's values; returns what would be saved."""
    st.divider()
    checks, changes, reason_box, buttons = (st.container() for _ in range(4))
    first = build(opened, raw, actor.name, "")
    changed = is_changed(opened, first)
    reason = ""
    reason_slot = None
    if changed:
        with reason_box:
            reason = st.text_input(
                REASON_LABEL,
                value=opened.reason,
                key=f"{opened.prefix}:__reason",
                help="Kept in the audit log with your change. Required when a verdict's "
                "rating, certainty or flags change; a new rating or certainty also "
                "goes into the claim's history with it.",
            )
            reason_slot = st.empty()
    # the reason is part of the record only as a claim's new history entry
    draft = (
        build(opened, raw, actor.name, reason)
        if reason and first.needs_reason
        else first
    )
    keep_unsaved(opened, raw, reason, changed, actor.name)
    record_id = str(draft.data.get("id") or opened.record_id or "")
    problems = (
        record_problems(opened.kind, record_id, draft.text, draft.model)
        if record_id
        else []
    )
    rest = form.place(problems)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    with checks:
        _checks(problems, rest, record_id, opened.kind)
    with changes:
        _changes(opened, draft, record_id or "new", problems, changed)
    if not changed:
        return draft
    with buttons:
        left, right = st.columns([1, 3])
        save = left.button(
            "Save",
            type="primary",
            disabled=bool(errors) or not record_id,
            key=f"{opened.prefix}:__save",
            icon=":material/save:",
        )
        if right.button(
            "Discard my unsaved edits",
            key=f"{opened.prefix}:__discard",
            icon=":material/undo:",
        ):
            discard(opened, actor.name)
            st.rerun()
        if errors:
            st.caption("Fix the problems marked in the form to save.")
    if save:
        if draft.needs_reason and not reason.strip():
            assert reason_slot is not None
            reason_slot.error(NEEDS_REASON, icon=":material/error:")
            return draft
        _save(opened, draft, record_id, reason, actor)
    return draft


def _checks(
    problems: list[Problem], rest: list[Problem], record_id: str, kind: str
) -> None:
    st.subheader("Checks")
    if not record_id:
        st.info(f"Give the {SINGULAR[kind]} an id to check and save it.")
        return
    errors = sum(p.severity is Severity.ERROR for p in problems)
    if not problems:
        st.success("No problems: this record is valid.", icon=":material/check:")
        return
    words = f"{errors} errors, {len(problems) - errors} warnings"
    (st.error if errors else st.warning)(
        f"{words}, each shown beside its field in the form."
        if not rest
        else f"{words}; these concern the whole record:"
    )
    for problem in rest:
        st.markdown(f"- {md(plain(problem))}")


def _changes(
    opened: Opened,
    draft: Draft,
    record_id: str,
    problems: list[Problem],
    changed: bool,
) -> None:
    file = f"{opened.kind}/{record_id}.yaml"
    st.subheader("Changes to the file")
    if not changed:
        st.caption("No changes yet.")
    else:
        st.code(diff_texts(file, opened.base_text, draft.text), language="diff")
    with st.expander("The file as it would be saved"):
        st.code(draft.text, language="yaml")
    if problems:
        with st.expander("Problems as `claimtracker validate` reports them"):
            st.code("\n".join(format_problem(p) for p in problems), language=None)


def _save(
    opened: Opened, draft: Draft, record_id: str, reason: str, actor: Actor
) -> None:
    actor = current_editor(signed_in(), auth_config())  # checked again, now
    try:
        result = save_record(
            root(),
            opened.kind,
            draft.text,
            base_sha256=opened.base_sha,
            actor=actor,
            reason=reason.strip(),
            record_id=opened.record_id,
        )
    except Conflict as err:
        single = SINGULAR[opened.kind]
        what = f"{who_changed(opened.kind, record_id)} saved this {single} while you were editing"
        if err.theirs is None:
            st.error(
                f"{err}. Your edits are kept in the form.", icon=":material/error:"
            )
            return
        mine = as_data(draft.model) if draft.model is not None else draft.data
        result_ = merge(opened.base_data, record_data(opened.kind, err.theirs), mine)
        rebase(opened, result_, (err.theirs, err.current_sha256), reason, what)
        st.rerun()
    except SaveError as err:
        st.error(str(err), icon=":material/error:")
        return
    from claimtracker import unsaved

    unsaved.discard(root(), actor.name, opened.kind, opened.record_id)
    saved_id = record_id
    fresh = reload(
        opened,
        start=record_data(opened.kind, result.text),
        reason="",
        base=(result.text, result.after_sha256),
        record_id=saved_id,
    )
    fresh.kept = None
    if opened.record_id is None:
        show_after_rerun(opened.kind, saved_id)
    st.session_state["ct_saved"] = (
        f"Saved {result.file} (change {result.entry})."
        if result.changed
        else f"{result.file} was already like this; nothing to save."
    )
    st.rerun()
