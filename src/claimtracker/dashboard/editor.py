"""Editors in the dashboard: who is signed in, the sign-in page, and the editor pages.

Readers never see an edit control. The editor pages are always registered (so their
addresses, such as ``edit-study?study=<id>``, answer after a reload or in a new tab) but
are listed in the menu only for an editor; anyone else opening one is sent to sign-in,
and back to the same page and record afterwards (``sign-in?next=edit-study&study=<id>``).
Nothing at all is listed when no editor is configured (a read-only site).
The role is checked again on the server at every decision: :func:`auth_config` re-reads the
secrets files (so an editor removed from them becomes a reader at once, whatever Streamlit's
secrets watcher did), and ``saving.save_record`` refuses any actor who is not an editor.

Sign-in is ``st.login`` (OIDC) when ``[auth]`` is in the secrets, with editors listed in
``[claimtracker] editor_emails``; otherwise a user name and password checked against the
scrypt hashes in ``[editors]``, with failures logged and rate-limited (``auth.GUARD``).
A password sign-in lasts ``[claimtracker] session_hours`` (12 by default) in that browser,
across reloads and tabs: a signed, expiring token kept in a cookie
(``claimtracker.sessions``, ``dashboard.cookies``). Signing out ends it in every browser.

Every authorisation decision goes through :func:`signed_in`, which checks the token
(signature, expiry, sign-out) and then asks ``auth.current_editor`` whether the name is
still an editor, so removing an editor from the secrets takes effect at their next click.
``saving.save_record`` refuses any actor who is not an editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from claimtracker.auth import (
    GUARD,
    READER,
    Actor,
    AuthConfig,
    Role,
    SignInRefused,
    current_editor,
    current_editors,
    oidc_actor,
)
from claimtracker.dashboard.cookies import clear_cookie, read_cookie, set_cookie
from claimtracker.dashboard.routing import (
    current_params,
    link_to,
    open_page,
    page,
    param,
)
from claimtracker.sessions import COOKIE, Sessions, SessionSettings

SESSION_KEY = "ct_session"  # the session's token
SIGNED_OUT = "ct_signed_out"  # this browser signed out: ignore the cookie it sent
SIGN_IN = "sign-in"
REVIEW = "review"
EDIT_CLAIM = "edit-claim"
EDIT_STUDY = "edit-study"
IMPORT = "import"
EDITOR_PATHS = (REVIEW, EDIT_CLAIM, EDIT_STUDY, IMPORT)


# --------------------------------------------------------------------------- who is signed in


def _secrets() -> Any:
    return st.secrets


def auth_config() -> AuthConfig:
    """Who may edit, read from the secrets files now (``auth.current_editors``).

    Not from ``st.secrets``: Streamlit's watcher of the file stops for good after one parse
    error, and revoking an editor must not depend on it. Secrets given in memory instead of
    a file (``AppTest.secrets``) replace ``st.secrets`` and are read from there."""
    from streamlit.runtime.secrets import secrets_singleton

    if st.secrets is not secrets_singleton:
        try:
            return AuthConfig.from_secrets(st.secrets)
        except Exception:  # unreadable secrets: nobody can edit
            return AuthConfig()
    return current_editors(st.get_option("secrets.files"))


def _user() -> dict[str, Any]:
    user = st.user
    return {k: user.get(k) for k in ("is_logged_in", "email", "email_verified", "name")}


def sessions() -> Sessions:
    """The session tokens of this data root, with the lifetime set in the secrets."""
    from claimtracker.dashboard.editor_record import root

    try:
        settings = SessionSettings.from_secrets(_secrets())
    except Exception:
        settings = SessionSettings()
    return Sessions(root(), settings)


def _token() -> str | None:
    token = st.session_state.get(SESSION_KEY)
    if token is None and not st.session_state.get(SIGNED_OUT):
        token = read_cookie(COOKIE)
        if token is not None:
            st.session_state[SESSION_KEY] = token
    return token if isinstance(token, str) else None


def signed_in() -> Actor:
    """The session's actor, checked now: the token, then the editor list as it is now."""
    config = auth_config()
    if config.mode == "oidc":
        return oidc_actor(_user(), config)
    if config.mode != "password":
        return READER
    session = sessions().check(_token())
    if session is None:
        st.session_state.pop(SESSION_KEY, None)
        return READER
    return current_editor(Actor(session.name, Role.EDITOR, session.via), config)


def _sync_cookie() -> None:
    """Make the browser hold this session's token (or forget it after a sign-out)."""
    token = st.session_state.get(SESSION_KEY)
    sent = read_cookie(COOKIE)
    if isinstance(token, str) and token != sent:
        set_cookie(COOKIE, token, sessions().settings.seconds)
    elif st.session_state.get(SIGNED_OUT):
        clear_cookie(COOKIE)


