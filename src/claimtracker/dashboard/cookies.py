"""The sign-in cookie: read from the request, set and cleared by a few lines of script.

Streamlit 1.67 reads the cookies a browser sent when it opened the page
(``st.context.cookies``) but has no call to set one; a server route could (``st.App``), at
the price of a different entry point than ``streamlit run app.py``. So the cookie is set in
the browser by a script ``st.html`` runs in the page (in the sidebar, where it takes no
room). It cannot be HttpOnly for that reason; it carries only a signed, expiring token that
the server checks at every decision and ends on sign-out (``claimtracker.sessions``), is
``SameSite=Strict`` (never sent by another site's page) and ``Secure`` on https. The
dashboard shows no record content as HTML, which is what would let a script read it.
"""

from __future__ import annotations

import re

import streamlit as st

_VALUE = re.compile(r"^[A-Za-z0-9_.-]{1,2048}$")
_NAME = re.compile(r"^[A-Za-z0-9_]{1,64}$")


def read_cookie(name: str) -> str | None:
    """The cookie the browser sent when this session's page was opened, or None."""
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser (AppTest, a bare script run)
        return None
    return value if isinstance(value, str) and _VALUE.fullmatch(value) else None


def _script(assignment: str) -> str:
    secure = "(location.protocol === 'https:' ? '; Secure' : '')"
    return f"<script>document.cookie = {assignment} + {secure};</script>"


def set_cookie(name: str, value: str, max_age: int) -> None:
    """Ask the browser to keep ``name=value`` for ``max_age`` seconds on every page of the app."""
    if not (_NAME.fullmatch(name) and _VALUE.fullmatch(value)):
        raise ValueError("a cookie name or value with characters it may not hold")
    attributes = f"; Path=/; Max-Age={int(max_age)}; SameSite=Strict"
    with st.sidebar:
        st.html(_script(f"'{name}={value}{attributes}'"), unsafe_allow_javascript=True)


def clear_cookie(name: str) -> None:
    """Ask the browser to forget the cookie ``name``."""
    if not _NAME.fullmatch(name):
        raise ValueError("a cookie name with characters it may not hold")
    with st.sidebar:
        st.html(
            _script(f"'{name}=; Path=/; Max-Age=0; SameSite=Strict'"),
            unsafe_allow_javascript=True,
        )
