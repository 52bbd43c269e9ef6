"""The pages that show many records at once: home, the claim and study lists, the evidence
map, methods, search, the error page, and the sitemap and robots.txt for crawlers.

Each is drawn from the summary rows alone (never the record files), so an incremental build
can redraw them after a change without reading the corpus again; the charts are the
dashboard's (``dashboard.charts``, plain plotly) and each has its table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from claimtracker import chartframes
from claimtracker.models import (
    CERTAINTY_MEANINGS,
    CERTAINTY_ORDER,
    FLAG_MEANINGS,
    RATING_MEANINGS,
    RATING_VALUES,
)
from claimtracker.scale import CERTAINTY_SYMBOL, RATING_ORDER, label
from claimtracker.site.pages import (
    MAP_CLAIMS,
    STUDIES_ON_ONE_PAGE,
    Pages,
    claim_path,
    families,
    figure_json,
    latest,
    study_path,
    year_path,
)

STATIC_PAGES = ("", "claims/", "studies/", "map/", "methods/", "glossary/", "search/")


def best_studied(pages: Pages, limit: int | None) -> list[str]:
    """Published claims with evidence, the most studies first (as the dashboard's map)."""
    totals = {
        claim_id: sum(int(c["studies"]) for c in cells)
        for claim_id, cells in pages.summary.cells.items()
        if pages.summary.claims.get(claim_id, {}).get("status") == "published"
    }
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    return ranked if limit is None else ranked[:limit]


def rating_counts(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """How many published claims have each rating, best first (the rating chart's table)."""
    return [
        {
            "rating": r.value,
            "count": sum(1 for c in claims if c["rating"] == r.value),
            "meaning": RATING_MEANINGS[r],
        }
        for r in reversed(RATING_ORDER)
    ]


def write_home(pages: Pages, answers: Sequence[Any] = ()) -> list[str]:
    """The home page; ``answers``: the reader library's answers to the headline questions."""
    from claimtracker.dashboard.charts import evidence_map, rating_bar

    claims = pages.published_claims()
    frame = pages.summary.claim_frame([c["id"] for c in claims])
    top = best_studied(pages, MAP_CLAIMS)
    cells = pages.summary.cell_frame(top)
    studies = {
        r["study"]
        for c in claims
        for r in pages.summary.evidence.get(c["id"], [])
        if r["counted"]
    }
    settings = pages.settings
    meta = pages._meta(
        f"{settings.title}: {settings.topic}, what the evidence says",
        f"Our verdicts on {len(claims):,} claims about {settings.topic}, "
        f"from {len(studies):,} studies.",
        "",
    )
    return [
        pages._page(
            "home.html.j2",
            "",
            meta,
            claims=claims,
            studies=len(studies),
            counts=rating_counts(claims),
            ratings_chart=figure_json(rating_bar(frame)) if claims else None,
            map_chart=figure_json(evidence_map(cells)) if len(cells) else None,
            map_rows=_map_rows(cells),
            map_total=len(best_studied(pages, None)),
            families=families(claims),
            answers=list(answers),
        )
    ]


def _map_rows(cells: Any) -> list[dict[str, Any]]:
    if not len(cells):
        return []
    table = chartframes.map_table(cells)
    ids = list(dict.fromkeys(cells["claim"]))
    rows = table.to_dict("records")
    return [
        {"id": i, **{str(k): v for k, v in r.items()}}
        for i, r in zip(ids, rows, strict=True)
    ]


def write_claims(pages: Pages) -> list[str]:
    claims = pages.published_claims()
    meta = pages._meta(
        "All claims",
        f"Every claim about {pages.settings.topic} we track ({len(claims):,}), "
        "with our verdict on each.",
        "claims/",
    )
    return [pages._page("claims.html.j2", "claims/", meta, families=families(claims))]


def study_years(pages: Pages) -> dict[int, list[dict[str, Any]]]:
    years: dict[int, list[dict[str, Any]]] = {}
    for row in pages.listed_studies():
        years.setdefault(int(row["year"]), []).append(row)
    return dict(sorted(years.items(), reverse=True))


def write_studies(pages: Pages, only_years: Iterable[int] | None = None) -> list[str]:
    """The studies list and its year pages (all, or ``only_years``)."""
    years = study_years(pages)
    total = sum(len(v) for v in years.values())
    meta = pages._meta(
        "All studies",
        f"The {total:,} studies behind our verdicts on {pages.settings.topic}, by year.",
        "studies/",
    )
    written = [
        pages._page(
            "studies.html.j2",
            "studies/",
            meta,
            years={y: len(v) for y, v in years.items()},
            studies=[r for v in years.values() for r in v]
            if total <= STUDIES_ON_ONE_PAGE
            else None,
        )
    ]
    wanted = set(years) if only_years is None else set(only_years) & set(years)
    for year in sorted(wanted):
        meta = pages._meta(
            f"Studies published in {year}",
            f"{len(years[year]):,} studies from {year} on {pages.settings.topic}.",
            year_path(year),
        )
        written.append(
            pages._page(
                "year.html.j2", year_path(year), meta, year=year, studies=years[year]
            )
        )
    return written


def write_map(pages: Pages) -> list[str]:
    from claimtracker.dashboard.charts import evidence_map

    top = best_studied(pages, MAP_CLAIMS)
    every = best_studied(pages, None)
    meta = pages._meta(
        "Evidence map",
        "Claims against the kinds of outcome studies measured: how many studies, and "
        "what they found.",
        "map/",
    )
    cells = pages.summary.cell_frame(top)
    return [
        pages._page(
            "map.html.j2",
            "map/",
            meta,
            map_chart=figure_json(evidence_map(cells)) if len(cells) else None,
            shown=len(top),
            rows=_map_rows(pages.summary.cell_frame(every)),
        )
    ]


def write_fixed(pages: Pages) -> list[str]:
    """Methods, search and the error page: they change only with the site's own files."""
    from claimtracker import grading

    written = []
    meta = pages._meta(
        "How we rate claims",
        "The rating scale, GRADE certainty, the flags and the engine's rules.",
        "methods/",
    )
    written.append(
        pages._page(
            "methods.html.j2",
            "methods/",
            meta,
            ratings=[
                (r.value, RATING_VALUES[r], RATING_MEANINGS[r])
                for r in reversed(RATING_ORDER)
            ],
            certainties=[
                (c.value, CERTAINTY_SYMBOL[c], CERTAINTY_MEANINGS[c])
                for c in reversed(CERTAINTY_ORDER)
            ],
            flags=[(f.value, m) for f, m in FLAG_MEANINGS.items()],
            rules=[(label(n), t) for n, t in grading.RULES],
        )
    )
    meta = pages._meta(
        "Glossary",
        "The research and subject terms on these pages, in plain words.",
        "glossary/",
    )
    glossary = pages.renderer.glossary
    terms = sorted(glossary.terms, key=lambda t: t.term.casefold()) if glossary else []
    written.append(pages._page("glossary.html.j2", "glossary/", meta, terms=terms))
    meta = pages._meta(
        "Search",
        "Search the claims, the ways people say them, and the studies.",
        "search/",
    )
    written.append(pages._page("search.html.j2", "search/", meta))
    meta = pages._meta(
        "Page not found", "There is no page at this address.", "404.html"
    )
    meta = type(meta)(meta.title, meta.description, meta.canonical, noindex=True)
    written.append(pages._page("404.html.j2", "404.html", meta))
    return written


def write_sitemap(pages: Pages) -> list[str]:
    """``sitemap.xml`` (claims with the date their verdict last changed) and ``robots.txt``."""
    settings = pages.settings
    claims = pages.published_claims()
    modified = {c["id"]: pages.summary.dates[c["id"]].modified for c in claims}
    newest = latest(modified.values())
    entries: list[tuple[str, dt.date | None]] = [
        (p, newest if p in ("", "claims/") else None) for p in STATIC_PAGES
    ]
    entries += [(claim_path(c["id"]), modified[c["id"]]) for c in claims]
    entries += [(year_path(y), None) for y in study_years(pages)]
    entries += [
        (study_path(s["id"]), None)
        for s in pages.listed_studies()
        if s["status"] == "published"
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, when in entries:
        lines.append(
            f"<url><loc>{escape(settings.url(path))}</loc>"
            + (f"<lastmod>{when.isoformat()}</lastmod>" if when else "")
            + "</url>"
        )
    lines.append("</urlset>")
    pages.output.put("sitemap.xml", ("\n".join(lines) + "\n").encode())
    robots = (
        "User-agent: *\n"
        "Disallow: /app/\n"
        "Disallow: /pagefind/\n"
        f"Sitemap: {settings.url('sitemap.xml')}\n"
    )
    pages.output.put("robots.txt", robots.encode())
    return ["sitemap.xml", "robots.txt"]
