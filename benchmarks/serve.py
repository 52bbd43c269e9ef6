"""The served dashboard: page rerun times, memory, and the load test through nginx.

Page times are taken from a real dashboard process (``claimtracker.serving``'s replica
command, the one ``claimtracker serve`` runs), driven over Streamlit's websocket by one
reader: the first page is the cold start (reading, validating and assessing every record
and building the frames), then each page is opened once and rerun ``repeat`` times. For each
page: the median time from asking for the rerun to the server reporting it finished (what a
reader waits), and the server's CPU time per rerun (``/proc/<pid>/stat``, what limits how
many readers one process serves). The baseline is an empty Streamlit page served and timed
the same way, in the same run. Peak memory is the process's ``VmHWM``.

The load test starts ``Cluster`` (nginx and one or two replicas, loopback only), warms each
replica, and runs :func:`benchmarks.loadtest.run_load` at each number of readers.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpora import REPO, Size
from benchmarks.loadtest import Visit, _rerun, connect, run_load
from claimtracker.serving import (
    Cluster,
    free_port,
    stop_process,
    streamlit_command,
    wait_until_healthy,
)
from claimtracker.store import Corpus

EMPTY_APP = "import streamlit as st\n"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
COLD_TIMEOUT = 900.0


@dataclass
class PageTiming:
    page: str
    address: str
    median_ms: float
    cpu_ms: float
    ratio: float  # median time over the empty page's
    cpu_ratio: float  # CPU time over the empty page's


@dataclass
class PageReport:
    size: str
    studies: int
    claims: int
    empty_ms: float
    empty_cpu_ms: float
    cold_s: float
    peak_rss_mb: float
    pages: list[PageTiming]


@dataclass
class LoadRow:
    corpus: str
    replicas: int
    sessions: int
    think_s: float
    arrival_s: float
    duration_s: float
    reruns: int
    reruns_per_s: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    errors: int
    peak_rss_mb: float
    error_samples: list[str]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (its finished threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (``VmHWM``), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def plain_command(app: Path, port: int) -> list[str]:
    """``streamlit run`` with Streamlit's defaults for rerun GC and sockets (for comparison)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--runner.postScriptGC=true",
    ]


@contextmanager
def replica(
    app: Path, root: Path | None, *, plain: bool = False
) -> Iterator[tuple[str, int]]:
    """One dashboard process serving ``app`` on a free loopback port: (url, pid).

    ``plain`` starts it with ``streamlit run`` defaults instead of the replica command."""
    port = free_port()
    env = dict(os.environ)
    env.pop("CLAIMTRACKER_ROOT", None)
    if root is not None:
        env["CLAIMTRACKER_ROOT"] = str(root)
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            plain_command(app, port) if plain else streamlit_command(app, port),
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}/_stcore/health", timeout=120)
            yield f"http://127.0.0.1:{port}", process.pid
        except BaseException:
            log.seek(0)
            print(log.read().decode(errors="replace")[-3000:])
            raise
        finally:
            stop_process(process, timeout=10)


async def _time_pages(
    url: str, pid: int, visits: Sequence[tuple[str, Visit]], repeat: int
) -> tuple[float, list[tuple[str, Visit, float, float]]]:
    found = []
    async with connect(url) as ws:
        cold = await _rerun(ws, visits[0][1], timeout=COLD_TIMEOUT)
        for name, visit in visits:
            await _rerun(ws, visit, timeout=120)  # land on the page, draw its widgets
            cpu = cpu_seconds(pid)
            times = [await _rerun(ws, visit, timeout=120) for _ in range(repeat)]
            cpu = (cpu_seconds(pid) - cpu) / repeat
            found.append((name, visit, statistics.median(times), cpu))
    return cold, found


def empty_page(repeat: int, *, plain: bool = False) -> tuple[float, float]:
    """(median seconds, CPU seconds) of an empty Streamlit page's rerun."""
    with tempfile.TemporaryDirectory(prefix="claimtracker-empty-") as tmp:
        app = Path(tmp) / "empty.py"
        app.write_text(EMPTY_APP, encoding="utf-8")
        with replica(app, None, plain=plain) as (url, pid):
            _, found = asyncio.run(_time_pages(url, pid, [("empty", Visit())], repeat))
    return found[0][2], found[0][3]


def reader_visits(corpus: Corpus) -> list[tuple[str, Visit]]:
    """Every reader page, with the heaviest claim and study of the corpus as permalinks."""
    claim = max(corpus.claims.values(), key=lambda c: (len(c.evidence), c.id))
    cited: dict[str, int] = {}
    for c in corpus.claims.values():
        for link in c.evidence:
            cited[link.study] = cited.get(link.study, 0) + 1
    study = max(corpus.studies, key=lambda s: (cited.get(s, 0), s))
    return [
        ("overview", Visit("overview")),
        ("evidence map", Visit("map")),
        ("browse claims", Visit("browse")),
        ("browse studies", Visit("browse", "table=studies")),
        ("browse studies, searched", Visit("browse", "table=studies&q=soreness")),
        (f"claim ({len(claim.evidence)} links)", Visit("claim", f"claim={claim.id}")),
        (f"study (cited by {cited.get(study, 0)})", Visit("study", f"study={study}")),
        ("check a draft (empty)", Visit("draft")),
        ("methods", Visit("methods")),
        ("data problems", Visit("problems")),
    ]


