"""`claimtracker init` then `claimtracker dashboard`, run in the new folder as a team would:
the dashboard finds the base from its working folder and shows it, in headless Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from claimtracker.dashboard.routing import ERROR_MESSAGE
from claimtracker.project import init_project
from claimtracker.serving import (
    ServingError,
    free_port,
    stop_process,
    wait_until_healthy,
)
from conftest import READY, STARTUP_SECONDS, Shot

pytestmark = pytest.mark.browser


@pytest.fixture
def new_base(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A base made by init, and the URL of `claimtracker dashboard` started inside it."""
    folder = tmp_path / "running-shoes"
    init_project(folder, title="Shoe claims", topic="running shoes")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "CLAIMTRACKER_ROOT"}
    log = tmp_path / "dashboard.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "claimtracker", "dashboard", "--port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=folder / "claims", env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_healthy(f"{url}/_stcore/health", timeout=STARTUP_SECONDS)
        except ServingError:
            pytest.fail(f"the dashboard did not start:\n{log.read_text()}")
        yield folder, url
    finally:
        stop_process(process, timeout=15)


def test_the_dashboard_opens_on_a_new_base_found_from_the_working_folder(
    new_base: tuple[Path, str], page: Page, screenshot: Shot
) -> None:
    _, url = new_base
    page.goto(url)
    page.wait_for_selector(READY)
    expect(page).to_have_title("Overview · Shoe claims")  # the page, then [site] title
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("There are no published claims yet.")).to_be_visible()
    expect(main.get_by_text(ERROR_MESSAGE)).to_have_count(0)
    expect(main.get_by_text("No evidence to show here")).to_have_count(0)
    screenshot(page, "new-base-overview")
    page.goto(f"{url}/claim?claim=example-claim")
    page.wait_for_selector(READY)
    expect(
        main.get_by_text("TODO the claim in one neutral sentence", exact=False).first
    ).to_be_visible()
    expect(main.get_by_text(ERROR_MESSAGE)).to_have_count(0)
    screenshot(page, "new-base-claim")
