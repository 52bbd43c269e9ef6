"""Editor credentials: scrypt hashes, OIDC editor lists, revocation and the sign-in guard."""

from __future__ import annotations

import logging

import pytest

from claimtracker.auth import (
    READER,
    Actor,
    AuthConfig,
    Role,
    SignInGuard,
    SignInRefused,
    current_editor,
    hash_password,
    oidc_actor,
    verify_password,
)

ALICE_HASH = hash_password("correct horse", salt=b"0123456789abcdef")
SECRETS = {"editors": {"alice": ALICE_HASH}}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_hash_verifies_its_password_only() -> None:
    encoded = hash_password("correct horse")
    assert encoded.startswith("scrypt$16384$8$1$")
    assert verify_password("correct horse", encoded)
    assert not verify_password("correct horse ", encoded)
    assert not verify_password("", encoded)
    assert hash_password("correct horse") != encoded  # a fresh salt each time


@pytest.mark.parametrize(
    "broken",
    [
        "",
        "plain-text-password",
        "bcrypt$1$2$3$4$5",
        "scrypt$16384$8$1$!!$!!",
        "scrypt$3$8$1$AAAA$AAAA",
        "scrypt$x$8$1$A$A",
    ],
)
def test_a_malformed_hash_never_matches(broken: str) -> None:
    assert not verify_password("anything", broken)


def test_an_empty_password_cannot_be_hashed() -> None:
    with pytest.raises(ValueError):
        hash_password("")


def test_config_reads_the_secrets_sections() -> None:
    assert AuthConfig.from_secrets({}).mode == "none"
    assert AuthConfig.from_secrets(SECRETS).mode == "password"
    oidc = AuthConfig.from_secrets(
        {
            "auth": {"client_id": "x"},
            "claimtracker": {"editor_emails": ["Ed@Example.org"]},
            **SECRETS,
        }
    )
    assert oidc.mode == "oidc" and oidc.editor_emails == frozenset({"ed@example.org"})


def test_oidc_users_are_editors_only_when_listed_and_verified() -> None:
    config = AuthConfig.from_secrets(
        {"auth": {"x": 1}, "claimtracker": {"editor_emails": ["ed@example.org"]}}
    )
    assert (
        oidc_actor({"email": "test@example.com"}, config) is READER
    )  # AppTest's default user
    editor = oidc_actor({"is_logged_in": True, "email": "ED@example.org"}, config)
    assert editor == Actor("ED@example.org", Role.EDITOR, "oidc")
    other = oidc_actor({"is_logged_in": True, "email": "rita@example.org"}, config)
    assert other.role is Role.READER and other.name == "rita@example.org"
    unverified = oidc_actor(
        {"is_logged_in": True, "email": "ed@example.org", "email_verified": False},
        config,
    )
    assert unverified.role is Role.READER


def test_an_editor_removed_from_the_secrets_is_a_reader_at_the_next_save() -> None:
    alice = Actor("alice", Role.EDITOR, "password")
    assert current_editor(alice, AuthConfig.from_secrets(SECRETS)) == alice
    revoked = current_editor(
        alice, AuthConfig.from_secrets({"editors": {"bob": ALICE_HASH}})
    )
    assert revoked.role is Role.READER
    ed = Actor("ed@example.org", Role.EDITOR, "oidc")
    listed = AuthConfig.from_secrets(
        {"auth": {"x": 1}, "claimtracker": {"editor_emails": ["ed@example.org"]}}
    )
    assert current_editor(ed, listed) == ed
    unlisted = AuthConfig.from_secrets(
        {"auth": {"x": 1}, "claimtracker": {"editor_emails": []}}
    )
    assert current_editor(ed, unlisted).role is Role.READER
    assert current_editor(READER, listed) is READER


def test_sign_in_with_the_right_password_gives_an_editor() -> None:
    guard = SignInGuard(clock=Clock())
    actor = guard.sign_in(
        "alice", "correct horse", AuthConfig.from_secrets(SECRETS), client="1.2.3.4"
    )
    assert actor == Actor("alice", Role.EDITOR, "password")


def test_failed_sign_ins_are_logged_and_rate_limited(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    guard = SignInGuard(limit=3, window=60, clock=clock)
    config = AuthConfig.from_secrets(SECRETS)
    with caplog.at_level(logging.WARNING, logger="claimtracker.auth"):
        for _ in range(3):
            assert guard.sign_in("alice", "guess", config, client="1.2.3.4") is None
        assert caplog.text.count("failed sign-in user='alice' client='1.2.3.4'") == 3
        # now even the right password is refused until the window passes
        with pytest.raises(SignInRefused) as refused:
            guard.sign_in("alice", "correct horse", config, client="5.6.7.8")
        assert 0 < refused.value.retry_after <= 60
        assert "rate limit" in caplog.text
    clock.now += 61
    assert guard.sign_in("alice", "correct horse", config, client="5.6.7.8") is not None


def test_the_limit_also_applies_per_client_across_user_names() -> None:
    clock = Clock()
    guard = SignInGuard(limit=3, window=60, clock=clock)
    config = AuthConfig.from_secrets(SECRETS)
    for name in ("a", "b", "c"):
        assert guard.sign_in(name, "x", config, client="9.9.9.9") is None
    with pytest.raises(SignInRefused):
        guard.sign_in("alice", "correct horse", config, client="9.9.9.9")
    assert guard.sign_in("alice", "correct horse", config, client="1.1.1.1") is not None


def test_unknown_users_fail_like_wrong_passwords() -> None:
    guard = SignInGuard(clock=Clock())
    assert (
        guard.sign_in("mallory", "correct horse", AuthConfig.from_secrets(SECRETS))
        is None
    )
    assert guard.sign_in("alice", "correct horse", AuthConfig.from_secrets({})) is None
