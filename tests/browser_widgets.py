"""Helpers that pick options in Streamlit's select widgets in Chromium.

A rerun still in progress can close a drop-down list as it opens, or redraw it under the
pointer, so each helper retries until the widget shows the choice, then asserts it.
They wait with Playwright's ``expect`` or the readiness selector, never with a sleep.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import READY

ATTEMPTS = 15


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of the select box labelled ``label``.

    The option is typed to filter the list (a long list only draws the options in view),
    then clicked.
    """
    combo = page.get_by_role("combobox", name=label, exact=True)
    for _ in range(ATTEMPTS):
        page.wait_for_selector(READY)
        combo.click()
        combo.fill(option)
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=2_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    expect(combo).to_have_value(option)


def add_choice(page: Page, widget: Locator, option: str) -> None:
    """Add ``option`` to the multiselect ``widget`` by typing it, as a keyboard user would,
    and wait until the widget shows it as chosen."""
    chosen = widget.get_by_role("button", name=f"Remove {option}", exact=True)
    for _ in range(ATTEMPTS):
        page.wait_for_selector(READY)
        field = widget.locator("input")
        field.click()
        field.fill("")  # what an earlier attempt typed
        page.keyboard.type(option)
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=2_000)
        except PlaywrightTimeout:
            pass
        page.keyboard.press("Escape")
        page.wait_for_selector(READY)
        if chosen.count():
            break
    expect(chosen).to_be_visible()
