"""claimtracker's dashboard: `streamlit run app.py`.

This file only routes. Each page is a render function in ``claimtracker.dashboard``; to add
one, add ONE line to its section below (``"module:function"`` is looked up in that package):

    page("draft:render_draft", "Check a draft", ":material/edit_note:", "draft"),

``page`` runs it inside the shared guard (data-problems banner first; an error becomes a
message, never a traceback). Permalinks are query parameters: ``claim?claim=<id>``.
"""

import streamlit as st

from claimtracker.dashboard.editor import editor_pages
from claimtracker.dashboard.routing import FAVICON, SITE_TITLE, page

# The icon is a file served by this app: a ":material/...:" favicon is fetched from a font CDN.
# Each page sets its own title (routing.page); this is the fallback.
st.set_page_config(page_title=SITE_TITLE, page_icon=FAVICON, layout="wide")

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
