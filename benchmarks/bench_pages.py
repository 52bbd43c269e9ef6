"""Server time of each dashboard page's rerun on a large synthetic corpus, against an empty page.

A corpus of ``--studies`` synthetic studies and ``--claims`` claims is written with
``claimtracker.synthetic.generate_corpus`` and the app is pointed at it (``CLAIMTRACKER_ROOT``).
Each page of ``app.py`` is run under Streamlit's AppTest, in this process: the first run of
the first page is the cold start (reading, validating and assessing every record, then
building the frames); every later run is a warm rerun, which only stats the record files
(the cache key) and draws the page. The baseline is an empty Streamlit page run the same way
in the same process, so each page's time is reported as a ratio to it and compares across
machines. Times are medians of ``--repeat`` reruns. Not a test: run it by hand.

    python benchmarks/bench_pages.py [--studies 10000] [--claims 2000] [--repeat 7] [--json]
    python benchmarks/bench_pages.py --root DIR      # an existing corpus (claims/, studies/)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

from claimtracker.synthetic import CorpusSize, generate_corpus

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 600


@dataclass
class Row:
    page: str
    address: str
    median_ms: float
    ratio: float


def empty_page() -> None:
    """The baseline: a Streamlit page that draws nothing."""


def run_page(at: AppTest, url_path: str, params: dict[str, str]) -> float:
    """Open a page (by the hash of its url_path, as the browser does) and time the run."""
    at.query_params.clear()
    at.query_params.update(params)
    at._page_hash = calc_hash(url_path)
    start = time.perf_counter()
    at.run(timeout=TIMEOUT)
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{url_path} raised: {[e.value for e in at.exception]}")
    if any("could not be shown" in e.value for e in at.error):
        raise SystemExit(f"{url_path} failed; see the log above")
    return elapsed


def median_rerun(
    at: AppTest, url_path: str, params: dict[str, str], repeat: int
) -> float:
    run_page(at, url_path, params)  # land on the page (and warm its widgets)
    return statistics.median(run_page(at, url_path, params) for _ in range(repeat))


def baseline(repeat: int) -> float:
    at = AppTest.from_function(empty_page, default_timeout=TIMEOUT)
    at.run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--root", type=Path, help="use this corpus instead of generating one"
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="claimtracker-pages-") as folder:
        start = time.perf_counter()
        if args.root:
            root = args.root.resolve()
            studies, claims = (
                len(list((root / f).glob("*.yaml"))) for f in ("studies", "claims")
            )
            size = CorpusSize(studies=studies, claims=claims, links=0)
        else:
            root = Path(folder)
            size = generate_corpus(
                root, studies=args.studies, claims=args.claims, seed=args.seed
            )
        generate_s = time.perf_counter() - start
        os.environ["CLAIMTRACKER_ROOT"] = str(root)
        claim_id = sorted(p.stem for p in (root / "claims").glob("*.yaml"))[0]
        study_id = sorted(p.stem for p in (root / "studies").glob("*.yaml"))[0]
        pages = [
            ("overview", "overview", {}),
            ("evidence map", "map", {}),
            ("browse claims", "browse", {}),
            ("browse studies", "browse", {"table": "studies"}),
            (
                "browse studies, searched",
                "browse",
                {"table": "studies", "q": "soreness"},
            ),
            ("claim", "claim", {"claim": claim_id}),
            ("study", "study", {"study": study_id}),
            ("methods", "methods", {}),
            ("data problems", "problems", {}),
        ]
        empty_s = baseline(args.repeat)
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        start = time.perf_counter()
        at.run()
        cold_s = time.perf_counter() - start
        rows = []
        for name, url_path, params in pages:
            seconds = median_rerun(at, url_path, params, args.repeat)
            query = "&".join(f"{k}={v}" for k, v in params.items())
            address = url_path + (f"?{query}" if query else "")
            rows.append(
                Row(
                    name, address, round(seconds * 1000, 1), round(seconds / empty_s, 1)
                )
            )

    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
        return
    made = (
        f"{size.links:,} evidence links, generated in {generate_s:.1f} s"
        if size.links
        else "given"
    )
    print(
        f"{size.studies:,} studies, {size.claims:,} claims ({made}); Python "
        f"{sys.version.split()[0]} on {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print(f"empty Streamlit page: {empty_s * 1000:.1f} ms per rerun (the baseline)")
    print(
        f"cold start (read, validate, assess, build frames, draw the overview): {cold_s:.1f} s"
    )
    print(f"\n{'page':<26} {'address':<40} {'warm rerun':>11} {'x empty':>8}")
    for r in rows:
        print(
            f"{r.page:<26} {r.address[:40]:<40} {r.median_ms:>8.1f} ms {r.ratio:>8.1f}"
        )


if __name__ == "__main__":
    main()
