"""Overview: the readers' questions answered in one sentence each, then one card per claim.

The questions and their answers come from :mod:`claimtracker.answers` (``questions.yaml`` at
the data root, answered from the published verdicts). Cards are laid out row by row, so the
tab order follows the reading order, and each card's link is named by its claim.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from claimtracker.answers import Answer
from claimtracker.config import load_config
from claimtracker.dashboard.data import Library, load_library
from claimtracker.dashboard.reader import early_answers
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
    tip,
)
from claimtracker.frames import RATING_ORDER, label

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: Cards per family on the overview; the rest are a click away in Browse.
CARDS_PER_FAMILY = 6
COLUMNS = 3


def card_counts(row: Mapping[str, Any]) -> str:
    """The line under each card: ``12 studies · 340 participants``."""
    return f"{plural(int(row['studies']), 'study', 'studies')} · {plural(int(row['participants']), 'participant')}"


def families(claims: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Claim families, the best-studied first; within each, the surest verdicts first
    (certainty, then rating, then number of studies), so a family leads with what we know
    best: flight socks and clots (high certainty) before standing workers (low)."""
    order = (
        claims.groupby("group")["studies"]
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    ranked = claims.assign(
        _certainty=claims["certainty"].cat.codes, _rating=claims["rating_value"]
    )
    return [
        (
            str(group),
            ranked[ranked["group"] == group]
            .sort_values(
                ["_certainty", "_rating", "studies", "id"],
                ascending=[False, False, False, True],
                kind="stable",
            )
            .drop(columns=["_certainty", "_rating"]),
        )
        for group in order.index
    ]


def summary_sentence(library: Library, claims: pd.DataFrame) -> str:
    """How many claims, studies and people, and how the verdicts fall, in one sentence."""
    studies = library.evidence.loc[
        library.evidence["counted"] & library.evidence["claim"].isin(claims["id"]),
        "study",
    ].nunique()
    return (
        f"We track {plural(len(claims), 'claim')} about {md(load_config(library.root).site.topic)}, tested by "
        f"{plural(int(studies), 'study', 'studies')}. Our verdicts: "
        + verdict_counts(claims)
        + "."
    )


def verdict_counts(claims: pd.DataFrame) -> str:
    """``2 supported, 5 partly supported, 9 unproven ...`` (best first, none left out)."""
    counts = claims["rating"].value_counts()
    return ", ".join(
        f"{int(counts.get(r.value, 0))} {label(r)}"
        for r in reversed(RATING_ORDER)
        if counts.get(r.value, 0)
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
    verdicts: str
    """The ratings chart in words: ``2 supported, 3 partly supported ...``."""
    families: list[Family]
    chart: go.Figure


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def build_overview(library: Library) -> Overview:
    from claimtracker.dashboard.charts import (
        rating_bar,
    )  # plotly: after the first paint

    claims = library.published_claims
    grouped = families(claims)
    return Overview(
        summary=summary_sentence(library, claims),
        verdicts=verdict_counts(claims),
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
    st.title("Do compression socks work? What the evidence says", anchor=False)
    _answers(early_answers())  # drawn before the library is built (a cold start)
    library = load_library()
    if library.published_claims.empty:
        st.info("There are no published claims yet.")
        return
    overview = library.memo("overview", lambda: build_overview(library))
    st.header("All the claims we track", anchor=False)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**In short.** {overview.summary}")
        st.caption(
            "Each card shows our verdict, how sure we are (the certainty of the evidence), "
            "any caveats, and how many studies and participants stand behind it. Open a "
            "claim to see the studies.",
            help=tip("certainty"),
        )
    with right:
        st.markdown("**How the verdicts fall**")
        st.plotly_chart(
            overview.chart, config={"displayModeBar": False}, key="overview-ratings"
        )
        st.caption(f"The chart in words: claims rated {overview.verdicts}.")
    for family in overview.families:
        st.subheader(label(family.group).capitalize(), anchor=False)
        for start in range(0, len(family.cards), COLUMNS):
            # One row of columns per row of cards: the tab order then runs row by row.
            row = family.cards[start : start + COLUMNS]
            for column, card in zip(st.columns(COLUMNS), row, strict=False):
                with column, st.container(border=True):
                    _card(card)
        if family.size > len(family.cards):
            link_to(
                BROWSE,
                f"All {family.size} claims in {md(label(family.group))}",
                {"group": family.group},
                icon=":material/arrow_forward:",
            )


def _answers(found: list[Answer]) -> None:
    """The questions readers ask, each with its one-sentence answer and a link."""
    if not found:
        return
    st.header("The short answers", anchor=False)
    for a in found:
        with st.container(border=True):
            st.subheader(md(a.question), anchor=False)
            rest = a.sentence.removeprefix(f"{a.answer}: ")
            st.markdown(
                f"{rating_badge(a.rating)} **{md(a.answer)}:** {md(rest)}",
                help=tip(a.verdict, *(p.label for p in a.parts)),
            )
            link_to_claim(a.claim_id, a.link_label, icon=":material/arrow_forward:")


def _card(row: Mapping[str, Any]) -> None:
    st.markdown(
        f"{rating_badge(row['rating'])} &nbsp; {certainty_text(row['certainty'])}",
        help=tip(certainty_text(row["certainty"]), *row["flag_list"]),
    )
    link_to_claim(str(row["id"]), str(row["proposition"]))
    if row["flag_list"]:
        st.markdown(flag_badges(row["flag_list"]))
    st.caption(card_counts(row))