def editor_pages() -> list[st.Page]:
    """The pages of the Editors section (none when nobody can edit).

    Every editor page is registered, so its address works after a reload; only an
    editor sees them listed. Called at the start of every run, it also keeps the
    browser's sign-in cookie in step with the session.
    """
    config = auth_config()
    if config.mode == "none":
        return []
    editor = signed_in().is_editor
    if config.mode == "password":
        _sync_cookie()
    hide = not editor
    pages = [
        page(
            "editor_review:render_review",
            "Review queue",
            ":material/checklist:",
            REVIEW,
            hidden=hide,
        ),
        page(
            "editor_claim:render_claim_editor",
            "Edit a claim",
            ":material/edit:",
            EDIT_CLAIM,
            hidden=hide,
        ),
        page(
            "editor_study:render_study_editor",
            "Edit a study",
            ":material/edit_document:",
            EDIT_STUDY,
            hidden=hide,
        ),
        page(
            "editor_review:render_import",
            "Import studies",
            ":material/upload_file:",
            IMPORT,
            hidden=hide,
        ),
    ]
    account = page(
        "editor:render_sign_in",
        "Account" if editor else "Sign in",
        ":material/account_circle:" if editor else ":material/login:",
        SIGN_IN,
        banner=False,
    )
    return [*pages, account] if editor else [account, *pages]


def require_editor(url_path: str | None = None) -> Actor | None:
    """The editor using this page; anyone else goes to sign-in (and comes back after it)."""
    actor = signed_in()
    if actor.is_editor:
        return actor
    if url_path is not None and auth_config().mode != "none":
        open_page(SIGN_IN, {"next": url_path, **current_params()})
    st.warning("This page is for editors. Sign in first.", icon=":material/lock:")
    return None


def edit_link(kind: str, record_id: str) -> None:
    """An "Edit this claim" (or study) link, for a signed-in editor only."""
    if auth_config().mode == "none" or not signed_in().is_editor:
        return
    single = "claim" if kind == "claims" else "study"
    link_to(
        EDIT_CLAIM if kind == "claims" else EDIT_STUDY,
        f"Edit this {single}",
        {single: record_id},
        icon=":material/edit:",
    )


def _go_next() -> None:
    """After sign-in: back to the editor page (and record) that sent the visitor here."""
    target = param("next")
    if target in EDITOR_PATHS:
        rest = {k: v for k, v in current_params().items() if k != "next"}
        open_page(target, rest)


# --------------------------------------------------------------------------- the sign-in page


def render_sign_in() -> None:
    """Sign in (password form or OIDC button) and sign out."""
    config = auth_config()
    st.title("Editors")
    actor = signed_in()
    if config.mode == "oidc":
        _oidc(actor)
        return
    if actor.is_editor:
        _go_next()
        st.success(f"Signed in as {actor.name} (editor).")
        session = sessions().check(_token())
        if session is not None:
            until = dt.datetime.fromtimestamp(session.expires, dt.UTC)
            st.caption(
                f"You stay signed in on this browser, across reloads and tabs, until "
                f"{until:%Y-%m-%d %H:%M} UTC or until you sign out."
            )
        _unsaved_list(actor)
        if st.button(
            "Sign out",
            icon=":material/logout:",
            help="Ends your sign-in in every browser and tab.",
        ):
            sessions().sign_out(actor.name)
            st.session_state.pop(SESSION_KEY, None)
            st.session_state[SIGNED_OUT] = True
            st.rerun()
        return
    if param("next") in EDITOR_PATHS:
        st.info("Sign in to open that editor page.", icon=":material/lock:")
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
        st.session_state[SESSION_KEY] = sessions().issue(who.name, who.via)
        st.session_state.pop(SIGNED_OUT, None)
        _go_next()
        st.rerun()


def _oidc(actor: Actor) -> None:
    if not st.user.get("is_logged_in", False):
        st.write("Editors sign in with their organisation account.")
        if st.button("Sign in", icon=":material/login:"):
            st.login()
        return
    if actor.is_editor:
        _go_next()
        st.success(f"Signed in as {actor.name} (editor).")
    else:
        st.info(
            f"Signed in as {actor.name}, who is not on the editor list: you can read, not edit."
        )
    if st.button("Sign out", icon=":material/logout:"):
        st.logout()


def _unsaved_list(actor: Actor) -> None:
    """Links to the records the editor has unsaved edits of."""
    from claimtracker import unsaved
    from claimtracker.dashboard.editor_record import root

    found = [(k, r) for k, r in unsaved.listed(root(), actor.name) if r]
    if not found:
        return
    st.markdown("**You have unsaved edits of:**")
    for kind, record_id in found:
        single = "claim" if kind == "claims" else "study"
        link_to(
            EDIT_CLAIM if kind == "claims" else EDIT_STUDY,
            record_id,
            {single: record_id},
            icon=":material/edit_note:",
        )
