"""The static site: build times, and a claim page served from it against the dashboard.

    python -m benchmarks.bench_site          # measure, merge into docs/performance.json,
                                             # rewrite docs/performance.md
    python -m benchmarks.bench_site --quick  # the shipped data only, a shorter load test

**Builds** (``claimtracker site build``), on a copy of each corpus: a full build into an empty
folder (search index included), a rebuild with nothing changed, one study's title changed,
and one claim's verdict changed. Each build runs as the command does, in a process of its
own (``python -m claimtracker site build``): the wall time includes starting Python and
importing, and the build's own report gives its time per step and the CPU seconds it used,
which a busy shared machine inflates less than wall time. The load average is recorded
with each.

**Serving**: one ``claimtracker serve`` cluster (nginx, two dashboard processes) over the
10,000-study corpus, its site built first. 100 clients at once ask for the same claim for
the same time, one after the other: first from the static site (``GET /claim/<id>/``,
HTTP/1.1 keep-alive, gzip accepted, as a browser asks), then from the dashboard (a rerun of
its claim page over Streamlit's websocket, what a reader waits for after the first load;
``benchmarks.loadtest``). Requests per second and the 95th percentile, in one run. The load
client shares the machine's two cores with the servers, so both numbers are floors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from benchmarks.corpora import DEFAULT_CACHE, REPO, TARGET_STUDIES, Size, sizes
from benchmarks.loadtest import Visit, percentile, run_load
from benchmarks.serve import _warm

READER_FILES = ("questions.yaml", "synonyms.yaml", "glossary.yaml")
RUNNER = """
import json, sys
from pathlib import Path
from claimtracker.site import build_site
r = build_site(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"mode": r.mode, "pages": r.pages, "written": len(r.written),
    "written_pages": sorted(p for p in r.written if p.endswith(".html"))[:8],
    "seconds": r.seconds, "phases": r.phases, "cpu": r.cpu}))
"""


@dataclass
class Build:
    corpus: str
    studies: int
    claims: int
    step: str
    mode: str
    pages: int
    written: int
    written_pages: list[str]
    process_s: float
    build_s: float
    cpu_s: float
    phases: dict[str, float]
    load: str


@dataclass
class Serving:
    corpus: str
    what: str
    clients: int
    duration_s: float
    requests: int
    per_s: float
    p50_ms: float
    p95_ms: float
    errors: int
    bytes_each: int = 0
    samples: list[str] = field(default_factory=list)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def copy_corpus(size: Size, target: Path) -> Path:
    for folder in ("claims", "studies"):
        shutil.copytree(size.root / folder, target / folder)
    for name in READER_FILES:
        if (size.root / name).exists():
            shutil.copy(size.root / name, target / name)
    return target


def build(size: Size, root: Path, out: Path, step: str) -> Build:
    """One ``site build`` in a process of its own."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(root), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    process = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Build(
        corpus=size.label,
        studies=size.studies,
        claims=size.claims,
        step=step,
        mode=report["mode"],
        pages=report["pages"],
        written=report["written"],
        written_pages=report["written_pages"],
        process_s=round(process, 2),
        build_s=round(report["seconds"], 2),
        cpu_s=round(sum(report["cpu"].values()), 2),
        phases={k: round(v, 2) for k, v in report["phases"].items()},
        load=load_average(),
    )


def edit(file: Path, change: Any) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )


def builds(size: Size, work: Path) -> tuple[list[Build], Path, Path]:
    """Full, unchanged, one study changed, one claim's verdict changed."""
    root = copy_corpus(size, work / "data")
    out = work / "public"
    found = [build(size, root, out, "full build (empty folder)")]
    found.append(build(size, root, out, "again, nothing changed"))
    study = sorted((root / "studies").glob("*.yaml"))[len(found) * 97 % size.studies]
    edit(study, lambda d: d.update(title=d["title"].rstrip(".") + " (revised)"))
    found.append(build(size, root, out, "one study's title changed"))
    claims = sorted((root / "claims").glob("*.yaml"))
    claim = next(
        c for c in claims if (yaml.safe_load(c.read_text()) or {}).get("verdict")
    )

    def verdict(data: dict[str, Any]) -> None:
        data["verdict"]["summary"] = data["verdict"]["summary"] + " Reviewed again."

    edit(claim, verdict)
    found.append(build(size, root, out, "one claim's verdict changed"))
    return found, root, out


# --------------------------------------------------------------------------- serving


