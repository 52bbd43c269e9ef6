"""Browse and search: claims or studies, one search over both, filters kept in the URL.

Address: ``browse?table=claims|studies&q=<words>&<filter>=<value>...`` (a filter may repeat,
``year=2005-2020`` is a range, ``sort=<column>``, ``view=table``). The address is the state:
a reload or a shared link shows the same rows.

The search is :mod:`claimtracker.search` (synonyms, stemming, typos) over claims and studies
at once: a query that finds nothing here but something in the other table says so and links
there. Results are a list of links (each opens with Enter, and reads on a phone); the dense
table, whose rows open when selected, is one switch away. Filters sit folded under the search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import pandas as pd
import streamlit as st

from claimtracker import frames
from claimtracker.dashboard.data import load_library
from claimtracker.dashboard.downloads import render_table_download
from claimtracker.dashboard.reader import glossary, search_index
from claimtracker.dashboard.routing import (
    current_params,
    link_to_claim,
    link_to_study,
    open_claim,
    open_study,
    set_params,
)
from claimtracker.dashboard.text import certainty_text, md, plural, rating_badge
from claimtracker.frames import label
from claimtracker.models import (
    OUTCOME_DOMAINS,
    Certainty,
    Design,
    Flag,
    GarmentType,
    Population,
    Rating,
)
from claimtracker.search import Kind, SearchResult

#: Rows sent to the browser at most; the count says how many matched.
MAX_ROWS = 1000
#: Results listed as links at first; "Show more" adds as many again.
PAGE_SIZE = 25
FILTER_COLUMNS = 4
KEY = "browse:"


@dataclass(frozen=True)
class Filter:
    name: str  # query parameter and widget key
    title: str
    column: str
    options: tuple[str, ...]


CLAIM_FILTERS = (
    Filter("group", "Family", "group", ()),  # options come from the data
    Filter(
        "domain",
        "Domain",
        "domain",
        tuple(d.value for d in OUTCOME_DOMAINS) + ("history", "product"),
    ),
    Filter(
        "rating",
        "Rating",
        "rating",
        tuple(r.value for r in reversed(frames.RATING_ORDER)),
    ),
    Filter("certainty", "Certainty", "certainty", tuple(c.value for c in Certainty)),
    Filter("flag", "Flag", "flag_list", tuple(f.value for f in Flag)),
    Filter(
        "population",
        "Population",
        "population_list",
        tuple(p.value for p in Population),
    ),
    Filter("garment", "Garment", "garment_list", tuple(g.value for g in GarmentType)),
)
STUDY_FILTERS = (
    Filter(
        "domain",
        "Outcome domain",
        "domain_list",
        tuple(d.value for d in OUTCOME_DOMAINS),
    ),
    Filter("design", "Design", "design", tuple(d.value for d in Design)),
    Filter("garment", "Garment", "garment", tuple(g.value for g in GarmentType)),
    Filter(
        "population", "Population", "population", tuple(p.value for p in Population)
    ),
    Filter(
        "rating",
        "Rating of a claim it informs",
        "ratings",
        tuple(r.value for r in Rating),
    ),
)
#: The columns a search looks in.
CLAIM_TEXT = ("id", "proposition", "aliases")
STUDY_TEXT = ("id", "label", "title", "authors", "doi", "journal")
CLAIM_SORTS = {
    "studies": ("most studies", ["studies", "participants"], False),
    "participants": ("most participants", ["participants"], False),
    "rating": ("best supported", ["rating_value"], False),
    "certainty": ("most certain", ["certainty"], False),
    "proposition": ("A to Z", ["proposition"], True),
}
STUDY_SORTS = {
    "year": ("newest", ["year", "id"], False),
    "n": ("most participants", ["n"], False),
    "claims": ("most cited", ["claims"], False),
    "label": ("first author A to Z", ["label"], True),
}
CLAIM_COLUMNS = {
    "proposition": "claim",
    "rating": "rating",
    "certainty": "certainty",
    "flags": "flags",
    "studies": "studies",
    "participants": "participants",
    "group": "family",
    "id": "id",
}
STUDY_COLUMNS = {
    "label": "study",
    "title": "title",
    "year": "year",
    "design": "design",
    "n": "n",
    "population": "population",
    "garment": "garment",
    "blinding": "blinding",
    "risk_of_bias": "risk of bias",
    "integrity": "status",
    "claims": "claims",
    "id": "id",
}


def _from_url(filters: Sequence[Filter], years: tuple[int, int]) -> None:
    """Put the address's state into the widgets (on arrival, reload or a followed link)."""
    url = current_params()
    state = st.session_state
    table = (url.get("table") or ["claims"])[0]
    state[KEY + "table"] = "Studies" if table == "studies" else "Claims"
    state[KEY + "q"] = (url.get("q") or [""])[0]
    for f in CLAIM_FILTERS + STUDY_FILTERS:
        state.pop(KEY + f.name, None)
    for f in filters:
        state[KEY + f.name] = [v for v in url.get(f.name, []) if v in f.options]
    low, high = years
    try:
        a, b = (int(x) for x in (url.get("year") or [""])[0].split("-"))
        state[KEY + "year"] = (max(low, min(a, high)), min(high, max(b, low)))
    except ValueError:
        state[KEY + "year"] = years
    sorts = STUDY_SORTS if table == "studies" else CLAIM_SORTS
    wanted = (url.get("sort") or [""])[0]
    state[KEY + "sort"] = wanted if wanted in sorts else next(iter(sorts))
    state[KEY + "view"] = (url.get("view") or [""])[0] == "table"
    state[KEY + "shown"] = PAGE_SIZE


