"""Download buttons: a claim's exports on the claim page, and the tables readers browse.

Every table a reader can download goes through the project's guarded CSV exporter
(:func:`claimtracker.exports.table_download`); Streamlit's own "Download as CSV" in the
dataframe toolbar is turned off for the whole app (``client.disableDataExport``).

One button per claim export (:data:`claimtracker.exports.CLAIM_DOWNLOADS`): ClaimReview JSON-LD, the
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
    table_download,
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


def render_table_download(table: str, ids: list[str], library: Library) -> None:
    """A button that downloads these claims or studies (``table``) as guarded CSV.

    The CSV is made only when the button is pressed (Streamlit's deferred download), so
    drawing the page costs nothing at 10,000 studies."""
    wanted = list(ids)

    def csv_bytes() -> bytes:
        if table == "claims":
            claims = {i: library.claims[i] for i in wanted if i in library.claims}
            return table_download(
                "claims", claims, library.studies, library.assessments
            ).data
        studies = {i: library.studies[i] for i in wanted if i in library.studies}
        return table_download("studies", library.claims, studies).data

    count = len(wanted)
    noun = ("claim", "claims") if table == "claims" else ("study", "studies")
    st.download_button(
        f"Download {'this' if count == 1 else 'these'} {count:,} "
        f"{noun[0] if count == 1 else noun[1]} (CSV)",
        data=csv_bytes,
        file_name=f"{table}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"download-table-{table}",
        help="Every column of the table; text a spreadsheet could run as a formula "
        "starts with an apostrophe.",
    )
