"""The "Check a draft" page in a real browser: Debian's Chromium driven by Playwright.

Starts ``streamlit run app.py`` on a free loopback port over a small synthetic corpus, pastes a
draft, and checks what a writer sees: highlighted sentences with a rating label, a finding that
opens the claim page, and a JSON report that matches ``claimtracker check --format json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from claimtracker.drafts import check_draft, report_json
from conftest import Shot, StreamlitApp, write_corpus
from writers_corpus import sample_claims, sample_studies

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DRAFT = (
    "Our graduated compression sleeves are made in Italy. They will shave minutes off your marathon.\n\n"
    "Flight socks stop blood clots on long-haul trips. I like the colour."
)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
    streamlit_app: StreamlitApp,
) -> Iterator[str]:
    root = write_corpus(
        tmp_path_factory.mktemp("corpus"), sample_claims(), sample_studies()
    )
    with streamlit_app(
        root, env={"CLAIMTRACKER_BASE_URL": "https://facts.example.org"}
    ) as url:
        yield url


def test_a_pasted_draft_is_highlighted_and_opens_the_claim(
    server: str, page: Page, screenshot: Shot
) -> None:
    page.goto(f"{server}/draft")
    expect(page.get_by_role("heading", name="Check a draft")).to_be_visible()
    area = page.get_by_label("Paste your draft (plain text or Markdown)")
    area.fill(DRAFT)
    page.get_by_role("button", name="Check").click()  # phones have no Ctrl+Enter

    expect(page.get_by_text("2 findings in 2 of 4 sentences")).to_be_visible()
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
    screenshot(page, "draft-check")

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


def test_a_draft_with_no_tracked_claim_warns_what_the_checker_can_miss(
    server: str, page: Page
) -> None:
    page.goto(f"{server}/draft")
    area = page.get_by_label("Paste your draft (plain text or Markdown)")
    area.fill("I ran ten miles in the rain. The cafe was closed.")
    page.get_by_role("button", name="Check").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("No tracked claims found in 2 sentences.")).to_be_visible()
    # the same warning, in the success message and above the sentences without a finding
    expect(main.get_by_text("The checker misses many wordings")).to_have_count(2)
    expect(
        main.get_by_role("heading", name="Sentences with no tracked claim (2)")
    ).to_be_visible()
