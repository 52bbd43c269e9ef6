"""docs/performance.md and its plot, from the results of one ``python -m benchmarks`` run."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from benchmarks import startup

# Okabe-Ito, with a dash pattern and a marker per series so colour is never the only cue.
SERIES = (
    ("bare libyaml parse", "load and validate", "baseline", "#999999", "2 3", "circle"),
    ("load and validate", "load and validate", "seconds", "#0072B2", "", "square"),
    (
        "engine, every claim",
        "engine, every claim",
        "seconds",
        "#D55E00",
        "6 3",
        "diamond",
    ),
    ("dashboard build", "dashboard build", "seconds", "#009E73", "1 2", "triangle"),
    (
        "rebuild after an edit",
        "dashboard rebuild",
        "seconds",
        "#000000",
        "3 3",
        "circle",
    ),
    (
        "draft check, 5,000 words",
        "draft check",
        "seconds",
        "#CC79A7",
        "8 2 2 2",
        "circle",
    ),
    ("export: JSON", "export: json", "seconds", "#E69F00", "4 2", "square"),
    ("slowest warm page rerun", "pages", "max", "#56B4E9", "", "diamond"),
)
TARGET_LOAD = 2.0
TARGET_PAGE = 3.0
TARGET_DRAFT_S = 1.0


def _ms(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:,.1f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:,.1f} ms" if seconds < 0.1 else f"{seconds * 1000:,.0f} ms"


def _rows(results: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    return [t for t in results["timings"] if t["component"].startswith(prefix)]


def series(
    results: dict[str, Any],
) -> list[tuple[str, str, str, list[tuple[int, float]]]]:
    """(name, colour, dash, [(studies, seconds)]) for each plotted series."""
    out = []
    for name, prefix, what, colour, dash, _ in SERIES:
        if what == "max":
            points = [
                (p["studies"], max(x["median_ms"] for x in p["pages"]) / 1000)
                for p in results["pages"]
            ]
        else:
            key = "baseline_seconds" if what == "baseline" else "seconds"
            points = [(t["studies"], t[key]) for t in _rows(results, prefix)]
        if points:
            out.append((name, colour, dash, sorted(points)))
    return out


def scaling_svg(results: dict[str, Any]) -> str:
    """A log-log plot of time against the number of studies, one line per component."""
    data = series(results)
    width, height, left, right, top, bottom = 860, 480, 70, 250, 40, 50
    xs = [x for *_, pts in data for x, _ in pts]
    ys = [y for *_, pts in data for _, y in pts if y > 0]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)

    def px(x: float) -> float:
        return left + (math.log10(x) - x0) / (x1 - x0) * (width - left - right)

    def py(y: float) -> float:
        return top + (y1 - math.log10(max(y, 10**y0))) / (y1 - y0) * (
            height - top - bottom
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="t d" '
        'font-family="sans-serif" font-size="12">',
        '<title id="t">Time against corpus size</title>',
        '<desc id="d">Log-log plot of seconds against the number of studies for each '
        "benchmarked component; the table in docs/performance.md gives the same numbers."
        "</desc>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for e in range(x0, x1 + 1):
        x = px(10**e)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{10**e:,}</text>'
        )
    for e in range(y0, y1 + 1):
        y = py(10**e)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_ms(10**e)}</text>'
        )
    parts.append(
        f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">'
        "studies in the corpus (log scale)</text>"
        f'<text x="16" y="{(top + height - bottom) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {(top + height - bottom) / 2})">time (log scale)</text>'
    )
    label_ys: list[float] = []
    for name, colour, dash, points in data:
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>'
        )
        for x, y in points:
            parts.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(name)}: {x:,} studies, {_ms(y)}</title></circle>"
            )
        # Label at the line's end, nudged so that labels do not overlap.
        ly = py(points[-1][1])
        while any(abs(ly - other) < 14 for other in label_ys):
            ly += 14
        label_ys.append(ly)
        parts.append(
            f'<text x="{width - right + 8}" y="{ly + 4:.1f}" fill="#222">'
            f'<tspan fill="{colour}">&#9632;</tspan> {escape(name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def _target(results: dict[str, Any]) -> dict[str, Any]:
    """The numbers at the largest (10,000-study) corpus."""
    label = results["pages"][-1]["size"]
    load = next(t for t in _rows(results, "load and validate") if t["size"] == label)
    draft = next(t for t in _rows(results, "draft check") if t["size"] == label)
    pages = results["pages"][-1]
    worst = max(pages["pages"], key=lambda p: p["ratio"])
    return {
        "label": label,
        "load": load,
        "draft": draft,
        "pages": pages,
        "worst": worst,
    }


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    t = _target(results)
    out: list[str] = []
    add = out.append
    add("# Performance\n")
    add(
        "Written by `python -m benchmarks` (`make bench`) on "
        f"{results['started']}, in {results['minutes']} minutes"
        + (" (`--quick`: fewer sizes, repeats and readers)" if results["quick"] else "")
        + ". Every number below was measured in that run; every ratio is to a baseline "
        "measured in the same run, so ratios compare across machines where absolute "
        "times do not. Raw results: [performance.json](performance.json).\n"
    )
    add(
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['memory']} memory, {m['os']}; "
        f"{m['python']}; {m['packages']}. Load average when the run started: {m['load']} "
        "(the machine was shared, so absolute times are noisy; read ratios and trends).\n"
    )
    sizes = sorted({(r["studies"], r["claims"], r["size"]) for r in results["timings"]})
    add(
        "**Corpora:** "
        + "; ".join(f"{label}: {s:,} studies, {c:,} claims" for s, c, label in sizes)
        + ". The synthetic ones come from `claimtracker bench generate` "
        "(`claimtracker.synthetic`): the shipped data's mix of designs, outcomes, links "
        "and text lengths. The 10,000-study corpus, where the targets are set, keeps the "
        "100x corpus's 3,000 claims: an archive grows in studies faster than in claims.\n"
    )

    # ------------------------------------------------------------------ targets
    load, draft, pages, worst = t["load"], t["draft"], t["pages"], t["worst"]
    add("## Targets at 10,000 studies\n")
    add(
        _table(
            ["target", "measured", "result"],
            [
                [
                    f"load and validate within {TARGET_LOAD:g}x of bare parsing",
                    f"{_ms(load['seconds'])} against {_ms(load['baseline_seconds'])}: "
                    f"**{load['ratio']:.2f}x**",
                    _met(load["ratio"] <= TARGET_LOAD),
                ],
                [
                    f"a warm page rerun within {TARGET_PAGE:g}x of an empty page",
                    f"slowest page ({worst['page']}) {worst['median_ms']} ms against "
                    f"{pages['empty_ms']} ms: **{worst['ratio']}x**",
                    _met(worst["ratio"] <= TARGET_PAGE),
                ],
                [
                    "a 5,000-word draft checked in under a second",
                    f"**{_ms(draft['seconds'])}** against {draft['claims']:,} claims",
                    _met(draft["seconds"] < TARGET_DRAFT_S),
                ],
            ],
        )
        + "\n"
    )
    if worst["ratio"] > TARGET_PAGE:
        add(
            "The page target is not met. The pages no longer grow with the corpus (the "
            "1x and 10,000-study tables below are alike, and 30-120 times faster than "
            "under Streamlit's defaults), but the heaviest pages draw dozens of elements, "
            "a plotly figure or a table on every rerun, which costs several times an empty "
            "page's few milliseconds. See *What is left, and why* at the end.\n"
        )
    # ------------------------------------------------------------------ components
    if results.get("startup"):
        add(startup.markdown(results["startup"]))

    add("## Components at each size\n")
    add(
        "Best of 3 runs (2 with `--quick`). *x baseline* is the time over the baseline's "
        "time at the same size.\n"
    )
    rows = []
    for r in results["timings"]:
        extra = ", ".join(f"{k} {v}" for k, v in r["extra"].items())
        rows.append(
            [
                r["component"],
                f"{r['size']} ({r['studies']:,} / {r['claims']:,})",
                _ms(r["seconds"]),
                f"{r['baseline']}: {_ms(r['baseline_seconds'])}",
                f"{r['ratio']:.2f}",
                extra,
            ]
        )
    add(
        _table(
            [
                "component",
                "size (studies / claims)",
                "time",
                "baseline",
                "x baseline",
                "notes",
            ],
            rows,
        )
        + "\n"
    )
    add(
        "![Time against corpus size, log-log](performance-scaling.svg)\n\n"
        "*Time against corpus size (log-log). Text equivalent:*\n"
    )
    data = series(results)
    studies = sorted({x for *_, pts in data for x, _ in pts})
    add(
        _table(
            ["component", *(f"{s:,} studies" for s in studies)],
            [
                [name, *(_ms(dict(pts)[s]) if s in dict(pts) else "" for s in studies)]
                for name, _, _, pts in data
            ],
        )
        + "\n"
    )
    # ------------------------------------------------------------------ pages
    add("## Dashboard pages, served\n")
    add(
        "One reader drives a real dashboard process (the replica command of "
        "`claimtracker serve`) over Streamlit's websocket on loopback: the first page is "
        "the cold start, then each page is opened and rerun "
        f"{'10' if results['quick'] else '20'} times. *Rerun* is the median time from "
        "asking for the rerun to the server reporting it finished; *CPU* is the server "
        "process's CPU time per rerun (`/proc`, 10 ms ticks averaged over the reruns), "
        "which is what limits how many readers one process serves. The baseline is an empty "
        "Streamlit page served and timed the same way.\n"
    )
    for p in results["pages"]:
        add(
            f"**{p['size']}** ({p['studies']:,} studies, {p['claims']:,} claims): empty page "
            f"{p['empty_ms']} ms ({p['empty_cpu_ms']} ms CPU); cold start {p['cold_s']} s; "
            f"peak memory (VmHWM) {p['peak_rss_mb']:.0f} MB.\n"
        )
        add(
            _table(
                ["page", "address", "rerun", "x empty", "CPU", "x empty CPU"],
                [
                    [
                        x["page"],
                        f"`{x['address'][:48]}`",
                        f"{x['median_ms']} ms",
                        f"{x['ratio']}",
                        f"{x['cpu_ms']} ms",
                        f"{x['cpu_ratio']}",
                    ]
                    for x in p["pages"]
                ],
            )
            + "\n"
        )
    if results.get("defaults"):
        d = results["defaults"]
        add(
            "**The same 10,000-study pages under plain `streamlit run` defaults** (full "
            "garbage collection after every rerun, Nagle's algorithm on the accepted "
            f"connections): empty page {d['empty_ms']} ms.\n"
        )
        add(
            _table(
                ["page", "rerun with defaults", "rerun as served", "speed-up"],
                [
                    [
                        a["page"],
                        f"{a['median_ms']} ms",
                        f"{b['median_ms']} ms",
                        f"{a['median_ms'] / max(b['median_ms'], 0.1):.0f}x",
                    ]
                    for a, b in zip(
                        d["pages"], results["pages"][-1]["pages"], strict=False
                    )
                ],
            )
            + "\n"
        )
    if results.get("apptest_pages"):
        add(
            "In-process cross-check (`benchmarks/bench_pages.py`, Streamlit's AppTest, "
            "no server or network) on the same 10,000-study corpus:\n"
        )
        add(
            _table(
                ["page", "warm rerun", "x empty AppTest page"],
                [
                    [x["page"], f"{x['median_ms']} ms", f"{x['ratio']}"]
                    for x in results["apptest_pages"]
                ],
            )
            + "\n"
        )
    # ------------------------------------------------------------------ load
    if results.get("load_skipped"):
        add(f"**The load test did not run:** {results['load_skipped']}.\n")
    if results["load"]:
        add("## Many readers at once\n")
        add(
            "`benchmarks/loadtest.py` opens N websocket sessions through nginx "
            "(`claimtracker.serving.Cluster`, sticky route cookies) to one or two dashboard "
            "processes. Readers arrive spread over one think time, then each opens the "
            "overview, browse, and claim and study permalinks at random, waiting between "
            "clicks; latency is from asking for a rerun to `script_finished`, and every "
            "rerun counts (first pages included). The load client runs on the same 2 cores. "
            "*All at once* is the thundering herd of a fresh link: 100 readers open their "
            "first page in the same instant (their latencies show how long the last one "
            "waits). Rows with 0.25-0.75 s think time are a capacity probe (readers clicking "
            "as fast as they can), not a realistic load.\n"
        )
        add(
            _table(
                [
                    "corpus",
                    "processes",
                    "readers",
                    "think time",
                    "reruns/s",
                    "p50",
                    "p95",
                    "max",
                    "errors",
                    "peak RSS per process",
                ],
                [
                    [
                        r["corpus"],
                        str(r["replicas"]),
                        str(r["sessions"]),
                        "all at once, first page"
                        if r.get("arrival_s") == 0
                        else f"{r['think_s'] * 0.5:g}-{r['think_s'] * 1.5:g} s",
                        f"{r['reruns_per_s']}",
                        f"{r['p50_ms']} ms",
                        f"{r['p95_ms']} ms",
                        f"{r['max_ms']} ms",
                        f"{r['errors']}",
                        f"{r['peak_rss_mb']:.0f} MB",
                    ]
                    for r in results["load"]
                ],
            )
            + "\n"
        )
        errors = [s for r in results["load"] for s in r["error_samples"]]
        if errors:
            add(
                "Errors seen (first few): "
                + "; ".join(f"`{e}`" for e in errors[:5])
                + "\n"
            )
    if results.get("saving"):
        add("## Saving (editors)\n")
        add(
            "From `benchmarks/bench_saving.py`: "
            + ", ".join(f"{k}: {v}" for k, v in results["saving"].items())
            + ". *save_over_plain_write* is one audited save (lock, hash compare, atomic "
            "write with fsyncs, audit line) over a plain `write_text` of the same bytes.\n"
        )
    add(paint_text(results))
    if results.get("bibtex"):
        add(bibtex_text(results["bibtex"]))
    if results.get("site"):
        from benchmarks import bench_site

        add(bench_site.markdown(results["site"]))
    add(capacity_text(results))
    add(HISTORY)
    return "\n".join(out).rstrip() + "\n"


def paint_text(results: dict[str, Any]) -> str:
    """The browser benchmark (``bench_paint``): how soon a reader sees the answers."""
    rows = results.get("paint")
    if not rows:
        return ""
    if isinstance(rows, dict):
        return f"## First paint in the browser\n\nNot measured: {rows.get('error')}\n"
    lines = [
        "## First paint in the browser\n",
        "From `benchmarks/bench_paint.py`: Debian's chromium opens the overview over the "
        "shipped data; seconds from navigation until the h1, the first question with its "
        "one-sentence answer (the first meaningful paint) and the ratings chart are "
        "visible, timed in the page from its time origin. *Cold*: the server's first "
        "visit, a replica just started with `python -m claimtracker.serving` (as "
        "`claimtracker dashboard` and `make run` start it); *new tab*: the next. *Empty "
        "page*: an empty Streamlit page on a just-started server, in the same run. "
        "Target: the answers under 2 s on a cold start.\n",
        *(
            [
                f"Measured on {rows[0]['measured']} (`python -m benchmarks.bench_paint`), "
                "not in the run above.\n"
            ]
            if rows and rows[0].get("measured")
            else []
        ),
        "| visit | headline | answers | chart | empty page | answers / empty | outside requests |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['visit']} | {r['headline_s']:.2f} s | {r['answers_s']:.2f} s | "
            f"{r['chart_s']:.2f} s | {r['baseline_s']:.2f} s | {r['ratio']:.1f}x | "
            f"{len(r['requests_away']) or 'none'} |"
        )
    return "\n".join(lines) + "\n"


def capacity(results: dict[str, Any], corpus: str, replicas: int) -> float | None:
    """Reruns per second the capacity probe reached for this corpus and process count."""
    rows = [
        r
        for r in results["load"]
        if r["corpus"] == corpus and r["replicas"] == replicas and r["think_s"] < 2
    ]
    return rows[0]["reruns_per_s"] if rows else None


def capacity_text(results: dict[str, Any]) -> str:
    """The sizing rule worked through with this run's capacity probe."""
    if not results["load"]:
        return ""
    corpus = results["load"][-1]["corpus"]
    lines = [
        "## Capacity arithmetic\n",
        "Sizing rule (RELIABILITY.md 5.3): with C the reruns per second the processes "
        "sustain, a reader who clicks every T seconds costs 1/T reruns a second, and "
        "staying under about 60% of C keeps the p95 near or under a second: active readers "
        "≈ 0.6 × C × T. The capacity probe (50 readers clicking every 0.25-0.75 s) gives C "
        "as a floor: it saturates the processes while the load client shares their cores.\n",
    ]
    rows = []
    for replicas in (1, 2):
        c = capacity(results, corpus, replicas)
        if c is None:
            continue
        rows.append(
            [
                f"{replicas}",
                f"{c:g}",
                f"{0.6 * c * 5:.0f}",
                f"{0.6 * c * 10:.0f}",
                f"{0.6 * c * 30:.0f}",
            ]
        )
    lines.append(
        f"At {corpus}:\n\n"
        + _table(
            [
                "processes",
                "C (reruns/s)",
                "writers clicking every 5 s",
                "readers every 10 s",
                "readers every 30 s",
            ],
            rows,
        )
        + "\n"
    )
    lines.append(
        "Before this work RELIABILITY.md measured 7-9 reruns/s for one process on a "
        "300-record page; the fixes below moved the limit to the pages' own drawing.\n"
    )
    return "\n".join(lines)


