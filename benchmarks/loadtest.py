"""Drive concurrent dashboard sessions over Streamlit's websocket and time each rerun.

Each simulated reader opens ``/_stcore/stream`` (through the proxy, with its own route
cookie so that nginx spreads readers over the replicas), asks for a page, waits until the
server reports the script finished, thinks for a while (uniform between half and one and a
half times ``--think``: 5-15 s for the default 10 s), and asks for the next page. Latency is measured from sending the rerun request to receiving
``script_finished``: the server time a reader waits for, plus loopback transfer.

The run is bounded in sessions, in time and in reruns, and talks to loopback addresses only.

    python benchmarks/loadtest.py --url http://127.0.0.1:8600 --sessions 50 --duration 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MAX_SESSIONS = 500
MAX_DURATION = 600.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Visit:
    """One page a reader asks for: the navigation page name and its query string."""

    page: str = ""
    query: str = ""


@dataclass
class LoadResult:
    sessions: int
    duration_s: float
    reruns: int
    errors: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    reruns_per_s: float
    error_samples: list[str] = field(default_factory=list)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


async def _rerun(
    ws: websockets.ClientConnection, visit: Visit, timeout: float
) -> float:
    message = BackMsg()
    message.rerun_script.query_string = visit.query
    message.rerun_script.page_name = visit.page
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=timeout)
        forward = ForwardMsg()
        forward.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
        if forward.WhichOneof("type") == "script_finished":
            if (
                forward.script_finished
                != ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
            ):
                raise RuntimeError(
                    f"script finished with status {forward.script_finished}"
                )
            return time.perf_counter() - started


def connect(url: str, route: str | None = None) -> websockets.connect:
    """A Streamlit websocket session at ``url`` (``async with connect(url) as ws``).

    ``route`` is the reader's sticky-session cookie for the proxy; a path in ``url``
    (``http://127.0.0.1:8600/app``) is the dashboard's base path."""
    parsed = urlparse(url)
    headers = {"Cookie": f"claimtracker_route={route}"} if route else {}
    return websockets.connect(
        f"ws://{parsed.netloc}{parsed.path.rstrip('/')}/_stcore/stream",
        subprotocols=[websockets.Subprotocol("streamlit")],
        origin=websockets.Origin(f"{parsed.scheme}://{parsed.netloc}"),
        additional_headers=headers,
        max_size=None,
        open_timeout=30,
    )


async def _reader(
    index: int,
    url: str,
    visits: Sequence[Visit],
    think: float,
    arrival: float,
    until: float,
    latencies: list[float],
    errors: list[str],
    rng: random.Random,
) -> None:
    route = f"reader-{index}-{rng.getrandbits(32):08x}"
    await asyncio.sleep(rng.uniform(0, arrival))
    try:
        async with connect(url, route) as ws:
            first = True
            while first or time.monotonic() < until:  # at least one page each
                first = False
                try:
                    latencies.append(await _rerun(ws, rng.choice(visits), timeout=60))
                except (RuntimeError, TimeoutError) as exc:
                    errors.append(f"reader {index}: {type(exc).__name__}: {exc}")
                pause = rng.uniform(0.5 * think, 1.5 * think)
                await asyncio.sleep(min(pause, max(0.0, until - time.monotonic())))
    except (OSError, websockets.WebSocketException) as exc:
        errors.append(f"reader {index}: {type(exc).__name__}: {exc}")


async def run_load(
    url: str,
    *,
    sessions: int,
    duration: float,
    think: float,
    visits: Sequence[Visit],
    seed: int = 0,
    arrival: float | None = None,
) -> LoadResult:
    """Run ``sessions`` readers against ``url`` for ``duration`` seconds; return latency statistics.

    Readers arrive at random within ``arrival`` seconds (default: one think time, so the
    load is steady from the start); ``arrival=0`` is the thundering herd of a fresh link,
    everyone at once."""
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"load tests target loopback addresses only, not {host!r}")
    if not 1 <= sessions <= MAX_SESSIONS or not 0 < duration <= MAX_DURATION:
        raise ValueError(
            f"sessions must be 1..{MAX_SESSIONS} and duration 0..{MAX_DURATION:.0f} s"
        )
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    until = started + duration
    await asyncio.gather(
        *(
            _reader(
                i,
                url,
                visits,
                think,
                think if arrival is None else arrival,
                until,
                latencies,
                errors,
                random.Random(rng.getrandbits(64)),
            )
            for i in range(sessions)
        )
    )
    elapsed = time.monotonic() - started
    ms = [x * 1000 for x in latencies]
    return LoadResult(
        sessions=sessions,
        duration_s=round(elapsed, 1),
        reruns=len(ms),
        errors=len(errors),
        p50_ms=round(statistics.median(ms), 1) if ms else 0.0,
        p95_ms=round(percentile(ms, 95), 1),
        max_ms=round(max(ms), 1) if ms else 0.0,
        reruns_per_s=round(len(ms) / elapsed, 2) if elapsed else 0.0,
        error_samples=errors[:5],
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", required=True, help="the dashboard (or proxy) on a loopback address"
    )
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument(
        "--think",
        type=float,
        default=10.0,
        help="mean seconds between a reader's clicks (uniform, half to one and a half times)",
    )
    parser.add_argument(
        "--visit", action="append", default=[], help="PAGE?QUERY to visit (repeatable)"
    )
    args = parser.parse_args(argv)
    visits = [
        Visit(*v.split("?", 1)) if "?" in v else Visit(v) for v in args.visit
    ] or [Visit()]
    result = asyncio.run(
        run_load(
            args.url,
            sessions=args.sessions,
            duration=args.duration,
            think=args.think,
            visits=visits,
        )
    )
    print(json.dumps(asdict(result), indent=2))


if __name__ == "__main__":
    main()
