"""No reader can download an unguarded table (issue 11, item 5), checked in Chromium.

Streamlit's dataframe toolbar has its own "Download as CSV", which wrote cells such as
``=HYPERLINK(...)`` as they are, for a spreadsheet to run. It is turned off for the whole
app (``client.disableDataExport``); the Browse page offers the project's guarded CSV export
instead. The test walks every page a reader can reach (the sidebar's links, plus claim and
study permalinks and the studies table), opens every expander, and hovers every table: each
toolbar appears (so the check is not vacuous) and none offers a download. A table added to
any reader page later is covered the same way.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import READY, VALID, StreamlitApp

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FORMULA = '=HYPERLINK("https://evil.example/","click me")'
CLAIM = "compression-socks-improve-running-performance"


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, streamlit_app: StreamlitApp
) -> Iterator[str]:
    """The dashboard over the valid records, one claim's proposition a spreadsheet formula."""
    root = tmp_path_factory.mktemp("records") / "repo"
    shutil.copytree(VALID, root)
    path = root / "claims" / f"{CLAIM}.yaml"
    data = yaml.safe_load(path.read_text()) | {"proposition": FORMULA}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    with streamlit_app(root) as url:
        yield url


def reader_pages(page: Page, url: str) -> list[str]:
    """Every page a reader reaches from the sidebar, plus permalinks and the studies table."""
    page.goto(url)
    page.wait_for_selector(READY)
    nav = page.get_by_test_id("stSidebarNav").get_by_role("link")
    links = [str(nav.nth(i).get_attribute("href")) for i in range(nav.count())]
    assert len(links) >= 6, links
    first_study = sorted(p.stem for p in (VALID / "studies").glob("*.yaml"))[0]
    return [
        *links,
        f"{url}/claim?claim={CLAIM}",
        f"{url}/study?study={first_study}",
        f"{url}/browse?view=table",
        f"{url}/browse?table=studies&view=table",
    ]


#: Pages that show a table (the rest are checked for whatever tables they show).
WITH_TABLES = (
    "/browse?view=table",
    "/browse?table=studies&view=table",
    "/claim?claim=",
    "/study?study=",
)


def check_tables(page: Page, with_table: bool) -> int:
    """Hover every table on the page (expanders opened): a toolbar, and no download in it."""
    main = page.get_by_test_id("stMain")
    # the new page has drawn (a fresh page can look idle before its first run starts)
    expect(main.get_by_role("heading").first).to_be_visible()
    if with_table:
        expect(main.get_by_test_id("stDataFrame").first).to_be_visible()
    page.wait_for_selector(READY)
    expanders = main.get_by_test_id("stExpander").locator("summary")
    for i in range(expanders.count()):
        expanders.nth(i).click()
    page.wait_for_selector(READY)
    tables = main.get_by_test_id("stDataFrame")
    for i in range(tables.count()):
        table = tables.nth(i)
        table.scroll_into_view_if_needed()
        table.hover()
        toolbar = page.get_by_test_id("stElementToolbar").filter(
            has=page.get_by_role("button", name="Search")
        )
        expect(toolbar.first).to_be_visible()
        expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
    return tables.count()


def test_no_reader_page_offers_streamlits_own_csv_download(
    server: str, page: Page
) -> None:
    checked: dict[str, int] = {}
    for url in reader_pages(page, server):
        page.goto(url)
        page.wait_for_selector(READY)
        checked[url] = check_tables(page, any(k in url for k in WITH_TABLES))
    # the pages known to hold tables were among them
    for known in WITH_TABLES:
        assert any(known in url and n for url, n in checked.items()), (known, checked)


def test_the_browse_table_downloads_through_the_guarded_exporter(
    server: str, page: Page
) -> None:
    page.goto(f"{server}/browse")  # the list of results, as a reader first sees it
    page.wait_for_selector(READY)
    button = page.get_by_role("button", name=re.compile(r"Download these \d+ claims"))
    with page.expect_download() as download:
        button.click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    header, *cells = rows
    propositions = [row[header.index("proposition")] for row in cells]
    assert "'" + FORMULA in propositions  # the formula is text, not a formula
    assert not any(p.startswith("=") for p in propositions)
