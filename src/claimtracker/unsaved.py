"""Unsaved edits kept on the server: one per editor and record.

While an editor changes a form, the dashboard keeps what they typed here, so a reload, a
closed tab or a crashed server loses nothing: the form is filled from it next time the
editor opens the record. It is removed when the edit is saved or the editor discards it.

One JSON file per editor and record, written atomically (temporary file, fsync, rename)::

    .claimtracker/unsaved/<editor>/<kind>/<record id>.json      (a new record: _new.json)

holding the editor, the record, the hash and text of the file the edit started from (so a
file changed since can be merged, not overwritten), the form's data, the reason typed so
far and when it was kept. Dates in the data are stored tagged (``{"$date": "2024-05-01"}``)
so they come back as dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtracker.durable import write_atomic
from claimtracker.models import ID_PATTERN, RECORD_KINDS

log = logging.getLogger("claimtracker.unsaved")

FOLDER = ".claimtracker/unsaved"
NEW = "_new"  # not a valid record id, so it never clashes with one
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$")


@dataclass(frozen=True)
class Unsaved:
    """An editor's unsaved edit of one record (``record_id`` None: a new record)."""

    editor: str
    kind: str
    record_id: str | None
    base_sha256: str | None
    base_text: str | None
    data: dict[str, Any]
    reason: str = ""
    kept_at: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )

    @property
    def kept(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.kept_at)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        if set(value) == {"$datetime"}:
            return dt.datetime.fromisoformat(value["$datetime"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _folder_name(editor: str) -> str:
    if _SAFE_NAME.fullmatch(editor):
        return editor
    return "sha256-" + hashlib.sha256(editor.encode("utf-8")).hexdigest()[:32]


def path_of(root: Path, editor: str, kind: str, record_id: str | None) -> Path:
    """Where an editor's unsaved edit of a record is kept (ids are checked, never cleaned)."""
    if kind not in RECORD_KINDS:
        raise ValueError(f"unknown record kind {kind!r}")
    if record_id is not None and not re.fullmatch(ID_PATTERN, record_id):
        raise ValueError(f"{record_id!r} is not a record id")
    name = record_id if record_id is not None else NEW
    return Path(root) / FOLDER / _folder_name(editor) / kind / f"{name}.json"


def keep(root: Path, unsaved: Unsaved) -> None:
    """Store (or replace) an editor's unsaved edit of a record."""
    path = path_of(root, unsaved.editor, unsaved.kind, unsaved.record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "editor": unsaved.editor,
        "kind": unsaved.kind,
        "record": unsaved.record_id,
        "base_sha256": unsaved.base_sha256,
        "base_text": unsaved.base_text,
        "data": _encode(unsaved.data),
        "reason": unsaved.reason,
        "kept_at": unsaved.kept_at,
    }
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    write_atomic(path, text.encode("utf-8"), 0o600)


def load(root: Path, editor: str, kind: str, record_id: str | None) -> Unsaved | None:
    """The editor's unsaved edit of a record, or None (an unreadable file is logged, kept)."""
    path = path_of(root, editor, kind, record_id)
    try:
        body = json.loads(path.read_text("utf-8"))
        if body.get("editor") != editor or body.get("kind") != kind:
            raise ValueError("it belongs to another editor or record")
        data = _decode(body["data"])
        if not isinstance(data, dict):
            raise ValueError("its data is not a record")
        return Unsaved(
            editor=editor,
            kind=kind,
            record_id=record_id,
            base_sha256=body.get("base_sha256"),
            base_text=body.get("base_text"),
            data=data,
            reason=str(body.get("reason") or ""),
            kept_at=str(body["kept_at"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        log.error("cannot read the unsaved edit %s: %s", path, err)
        return None


def discard(root: Path, editor: str, kind: str, record_id: str | None) -> None:
    """Forget the editor's unsaved edit of a record (after a save, or on request)."""
    path_of(root, editor, kind, record_id).unlink(missing_ok=True)


def listed(root: Path, editor: str) -> list[tuple[str, str | None]]:
    """(kind, record id) of every unsaved edit the editor has, sorted."""
    folder = Path(root) / FOLDER / _folder_name(editor)
    found: list[tuple[str, str | None]] = []
    for kind in RECORD_KINDS:
        for path in sorted((folder / kind).glob("*.json")):
            found.append((kind, None if path.stem == NEW else path.stem))
    return found
