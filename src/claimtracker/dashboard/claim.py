"""Claim page: the proposition, who makes it, our verdict and the engine's, and the evidence.

Address: ``claim?claim=<id>``. Other parts of the app add a section to this page by listing a
``"module:function"`` in :data:`SECTIONS`; the function is called with the claim and the
library, after the evidence (for example the writers' export buttons).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from claimtracker import chartframes
from claimtracker.dashboard.charts import forest_plot
from claimtracker.dashboard.data import Library, load_library
from claimtracker.dashboard.editor import edit_link
from claimtracker.dashboard.reader import glossary
from claimtracker.dashboard.routing import (
    PROBLEMS,
    link_to,
    link_to_study,
    open_claim,
    open_study,
    param,
    resolve,
    set_title,
)
from claimtracker.dashboard.text import (
    certainty_meaning,
    certainty_text,
    flag_badges,
    flag_meaning,
    md,
    md_block,
    md_link,
    plural,
    rating_badge,
    rating_meaning,
    show,
    tip,
)
from claimtracker.frames import label
from claimtracker.models import Claim, Status
from claimtracker.problems import ClaimtrackerError

#: Extra sections, each ``"module:function"`` taking ``(claim, library)``.
SECTIONS: list[str] = ["downloads:render_claim_downloads"]

EVIDENCE_COLUMNS = {
    "study_label": "study",
    "name": "outcome",
    "direction": "direction",
    "effect": "effect",
    "design": "design",
    "n": "n",
    "population": "population",
    "garment": "garment",
    "blinding": "blinding",
    "risk_of_bias": "risk of bias",
    "integrity": "status",
}


def render_claim() -> None:
    library = load_library()
    claim_id = param("claim")
    claim = library.claims.get(claim_id) if claim_id else None
    if claim is None:
        if claim_id:
            _not_found(library, claim_id)
        _picker(library)
        return
    set_title(claim.proposition, "Claim")
    _header(claim, library)
    edit_link("claims", claim.id)  # for a signed-in editor only
    _verdict(claim, library)
    _appearances(claim)
    _evidence(claim, library)
    _history(claim)
    for target in SECTIONS:
        resolve(target)(claim, library)  # type: ignore[call-arg]


def _not_found(library: Library, claim_id: str) -> None:
    path = f"claims/{claim_id}.yaml"
    if path in set(library.problems["path"]):
        st.error(
            f"The record for claim '{md(claim_id)}' has problems and is left out until they are fixed."
        )
        link_to(PROBLEMS, "See the data problems", icon=":material/report:")
    else:
        st.error(f"There is no claim '{md(claim_id)}'. Choose one below.")


def _picker(library: Library) -> None:
    st.title("Claims", anchor=False)
    claims = library.published_claims.sort_values("proposition")
    names = dict(zip(claims["id"], claims["proposition"], strict=True))
    chosen = st.selectbox(
        "Open a claim",
        list(names),
        index=None,
        format_func=lambda cid: names.get(cid, cid),
        placeholder="Choose or type to search…",
    )
    if chosen:
        open_claim(chosen)


def public_page(claim: Claim) -> str | None:
    """The claim's page on the static site (``claimtracker site build``):
    ``{[site] base_url}/claim/<id>/``, the address its ClaimReview gives; none for drafts."""
    from claimtracker.dashboard.data import project_config
    from claimtracker.exports import Publisher

    if claim.status is Status.DRAFT:
        return None
    try:
        publisher = Publisher.from_config(project_config())
    except ClaimtrackerError:
        return None
    return dataclasses.replace(publisher, permalinks="path").claim_url(claim.id)


def _header(claim: Claim, library: Library) -> None:
    st.title(md(claim.proposition), anchor=False)
    about = claim.about
    st.caption(
        f"{md(label(claim.group).capitalize())} · about {md(', '.join(label(p) for p in about.populations))}"
        f" wearing {md(', '.join(label(g) for g in about.garments))} · claim id: {md(claim.id)}"
    )
    page = public_page(claim)
    if page:  # a link of its own, not in the caption's faded colour
        st.markdown(md_link("The public page of this claim", page))
    if claim.status is Status.WITHDRAWN:
        st.warning(
            "This claim has been withdrawn: " + md(claim.withdrawn_reason or ""),
            icon=":material/block:",
        )
    elif claim.status is Status.DRAFT:
        st.info(
            "This claim is a draft: its verdict is not published yet.",
            icon=":material/edit:",
        )
    if claim.aliases:
        st.markdown(
            "**Also said as:** " + " · ".join(f"“{md(a)}”" for a in claim.aliases)
        )


def _verdict(claim: Claim, library: Library) -> None:
    verdict = claim.verdict
    row = library.claim_row(claim.id)
    st.header("Our verdict", anchor=False)
    if verdict is None:
        st.info("No verdict yet.")
    else:
        st.markdown(
            f"### {rating_badge(verdict.rating)} &nbsp; {certainty_text(verdict.certainty)}",
            help=tip(
                label(verdict.rating),
                certainty_text(verdict.certainty),
                *(label(f) for f in verdict.flags),
            ),
        )
        st.markdown(
            f"**{md(label(verdict.rating).capitalize())}** means {md(rating_meaning(verdict.rating))}. "
            f"**{md(label(verdict.certainty).capitalize())} certainty:** {md(certainty_meaning(verdict.certainty))}."
        )
        if verdict.flags:
            st.markdown(flag_badges(verdict.flags))
            st.markdown(
                "\n".join(
                    f"- **{md(label(f))}:** {md(flag_meaning(f))}"
                    for f in verdict.flags
                )
            )
        show(verdict.summary)
        st.caption(
            f"{plural(int(row['studies']), 'study', 'studies')} · "
            f"{plural(int(row['participants']), 'participant')} · reviewed {verdict.reviewed.isoformat()} "
            f"by {md(verdict.reviewer)}"
        )
    assessed = library.assessment(claim.id)
    sentence = (verdict.safe_wording if verdict else None) or getattr(
        assessed, "safe_sentence", None
    )
    if sentence:
        st.markdown("**What you can safely say** (the box has a copy button):")
        st.code(str(sentence), language=None, wrap_lines=True)
    _engine(claim, assessed, bool(row["drift"]))


def _engine(claim: Claim, assessed: Any, drift: bool) -> None:
    if assessed is None:
        return
    rating, certainty = (
        getattr(assessed, "rating", None),
        getattr(assessed, "certainty", None),
    )
    reasons = list(getattr(assessed, "reasons", None) or [])
    flags = list(getattr(assessed, "flags", None) or [])
    lines = [f"- {md(getattr(r, 'text', r))}" + _reason_studies(r) for r in reasons]
    summary = (
        f"{rating_badge(rating)} &nbsp; {certainty_text(certainty)}"
        if rating is not None
        else "not assessable from study evidence (for example a claim about history or a product)"
    )
    if drift:
        st.warning(
            "**The evidence engine reaches a different verdict**, so this claim is flagged "
            "for review by the editors.",
            icon=":material/compare_arrows:",
        )
        st.markdown(
            f"**Engine's assessment:** {summary} {flag_badges(flags)}",
            help=tip("evidence engine"),
        )
    with st.expander(
        f"How the evidence engine rates it ({plural(len(lines), 'step')})"
    ):
        if not drift:
            st.markdown(f"**Engine's assessment:** {summary} {flag_badges(flags)}")
        st.markdown("\n".join(lines) or "The engine gave no reasons.")


def _reason_studies(reason: Any) -> str:
    """The studies behind a reason that its text does not already name."""
    text = str(getattr(reason, "text", ""))
    studies = [s for s in getattr(reason, "studies", None) or [] if str(s) not in text]
    if not studies:
        return ""
    more = ", …" if len(studies) > 12 else ""
    return " (" + md(", ".join(str(s) for s in studies[:12])) + more + ")"


def _appearances(claim: Claim) -> None:
    st.header(f"Who says it ({len(claim.appearances)})", anchor=False)
    if not claim.appearances:
        st.caption("No appearances recorded.")
    for a in claim.appearances:
        who = md(claimant_text(a.claimant, label(a.claimant_type), a.product))
        where = (
            md_link(f"source: {a.claimant}", a.url)
            if a.url
            else md(source_text(a.source or ""))
        )
        seen = f"seen {md(a.seen)}" if a.seen else ""
        st.markdown(f"**{who}** · " + " · ".join(x for x in (where, seen) if x))
        if a.quote:
            st.markdown("> “" + md(a.quote) + "”")
        elif a.paraphrase:
            st.markdown("> " + md(a.paraphrase) + " *(paraphrased)*")
    if claim.rulings:
        st.header("Regulators' rulings", anchor=False)
        for r in claim.rulings:
            head = f"**{md(r.body)}** on {md(r.subject)}: {md(label(r.outcome))}"
            if r.date:
                head += f" ({md(r.date)})"
            if r.url:
                head += " · " + md_link("ruling", r.url)
            st.markdown(head)
            st.markdown(md_block(r.summary))


def claimant_text(claimant: str, kind: str, product: str | None = None) -> str:
    """``Larry (blog author)``; the kind is left out when the name already says what the
    claimant is (``Larry (blog post author)``), and a product follows after a comma."""
    name = " ".join(claimant.split())
    shown = name if name.endswith(")") else f"{name} ({kind})"
    if product:
        shown = (
            shown[:-1] + f", {product})"
            if shown.endswith(")")
            else f"{shown}, {product}"
        )
    return shown


def source_text(source: str) -> str:
    """Where a claim was seen, without file paths of this repository (``(reference/x.txt)``)."""
    return re.sub(r"\s*\((?:[\w.-]+/)+[\w.-]+\)", "", " ".join(source.split())).strip()


def evidence_views(
    claim_id: str, library: Library
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The claim's evidence rows, the table shown and one row per study (kept per claim)."""
    rows = library.evidence[library.evidence["claim"] == claim_id]
    table = rows[list(EVIDENCE_COLUMNS)].rename(columns=EVIDENCE_COLUMNS)
    return rows, table, rows.drop_duplicates("study")


