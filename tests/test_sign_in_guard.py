"""The sign-in limit holds against guesses made in parallel (issue 11, item 3).

The guard used to check the count, run the ~50 ms password check outside its lock, and only
then record the failure, so every guess that arrived during the first check got through:
12 dashboard sessions guessing at once all did, 50 threads likewise. Each attempt is now
counted before its password is checked. Tested with real threads calling the guard, and with
12 sessions of a real dashboard (``streamlit run``) submitting the sign-in form at the same
moment over Streamlit's websocket.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from claimtracker.auth import AuthConfig, SignInGuard, SignInRefused, hash_password
from streamlit_session import Session, sessions_at_once

ALICE = hash_password("correct horse battery", salt=b"0123456789abcdef")
CONFIG = AuthConfig.from_secrets({"editors": {"alice": ALICE}})


def guess_in_parallel(
    guard: SignInGuard, passwords: list[str], client: str = "10.0.0.1"
) -> list[str]:
    """Each password tried by its own thread, all released at once; the outcome of each."""
    start = threading.Barrier(len(passwords))
    outcomes: list[str] = [""] * len(passwords)

    def attempt(i: int) -> None:
        start.wait()
        try:
            who = guard.sign_in("alice", passwords[i], CONFIG, client=client)
            outcomes[i] = "editor" if who is not None else "wrong"
        except SignInRefused:
            outcomes[i] = "refused"

    threads = [
        threading.Thread(target=attempt, args=(i,)) for i in range(len(passwords))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_fifty_threads_guessing_at_once_get_five_checks() -> None:
    guard = SignInGuard(limit=5, window=300)
    outcomes = guess_in_parallel(guard, [f"guess {i}" for i in range(50)])
    assert outcomes.count("wrong") == 5
    assert outcomes.count("refused") == 45


def test_the_right_password_among_parallel_guesses_is_checked_only_within_the_limit() -> (
    None
):
    guard = SignInGuard(limit=5, window=300)
    passwords = [f"guess {i}" for i in range(49)] + ["correct horse battery"]
    outcomes = guess_in_parallel(guard, passwords)
    assert outcomes.count("wrong") + outcomes.count("editor") == 5
    assert outcomes.count("refused") == 45


def test_a_successful_sign_in_does_not_use_up_the_limit() -> None:
    guard = SignInGuard(limit=3, window=300)
    for _ in range(10):
        assert guard.sign_in("alice", "correct horse battery", CONFIG) is not None
    assert guard.sign_in("alice", "guess", CONFIG) is None


# --------------------------------------------------------------------------- dashboard sessions


@pytest.mark.slow
def test_twelve_dashboard_sessions_guessing_at_once_get_five_checks(
    tmp_path: Path, streamlit_app: object
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors]\nalice = "{ALICE}"\n')
    root = Path(__file__).parent / "data" / "editors"
    with streamlit_app(root, args=["--secrets.files", str(secrets)]) as url:  # type: ignore[operator]
        answers = asyncio.run(
            sessions_at_once(
                url,
                12,
                page="sign-in",
                form={"User name": "alice", "Password": "not the password"},
                submit="Sign in",
            )
        )
    wrong = [a for a in answers if "Wrong user name or password." in a]
    refused = [a for a in answers if "Too many failed sign-ins" in a]
    assert len(wrong) == 5, answers
    assert len(refused) == 7, answers
    assert Session  # the client used above (tests/streamlit_session.py)
