"""The static site in Chromium: axe-core on a page of each kind, charts drawn with the site's
own plotly.js (and every page readable without JavaScript), search with synonyms, and record
text that never runs as markup. The site is served by a plain static file server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Request, Route, expect

from claimtracker.site import build_site
from conftest import REPO
from site_helpers import HOSTILE, SETTINGS, copy_records, edit_yaml, pages, site_path

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data" / "valid"
SYNONYMS = [["dvt", "deep vein thrombosis"], ["lactate", "lactic acid", "lactic"]]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.cache
def _axe() -> Axe:
    return Axe()


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def shipped_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("browser-site") / "public"
    build_site(REPO, out, settings=SETTINGS, synonyms=lambda root: SYNONYMS)
    yield from serve(out)


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, str]]:
    root = copy_records(DATA, tmp_path_factory.mktemp("browser-hostile"))

    def claim(data):
        data["proposition"] = f"{HOSTILE} make you faster."
        data["aliases"] = [HOSTILE]
        data["verdict"]["summary"] = HOSTILE

    def study(data):
        data["title"] = HOSTILE

    edit_yaml(
        root / "claims" / "compression-socks-improve-running-performance.yaml", claim
    )
    edit_yaml(root / "studies" / "doe-2015.yaml", study)
    out = root / "public"
    build_site(root, out, settings=SETTINGS)
    for url in serve(out):
        yield out, url


@pytest.fixture
def local_only(page: Page) -> list[str]:
    """Requests that left the machine (aborted): none may be made."""
    outside: list[str] = []

    def check(route: Route, request: Request) -> None:
        if request.url.startswith(("http://127.0.0.1:", "data:")):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page.route("**/*", check)
    return outside


KINDS = {
    "home": "",
    "claims": "claims/",
    "claim": "claim/compression-speeds-recovery-of-strength/",
    "studies": "studies/",
    "year": "studies/2015/",
    "study": "study/engel-2016/",
    "map": "map/",
    "methods": "methods/",
    "search": "search/?q=recovery",
    "error": "404.html",
}


def wait_for_charts(page: Page) -> None:
    charts = page.locator("div.chart")
    expect(page.locator("div.chart.js-plotly-plot")).to_have_count(charts.count())


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_serious_or_critical_violation(
    page: Page, shipped_url: str, local_only: list[str], kind: str
) -> None:
    page.goto(shipped_url + KINDS[kind])
    wait_for_charts(page)
    if kind == "search":
        expect(page.locator("#search-results li").first).to_be_visible()
    results = _axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], bad
    assert local_only == []


def test_charts_are_drawn_by_the_sites_own_plotly(
    page: Page, shipped_url: str, local_only: list[str]
) -> None:
    page.goto(shipped_url + KINDS["claim"])
    wait_for_charts(page)
    expect(page.locator("div.chart.js-plotly-plot").first).to_be_visible()
    page.goto(shipped_url)
    wait_for_charts(page)
    expect(page.locator("#map-chart .scatterlayer").first).to_be_attached()
    assert local_only == []


def test_pages_read_without_javascript(new_context, shipped_url: str) -> None:
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(shipped_url + KINDS["claim"])
    expect(page.get_by_role("heading", name="Our verdict")).to_be_visible()
    expect(page.locator("div.chart").first).to_be_hidden()
    expect(page.locator("#forest-1-table")).to_be_visible()
    expect(
        page.get_by_role("heading", name="The evidence (10 studies)")
    ).to_be_visible()
    page.goto(shipped_url + "search/")
    expect(page.get_by_text("Search needs JavaScript")).to_be_visible()
    context.close()


def search(page: Page, url: str, words: str) -> list[str]:
    page.goto(url + "search/")
    page.get_by_label("Search claims and studies").fill(words)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#search-status")).to_contain_text("for “")
    return [
        a.get_attribute("href") or ""
        for a in page.locator("#search-results li a").all()
    ]


@pytest.fixture(scope="module")
def synonym_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Claims that name DVT and lactate only by their other names."""
    root = copy_records(DATA, tmp_path_factory.mktemp("browser-synonyms"))

    def lactic(data):
        data["proposition"] = "Compression garments clear lactic acid from the legs."
        data["appearances"][0]["quote"] = "Flushes the burn away"

    def clots(data):
        data["proposition"] = (
            "Compression socks prevent deep vein thrombosis on long runs."
        )
        data.pop("aliases", None)

    edit_yaml(root / "claims" / "compression-flushes-lactate.yaml", lactic)
    edit_yaml(root / "claims" / "compression-dates-back-to-antiquity.yaml", clots)
    out = root / "public"
    build_site(root, out, settings=SETTINGS, synonyms=lambda r: SYNONYMS)
    yield from serve(out)


def test_search_finds_a_claim_by_another_name_of_its_terms(
    page: Page, synonym_url: str, local_only: list[str]
) -> None:
    assert "/claim/compression-flushes-lactate/" in search(page, synonym_url, "lactate")
    found = search(page, synonym_url, "DVT")
    assert "/claim/compression-dates-back-to-antiquity/" in found
    assert local_only == []


def test_search_finds_claims_by_alias_and_studies_by_author(
    page: Page, shipped_url: str, local_only: list[str]
) -> None:
    found = search(page, shipped_url, "flush out lactic acid")  # an alias
    assert "/claim/compression-flushes-lactic-acid/" in found
    found = search(page, shipped_url, "Scurr")
    assert "/study/scurr-2001/" in found
    page.locator("#search-results a[href='/study/scurr-2001/']").click()
    expect(page).to_have_url(shipped_url + "study/scurr-2001/")
    assert local_only == []


def test_record_text_stays_text_in_the_browser(page: Page, hostile_site) -> None:
    out, url = hostile_site
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    shown = 0
    for file in pages(out):
        page.goto(url + site_path(out, file))
        assert page.locator("img").count() == 0
        if "Socks </script>" in page.locator("body").inner_text():
            shown += 1
    assert shown >= 4
    found = search(page, url, "Socks")
    assert "/claim/compression-socks-improve-running-performance/" in found
    assert page.locator("#search-results img").count() == 0
    assert dialogs == []