HISTORY = """## What was made faster

Each change is its own commit with its before and after; the numbers were measured on this
machine while making it (the table of defaults above re-measures the first two every run).

| change | before | after |
|---|---|---|
| Replicas start with Nagle's algorithm off on accepted connections (`claimtracker.serving`; Streamlit's listener has `proto` 0, so asyncio never set `TCP_NODELAY`) | empty page rerun 44 ms (a 40 ms delayed-ACK stall on every rerun) | 6 ms |
| No full garbage collection after every rerun (`runner.postScriptGC = false` in the replica command and `.streamlit/config.toml`) | 10,000-study page rerun 0.75-2 s (a full collection over the cached records) | 6-35 ms |
| Fingerprint sweep: one session retakes it, the others use the last one (`dashboard/data.py`) | 50 fast readers on one process at 10,000 studies: 162 ms CPU per rerun, 6.7 reruns/s, p50 6.2 s | 25 ms, 30.7 reruns/s, p50 1.0 s |
| Store parse cache keyed on each file's identity (`load_corpus(root, cache=...)`) | reload of 10,000 studies after one edit 5.6 s | 0.3 s |
| Dashboard rebuild: parse cache, engine asked only about claims an edit touches, no path resolving | rebuild after one edit at 10,000 studies 19 s | 2-3 s |
| Claim page keeps each claim's evidence rows and tables (`dashboard/claim.py`) | claim page at 10,000 studies: 26.0 ms CPU per rerun | 22.8 ms |
| Synthetic corpora: libyaml emitter, first-outcome lookup built once | 10,000 studies written in 74 s | 6 s (same files) |
| Forest plot built as one figure dictionary (`charts.forest_spec`) instead of plotly's property-by-property updates; the same figure | 56 ms a plot (10,000-study corpus, a busy machine) | 20 ms (12 ms unchecked, as the static site serialises it) |
| Forest frame: row numbers and unpooled effects in plain Python (`chartframes.forest_rows`) instead of a per-claim pandas groupby, filter and sort; the same frame | 42 ms a claim | 13 ms |
| Static site build at 10,000 studies: forest plots from plain rows, two forked workers for the pages, the cyclic garbage collector paused, list pages only when their rows change, search shards kept when unchanged | full build 107 s of CPU (266 s on a loaded machine) | 48-52 s of CPU |
| A replica warms up before it listens: the pages' modules imported, the records read ahead in a thread (`dashboard/warm.py`), and the sign-in's dummy scrypt hash made on first use rather than at import | first meaningful paint on a cold start 2.17 s (2.1x an empty page), timed in the page | 1.48 s (1.5x) |
| The summary rule keeps each claim's findings between loads (`summaries.SummaryMemo`, kept with the parse cache by the dashboard) | reload after one edit at 10,000 studies 1.1 s, of which the summary rule 1.0 s | 0.45 s, of which 0.05 s |
| Browse search: the set of shown ids built once, not once per hit (`dashboard/browse.py`) | "soreness" over 10,000 studies (4,122 hits): 33.7 s a rerun served, 39.2 s under AppTest | 95 ms served, 69 ms under AppTest |
| Browse keeps each query's hits and rows with the library (`dashboard/browse.py`): a rerun of a searched page does not search again | "soreness" over 10,000 studies: 69 ms a rerun under AppTest | 28 ms, as fast as the page unsearched |

## What is left, and why

- **Heavy pages against an empty page.** After the fixes a page's rerun no longer grows with
  the corpus (compare the 1x and 10,000-study tables), but the overview, claim, evidence map
  and browse pages draw dozens of elements, a plotly figure or a 1,000-row table on every
  rerun, which costs 3-6 times an empty page's 6 ms. An empty page is a hard baseline now that
  the fixed 40 ms stall is gone (against the old 44 ms empty page every page would pass). The
  next steps are the dashboard's: keep each claim's forest-plot and evidence-table messages
  instead of re-serialising them (a fifth of the claim page), render the overview cards'
  links as Markdown links rather than `st.page_link` widgets, and send the browse table's
  visible rows only.
- **The fingerprint sweep** still stats every record file once a second on some reader's
  rerun (about 40 ms at 10,000 studies). Moving it off the request path would delay an
  in-place edit (not a save, which renames) by one more page view, a change to the dashboard's
  contract, so it stays.
- **Load and validate** is bounded by libyaml's parse plus PyYAML's Python constructor (the
  baseline itself) and pydantic validation (about a third of the baseline). A cold start at
  10,000 studies therefore still takes seconds; after that, edits reload in a fraction of a
  second.
- **Reload after one edit** now keeps each claim's summary findings until the claim, a study
  it links or the set of study ids changes (`summaries.SummaryMemo`): measured alone at 10,000
  studies, 1.1 s to 0.45 s, the summary rule's share 1.0 s to 0.05 s (the tables above give
  the figures of the last full run of `make bench`, with its date). What remains is a stat and a path per
  file and the other cross-record rules, which look at every record on every load.
- **The first page of a new replica** no longer waits for the imports or for the records to
  be read (the warm-up), but the rest of the build (the cross-record rules, the engine, the
  frames) still runs on the first visit, after the short answers are drawn. At 10,000 studies
  the read-ahead takes seconds: a proxy should send readers to a replica only once it
  answers its health check and has had a minute to warm.
- **The ratings chart** appears about a second and a half after the answers on a cold visit:
  the browser loads plotly's JavaScript on the first chart it draws. The answers above it do
  not wait for it.
"""


