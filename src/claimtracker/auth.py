"""Who may edit: password hashes, OIDC editor lists, roles, and the sign-in guard.

No Streamlit here: the dashboard passes in the ``st.secrets`` mapping and the ``st.user``
mapping, and gets back an :class:`Actor`. Every save takes an ``Actor`` and refuses a
reader (``saving.save_record``), so the role is checked on the server at each save, not
only when a page is drawn.

Two ways to be an editor, chosen by what ``secrets.toml`` holds:

* ``[auth]`` present: sign in with ``st.login`` (OIDC). The signed-in email must be listed
  in ``[claimtracker] editor_emails``; everyone else is a reader.
* otherwise ``[editors]``: user name -> scrypt hash made by ``claimtracker hash-password``.
  Failed sign-ins are logged and rate-limited per user name and per client address.

Who is an editor is read from the secrets files at each authorisation decision
(:func:`current_editors`, :func:`is_editor`), not from Streamlit's ``st.secrets``: its file
watcher stops for good after one parse error, and revoking an editor must not depend on it.
A file is parsed again only when its bytes change; a malformed file lets nobody edit.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
import time
import tomllib
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from claimtracker.files import read_regular

log = logging.getLogger("claimtracker.auth")

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_DKLEN = 32
_PREFIX = "scrypt"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$")


class Role(StrEnum):
    READER = "reader"
    EDITOR = "editor"


@dataclass(frozen=True)
class Actor:
    """Someone using the tool: a name for the audit log and a role checked at each save."""

    name: str
    role: Role = Role.READER
    via: str = "none"  # "password", "oidc" or "cli"

    @property
    def is_editor(self) -> bool:
        return self.role is Role.EDITOR


READER = Actor("anonymous")


def cli_actor(name: str) -> Actor:
    """The actor for a command-line edit: whoever can write the files is an editor."""
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"editor name {name!r} must be 1-100 letters, digits or . _ @ + -"
        )
    return Actor(name, Role.EDITOR, "cli")


# --------------------------------------------------------------------------- passwords


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """An scrypt hash to paste into ``[editors]``: ``scrypt$n$r$p$salt$hash``."""
    if not password:
        raise ValueError("the password is empty")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        dklen=_DKLEN,
    )
    return f"{_PREFIX}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


@functools.cache
def _dummy_hash() -> str:
    """Verifying an unknown user against this keeps the timing the same as for a known one
    (made on first use: a scrypt hash costs about a tenth of a second at import)."""
    return hash_password("not a password", salt=b"claimtracker-dummy")


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded``; a malformed hash never matches."""
    try:
        prefix, n, r, p, salt_b64, digest_b64 = encoded.split("$")
        if prefix != _PREFIX:
            return False
        n_, r_, p_ = int(n), int(r), int(p)
        if not (
            2 <= n_ <= 2**20 and n_ & (n_ - 1) == 0 and 1 <= r_ <= 32 and 1 <= p_ <= 16
        ):
            return False
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=n_,
            r=r_,
            p=p_,
            dklen=len(expected),
            maxmem=2**27,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class AuthConfig:
    """What ``secrets.toml`` says about editors."""

    oidc: bool = False
    editor_emails: frozenset[str] = frozenset()
    password_hashes: Mapping[str, str] = field(default_factory=dict)
    problem: str | None = None
    """Why the secrets could not be read (then nobody is an editor)."""

    @classmethod
    def from_secrets(cls, secrets_: Mapping[str, Any]) -> AuthConfig:
        """Read ``[auth]``, ``[claimtracker] editor_emails`` and ``[editors]``."""
        app = _section(secrets_, "claimtracker")
        emails = app.get("editor_emails", [])
        if isinstance(emails, str):
            emails = [emails]
        editors = _section(secrets_, "editors")
        return cls(
            oidc=bool(_section(secrets_, "auth")),
            editor_emails=frozenset(
                str(e).strip().casefold() for e in emails if str(e).strip()
            ),
            password_hashes={
                str(k): str(v) for k, v in editors.items() if isinstance(v, str)
            },
        )

    @property
    def mode(self) -> str:
        """``oidc``, ``password`` or ``none`` (no editor configured: the site is read-only)."""
        if self.oidc:
            return "oidc"
        return "password" if self.password_hashes else "none"

    @property
    def editors(self) -> frozenset[str]:
        """Who may edit: the user names (passwords) or the emails (OIDC) listed now."""
        if self.mode == "oidc":
            return self.editor_emails
        return frozenset(self.password_hashes)

    def lists(self, name: str) -> bool:
        """Whether ``name`` (a user name, or an email under OIDC) is an editor."""
        if self.mode == "oidc":
            return name.strip().casefold() in self.editor_emails
        return name in self.password_hashes


# --------------------------------------------------------------------------- the secrets files

_parsed: dict[tuple[str, bytes], dict[str, Any]] = {}
_parsed_lock = threading.Lock()


def _read_toml(path: Path) -> dict[str, Any] | None:
    """A secrets file's contents, None when it does not exist (parsed once per content)."""
    try:
        raw = read_regular(path, 1 << 20)
    except FileNotFoundError:
        return None
    digest = hashlib.sha256(raw).digest()
    key = (str(path), digest)
    with _parsed_lock:
        found = _parsed.get(key)
    if found is None:
        found = tomllib.loads(raw.decode("utf-8"))
        with _parsed_lock:
            for old in [k for k in _parsed if k[0] == str(path)]:
                del _parsed[old]
            _parsed[key] = found
    return found


