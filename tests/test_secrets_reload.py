"""Revoking an editor works whatever Streamlit's secrets watcher did (issue 11, item 4).

Streamlit's watcher of ``secrets.toml`` dies on a parse error and never reloads again, so
after a briefly malformed file a removed editor kept editing until a restart. The editor
list is now read from the secrets files at each authorisation decision (parsed again only
when a file's bytes change), and a malformed file lets nobody edit until it is fixed.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

import pytest

from claimtracker.auth import (
    Actor,
    Role,
    current_editor,
    current_editors,
    hash_password,
    is_editor,
)
from streamlit_session import Page, Session

ALICE = hash_password("alice's password", salt=b"0123456789abcdef")
BOB = hash_password("bob's password", salt=b"fedcba9876543210")
DEADLINE = 60.0


def write(path: Path, text: str) -> None:
    """Replace the file as an editor program does (a new file renamed over the old one)."""
    temp = path.with_suffix(".new")
    temp.write_text(text)
    temp.replace(path)


def test_the_editor_list_is_read_from_the_file_at_each_decision(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors]\nalice = "{ALICE}"\n')
    files = [tmp_path / "missing.toml", secrets]
    alice = Actor("alice", Role.EDITOR, "password")
    assert is_editor("alice", files) and not is_editor("bob", files)
    assert current_editor(alice, current_editors(files)) == alice
    # edited in place, same size, same second: the new list counts at once
    secrets.write_text(f'[editors]\nbobby = "{ALICE}"\n')
    assert not is_editor("alice", files) and is_editor("bobby", files)
    assert current_editor(alice, current_editors(files)).role is Role.READER


def test_a_malformed_file_lets_nobody_edit_until_it_is_fixed(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors]\nalice = "{ALICE}"\n')
    write(secrets, '[editors]\nalice = "unterminated\n')
    config = current_editors([secrets])
    assert config.mode == "none" and not config.editors
    assert config.problem is not None and "secrets.toml" in config.problem
    write(secrets, f'[editors]\nbob = "{BOB}"\n')
    assert current_editors([secrets]).editors == frozenset({"bob"})


def test_later_files_override_earlier_ones_as_in_streamlit(tmp_path: Path) -> None:
    home = tmp_path / "home.toml"
    here = tmp_path / "here.toml"
    home.write_text(f'[editors]\nalice = "{ALICE}"\n')
    here.write_text(f'[editors]\nbob = "{BOB}"\n')
    assert current_editors([home, here]).editors == frozenset({"bob"})
    assert current_editors([home]).editors == frozenset({"alice"})


def test_oidc_editor_emails_are_read_from_the_file_too(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[auth]\nclient_id = "x"\n[claimtracker]\neditor_emails = ["Ed@example.org"]\n'
    )
    assert is_editor("ed@example.org", [secrets])
    secrets.write_text('[auth]\nclient_id = "x"\n[claimtracker]\neditor_emails = []\n')
    assert not is_editor("ed@example.org", [secrets])


# --------------------------------------------------------------------------- a real dashboard


async def _sign_in(url: str, user: str, password: str) -> tuple[Session, Page]:
    session = await Session(url).__aenter__()
    page = await session.open("sign-in")
    page = await session.submit(
        page, {"User name": user, "Password": password}, "Sign in"
    )
    return session, page


async def _sign_in_form(url: str) -> bool:
    """Whether a new tab sees the sign-in form."""
    async with Session(url) as session:
        return "User name" in (await session.open("sign-in")).inputs


async def _until(url: str, shown: bool) -> None:
    deadline = time.monotonic() + DEADLINE
    while await _sign_in_form(url) != shown:
        assert time.monotonic() < deadline, f"the sign-in form never {shown=}"


async def _until_bob_signs_in(url: str) -> str:
    deadline = time.monotonic() + DEADLINE
    while True:
        bob, page = await _sign_in(url, "bob", "bob's password")
        await bob.__aexit__()
        if "Signed in as bob (editor)." in page.text:
            return page.text
        assert time.monotonic() < deadline, "bob was never an editor"


async def revoke_after_a_malformed_file(url: str, secrets: Path) -> dict[str, str]:
    alice, page = await _sign_in(url, "alice", "alice's password")
    try:
        assert "Signed in as alice (editor)." in page.text, page.text
        before = (await alice.open("review")).text
        # an administrator saves a broken file: nobody may edit meanwhile
        write(secrets, '[editors]\nalice = "unterminated\n')
        await _until(url, shown=False)
        broken = (await alice.open("review")).text
        # ... fixes it ...
        write(secrets, f'[editors]\nalice = "{ALICE}"\n')
        await _until(url, shown=True)
        fixed = (await alice.open("review")).text
        # ... and later removes alice and adds bob; no restart
        write(secrets, f'[editors]\nbob = "{BOB}"\n')
        bob = await _until_bob_signs_in(url)
        after = (await alice.open("review")).text
    finally:
        await alice.__aexit__()
    again, page = await _sign_in(url, "alice", "alice's password")
    await again.__aexit__()
    return {
        "before": before,
        "broken": broken,
        "fixed": fixed,
        "after": after,
        "alice again": page.text,
        "bob": bob,
    }


@pytest.mark.slow
def test_an_editor_removed_after_a_malformed_secrets_file_can_no_longer_edit(
    tmp_path: Path, streamlit_app: object
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors]\nalice = "{ALICE}"\n')
    root = tmp_path / "editors"  # a copy: signing in writes the session key under it
    shutil.copytree(Path(__file__).parent / "data" / "editors", root)
    with streamlit_app(root, args=["--secrets.files", str(secrets)]) as url:  # type: ignore[operator]
        seen = asyncio.run(revoke_after_a_malformed_file(url, secrets))

    def refused(text: str) -> bool:
        # an editor page opened without an editor's sign-in asks for one; with no editor
        # configured at all (the malformed file) the editor pages do not exist
        return "Sign in to open that editor page." in text or "Page not found." in text

    assert "Review queue" in seen["before"] and not refused(seen["before"]), seen
    assert refused(seen["broken"]), seen
    assert "Review queue" in seen["fixed"] and not refused(seen["fixed"]), seen
    assert refused(seen["after"]), seen
    assert "Wrong user name or password." in seen["alice again"], seen
    assert "Signed in as bob (editor)." in seen["bob"], seen
