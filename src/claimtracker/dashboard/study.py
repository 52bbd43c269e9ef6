"""Study page: citation, who took part, what they wore, how it was run, what it found.

Address: ``study?study=<id>``.
"""

from __future__ import annotations

import streamlit as st

from claimtracker import frames
from claimtracker.dashboard.data import Library, load_library
from claimtracker.dashboard.reader import glossary
from claimtracker.dashboard.routing import (
    PROBLEMS,
    link_to,
    link_to_claim,
    link_to_study,
    open_study,
    param,
    set_title,
)
from claimtracker.dashboard.text import (
    doi_url,
    md,
    md_link,
    rating_badge,
    show,
    tip,
)
from claimtracker.frames import label
from claimtracker.models import Integrity, Study

OUTCOME_COLUMNS = {
    "name": "outcome",
    "domain": "domain",
    "measure": "measure",
    "direction": "direction",
    "effect": "effect",
    "timepoint": "when",
    "reported": "as reported",
}


def render_study() -> None:
    library = load_library()
    study_id = param("study")
    study = library.studies.get(study_id) if study_id else None
    if study is None:
        if study_id:
            _not_found(library, study_id)
        _picker(library)
        return
    set_title(frames.study_label(study), "Study")
    _header(study)
    _facts(study)
    _includes(study, library)
    _outcomes(study)
    _claims(study, library)


def _not_found(library: Library, study_id: str) -> None:
    if f"studies/{study_id}.yaml" in set(library.problems["path"]):
        st.error(
            f"The record for study '{md(study_id)}' has problems and is left out until they are fixed."
        )
        link_to(PROBLEMS, "See the data problems", icon=":material/report:")
    else:
        st.error(f"There is no study '{md(study_id)}'. Choose one below.")


def _picker(library: Library) -> None:
    st.title("Studies", anchor=False)
    table = library.study_table.sort_values(["label", "id"])
    names = {
        sid: f"{lab}: {title}"
        for sid, lab, title in zip(
            table["id"], table["label"], table["title"], strict=True
        )
    }
    chosen = st.selectbox(
        "Open a study",
        list(names),
        index=None,
        format_func=lambda sid: names.get(sid, sid),
        placeholder="Choose or type to search…",
    )
    if chosen:
        open_study(chosen)


def citation(study: Study) -> str:
    """``Surname, A.; Other, B. (2015). Title. Journal, 10(1), 76-83.`` as escaped Markdown."""
    authors = "; ".join(study.authors) + (" et al." if study.authors_truncated else "")
    text = f"{authors} ({study.year}). " if authors else f"({study.year}). "
    title = study.title.strip()
    text = md(text) + " " + md(title) + ("" if title.endswith((".", "?", "!")) else ".")
    if study.journal:
        where = f" *{md(study.journal)}*"
        if study.volume:
            where += f", {md(study.volume)}"
            if study.issue:
                where += f"\\({md(study.issue)}\\)"
        if study.pages:
            where += f", {md(study.pages)}"
        text += where + "."
    return text


def _header(study: Study) -> None:
    st.title(md(study.title), anchor=False)
    st.markdown(citation(study))
    links = []
    if study.doi:
        links.append(md_link(f"doi:{study.doi}", doi_url(study.doi)))
    if study.pmid:
        links.append(
            md_link(
                f"PubMed {study.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{study.pmid}/"
            )
        )
    if study.pmcid:
        links.append(
            md_link(
                study.pmcid, f"https://pmc.ncbi.nlm.nih.gov/articles/{study.pmcid}/"
            )
        )
    if study.url:
        links.append(md_link("read the paper", study.url))
    # Links in full-strength text: in a caption their colour fades below 4.5:1 contrast.
    st.markdown(" · ".join(links + [f"study id: {md(study.id)}"]))
    integrity = study.integrity
    if integrity.status is not Integrity.PUBLISHED:
        note = f"This study is **{md(label(integrity.status))}**"
        note += f" ({integrity.date.isoformat()})" if integrity.date else ""
        note += f": {md(integrity.note)}" if integrity.note else "."
        if integrity.url:
            note += " " + md_link("Read the notice", integrity.url)
        if integrity.status is Integrity.RETRACTED:
            st.error(
                note + " It is left out of every verdict.", icon=":material/block:"
            )
        else:
            st.warning(note, icon=":material/warning:")
    if study.status.value != "published":
        st.info(f"This study record is {md(label(study.status))}.")
    show(study.summary)