def current_editors(files: Sequence[str | os.PathLike[str]]) -> AuthConfig:
    """Who may edit, from the secrets files as they are on disk now.

    ``files`` are Streamlit's ``secrets.files`` (later files override earlier ones, key by
    key, as in Streamlit). Called at every authorisation decision: each call reads the files
    (a few hundred bytes) and parses one again only when its bytes changed, so removing an
    editor counts at their next action whatever Streamlit's own secrets watcher did. A file
    that cannot be read or parsed gives a configuration with no editor and a ``problem``.
    """
    merged: dict[str, Any] = {}
    for name in files:
        path = Path(name)
        try:
            found = _read_toml(path)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            log.error("editor list unreadable, nobody may edit: %s: %s", path, err)
            return AuthConfig(problem=f"{path}: {err}")
        if found is not None:
            merged.update(found)
    return AuthConfig.from_secrets(merged)


def is_editor(name: str, files: Sequence[str | os.PathLike[str]]) -> bool:
    """Whether ``name`` (user name, or email under OIDC) is an editor in the files now."""
    return current_editors(files).lists(name)


def _section(secrets_: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    try:
        value = secrets_.get(name)
    except Exception:  # st.secrets raises when no secrets file exists at all
        return {}
    return value if isinstance(value, Mapping) else {}


def oidc_actor(user: Mapping[str, Any], config: AuthConfig) -> Actor:
    """The actor for an ``st.user`` mapping: an editor when its email is in the editor list."""
    if not user.get("is_logged_in", False):
        return READER
    email = str(user.get("email") or "").strip()
    if user.get("email_verified") is False:
        return Actor(email or "unknown", Role.READER, "oidc")
    if email and email.casefold() in config.editor_emails:
        return Actor(email, Role.EDITOR, "oidc")
    return Actor(email or str(user.get("name") or "unknown"), Role.READER, "oidc")


def current_editor(actor: Actor, config: AuthConfig) -> Actor:
    """Check again, at save time, that a signed-in editor is still listed in the secrets.

    A session that signed in before its name was removed from ``secrets.toml`` becomes a
    reader: revoking an editor takes effect at their next save.
    """
    if not actor.is_editor:
        return actor
    if (
        actor.via == "password"
        and actor.name in config.password_hashes
        and config.mode == "password"
    ):
        return actor
    if (
        actor.via == "oidc"
        and config.oidc
        and actor.name.casefold() in config.editor_emails
    ):
        return actor
    return Actor(actor.name, Role.READER, actor.via)


# --------------------------------------------------------------------------- sign-in guard


class SignInRefused(Exception):
    """Too many failed sign-ins: ``retry_after`` seconds to wait."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(
            f"too many failed sign-ins; try again in {int(retry_after) + 1} s"
        )
        self.retry_after = retry_after


class SignInGuard:
    """Password sign-in with attempts logged and rate-limited.

    After ``limit`` failed attempts within ``window`` seconds for one user name, or for one
    client address, further attempts are refused until the oldest failure leaves the window.
    Each attempt is counted, under the guard's lock, *before* its password is checked (the
    check takes about 50 ms), and uncounted only if the password was right: so guesses made
    in parallel, from many threads or dashboard sessions at once, get no more checks than
    the limit. The guard is shared by all sessions of a process, so opening a new tab does
    not reset it.
    """

    def __init__(
        self,
        *,
        limit: int = 5,
        window: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[tuple[float, object]]] = {}
        self._lock = threading.Lock()

    def _wait(self, key: str, now: float) -> float:
        times = self._failures.get(key)
        if not times:
            return 0.0
        while times and now - times[0][0] >= self.window:
            times.popleft()
        return self.window - (now - times[0][0]) if len(times) >= self.limit else 0.0

    def _count(self, keys: tuple[str, ...]) -> object:
        """Count one attempt on every key, or raise SignInRefused; returns its token."""
        attempt = object()
        with self._lock:
            now = self._clock()
            wait = max(self._wait(k, now) for k in keys)
            if wait <= 0:
                for key in keys:
                    self._failures.setdefault(key, deque()).append((now, attempt))
        if wait > 0:
            raise SignInRefused(wait)
        return attempt

    def _uncount(self, keys: tuple[str, ...], attempt: object) -> None:
        with self._lock:
            for key in keys:
                times = self._failures.get(key)
                if times is not None:
                    self._failures[key] = deque(t for t in times if t[1] is not attempt)

    def sign_in(
        self,
        username: str,
        password: str,
        config: AuthConfig,
        *,
        client: str = "unknown",
    ) -> Actor | None:
        """The editor actor when the password matches; None (logged) when it does not.

        Raises :class:`SignInRefused` while the user name or the client is rate-limited.
        """
        keys = (f"user:{username.casefold()}", f"client:{client}")
        try:
            attempt = self._count(keys)
        except SignInRefused:
            log.warning(
                "sign-in refused (rate limit) user=%r client=%r", username[:100], client
            )
            raise
        stored = config.password_hashes.get(username)
        ok = (
            verify_password(password, stored if stored is not None else _dummy_hash())
            and stored is not None
        )
        if ok:
            self._uncount(keys, attempt)
            log.info("sign-in user=%r client=%r", username, client)
            return Actor(username, Role.EDITOR, "password")
        log.warning("failed sign-in user=%r client=%r", username[:100], client)
        return None


#: The guard the dashboard uses (one per server process).
GUARD = SignInGuard()