def bibtex_text(bib: dict[str, Any]) -> str:
    """The BibTeX import section: the work per entry, as ratios to ordinary entries."""
    if "error" in bib:
        return f"## BibTeX import\n\nNot measured: {bib['error']}\n"
    decoding = ", ".join(
        f"{k}: {v} s" for k, v in bib["whole_entry_decoding_s"].items()
    )
    return (
        "## BibTeX import: the work per entry\n\n"
        "From `benchmarks/bench_bibtex.py` (CPU seconds). Ordinary entries: "
        f"{bib['normal_ms_per_entry']} ms each ({bib['normal_entries']:,} in "
        f"{bib['normal_s']} s). A file holding one 4 MB entry: {bib['oversized_4mb_s']} s, "
        f"**{bib['oversized_over_same_size_normal']}x** reading the same size of ordinary "
        f"entries (bound: {bib['oversized_bound']}x; the entry is refused before parsing). "
        f"The costliest entry still read (every kept field at its limit, all accents and "
        f"braces): {bib['worst_accepted_entry_s']} s, "
        f"**{bib['worst_accepted_over_normal_entry']}x** an ordinary entry (bound: "
        f"{bib['worst_entry_bound']:g}x). Decoding whole entries as the import used to: "
        f"{decoding}.\n"
    )
