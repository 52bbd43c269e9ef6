"""Engine time for every claim, at the shipped size and at 10x and 100x, against a baseline.

For each size a synthetic corpus is written (``claimtracker.synthetic``; the 1x row is the
shipped data itself), loaded once with ``load_corpus`` (the baseline: reading and validating
every record), and then assessed with ``assess_corpus`` (the engine: bodies, certainty,
pooled estimates, safe sentences for every claim). The engine time is reported as a ratio to
the load time measured in the same run, so the numbers compare across machines. Each timing
is the best of ``--repeat`` runs. Not a test: run it by hand.

    python -m benchmarks.bench_engine [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.corpora import REPO, best_of
from claimtracker.grading import assess_corpus
from claimtracker.store import load_corpus
from claimtracker.synthetic import generate_corpus

SHIPPED_STUDIES = 44
SHIPPED_CLAIMS = 30


@dataclass
class Row:
    size: str
    studies: int
    claims: int
    links: int
    pools: int
    load_s: float
    engine_s: float
    ms_per_claim: float
    ratio: float


def measure(size: str, root: Path, repeat: int) -> Row:
    load_s, corpus = best_of(repeat, lambda: load_corpus(root))
    engine_s, found = best_of(repeat, lambda: assess_corpus(corpus))
    links = sum(len(c.evidence) for c in corpus.claims.values())
    return Row(
        size=size,
        studies=len(corpus.studies),
        claims=len(corpus.claims),
        links=links,
        pools=sum(len(a.pooled) for a in found.values()),
        load_s=round(load_s, 4),
        engine_s=round(engine_s, 4),
        ms_per_claim=round(1000 * engine_s / max(1, len(corpus.claims)), 3),
        ratio=round(engine_s / load_s, 3),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    rows = [measure("1x (shipped)", REPO, args.repeat)]
    for factor in (10, 100):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            generate_corpus(
                root,
                studies=SHIPPED_STUDIES * factor,
                claims=SHIPPED_CLAIMS * factor,
                seed=factor,
            )
            rows.append(measure(f"{factor}x (synthetic)", root, args.repeat))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
        return
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    print(
        "engine = assess_corpus (all claims); baseline = load_corpus (read + validate)"
    )
    head = f"{'size':<16}{'studies':>8}{'claims':>8}{'links':>7}{'pools':>7}"
    print(head + f"{'load s':>9}{'engine s':>10}{'ms/claim':>10}{'engine/load':>13}")
    for r in rows:
        print(
            f"{r.size:<16}{r.studies:>8}{r.claims:>8}{r.links:>7}{r.pools:>7}"
            f"{r.load_s:>9.3f}{r.engine_s:>10.3f}{r.ms_per_claim:>10.2f}{r.ratio:>13.2f}"
        )


if __name__ == "__main__":
    main()
