"""Every reader page in a real browser at 1400 px and on a 390 px phone, checked by axe-core.

Debian's chromium, driven by Playwright, opens each page of a dashboard over the hand-made
records of ``dashboard_records`` (plus the reader files a data root has: questions and
synonyms). For each page and width it

- runs axe-core (``axe-playwright-python``, which bundles axe-core 4.12) on the page content,
  ``[data-testid="stMain"]``, and fails on any serious or critical violation; what axe finds in
  Streamlit's own navigation is listed in docs/accessibility.md;
- checks that the page has a title of its own and that no request leaves the server;
- saves a screenshot to ``tests/screenshots/readers-<page>-<width>.png`` to be looked at.

The phone is an iPhone-sized context with a phone's user agent (Streamlit closes its menu
after a pick only on a phone). Flows a reader follows get their own tests: the overview's
answers and link names, search with hits from the other table, a result opened with the
keyboard, the Check button, the phone's menu and the map as a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import BROWSER_TIMEOUT_MS, READY, Shot, StreamlitApp, write_corpus
from dashboard_records import CLAIMS, PERFORMANCE, SORENESS, STUDIES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAIN = '[data-testid="stMain"]'
QUESTIONS = f"""\
questions:
  - id: faster
    question: Do compression socks make you faster?
    topic: running faster
    claim: {PERFORMANCE}
  - id: soreness
    question: Do they ease soreness?
    topic: soreness after a run
    claim: {SORENESS}
"""
SYNONYMS = "groups:\n  - [DOMS, delayed onset muscle soreness, soreness]\n"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    ),
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1400, "height": 2400}}
WIDTHS = {"1400": DESKTOP, "390": PHONE}
#: page name -> (address, its h1)
PAGES = {
    "overview": ("", "Do compression socks work? What the evidence says"),
    "map": ("/map", "Evidence map"),
    "browse": ("/browse?q=soreness", "Browse and search"),
    "browse-studies": ("/browse?table=studies", "Browse and search"),
    "claim": (
        f"/claim?claim={SORENESS}",
        "Wearing compression socks after a run reduces muscle soreness.",
    ),
    "study": (
        "/study?study=gamma-2020",
        "Compression garments and recovery: a meta-analysis",
    ),
    "draft": ("/draft", "Check a draft"),
    "methods": ("/methods", "How we rate claims"),
    "problems": ("/problems", "Data problems"),
}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def server(
    tmp_path_factory: pytest.TempPathFactory, streamlit_app: StreamlitApp
) -> Iterator[str]:
    root = write_corpus(tmp_path_factory.mktemp("readers"), CLAIMS, STUDIES)
    (root / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    (root / "synonyms.yaml").write_text(SYNONYMS, encoding="utf-8")
    with streamlit_app(root) as url:
        yield url


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


Context = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Context]:
    """Contexts with exactly the given settings (the suite's default viewport left out)."""
    made: list[BrowserContext] = []

    def make(**kwargs: Any) -> BrowserContext:
        context = browser.new_context(**kwargs)
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        made.append(context)
        return context

    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    yield make
    for context in made:
        context.close()


def _open(context: BrowserContext, url: str, heading: str) -> tuple[Page, list[str]]:
    """A page at ``url`` once its h1 shows and its script is idle; and the requests it made
    to anywhere but the server."""
    page = context.new_page()
    base = url.split("/", 3)[:3]
    origin = "/".join(base)
    away: list[str] = []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((origin, "data:", "blob:")) else away.append(r.url)
        ),
    )
    page.goto(url)
    page.wait_for_selector(READY)
    expect(
        page.locator(MAIN).get_by_role("heading", name=heading, level=1)
    ).to_be_visible()
    return page, away


def _violations(axe: Axe, page: Page) -> list[str]:
    results = axe.run(page, context=MAIN, options={"resultTypes": ["violations"]})
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_every_reader_page_passes_axe_at_both_widths(
    server: str, new_context: Context, axe: Axe, screenshot: Shot, name: str, width: str
) -> None:
    path, heading = PAGES[name]
    page, away = _open(new_context(**WIDTHS[width]), server + path, heading)
    if name == "claim":  # wait for the parts below the fold: evidence and forest plot
        expect(page.locator(MAIN).locator(".js-plotly-plot").first).to_be_attached()
    assert _violations(axe, page) == []
    assert page.title().endswith("· claimtracker") and page.title() != "claimtracker"
    # The page fills the phone's width and no more: nothing runs off to the side.
    scroll = page.locator(MAIN).evaluate("e => e.scrollWidth - e.clientWidth")
    assert scroll <= 1
    assert away == []  # the favicon and everything else come from the server
    screenshot(page, f"readers-{name}-{width}")


