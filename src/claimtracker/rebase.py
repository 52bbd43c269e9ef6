"""Carrying an edit made against an older version of a record onto the file as it is now.

The save path refuses a save whose base is no longer the file (``saving.Conflict``). On
request, the edit is instead merged field by field with the file (``claimtracker.merge``):
when no field was changed differently on both sides, the merged record is saved, based on
the file as it is now, through the same audited save path; otherwise nothing is saved and
:class:`Clashes` names the fields. The command line's ``--merge`` and the dashboard's
revert of an older change use this; the dashboard's forms show clashes for the editor to
choose (``dashboard/editor_merge.py``).

Exceptions::

    SaveError (claimtracker.saving)
     └── Clashes      fields both sides changed; ``.result`` holds the merge
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from claimtracker.audit import read_audit
from claimtracker.auth import Actor
from claimtracker.merge import Merge, as_data, merge, resolve
from claimtracker.models import RECORD_KINDS
from claimtracker.saving import (
    InvalidRecord,
    SaveError,
    SaveResult,
    read_current,
    save_record,
)


class Clashes(SaveError):
    """The edit and the file changed the same fields differently; nothing was saved."""

    def __init__(self, file: str, result: Merge) -> None:
        fields = ", ".join(c.where for c in result.clashes)
        super().__init__(
            f"{file}: not merged, both versions changed {fields}; nothing was saved"
        )
        self.file = file
        self.result = result


@dataclass(frozen=True)
class Rebased:
    """An edit merged with the file as it is now."""

    file: str
    current_text: str
    current_sha256: str
    result: Merge


def record_data(kind: str, text: str | None) -> dict[str, Any]:
    """A record file as plain data: the model's view when valid, what YAML reads if not."""
    if not text:
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    try:
        return dict(as_data(RECORD_KINDS[kind].model_validate(data)))
    except ValueError:
        return dict(as_data(data))


def text_with_sha(root: Path, file: str, sha256: str) -> str | None:
    """A version of ``file`` by its hash: the file itself or a text kept in the audit log."""
    kind, _, name = file.partition("/")
    current, current_sha = read_current(root, kind, name.removesuffix(".yaml"))
    if current_sha == sha256:
        return current
    for entry in reversed(read_audit(root)):
        if entry.get("file") != file:
            continue
        for side in ("after", "before"):
            if entry.get(f"{side}_sha256") == sha256 and entry.get(side) is not None:
                return str(entry[side])
    return None


def onto_current(
    root: Path, kind: str, record_id: str, base_text: str, mine: Any
) -> Rebased:
    """Merge ``mine`` (an edit of ``base_text``) with the record's file as it is now."""
    file = f"{kind}/{record_id}.yaml"
    current, sha = read_current(root, kind, record_id)
    if current is None or sha is None:
        raise SaveError(f"{file} is gone; there is nothing to merge with")
    result = merge(record_data(kind, base_text), record_data(kind, current), mine)
    return Rebased(file, current, sha, result)


def save_rebased(
    root: Path,
    kind: str,
    record_id: str,
    rebased: Rebased,
    *,
    actor: Actor,
    reason: str = "",
    action: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> SaveResult:
    """Save a clean merge over the file it was merged with (still checked by hash)."""
    if not rebased.result.clean:
        raise Clashes(rebased.file, rebased.result)
    try:
        model = RECORD_KINDS[kind].model_validate(resolve(rebased.result))
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(step) for step in first["loc"]) or "the record"
        raise InvalidRecord(
            f"{rebased.file}: the merged record is not valid ({where}: {first['msg']}); "
            "nothing was saved",
            [],
        ) from err
    return save_record(
        root,
        kind,
        model,
        base_sha256=rebased.current_sha256,
        actor=actor,
        reason=reason,
        action=action,
        extra=dict(extra or {}),
    )