def _evidence(claim: Claim, library: Library) -> None:
    rows, table, studies = library.memo_recent(
        f"evidence:{claim.id}", lambda: evidence_views(claim.id, library)
    )
    st.header(
        f"The evidence ({plural(rows['study'].nunique(), 'study', 'studies')})",
        anchor=False,
    )
    if rows.empty:
        st.caption("No study outcomes are linked to this claim yet.")
        return
    words = glossary(library)
    shown = table.assign(design=[words.name(d) for d in table["design"]])
    picked = st.dataframe(
        shown,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=f"evidence-{claim.id}",
        alt=f"The studies behind this claim: {plural(len(table), 'outcome')}",
        column_config={
            "n": st.column_config.NumberColumn("n", format="%d", help="participants"),
            "effect": st.column_config.TextColumn(help=tip("SMD MD OR RR HR 95% CI")),
            "design": st.column_config.TextColumn(
                help=tip("randomised controlled trial, crossover trial, meta-analysis")
            ),
            "blinding": st.column_config.TextColumn(help=tip("blinding")),
            "risk of bias": st.column_config.TextColumn(help=tip("risk of bias")),
        },
    )
    chosen = picked.selection.rows if picked else []
    if chosen:
        open_study(str(rows.iloc[chosen[0]]["study"]))
    st.caption("Select a row to open the study, or use the links below.")
    items = list(studies.itertuples(index=False))
    for start in range(0, len(items), 3):  # row by row, so the tab order reads across
        for column, r in zip(st.columns(3), items[start : start + 3], strict=False):
            with column:
                link_to_study(
                    str(r.study), str(r.study_label), icon=":material/article:"
                )
    _forest(claim, library, rows)