def test_the_overview_answers_each_question_in_one_sentence_with_distinct_links(
    server: str, new_context: Context
) -> None:
    page, _ = _open(new_context(**DESKTOP), server, PAGES["overview"][1])
    main = page.locator(MAIN)
    expect(
        main.get_by_role("heading", name="The short answers", level=2)
    ).to_be_visible()
    expect(
        main.get_by_role(
            "heading", name="Do compression socks make you faster?", level=3
        )
    ).to_be_visible()
    expect(main.get_by_text("(unproven, low certainty)")).to_be_visible()
    link = main.get_by_role("link", name="The evidence on running faster")
    expect(link).to_have_attribute("href", f"claim?claim={PERFORMANCE}")
    names = [n.strip() for n in main.get_by_role("link").all_inner_texts()]
    assert len(names) == len(set(names)), names
    # headings never skip a level (h1, then h2, then h3)
    levels = main.locator("h1, h2, h3, h4").evaluate_all(
        "hs => hs.map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_a_permalink_has_its_records_title(server: str, new_context: Context) -> None:
    path, heading = PAGES["claim"]
    page, _ = _open(new_context(**DESKTOP), server + path, heading)
    assert page.title() == f"{heading} · Claim · claimtracker"


def test_a_search_with_no_claims_offers_the_matching_studies(
    server: str, new_context: Context, screenshot: Shot
) -> None:
    page, _ = _open(new_context(**PHONE), f"{server}/browse", "Browse and search")
    main = page.locator(MAIN)
    box = main.get_by_role("textbox", name="Search claims and studies")
    box.fill("Alpah")  # a typo of an author's name
    box.press("Enter")
    expect(main.get_by_text("No claims match “Alpah”")).to_be_visible()
    expect(main.get_by_text("you typed “alpah”")).to_be_visible()
    screenshot(page, "readers-search-other-table-390")
    main.get_by_role(
        "button", name="1 study also matches “Alpah”: show the studies"
    ).click()
    expect(
        main.get_by_role(
            "link",
            name="Alpha et al. 2015: Calf sleeves and a treadmill time trial in trained runners",
        )
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"table=studies"))


def test_a_synonym_finds_the_claim_and_a_result_opens_with_the_keyboard(
    server: str, new_context: Context
) -> None:
    page, _ = _open(
        new_context(**DESKTOP), f"{server}/browse?q=DOMS", "Browse and search"
    )
    main = page.locator(MAIN)
    expect(
        main.get_by_text("“doms” also finds: delayed onset muscle soreness")
    ).to_be_visible()
    result = main.get_by_role(
        "link", name="Wearing compression socks after a run reduces muscle soreness."
    )
    result.focus()
    page.keyboard.press("Enter")
    expect(main.get_by_role("heading", name=PAGES["claim"][1], level=1)).to_be_visible()
    assert f"claim={SORENESS}" in page.url


def test_filters_are_folded_away_until_asked_for(
    server: str, new_context: Context
) -> None:
    page, _ = _open(new_context(**PHONE), f"{server}/browse", "Browse and search")
    main = page.locator(MAIN)
    expect(main.get_by_text("Filters", exact=True)).to_be_visible()
    expect(main.get_by_text("Certainty", exact=True)).to_be_hidden()
    main.get_by_text("Filters", exact=True).click()
    expect(main.get_by_text("Certainty", exact=True)).to_be_visible()


def test_the_check_button_checks_a_pasted_draft(
    server: str, new_context: Context, screenshot: Shot
) -> None:
    page, _ = _open(new_context(**PHONE), f"{server}/draft", "Check a draft")
    main = page.locator(MAIN)
    main.get_by_label("Paste your draft (plain text or Markdown)").fill(
        "My socks are blue. Compression socks make runners faster."
    )
    main.get_by_role("button", name="Check").click()
    expect(main.get_by_text("in 1 of 2 sentences")).to_be_visible()
    expect(
        main.get_by_role("heading", name="Sentences with no tracked claim (1)")
    ).to_be_visible()
    expect(main.get_by_text("Line 1, column 1: “My socks are blue.”")).to_be_visible()
    screenshot(page, "readers-draft-checked-390")


def test_on_a_phone_the_menu_closes_after_a_pick(
    server: str, new_context: Context, screenshot: Shot
) -> None:
    page, _ = _open(new_context(**PHONE), server, PAGES["overview"][1])
    opener = page.get_by_test_id("stExpandSidebarButton")
    opener.click()
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Evidence map").click()
    expect(
        page.locator(MAIN).get_by_role("heading", name="Evidence map", level=1)
    ).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(nav).not_to_be_in_viewport()
    screenshot(page, "readers-menu-closed-390")


def test_on_a_phone_the_map_is_a_list(server: str, new_context: Context) -> None:
    page, _ = _open(new_context(**PHONE), f"{server}/map", "Evidence map")
    main = page.locator(MAIN)
    expect(main.get_by_role("heading", name="The map as a list")).to_be_visible()
    expect(main.get_by_text("Recovery: 3 studies: 3 benefit")).to_be_visible()
    expect(main.locator(".st-key-map-scroll")).to_be_hidden()
    desktop, _ = _open(new_context(**DESKTOP), f"{server}/map", "Evidence map")
    expect(desktop.locator(MAIN).locator(".js-plotly-plot")).to_be_visible()
