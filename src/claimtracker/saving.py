"""Saving one record: nothing lost, nothing overwritten, every change on record.

The one write path for the dashboard and the command line. :func:`save_record`:

1. refuses an actor who is not an editor (checked here, at every save);
2. validates the record; a record that fails validation is never written;
3. takes the store lock (``flock`` on ``.claimtracker/store.lock``, a fresh open per save,
   so threads of one process and separate processes all exclude each other) for the whole
   read-check-write-audit step, and sweeps temporary files left by killed writers;
4. compares the file's sha256 with the hash the editor loaded, and raises :class:`Conflict`
   (carrying both texts) when someone saved in between;
5. writes the new text to a temporary file in the same folder (fsynced, with the old file's
   mode), records its intent (``.claimtracker/intent.json``, fsynced: the audit entry it is
   about to make), renames the temporary file over the old one and fsyncs the folder, appends
   the audit entry to ``.claimtracker/audit.jsonl`` (who, when, what, hashes, the diff, the
   full texts before and after) and fsyncs it, then removes the intent: the change is
   complete.

Any ``OSError`` on the way (disk full, read-only, I/O error) fails the save: the old file is
put back, and no temporary file, intent or audit line stays. A failed fsync is never retried.
A writer killed on the way leaves a pending intent, which the next save finishes
(:func:`claimtracker.durable.recover`): it rolls the change forward only while the rename
provably did not happen and the file still holds the change's before-text, and it never
touches a file whose save completed, so a person's revert (``cp``, ``git checkout``) stays.
A writer killed before its intent was written leaves only a temporary file, which the next
save removes.

Exceptions::

    ClaimtrackerError
     └── SaveError            a save did not happen (I/O error, store busy)
          ├── NotAllowed      the actor is not an editor
          ├── InvalidRecord   the record fails validation (.problems)
          └── Conflict        the file changed since the editor loaded it
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import hashlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filelock

from claimtracker.audit import append_entry, last_change, last_entry
from claimtracker.auth import Actor
from claimtracker.durable import (
    LOCK_TIMEOUT,
    NEW_FILE_MODE,
    TEMP_PREFIX,
    clear_intent,
    fsync_dir,
    recover,
    restore,
    store_lock,
    write_intent,
    write_temp,
)
from claimtracker.editing import render_record, round_trip_problem
from claimtracker.files import NotARegularFile, read_regular
from claimtracker.models import ID_PATTERN, RECORD_KINDS, Claim, Study
from claimtracker.problems import ClaimtrackerError, Problem, Severity, format_problem
from claimtracker.store import parse_record
from claimtracker.vocab import is_record_id

log = logging.getLogger("claimtracker.saving")

MAX_BYTES = 256 * 1024
_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE)


class SaveError(ClaimtrackerError):
    """A save that did not happen; nothing was changed."""


class NotAllowed(SaveError):
    """The actor may not edit."""


class InvalidRecord(SaveError):
    """The record fails validation; ``problems`` lists why."""

    def __init__(self, message: str, problems: list[Any]) -> None:
        super().__init__(message)
        self.problems = problems


class Conflict(SaveError):
    """The file is no longer the version the editor started from.

    ``theirs`` is the text now on disk (None: the file is gone), ``mine`` the text the editor
    tried to save, ``last_change`` the audit entry of the last accepted change, if any.
    """

    def __init__(
        self,
        file: str,
        base_sha256: str | None,
        current_sha256: str | None,
        theirs: str | None,
        mine: str,
        last_change: dict[str, Any] | None,
    ) -> None:
        who = (
            f" by {last_change['actor']} at {last_change['ts']}" if last_change else ""
        )
        state = (
            "was created"
            if base_sha256 is None
            else ("was removed" if current_sha256 is None else "changed")
        )
        super().__init__(
            f"{file}: the file {state}{who} since you loaded it; your text was not saved"
        )
        self.file = file
        self.base_sha256 = base_sha256
        self.current_sha256 = current_sha256
        self.theirs = theirs
        self.mine = mine
        self.last_change = last_change


@dataclass(frozen=True)
class SaveResult:
    file: str  # "claims/<id>.yaml", relative to the root
    action: str
    before_sha256: str | None
    after_sha256: str | None
    entry: int  # the audit entry number (0 when nothing changed)
    diff: str
    text: str | None

    @property
    def changed(self) -> bool:
        return self.before_sha256 != self.after_sha256


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_path(root: Path, kind: str, record_id: str) -> Path:
    """The file of a record; the id is validated, never cleaned, and must stay under root."""
    if kind not in RECORD_KINDS:
        raise SaveError(
            f"unknown record kind {kind!r}: use one of {', '.join(RECORD_KINDS)}"
        )
    if not isinstance(record_id, str) or not re.fullmatch(ID_PATTERN, record_id):
        raise SaveError(
            f"{record_id!r} is not a valid record id (lower-case letters, digits and -)"
        )
    if not is_record_id(record_id):
        raise SaveError(
            f"'{record_id}' is a reserved device name on Windows: it cannot be a record id"
        )
    folder = (root / kind).resolve()
    path = folder / f"{record_id}.yaml"
    if path.parent != folder:
        raise SaveError(f"{record_id!r} points outside {kind}/")
    return path


def read_current(
    root: Path, kind: str, record_id: str
) -> tuple[str | None, str | None]:
    """The record's text and its sha256 as on disk now, (None, None) when it does not exist."""
    raw = _read_bytes(record_path(root, kind, record_id))
    if raw is None:
        return None, None
    text = raw.decode("utf-8")
    return text, sha256_text(text)


