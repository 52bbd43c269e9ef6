"""Download buttons for a claim's exports, shown as a section of the claim page.

One button per export (:data:`claimtracker.exports.CLAIM_DOWNLOADS`): ClaimReview JSON-LD, the
same as an HTML snippet to paste into an article, and the claim's evidence as BibTeX, RIS and
CSL-JSON. The ClaimReview ``url`` and publisher come from ``claimtracker.toml`` (``[site]
base_url``, ``[publisher]``), overridden by ``CLAIMTRACKER_BASE_URL`` and
``CLAIMTRACKER_ORGANISATION`` (``Publisher.from_config``).
"""

from __future__ import annotations

import streamlit as st

from claimtracker.dashboard.data import Library, project_config
from claimtracker.exports import (
    CLAIM_DOWNLOADS,
    ExportError,
    Publisher,
    claim_download,
    is_reviewable,
)
from claimtracker.models import Claim


def render_claim_downloads(claim: Claim, library: Library) -> None:
    """The claim page's "Download" section."""
    st.header("Download", anchor=False)
    try:
        publisher = Publisher.from_config(project_config())
    except ExportError as exc:
        st.warning(f"ClaimReview exports are off: {exc}.", icon=":material/warning:")
        publisher = None
    kinds = [
        k
        for k in CLAIM_DOWNLOADS
        if not k.startswith("claimreview") or (publisher and is_reviewable(claim))
    ]
    columns = st.columns(len(kinds))
    for column, kind in zip(columns, kinds, strict=True):
        download = claim_download(kind, claim, library.studies, publisher)
        column.download_button(
            CLAIM_DOWNLOADS[kind],
            **download._asdict(),
            icon=":material/download:",
            key=f"download-{kind}",
        )
    st.caption(
        "ClaimReview is schema.org's fact-check markup; paste the HTML snippet into the article that "
        "publishes this verdict. BibTeX, RIS and CSL-JSON cite the studies linked as evidence."
    )
