"""End to end in headless Chromium: `streamlit run app.py` on a free port, driven by Playwright.

The server (``streamlit_app`` in ``conftest.py``) reads the hand-made records of
``dashboard_records`` from a temporary folder and is stopped at the end of the session.
Screenshots go to ``tests/screenshots/`` (git-ignored), to be looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from browser_widgets import add_choice
from conftest import READY, Shot, StreamlitApp, write_corpus
from dashboard_records import CLAIMS, CONFIG, PERFORMANCE, SORENESS, STUDIES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="session")
def server(
    tmp_path_factory: pytest.TempPathFactory,
    streamlit_app: StreamlitApp,
) -> Iterator[str]:
    """The dashboard over the fixture records; yields its base URL."""
    root = write_corpus(tmp_path_factory.mktemp("records"), CLAIMS, STUDIES)
    (root / "claimtracker.toml").write_text(CONFIG, encoding="utf-8")
    with streamlit_app(root) as url:
        yield url


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY)


def test_the_overview_shows_the_verdict_cards(
    server: str, page: Page, screenshot: Shot
) -> None:
    _open(page, server)
    expect(
        page.get_by_role(
            "heading", name="Do compression socks work? What the evidence says"
        )
    ).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("3 studies · 300 participants")).to_be_visible()
    expect(main.get_by_text("2 studies · 36 participants")).to_be_visible()
    expect(main.get_by_text("We track 2 claims")).to_be_visible()
    # each card's link is named by its claim
    expect(
        main.get_by_role(
            "link", name="Wearing compression socks while running makes runners faster."
        )
    ).to_be_visible()
    expect(main.locator(".js-plotly-plot")).to_be_visible()  # the ratings bar has drawn
    screenshot(page, "overview")


def test_a_claim_permalink_shows_rating_evidence_and_forest_plot(
    server: str, page: Page, screenshot: Shot
) -> None:
    _open(page, f"{server}/claim?claim={PERFORMANCE}")
    main = page.locator('[data-testid="stMain"]')
    heading = "Wearing compression socks while running makes runners faster."
    expect(main.get_by_role("heading", name=heading)).to_be_visible()
    verdict = re.compile(r"^unproven low certainty( Help)?$")  # words, no icon names
    expect(main.get_by_role("heading", name=verdict)).to_be_visible()
    expect(main.get_by_role("heading", name="The evidence (2 studies)")).to_be_visible()
    expect(main.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    expect(main.get_by_role("heading", name="Forest plot")).to_be_visible()
    plot = main.locator(".js-plotly-plot").first
    expect(plot).to_be_visible()
    expect(plot.locator(".scatterlayer path.js-fill")).to_have_count(
        1
    )  # the pooled diamond
    screenshot(page, "claim")
    screenshot(plot, "forest-plot")
    page.reload()
    page.wait_for_selector(READY)
    expect(main.get_by_role("heading", name=heading)).to_be_visible()
    assert page.url.endswith(f"/claim?claim={PERFORMANCE}")


def test_open_a_study_from_the_claim(server: str, page: Page, screenshot: Shot) -> None:
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
    screenshot(page, "study")


def test_a_filter_narrows_the_studies_and_survives_a_reload(
    server: str, page: Page, screenshot: Shot
) -> None:
    _open(page, f"{server}/browse")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("2 claims", exact=True)).to_be_visible()
    main.get_by_text("Studies", exact=True).click()
    expect(main.get_by_text("5 studies", exact=True)).to_be_visible()
    page.wait_for_selector(READY)  # a rerun still drawing would close the list
    main.get_by_text("Filters", exact=True).click()  # folded away until asked for
    design = main.locator('[data-testid="stMultiSelect"]').filter(has_text="Design")
    expect(design).to_be_visible()
    add_choice(page, design, "rct crossover")
    expect(design).to_be_visible()  # choosing does not fold the panel away
    expect(main.get_by_text("Filters (1 chosen)", exact=True)).to_be_visible()
    expect(main.get_by_text("3 studies", exact=True)).to_be_visible()
    search = main.get_by_role("textbox", name="Search")
    search.fill("race pace")
    search.press("Enter")
    expect(main.get_by_text("1 study", exact=True)).to_be_visible()
    assert "design=rct-crossover" in page.url and "q=race+pace" in page.url
    screenshot(page, "browse-filtered")
    page.reload()
    page.wait_for_selector(READY)
    expect(main.get_by_text("1 study", exact=True)).to_be_visible()
    # the same rows as a table, whose rows open when selected
    _open(page, page.url + "&view=table")
    expect(main.get_by_text("1 study shown")).to_be_visible()
    grid = main.locator('[data-testid="stDataFrame"]').bounding_box()
    assert grid is not None
    page.mouse.click(grid["x"] + 16, grid["y"] + 35 + 17)  # the first row's checkbox
    expect(
        main.get_by_role("heading", name="Knee-high socks and 10 km race pace")
    ).to_be_visible()


def test_the_evidence_map_opens_the_claim_of_a_marker(
    server: str, page: Page, screenshot: Shot
) -> None:
    _open(page, f"{server}/map")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="The map as a list")).to_be_visible()
    marker = main.locator(".js-plotly-plot .scatterlayer .point").first
    expect(marker).to_be_visible()
    screenshot(page, "evidence-map")
    marker.click(force=True)
    expect(main.get_by_text("Our verdict")).to_be_visible()
    assert "claim=" in page.url