def _normalise(text: str) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    return text if text.endswith("\n") else text + "\n"


def _diff(file: str, before: str | None, after: str | None) -> str:
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        (after or "").splitlines(keepends=True),
        fromfile=f"a/{file}" if before is not None else "/dev/null",
        tofile=f"b/{file}" if after is not None else "/dev/null",
    )
    return "".join(lines)


def diff_texts(file: str, before: str | None, after: str | None) -> str:
    """The unified diff shown before a save and kept in the audit log."""
    return _diff(file, before, after)


def validate_text(kind: str, text: str) -> tuple[Study | Claim | None, list[Problem]]:
    """The record in ``text`` (None when it has errors) and its problems, as the store reads files."""
    found = _ID_LINE.search(text)
    record_id = (
        found.group(1)
        if found and re.fullmatch(ID_PATTERN, found.group(1))
        else "no-valid-id"
    )
    result = parse_record(text, f"{kind}/{record_id}.yaml")
    if any(p.severity is Severity.ERROR for p in result.problems):
        return None, result.problems
    return result.record, result.problems


# --------------------------------------------------------------------------- saving


def _text_for(
    kind: str, record: Study | Claim | str, current: str | None
) -> tuple[str, str]:
    """(record id, YAML text) for a model or a text, validated; raises InvalidRecord."""
    model_type = RECORD_KINDS[kind]
    if isinstance(record, str):
        text = _normalise(record)
    else:
        if not isinstance(record, model_type):
            raise SaveError(f"a {type(record).__name__} cannot be saved in {kind}/")
        text = render_record(kind, record, current)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InvalidRecord(f"the record is larger than {MAX_BYTES // 1024} KB", [])
    model, problems = validate_text(kind, text)
    if model is None:
        errors = [p for p in problems if p.severity is Severity.ERROR]
        first = format_problem(errors[0]) if errors else "it does not parse"
        raise InvalidRecord(f"the record was not saved: {first}", problems)
    if isinstance(record, str):
        unreadable = round_trip_problem(text)
        if unreadable is not None:
            raise InvalidRecord(f"the record was not saved: {unreadable}", [])
    if not isinstance(record, str) and model != record:
        raise InvalidRecord(
            "the record would not read back as written; it was not saved", []
        )
    return model.id, text


