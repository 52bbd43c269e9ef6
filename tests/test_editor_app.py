"""Editor pages under AppTest: sign-in (password and a faked OIDC user), every form, saving.

Pages are opened by the hash of their url_path (see ``goto``), as in ``test_app.py``; each
test checks the page's own title, so a wrong page cannot pass.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
import vcr
import yaml
from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

from claimtracker import auth
from claimtracker.audit import read_audit
from claimtracker.auth import Actor, Role, cli_actor, hash_password
from claimtracker.models import Claim, Rating, Study
from claimtracker.problems import format_problem
from claimtracker.saving import read_current, save_record
from claimtracker.store import parse_record

APP = Path(__file__).resolve().parents[1] / "app.py"
DATA = Path(__file__).parent / "data"
CLAIM = "compression-socks-improve-running-performance"
CLAIM_FILE = f"claims/{CLAIM}.yaml"
PASSWORDS = {
    "editors": {"alice": hash_password("correct horse", salt=b"fixed-salt-16byt")}
}
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
        at.session_state["ct_editor"] = Actor(editor, Role.EDITOR, "password")
    return at


def goto(at: AppTest, url_path: str, **params: str) -> AppTest:
    at.query_params.clear()
    at.query_params.update(params)
    at._page_hash = calc_hash(url_path)
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def pages(at: AppTest) -> set[str]:
    return {p["url_pathname"] for p in at._registered_pages.values()}


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def save_button(at: AppTest, file: str) -> object:
    return at.button(key=f"ct_save:{file}")


# --------------------------------------------------------------------------- sign-in and roles


def test_with_no_editor_configured_there_is_no_editor_page(root: Path) -> None:
    at = ok(app(secrets={}).run())
    assert not pages(at) & (EDITOR_PAGES | {"sign-in"})


def test_readers_see_only_sign_in_and_no_edit_controls(root: Path) -> None:
    at = ok(app().run())
    assert "sign-in" in pages(at) and not pages(at) & EDITOR_PAGES
    for url_path in EDITOR_PAGES:
        ok(goto(at, url_path, claim=CLAIM))
        assert not {
            "Edit a claim",
            "Edit a study",
            "Review queue",
            "Import studies",
        } & set(titles(at))
        assert not [b for b in at.button if str(b.key).startswith("ct_save:")]


def test_an_editor_signs_in_with_a_password_and_gets_the_editor_pages(
    root: Path,
) -> None:
    at = ok(goto(app(), "sign-in"))
    assert titles(at) == ["Editors"]
    at.text_input[0].input("alice")
    at.text_input[1].input("correct horse")
    ok(at.button[0].click().run())
    assert at.session_state["ct_editor"] == Actor("alice", Role.EDITOR, "password")
    assert EDITOR_PAGES <= pages(at)
    assert titles(ok(goto(at, "review"))) == ["Review queue"]
    ok(goto(at, "sign-in"))
    assert "Signed in as alice (editor)." in [s.value for s in at.success]
    ok(at.button[0].click().run())  # sign out
    assert not pages(at) & EDITOR_PAGES


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
    assert "ct_editor" not in at.session_state
    assert caplog.text.count("failed sign-in user='alice'") == auth.GUARD.limit


def test_an_oidc_user_on_the_editor_list_is_an_editor(root: Path) -> None:
    at = app(secrets=OIDC)
    at.user = {"is_logged_in": True, "email": "ed@example.org", "name": "Ed"}
    ok(at.run())
    assert EDITOR_PAGES <= pages(at)
    ok(goto(at, "sign-in"))
    assert "Signed in as ed@example.org (editor)." in [s.value for s in at.success]


def test_an_oidc_user_not_on_the_list_stays_a_reader(root: Path) -> None:
    at = app(secrets=OIDC)
    at.user = {"is_logged_in": True, "email": "rita@example.org"}
    ok(goto(at, "sign-in"))
    assert not pages(at) & EDITOR_PAGES
    assert "not on the editor list" in at.info[0].value
    anonymous = app(secrets=OIDC)  # AppTest's default user is not logged in
    ok(goto(anonymous, "sign-in"))
    assert [b.label for b in anonymous.button] == ["Sign in"]


def test_an_editor_removed_from_the_secrets_cannot_save_from_an_open_page(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    at.text_area(key="claim-form:aliases").input("faster legs")
    ok(at.run())
    before = read_current(root, "claims", CLAIM)
    at.secrets["editors"] = {
        "bob": PASSWORDS["editors"]["alice"]
    }  # alice revoked meanwhile
    ok(save_button(at, CLAIM_FILE).click().run())
    assert read_current(root, "claims", CLAIM) == before and read_audit(root) == []
    assert "Edit a claim" not in titles(at)


# --------------------------------------------------------------------------- the claim form


def test_the_claim_form_sets_a_verdict_with_history_shows_the_diff_and_saves(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    assert titles(at) == ["Edit a claim"]
    assert "No problems: this record is valid." in [s.value for s in at.success]
    assert any("engine" in h.value for h in at.subheader)
    at.text_area(key="claim-form:aliases").input(
        "run faster in compression socks\nfaster legs"
    )
    at.selectbox(key="claim-form:__rating").set_value("not-supported")
    at.selectbox(key="claim-form:__certainty").set_value("low")
    at.text_input(key="claim-form:__why").input("a blinded trial found no change")
    ok(at.run())
    diff = codes(at)
    assert "+aliases: [run faster in compression socks, faster legs]" in diff
    assert (
        "+  rating: not-supported" in diff
        and "+    reason: a blinded trial found no change" in diff
    )
    assert any("differs from the engine's assessment" in w.value for w in at.warning)
    ok(save_button(at, CLAIM_FILE).click().run())
    assert [s.value for s in at.success][0] == f"Saved {CLAIM_FILE} (change 1)."
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


def test_the_claim_form_adds_an_appearance_and_links_evidence(root: Path) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    ok(at.button(key="claim-form:appearances.__add").click().run())
    at.text_input(key="claim-form:appearances[0].claimant").input("Example Sock Co.")
    at.selectbox(key="claim-form:appearances[0].claimant_type").set_value(
        "manufacturer"
    )
    at.text_area(key="claim-form:appearances[0].paraphrase").input(
        "Says its socks make you faster."
    )
    at.selectbox(key="claim-form:__link_study").set_value("kemmler-2009")
    ok(at.run())
    at.selectbox(key="claim-form:__link_outcome").set_value("time-to-exhaustion")
    ok(at.run())
    ok(at.button(key="claim-form:__link").click().run())
    assert "No problems: this record is valid." in [s.value for s in at.success]
    ok(save_button(at, CLAIM_FILE).click().run())
    saved = Claim.model_validate(yaml.safe_load((root / CLAIM_FILE).read_text()))
    assert [(e.study, e.outcome) for e in saved.evidence][-1] == (
        "kemmler-2009",
        "time-to-exhaustion",
    )
    assert (
        saved.appearances[0].claimant == "Example Sock Co."
        and saved.appearances[0].quote is None
    )


def test_the_form_reports_exactly_what_validate_reports_and_will_not_save(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    at.text_input(key="claim-form:family").input("Not A Key")
    ok(at.run())
    shown = codes(at)
    text = next(
        c.value for c in at.code if c.language == "yaml"
    )  # "the file as it would be saved"
    expected = [format_problem(p) for p in parse_record(text, CLAIM_FILE).problems]
    assert expected and all(line in shown for line in expected)
    assert any(
        "error[invalid-format]: family: 'Not A Key'" in line for line in expected
    )
    assert save_button(at, CLAIM_FILE).disabled


def test_a_stale_save_shows_both_versions_keeps_the_editors_text_and_can_be_rebased(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-claim", claim=CLAIM))
    at.text_area(key="claim-form:aliases").input("mine")
    ok(at.run())
    # meanwhile another editor saves from the command line
    text, sha = read_current(root, "claims", CLAIM)
    assert text is not None
    theirs = text.replace("first review", "first look")
    save_record(
        root, "claims", theirs, base_sha256=sha, actor=cli_actor("bob"), record_id=CLAIM
    )
    ok(save_button(at, CLAIM_FILE).click().run())
    assert any("changed by bob" in e.value for e in at.error)
    assert any("first look" in c.value for c in at.code) and any(
        "mine" in c.value for c in at.code
    )
    assert (
        at.text_area(key="claim-form:aliases").value == "mine"
    )  # nothing the editor typed is lost
    assert "mine" not in (root / CLAIM_FILE).read_text()
    ok(at.button(key=f"ct_rebase:{CLAIM_FILE}").click().run())
    ok(save_button(at, CLAIM_FILE).click().run())
    final = (root / CLAIM_FILE).read_text()
    assert "aliases: [mine]" in final and "first look" in final
    assert [e["actor"] for e in read_audit(root)] == ["bob", "alice"]


# --------------------------------------------------------------------------- the study form


def test_the_study_form_has_a_widget_for_every_field(root: Path) -> None:
    at = ok(goto(app(editor="alice"), "edit-study", study="stickford-2015"))
    assert titles(at) == ["Edit a study"]
    keys = {
        str(w.key)
        for kind in ("text_input", "text_area", "selectbox", "multiselect", "checkbox")
        for w in getattr(at, kind)
    }
    fields = {
        k.removeprefix("study-form:") for k in keys if k.startswith("study-form:")
    }
    assert set(Study.model_fields) - {re.split(r"[.\[]", f)[0] for f in fields} == set()
    assert {
        "participants.population",
        "garment.pressure_mmhg",
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
    for name in ("metric", "value", "ci", "unit", "benefit_sign"):
        assert f"outcomes[0].effect.{name}" in fields
    assert "outcomes[0].arms.compression.mean" in fields


def test_a_new_study_with_an_outcome_and_effect_is_saved_from_the_form(
    root: Path,
) -> None:
    at = ok(goto(app(editor="alice"), "edit-study"))
    at.text_input(key="study-form:id").input("ali-2007")
    at.text_area(key="study-form:title").input(
        "Graduated compression stockings: physiological and perceptual responses during and after exercise"
    )
    at.text_input(key="study-form:year").input("2007")
    at.selectbox(key="study-form:design").set_value("rct-crossover")
    at.selectbox(key="study-form:participants.population").set_value(
        "recreational-runners"
    )
    at.selectbox(key="study-form:garment.type").set_value("stockings")
    at.selectbox(key="study-form:comparator").set_value("no-garment")
    at.selectbox(key="study-form:blinding").set_value("not-reported")
    at.text_input(key="study-form:doi").input("10.1080/02640410600718376")
    ok(at.run())
    assert "a published study needs at least one outcome" in codes(at)
    ok(at.button(key="study-form:outcomes.__add").click().run())
    at.text_input(key="study-form:outcomes[0].key").input("soreness")
    at.text_area(key="study-form:outcomes[0].name").input(
        "perceived muscle soreness after a 10 km run"
    )
    at.selectbox(key="study-form:outcomes[0].domain").set_value("recovery")
    at.selectbox(key="study-form:outcomes[0].measure").set_value("self-reported")
    at.selectbox(key="study-form:outcomes[0].direction").set_value("benefit")
    at.selectbox(key="study-form:outcomes[0].effect.metric").set_value("md")
    at.text_input(key="study-form:outcomes[0].effect.value").input("1")
    at.text_input(key="study-form:outcomes[0].effect.ci").input("0, 2")
    ok(at.run())
    assert "error[" not in codes(at) and "warning[orphan-study]" in codes(
        at
    )  # no claim cites it yet
    ok(save_button(at, "studies/ali-2007.yaml").click().run())
    study = Study.model_validate(
        yaml.safe_load((root / "studies" / "ali-2007.yaml").read_text())
    )
    assert study.outcomes[0].effect is not None and study.outcomes[0].effect.ci == [
        0.0,
        2.0,
    ]
    assert read_audit(root)[-1]["action"] == "create"


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