def render_browse() -> None:
    library = load_library()
    claims = library.published_claims
    studies = library.study_table
    years = (
        (int(studies["year"].min()), int(studies["year"].max()))
        if len(studies)
        else (2000, 2000)
    )
    groups = tuple(sorted(set(claims["group"])))
    claim_filters = (Filter("group", "Family", "group", groups), *CLAIM_FILTERS[1:])
    wanted_table = (st.query_params.get_all("table") or ["claims"])[0]
    filters = STUDY_FILTERS if wanted_table == "studies" else claim_filters
    if st.session_state.get(KEY + "url") != current_params():
        _from_url(filters, years)

    st.title("Browse and search", anchor=False)
    top = st.columns([1, 3, 1])
    with top[0]:
        table = st.radio(
            "Show", ["Claims", "Studies"], horizontal=True, key=KEY + "table"
        )
    is_studies = table == "Studies"
    filters = STUDY_FILTERS if is_studies else claim_filters
    with top[1]:
        text = st.text_input(
            "Search claims and studies",
            key=KEY + "q",
            placeholder="e.g. DVT, lactic acid, recovery, Stickford",
            help="Finds other forms of a word (recover, recovery), abbreviations and "
            "other words for the same thing (DVT, blood clots), and spelling slips.",
        )
    sorts = STUDY_SORTS if is_studies else CLAIM_SORTS
    if st.session_state.get(KEY + "sort") not in sorts:
        st.session_state[KEY + "sort"] = next(iter(sorts))
    with top[2]:
        sort = st.selectbox(
            "Sort by",
            list(sorts),
            key=KEY + "sort",
            format_func=lambda s: sorts[s][0],
            help="With a search, the best matches come first unless you choose an order.",
        )
    chosen: dict[str, list[str]] = {}
    active = sum(bool(st.session_state.get(KEY + f.name)) for f in filters)
    title = "Filters" + (f" ({active} chosen)" if active else "")
    year: tuple[int, int] | None = None
    # keyed, so choosing a filter (which changes the title) does not fold the panel away
    with st.expander(
        title, expanded=False, key=KEY + "filters", icon=":material/filter_list:"
    ):
        columns = st.columns(FILTER_COLUMNS)
        for i, f in enumerate(filters):
            with columns[i % FILTER_COLUMNS]:
                state = st.session_state.get(KEY + f.name)
                if state is not None:
                    st.session_state[KEY + f.name] = [
                        v for v in state if v in f.options
                    ]
                chosen[f.name] = st.multiselect(
                    f.title,
                    f.options,
                    key=KEY + f.name,
                    format_func=label,
                    placeholder="any",
                )
        if is_studies and years[0] < years[1]:
            with columns[len(filters) % FILTER_COLUMNS]:
                year = cast(
                    tuple[int, int],
                    st.slider("Year", years[0], years[1], key=KEY + "year"),
                )
    as_table = st.toggle(
        "Show as a table",
        key=KEY + "view",
        help="Every column; select a row to open it.",
    )

    # Sorted once per change of the records; searching and filtering keep that order.
    _, by, ascending = sorts[sort]
    kind = "studies" if is_studies else "claims"
    source = studies if is_studies else claims
    ordered = library.memo(
        f"browse:{kind}:{sort}",
        lambda: source.sort_values(
            by, ascending=ascending, na_position="last", kind="stable"
        ),
    )
    query = text.strip()
    # A query's hits and rows are kept with the library: a rerun of a searched page (a
    # filter changed, the next page of results) does not search again.
    found = (
        library.memo_recent(
            f"search:{query}", lambda: search_index(library).search(query)
        )
        if query
        else None
    )
    rows = ordered
    if found is not None:
        rows = library.memo_recent(
            f"browse:{kind}:{sort}:{query}",
            lambda: _matching(ordered, found, is_studies, sort == next(iter(sorts))),
        )
    if year is not None and tuple(year) != years:
        rows = rows[(rows["year"] >= year[0]) & (rows["year"] <= year[1])]
    for f in filters:
        rows = frames.keep_values(rows, f.column, chosen.get(f.name, []))

    params: dict[str, str | list[str] | None] = {
        "table": "studies" if is_studies else None,
        "q": text.strip() or None,
        **{name: values for name, values in chosen.items()},
        "year": f"{year[0]}-{year[1]}"
        if year is not None and tuple(year) != years
        else None,
        "sort": sort if sort != next(iter(sorts)) else None,
        "view": "table" if as_table else None,
    }
    set_params(params)
    st.session_state[KEY + "url"] = current_params()
    if found is not None:
        _search_notes(found, is_studies, text.strip(), active)
    if rows.empty:
        return
    if as_table:
        _table(rows, is_studies)
    else:
        _results(rows, is_studies)
    # the results, as shown in either view, through the guarded CSV exporter
    render_table_download(
        "studies" if is_studies else "claims",
        [str(i) for i in rows["id"]],
        load_library(),
    )


