"""Data problems: every record that failed validation, and why, as the CLI reports it.

Address: ``problems?severity=error|warning``. Records with errors are left out of every other
page; here they are listed in the ``path:line:col: severity[code]: field: message`` format of
``claimtracker validate``, with the hint on the next line.
"""

from __future__ import annotations

import streamlit as st

from claimtracker.dashboard.data import load_library
from claimtracker.dashboard.routing import param, set_params
from claimtracker.dashboard.text import plural

SEVERITIES = ["all", "error", "warning"]


def render_data_problems() -> None:
    library = load_library()
    problems = library.problems
    st.title("Data problems", anchor=False)
    if problems.empty:
        st.success(
            "No problems: every record validates.", icon=":material/check_circle:"
        )
        return
    errors = int((problems["severity"] == "error").sum())
    warnings = len(problems) - errors
    files = problems["path"].nunique()
    st.markdown(
        f"**{plural(errors, 'error')}** and **{plural(warnings, 'warning')}** in "
        f"{plural(files, 'file')}. {plural(library.failed, 'record')} failed validation and "
        "are left out of the other pages until fixed. Fix each file at the line shown, then "
        "run `claimtracker validate` to check."
    )
    wanted = param("severity")
    key = "problems:severity"
    if key not in st.session_state or st.session_state.get("problems:url") != wanted:
        st.session_state[key] = wanted if wanted in SEVERITIES else "all"
    severity = st.radio("Show", SEVERITIES, horizontal=True, key=key)
    set_params({"severity": None if severity == "all" else severity})
    st.session_state["problems:url"] = None if severity == "all" else severity
    shown = (
        problems if severity == "all" else problems[problems["severity"] == severity]
    )
    lines = []
    for text, hint in zip(shown["text"], shown["hint"], strict=True):
        lines.append(text)
        if hint:
            lines.append(f"    hint: {hint}")
    st.code("\n".join(lines) or "(none)", language=None, wrap_lines=True)
    with st.expander("As a table"):
        st.dataframe(shown.drop(columns="text"), hide_index=True)
