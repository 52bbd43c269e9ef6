"""The frame every edit page shares: pick a record, its form in sections, history, save.

:func:`edit_page` runs one edit page for a kind of record: sign-in check (anyone else is
sent to sign-in and back), the record picker, the open record (``editor_record``), a
pending merge if there is one (``editor_merge``), the form split into sections (tabs),
a History tab (``editor_history``), then the checks, diff and Save (``editor_save``).
A page supplies the widgets of the fields it draws itself (a claim's evidence and
verdict) and may add to the sections once the record is built (the engine's assessment).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from claimtracker.dashboard.editor import EDIT_CLAIM, EDIT_STUDY, require_editor
from claimtracker.dashboard.editor_form import Form
from claimtracker.dashboard.editor_history import render_history
from claimtracker.dashboard.editor_labels import sections
from claimtracker.dashboard.editor_merge import render_pending
from claimtracker.dashboard.editor_record import (
    Opened,
    apply_structure,
    open_record,
    pick,
    record_ids,
)
from claimtracker.dashboard.editor_save import Draft, flash, save_section
from claimtracker.models import RECORD_KINDS

#: Draws one field itself: (form, the open record) -> the field's raw value.
FieldWidget = Callable[[Form, Opened], Any]
HISTORY = "History"


@dataclass(frozen=True)
class PageParts:
    """What a page adds to the shared frame."""

    own: Mapping[str, FieldWidget] = field(default_factory=dict)
    header: Callable[[Opened], None] | None = None
    after: Callable[[Draft, Mapping[str, Any]], None] | None = None


def edit_page(kind: str, title: str, parts: PageParts) -> Opened | None:
    """Run the edit page for ``kind``; returns the open record (None for a reader)."""
    actor = require_editor(EDIT_CLAIM if kind == "claims" else EDIT_STUDY)
    if actor is None:
        return None
    st.title(title)
    flash()
    opened = open_record(kind, pick(kind, record_ids(kind)), actor.name)
    if opened.pending is not None:
        render_pending(opened, opened.pending, actor.name)
        return opened
    if opened.notice:
        st.info(opened.notice, icon=":material/merge:")
    if parts.header is not None:
        parts.header(opened)
    model = RECORD_KINDS[kind]
    form = Form(kind, opened.prefix, opened.first)
    layout = sections(kind, model)
    tabs = dict(
        zip(
            [t for t, _ in layout] + [HISTORY],
            st.tabs([t for t, _ in layout] + [HISTORY]),
            strict=True,
        )
    )
    raw: dict[str, Any] = {}
    for section, names in layout:
        with tabs[section]:
            for name in names:
                if name in parts.own:
                    raw[name] = parts.own[name](form, opened)
                else:
                    raw.update(form.fields(model, opened.start, [name]))
    with tabs[HISTORY]:
        render_history(opened, actor)
    if apply_structure(opened, raw):
        st.rerun()
    draft = save_section(opened, form, raw, actor)
    if draft is not None and parts.after is not None:
        parts.after(draft, tabs)
    return opened
