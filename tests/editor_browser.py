"""Helpers for driving the editor pages in Chromium (used by the editor browser tests).

Every helper waits with Playwright's auto-retrying ``expect`` or a readiness selector, never
with a sleep: a rerun on a busy two-core machine can take seconds.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from conftest import READY

NO_CHANGES = "No changes yet."


def sign_in(page: Page, user: str, password: str) -> None:
    """Fill the sign-in form on the current page and wait until the editor is signed in."""
    page.wait_for_selector(READY)
    page.get_by_role("textbox", name="User name").fill(user)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def nav(page: Page, title: str) -> None:
    """Follow a sidebar link: the session stays, unlike a new page load."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    heading = "Editors" if title in ("Account", "Sign in") else title
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()


def tab(page: Page, name: str) -> None:
    """Show one section of a form."""
    page.get_by_role("tab", name=name, exact=True).click()
    expect(page.get_by_role("tab", name=name, exact=True)).to_have_attribute(
        "aria-selected", "true"
    )


def textbox(page: Page, label: str) -> Locator:
    return page.get_by_role("textbox", name=label, exact=True)


def type_into(page: Page, label: str, text: str) -> None:
    """Replace a text field's value and commit it (Enter for one line, blur for an area)."""
    field = textbox(page, label)
    field.fill(text)
    if field.evaluate("e => e.tagName") == "TEXTAREA":
        field.blur()
    else:
        field.press("Enter")


def diff_block(page: Page) -> Locator:
    """The diff of the file shown above Save: a visible code block with a unified diff
    (the History tab's diffs are hidden in their own tab and expanders)."""
    return page.get_by_test_id("stCode").filter(has_text="@@").filter(visible=True)


def expect_no_changes(page: Page) -> None:
    expect(page.get_by_text(NO_CHANGES, exact=True)).to_be_visible()
    expect(diff_block(page)).to_have_count(0)


def expect_diff_line(page: Page, line: str) -> None:
    """The diff shows ``line`` (e.g. ``+journal: X``)."""
    expect(diff_block(page).filter(has_text=line).first).to_be_visible()


def save(page: Page) -> None:
    page.wait_for_selector(READY)
    page.get_by_role("button", name="Save", exact=True).click()