def _matching(
    ordered: pd.DataFrame, found: SearchResult, is_studies: bool, best_first: bool
) -> pd.DataFrame:
    """The rows a search found: best matches first when no order was chosen, else in
    ``ordered``'s order."""
    ids = found.ids("study" if is_studies else "claim")
    if best_first:
        shown = set(ordered["id"])
        return ordered.set_index("id", drop=False).reindex(
            [i for i in ids if i in shown]
        )
    return ordered[ordered["id"].isin(set(ids))]


def _search_notes(
    found: SearchResult, is_studies: bool, query: str, active: int
) -> None:
    """How the query was read, and what the other table has when this one has nothing."""
    notes = []
    for typed, read in found.corrections.items():
        notes.append(f"Searched for **{md(read)}** (you typed “{md(typed)}”).")
    for term, others in found.expansions.items():
        notes.append(f"“{md(term)}” also finds: {md(', '.join(others))}.")
    if found.partial:
        notes.append("No record has every word; these have most of them.")
    if notes:
        st.caption(" ".join(notes))
    here: Kind = "study" if is_studies else "claim"
    other: Kind = "claim" if is_studies else "study"
    elsewhere = found.count(other)
    if found.count(here) == 0:
        nouns = ("study", "studies") if is_studies else ("claim", "claims")
        st.info(
            f"No {nouns[1]} match “{md(query)}”."
            + (" Clear the filters, or try" if active else " Try")
            + " fewer or other words.",
            icon=":material/search_off:",
        )
    if elsewhere:
        words = ("claim", "claims") if other == "claim" else ("study", "studies")
        verb = "matches" if elsewhere == 1 else "match"
        st.button(
            f"{plural(elsewhere, *words)} also {verb} “{md(query)}”: show the {words[1]}",
            icon=":material/arrow_forward:",
            on_click=_switch_table,
            args=("Claims" if other == "claim" else "Studies",),
            key=KEY + "other-table",
        )