async def _http_client(
    host: str,
    port: int,
    path: str,
    until: float,
    latencies: list[float],
    errors: list[str],
    sizes_seen: list[int],
) -> None:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n"
        "User-Agent: claimtracker-bench\r\n\r\n"
    ).encode()
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError as exc:
        errors.append(f"connect: {exc}")
        return
    try:
        while time.monotonic() < until:
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {
                k.strip().lower(): v.strip()
                for k, _, v in (line.partition(":") for line in lines[1:] if line)
            }
            size = 0
            if "content-length" in headers:
                body = await reader.readexactly(int(headers["content-length"]))
                size = len(body)
            elif headers.get("transfer-encoding") == "chunked":
                while True:
                    chunk = int((await reader.readuntil(b"\r\n")).strip(), 16)
                    data = await reader.readexactly(chunk + 2)
                    size += chunk
                    if chunk == 0:
                        break
                    del data
            latencies.append(time.perf_counter() - started)
            sizes_seen.append(size)
            if status != 200:
                errors.append(f"status {status}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        writer.close()


async def _static_load(url: str, clients: int, duration: float) -> Serving:
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    if host not in ("127.0.0.1", "localhost"):
        raise ValueError("load tests target loopback addresses only")
    latencies: list[float] = []
    errors: list[str] = []
    seen: list[int] = []
    started = time.monotonic()
    until = started + duration
    await asyncio.gather(
        *(
            _http_client(host, port, parsed.path, until, latencies, errors, seen)
            for _ in range(clients)
        )
    )
    elapsed = time.monotonic() - started
    ms = [x * 1000 for x in latencies]
    return Serving(
        corpus="",
        what="static page from nginx",
        clients=clients,
        duration_s=round(elapsed, 1),
        requests=len(ms),
        per_s=round(len(ms) / elapsed, 1),
        p50_ms=round(statistics.median(ms), 1) if ms else 0.0,
        p95_ms=round(percentile(ms, 95), 1),
        errors=len(errors),
        bytes_each=int(statistics.median(seen)) if seen else 0,
        samples=errors[:3],
    )


def serving(
    size: Size, root: Path, site: Path, clients: int, duration: float
) -> list[Serving]:
    """The same claim page from the static site and from the dashboard, one run."""
    from claimtracker.serving import Cluster

    claim = max(
        (p.stem for p in (root / "claims").glob("*.yaml")),
        key=lambda c: (
            (site / "claim" / c / "index.html").stat().st_size
            if (site / "claim" / c / "index.html").exists()
            else 0
        ),
    )
    found = []
    with Cluster(REPO, replicas=2, data_root=root, site=site) as cluster:
        log(f"serving: warming both dashboard processes ({size.label})")
        asyncio.run(_warm(cluster.app_url, 2))
        log(f"serving: {clients} clients, static page /claim/{claim}/")
        static = asyncio.run(
            _static_load(f"{cluster.url}/claim/{claim}/", clients, duration)
        )
        static.corpus = size.label
        found.append(static)
        time.sleep(2)
        log(f"serving: {clients} readers, the dashboard's claim page")
        result = asyncio.run(
            run_load(
                cluster.app_url,
                sessions=clients,
                duration=duration,
                think=0.0,
                arrival=1.0,
                visits=[Visit("claim", f"claim={claim}")],
            )
        )
        found.append(
            Serving(
                corpus=size.label,
                what="dashboard claim page (Streamlit rerun)",
                clients=clients,
                duration_s=result.duration_s,
                requests=result.reruns,
                per_s=result.reruns_per_s,
                p50_ms=result.p50_ms,
                p95_ms=result.p95_ms,
                errors=result.errors,
                samples=result.error_samples[:3],
            )
        )
    return found


# --------------------------------------------------------------------------- run


def run(quick: bool = False, cache: Path = DEFAULT_CACHE) -> dict[str, Any]:
    corpora = sizes(cache, quick=True)
    chosen = [corpora[0]] if quick else [corpora[0], corpora[-1]]
    results: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "load_at_start": load_average(),
        "builds": [],
        "serving": [],
    }
    for size in chosen:
        with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
            log(f"site builds: {size.label}")
            found, root, out = builds(size, Path(tmp))
            results["builds"] += [asdict(b) for b in found]
            if size.studies >= TARGET_STUDIES or quick:
                log(f"serving: {size.label}")
                results["serving"] += [
                    asdict(s)
                    for s in serving(
                        size, root, out, clients=100, duration=10 if quick else 20
                    )
                ]
    results["load_at_end"] = load_average()
    return results