def check_record(kind: str, record: Study | Claim) -> str:
    """The text a save of ``record`` as a new file would write, after every check that save
    applies (size, validation, reading back equal); raises :class:`InvalidRecord`.

    Dry runs call this, so they refuse exactly what a save would refuse."""
    return _text_for(kind, record, None)[1]


def _locked(root: Path) -> filelock.BaseFileLock:
    try:
        lock = store_lock(root)  # creates .claimtracker/ the first time
        lock.acquire()
    except filelock.Timeout as err:
        raise SaveError(
            f"the store is busy (another save held the lock for {LOCK_TIMEOUT:g} s); try again"
        ) from err
    except OSError as err:
        raise SaveError(
            f"could not lock the store ({_describe(err)}); nothing was saved"
        ) from err
    return lock


def _refuse_reader(actor: Actor, what: str) -> None:
    if not actor.is_editor:
        log.warning(
            "save refused: %r (%s via %s) is not an editor: %s",
            actor.name,
            actor.role,
            actor.via,
            what,
        )
        raise NotAllowed(f"{actor.name} may not edit records: sign in as an editor")


def save_record(
    root: Path,
    kind: str,
    record: Study | Claim | str,
    *,
    base_sha256: str | None,
    actor: Actor,
    reason: str = "",
    action: str | None = None,
    record_id: str | None = None,
    extra: dict[str, Any] | None = None,
) -> SaveResult:
    """Save one record if the file is still at ``base_sha256`` (None: it must not exist yet).

    ``record`` is a model (written over the current text, keeping its comments and order)
    or the full YAML text an editor wrote; ``record_id``, when given, is the record (file)
    to save to, and the record's id must equal it. Returns what was done; raises a
    :class:`SaveError`.
    """
    _refuse_reader(actor, f"save in {kind}/")
    root = Path(root)
    known_id = (
        record_id
        if record_id is not None
        else (record.id if not isinstance(record, str) else None)
    )
    if known_id is not None:
        record_path(root, kind, known_id)
    lock = _locked(root)
    try:
        recover(root)
        current_bytes = (
            _read_bytes(record_path(root, kind, known_id)) if known_id else None
        )
        current = current_bytes.decode("utf-8") if current_bytes is not None else None
        new_id, text = _text_for(kind, record, current)
        if known_id is not None and new_id != known_id:
            raise InvalidRecord(
                f"id: the id must stay '{known_id}' (ids never change), not '{new_id}'",
                [],
            )
        path = record_path(root, kind, new_id)
        if known_id is None:
            current_bytes = _read_bytes(path)
            current = (
                current_bytes.decode("utf-8") if current_bytes is not None else None
            )
        return _commit(
            root,
            kind,
            new_id,
            current_bytes,
            text,
            base_sha256,
            actor,
            reason,
            action,
            extra or {},
        )
    finally:
        lock.release()


def delete_record(
    root: Path,
    kind: str,
    record_id: str,
    *,
    base_sha256: str,
    actor: Actor,
    reason: str = "",
    action: str = "delete",
    extra: dict[str, Any] | None = None,
) -> SaveResult:
    """Remove a *draft* record (undoing an import); published records are withdrawn instead."""
    _refuse_reader(actor, f"delete {kind}/{record_id}")
    root = Path(root)
    path = record_path(root, kind, record_id)
    lock = _locked(root)
    try:
        recover(root)
        current_bytes = _read_bytes(path)
        if current_bytes is not None:
            model, _ = validate_text(kind, current_bytes.decode("utf-8"))
            if model is None or model.status.value != "draft":
                raise InvalidRecord(
                    f"{kind}/{record_id}.yaml: only draft records can be removed; withdraw it",
                    [],
                )
        return _commit(
            root,
            kind,
            record_id,
            current_bytes,
            None,
            base_sha256,
            actor,
            reason,
            action,
            extra or {},
        )
    finally:
        lock.release()


