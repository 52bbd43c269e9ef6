"""Editors in the dashboard: sign-in, the editor pages, and the one save panel they share.

Readers never see an edit control: :func:`editor_pages` lists only "Sign in" until the
session belongs to an editor (and nothing at all when no editor is configured). The role is
checked again on the server at every save (:func:`save_panel` re-reads the secrets, so an
editor removed from them becomes a reader at once), and ``saving.save_record`` refuses any
actor who is not an editor.

Sign-in is ``st.login`` (OIDC) when ``[auth]`` is in the secrets, with editors listed in
``[claimtracker] editor_emails``; otherwise a user name and password checked against the
scrypt hashes in ``[editors]``, with failures logged and rate-limited (``auth.GUARD``).
"""

from __future__ import annotations

from typing import Any, NoReturn

import streamlit as st
import yaml

from claimtracker.auth import (
    GUARD,
    READER,
    Actor,
    AuthConfig,
    SignInRefused,
    current_editor,
    oidc_actor,
)
from claimtracker.dashboard.editor_form import reset_form
from claimtracker.dashboard.routing import page, param, set_params
from claimtracker.editing import render_data, render_record
from claimtracker.models import RECORD_KINDS, Claim, Study
from claimtracker.problems import Problem, Severity, format_problem
from claimtracker.saving import (
    Conflict,
    SaveError,
    diff_texts,
    read_current,
    save_record,
)

SESSION_KEY = "ct_editor"
SIGN_IN = "sign-in"
REVIEW = "review"
EDIT_CLAIM = "edit-claim"
EDIT_STUDY = "edit-study"
IMPORT = "import"


# --------------------------------------------------------------------------- who is signed in


def auth_config() -> AuthConfig:
    try:
        return AuthConfig.from_secrets(st.secrets)
    except Exception:  # no secrets file at all: nobody can edit
        return AuthConfig()


def _user() -> dict[str, Any]:
    user = st.user
    return {k: user.get(k) for k in ("is_logged_in", "email", "email_verified", "name")}


def signed_in() -> Actor:
    """The session's actor, checked against the secrets as they are now."""
    config = auth_config()
    if config.mode == "oidc":
        return oidc_actor(_user(), config)
    actor = st.session_state.get(SESSION_KEY)
    if config.mode == "password" and isinstance(actor, Actor):
        return current_editor(actor, config)
    return READER


def editor_pages() -> list[st.Page]:
    """The pages of the Editors section for this session (none when nobody can edit)."""
    if auth_config().mode == "none":
        return []
    account = page(
        "editor:render_sign_in", "Sign in", ":material/login:", SIGN_IN, banner=False
    )
    if not signed_in().is_editor:
        return [account]
    return [
        page(
            "editor_review:render_review",
            "Review queue",
            ":material/checklist:",
            REVIEW,
        ),
        page(
            "editor_claim:render_claim_editor",
            "Edit a claim",
            ":material/edit:",
            EDIT_CLAIM,
        ),
        page(
            "editor_study:render_study_editor",
            "Edit a study",
            ":material/edit_document:",
            EDIT_STUDY,
        ),
        page(
            "editor_review:render_import",
            "Import studies",
            ":material/upload_file:",
            IMPORT,
        ),
        page(
            "editor:render_sign_in",
            "Account",
            ":material/account_circle:",
            SIGN_IN,
            banner=False,
        ),
    ]


def require_editor() -> Actor | None:
    """The editor using this page, or None after telling a reader to sign in."""
    actor = signed_in()
    if not actor.is_editor:
        st.warning("This page is for editors. Sign in first.", icon=":material/lock:")
        return None
    return actor