def _switch_table(table: str) -> None:
    """Show the other table, keeping the search (the address follows on this rerun)."""
    st.session_state[KEY + "table"] = table
    st.session_state[KEY + "shown"] = PAGE_SIZE


def _results(rows: pd.DataFrame, is_studies: bool) -> None:
    """The rows as a list of links: Enter or a tap opens one."""
    noun = ("study", "studies") if is_studies else ("claim", "claims")
    total = len(rows)
    limit = int(st.session_state.get(KEY + "shown", PAGE_SIZE))
    st.markdown(
        f"**{plural(total, *noun)}**"
        + (f", the first {limit:,} listed" if total > limit else "")
    )
    names = glossary()
    for row in rows.head(limit).to_dict("records"):
        with st.container(border=True):
            if is_studies:
                link_to_study(str(row["id"]), f"{row['label']}: {row['title']}")
                n = row["n"]
                people = (
                    f"{int(n):,} participants" if pd.notna(n) else "size not reported"
                )
                st.caption(
                    f"{md(names.name(row['design']))} · {people} · "
                    f"{md(label(row['population']))} · {md(label(row['garment']))}"
                )
            else:
                link_to_claim(str(row["id"]), str(row["proposition"]))
                st.markdown(
                    f"{rating_badge(row['rating'])} {certainty_text(row['certainty'])} · "
                    f"{plural(int(row['studies']), 'study', 'studies')} · "
                    f"{plural(int(row['participants']), 'participant')}"
                )
    if total > limit and st.button(f"Show {min(PAGE_SIZE, total - limit)} more"):
        st.session_state[KEY + "shown"] = limit + PAGE_SIZE
        st.rerun()


def _table(rows: pd.DataFrame, is_studies: bool) -> None:
    noun = ("study", "studies") if is_studies else ("claim", "claims")
    total = len(rows)
    shown = rows.head(MAX_ROWS)
    message = f"{total:,} {noun[0] if total == 1 else noun[1]} shown"
    if total > MAX_ROWS:
        message = f"{total:,} {noun[1]} match; the first {MAX_ROWS:,} are shown (search or filter to narrow)"
    st.markdown(f"**{message}**. Select a row to open it.")
    st.caption(
        "Each row's first column is a check box: select it to open the row's page."
    )
    mapping = STUDY_COLUMNS if is_studies else CLAIM_COLUMNS
    view = shown[list(mapping)].rename(columns=mapping)
    for column in ("rating", "certainty", "design", "risk of bias"):
        if column in view:
            view[column] = view[column].astype("string").str.replace("-", " ")
    picked = st.dataframe(
        view,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=KEY + ("studies" if is_studies else "claims") + "-table",
        alt=f"{message}: the {noun[1]} table",
        column_config={
            "n": st.column_config.NumberColumn(format="%d"),
            "year": st.column_config.NumberColumn(format="%d"),
            "claim": st.column_config.TextColumn(width="large"),
            "title": st.column_config.TextColumn(width="large"),
        },
    )
    selected = picked.selection.rows if picked else []
    if selected:
        target = str(shown.iloc[selected[0]]["id"])
        st.session_state.pop(KEY + "url", None)
        open_study(target) if is_studies else open_claim(target)
