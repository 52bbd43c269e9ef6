"""Durable file replacement and crash recovery for the record store.

A record file is replaced by writing a temporary file in the same folder (``.tmp-<name>-*``),
fsyncing it with the old file's mode, renaming it over the old file and fsyncing the folder,
so every reader sees either the old or the new complete file.

Before the rename, the writer records its **intent** (``.claimtracker/intent.json``, fsynced):
the audit entry it is about to make and the name of its temporary file. Once the file is in
place and the entry is in the audit log, the intent is removed: the change is complete. So a
pending intent proves that its writer did not finish, and its temporary file tells how far it
got: while the temporary file exists, the rename has not happened (a rename consumes the name).

:func:`recover` (run by every save, under the store lock) therefore:

* rolls a change forward only when its intent is pending, its rename provably did not happen
  and the file still holds the change's before-text;
* logs a change whose rename happened but whose audit line is missing, without touching the
  file (a person may have put the old text back since);
* drops a pending change whose file holds neither its before- nor its after-text, leaving the
  file as it is;
* never looks at completed changes: a file a person restored after a save (``cp``,
  ``git checkout``, ``git revert``) stays as they left it, and shows as an edit outside the
  tool in ``audit.verify_chain``;
* removes the temporary files killed writers leave behind (RELIABILITY.md 4.2-4.3).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import filelock

from claimtracker.audit import append_entry, last_entry
from claimtracker.files import NotARegularFile, read_regular
from claimtracker.models import RECORD_KINDS

log = logging.getLogger("claimtracker.saving")

LOCK_FILE = ".claimtracker/store.lock"
INTENT_FILE = ".claimtracker/intent.json"
TEMP_PREFIX = ".tmp-"
LOCK_TIMEOUT = 30.0
NEW_FILE_MODE = 0o644


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(path: Path, data: bytes, mode: int) -> Path:
    """A fsynced temporary file beside ``path`` holding ``data`` with ``mode``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}-")
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, data: bytes, mode: int) -> None:
    tmp = write_temp(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def restore(path: Path, before: bytes | None, mode: int) -> bool:
    """Put the old file back after a failure that came after the rename (best effort).

    Returns False when that failed too (the error is logged)."""
    try:
        if before is None:
            path.unlink(missing_ok=True)
            fsync_dir(path.parent)
        else:
            write_atomic(path, before, mode)
    except OSError as err:  # pragma: no cover - a second failure in a row
        log.error("could not restore %s after a failed save: %s", path, err)
        return False
    return True


def file_sha(path: Path) -> str | None:
    """The sha256 of a regular file; None when there is none (or something else) at ``path``."""
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return None
        return hashlib.sha256(read_regular(path)).hexdigest()
    except (FileNotFoundError, NotARegularFile):
        return None


# --------------------------------------------------------------------------- intent records


def intent_path(root: Path) -> Path:
    return Path(root) / INTENT_FILE


def write_intent(root: Path, entry: dict[str, Any], temp: Path) -> None:
    """Record, durably, the change about to be made: its audit ``entry`` and ``temp`` file.

    ``temp`` is the new text (a write) or the name the old file is moved to (a removal).
    There is at most one intent at a time (the store lock); one left over is an error."""
    path = intent_path(root)
    data = json.dumps(
        {"entry": entry, "temp": temp.name}, ensure_ascii=False, sort_keys=True
    ).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_dir(path.parent)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def clear_intent(root: Path) -> None:
    """Mark the change complete: the file is in place and its audit line written.

    Not fsynced on purpose: an intent that comes back after a power cut names a change the
    audit log already holds, and :func:`recover` then only removes it again."""
    intent_path(root).unlink(missing_ok=True)


def read_intent(root: Path) -> dict[str, Any] | None:
    """The pending intent; None when there is none. A torn record (its writer died while
    writing it, so before any rename) is removed and reads as None."""
    path = intent_path(root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        intent = json.loads(raw)
        entry = intent["entry"]
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("seq"), int)
            and isinstance(entry.get("file"), str)
            and isinstance(intent.get("temp"), str)
        ):
            raise ValueError("not an intent record")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        log.warning("removed an unfinished intent record (%d bytes)", len(raw))
        path.unlink(missing_ok=True)
        return None
    return dict(intent)


def _finish(root: Path, intent: dict[str, Any]) -> str:
    """Complete or drop the pending change of ``intent``; what was done, in words."""
    entry: dict[str, Any] = intent["entry"]
    seq, file = entry["seq"], entry["file"]
    path = Path(root) / file
    folder = path.parent
    temp = folder / str(intent["temp"])
    removal = entry.get("after") is None
    last = last_entry(root)
    if (
        last is not None
        and last.get("seq") == seq
        and last.get("file") == file
        and last.get("after_sha256") == entry.get("after_sha256")
    ):
        clear_intent(root)
        return f"change {seq} to {file} was complete"
    on_disk = file_sha(path)
    renamed = temp.exists() if removal else not temp.exists()
    if renamed:
        append_entry(root, entry)
        clear_intent(root)
        note = (
            ""
            if on_disk == entry.get("after_sha256")
            else " (the file has been changed outside the tool since; left as it is)"
        )
        return f"logged change {seq} to {file}, which was already in place{note}"
    if on_disk == entry.get("after_sha256"):
        append_entry(root, entry)
        clear_intent(root)
        return f"logged change {seq} to {file}: the file already holds it"
    if on_disk != entry.get("before_sha256"):
        clear_intent(root)
        return (
            f"dropped change {seq} to {file}, interrupted before its file was replaced: "
            "the file now holds neither the text before nor after that change, so it was "
            "left as it is"
        )
    if removal:
        os.replace(path, temp)
    else:
        os.replace(temp, path)
    fsync_dir(folder)
    append_entry(root, entry)
    clear_intent(root)
    return f"completed change {seq} to {file}, interrupted before its file was replaced"


def recover(root: Path) -> list[str]:
    """Finish or drop a save interrupted by a crash, and sweep temporary files (call under
    the store lock). Returns what was done, in words (nothing when no save was interrupted).
    """
    root = Path(root)
    done = []
    intent = read_intent(root)
    if intent is not None:
        done.append(_finish(root, intent))
    for kind in RECORD_KINDS:
        folder = root / kind
        if folder.is_dir():
            for tmp in folder.glob(f"{TEMP_PREFIX}*"):
                tmp.unlink(missing_ok=True)
                done.append(f"removed {kind}/{tmp.name}")
    if done:
        log.warning("recovered interrupted saves: %s", "; ".join(done))
    return done


def store_lock(root: Path, timeout: float = LOCK_TIMEOUT) -> filelock.BaseFileLock:
    """A new lock object on the store lock file (never share one between threads)."""
    lock_path = Path(root) / LOCK_FILE
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    return filelock.FileLock(
        lock_path, timeout=timeout, thread_local=False, fallback_to_soft=False
    )
