"""Methods: the rating scale, certainty levels and flags in plain words.

Generated from the definitions the engine and the records use (``models.RATING_MEANINGS``,
``CERTAINTY_MEANINGS``, ``FLAG_MEANINGS``) and, when the engine publishes them, its rule
descriptions, so this page cannot drift from what the verdicts mean.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from claimtracker.dashboard.reader import glossary
from claimtracker.dashboard.text import CERTAINTY_SYMBOL, md, rating_badge
from claimtracker.frames import RATING_ORDER, label
from claimtracker.models import (
    CERTAINTY_MEANINGS,
    CERTAINTY_ORDER,
    FLAG_MEANINGS,
    RATING_MEANINGS,
    RATING_VALUES,
)

#: Names the engine module may publish its rule descriptions under.
RULE_ATTRIBUTES = ("RULE_DESCRIPTIONS", "RULES", "DOWNGRADES")


def engine_rules() -> list[tuple[str, str]]:
    """(name, plain-words description) of each engine rule, if the engine publishes them."""
    try:
        from claimtracker import grading
    except Exception:
        return []
    for attribute in RULE_ATTRIBUTES:
        found: Any = getattr(grading, attribute, None)
        if found:
            return list(_pairs(found))
    return []


def _pairs(found: Any) -> Iterable[tuple[str, str]]:
    """(name, description) from a mapping, a list of pairs, or a list of rule objects."""
    items = list(found.items()) if hasattr(found, "items") else list(found)
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            name, value = item
        else:
            name, value = item, item
        if isinstance(value, str):
            yield label(name), value
        else:
            title = (
                getattr(value, "name", None) or getattr(value, "title", None) or name
            )
            text = (
                getattr(value, "description", None)
                or getattr(value, "text", None)
                or value
            )
            yield label(title), str(text)


def render_methods() -> None:
    st.title("How we rate claims", anchor=False)
    st.markdown(
        "Every claim is linked to the study outcomes that test it. Editors set a **rating** "
        "(how well the evidence backs the claim) and a **certainty** (how sure we can be, "
        "following GRADE), add **flags** for caveats, and explain their reasons. An evidence "
        "engine re-derives rating, certainty and flags from the linked studies; where it "
        "disagrees with the editors, the claim page says so and the claim goes to review."
    )
    st.header("Ratings", anchor=False)
    st.markdown(
        "\n".join(
            f"- {rating_badge(r)} (**{RATING_VALUES[r]}** of 5): {md(RATING_MEANINGS[r])}"
            for r in reversed(RATING_ORDER)
        )
    )
    st.header("Certainty of the evidence (GRADE)", anchor=False)
    st.markdown(
        "\n".join(
            f"- **{label(c)}** ({CERTAINTY_SYMBOL[c]} in GRADE's notation): {md(CERTAINTY_MEANINGS[c])}"
            for c in reversed(CERTAINTY_ORDER)
        )
    )
    st.markdown(
        "Randomised trials start at high certainty, other designs at low. The evidence is "
        "rated down one step (two if very serious) for risk of bias, inconsistency, "
        "indirectness, imprecision, and publication or funding concerns. The wording we "
        "suggest follows GRADE: high certainty “reduces”, moderate “probably reduces”, low "
        "“may reduce”, very low “the evidence is very uncertain whether”."
    )
    st.header("Flags", anchor=False)
    st.markdown(
        "\n".join(
            f"- :gray-badge[caveat: {label(f)}]: {md(meaning)}"
            for f, meaning in FLAG_MEANINGS.items()
        )
    )
    rules = engine_rules()
    if rules:
        st.header("The engine's rules", anchor=False)
        st.markdown("\n".join(f"- **{md(name)}:** {md(text)}" for name, text in rules))
    st.header("How we count", anchor=False)
    st.markdown(
        "- **Studies** on a claim are the distinct studies linked to it, leaving out retracted "
        "studies and unfinished (draft) records.\n"
        "- **Participants** add up those studies' sizes, counting each person once as far as "
        "the records tell: a trial included in a linked review is covered by the review's number.\n"
        "- The **forest plots** show each study's effect with its 95% confidence interval; "
        "a diamond is a random-effects pooled estimate (DerSimonian-Laird) of two or more "
        "independent studies reporting the same measure.\n"
        "- **Colours** are colour-blind safe (blue for support, grey for unproven, orange and "
        "red against), and every colour has its words beside it."
    )
    st.header("Glossary", anchor=False)
    st.markdown(
        "The terms these pages use, in plain words. Elsewhere, the ⓘ beside a line "
        "explains the terms in it."
    )
    terms = sorted(glossary().terms, key=lambda t: t.term.lower())
    st.markdown(
        "\n".join(
            f"- **{md(t.term)}**"
            + (f" (also: {md(', '.join(t.also))})" if t.also else "")
            + f": {md(t.meaning)}"
            for t in terms
        )
    )
