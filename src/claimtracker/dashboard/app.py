"""claimtracker's dashboard: the script Streamlit runs.

``claimtracker dashboard`` runs this file (so does ``streamlit run app.py`` in a clone of the
repository, whose ``app.py`` calls :func:`main`); from an installed package,
``streamlit run "$(python -c 'import claimtracker.dashboard.app as a; print(a.__file__)')"``
works too. The data root is found as the command line finds it: ``$CLAIMTRACKER_ROOT``,
else the nearest folder upwards from the working folder holding ``claimtracker.toml``.

This file only routes. Each page is a render function in ``claimtracker.dashboard``; to add
one, add ONE line to its section below (``"module:function"`` is looked up in that package):

    page("draft:render_draft", "Check a draft", ":material/edit_note:", "draft"),

``page`` runs it inside the shared guard (data-problems banner first; an error becomes a
message, never a traceback). Permalinks are query parameters: ``claim?claim=<id>``.
"""

import sys
from pathlib import Path

import streamlit as st

from claimtracker.dashboard.data import site_title
from claimtracker.dashboard.editor import editor_pages
from claimtracker.dashboard.routing import FAVICON, page


def main() -> None:
    """Set up the page and run the one the reader asked for."""
    # The icon is a file served by this app: a ":material/...:" favicon is fetched from a
    # font CDN. Each page sets its own title (routing.page); this is the fallback.
    st.set_page_config(page_title=site_title(), page_icon=FAVICON, layout="wide")

    # fmt: off
    PAGES = {
        "Evidence": [
            page("overview:render_overview", "Overview", ":material/dashboard:", "overview", default=True),
            page("evidence_map:render_evidence_map", "Evidence map", ":material/grid_view:", "map"),
            page("browse:render_browse", "Browse and search", ":material/search:", "browse"),
            page("claim:render_claim", "Claim", ":material/format_quote:", "claim"),
            page("study:render_study", "Study", ":material/article:", "study"),
        ],
        "Writers": [
            page("draft:render_draft", "Check a draft", ":material/edit_note:", "draft"),
        ],
        "Editors": [
            *editor_pages(),  # only "Sign in" until the session is an editor's
        ],
        "About": [
            page("methods:render_methods", "Methods", ":material/menu_book:", "methods"),
            page("data_problems:render_data_problems", "Data problems", ":material/report:", "problems", banner=False),
        ],
    }
    # fmt: on

    st.navigation({section: pages for section, pages in PAGES.items() if pages}).run()


if __name__ == "__main__":
    # `streamlit run` put this file's folder first on sys.path; the modules in it are
    # claimtracker.dashboard's and must not also be importable as top-level ones.
    _here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if not p or Path(p).resolve() != _here]
    main()
