"""The append-only audit log: ``[audit] log`` of ``claimtracker.toml`` under the data root
(default ``.claimtracker/audit.jsonl``).

One JSON object per line and per accepted change: ``seq`` (1, 2, 3 ...), ``ts`` (UTC),
``actor``, ``via``, ``action``, ``file``, ``base_sha256``, ``before_sha256``,
``after_sha256``, ``reason``, ``diff`` and the full ``before`` and ``after`` texts, so any
change can be shown and undone. Lines are written by ``saving`` under the store lock and
fsynced; a line torn by a crash is skipped when reading and never glued to the next one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

from claimtracker.config import load_config

_TAIL = 1 << 20


def audit_path(root: Path) -> Path:
    """The audit log of the data root ``root``, as its ``claimtracker.toml`` places it."""
    return Path(root) / load_config(root).audit.log


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        entry = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return (
        entry if isinstance(entry, dict) and isinstance(entry.get("seq"), int) else None
    )


def read_audit(root: Path) -> list[dict[str, Any]]:
    """Every audit entry, oldest first (torn lines are skipped)."""
    try:
        raw = audit_path(root).read_bytes()
    except FileNotFoundError:
        return []
    return [e for e in map(_parse, raw.splitlines()) if e is not None]


def last_entry(root: Path) -> dict[str, Any] | None:
    """The newest entry, read from the end of the log (cheap however long the log is)."""
    try:
        with audit_path(root).open("rb") as f:
            size = f.seek(0, os.SEEK_END)
            chunk = _TAIL
            while True:
                start = max(0, size - chunk)
                f.seek(start)
                lines = f.read(size - start).splitlines()
                complete = lines if start == 0 else lines[1:]
                for line in reversed(complete):
                    entry = _parse(line)
                    if entry is not None:
                        return entry
                if start == 0:
                    return None
                chunk *= 4
    except FileNotFoundError:
        return None


def last_change(root: Path, file: str) -> dict[str, Any] | None:
    """The newest entry for one file."""
    return next((e for e in reversed(read_audit(root)) if e.get("file") == file), None)


def append_entry(root: Path, entry: dict[str, Any]) -> int:
    """Append one line and fsync it; returns the log's size before, for :func:`truncate`.

    On any error the log is cut back to its old size and the error is raised.
    """
    path = audit_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode(
        "utf-8"
    )
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        try:
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data  # keep a torn line from a crash on its own line
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except BaseException:
            os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)
    return size


def truncate(root: Path, size: int) -> None:
    """Cut the log back to ``size`` bytes (undo an append whose change then failed)."""
    fd = os.open(audit_path(root), os.O_WRONLY)
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class ChainBreak:
    file: str
    seq: int | None
    message: str


def _sha(text: str) -> str:
    return sha256(text.encode("utf-8")).hexdigest()


def verify_chain(root: Path) -> list[ChainBreak]:
    """Check that each file's entries chain (before = previous after) and end at the file on disk.

    A break means an edit outside the tool (a hand edit, a git pull): allowed, but shown.
    """
    root = Path(root)
    breaks: list[ChainBreak] = []
    last: dict[str, str | None] = {}
    seqs = set()
    for entry in read_audit(root):
        file = str(entry.get("file"))
        if entry["seq"] in seqs:
            breaks.append(
                ChainBreak(file, entry["seq"], "this change number is used twice")
            )
        seqs.add(entry["seq"])
        for side in ("before", "after"):
            text = entry.get(side)
            if (text is None) != (entry.get(f"{side}_sha256") is None) or (
                text is not None and _sha(text) != entry.get(f"{side}_sha256")
            ):
                breaks.append(
                    ChainBreak(
                        file,
                        entry["seq"],
                        f"the stored {side} text does not match its hash",
                    )
                )
        if file in last and last[file] != entry.get("before_sha256"):
            breaks.append(
                ChainBreak(
                    file,
                    entry["seq"],
                    "the file was changed outside the tool before this change",
                )
            )
        last[file] = entry.get("after_sha256")
    for file, after in last.items():
        try:
            on_disk: str | None = _sha((root / file).read_bytes().decode("utf-8"))
        except FileNotFoundError:
            on_disk = None
        if on_disk != after:
            breaks.append(
                ChainBreak(
                    file,
                    None,
                    "the file was changed outside the tool after its last change",
                )
            )
    return breaks
