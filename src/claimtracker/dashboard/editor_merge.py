"""Fields two editors both changed: side by side, and saved only as the editor chooses.

Shown instead of the form when a merge (``claimtracker.merge``) found fields both the other
editor and this one changed differently. For each, their value and this editor's are shown
side by side with a choice that has no default; "Use these choices" stays disabled until
every field has one. The choices are applied to the merged record, which then fills the
form (based on their version) for the editor to check and save. Nothing is saved here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
import yaml

from claimtracker.dashboard.editor_record import (
    Opened,
    Pending,
    change_summary,
    describe,
    discard,
    reload,
)
from claimtracker.merge import MISSING, Side, as_data, render_path, resolve

KEEP_THEIRS = "Keep theirs"
KEEP_MINE = "Keep mine"


def shown(value: Any) -> str:
    """A field's value as text for the side-by-side view."""
    if value is MISSING:
        return "(not set, or removed)"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return yaml.safe_dump(
            as_data(value), sort_keys=False, allow_unicode=True, width=70
        ).strip()
    return str(value)


def render_pending(opened: Opened, pending: Pending, editor: str) -> None:
    """The clashes of ``pending`` with a choice each; applies them to the form when all are made."""
    kind = opened.kind
    result = pending.result
    st.warning(
        f"{pending.who}. Nothing of yours is lost and nothing is saved yet.",
        icon=":material/sync_problem:",
    )
    summary = change_summary(kind, result)
    if summary:
        st.caption(f"Combined already, no choice needed: {summary}")
    st.subheader("Both of you changed these fields")
    st.write(
        "Choose which to keep for each field. Nothing is saved until you have chosen "
        "and then saved the result."
    )
    choices: dict[str, Side] = {}
    for clash in result.clashes:
        with st.container(border=True):
            theirs, mine = st.columns(2)
            theirs.markdown("**Theirs (the file now)**")
            theirs.code(shown(clash.theirs), language=None)
            mine.markdown("**Mine (your edit)**")
            mine.code(shown(clash.mine), language=None)
            picked = st.radio(
                describe(kind, clash),
                [KEEP_THEIRS, KEEP_MINE],
                index=None,
                horizontal=True,
                key=f"{opened.prefix}:__choice:{clash.where}",
                help=f"Field `{render_path(clash.path)}`; before either change it was: "
                f"{shown(clash.base)}",
            )
        if picked is not None:
            choices[clash.where] = Side.THEIRS if picked == KEEP_THEIRS else Side.MINE
    use, drop = st.columns([1, 2])
    if use.button(
        "Use these choices",
        type="primary",
        disabled=len(choices) < len(result.clashes),
        key=f"{opened.prefix}:__use",
    ):
        merged = resolve(result, choices)
        kept = ", ".join(
            f"{describe(kind, c)}: {'theirs' if choices[c.where] is Side.THEIRS else 'yours'}"
            for c in result.clashes
        )
        reload(
            opened,
            start=merged,
            base=(pending.theirs_text, pending.theirs_sha),
            notice=f"Your choices were applied ({kept}) and combined with the other "
            "changes. Nothing is saved yet: check the changes below, then save.",
        )
        st.rerun()
    if drop.button(
        "Discard my edits and load their version", key=f"{opened.prefix}:__drop"
    ):
        discard(opened, editor)
        st.rerun()
