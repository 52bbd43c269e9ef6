"""The one save path: lock, hash compare, atomic write, audit log, history and revert."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from claimtracker import saving
from claimtracker.audit import read_audit, verify_chain
from claimtracker.auth import Actor, Role, cli_actor
from claimtracker.editing import set_verdict
from claimtracker.history import history, resolve_ref, revert
from claimtracker.models import Certainty, Claim, Rating, Study
from claimtracker.saving import (
    Conflict,
    InvalidRecord,
    NotAllowed,
    SaveError,
    delete_record,
    read_current,
    save_record,
    sha256_text,
)

DATA = Path(__file__).parent / "data" / "editors"
CLAIM = "compression-socks-improve-running-performance"
ED = cli_actor("ed")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "store")
    return tmp_path / "store"


def load_claim(root: Path, claim_id: str = CLAIM) -> tuple[Claim, str]:
    text, sha = read_current(root, "claims", claim_id)
    assert text is not None and sha is not None
    return Claim.model_validate(yaml.safe_load(text)), sha


def with_alias(claim: Claim, alias: str) -> Claim:
    data = claim.model_dump(exclude_none=True)
    data["aliases"] = [*claim.aliases, alias]
    return Claim.model_validate(data)


def test_an_edit_keeps_comments_key_order_and_folded_text(root: Path) -> None:
    claim, sha = load_claim(root)
    before = (root / "claims" / f"{CLAIM}.yaml").read_text()
    result = save_record(
        root,
        "claims",
        with_alias(claim, "faster runs"),
        base_sha256=sha,
        actor=ED,
        reason="alias",
    )
    after = (root / "claims" / f"{CLAIM}.yaml").read_text()
    assert "# Kept short on purpose: the test suite edits this file." in after
    assert "note: sleeves, not socks  # indirect" in after
    assert "rating: unproven       # supported" in after
    assert "proposition: >-\n  Wearing compression socks" in after
    changed = [
        ln
        for ln in result.diff.splitlines()
        if ln[:1] in "+-" and ln[:3] not in ("+++", "---")
    ]
    assert changed == [
        "-aliases: [run faster in compression socks]",
        "+aliases: [run faster in compression socks, faster runs]",
    ]
    assert [k for k in yaml.safe_load(after)] == [k for k in yaml.safe_load(before)]
    assert result.after_sha256 == sha256_text(after) and result.before_sha256 == sha


def test_a_stale_save_is_refused_with_both_versions_and_changes_nothing(
    root: Path,
) -> None:
    claim, base = load_claim(root)
    first = save_record(
        root,
        "claims",
        with_alias(claim, "theirs"),
        base_sha256=base,
        actor=cli_actor("ann"),
    )
    on_disk = (root / "claims" / f"{CLAIM}.yaml").read_text()
    with pytest.raises(Conflict) as caught:
        save_record(
            root, "claims", with_alias(claim, "mine"), base_sha256=base, actor=ED
        )
    conflict = caught.value
    assert conflict.theirs == on_disk and "theirs" in conflict.theirs
    assert "mine" in conflict.mine and "theirs" not in conflict.mine
    assert (
        conflict.current_sha256 == first.after_sha256 and conflict.base_sha256 == base
    )
    assert conflict.last_change is not None and conflict.last_change["actor"] == "ann"
    assert "ann" in str(conflict)
    assert (root / "claims" / f"{CLAIM}.yaml").read_text() == on_disk
    assert len(read_audit(root)) == 1


def test_without_the_hash_compare_the_second_save_would_have_lost_the_first(
    root: Path,
) -> None:
    """The mutation check: two editors start from one version; the hash compare is what saves A."""
    claim, base = load_claim(root)
    save_record(
        root,
        "claims",
        with_alias(claim, "from-a"),
        base_sha256=base,
        actor=cli_actor("a"),
    )
    _, now = read_current(root, "claims", CLAIM)
    # an editor that skipped the compare (sent the current hash) would silently drop "from-a"
    blind = save_record(
        root,
        "claims",
        with_alias(claim, "from-b"),
        base_sha256=now,
        actor=cli_actor("b"),
    )
    assert "from-a" not in str(blind.text)
    assert (
        "from-a" in blind.diff.split("+aliases")[0]
    )  # the lost update is visible in the audit diff


def test_a_new_record_needs_no_base_and_cannot_be_created_twice(root: Path) -> None:
    claim, _ = load_claim(root)
    data = claim.model_dump(exclude_none=True) | {
        "id": "compression-socks-make-you-faster-uphill"
    }
    new = Claim.model_validate(data)
    result = save_record(
        root, "claims", new, base_sha256=None, actor=ED, reason="new claim"
    )
    path = root / "claims" / "compression-socks-make-you-faster-uphill.yaml"
    assert result.action == "create" and path.exists()
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../schemas/claim.schema.json\n"
    )
    assert Claim.model_validate(yaml.safe_load(path.read_text())) == new
    assert oct(path.stat().st_mode & 0o777) == oct(saving.NEW_FILE_MODE)
    with pytest.raises(Conflict):
        save_record(root, "claims", new, base_sha256=None, actor=ED)


def test_a_record_that_fails_validation_is_never_written(root: Path) -> None:
    text, sha = read_current(root, "claims", CLAIM)
    assert text is not None
    bad = text.replace("rating: unproven", "rating: maybe")
    with pytest.raises(InvalidRecord) as caught:
        save_record(root, "claims", bad, base_sha256=sha, actor=ED, record_id=CLAIM)
    assert caught.value.problems
    assert "verdict.rating" in str(caught.value.problems[0])
    assert read_current(root, "claims", CLAIM) == (text, sha)
    assert read_audit(root) == []
    assert not list((root / "claims").glob(".tmp-*"))


def test_an_edit_cannot_change_the_id(root: Path) -> None:
    text, sha = read_current(root, "claims", CLAIM)
    assert text is not None
    moved = text.replace(f"id: {CLAIM}", "id: another-claim-id")
    with pytest.raises(InvalidRecord, match="ids never change"):
        save_record(root, "claims", moved, base_sha256=sha, actor=ED, record_id=CLAIM)
    assert not (root / "claims" / "another-claim-id.yaml").exists()


@pytest.mark.parametrize(
    "bad_id", ["../../etc/passwd", "/abs", "a/b", "CON", "x" * 300, "", "Claim-1"]
)
def test_record_ids_are_validated_before_any_path_is_built(
    root: Path, bad_id: str
) -> None:
    with pytest.raises(SaveError):
        save_record(
            root, "claims", "id: x\n", base_sha256=None, actor=ED, record_id=bad_id
        )
    assert read_audit(root) == []


def test_a_save_by_a_reader_is_refused_and_logged(
    root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    claim, sha = load_claim(root)
    before = read_current(root, "claims", CLAIM)
    for reader in (Actor("rita"), Actor("rita@example.org", Role.READER, "oidc")):
        with pytest.raises(NotAllowed):
            save_record(
                root, "claims", with_alias(claim, "x"), base_sha256=sha, actor=reader
            )
        with pytest.raises(NotAllowed):
            delete_record(root, "claims", CLAIM, base_sha256=sha, actor=reader)
    assert read_current(root, "claims", CLAIM) == before
    assert read_audit(root) == []
    assert "not an editor" in caplog.text


def test_the_file_mode_is_kept(root: Path) -> None:
    path = root / "claims" / f"{CLAIM}.yaml"
    path.chmod(0o640)
    claim, sha = load_claim(root)
    save_record(root, "claims", with_alias(claim, "x"), base_sha256=sha, actor=ED)
    assert path.stat().st_mode & 0o777 == 0o640


def test_every_save_is_audited_with_who_what_hashes_diff_and_texts(root: Path) -> None:
    claim, sha = load_claim(root)
    result = save_record(
        root,
        "claims",
        with_alias(claim, "x"),
        base_sha256=sha,
        actor=ED,
        reason="why not",
    )
    (entry,) = read_audit(root)
    assert entry["seq"] == result.entry == 1
    assert (entry["actor"], entry["via"], entry["action"], entry["reason"]) == (
        "ed",
        "cli",
        "edit",
        "why not",
    )
    assert entry["file"] == f"claims/{CLAIM}.yaml"
    assert entry["base_sha256"] == entry["before_sha256"] == sha
    assert entry["after_sha256"] == result.after_sha256
    assert (
        sha256_text(entry["before"]) == sha
        and sha256_text(entry["after"]) == result.after_sha256
    )
    assert entry["diff"] == result.diff and entry["ts"].endswith("+00:00")
    assert verify_chain(root) == []


def test_an_edit_outside_the_tool_shows_as_a_chain_break(root: Path) -> None:
    claim, sha = load_claim(root)
    save_record(root, "claims", with_alias(claim, "x"), base_sha256=sha, actor=ED)
    path = root / "claims" / f"{CLAIM}.yaml"
    path.write_text(path.read_text() + "# hand edit\n")
    (brk,) = verify_chain(root)
    assert brk.file == f"claims/{CLAIM}.yaml" and "outside the tool" in brk.message


def test_an_unchanged_save_writes_nothing(root: Path) -> None:
    claim, sha = load_claim(root)
    result = save_record(root, "claims", claim, base_sha256=sha, actor=ED)
    assert not result.changed and result.entry == 0 and read_audit(root) == []


def test_text_saves_normalise_bom_and_crlf(root: Path) -> None:
    text, sha = read_current(root, "claims", CLAIM)
    assert text is not None
    edited = "\ufeff" + text.replace("first review", "first look").replace("\n", "\r\n")
    save_record(root, "claims", edited, base_sha256=sha, actor=ED, record_id=CLAIM)
    raw = (root / "claims" / f"{CLAIM}.yaml").read_bytes()
    assert (
        not raw.startswith(b"\xef\xbb\xbf")
        and b"\r\n" not in raw
        and b"first look" in raw
    )


def test_a_verdict_change_is_added_to_the_history_with_editor_and_date(
    root: Path,
) -> None:
    import datetime as dt

    claim, sha = load_claim(root)
    day = dt.date(2026, 11, 27)
    changed = set_verdict(
        claim,
        rating=Rating.NOT_SUPPORTED,
        certainty=Certainty.LOW,
        reason="new trial",
        editor="ed",
        today=day,
    )
    save_record(root, "claims", changed, base_sha256=sha, actor=ED, reason="new trial")
    saved, sha2 = load_claim(root)
    assert saved.verdict is not None and saved.verdict.rating is Rating.NOT_SUPPORTED
    assert (saved.verdict.reviewer, saved.verdict.reviewed) == ("ed", day)
    assert saved.history[-1].model_dump() == {
        "date": day,
        "editor": "ed",
        "rating": Rating.NOT_SUPPORTED,
        "certainty": Certainty.LOW,
        "reason": "new trial",
    }
    same = set_verdict(
        saved,
        rating=Rating.NOT_SUPPORTED,
        certainty=Certainty.LOW,
        reason="typo",
        editor="ed",
    )
    assert len(same.history) == len(saved.history)


def test_history_lists_changes_and_revert_is_a_new_change(root: Path) -> None:
    claim, sha = load_claim(root)
    original = read_current(root, "claims", CLAIM)[0]
    first = save_record(
        root,
        "claims",
        with_alias(claim, "one"),
        base_sha256=sha,
        actor=cli_actor("ann"),
    )
    claim2, sha2 = load_claim(root)
    second = save_record(
        root, "claims", with_alias(claim2, "two"), base_sha256=sha2, actor=ED
    )
    assert [e["seq"] for e in history(root, "claims", CLAIM)] == [
        first.entry,
        second.entry,
    ]
    with pytest.raises(SaveError, match="followed by change"):
        revert(root, "claims", CLAIM, first.entry, actor=ED)
    undo = revert(root, "claims", CLAIM, second.entry, actor=ED)
    assert undo.action == "revert" and undo.entry == 3
    assert "one" in str(undo.text) and "two" not in str(undo.text)
    undo_all = revert(root, "claims", CLAIM, first.entry, actor=ED, force=True)
    assert read_current(root, "claims", CLAIM)[0] == original == undo_all.text
    assert [e["reverts"] for e in history(root, "claims", CLAIM)[2:]] == [2, 1]
    assert verify_chain(root) == []
    assert resolve_ref(root, CLAIM) == ("claims", CLAIM)


def test_reverting_an_import_removes_the_draft_but_published_records_stay(
    root: Path,
) -> None:
    text = (root / "studies" / "kemmler-2009.yaml").read_text()
    draft = text.replace("id: kemmler-2009", "id: kemmler-2009b").replace(
        "design:", "status: draft\ndesign:"
    )
    made = save_record(
        root, "studies", draft, base_sha256=None, actor=ED, action="import"
    )
    revert(root, "studies", "kemmler-2009b", made.entry, actor=ED)
    assert not (root / "studies" / "kemmler-2009b.yaml").exists()
    assert verify_chain(root) == []
    _, sha = read_current(root, "studies", "kemmler-2009")
    with pytest.raises(InvalidRecord, match="only draft records"):
        delete_record(root, "studies", "kemmler-2009", base_sha256=str(sha), actor=ED)


def test_leftover_temporary_files_are_swept_at_the_next_save(root: Path) -> None:
    orphan = root / "claims" / f".tmp-{CLAIM}.yaml-abc123"
    orphan.write_text("half a fi")
    claim, sha = load_claim(root)
    save_record(root, "claims", with_alias(claim, "x"), base_sha256=sha, actor=ED)
    assert not orphan.exists()


def load_study(root: Path) -> tuple[Study, str]:
    text, sha = read_current(root, "studies", "kemmler-2009")
    assert text is not None and sha is not None
    study = Study.model_validate(yaml.safe_load(text))
    data = study.model_dump(exclude_none=True) | {
        "notes": "pressure not reported in the abstract"
    }
    return Study.model_validate(data), sha


@pytest.mark.parametrize("call", ["write", "fsync", "replace", "open"])
def test_failing_the_nth_system_call_leaves_either_old_or_new_and_no_debris(
    root: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    """SQLite-style: fail the 1st, 2nd, ... call until a save succeeds; check after each."""
    path = root / "claims" / f"{CLAIM}.yaml"
    real = getattr(os, call)
    n = 0
    while True:
        n += 1
        claim, sha = load_claim(root)
        old = path.read_text()
        calls = 0

        def failing(*args: object, _n: int = n, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == _n:
                raise OSError(errno.EIO, "injected I/O error")
            return real(*args, **kwargs)

        monkeypatch.setattr(os, call, failing)
        try:
            save_record(
                root, "claims", with_alias(claim, f"n{n}"), base_sha256=sha, actor=ED
            )
            ok = True
        except SaveError:
            ok = False
        finally:
            monkeypatch.setattr(os, call, real)
        entries = read_audit(root)
        assert not list((root / "claims").glob(".tmp-*"))
        assert verify_chain(root) == []
        if ok:
            assert (
                f"n{n}" in path.read_text() and entries[-1]["after"] == path.read_text()
            )
            break
        assert path.read_text() == old
        assert all(f"n{n}" not in str(e["after"]) for e in entries)
    assert n > 1  # at least one injected failure happened before the save went through


def test_a_failed_fsync_is_a_failed_save_even_if_a_retry_would_succeed(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim, sha = load_claim(root)
    old = read_current(root, "claims", CLAIM)
    real = os.fsync
    state = {"failed": False}

    def fsync_once(fd: int) -> None:
        if not state["failed"]:
            state["failed"] = True
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync_once)
    with pytest.raises(SaveError, match="the disk is full"):
        save_record(root, "claims", with_alias(claim, "x"), base_sha256=sha, actor=ED)
    assert read_current(root, "claims", CLAIM) == old
    assert read_audit(root) == []


def test_threads_saving_the_same_record_lose_no_update(root: Path) -> None:
    accepted: list[str] = []
    refused: list[str] = []

    def worker(w: int) -> None:
        for k in range(6):
            token = f"t{w}-{k}"
            while True:
                claim, sha = load_claim(root)
                try:
                    save_record(
                        root,
                        "claims",
                        with_alias(claim, token),
                        base_sha256=sha,
                        actor=cli_actor(f"w{w}"),
                    )
                    accepted.append(token)
                    break
                except Conflict:
                    refused.append(token)

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claim, _ = load_claim(root)
    assert sorted(claim.aliases[1:]) == sorted(accepted) and len(accepted) == 36
    assert len(read_audit(root)) == 36 and verify_chain(root) == []
