"""The record an editor page has open: the file it started from and what the form holds.

An :class:`Opened` is kept per kind of record in the session. It holds the text and hash
of the file the edit is based on (the *base*, which every save is checked against), the
data the form's widgets start from, the reason typed so far and the form's *generation*:
a number that is part of every widget key (``editor_form``), taken anew whenever the form
is (re)loaded, so the browser never shows a value it held for another load.

Opening a record reads its file. When the editor has an unsaved edit of it
(``claimtracker.unsaved``) the form starts from that instead; when the file changed since
that edit began, the edit is merged with the file (``claimtracker.merge``): changes to
different fields combine, and a field both changed waits for the editor's choice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import streamlit as st

from claimtracker import unsaved
from claimtracker.dashboard.editor_form import prune
from claimtracker.dashboard.editor_labels import label
from claimtracker.dashboard.routing import param, set_params
from claimtracker.dashboard.text import md
from claimtracker.editing import edit_verdict
from claimtracker.merge import (
    Change,
    Merge,
    Side,
    field_names,
    merge,
    render_path,
    resolve,
)
from claimtracker.models import ID_PATTERN
from claimtracker.rebase import record_data
from claimtracker.saving import read_current

SINGULAR = {"claims": "claim", "studies": "study"}
FORMS = {"claims": "claim-form", "studies": "study-form"}


@dataclass(frozen=True)
class Pending:
    """A merge waiting for the editor's choices: the fields both sides changed."""

    result: Merge
    theirs_text: str
    theirs_sha: str
    who: str


@dataclass
class Opened:
    kind: str
    record_id: str | None  # None: a new record
    base_text: str | None
    base_sha: str | None
    start: dict[str, Any]
    reason: str
    generation: int
    notice: str | None = None
    pending: Pending | None = None
    kept: Any = None  # the (data, reason) last kept as an unsaved edit
    first: dict[str, Any] | None = None  # ``start`` as this generation began

    @property
    def prefix(self) -> str:
        return f"{FORMS[self.kind]}~{self.generation}"

    @property
    def base_data(self) -> dict[str, Any]:
        """The base file as data (parsed once per load: a rerun costs no YAML parse)."""
        cached = self.__dict__.get("_base_data")
        if cached is None or cached[0] is not self.base_text:
            cached = (self.base_text, record_data(self.kind, self.base_text))
            self.__dict__["_base_data"] = cached
        return cached[1]


def root() -> Path:
    """The data root the editor pages work on (the one place they ask for it)."""
    from claimtracker.dashboard.data import data_root

    return data_root()


def compose(
    kind: str, raw: Mapping[str, Any], base: Mapping[str, Any], editor: str, reason: str
) -> tuple[dict[str, Any], bool]:
    """The record data a form's values make, and whether the change needs a reason.

    For a claim, the verdict part is applied to the loaded claim's verdict and history
    (``editing.edit_verdict``): review stamps, and a history entry for a new rating.
    """
    if kind != "claims":
        return prune(dict(raw)), False
    verdict = raw.get("verdict")
    rest = {k: v for k, v in raw.items() if k != "verdict"}
    data, needs = edit_verdict(
        prune(rest),
        base,
        verdict if isinstance(verdict, Mapping) else None,
        editor=editor,
        reason=reason,
        today=dt.date.today(),
    )
    return prune(data), needs


# --------------------------------------------------------------------------- the session's state


def _key(kind: str) -> str:
    return f"ct_open:{kind}"


def current(kind: str) -> Opened | None:
    opened = st.session_state.get(_key(kind))
    return opened if isinstance(opened, Opened) else None


def store(opened: Opened) -> Opened:
    st.session_state[_key(opened.kind)] = opened
    return opened


def _generation() -> int:
    st.session_state["ct_generation"] = st.session_state.get("ct_generation", 0) + 1
    return int(st.session_state["ct_generation"])


def reload(
    opened: Opened,
    *,
    start: dict[str, Any],
    reason: str | None = None,
    base: tuple[str | None, str | None] | None = None,
    notice: str | None = None,
    record_id: str | None = None,
) -> Opened:
    """The same record with the form rebuilt from ``start`` (a new generation of widgets)."""
    text, sha = base if base is not None else (opened.base_text, opened.base_sha)
    return store(
        replace(
            opened,
            record_id=record_id or opened.record_id,
            base_text=text,
            base_sha=sha,
            start=start,
            reason=opened.reason if reason is None else reason,
            generation=_generation(),
            notice=notice,
            pending=None,
            first=start,
        )
    )


