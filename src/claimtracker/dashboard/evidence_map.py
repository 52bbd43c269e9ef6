"""Evidence map: claims x outcome domains, marker size = studies, colour = direction or rating.

Address: ``map?colour=direction|rating&group=<family>...&all=1``. Choosing a marker (or a
claim in the list under the chart) opens the claim; the table below is the chart in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from claimtracker.chartframes import map_table
from claimtracker.dashboard.charts import evidence_map
from claimtracker.dashboard.data import Library, load_library
from claimtracker.dashboard.routing import (
    current_params,
    open_claim,
    params,
    set_params,
)
from claimtracker.dashboard.text import md, plural
from claimtracker.frames import label

#: Claims drawn by default (the best-studied); "show all" lifts it.
DEFAULT_CLAIMS = 30
KEY = "map:"


def render_evidence_map() -> None:
    library = load_library()
    cells = library.evidence_map
    st.title("Evidence map", anchor=False)
    st.caption(
        "Each row is a claim, each column a kind of outcome. A marker means studies measured "
        "that outcome for that claim; its size and number give how many studies, its colour "
        "what they found (or our rating of the claim). Choose a marker to open the claim."
    )
    if cells.empty:
        st.info("No claim has linked study outcomes yet.")
        return
    url_colour = (params("colour") or ["direction"])[0]
    url_groups = params("group")
    groups = sorted(
        set(
            cells.merge(
                library.claim_table[["id", "group"]], left_on="claim", right_on="id"
            )["group"]
        )
    )
    if st.session_state.get(KEY + "url") != current_params():
        st.session_state[KEY + "colour"] = (
            "Rating" if url_colour == "rating" else "Direction of results"
        )
        st.session_state[KEY + "group"] = [g for g in url_groups if g in groups]
        st.session_state[KEY + "all"] = bool(params("all"))
    left, middle, right = st.columns([2, 3, 1])
    with left:
        colour = st.radio(
            "Colour by",
            ["Direction of results", "Rating"],
            horizontal=True,
            key=KEY + "colour",
        )
    with middle:
        chosen = st.multiselect(
            "Families",
            groups,
            key=KEY + "group",
            format_func=label,
            placeholder="all families",
        )
    with right:
        show_all = st.toggle("Show all claims", key=KEY + "all")

    colour_by = "rating" if colour == "Rating" else "direction"
    view = library.memo(
        f"map:{colour_by}:{'|'.join(sorted(chosen))}:{show_all}",
        lambda: build_view(library, colour_by, chosen, show_all),
    )
    shown, total = view.cells, view.total

    set_params(
        {
            "colour": "rating" if colour == "Rating" else None,
            "group": chosen,
            "all": "1" if show_all else None,
        }
    )
    st.session_state[KEY + "url"] = current_params()
    st.markdown(
        f"**{plural(view.claims, 'claim')} shown**"
        + (
            f" of {total} (the best-studied; switch on “Show all claims” for the rest)"
            if view.claims < total
            else ""
        )
    )
    # On a phone the chart is hidden and the list below is the map (style.py).
    with st.container(key="map-phone-note"):
        st.caption("On a small screen the map is shown as a list: see below.")
    with st.container(key="map-scroll"):
        event = st.plotly_chart(
            view.figure,
            on_select="rerun",
            selection_mode="points",
            key=KEY + "chart",
            config={"displayModeBar": False},
            alt=(
                f"Evidence map of {plural(view.claims, 'claim')} by kind of outcome; "
                "the same map is given as a list below."
            ),
        )
    points = event.selection.points if event else []
    if points:
        data = points[0].get("customdata")
        if data:
            st.session_state.pop(KEY + "url", None)
            open_claim(str(data[0]))
    names = dict(zip(shown["claim"], shown["proposition"], strict=False))
    picked = st.selectbox(
        "Open a claim from the map",
        list(names),
        index=None,
        format_func=lambda c: names.get(c, c),
        placeholder="Choose a claim…",
        key=KEY + "open",
    )
    if picked:
        st.session_state.pop(KEY + "url", None)
        open_claim(picked)
    st.header("The map as a list", anchor=False)
    st.markdown(view.words)


@dataclass(frozen=True)
class MapView:
    """The drawn part of the map for one choice of controls, kept per library."""

    cells: pd.DataFrame
    claims: int
    total: int
    figure: go.Figure
    table: pd.DataFrame
    words: str
    """The map as a Markdown list: every claim, every kind of outcome, in full."""


def build_view(
    library: Library, colour_by: str, groups: Sequence[str], show_all: bool
) -> MapView:
    cells = library.evidence_map
    by_claim = (
        cells.groupby("claim", sort=False)["studies"]
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    if groups:
        keep = set(
            library.claim_table.loc[library.claim_table["group"].isin(groups), "id"]
        )
        by_claim = by_claim[by_claim.index.isin(keep)]
    total = len(by_claim)
    if not show_all:
        by_claim = by_claim.head(DEFAULT_CLAIMS)
    shown = cells[cells["claim"].isin(by_claim.index)]
    shown = shown.set_index("claim").loc[by_claim.index].reset_index()
    table = map_table(shown)
    return MapView(
        shown,
        len(by_claim),
        total,
        evidence_map(shown, colour_by),
        table,
        map_words(table, shown),
    )


def map_words(table: pd.DataFrame, cells: pd.DataFrame) -> str:
    """One item per claim (our rating, then each kind of outcome and what it found)."""
    ratings = dict(zip(cells["claim"], cells["rating"], strict=False))
    claims = list(dict.fromkeys(cells["claim"]))
    lines = []
    for claim, row in zip(claims, table.to_dict("records"), strict=True):
        found = [
            f"{md(str(domain).capitalize())}: {md(text)}"
            for domain, text in row.items()
            if domain != "claim" and text
        ]
        rating = label(ratings.get(claim, "")) or "no verdict"
        lines.append(
            f"- **{md(row['claim'])}** (rated {md(rating)})  \n  " + "; ".join(found)
        )
    return "\n".join(lines)
