"""Durable file replacement and crash recovery for the record store.

A record file is replaced by writing a temporary file in the same folder (``.tmp-<name>-*``),
fsyncing it with the old file's mode, renaming it over the old file and fsyncing the folder,
so every reader sees either the old or the new complete file. :func:`recover` (run by every
save, under the store lock) completes a change whose audit line was written before its writer
died, and removes the temporary files killed writers leave behind (RELIABILITY.md 4.2-4.3).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import filelock

from claimtracker.audit import last_entry
from claimtracker.models import RECORD_KINDS

log = logging.getLogger("claimtracker.saving")

LOCK_FILE = ".claimtracker/store.lock"
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


def restore(path: Path, before: bytes | None, mode: int) -> None:
    """Put the old file back after a failure that came after the rename (best effort)."""
    try:
        if before is None:
            path.unlink(missing_ok=True)
            fsync_dir(path.parent)
        else:
            write_atomic(path, before, mode)
    except OSError as err:  # pragma: no cover - a second failure in a row
        log.error("could not restore %s after a failed save: %s", path, err)


def file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def recover(root: Path) -> list[str]:
    """Finish or clean up saves interrupted by a crash (call under the store lock).

    A change whose audit line was written but whose rename did not happen is completed
    from the log; temporary files are removed. Returns what was done, in words.
    """
    done = []
    entry = last_entry(root)
    if entry is not None and entry.get("file"):
        path = root / str(entry["file"])
        on_disk = file_sha(path)
        if on_disk != entry.get("after_sha256") and on_disk == entry.get(
            "before_sha256"
        ):
            mode = (
                path.stat().st_mode & 0o7777 if on_disk is not None else NEW_FILE_MODE
            )
            if entry.get("after") is None:
                path.unlink(missing_ok=True)
                fsync_dir(path.parent)
            else:
                write_atomic(path, str(entry["after"]).encode("utf-8"), mode)
            done.append(f"completed change {entry['seq']} to {entry['file']}")
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
