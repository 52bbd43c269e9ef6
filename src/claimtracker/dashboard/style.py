"""The few style rules Streamlit has no setting for, as one constant stylesheet.

Added once per page run by the page guard (``routing.run_guarded``); it is our own text, never
record text. Each rule targets a container the pages give a ``key`` (Streamlit turns
``key="map-scroll"`` into the class ``st-key-map-scroll``).
"""

from __future__ import annotations

import streamlit as st

#: Narrower than this, a layout is a phone's.
PHONE_PX = 640

STYLE = f"""
<style>
/* Page links wrap instead of cutting a claim's name off after one line. */
[data-testid="stPageLink-NavLink"] p,
[data-testid="stPageLink-NavLink"] span {{ white-space: normal; overflow: visible; text-overflow: clip; }}
[data-testid="stPageLink-NavLink"] {{ height: auto; align-items: flex-start; }}
.st-key-map-phone-note {{ display: none; }}
@media (max-width: {PHONE_PX}px) {{
  /* On a phone the evidence map is the list under it (a chart squeezed to 390 px cuts
     its labels, and a sideways-scrolling one is hard to use). */
  .st-key-map-scroll {{ display: none; }}
  .st-key-map-phone-note {{ display: block; }}
  /* Cards and link rows: a little less padding, so text keeps its width. */
  [data-testid="stVerticalBlockBorderWrapper"] {{ padding: 0.75rem; }}
}}
</style>
"""


def apply_style() -> None:
    """Add the stylesheet to this page run (it takes no space on the page)."""
    st.html(STYLE)