def _facts(study: Study) -> None:
    p, g, rob, f = study.participants, study.garment, study.risk_of_bias, study.funding
    people = f"{p.n:,}" if p.n is not None else "number not reported"
    people += f" (population: {label(p.population)}"
    people += f", {label(p.sex)})" if p.sex.value != "not-reported" else ")"
    garment = label(g.type)
    if g.pressure_mmhg:
        garment += ", " + "–".join(f"{x:g}" for x in g.pressure_mmhg) + " mmHg"
    elif g.pressure_note:
        garment += f", {g.pressure_note}"
    garment += f", worn {label(g.worn)}" if g.worn.value != "not-reported" else ""
    review = ""
    if study.is_review and study.included_studies is not None:
        review = f" of {study.included_studies} studies"
    funding = f.source or "not reported"
    if f.industry is True:
        funding += " (industry funded or tied)"
    rows = [
        ("Design", glossary().name(study.design) + review),
        ("Participants", people),
        ("Who", p.description or ""),
        ("Garment", garment),
        (
            "Compared with",
            label(study.comparator)
            + (f": {study.comparator_note}" if study.comparator_note else ""),
        ),
        ("Blinding", label(study.blinding)),
        ("Risk of bias", label(rob.rating) + (f": {rob.note}" if rob.note else "")),
        ("Funding", funding),
        ("Conflicts", f.conflicts or ""),
    ]
    st.markdown(
        "\n".join(f"- **{name}:** {md(value)}" for name, value in rows if value),
        help=tip(*(value for _, value in rows)),
    )


def _includes(study: Study, library: Library) -> None:
    tracked = [sid for sid in study.includes if sid in library.studies]
    if tracked:
        st.markdown(f"**This review includes {len(tracked)} of the studies we track:**")
        columns = st.columns(3)
        for i, sid in enumerate(tracked):
            with columns[i % 3]:
                link_to_study(
                    sid,
                    frames.study_label(library.studies[sid]),
                    icon=":material/article:",
                )


def _outcomes(study: Study) -> None:
    st.header(f"Outcomes ({len(study.outcomes)})", anchor=False)
    table = frames.outcomes_frame({study.id: study})
    if table.empty:
        st.caption("No outcomes recorded.")
        return
    shown = table[list(OUTCOME_COLUMNS)].rename(columns=OUTCOME_COLUMNS)
    st.dataframe(
        shown,
        hide_index=True,
        alt=f"The study's outcomes: {len(shown)} rows",
        column_config={
            "effect": st.column_config.TextColumn(help=tip("SMD MD OR RR HR 95% CI")),
            "measure": st.column_config.TextColumn(help=tip("self-reported objective")),
        },
    )
    with st.expander("The outcomes in words"):
        st.markdown(
            "\n".join(
                f"- **{md(r['outcome'])}** ({md(label(r['domain']))}, {md(label(r['measure']))}): "
                f"{md(label(r['direction']))}"
                + (f"; {md(r['effect'])}" if r["effect"] else "")
                + (f"; {md(r['when'])}" if r["when"] else "")
                for r in shown.fillna("").to_dict("records")
            )
        )


def _claims(study: Study, library: Library) -> None:
    cited = library.evidence[library.evidence["study"] == study.id]
    ids = list(dict.fromkeys(cited["claim"]))
    st.header(f"Claims it informs ({len(ids)})", anchor=False)
    if not ids:
        st.caption("No claim cites this study yet.")
    for cid in ids:
        row = library.claim_row(cid)
        outcomes = ", ".join(cited.loc[cited["claim"] == cid, "name"])
        st.markdown(f"{rating_badge(row['rating'])} · outcomes: {md(outcomes)}")
        link_to_claim(cid, str(row["proposition"]), icon=":material/format_quote:")
    if study.notes:
        with st.expander("Editorial notes"):
            show(study.notes)
    if study.sources:
        with st.expander("Where these facts were checked"):
            st.markdown("\n".join(f"- {md_link(u, u)}" for u in study.sources))