def page_times(
    size: Size,
    visits: Sequence[tuple[str, Visit]],
    repeat: int,
    empty: tuple[float, float],
    *,
    plain: bool = False,
) -> PageReport:
    root = size.root if size.synthetic else None
    with replica(REPO / "app.py", root, plain=plain) as (url, pid):
        cold, found = asyncio.run(_time_pages(url, pid, visits, repeat))
        peak = peak_rss_mb(pid)
    empty_s, empty_cpu = empty
    pages = [
        PageTiming(
            page=name,
            address=visit.page + (f"?{visit.query}" if visit.query else ""),
            median_ms=round(seconds * 1000, 1),
            cpu_ms=round(cpu * 1000, 1),
            ratio=round(seconds / empty_s, 1),
            cpu_ratio=round(cpu / empty_cpu, 1) if empty_cpu else 0.0,
        )
        for name, visit, seconds, cpu in found
    ]
    return PageReport(
        size=size.label,
        studies=size.studies,
        claims=size.claims,
        empty_ms=round(empty_s * 1000, 1),
        empty_cpu_ms=round(empty_cpu * 1000, 2),
        cold_s=round(cold, 1),
        peak_rss_mb=round(peak, 0),
        pages=pages,
    )


def apptest_pages(size: Size, repeat: int) -> list[dict[str, Any]]:
    """The dashboard's own in-process page benchmark (AppTest), run on the same corpus."""
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench_pages.py"),
            "--root",
            str(size.root),
            "--repeat",
            str(repeat),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=REPO,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:] or out.stdout[-2000:])
    rows: list[dict[str, Any]] = json.loads(out.stdout)
    return rows


# --------------------------------------------------------------------------- load test


def load_visits(corpus: Corpus, k: int = 5) -> list[Visit]:
    """What readers arriving from an article do: the overview, claim and study permalinks, browse."""
    claims = sorted(corpus.claims)[:: max(1, len(corpus.claims) // k)][:k]
    studies = sorted(corpus.studies)[:: max(1, len(corpus.studies) // k)][:k]
    return [
        Visit("overview"),
        Visit("browse"),
        *(Visit("claim", f"claim={c}") for c in claims),
        *(Visit("study", f"study={s}") for s in studies),
    ]


def _upstream(url: str, route: str) -> str:
    request = urllib.request.Request(
        f"{url}/_stcore/health", headers={"Cookie": f"claimtracker_route={route}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return str(response.headers.get("X-Claimtracker-Upstream", ""))


async def _warm(url: str, replicas: int) -> float:
    """Open a page on every replica (each builds its library once); the slowest, in seconds."""
    routes: dict[str, str] = {}
    for i in range(200):
        route = f"warm-{i}"
        routes.setdefault(_upstream(url, route), route)
        if len(routes) == replicas:
            break

    async def one(route: str) -> float:
        async with connect(url, route) as ws:
            return await _rerun(ws, Visit("overview"), timeout=COLD_TIMEOUT)

    return max(await asyncio.gather(*(one(r) for r in routes.values())))


def load_test(
    size: Size,
    visits: Sequence[Visit],
    *,
    replicas: int,
    sessions: Sequence[int],
    duration: float,
    think: float,
    arrival: float | None = None,
) -> list[LoadRow]:
    rows = []
    root = size.root if size.synthetic else None
    with Cluster(REPO, replicas=replicas, data_root=root) as cluster:
        asyncio.run(_warm(cluster.app_url, replicas))
        for n in sessions:
            result = asyncio.run(
                run_load(
                    cluster.app_url,
                    sessions=n,
                    duration=duration,
                    think=think,
                    visits=visits,
                    seed=n,
                    arrival=arrival,
                )
            )
            data: dict[str, Any] = asdict(result)
            rows.append(
                LoadRow(
                    corpus=size.label,
                    replicas=replicas,
                    sessions=n,
                    think_s=think,
                    arrival_s=think if arrival is None else arrival,
                    duration_s=data["duration_s"],
                    reruns=data["reruns"],
                    reruns_per_s=data["reruns_per_s"],
                    p50_ms=data["p50_ms"],
                    p95_ms=data["p95_ms"],
                    max_ms=data["max_ms"],
                    errors=data["errors"],
                    peak_rss_mb=round(max(peak_rss_mb(p) for p in cluster.pids), 0),
                    error_samples=data["error_samples"],
                )
            )
            time.sleep(1)
    return rows
