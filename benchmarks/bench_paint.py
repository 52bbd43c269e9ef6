"""First meaningful paint in a real browser: how soon a reader sees the answer.

Debian's chromium (driven by Playwright) opens the overview of a dashboard over the shipped
data and times, in the page, from the start of navigation (the page's time origin):

- ``headline``: the page's h1 is visible;
- ``answers``: the first of the readers' questions and its one-sentence answer are visible
  (the first meaningful paint: the answer in one look);
- ``chart``: the ratings chart has drawn.

``cold``: the server has just started and this is its first visit (records read, validated
and assessed, then the page drawn). ``new tab``: a second visit to the running server. Each
is repeated with a fresh server (cold) or a fresh tab (new tab), and the median is reported
beside the same browser's time to show an empty Streamlit page on a just-started server,
measured in the same run: a ratio that compares across machines. Every request the page
makes is recorded; one that leaves the server is reported (the favicon is served locally).
Not a test:

    python -m benchmarks.bench_paint [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.corpora import REPO
from benchmarks.serve import EMPTY_APP, replica

APP = REPO / "app.py"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
HEADLINE = '[data-testid="stMain"] h1'
ANSWER = '[data-testid="stMain"] h3'
CHART = '[data-testid="stMain"] .js-plotly-plot .main-svg'
EMPTY_MARK = '[data-testid="stMain"] h1'


@dataclass
class Paint:
    visit: str
    headline_s: float
    answers_s: float
    chart_s: float
    baseline_s: float
    requests_away: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.answers_s / self.baseline_s if self.baseline_s else 0.0


#: Runs in the page before its own scripts: notes, for each mark, the first moment (ms since
#: the navigation started, the page's time origin) its element has a box on screen. Timing in
#: the page keeps the harness out of the figure: Playwright's own round trips (one per request
#: the page makes, for the outside-request log) added up to a second to a timer kept here.
MARKS_SCRIPT = """
(marks) => {
  const seen = {};
  window.__paint = seen;
  const look = () => {
    for (const [name, selector] of Object.entries(marks)) {
      if (name in seen) continue;
      for (const e of document.querySelectorAll(selector)) {
        const box = e.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden") {
          seen[name] = performance.now();
          break;
        }
      }
    }
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: true});
  const frame = () => { look(); if (Object.keys(seen).length < Object.keys(marks).length) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}
"""


def _visit(
    browser: Browser, url: str, marks: dict[str, str]
) -> tuple[dict[str, float], list[str]]:
    """Seconds from navigation to each mark's element being visible; outside requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(f"({MARKS_SCRIPT})({json.dumps(marks)})")
    away: list[str] = []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((url, "data:", "blob:")) else away.append(r.url)
        ),
    )
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        f"window.__paint && Object.keys(window.__paint).length === {len(marks)}",
        timeout=120_000,
    )
    seen: dict[str, float] = page.evaluate("window.__paint")
    context.close()
    return {name: seen[name] / 1000 for name in marks}, away


def _empty(browser: Browser) -> float:
    with tempfile.TemporaryDirectory(prefix="claimtracker-paint-") as tmp:
        app = Path(tmp) / "empty.py"
        app.write_text(EMPTY_APP + '\nst.title("empty")\n', encoding="utf-8")
        with replica(app, None) as (url, _):
            found, _ = _visit(browser, url, {"headline": EMPTY_MARK})
    return found["headline"]


def measure(repeat: int = 3, root: Path = REPO) -> list[Paint]:
    """Median cold and new-tab paints of the overview over ``root``."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is needed: run `make chromium`")
    marks = {"headline": HEADLINE, "answers": ANSWER, "chart": CHART}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        baseline = statistics.median(_empty(browser) for _ in range(repeat))
        cold: list[dict[str, float]] = []
        warm: list[dict[str, float]] = []
        away: set[str] = set()
        for _ in range(repeat):
            with replica(APP, root) as (url, _):
                found, outside = _visit(browser, url, marks)
                cold.append(found)
                away |= set(outside)
                found, outside = _visit(browser, url, marks)
                warm.append(found)
                away |= set(outside)
        browser.close()

    def median(rows: list[dict[str, float]], key: str) -> float:
        return round(statistics.median(r[key] for r in rows), 3)

    return [
        Paint(
            visit,
            median(rows, "headline"),
            median(rows, "answers"),
            median(rows, "chart"),
            round(baseline, 3),
            sorted(away),
        )
        for visit, rows in (("cold", cold), ("new tab", warm))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = measure(args.repeat)
    if args.json:
        print(
            json.dumps(
                [asdict(r) | {"ratio": round(r.ratio, 2)} for r in rows], indent=2
            )
        )
        return
    for r in rows:
        print(
            f"{r.visit:8} headline {r.headline_s:.2f} s, answers {r.answers_s:.2f} s, "
            f"chart {r.chart_s:.2f} s; empty page {r.baseline_s:.2f} s "
            f"(answers {r.ratio:.1f}x); outside requests: {r.requests_away or 'none'}"
        )


if __name__ == "__main__":
    main()