def record_ids(kind: str) -> list[str]:
    """The records on disk, valid or not (a broken file can be mended in the form)."""
    folder = root() / kind
    if not folder.is_dir():
        return []
    return sorted(
        p.stem for p in folder.glob("*.yaml") if re.fullmatch(ID_PATTERN, p.stem)
    )


def pick(kind: str, ids: list[str]) -> str | None:
    """The record the page works on (None: a new one), chosen in a select box.

    A choice made in the box wins; otherwise a record named in the address (a link, a
    reload, a first visit) is chosen; with neither, the record last opened in this session
    is shown again. The choice is written back into the address.

    The box marks a choice of the editor's with its ``on_change``: a rerun carries the
    address the browser had when it was asked for, which may be the one before the last
    choice, so an address that differs from the box is not by itself a new link.
    """
    single = SINGULAR[kind]
    new = f"(new {single})"
    options = [new, *ids]
    key, picked = f"ct_pick:{kind}", f"ct_picked:{kind}"
    wanted = param(single)
    opened = current(kind)
    if not st.session_state.pop(picked, False):
        if wanted in ids and wanted != st.session_state.get(key):
            st.session_state[key] = wanted
        elif wanted is not None and wanted not in ids:
            st.warning(f"There is no {single} '{wanted}' in {kind}/.")
    if key not in st.session_state and opened is not None and opened.record_id in ids:
        st.session_state[key] = opened.record_id

    def chosen_by_editor() -> None:
        st.session_state[picked] = True

    current_choice = st.session_state.get(key)
    chosen = st.selectbox(
        single.capitalize(),
        options,
        # the same value as the default too: a browser that draws the box late (its code
        # loading while a rerun arrives) shows the default and would send it back
        index=options.index(current_choice) if current_choice in options else 0,
        key=key,
        on_change=chosen_by_editor,
        help=f"Pick the {single} to edit, or start a new one.",
    )
    record_id = None if chosen == new else chosen
    set_params({single: record_id})
    return record_id


def show_after_rerun(kind: str, record_id: str) -> None:
    """Make the next run open ``record_id`` (after a new record was saved)."""
    set_params({SINGULAR[kind]: record_id})


# --------------------------------------------------------------------------- opening a record


def open_record(kind: str, record_id: str | None, editor: str) -> Opened:
    """The open record for this page: the one already open, or ``record_id`` loaded afresh."""
    opened = current(kind)
    if opened is not None and opened.record_id == record_id:
        return opened
    return load(kind, record_id, editor)


def load(kind: str, record_id: str | None, editor: str) -> Opened:
    """``record_id`` from its file, or from the editor's unsaved edit of it."""
    text, sha = read_current(root(), kind, record_id) if record_id else (None, None)
    fresh = Opened(kind, record_id, text, sha, record_data(kind, text), "", 0)
    draft = unsaved.load(root(), editor, kind, record_id)
    if draft is None:
        return reload(fresh, start=fresh.start)
    kept_at = f"{draft.kept:%Y-%m-%d %H:%M} UTC"
    if draft.base_sha256 == sha:
        restored = reload(
            fresh,
            start=draft.data,
            reason=draft.reason,
            notice=f"Your unsaved edits from {kept_at} were restored.",
        )
        restored.kept = (draft.data, draft.reason)
        return restored
    base = record_data(kind, draft.base_text)
    mine, _ = compose(kind, draft.data, base, editor, draft.reason)
    result = merge(base, fresh.start, mine)
    who = "someone" if text is not None else "someone (the file was removed)"
    return rebase(
        fresh,
        result,
        (text, sha),
        draft.reason,
        f"{who} saved this {SINGULAR[kind]} after your unsaved edits from {kept_at} began",
    )


