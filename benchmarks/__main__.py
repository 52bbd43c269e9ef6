"""Run every benchmark and write docs/performance.md with a plot of time against corpus size.

    python -m benchmarks            # everything (about 15 minutes on 2 cores)
    python -m benchmarks --quick    # fewer sizes, repeats and readers (about 4 minutes)

Sizes: the shipped data (1x), synthetic corpora of 10x and 100x, and the 10,000-study
target (``benchmarks.corpora``). Every number is measured in this run, each against a
baseline measured in the same run, so the ratios compare across machines. The results are
also written as JSON (``docs/performance.json``) for comparing runs. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import bench_paint, bench_site, measure, report, serve, startup
from benchmarks.corpora import DEFAULT_CACHE, REPO, machine, sizes
from benchmarks.loadtest import Visit


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="a shorter run")
    parser.add_argument(
        "--out", type=Path, default=REPO / "docs", help="where to write"
    )
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help="synthetic corpora folder"
    )
    parser.add_argument(
        "--no-load-test", action="store_true", help="skip the load test"
    )
    parser.add_argument(
        "--no-site", action="store_true", help="skip the static site's benchmark"
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite the report from OUT/performance.json without measuring",
    )
    parser.add_argument(
        "--startup-only",
        action="store_true",
        help="measure only the command line's start-up, merge it into OUT/performance.json "
        "and rewrite the report",
    )
    args = parser.parse_args(argv)
    if args.startup_only:
        log("start-up of the command line")
        path = args.out / "performance.json"
        results = json.loads(path.read_text(encoding="utf-8"))
        results["startup"] = startup.measure()
        path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        write_report(args.out, results)
        return
    if args.report_only:
        results = json.loads(
            (args.out / "performance.json").read_text(encoding="utf-8")
        )
        write_report(args.out, results)
        return
    quick = args.quick
    repeat = 2 if quick else 3
    page_repeat = 10 if quick else 20
    started = time.monotonic()
    results: dict[str, Any] = {
        "machine": machine(),
        "quick": quick,
        "started": time.strftime("%Y-%m-%d %H:%M"),
    }

    log("start-up of the command line (before anything else loads the machine)")
    results["startup"] = startup.measure(8 if quick else 15)
    log("corpora (written once into the cache)")
    corpora = sizes(args.cache, quick=quick)
    timings: list[measure.Timing] = []
    pages: list[serve.PageReport] = []
    page_visits: dict[str, list[tuple[str, Visit]]] = {}
    load_visits: dict[str, list[Visit]] = {}
    log("empty Streamlit page (baseline of the page times)")
    empty = serve.empty_page(page_repeat * 5)
    for size in corpora:
        log(f"{size.label}: {size.studies:,} studies, {size.claims:,} claims")
        rows, corpus = measure.load(size, repeat)
        page_visits[size.label] = serve.reader_visits(corpus)
        load_visits[size.label] = serve.load_visits(corpus)
        timings += rows
        load_s = rows[0].seconds
        timings.append(measure.engine(size, corpus, load_s, repeat))
        timings += measure.dashboard_build(size, load_s)
        timings.append(measure.draft(size, corpus, repeat))
        timings += measure.exports(size, corpus, repeat)
        del corpus  # a 10,000-study corpus held on slows every later measurement
        log(f"{size.label}: pages, served")
        pages.append(
            serve.page_times(size, page_visits[size.label], page_repeat, empty)
        )
    results["timings"] = [asdict(t) | {"ratio": round(t.ratio, 2)} for t in timings]
    results["pages"] = [asdict(p) for p in pages]
    target = corpora[-1]
    if not quick:
        log(
            f"{target.label}: pages under plain `streamlit run` defaults, for comparison"
        )
        plain_empty = serve.empty_page(page_repeat * 2, plain=True)
        results["defaults"] = asdict(
            serve.page_times(
                target, page_visits[target.label], 3, plain_empty, plain=True
            )
        )
    log(f"{target.label}: the dashboard's AppTest page benchmark")
    try:
        results["apptest_pages"] = serve.apptest_pages(target, 5)
    except Exception as exc:  # another part's benchmark: report, do not stop
        results["apptest_pages"] = []
        log(f"bench_pages.py failed: {exc}")

    log("first paint in the browser (shipped data: cold start and a new tab)")
    try:
        results["paint"] = [
            asdict(p) | {"ratio": round(p.ratio, 2)}
            for p in bench_paint.measure(repeat)
        ]
    except Exception as exc:  # no chromium, a page that never drew: report, do not stop
        results["paint"] = {"error": f"{type(exc).__name__}: {exc}"}

    if not args.no_site:
        log("the static site: builds, and a claim page served against the dashboard")
        try:
            results["site"] = bench_site.run(quick, args.cache)
        except Exception as exc:  # another part's benchmark: report, do not stop
            log(f"bench_site failed: {exc}")

    log("saving (the editors' benchmark)")
    try:
        results["saving"] = measure.saving(repeat)
    except Exception as exc:  # another part's benchmark: report, do not stop
        results["saving"] = {"error": f"{type(exc).__name__}: {exc}"}

    log("BibTeX import: the work per entry")
    try:
        results["bibtex"] = measure.bibtex(repeat)
    except Exception as exc:  # another part's benchmark: report, do not stop
        results["bibtex"] = {"error": f"{type(exc).__name__}: {exc}"}

    load_rows: list[serve.LoadRow] = []
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not args.no_load_test and not Path(nginx).exists():
        log("load test skipped: nginx is not installed (make system)")
        results["load_skipped"] = "nginx is not installed (`make system` installs it)"
    elif not args.no_load_test:
        base = corpora[0]
        sessions = (25, 100) if quick else (25, 50, 100)
        duration = 15.0 if quick else 30.0
        for size in (base, target) if not quick else (target,):
            for replicas in (1, 2):
                log(
                    f"load test: {size.label}, {replicas} process(es), {sessions} readers"
                )
                load_rows += serve.load_test(
                    size,
                    load_visits[size.label],
                    replicas=replicas,
                    sessions=sessions,
                    duration=duration,
                    think=10.0,
                )
                log(f"all at once: {size.label}, {replicas} process(es)")
                load_rows += serve.load_test(
                    size,
                    load_visits[size.label],
                    replicas=replicas,
                    sessions=(100,),
                    duration=0.1,
                    think=10.0,
                    arrival=0.0,
                )
                log(f"capacity: {size.label}, {replicas} process(es)")
                load_rows += serve.load_test(
                    size,
                    load_visits[size.label],
                    replicas=replicas,
                    sessions=(50,),
                    duration=duration,
                    think=0.5,
                )
    results["load"] = [asdict(r) for r in load_rows]
    results["minutes"] = round((time.monotonic() - started) / 60, 1)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "performance.json").write_text(
        json.dumps(results, indent=2) + "\n", encoding="utf-8"
    )
    write_report(args.out, results)
    log(f"wrote {args.out / 'performance.md'} in {results['minutes']} min")


def write_report(out: Path, results: dict[str, Any]) -> None:
    (out / "performance-scaling.svg").write_text(
        report.scaling_svg(results), encoding="utf-8"
    )
    (out / "performance.md").write_text(report.markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()
