"""The "Check a draft" page in a real browser: Debian's Chromium driven by Playwright.

Starts ``streamlit run app.py`` on a free loopback port over a small synthetic corpus, pastes a
draft, and checks what a writer sees: highlighted sentences with a rating label, a finding that
opens the claim page, and a JSON report that matches ``claimtracker check --format json``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtracker.drafts import check_draft, report_json
from claimtracker.paths import PACKAGE_ROOT
from writers_corpus import sample_claims, sample_studies, write_corpus

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DRAFT = (
    "Our graduated compression sleeves are made in Italy. They will shave minutes off your marathon.\n\n"
    "Flight socks stop blood clots on long-haul trips. I like the colour."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(
        tmp_path_factory.mktemp("corpus"), sample_claims(), sample_studies()
    )


@pytest.fixture(scope="module")
def server(
    corpus_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    env = {
        **os.environ,
        "CLAIMTRACKER_ROOT": str(corpus_root),
        "CLAIMTRACKER_BASE_URL": "https://facts.example.org",
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            cwd=PACKAGE_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited early:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(
                    f"{url}/_stcore/health", timeout=1
                ) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"streamlit did not start:\n{log.read_text()}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def test_a_pasted_draft_is_highlighted_and_opens_the_claim(
    server: str, chromium_browser: object, tmp_path: Path
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(chromium_browser, Browser)
    expect.set_options(timeout=60_000)
    page = chromium_browser.new_page(
        viewport={"width": 1280, "height": 1800}, accept_downloads=True
    )
    page.set_default_timeout(60_000)
    page.goto(f"{server}/draft")
    expect(page.get_by_role("heading", name="Check a draft")).to_be_visible()
    area = page.get_by_label("Paste your draft (plain text or Markdown)")
    area.fill(DRAFT)
    area.press("Control+Enter")

    expect(page.get_by_text("2 findings in 4 sentences")).to_be_visible()
    draft = page.get_by_test_id("stMarkdownContainer").filter(
        has_text="They will shave minutes off your marathon."
    )
    expect(draft.first).to_be_visible()
    # The rating is written beside the highlight colour, not conveyed by colour alone.
    expect(page.get_by_text("1 · unproven").first).to_be_visible()
    expect(page.get_by_text("2 · supported").first).to_be_visible()
    expect(
        page.get_by_text("Safe wording (copy it with the button on the right)").first
    ).to_be_visible()
    page.screenshot(path=str(tmp_path / "draft-check.png"), full_page=True)
    shots = os.environ.get("CLAIMTRACKER_SCREENSHOTS")
    if shots:
        shutil.copy(tmp_path / "draft-check.png", Path(shots) / "draft-check.png")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the report (JSON)").click()
    report = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    expected = report_json(check_draft(DRAFT, sample_claims(), sample_studies()))
    assert [(f["claim"], f["start"], f["end"]) for f in report["findings"]] == [
        (f["claim"], f["start"], f["end"]) for f in expected["findings"]
    ]

    page.get_by_role("link", name="Open the claim: flight-socks-prevent-dvt").click()
    page.wait_for_url("**/claim?claim=flight-socks-prevent-dvt")
    expect(
        page.get_by_text(
            "Compression stockings worn on long flights prevent deep vein thrombosis."
        ).first
    ).to_be_visible()
    expect(page.get_by_role("button", name="ClaimReview JSON-LD")).to_be_visible()
    page.close()
