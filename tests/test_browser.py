"""End to end in headless Chromium: `streamlit run app.py` on a free port, driven by Playwright.

Debian's ``chromium`` is used through ``executable_path`` (nothing is downloaded; ``make
chromium`` installs it). The server reads the hand-made records of ``dashboard_records`` from
a temporary folder (``CLAIMTRACKER_ROOT``) and is always stopped at the end. Screenshots go to
``tests/screenshots/`` (git-ignored; pytest-playwright empties
``test-results/`` at the start of every session), to be looked at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dashboard_records import PERFORMANCE, SORENESS, write_corpus

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "tests" / "screenshots"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = shutil.which("chromium")
    if found is None and os.geteuid() == 0:
        subprocess.run(
            "apt-get update -qq && apt-get install -y -qq chromium chromium-driver",
            shell=True,
            check=False,
        )
        found = shutil.which("chromium")
    if found is None:
        pytest.fail(
            "Debian's chromium is needed for the browser tests: run `make chromium`"
        )
    return found


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": _chromium(),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Streamlit scrolls an inner container, so a tall viewport is the full-page screenshot.
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2200}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on the fixture records; yields its base URL."""
    root = write_corpus(tmp_path_factory.mktemp("records"))
    port = _free_port()
    log = (tmp_path_factory.mktemp("server") / "streamlit.log").open("w")
    command = [
        sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"),
        "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "CLAIMTRACKER_ROOT": str(root)}
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with {process.returncode}; see {log.name}"
                )
            try:
                with urllib.request.urlopen(
                    f"{base}/_stcore/health", timeout=2
                ) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer /_stcore/health; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_the_overview_shows_the_verdict_cards(server: str, page: Page) -> None:
    _open(page, server)
    expect(
        page.get_by_role("heading", name="Do they work? What the evidence says")
    ).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("3 studies · 300 participants")).to_be_visible()
    expect(main.get_by_text("2 studies · 36 participants")).to_be_visible()
    expect(main.get_by_text("We track 2 claims")).to_be_visible()
    expect(main.get_by_role("link", name="See the evidence")).to_have_count(2)
    expect(main.locator(".js-plotly-plot")).to_be_visible()  # the ratings bar has drawn
    _shot(page, "overview")


def test_a_claim_permalink_shows_rating_evidence_and_forest_plot(
    server: str, page: Page
) -> None:
    _open(page, f"{server}/claim?claim={PERFORMANCE}")
    main = page.locator('[data-testid="stMain"]')
    heading = "Wearing compression socks while running makes runners faster."
    expect(main.get_by_role("heading", name=heading)).to_be_visible()
    verdict = re.compile(
        r"^help icon unproven ⊕⊕◯◯ low certainty$"
    )  # icon, label, GRADE
    expect(main.get_by_role("heading", name=verdict)).to_be_visible()
    expect(main.get_by_role("heading", name="The evidence (2 studies)")).to_be_visible()
    expect(main.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    expect(main.get_by_role("heading", name="Forest plot")).to_be_visible()
    plot = main.locator(".js-plotly-plot").first
    expect(plot).to_be_visible()
    expect(plot.locator(".scatterlayer path.js-fill")).to_have_count(
        1
    )  # the pooled diamond
    _shot(page, "claim")
    plot.screenshot(path=str(SHOTS / "forest-plot.png"))
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    expect(main.get_by_role("heading", name=heading)).to_be_visible()
    assert page.url.endswith(f"/claim?claim={PERFORMANCE}")


def test_open_a_study_from_the_claim(server: str, page: Page) -> None:
    _open(page, f"{server}/claim?claim={SORENESS}")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_role("link", name="Gamma et al. 2020").click()
    expect(
        main.get_by_role(
            "heading", name="Compression garments and recovery: a meta-analysis"
        )
    ).to_be_visible()
    expect(main.get_by_text("Claims it informs (1)")).to_be_visible()
    assert "study=gamma-2020" in page.url
    _shot(page, "study")


def test_a_filter_narrows_the_studies_and_survives_a_reload(
    server: str, page: Page
) -> None:
    _open(page, f"{server}/browse")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("2 claims shown")).to_be_visible()
    main.get_by_text("Studies", exact=True).click()
    expect(main.get_by_text("5 studies shown")).to_be_visible()
    main.locator('[data-testid="stMultiSelect"]').filter(has_text="Design").click()
    page.get_by_role("option", name="rct crossover").click()
    page.keyboard.press("Escape")
    expect(main.get_by_text("3 studies shown")).to_be_visible()
    search = main.get_by_role("textbox", name="Search")
    search.fill("race pace")
    search.press("Enter")
    expect(main.get_by_text("1 study shown")).to_be_visible()
    assert "design=rct-crossover" in page.url and "q=race+pace" in page.url
    _shot(page, "browse-filtered")
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    expect(main.get_by_text("1 study shown")).to_be_visible()
    grid = main.locator('[data-testid="stDataFrame"]').bounding_box()
    assert grid is not None
    page.mouse.click(grid["x"] + 16, grid["y"] + 35 + 17)  # the first row's checkbox
    expect(
        main.get_by_role("heading", name="Knee-high socks and 10 km race pace")
    ).to_be_visible()


def test_the_evidence_map_opens_the_claim_of_a_marker(server: str, page: Page) -> None:
    _open(page, f"{server}/map")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="The map as a table")).to_be_visible()
    marker = main.locator(".js-plotly-plot .scatterlayer .point").first
    expect(marker).to_be_visible()
    expect(main.locator('[data-testid="stDataFrame"]')).to_be_visible()
    _shot(page, "evidence-map")
    marker.click(force=True)
    expect(main.get_by_text("Our verdict")).to_be_visible(timeout=30_000)
    assert "claim=" in page.url
