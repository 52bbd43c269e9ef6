"""Editor pages under AppTest: sign-in (password and a faked OIDC user), every form, saving.

Pages are opened by the hash of their url_path (see ``goto``), as in ``test_app.py``; each
test checks the page's own title, so a wrong page cannot pass. A signed-in editor is a
session holding a token from ``claimtracker.sessions`` (what the sign-in form puts there).
Form widgets are found by the field they edit (``field``): their keys carry the form's
generation, ``claim-form~3:aliases``.

AppTest does not keep widget state the way a browser does; the flows that depend on it
(records picked one after another, two editors) are proven in Chromium
(``test_browser_editors.py``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import vcr
import yaml
from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

from claimtracker import auth
from claimtracker.audit import read_audit
from claimtracker.auth import cli_actor, hash_password
from claimtracker.dashboard.routing import ERROR_MESSAGE
from claimtracker.models import Claim, Rating, Study
from claimtracker.problems import format_problem
from claimtracker.saving import read_current, save_record
from claimtracker.sessions import Sessions
from claimtracker.store import parse_record

APP = Path(__file__).resolve().parents[1] / "app.py"
DATA = Path(__file__).parent / "data"
CLAIM = "compression-socks-improve-running-performance"
CLAIM_FILE = f"claims/{CLAIM}.yaml"
HASH = hash_password("correct horse", salt=b"fixed-salt-16byt")
PASSWORDS = {"editors": {"alice": HASH, "bob": HASH}}
OIDC = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
    },
    "claimtracker": {"editor_emails": ["ed@example.org"]},
}
EDITOR_PAGES = {"review", "edit-claim", "edit-study", "import"}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA / "editors", tmp_path / "store")
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(tmp_path / "store"))
    auth.GUARD._failures.clear()
    return tmp_path / "store"


def app(secrets: dict[str, object] | None = None, editor: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.secrets.update(secrets if secrets is not None else PASSWORDS)
    if editor:
        at.session_state["ct_session"] = Sessions(
            Path(os.environ["CLAIMTRACKER_ROOT"])
        ).issue(editor)
    return at


def field(at: AppTest, kind: str, path: str) -> Any:
    """The widget of type ``kind`` (``text_input``, ``selectbox`` ...) editing ``path``."""
    found = [
        w
        for w in getattr(at, kind)
        if "~" in str(w.key) and str(w.key).split(":", 1)[1] == path
    ]
    assert len(found) == 1, [str(w.key) for w in getattr(at, kind)]
    return found[0]


def form_keys(at: AppTest) -> set[str]:
    """The field paths of every widget of the open form."""
    kinds = (
        "text_input",
        "text_area",
        "selectbox",
        "multiselect",
        "checkbox",
        "number_input",
    )
    return {
        str(w.key).split(":", 1)[1]
        for kind in kinds
        for w in getattr(at, kind)
        if "~" in str(w.key)
    }


def goto(at: AppTest, url_path: str, **params: str) -> AppTest:
    at.query_params.clear()
    at.query_params.update(params)
    at._page_hash = calc_hash(url_path)
    return at.run()


def ok(at: AppTest) -> AppTest:
    """The run raised nothing, and no page caught an error of its own (the page guard)."""
    assert not at.exception, [e.value for e in at.exception]
    assert ERROR_MESSAGE not in [e.value for e in at.error]
    return at


def pages(at: AppTest) -> set[str]:
    return {p["url_pathname"] for p in at._registered_pages.values()}


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def save_button(at: AppTest) -> Any:
    return field(at, "button", "__save")


def diff_shown(at: AppTest) -> str:
    """The diff above Save ('' when "No changes yet.")."""
    return "\n".join(
        c.value for c in at.code if c.language == "diff" and "@@" in c.value
    )


# --------------------------------------------------------------------------- sign-in and roles


def test_with_no_editor_configured_there_is_no_editor_page(root: Path) -> None:
    at = ok(app(secrets={}).run())
    assert not pages(at) & (EDITOR_PAGES | {"sign-in"})


def test_readers_are_sent_to_sign_in_from_every_editor_address(root: Path) -> None:
    at = ok(app().run())
    assert {"sign-in"} | EDITOR_PAGES <= pages(at)  # registered, so addresses answer
    for url_path in EDITOR_PAGES:
        ok(goto(at, url_path, claim=CLAIM))
        assert titles(at) == ["Editors"]  # the sign-in page
        assert at.query_params["next"] == url_path
        assert at.query_params["claim"] == CLAIM
        assert not [b for b in at.button if str(b.key).endswith(":__save")]


def test_an_editor_signs_in_with_a_password_and_returns_to_the_page_asked_for(
    root: Path,
) -> None:
    at = ok(goto(app(), "sign-in", next="edit-claim", claim=CLAIM))
    assert titles(at) == ["Editors"]
    at.text_input[0].input("alice")
    at.text_input[1].input("correct horse")
    ok(at.button[0].click().run())
    token = at.session_state["ct_session"]
    session = Sessions(root).check(token)
    assert session is not None and session.name == "alice"
    assert titles(at) == ["Edit a claim"]
    assert field(at, "text_input", "id").value == CLAIM
    assert titles(ok(goto(at, "review"))) == ["Review queue"]
    ok(goto(at, "sign-in"))
    assert "Signed in as alice (editor)." in [s.value for s in at.success]
    ok(at.button[0].click().run())  # sign out: the token ends, here and everywhere
    assert Sessions(root).check(token) is None
    ok(goto(at, "edit-claim", claim=CLAIM))
    assert titles(at) == ["Editors"]


def test_a_new_session_with_the_cookie_of_a_signed_in_browser_is_signed_in(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtracker.dashboard import editor

    token = Sessions(root).issue("alice")
    monkeypatch.setattr(editor, "read_cookie", lambda name: token)
    at = ok(goto(app(), "edit-claim", claim=CLAIM))
    assert titles(at) == ["Edit a claim"]
    Sessions(root).sign_out("alice")
    ok(goto(at, "edit-claim", claim=CLAIM))
    assert titles(at) == ["Editors"]


def test_wrong_passwords_are_refused_logged_and_rate_limited(
    root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    at = ok(goto(app(), "sign-in"))
    with caplog.at_level(logging.WARNING, logger="claimtracker.auth"):
        for _ in range(auth.GUARD.limit):
            at.text_input[0].input("alice")
            at.text_input[1].input("wrong")
            ok(at.button[0].click().run())
            assert [e.value for e in at.error] == ["Wrong user name or password."]
        at.text_input[0].input("alice")
        at.text_input[1].input("correct horse")
        ok(at.button[0].click().run())
    assert at.error[0].value.startswith("Too many failed sign-ins.")
    assert "ct_session" not in at.session_state
    assert caplog.text.count("failed sign-in user='alice'") == auth.GUARD.limit


def test_an_oidc_user_on_the_editor_list_is_an_editor(root: Path) -> None:
    at = app(secrets=OIDC)
    at.user = {"is_logged_in": True, "email": "ed@example.org", "name": "Ed"}
    ok(at.run())
    assert EDITOR_PAGES <= pages(at)
    ok(goto(at, "sign-in"))
    assert "Signed in as ed@example.org (editor)." in [s.value for s in at.success]
    assert titles(ok(goto(at, "edit-study", study="stickford-2015"))) == [
        "Edit a study"
    ]


def test_an_oidc_user_not_on_the_list_stays_a_reader(root: Path) -> None:
    at = app(secrets=OIDC)
    at.user = {"is_logged_in": True, "email": "rita@example.org"}
    ok(goto(at, "sign-in"))
    assert "not on the editor list" in at.info[0].value
    assert titles(ok(goto(at, "edit-claim"))) == ["Editors"]
    anonymous = app(secrets=OIDC)  # AppTest's default user is not logged in
    ok(goto(anonymous, "sign-in"))
    assert [b.label for b in anonymous.button] == ["Sign in"]


def test_an_editor_removed_from_the_secrets_cannot_save_from_an_open_page(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    field(at, "text_area", "aliases").input("faster legs")
    ok(at.run())
    before = read_current(root, "claims", CLAIM)
    at.secrets["editors"] = {
        "bob": PASSWORDS["editors"]["alice"]
    }  # alice revoked meanwhile
    ok(save_button(at).click().run())
    assert read_current(root, "claims", CLAIM) == before and read_audit(root) == []
    assert "Edit a claim" not in titles(at)


# --------------------------------------------------------------------------- the claim form


def test_the_claim_form_sets_a_verdict_with_history_shows_the_diff_and_saves(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    assert titles(at) == ["Edit a claim"]
    assert "No problems: this record is valid." in [s.value for s in at.success]
    assert "No changes yet." in [c.value for c in at.caption]
    assert any("engine" in h.value for h in at.subheader)
    field(at, "text_area", "aliases").input(
        "run faster in compression socks\nfaster legs"
    )
    field(at, "selectbox", "verdict.rating").set_value("not-supported")
    field(at, "selectbox", "verdict.certainty").set_value("low")
    ok(at.run())
    diff = codes(at)
    assert "+aliases: [run faster in compression socks, faster legs]" in diff
    assert "+  rating: not-supported" in diff
    ok(save_button(at).click().run())  # no reason yet: refused, the box marked
    assert "Give a reason: a rating, certainty or flag changed." in [
        e.value for e in at.error
    ]
    assert read_audit(root) == []
    field(at, "text_input", "__reason").input("a blinded trial found no change")
    ok(at.run())
    assert "+    reason: a blinded trial found no change" in codes(at)
    assert any("differs from the engine's assessment" in w.value for w in at.warning)
    ok(save_button(at).click().run())
    assert [s.value for s in at.success][0] == f"Saved {CLAIM_FILE} (change 1)."
    assert "No changes yet." in [c.value for c in at.caption]
    saved = Claim.model_validate(yaml.safe_load((root / CLAIM_FILE).read_text()))
    assert saved.verdict is not None and saved.verdict.rating is Rating.NOT_SUPPORTED
    assert saved.verdict.reviewer == "alice" and saved.history[-1].editor == "alice"
    assert saved.history[-1].reason == "a blinded trial found no change"
    (entry,) = read_audit(root)
    assert (entry["actor"], entry["via"], entry["reason"]) == (
        "alice",
        "password",
        "a blinded trial found no change",
    )
    assert "# Kept short on purpose" in (root / CLAIM_FILE).read_text()


def test_a_changed_summary_alone_needs_no_reason_and_keeps_rating_and_flags(
    root: Path,
) -> None:
    before = Claim.model_validate(yaml.safe_load((root / CLAIM_FILE).read_text()))
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    field(at, "text_area", "verdict.summary").input("A shorter rationale.")
    ok(at.run())
    ok(save_button(at).click().run())
    after = Claim.model_validate(yaml.safe_load((root / CLAIM_FILE).read_text()))
    assert after.verdict is not None and before.verdict is not None
    assert after.verdict.summary == "A shorter rationale."
    assert (after.verdict.rating, after.verdict.flags, after.history) == (
        before.verdict.rating,
        before.verdict.flags,
        before.history,
    )
    assert after.verdict.reviewer == "alice"


def test_the_claim_form_adds_an_appearance_and_links_evidence(root: Path) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    ok(field(at, "button", "appearances.__add").click().run())
    field(at, "text_input", "appearances[0].claimant").input("Example Sock Co.")
    field(at, "selectbox", "appearances[0].claimant_type").set_value("manufacturer")
    field(at, "text_area", "appearances[0].paraphrase").input(
        "Says its socks make you faster."
    )
    field(at, "selectbox", "__link_study").set_value("kemmler-2009")
    ok(at.run())
    field(at, "selectbox", "__link_outcome").set_value("time-to-exhaustion")
    ok(at.run())
    ok(field(at, "button", "__link").click().run())
    # the link rebuilt the form: the appearance typed before it is still there
    assert field(at, "text_input", "appearances[0].claimant").value == (
        "Example Sock Co."
    )
    assert "No problems: this record is valid." in [s.value for s in at.success]
    ok(save_button(at).click().run())
    saved = Claim.model_validate(yaml.safe_load((root / CLAIM_FILE).read_text()))
    assert [(e.study, e.outcome) for e in saved.evidence][-1] == (
        "kemmler-2009",
        "time-to-exhaustion",
    )
    assert (
        saved.appearances[0].claimant == "Example Sock Co."
        and saved.appearances[0].quote is None
    )


def test_each_problem_is_shown_beside_its_field_and_blocks_the_save(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    field(at, "text_input", "family").input("Not A Key")
    ok(at.run())
    text = next(
        c.value for c in at.code if c.language == "yaml"
    )  # "the file as it would be saved"
    expected = [format_problem(p) for p in parse_record(text, CLAIM_FILE).problems]
    assert expected and all(
        line in codes(at) for line in expected
    )  # file:line form kept
    assert any(
        "error[invalid-format]: family: 'Not A Key'" in line for line in expected
    )
    beside = [e.value for e in at.error]
    assert any("Not A Key" in v and "is not a key" in v for v in beside)
    assert not any("claims/" in v for v in beside)  # plain words, no file:line
    assert save_button(at).disabled


def test_a_stale_save_merges_with_the_other_editors_change_and_saves_both(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    field(at, "text_area", "aliases").input("mine")
    ok(at.run())
    # meanwhile another editor saves from the command line
    text, sha = read_current(root, "claims", CLAIM)
    assert text is not None
    theirs = text.replace("first review", "first look")
    save_record(
        root, "claims", theirs, base_sha256=sha, actor=cli_actor("bob"), record_id=CLAIM
    )
    ok(save_button(at).click().run())
    notice = " ".join(i.value for i in at.info)
    assert "bob (change 1" in notice and "were combined" in notice
    assert field(at, "text_area", "aliases").value == "mine"  # nothing typed is lost
    assert "mine" not in (root / CLAIM_FILE).read_text()  # nothing saved yet
    ok(save_button(at).click().run())
    final = (root / CLAIM_FILE).read_text()
    assert "aliases: [mine]" in final and "first look" in final
    assert [e["actor"] for e in read_audit(root)] == ["bob", "alice"]


def test_a_field_both_changed_waits_for_a_choice_and_saves_the_chosen_one(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    field(at, "text_area", "proposition").input("Alice's wording.")
    ok(at.run())
    text, sha = read_current(root, "claims", CLAIM)
    assert text is not None
    bob = text.replace("makes runners faster.", "makes runners quicker.")
    assert bob != text
    save_record(
        root, "claims", bob, base_sha256=sha, actor=cli_actor("bob"), record_id=CLAIM
    )
    ok(save_button(at).click().run())
    assert "Both of you changed these fields" in [h.value for h in at.subheader]
    (choice,) = at.radio
    assert choice.label == "The claim, in one neutral sentence"
    assert choice.value is None
    assert field(at, "button", "__use").disabled
    assert not [b for b in at.button if str(b.key).endswith(":__save")]
    choice.set_value("Keep theirs")
    ok(at.run())
    ok(field(at, "button", "__use").click().run())
    assert "quicker" in field(at, "text_area", "proposition").value
    assert "No changes yet." in [c.value for c in at.caption]
    assert read_current(root, "claims", CLAIM)[1] != sha
    assert [e["actor"] for e in read_audit(root)] == ["bob"]


def test_unsaved_edits_come_back_in_a_new_session_until_discarded(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    field(at, "text_area", "aliases").input("half-typed")
    ok(at.run())
    again = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))  # a reload
    assert field(again, "text_area", "aliases").value == "half-typed"
    assert any("unsaved edits" in i.value for i in again.info)
    other = ok(goto(app(editor="bob"), "edit-claim", claim=CLAIM))  # per editor
    assert "No changes yet." in [c.value for c in other.caption]
    ok(field(again, "button", "__discard").click().run())
    assert "No changes yet." in [c.value for c in again.caption]
    fresh = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    assert "No changes yet." in [c.value for c in fresh.caption]
    assert read_audit(root) == []


def test_the_history_tab_reverts_a_change_through_the_audited_path(
    root: Path,
) -> None:
    original = (root / CLAIM_FILE).read_text()
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    field(at, "text_area", "aliases").input("one")
    ok(at.run())
    ok(save_button(at).click().run())
    field(at, "text_input", "family").input("another-family")
    ok(at.run())
    ok(save_button(at).click().run())
    ok(field(at, "button", "__revert1").click().run())  # the older change, alone
    assert "Reverted change 1 as change 3." in [s.value for s in at.success]
    now = (root / CLAIM_FILE).read_text()
    assert "aliases: [one]" not in now and "family: another-family" in now
    ok(field(at, "button", "__revert2").click().run())  # alone again: 3 kept
    assert (root / CLAIM_FILE).read_text() == original
    assert [(e["action"], e.get("reverts")) for e in read_audit(root)] == [
        ("edit", None),
        ("edit", None),
        ("revert", 1),
        ("revert", 2),
    ]
    assert "No changes yet." in [c.value for c in at.caption]


# --------------------------------------------------------------------------- the study form


def test_the_study_form_has_a_widget_for_every_field(root: Path) -> None:
    at = ok(goto(app(editor="alice"), "edit-study", study="stickford-2015"))
    assert titles(at) == ["Edit a study"]
    fields = form_keys(at)
    assert set(Study.model_fields) - {re.split(r"[.\[]", f)[0] for f in fields} == set()
    assert {
        "participants.population",
        "garment.pressure_mmhg.0",
        "risk_of_bias.rating",
        "integrity.status",
    } <= fields
    for name in (
        "key",
        "name",
        "domain",
        "measure",
        "direction",
        "reported",
        "timepoint",
    ):
        assert f"outcomes[0].{name}" in fields
    for name in ("metric", "value", "ci.0", "ci.1", "unit", "benefit_sign"):
        assert f"outcomes[0].effect.{name}" in fields
    assert "outcomes[0].arms.compression.mean" in fields
    numbers = {str(w.key).split(":", 1)[1] for w in at.number_input}
    assert {"year", "participants.n", "outcomes[0].effect.value"} <= numbers
    labels = {w.label for w in at.text_input} | {w.label for w in at.number_input}
    assert {"PubMed id", "Split by sex", "Year", "Participants analysed"} <= labels
    assert "pmid" not in labels and "sex note" not in labels
    assert [t.label for t in at.tabs][:6] == [
        "Citation",
        "Participants",
        "Garment and comparison",
        "Outcomes",
        "Risk of bias and funding",
        "Summary and notes",
    ]


def test_a_new_study_with_an_outcome_and_effect_is_saved_from_the_form(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-study"))
    field(at, "text_input", "id").input("ali-2007")
    field(at, "text_area", "title").input(
        "Graduated compression stockings: physiological and perceptual responses during and after exercise"
    )
    field(at, "number_input", "year").set_value(2007)
    field(at, "selectbox", "status").set_value("published")
    field(at, "selectbox", "design").set_value("rct-crossover")
    field(at, "selectbox", "participants.population").set_value("recreational-runners")
    field(at, "selectbox", "garment.type").set_value("stockings")
    field(at, "selectbox", "comparator").set_value("no-garment")
    field(at, "selectbox", "blinding").set_value("not-reported")
    field(at, "text_input", "doi").input("10.1080/02640410600718376")
    ok(at.run())
    assert any(
        m.value.startswith("- A published study needs at least one outcome")
        for m in at.markdown
    )
    ok(field(at, "button", "outcomes.__add").click().run())
    assert field(at, "text_input", "id").value == "ali-2007"  # kept through the rebuild
    field(at, "text_input", "outcomes[0].key").input("soreness")
    field(at, "text_area", "outcomes[0].name").input(
        "perceived muscle soreness after a 10 km run"
    )
    field(at, "selectbox", "outcomes[0].domain").set_value("recovery")
    field(at, "selectbox", "outcomes[0].measure").set_value("self-reported")
    field(at, "selectbox", "outcomes[0].direction").set_value("benefit")
    field(at, "selectbox", "outcomes[0].effect.metric").set_value("md")
    field(at, "number_input", "outcomes[0].effect.value").set_value(1.0)
    field(at, "number_input", "outcomes[0].effect.ci.0").set_value(0.0)
    field(at, "number_input", "outcomes[0].effect.ci.1").set_value(2.0)
    ok(at.run())
    assert "error[" not in codes(at) and "warning[orphan-study]" in codes(
        at
    )  # no claim cites it yet
    ok(save_button(at).click().run())
    study = Study.model_validate(
        yaml.safe_load((root / "studies" / "ali-2007.yaml").read_text())
    )
    assert study.outcomes[0].effect is not None and study.outcomes[0].effect.ci == [
        0.0,
        2.0,
    ]
    assert read_audit(root)[-1]["action"] == "create"
    assert (
        field(at, "text_input", "id").value == "ali-2007"
    )  # the saved study stays open
    assert "No changes yet." in [c.value for c in at.caption]


# --------------------------------------------------------------------------- review queue and import


def test_the_review_queue_lists_each_kind_of_item_with_a_link_to_its_form(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "review"))
    assert titles(at) == ["Review queue"]
    expanders = [e.label for e in at.expander]
    assert (
        "Studies no claim cites (1)" in expanders
        and "Claims without evidence (1)" in expanders
    )
    assert (
        "Drafts (1)" in expanders
        and "Records citing retracted studies (0)" in expanders
    )
    links = [(p.proto.page, p.proto.query_string) for p in at.get("page_link")]
    assert any("study=kemmler-2009" in q for _, q in links)
    assert any("claim=compression-socks-reduce-soreness" in q for _, q in links)


def test_importing_a_bibtex_upload_previews_every_entry_then_creates_drafts(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "import"))
    bib = (DATA / "imports" / "studies.bib").read_bytes()
    at.file_uploader[0].upload("studies.bib", bib, "text/x-bibtex")
    ok(at.run())
    assert (
        "studies.bib: 5 entries: 4 imported, 0 rejected, 1 duplicates"
        in at.markdown[0].value.replace("\\", "")
    )
    assert not (root / "studies" / "ali-2007.yaml").exists()
    ok(at.button[0].click().run())
    assert (root / "studies" / "ali-2007.yaml").exists()
    assert [e["action"] for e in read_audit(root)] == ["import"] * 4


def test_a_doi_lookup_on_the_import_page_uses_crossref(root: Path) -> None:
    at = ok(goto(app(editor="alice"), "import"))
    with vcr.use_cassette(
        str(DATA / "imports" / "cassettes" / "crossref.yaml"), record_mode="none"
    ):
        at.text_input(key="ct_import_doi").input("10.1007/s40279-017-0728-9")
        ok(at.run())
    assert "1 imported" in at.markdown[0].value