def _commit(
    root: Path,
    kind: str,
    record_id: str,
    current_bytes: bytes | None,
    text: str | None,
    base_sha256: str | None,
    actor: Actor,
    reason: str,
    action: str | None,
    extra: dict[str, Any],
) -> SaveResult:
    """Under the lock: compare hashes, write the temp file, log, rename (or remove), fsync."""
    path = record_path(root, kind, record_id)
    file = f"{kind}/{record_id}.yaml"
    current = current_bytes.decode("utf-8") if current_bytes is not None else None
    current_sha = sha256_text(current) if current is not None else None
    if current_sha != base_sha256 or (text is None and current is None):
        raise Conflict(
            file, base_sha256, current_sha, current, text or "", last_change(root, file)
        )
    after_sha = sha256_text(text) if text is not None else None
    diff = _diff(file, current, text)
    if after_sha == current_sha:
        return SaveResult(file, "unchanged", current_sha, after_sha, 0, "", text)
    action = action or ("create" if current is None else "edit")
    mode = NEW_FILE_MODE if current is None else path.stat().st_mode & 0o7777
    previous = last_entry(root)
    entry = {
        "seq": previous["seq"] + 1 if previous else 1,
        "ts": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "actor": actor.name,
        "via": actor.via,
        "action": action,
        "file": file,
        "base_sha256": base_sha256,
        "before_sha256": current_sha,
        "after_sha256": after_sha,
        "reason": reason,
        "diff": diff,
        "before": current,
        "after": text,
        **extra,
    }
    try:
        _replace(root, path, text, mode, current_bytes, entry)
    except OSError as err:
        raise SaveError(
            f"{file}: not saved ({_describe(err)}); the file is unchanged"
        ) from err
    return SaveResult(file, action, current_sha, after_sha, entry["seq"], diff, text)


def _replace(
    root: Path,
    path: Path,
    text: str | None,
    mode: int,
    current_bytes: bytes | None,
    entry: dict[str, Any],
) -> None:
    """Put ``text`` in place of ``path`` (None: remove it) and log ``entry``, or change nothing.

    The order makes a crash at any point recoverable (see :mod:`claimtracker.durable`):
    temporary file (fsynced), intent record (fsynced), rename, folder fsync, audit line
    (fsynced), intent cleared. An error on the way puts the old file back and leaves no
    temporary file, no intent and no audit line.
    """
    if text is not None:
        temp = write_temp(path, text.encode("utf-8"), mode)
    else:
        temp = path.with_name(f"{TEMP_PREFIX}{path.name}-removed")
    try:
        write_intent(root, entry, temp)
    except BaseException:
        if text is not None:
            temp.unlink(missing_ok=True)
        raise
    replaced = False
    try:
        if text is not None:
            os.replace(temp, path)
        else:
            os.replace(path, temp)
        replaced = True
        fsync_dir(path.parent)
        append_entry(root, entry)
    except BaseException:
        if text is not None:
            temp.unlink(missing_ok=True)
        elif replaced:
            os.replace(temp, path)
            replaced = False
        if not replaced or restore(path, current_bytes, mode):
            _forget_intent(root, entry)  # nothing changed: no change to finish
        raise
    _forget_intent(root, entry)
    if text is None:
        temp.unlink(missing_ok=True)


def _forget_intent(root: Path, entry: dict[str, Any]) -> None:
    try:
        clear_intent(root)
    except OSError as err:  # recovery removes it: the audit log tells it is complete
        log.warning("could not remove the intent of change %s: %s", entry["seq"], err)


def _read_bytes(path: Path) -> bytes | None:
    """The record file's bytes (None: no file); a link, a pipe or a folder is an error."""
    if path.is_symlink():
        raise SaveError(f"{path.name} is a symbolic link; records must be plain files")
    try:
        return read_regular(path)
    except FileNotFoundError:
        return None
    except NotARegularFile as err:
        raise SaveError(
            f"{path.name}: {err.strerror}; records must be plain files"
        ) from err
    except OSError as err:
        raise SaveError(
            f"{path.name} cannot be read ({_describe(err)}); nothing was saved"
        ) from err


def _describe(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the data folder is read-only"
    return err.strerror or str(err)
