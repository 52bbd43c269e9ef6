"""Signed, expiring session tokens (claimtracker.sessions) and unsaved edits (claimtracker.unsaved)."""

from __future__ import annotations

import datetime as dt
import errno
import json
import stat
from pathlib import Path

import pytest

from claimtracker import sessions as sessions_module
from claimtracker import unsaved
from claimtracker.sessions import (
    GENERATIONS_FILE,
    KEY_FILE,
    Sessions,
    SessionSettings,
)


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_token_names_its_editor_until_it_expires(
    tmp_path: Path, clock: Clock
) -> None:
    sessions = Sessions(tmp_path, SessionSettings(hours=2), clock=clock)
    token = sessions.issue("alice")
    session = sessions.check(token)
    assert session is not None and (session.name, session.via) == ("alice", "password")
    assert session.expires - session.issued == 2 * 3600
    clock.now += 2 * 3600 - 1
    assert sessions.check(token) is not None
    clock.now += 1
    assert sessions.check(token) is None


def test_forged_and_malformed_tokens_are_refused(tmp_path: Path) -> None:
    sessions = Sessions(tmp_path)
    token = sessions.issue("alice")
    payload, signature = token.split(".")
    other = Sessions(tmp_path / "elsewhere").issue("mallory")
    for bad in (
        None,
        "",
        "x",
        "a.b.c",
        f"{payload}.{signature[:-2]}AA",
        f"{other.split('.')[0]}.{signature}",  # another payload, alice's signature
        other,
        token + "x" * 3000,
        "é.é",
    ):
        assert sessions.check(bad) is None, bad


def test_signing_out_ends_every_earlier_token_of_that_editor(tmp_path: Path) -> None:
    sessions = Sessions(tmp_path)
    phone, laptop = sessions.issue("alice"), sessions.issue("alice")
    bob = sessions.issue("bob")
    assert sessions.sign_out("alice") == 1
    assert sessions.check(phone) is None and sessions.check(laptop) is None
    assert sessions.check(bob) is not None
    again = sessions.issue("alice")
    assert sessions.check(again) is not None
    assert json.loads((tmp_path / GENERATIONS_FILE).read_text()) == {"alice": 1}


def test_the_key_is_made_once_kept_private_and_shared_by_replicas(
    tmp_path: Path,
) -> None:
    token = Sessions(tmp_path).issue("alice")
    key = tmp_path / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert Sessions(tmp_path).check(token) is not None  # another process, same root
    key.unlink()
    assert Sessions(tmp_path).check(token) is None  # a new key ends all sessions


def test_a_configured_secret_signs_instead_of_the_key_file(tmp_path: Path) -> None:
    settings = SessionSettings.from_secrets(
        {"claimtracker": {"session_secret": "s" * 40, "session_hours": 0.5}}
    )
    assert settings.seconds == 1800
    token = Sessions(tmp_path, settings).issue("alice")
    assert not (tmp_path / KEY_FILE).exists()
    assert Sessions(tmp_path / "other", settings).check(token) is not None
    assert Sessions(tmp_path).check(token) is None


@pytest.mark.parametrize(
    "section",
    [{}, {"session_hours": -1}, {"session_hours": "long"}, {"session_hours": True}],
)
def test_a_missing_or_bad_lifetime_falls_back_to_twelve_hours(
    section: dict[str, object],
) -> None:
    assert SessionSettings.from_secrets({"claimtracker": section}).hours == 12
    assert SessionSettings.from_secrets({}).hours == 12


def test_a_short_secret_is_not_used(caplog: pytest.LogCaptureFixture) -> None:
    settings = SessionSettings.from_secrets({"claimtracker": {"session_secret": "x"}})
    assert settings.secret is None
    assert "at least 32 characters" in caplog.text


def test_an_unreadable_sign_out_list_refuses_every_session(tmp_path: Path) -> None:
    sessions = Sessions(tmp_path)
    token = sessions.issue("alice")
    (tmp_path / GENERATIONS_FILE).write_text("{not json")
    assert sessions.check(token) is None


def test_without_a_writable_data_folder_a_key_in_memory_is_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(root: Path) -> bytes:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(sessions_module, "_stored_key", read_only)
    sessions = Sessions(tmp_path)
    assert sessions.check(sessions.issue("alice")) is not None
    assert Sessions(tmp_path).check(sessions.issue("alice")) is not None
    assert "until the server restarts" in caplog.text


# --------------------------------------------------------------------------- unsaved edits


def test_an_unsaved_edit_comes_back_as_it_was_kept(tmp_path: Path) -> None:
    data = {
        "id": "doe-2015",
        "year": 2015,
        "integrity": {"date": dt.date(2020, 5, 1)},
        "outcomes": [{"key": "k", "effect": {"ci": [-1.5, 2.0]}}, {}],
    }
    kept = unsaved.Unsaved("alice", "studies", "doe-2015", "abc", "text", data, "why")
    unsaved.keep(tmp_path, kept)
    assert unsaved.load(tmp_path, "alice", "studies", "doe-2015") == kept
    assert unsaved.load(tmp_path, "bob", "studies", "doe-2015") is None
    assert unsaved.listed(tmp_path, "alice") == [("studies", "doe-2015")]
    path = unsaved.path_of(tmp_path, "alice", "studies", "doe-2015")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    unsaved.discard(tmp_path, "alice", "studies", "doe-2015")
    assert unsaved.load(tmp_path, "alice", "studies", "doe-2015") is None


def test_a_new_record_and_any_editor_name_get_their_own_file(tmp_path: Path) -> None:
    for editor in ("alice", "../etc", "ed@example.org", "Ed Itor"):
        unsaved.keep(
            tmp_path, unsaved.Unsaved(editor, "claims", None, None, None, {"a": editor})
        )
        got = unsaved.load(tmp_path, editor, "claims", None)
        assert got is not None and got.data == {"a": editor}
    folders = {p.name for p in (tmp_path / unsaved.FOLDER).iterdir()}
    assert ".." not in folders and "../etc" not in folders
    assert all(
        (tmp_path / unsaved.FOLDER) in p.parents for p in tmp_path.rglob("*.json")
    )


def test_record_ids_are_checked_not_cleaned(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        unsaved.path_of(tmp_path, "alice", "claims", "../../etc/passwd")
    with pytest.raises(ValueError):
        unsaved.path_of(tmp_path, "alice", "secrets", "doe-2015")


def test_an_unreadable_unsaved_edit_is_logged_and_left_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = unsaved.path_of(tmp_path, "alice", "claims", "a-claim")
    path.parent.mkdir(parents=True)
    path.write_text("{torn")
    assert unsaved.load(tmp_path, "alice", "claims", "a-claim") is None
    assert "cannot read the unsaved edit" in caplog.text and path.exists()