def rebase(
    opened: Opened,
    result: Merge,
    theirs: tuple[str | None, str | None],
    reason: str,
    what: str,
) -> Opened:
    """Base the open record on ``theirs`` with the merged data, or wait for choices."""
    text, sha = theirs
    if result.clean or text is None or sha is None:
        merged = resolve(result) if result.clean else result.mine
        return reload(
            opened,
            start=merged,
            reason=reason,
            base=theirs,
            notice=combined_notice(opened.kind, what, result),
        )
    opened = reload(opened, start=opened.start, reason=reason)
    opened.pending = Pending(result, text, sha, what)
    return store(opened)


def describe(kind: str, change: Change | Any) -> str:
    """A change or clash in words: the field's label, and which item for list items."""
    path = change.path
    words = label(kind, field_names(path)) if field_names(path) else "the record"
    if any(not isinstance(step, str) for step in path):
        return f"{words} ({md(render_path(path))})"
    return words


def change_summary(kind: str, result: Merge) -> str:
    """``Theirs: Journal. Yours: Editorial notes.``: the changes a merge took without a choice."""
    parts = []
    for side, words in (
        (Side.THEIRS, "Theirs"),
        (Side.MINE, "Yours"),
        (Side.COMBINED, "Both, combined"),
    ):
        found = [describe(kind, c) for c in result.changes_by(side)]
        if found:
            parts.append(f"{words}: {', '.join(found)}.")
    return " ".join(parts)


def combined_notice(kind: str, what: str, result: Merge) -> str:
    return (
        f"{what}. Your changes and theirs were combined; nothing is saved yet: check "
        f"the changes below, then save. {change_summary(kind, result)}"
    ).strip()


def who_changed(kind: str, record_id: str | None) -> str:
    """Who made the last audited change of a record, and when, in words."""
    from claimtracker.audit import last_change

    entry = last_change(root(), f"{kind}/{record_id}.yaml") if record_id else None
    if entry is None:
        return "Someone (outside this tool)"
    when = str(entry["ts"]).replace("T", " ")[:16]
    return f"{md(entry['actor'])} (change {entry['seq']}, {when} UTC)"


# --------------------------------------------------------------------------- while editing


def keep_unsaved(
    opened: Opened, raw: dict[str, Any], reason: str, changed: bool, editor: str
) -> None:
    """Keep the form's values on the server while they differ from the file."""
    opened.start, opened.reason = raw, reason
    if not changed:
        if opened.kept is not None:
            unsaved.discard(root(), editor, opened.kind, opened.record_id)
            opened.kept = None
        return
    if opened.kept == (raw, reason):
        return
    unsaved.keep(
        root(),
        unsaved.Unsaved(
            editor=editor,
            kind=opened.kind,
            record_id=opened.record_id,
            base_sha256=opened.base_sha,
            base_text=opened.base_text,
            data=raw,
            reason=reason,
        ),
    )
    opened.kept = (raw, reason)


def discard(opened: Opened, editor: str) -> None:
    """Forget the editor's unsaved edit and start again from the file."""
    unsaved.discard(root(), editor, opened.kind, opened.record_id)
    text, sha = (
        read_current(root(), opened.kind, opened.record_id)
        if opened.record_id
        else (None, None)
    )
    fresh = reload(
        opened, start=record_data(opened.kind, text), reason="", base=(text, sha)
    )
    fresh.kept = None


def _at(data: Any, path: str) -> tuple[Any, str]:
    """The container holding the last step of ``path`` (``a.b``, ``a[2].b``), and that step."""
    steps = [s for s in re.split(r"\.|\[(\d+)\]", path) if s]
    for step in steps[:-1]:
        data = data[int(step)] if step.isdigit() else data.setdefault(step, {})
    return data, steps[-1]


def apply_structure(opened: Opened, raw: dict[str, Any]) -> bool:
    """Add or remove an item of a list of parts, as a button asked; True when it did."""
    todo = st.session_state.pop("ct_structure", None)
    if todo is None:
        return False
    action, path, index = todo
    data = dict(raw)
    holder, name = _at(data, path)
    items = list(holder.get(name) or [])
    if action == "add":
        items.append({})
    elif action == "remove" and index is not None and 0 <= index < len(items):
        items.pop(index)
    elif action == "append" and isinstance(index, Mapping):
        items.append(dict(index))
    holder[name] = items
    reload(opened, start=data)
    return True