def forest_views(
    claim: Claim, library: Library, rows: pd.DataFrame
) -> list[tuple[str, go.Figure, pd.DataFrame]]:
    """(heading, figure, table) for each forest plot of a claim."""
    return [
        (group, forest_plot(part), chartframes.forest_table(part))
        for group, part in chartframes.forest_groups(rows, library.assessment(claim.id))
    ]


def _forest(claim: Claim, library: Library, rows: pd.DataFrame) -> None:
    views = library.memo_recent(
        f"forest:{claim.id}", lambda: forest_views(claim, library, rows)
    )
    if not views:
        st.caption(
            "None of the linked outcomes reports an effect with a confidence interval, so there is no forest plot."
        )
        return
    st.header("Forest plot", anchor=False)
    st.caption(
        "Each square is one study's effect with its 95% confidence interval; a black diamond "
        "is the pooled estimate (random effects) where two or more studies report the same "
        "measure. Each study's name is written above its line.",
        help=tip("forest plot", "95% CI", "pooled estimate", "random effects"),
    )
    for group, figure, table in views:
        st.subheader(md(group), anchor=False)
        favours = str(figure.layout.meta or "") if figure.layout.meta else ""
        if favours:
            st.caption(md(favours), help=tip(group))
        st.plotly_chart(
            figure,
            config={"displayModeBar": False},
            key=f"forest-{group}",
            alt=f"Forest plot: {group}. The table below gives every row in words.",
        )
        with st.expander(f"The forest plot in words: {group}"):
            st.markdown(_forest_words(table))


def _forest_words(table: pd.DataFrame) -> str:
    """Every row of a forest plot as a line of text: the chart's text equivalent."""
    lines = []
    for row, estimate, weight in zip(
        table["row"], table["estimate (95% CI)"], table["weight"], strict=True
    ):
        text = f"- {md(row)}: {md(estimate)}"
        if pd.notna(weight):
            text += f" (weight {float(weight):.2f})"
        lines.append(text)
    return "\n".join(lines)


def _history(claim: Claim) -> None:
    st.header("Verdict history", anchor=False)
    if not claim.history:
        st.caption("No changes recorded.")
        return
    # Newest first; of two changes on one day, the one written later in the file first.
    newest_first = sorted(reversed(claim.history), key=lambda h: h.date, reverse=True)
    st.markdown(
        "\n".join(
            f"- **{h.date.isoformat()}** {rating_badge(h.rating)} {certainty_text(h.certainty)}"
            f" · {md(h.editor)}: {md(h.reason)}"
            for h in newest_first
        )
    )