def render_sign_in() -> None:
    """Sign in (password form or OIDC button) and sign out."""
    config = auth_config()
    st.title("Editors")
    actor = signed_in()
    if config.mode == "oidc":
        if not st.user.get("is_logged_in", False):
            st.write("Editors sign in with their organisation account.")
            if st.button("Sign in", icon=":material/login:"):
                st.login()
            return
        if actor.is_editor:
            st.success(f"Signed in as {actor.name} (editor).")
        else:
            st.info(
                f"Signed in as {actor.name}, who is not on the editor list: you can read, not edit."
            )
        if st.button("Sign out", icon=":material/logout:"):
            st.logout()
        return
    if actor.is_editor:
        st.success(f"Signed in as {actor.name} (editor).")
        if st.button("Sign out", icon=":material/logout:"):
            st.session_state.pop(SESSION_KEY, None)
            st.rerun()
        return
    with st.form("sign-in"):
        username = st.text_input("User name", autocomplete="username")
        password = st.text_input(
            "Password", type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in")
    if submitted:
        try:
            who = GUARD.sign_in(
                username, password, config, client=st.context.ip_address or "unknown"
            )
        except SignInRefused as refused:
            st.error(
                f"Too many failed sign-ins. Try again in {int(refused.retry_after) + 1} seconds."
            )
            return
        if who is None:
            st.error("Wrong user name or password.")
            return
        st.session_state[SESSION_KEY] = who
        st.rerun()


# --------------------------------------------------------------------------- validating and saving


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


def show_problems(problems: list[Problem]) -> bool:
    """List problems as the CLI prints them; True when any is an error."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if not problems:
        st.success("No problems: this record is valid.", icon=":material/check:")
    else:
        kind = st.error if errors else st.warning
        kind(
            f"{len(errors)} errors, {len(problems) - len(errors)} warnings (as `claimtracker validate` reports them):"
        )
        st.code("\n".join(format_problem(p) for p in problems), language=None)
    return bool(errors)


def base_of(kind: str, record_id: str | None) -> tuple[str | None, str | None]:
    """The text and hash this session's edit of a record is based on (loaded once)."""
    if record_id is None:
        return None, None
    key = f"ct_base:{kind}/{record_id}"
    if key not in st.session_state:
        st.session_state[key] = read_current(data_root_path(), kind, record_id)
    text, sha = st.session_state[key]
    return text, sha


def pick_record(kind: str, ids: list[str], form: str) -> str | None:
    """The record an edit page works on (None: a new one), chosen in a select box.

    ``?<kind>=<id>`` or the record just saved (:func:`reopen`) picks it; picking another record,
    or discarding the edits after a conflict, resets the form ``form``. The choice is written
    back into the address bar.
    """
    new = f"(new {kind})"
    options = [new, *ids]
    key = f"ct_pick_{kind}"
    wanted = st.session_state.pop(f"ct_{kind}_next", None) or param(kind)
    if wanted in options and wanted != st.session_state.get(key):
        st.session_state[key] = wanted
    current = st.session_state.get(key)
    chosen = st.selectbox(
        kind.capitalize(),
        options,
        index=options.index(current) if current in options else 0,
        key=key,
    )
    if chosen != st.session_state.get(f"ct_{kind}_loaded"):
        reset_form(form)
        st.session_state[f"ct_{kind}_loaded"] = chosen
    if st.session_state.pop("ct_reset_form", None):
        reset_form(form)
    set_params({kind: None if chosen == new else chosen})
    return None if chosen == new else chosen


def reopen(kind: str, record_id: str, form: str) -> NoReturn:
    """After a save: load ``record_id`` afresh into the form ``form`` (ends this run)."""
    st.session_state[f"ct_{kind}_next"] = record_id
    reset_form(form)
    st.rerun()


def set_base(kind: str, record_id: str, text: str | None, sha: str | None) -> None:
    st.session_state[f"ct_base:{kind}/{record_id}"] = (text, sha)


def data_root_path() -> Any:
    from claimtracker.dashboard.data import data_root

    return data_root()


def loaded_data(text: str | None) -> dict[str, Any]:
    """The loaded record as plain data for the form (a broken file gives what can be read)."""
    if not text:
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def save_panel(
    kind: str, record_id: str, text: str, has_errors: bool, *, reason_default: str = ""
) -> bool:
    """The diff against the file, a reason, and Save; conflicts show both versions.

    Returns True when a save went through. The editor's widgets keep their values whatever
    happens, so a refused save loses nothing.
    """
    base_text, base_sha = base_of(kind, record_id)
    file = f"{kind}/{record_id}.yaml"
    conflict_key = f"ct_conflict:{file}"
    conflict: Conflict | None = st.session_state.get(conflict_key)
    if conflict is not None:
        _show_conflict(kind, record_id, conflict, text)
        return False
    with st.expander("The file as it would be saved"):
        st.code(text, language="yaml")
    diff = diff_texts(file, base_text, text)
    st.subheader("Changes to the file")
    if not diff:
        st.caption("No changes yet.")
        return False
    st.code(diff, language="diff")
    reason = st.text_input(
        "Reason for the change (kept in the audit log)",
        value=reason_default,
        key=f"ct_reason:{file}",
    )
    if not st.button(
        "Save",
        type="primary",
        disabled=has_errors,
        key=f"ct_save:{file}",
        icon=":material/save:",
    ):
        if has_errors:
            st.caption("Fix the errors above to save.")
        return False
    actor = current_editor(
        signed_in(), auth_config()
    )  # checked again, on the server, now
    try:
        result = save_record(
            data_root_path(),
            kind,
            text,
            base_sha256=base_sha,
            actor=actor,
            reason=reason,
            record_id=record_id,
        )
    except Conflict as err:
        st.session_state[conflict_key] = err
        st.rerun()
    except SaveError as err:
        st.error(str(err), icon=":material/error:")
        return False
    set_base(kind, record_id, result.text, result.after_sha256)
    st.session_state["ct_saved"] = f"Saved {result.file} (change {result.entry})."
    return True


def _show_conflict(kind: str, record_id: str, conflict: Conflict, mine: str) -> None:
    file = f"{kind}/{record_id}.yaml"
    st.error(str(conflict), icon=":material/sync_problem:")
    st.write("Your edits are still in the form. Compare the two versions, then choose.")
    left, right = st.columns(2)
    with left:
        st.markdown("**The file now (their version)**")
        st.code(conflict.theirs or "(the file is gone)", language="yaml")
    with right:
        st.markdown("**Your version**")
        st.code(mine, language="yaml")
    st.markdown("**What saving your version would change in theirs**")
    st.code(
        diff_texts(file, conflict.theirs, mine) or "(no difference)", language="diff"
    )
    keep, discard = st.columns(2)
    if keep.button("Keep my edits, based on their version", key=f"ct_rebase:{file}"):
        set_base(kind, record_id, conflict.theirs, conflict.current_sha256)
        del st.session_state[f"ct_conflict:{file}"]
        st.rerun()
    if discard.button(
        "Discard my edits and load their version", key=f"ct_discard:{file}"
    ):
        set_base(kind, record_id, conflict.theirs, conflict.current_sha256)
        del st.session_state[f"ct_conflict:{file}"]
        st.session_state["ct_reset_form"] = file
        st.rerun()


def flash() -> None:
    """Show (once) the message of the last save."""
    message = st.session_state.pop("ct_saved", None)
    if message:
        st.success(message, icon=":material/check_circle:")
