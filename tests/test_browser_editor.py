"""The editors' path end to end in headless Chromium.

An editor signs in with a password, imports a study from a BibTeX file, completes it with an
outcome, links that outcome to a claim, changes the claim's verdict with a reason, and a reader
in a fresh browser then sees the new verdict and its history entry. The server is a real
`streamlit run app.py` (``streamlit_app`` in ``conftest.py``) on a free port over a temporary
copy of ``tests/data/editors``, with a secrets file of its own; it is stopped at the end.
Screenshots go to ``tests/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page, expect

from browser_widgets import choose
from claimtracker.audit import read_audit, verify_chain
from claimtracker.auth import hash_password
from claimtracker.models import Claim, Rating
from conftest import READY, Shot, StreamlitApp
from editor_browser import expect_diff_line, nav, save, tab, type_into

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATA = Path(__file__).parent / "data"
CLAIM = "compression-socks-improve-running-performance"
BIB = """@article{ali2007,
  author = {Ali, A. and Caine, M. P. and Snow, B. G.},
  title = {Graduated compression stockings: physiological and perceptual responses during and after exercise},
  journal = {Journal of Sports Sciences},
  year = {2007},
  volume = {25},
  number = {4},
  pages = {413--419},
  doi = {10.1080/02640410600718376},
}
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "editors", tmp_path / "store")
    return tmp_path / "store"


@pytest.fixture
def server(
    store: Path,
    tmp_path: Path,
    streamlit_app: StreamlitApp,
) -> Iterator[str]:
    """`streamlit run app.py` with one password editor, alice; yields its base URL."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[editors]\nalice = "{hash_password("correct horse battery")}"\n'
    )
    with streamlit_app(store, args=["--secrets.files", str(secrets)]) as url:
        yield url


def test_an_editor_imports_links_and_rates_and_a_reader_sees_it(
    page: Page,
    new_context: Callable[..., BrowserContext],
    screenshot: Shot,
    server: str,
    store: Path,
    tmp_path: Path,
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB)
    try:
        # sign in
        page.goto(f"{server}/sign-in")
        page.wait_for_selector(READY)
        expect(
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Edit a claim")
        ).to_have_count(0)
        page.get_by_role("textbox", name="User name").fill("alice")
        page.get_by_role("textbox", name="Password").fill("correct horse battery")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Signed in as alice (editor).")).to_be_visible()

        # import a study from a BibTeX file
        nav(page, "Import studies")
        page.locator('input[type="file"]').set_input_files(str(bib))
        expect(
            page.get_by_text(
                "refs.bib: 1 entries: 1 imported, 0 rejected, 0 duplicates"
            )
        ).to_be_visible()
        page.get_by_role("button", name="Create 1 draft study").click()
        expect(page.get_by_text("Imported.")).to_be_visible()
        assert (store / "studies" / "ali-2007.yaml").exists()

        # complete it with an outcome
        page.get_by_role("link", name="Complete ali-2007").click()
        expect(page.get_by_role("heading", name="Edit a study").first).to_be_visible()
        tab(page, "Outcomes")
        page.get_by_role("button", name="Add to outcomes").click()
        type_into(page, "Outcome key", "soreness")
        type_into(
            page, "What was measured", "perceived muscle soreness after a 10 km run"
        )
        choose(page, "Domain", "recovery")
        choose(page, "Measured how", "self reported")
        choose(page, "Finding", "benefit")
        type_into(page, "Reason for the change", "outcome from the abstract")
        expect_diff_line(page, "+  - key: soreness")
        save(page)
        expect(
            page.get_by_text("Saved studies/ali-2007.yaml (change 2).")
        ).to_be_visible()

        # link it to a claim and change the claim's verdict
        nav(page, "Edit a claim")
        choose(page, "Claim", CLAIM)
        tab(page, "Evidence")
        choose(page, "Study to link", "ali-2007")
        choose(
            page,
            "Outcome to link",
            "soreness: perceived muscle soreness after a 10 km run",
        )
        page.get_by_role("button", name="Link", exact=True).click()
        expect(page.get_by_text("ali-2007 / soreness").first).to_be_visible()
        tab(page, "Verdict")
        choose(page, "Rating", "not supported")
        choose(page, "Certainty", "low")
        type_into(page, "Reason for the change", "blinded trials found no gain")
        expect_diff_line(page, "+  rating: not-supported")
        screenshot(page, "editor-claim-before-save")
        save(page)
        expect(
            page.get_by_text(f"Saved claims/{CLAIM}.yaml (change 3).")
        ).to_be_visible()
    finally:
        screenshot(page, "editor-end")

    saved = Claim.model_validate(
        yaml.safe_load((store / "claims" / f"{CLAIM}.yaml").read_text())
    )
    assert saved.verdict is not None and saved.verdict.rating is Rating.NOT_SUPPORTED
    assert ("ali-2007", "soreness") in [(e.study, e.outcome) for e in saved.evidence]
    assert [e["actor"] for e in read_audit(store)] == ["alice"] * 3 and verify_chain(
        store
    ) == []

    # a reader, in a fresh browser context, sees the new verdict and its history entry
    context = new_context()
    reader = context.new_page()
    try:
        reader.goto(f"{server}/claim?claim={CLAIM}")
        reader.wait_for_selector(READY)
        expect(
            reader.get_by_text("alice: blinded trials found no gain")
        ).to_be_visible()
        expect(reader.get_by_text("Not supported").first).to_be_visible()
        expect(
            reader.get_by_test_id("stSidebarNav").get_by_role(
                "link", name="Edit a claim"
            )
        ).to_have_count(0)
        screenshot(reader, "reader-claim-after-edit")
    finally:
        context.close()
