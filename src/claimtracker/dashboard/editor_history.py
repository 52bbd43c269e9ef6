"""A record's changes, from the audit log, each with a one-click revert.

The History tab of the edit pages lists every accepted change of the record, newest first:
number, time, editor, what was done and why, and its diff. "Revert change N" undoes it as
a new change through the same audited save path (``history.revert``): the latest change
by putting back the text it replaced, an older one on its own by a field-by-field merge
that keeps the later changes (refused, with the fields named, when a later change touched
the same fields).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from claimtracker.audit import audit_path, read_audit
from claimtracker.auth import Actor, current_editor
from claimtracker.dashboard.editor import auth_config, signed_in
from claimtracker.dashboard.editor_record import SINGULAR, Opened, load, root
from claimtracker.dashboard.text import md
from claimtracker.history import revert
from claimtracker.saving import SaveError


@st.cache_data(max_entries=8, show_spinner=False)
def _entries(data: str, stamp: tuple[int, int], file: str) -> list[dict[str, Any]]:
    """The log's entries for one file (read again only when the log changes)."""
    del stamp  # part of the cache key only
    return [
        {k: v for k, v in e.items() if k not in ("before", "after")}
        for e in read_audit(Path(data))
        if e.get("file") == file
    ]


def changes(kind: str, record_id: str) -> list[dict[str, Any]]:
    """The record's audit entries, oldest first, without the full texts."""
    log = audit_path(root())
    try:
        stat = log.stat()
    except FileNotFoundError:
        return []
    return _entries(
        str(root()), (stat.st_size, stat.st_mtime_ns), f"{kind}/{record_id}.yaml"
    )


def render_history(opened: Opened, actor: Actor) -> None:
    """Every change of the open record, newest first, each with its diff and a revert button."""
    if opened.record_id is None:
        st.caption("A new record has no history yet.")
        return
    entries = changes(opened.kind, opened.record_id)
    if not entries:
        st.caption(
            f"No changes of this {SINGULAR[opened.kind]} are in the audit log yet. "
            "Edits made outside the dashboard and the command line (by hand, with git) "
            "are not listed."
        )
        return
    latest = entries[-1]["seq"]
    for entry in reversed(entries):
        seq = entry["seq"]
        reverts = f", undoing change {entry['reverts']}" if entry.get("reverts") else ""
        with st.container(border=True):
            when = str(entry.get("ts", "")).replace("T", " ")[:16]
            st.markdown(
                f"**Change {seq}**: {entry.get('action', 'edit')}{reverts} by "
                f"{md(entry.get('actor', '?'))} ({entry.get('via', '?')}), {when} UTC"
            )
            st.caption(f"Reason: {md(entry.get('reason') or '(none given)')}")
            with st.expander("What changed"):
                st.code(entry.get("diff") or "(no difference)", language="diff")
            if entry.get("before_sha256") is None:
                continue  # the record's creation: a record is withdrawn, not removed
            if st.button(
                f"Revert change {seq}",
                key=f"{opened.prefix}:__revert{seq}",
                icon=":material/history:",
                help="Undo this change as a new change, kept in the audit log."
                + (
                    ""
                    if seq == latest
                    else " Later changes are kept unless they touched the same fields."
                ),
            ):
                _revert(opened, seq, seq != latest, actor)


def _revert(opened: Opened, seq: int, alone: bool, actor: Actor) -> None:
    assert opened.record_id is not None
    actor = current_editor(signed_in(), auth_config())  # checked again, now
    try:
        result = revert(
            root(), opened.kind, opened.record_id, seq, actor=actor, merge=alone
        )
    except SaveError as err:
        st.error(f"Change {seq} was not reverted: {err}", icon=":material/error:")
        return
    st.session_state["ct_saved"] = f"Reverted change {seq} as change {result.entry}."
    load(opened.kind, opened.record_id, actor.name)
    st.rerun()
