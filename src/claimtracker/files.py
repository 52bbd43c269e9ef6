"""Reading the files the tool is given or finds: regular files only, never blocking.

Opening a named pipe for reading blocks until something writes to it, so a pipe placed in
``claims/`` or passed to ``import`` used to hang ``validate``, the dashboard and the import
for ever. :func:`read_regular` opens without blocking, checks on the open file (no race with
a swap of the path) that it is a regular file, and reads at most ``limit`` bytes. Imports
nothing local.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


class NotARegularFile(OSError):
    """The path names a folder, a pipe, a socket or a device, not a file to read."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(None, f"it is {kind}, not a regular file")
        self.path = Path(path)
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """What a file of ``mode`` is, in words, when it is not a regular file (else None)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them (None: all).

    Raises :class:`NotARegularFile` (an ``OSError``) for anything else, and ``OSError`` as
    ``open`` does (``FileNotFoundError``, ``PermissionError`` ...).
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotARegularFile(path, kind)
        chunks = []
        left = limit
        while left is None or left > 0:
            chunk = os.read(fd, 1 << 20 if left is None else min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            if left is not None:
                left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