def markdown(site: dict[str, Any]) -> str:
    """The static site's section of docs/performance.md."""
    out = [
        "## Static site\n",
        f"From `benchmarks/bench_site.py` ({site['started']}; load average "
        f"{site['load_at_start']} at the start, {site['load_at_end']} at the end, on 2 "
        "cores shared with other work). Each build is `claimtracker site build` in a "
        "process of its own on a copy of the corpus: *process* is its wall time with "
        "Python's start and imports, *build* the build itself, *CPU* the CPU seconds the "
        "build and its workers used (less inflated by a busy machine than wall time). "
        "Targets: a full build of the 10,000-study corpus under a minute, an incremental "
        "one under two seconds.\n",
        "| corpus | build | mode | pages | files written | process | build | CPU | steps (wall s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for b in site["builds"]:
        steps = ", ".join(f"{k} {v:g}" for k, v in b["phases"].items())
        out.append(
            f"| {b['corpus']} | {b['step']} | {b['mode']} | {b['pages']:,} | "
            f"{b['written']:,} | {b['process_s']:.1f} s | {b['build_s']:.2f} s | "
            f"{b['cpu_s']:.1f} s | {steps} |"
        )
    out.append("")
    out += _verdicts(site)
    if site["serving"]:
        out += [
            "**A claim page for 100 clients at once**, the static page from nginx against "
            "the same claim from the dashboard (two Streamlit processes behind the same "
            "nginx), in one run. Each client asks again as soon as it has its answer. For "
            "the dashboard a request is a rerun of its claim page over the websocket (the "
            "page's code and shell are already loaded); for the site it is the whole HTML "
            "page, gzip accepted.\n",
            "| corpus | served | clients | requests/s | p50 | p95 | requests | errors | size |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for s in site["serving"]:
            out.append(
                f"| {s['corpus']} | {s['what']} | {s['clients']} | {s['per_s']:,.1f} | "
                f"{s['p50_ms']:,.1f} ms | {s['p95_ms']:,.1f} ms | {s['requests']:,} | "
                f"{s['errors']} | {s['bytes_each'] / 1024:,.0f} KB |"
                if s["bytes_each"]
                else f"| {s['corpus']} | {s['what']} | {s['clients']} | {s['per_s']:,.1f} | "
                f"{s['p50_ms']:,.1f} ms | {s['p95_ms']:,.1f} ms | {s['requests']:,} | "
                f"{s['errors']} | |"
            )
        out.append("")
    return "\n".join(out)


def _verdicts(site: dict[str, Any]) -> list[str]:
    """The targets, met or not, in words."""
    big = [b for b in site["builds"] if b["studies"] >= TARGET_STUDIES]
    if not big:
        return []
    full = next(b for b in big if b["mode"] == "full")
    changed = [b for b in big if b["mode"] == "incremental"]
    slowest = max(changed, key=lambda b: b["build_s"]) if changed else None
    lines = [
        f"- Full build at 10,000 studies: **{full['build_s']:.1f} s** "
        f"({full['process_s']:.1f} s with the process's start; {full['cpu_s']:.0f} s of CPU "
        "over two cores): "
        + ("**met**" if full["process_s"] < 60 else "**not met** on this busy machine")
        + ". Its steps: reading, validating and assessing every record (the library's own "
        "cost, as `load and validate` and the engine above), the pages in two worker "
        "processes, then Pagefind over every shard."
    ]
    if slowest is not None:
        lines.append(
            f"- Incremental build after one record changed: at most **{slowest['build_s']:.2f} s** "
            f"for the build ({slowest['step']}): "
            + ("**met**" if slowest["build_s"] < 2 else "**not met**")
            + f". As a command it took {slowest['process_s']:.1f} s, of which about a second "
            "is starting Python and importing pandas, pydantic and Jinja2. Only the files that "
            "show the record were written (the *files written* column; the tests assert which)."
        )
    serving = {s["what"]: s for s in site["serving"]}
    static = serving.get("static page from nginx")
    app = serving.get("dashboard claim page (Streamlit rerun)")
    if static and app and app["per_s"]:
        lines.append(
            f"- Serving the same claim to 100 clients at once: the static page "
            f"{static['per_s'] / app['per_s']:,.0f} times the requests per second of the "
            f"dashboard, with a p95 of {static['p95_ms']:,.0f} ms against "
            f"{app['p95_ms'] / 1000:,.1f} s. The static figure is the load client's limit "
            "(one Python process on the same two cores), not nginx's."
        )
    return [*lines, ""]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    site = run(args.quick, args.cache)
    path = args.out / "performance.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results["site"] = site
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if "machine" in results:
        from benchmarks.__main__ import write_report

        write_report(args.out, results)
    print(markdown(site))


if __name__ == "__main__":
    main()
