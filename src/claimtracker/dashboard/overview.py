"""Overview: the answer at a glance, then one card per claim, grouped by claim family."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from claimtracker.config import load_config
from claimtracker.dashboard.charts import rating_bar
from claimtracker.dashboard.data import Library, load_library
from claimtracker.dashboard.routing import (
    BROWSE,
    link_to,
    link_to_claim,
    open_claim,
    open_study,
    param,
)
from claimtracker.dashboard.text import (
    certainty_text,
    flag_badges,
    md,
    plural,
    rating_badge,
)
from claimtracker.frames import RATING_ORDER, label

#: Cards per family on the overview; the rest are a click away in Browse.
CARDS_PER_FAMILY = 6
COLUMNS = 3


def card_counts(row: Mapping[str, Any]) -> str:
    """The line under each card: ``12 studies · 340 participants``."""
    return f"{plural(int(row['studies']), 'study', 'studies')} · {plural(int(row['participants']), 'participant')}"


def families(claims: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Claim families, the best-studied first; within each, claims by number of studies."""
    order = (
        claims.groupby("group")["studies"]
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    return [
        (
            str(group),
            claims[claims["group"] == group].sort_values(
                ["studies", "participants", "id"], ascending=[False, False, True]
            ),
        )
        for group in order.index
    ]


def summary_sentence(library: Library, claims: pd.DataFrame) -> str:
    """How many claims, studies and people, and how the verdicts fall, in one sentence."""
    studies = library.evidence.loc[
        library.evidence["counted"] & library.evidence["claim"].isin(claims["id"]),
        "study",
    ].nunique()
    counts = claims["rating"].value_counts()
    parts = [
        f"{int(counts.get(r.value, 0))} {label(r)}"
        for r in reversed(RATING_ORDER)
        if counts.get(r.value, 0)
    ]
    return (
        f"We track {plural(len(claims), 'claim')} about {md(load_config(library.root).site.topic)}, tested by "
        f"{plural(int(studies), 'study', 'studies')}. Our verdicts: "
        + ", ".join(parts)
        + "."
    )


@dataclass(frozen=True)
class Family:
    group: str
    size: int
    cards: list[dict[str, Any]]


@dataclass(frozen=True)
class Overview:
    """What the overview shows, worked out once per change of the records."""

    summary: str
    headlines: str
    families: list[Family]
    chart: go.Figure


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def build_overview(library: Library) -> Overview:
    claims = library.published_claims
    grouped = families(claims)
    lines = []
    for group, members in grouped:
        lead = members.iloc[0]
        lines.append(
            f"- **{md(label(group).capitalize())}:** {rating_badge(lead['rating'])} "
            f"{md(lead['proposition'])} ({certainty_text(lead['certainty']) or 'no certainty given'})"
        )
    return Overview(
        summary=summary_sentence(library, claims),
        headlines="\n".join(lines),
        families=[
            Family(group, len(members), _records(members.head(CARDS_PER_FAMILY)))
            for group, members in grouped
        ],
        chart=rating_bar(claims),
    )


def render_overview() -> None:
    claim_id, study_id = param("claim"), param("study")
    if claim_id:
        open_claim(claim_id)
    if study_id:
        open_study(study_id)
    library = load_library()
    st.title("Do they work? What the evidence says")
    if library.published_claims.empty:
        st.info("There are no published claims yet.")
        return
    overview = library.memo("overview", lambda: build_overview(library))
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**In short.** {overview.summary}")
        st.markdown(overview.headlines)
        st.caption(
            "Each card shows our verdict, how sure we are (GRADE certainty), any caveats, "
            "and how many studies and participants stand behind it. Open a claim to see the studies."
        )
    with right:
        st.plotly_chart(
            overview.chart, config={"displayModeBar": False}, key="overview-ratings"
        )
    for family in overview.families:
        st.subheader(label(family.group).capitalize(), anchor=False)
        columns = st.columns(COLUMNS)
        for i, card in enumerate(family.cards):
            with columns[i % COLUMNS], st.container(border=True):
                _card(card)
        if family.size > len(family.cards):
            link_to(
                BROWSE,
                f"All {family.size} claims in {md(label(family.group))}",
                {"group": family.group},
                icon=":material/arrow_forward:",
            )


def _card(row: Mapping[str, Any]) -> None:
    st.markdown(
        f"{rating_badge(row['rating'])} &nbsp; {certainty_text(row['certainty'])}"
    )
    st.markdown(f"**{md(row['proposition'])}**")
    if row["flag_list"]:
        st.markdown(flag_badges(row["flag_list"]))
    st.caption(card_counts(row))
    link_to_claim(str(row["id"]), "See the evidence", icon=":material/arrow_forward:")
