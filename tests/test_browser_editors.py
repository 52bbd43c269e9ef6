"""Editors in Chromium on the shipped evidence: forms start from the file, two editors merge.

One real ``streamlit run app.py`` serves a copy of the repository's own ``claims/`` and
``studies/`` with two password editors, alice and bob. Each test works on records of its
own, so they share the server; the audit log is read per file.

What is proven here, because only a browser shows it (the browser keeps the state of the
widgets it already holds, which AppTest does not):

- records picked one after another in one session each start from their own file (no diff);
- a save changes the file only where the editor changed it, and a revert puts it back;
- two editors in two browser contexts: changes to different fields combine, a field both
  changed is shown side by side and saved only as chosen;
- a reload or a new tab keeps the editor signed in and restores the unsaved edit; an editor
  address opened while signed out leads through sign-in back to the same record.
"""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page, expect

from browser_widgets import choose
from claimtracker.audit import read_audit, verify_chain
from claimtracker.auth import hash_password
from claimtracker.models import Claim
from conftest import READY, REPO, Shot, StreamlitApp
from editor_browser import (
    diff_block,
    expect_diff_line,
    expect_no_changes,
    nav,
    save,
    sign_in,
    tab,
    textbox,
    type_into,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORDS = {"alice": "correct horse battery", "bob": "staple gun ladder"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped") / "store"
    for folder in ("claims", "studies"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def server(
    store: Path,
    tmp_path_factory: pytest.TempPathFactory,
    streamlit_app: StreamlitApp,
) -> Iterator[str]:
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    lines = [f'{user} = "{hash_password(pw)}"' for user, pw in PASSWORDS.items()]
    secrets.write_text("[editors]\n" + "\n".join(lines) + "\n")
    with streamlit_app(store, args=["--secrets.files", str(secrets)]) as url:
        yield url


def editor(
    new_context: Callable[..., BrowserContext], server: str, user: str, path: str
) -> Page:
    """A browser of its own for ``user``, signed in and on ``path``.

    An editor address opened while signed out leads to sign-in, then back to it.
    """
    page = new_context().new_page()
    page.goto(f"{server}/{path}")
    page.wait_for_selector(READY)
    sign_in(page, user, PASSWORDS[user])
    if path == "sign-in":
        expect(page.get_by_text(f"Signed in as {user} (editor).")).to_be_visible()
    else:
        expect(page).to_have_url(f"{server}/{path}")
    return page


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a change removed (-) and added (+)."""
    return [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[:1] in "+-"
    ]


def entries(store: Path, file: str) -> list[dict[str, object]]:
    return [e for e in read_audit(store) if e["file"] == file]


# --------------------------------------------------------------------------- forms start from the file


def test_records_picked_one_after_another_each_start_from_their_file(
    new_context: Callable[..., BrowserContext],
    server: str,
    store: Path,
    screenshot: Shot,
) -> None:
    claims = sorted(p.stem for p in (store / "claims").glob("*.yaml"))[::3][:8]
    studies = sorted(p.stem for p in (store / "studies").glob("*.yaml"))[::5][:8]
    assert len(claims) == len(studies) == 8
    page = editor(new_context, server, "alice", "sign-in")
    expect(page.get_by_text("Signed in as alice (editor).")).to_be_visible()

    nav(page, "Edit a claim")
    tab(page, "Verdict")
    for claim_id in claims:
        choose(page, "Claim", claim_id)
        expect_no_changes(page)
        expect(page).to_have_url(f"{server}/edit-claim?claim={claim_id}")
        claim = Claim.model_validate(
            yaml.safe_load((store / "claims" / f"{claim_id}.yaml").read_text())
        )
        rating = page.get_by_role("combobox", name="Rating", exact=True)
        if claim.verdict is not None:
            expect(rating).to_have_value(claim.verdict.rating.value.replace("-", " "))
            expect(textbox(page, "Rationale")).to_have_value(claim.verdict.summary)
    screenshot(page, "editors-claim-verdict-tab")

    nav(page, "Edit a study")
    for study_id in studies:
        choose(page, "Study", study_id)
        expect_no_changes(page)
        expect(textbox(page, "Study id")).to_have_value(study_id)
    screenshot(page, "editors-study-citation-tab")


def test_a_save_changes_only_the_edited_field_and_a_revert_restores_the_file(
    new_context: Callable[..., BrowserContext],
    server: str,
    store: Path,
    screenshot: Shot,
) -> None:
    study = store / "studies" / "ali-2010.yaml"
    original = study.read_text()
    page = editor(new_context, server, "alice", "edit-study?study=ali-2010")
    expect(page.get_by_role("heading", name="Edit a study").first).to_be_visible()
    expect_no_changes(page)
    type_into(page, "Journal", "Eur J Appl Physiol")
    expect_diff_line(page, "+journal: Eur J Appl Physiol")
    type_into(page, "Reason for the change", "the journal's short name")
    save(page)
    expect(page.get_by_text("Saved studies/ali-2010.yaml (change")).to_be_visible()
    expect_no_changes(page)  # the form now starts from the saved file
    assert changed_lines(original, study.read_text()) == [
        "- journal: European Journal of Applied Physiology",
        "+ journal: Eur J Appl Physiol",
    ]

    tab(page, "History")
    screenshot(page, "editors-study-history")
    (change,) = entries(store, "studies/ali-2010.yaml")
    page.get_by_role("button", name=f"Revert change {change['seq']}").click()
    expect(page.get_by_text(f"Reverted change {change['seq']}")).to_be_visible()
    assert study.read_text() == original
    assert [e["action"] for e in entries(store, "studies/ali-2010.yaml")] == [
        "edit",
        "revert",
    ]
    assert verify_chain(store) == []


def test_a_verdict_change_needs_a_reason_and_keeps_every_other_verdict_field(
    new_context: Callable[..., BrowserContext],
    server: str,
    store: Path,
    screenshot: Shot,
) -> None:
    claim_id = "compression-reduces-muscle-soreness-after-running"
    path = store / "claims" / f"{claim_id}.yaml"
    before = Claim.model_validate(yaml.safe_load(path.read_text()))
    assert before.verdict is not None and len(before.verdict.flags) == 5
    page = editor(new_context, server, "alice", "sign-in")
    nav(page, "Edit a claim")
    choose(page, "Claim", claim_id)
    tab(page, "Verdict")
    expect_no_changes(page)
    choose(page, "Certainty", "very low")
    expect_diff_line(page, "+  certainty: very-low")
    save(page)
    expect(
        page.get_by_text("Give a reason: a rating, certainty or flag changed.")
    ).to_be_visible()
    screenshot(page, "editors-claim-reason-required")
    assert Claim.model_validate(yaml.safe_load(path.read_text())) == before
    type_into(page, "Reason for the change", "only small unblinded trials remain")
    expect_diff_line(page, "+    reason: only small unblinded trials remain")
    save(page)
    expect(page.get_by_text(f"Saved claims/{claim_id}.yaml (change")).to_be_visible()
    after = Claim.model_validate(yaml.safe_load(path.read_text()))
    assert after.verdict is not None
    assert after.verdict.certainty.value == "very-low"
    assert after.verdict.flags == before.verdict.flags
    assert after.verdict.summary == before.verdict.summary
    assert after.verdict.rating == before.verdict.rating
    assert after.history[-1].reason == "only small unblinded trials remain"
    assert after.history[-1].editor == "alice"
    assert entries(store, f"claims/{claim_id}.yaml")[-1]["reason"] == (
        "only small unblinded trials remain"
    )


# --------------------------------------------------------------------------- two editors


def test_two_editors_changing_different_fields_both_keep_their_change(
    new_context: Callable[..., BrowserContext],
    server: str,
    store: Path,
    screenshot: Shot,
) -> None:
    file = "studies/ali-2011.yaml"
    address = "edit-study?study=ali-2011"
    alice = editor(new_context, server, "alice", address)
    bob = editor(new_context, server, "bob", address)
    for page in (alice, bob):
        expect(page.get_by_role("heading", name="Edit a study").first).to_be_visible()
        expect_no_changes(page)

    type_into(alice, "Journal", "Journal of Sports Sciences (print)")
    type_into(alice, "Reason for the change", "print edition")
    save(alice)
    expect(alice.get_by_text(f"Saved {file} (change")).to_be_visible()

    tab(bob, "Summary and notes")
    type_into(bob, "Editorial notes", "Checked against the abstract again.")
    type_into(bob, "Reason for the change", "note the second check")
    save(bob)
    expect(bob.get_by_text("were combined").first).to_be_visible()
    screenshot(bob, "editors-merge-combined")
    expect_diff_line(bob, "Checked against the abstract again.")
    save(bob)
    expect(bob.get_by_text(f"Saved {file} (change")).to_be_visible()

    data = yaml.safe_load((store / file).read_text())
    assert data["journal"] == "Journal of Sports Sciences (print)"
    assert data["notes"] == "Checked against the abstract again."
    log = entries(store, file)
    assert [e["actor"] for e in log] == ["alice", "bob"]
    assert "Checked against the abstract again." in str(log[1]["diff"])
    assert not [
        line
        for line in str(log[1]["diff"]).splitlines()
        if line.startswith(("+journal", "-journal"))
    ]
    assert verify_chain(store) == []


def test_a_field_both_editors_changed_is_saved_only_as_chosen(
    new_context: Callable[..., BrowserContext],
    server: str,
    store: Path,
    screenshot: Shot,
) -> None:
    file = "studies/born-2013.yaml"
    address = "edit-study?study=born-2013"
    alice = editor(new_context, server, "alice", address)
    bob = editor(new_context, server, "bob", address)
    for page in (alice, bob):
        expect_no_changes(page)

    type_into(alice, "Journal", "Alice's journal")
    type_into(alice, "Volume", "99")
    save(alice)
    expect(alice.get_by_text(f"Saved {file} (change")).to_be_visible()

    type_into(bob, "Journal", "Bob's journal")
    tab(bob, "Summary and notes")
    type_into(bob, "Editorial notes", "Bob checked the volume.")
    save(bob)
    expect(bob.get_by_text("Both of you changed").first).to_be_visible()
    expect(bob.get_by_role("button", name="Save", exact=True)).to_have_count(0)
    use = bob.get_by_role("button", name="Use these choices")
    expect(use).to_be_disabled()
    screenshot(bob, "editors-merge-clash")
    assert yaml.safe_load((store / file).read_text())["journal"] == "Alice's journal"
    bob.get_by_role("radiogroup", name="Journal").get_by_text("Keep mine").click()
    expect(use).to_be_enabled()
    use.click()
    expect_diff_line(bob, "+journal: Bob's journal")
    save(bob)
    expect(bob.get_by_text(f"Saved {file} (change")).to_be_visible()

    data = yaml.safe_load((store / file).read_text())
    assert (data["journal"], data["volume"], data["notes"]) == (
        "Bob's journal",
        "99",
        "Bob checked the volume.",
    )
    log = entries(store, file)
    assert [e["actor"] for e in log] == ["alice", "bob"]
    assert "+journal: Bob's journal" in str(log[1]["diff"])
    assert not [
        line
        for line in str(log[1]["diff"]).splitlines()
        if line.startswith(("+volume", "-volume"))
    ]


# --------------------------------------------------------------------------- sign-in that lasts, drafts


def test_a_reload_keeps_the_editor_signed_in_and_the_unsaved_edit(
    new_context: Callable[..., BrowserContext],
    server: str,
    store: Path,
    screenshot: Shot,
) -> None:
    context = new_context()
    page = context.new_page()
    page.goto(f"{server}/edit-study?study=brown-2017")
    expect(page).to_have_url(f"{server}/sign-in?next=edit-study&study=brown-2017")
    sign_in(page, "alice", PASSWORDS["alice"])
    expect(page.get_by_role("heading", name="Edit a study").first).to_be_visible()
    expect(page).to_have_url(f"{server}/edit-study?study=brown-2017")
    expect(textbox(page, "Study id")).to_have_value("brown-2017")

    tab(page, "Summary and notes")
    type_into(page, "Editorial notes", "Half-finished note about the outcomes.")
    expect_diff_line(page, "Half-finished note about the outcomes.")
    page.reload()
    expect(page.get_by_role("heading", name="Edit a study").first).to_be_visible()
    expect(page.get_by_text("unsaved edits", exact=False).first).to_be_visible()
    expect_diff_line(page, "Half-finished note about the outcomes.")
    tab(page, "Summary and notes")
    expect(textbox(page, "Editorial notes")).to_have_value(
        "Half-finished note about the outcomes."
    )
    screenshot(page, "editors-draft-restored")

    other = context.new_page()  # a new tab of the same browser
    other.goto(f"{server}/edit-claim?claim=flight-socks-prevent-dvt")
    expect(other.get_by_role("heading", name="Edit a claim").first).to_be_visible()
    expect_no_changes(other)
    other.close()

    page.get_by_role("button", name="Discard my unsaved edits").click()
    expect_no_changes(page)
    page.reload()
    expect(page.get_by_role("heading", name="Edit a study").first).to_be_visible()
    expect_no_changes(page)
    assert entries(store, "studies/brown-2017.yaml") == []

    nav(page, "Account")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("textbox", name="User name")).to_be_visible()
    page.goto(f"{server}/edit-study?study=brown-2017")
    expect(page).to_have_url(f"{server}/sign-in?next=edit-study&study=brown-2017")
    expect(diff_block(page)).to_have_count(0)


def test_the_claim_and_study_pages_link_a_signed_in_editor_to_the_form(
    new_context: Callable[..., BrowserContext],
    server: str,
) -> None:
    reader = new_context().new_page()
    reader.goto(f"{server}/study?study=kemmler-2009")
    reader.wait_for_selector(READY)
    expect(reader.get_by_role("link", name="Edit this study")).to_have_count(0)

    page = editor(new_context, server, "bob", "sign-in")
    expect(page.get_by_text("Signed in as bob (editor).")).to_be_visible()
    page.goto(f"{server}/study?study=kemmler-2009")
    page.get_by_role("link", name="Edit this study").click()
    expect(page.get_by_role("heading", name="Edit a study").first).to_be_visible()
    expect(textbox(page, "Study id")).to_have_value("kemmler-2009")
    expect_no_changes(page)
    page.goto(f"{server}/claim?claim=flight-socks-prevent-dvt")
    page.get_by_role("link", name="Edit this claim").click()
    expect(page.get_by_role("heading", name="Edit a claim").first).to_be_visible()
    expect(page).to_have_url(f"{server}/edit-claim?claim=flight-socks-prevent-dvt")
    expect_no_changes(page)
