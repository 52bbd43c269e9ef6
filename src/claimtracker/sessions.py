"""Editor sign-in that outlasts a reload: signed, expiring session tokens.

A password sign-in issues a token the dashboard keeps in a cookie, so a reload or a new
tab of the same browser finds the editor still signed in until the token expires::

    <payload>.<signature>
    payload   = base64url(JSON {"v": 1, "sub": name, "via": "password", "gen": n,
                                "iat": issued, "exp": expires})
    signature = base64url(HMAC-SHA256(key, payload))

:meth:`Sessions.check` is called on every authorisation decision: the signature, the
expiry and the editor's sign-out generation. The generations are kept on the server, in
``.claimtracker/sessions.json`` under the data root; signing out adds one to the editor's,
which ends every token issued before, in every browser and every open tab. Whether the
name is still an editor at all is the caller's check (``auth.current_editor``).

The key is ``[claimtracker] session_secret`` from the secrets when set, else a random key
kept in ``.claimtracker/session.key`` (mode 0600), made on first use and shared by every
replica serving the same data root. Replacing or deleting the key ends all sessions. When
the data folder cannot be written, a key held in memory is used and sessions end when the
server restarts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filelock

from claimtracker.durable import write_atomic

log = logging.getLogger("claimtracker.auth")

COOKIE = "claimtracker_session"
DEFAULT_HOURS = 12.0
KEY_FILE = ".claimtracker/session.key"
GENERATIONS_FILE = ".claimtracker/sessions.json"
LOCK_FILE = ".claimtracker/sessions.lock"
MAX_TOKEN = 2048
MIN_SECRET = 32
_MEMORY_KEYS: dict[Path, bytes] = {}
_MEMORY_LOCK = threading.Lock()


@dataclass(frozen=True)
class SessionSettings:
    """``[claimtracker] session_hours`` (how long a sign-in lasts) and ``session_secret``."""

    hours: float = DEFAULT_HOURS
    secret: bytes | None = None

    @classmethod
    def from_secrets(cls, secrets_: Mapping[str, Any]) -> SessionSettings:
        try:
            section = secrets_.get("claimtracker")
        except Exception:  # st.secrets raises when there is no secrets file
            section = None
        section = section if isinstance(section, Mapping) else {}
        hours = section.get("session_hours", DEFAULT_HOURS)
        if isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0:
            log.warning(
                "[claimtracker] session_hours must be a positive number of hours; using %s",
                DEFAULT_HOURS,
            )
            hours = DEFAULT_HOURS
        secret = section.get("session_secret")
        if isinstance(secret, str) and len(secret) >= MIN_SECRET:
            return cls(float(hours), secret.encode("utf-8"))
        if secret is not None:
            log.warning(
                "[claimtracker] session_secret must be at least %d characters; "
                "using the key in %s",
                MIN_SECRET,
                KEY_FILE,
            )
        return cls(float(hours), None)

    @property
    def seconds(self) -> int:
        return int(self.hours * 3600)


@dataclass(frozen=True)
class Session:
    """What a valid token says: who, how they signed in, and until when (epoch seconds)."""

    name: str
    via: str
    generation: int
    issued: float
    expires: float


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _stored_key(root: Path) -> bytes:
    """The key in ``.claimtracker/session.key``, made on first use."""
    path = root / KEY_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
        out.flush()
        os.fsync(out.fileno())
    return key


class Sessions:
    """Issue and check the session tokens of one data root."""

    def __init__(
        self,
        root: Path,
        settings: SessionSettings | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root = Path(root)
        self.settings = settings or SessionSettings()
        self._clock = clock

    # ------------------------------------------------------------------ keys and generations

    def _key(self) -> bytes:
        if self.settings.secret is not None:
            return self.settings.secret
        try:
            return _stored_key(self.root)
        except (OSError, ValueError) as err:
            with _MEMORY_LOCK:
                if self.root not in _MEMORY_KEYS:
                    log.warning(
                        "no session key in %s (%s): sign-ins last until the server restarts",
                        KEY_FILE,
                        err,
                    )
                    _MEMORY_KEYS[self.root] = secrets.token_bytes(32)
                return _MEMORY_KEYS[self.root]

    def _generations(self) -> dict[str, int]:
        try:
            data = json.loads((self.root / GENERATIONS_FILE).read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            log.error(
                "cannot read %s (%s): every session is refused", GENERATIONS_FILE, err
            )
            raise
        return (
            {str(k): v for k, v in data.items() if isinstance(v, int) and v >= 0}
            if isinstance(data, dict)
            else {}
        )

    def generation(self, name: str) -> int:
        """The editor's sign-out generation: tokens carrying an older one are ended."""
        return self._generations().get(name, 0)

    def sign_out(self, name: str) -> int:
        """End every session of ``name`` (all browsers, all tabs); returns the new generation."""
        lock_path = self.root / LOCK_FILE
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with filelock.FileLock(lock_path, timeout=30, thread_local=False):
            generations = self._generations()
            generations[name] = generations.get(name, 0) + 1
            data = json.dumps(generations, sort_keys=True, indent=1) + "\n"
            write_atomic(self.root / GENERATIONS_FILE, data.encode("utf-8"), 0o600)
        log.info("signed out everywhere user=%r", name)
        return generations[name]

    # ------------------------------------------------------------------ tokens

    def _sign(self, payload: str) -> str:
        mac = hmac.new(self._key(), payload.encode("ascii"), hashlib.sha256)
        return _b64(mac.digest())

    def issue(self, name: str, via: str = "password") -> str:
        """A token for ``name``, valid for the configured hours or until they sign out."""
        now = self._clock()
        body = {
            "v": 1,
            "sub": name,
            "via": via,
            "gen": self.generation(name),
            "iat": int(now),
            "exp": int(now + self.settings.seconds),
        }
        payload = _b64(json.dumps(body, separators=(",", ":")).encode("utf-8"))
        return f"{payload}.{self._sign(payload)}"

    def check(self, token: str | None) -> Session | None:
        """The session a token stands for, or None: missing, forged, expired or signed out."""
        if not token or len(token) > MAX_TOKEN or token.count(".") != 1:
            return None
        payload, signature = token.split(".")
        try:
            expected = self._sign(payload)
        except (UnicodeEncodeError, OSError, ValueError):
            return None
        if not hmac.compare_digest(expected, signature):
            return None
        try:
            body = json.loads(_unb64(payload))
        except (ValueError, binascii.Error):
            return None
        if not isinstance(body, dict) or body.get("v") != 1:
            return None
        name, via, gen = body.get("sub"), body.get("via"), body.get("gen")
        issued, expires = body.get("iat"), body.get("exp")
        if not (
            isinstance(name, str)
            and isinstance(via, str)
            and isinstance(gen, int)
            and isinstance(issued, int)
            and isinstance(expires, int)
        ):
            return None
        if self._clock() >= expires:
            return None
        try:
            if gen != self.generation(name):
                return None
        except (OSError, ValueError):
            return None
        return Session(name, via, gen, float(issued), float(expires))
