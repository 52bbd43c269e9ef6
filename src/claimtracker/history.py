"""A record's changes from the audit log, and undoing one.

Every accepted save appended one entry to ``.claimtracker/audit.jsonl`` with the full text
before and after. :func:`revert` puts back the text an entry replaced, through the same
save path (lock, hash check, audit), so a revert is itself a change that can be reverted.
A change followed by others can be undone alone with ``merge``: the text before it is
merged with the file as it is now (``claimtracker.rebase``), keeping the later changes
unless they touched the same fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimtracker.audit import read_audit
from claimtracker.auth import Actor
from claimtracker.rebase import onto_current, record_data, save_rebased
from claimtracker.saving import (
    SaveError,
    SaveResult,
    delete_record,
    read_current,
    record_path,
    save_record,
)


def split_ref(ref: str) -> tuple[str, str]:
    """``claims/<id>``, ``studies/<id>`` or a bare id -> (kind, id); a bare id may be either."""
    ref = ref.removesuffix(".yaml")
    if "/" in ref:
        kind, _, record_id = ref.partition("/")
        return kind, record_id
    return "", ref


def resolve_ref(root: Path, ref: str) -> tuple[str, str]:
    """(kind, id) of a record named by ``ref``; a bare id is looked up in claims/ then studies/."""
    kind, record_id = split_ref(ref)
    if kind:
        record_path(root, kind, record_id)
        return kind, record_id
    for candidate in ("claims", "studies"):
        if record_path(root, candidate, record_id).exists():
            return candidate, record_id
    for entry in reversed(read_audit(root)):
        entry_kind, entry_id = split_ref(str(entry.get("file", "")))
        if entry_id == record_id:
            return entry_kind, record_id
    raise SaveError(
        f"no record '{record_id}' in claims/ or studies/ (or in the audit log)"
    )


def history(root: Path, kind: str, record_id: str) -> list[dict[str, Any]]:
    """The audit entries of one record, oldest first."""
    file = f"{kind}/{record_id}.yaml"
    return [e for e in read_audit(root) if e.get("file") == file]


def revert(
    root: Path,
    kind: str,
    record_id: str,
    seq: int,
    *,
    actor: Actor,
    reason: str = "",
    force: bool = False,
    merge: bool = False,
) -> SaveResult:
    """Undo audit entry ``seq`` of this record by saving the text it replaced, as a new change.

    When later changes of the same record exist, reverting the text would undo them too:
    that needs ``force``; ``merge`` instead undoes only this change, field by field, and
    refuses (``rebase.Clashes``) when a later change touched the same fields. The save is
    conditional on the file being at its last audited hash.
    """
    entries = history(root, kind, record_id)
    target = next((e for e in entries if e.get("seq") == seq), None)
    if target is None:
        raise SaveError(
            f"{kind}/{record_id}.yaml has no change numbered {seq}: see `claimtracker history`"
        )
    later = [e["seq"] for e in entries if e["seq"] > seq]
    if later and merge and not force and target.get("before") and target.get("after"):
        rebased = onto_current(
            root, kind, record_id, str(target["after"]), _data(kind, target["before"])
        )
        return save_rebased(
            root,
            kind,
            record_id,
            rebased,
            actor=actor,
            reason=reason or f"revert change {seq}",
            action="revert",
            extra={"reverts": seq},
        )
    if later and not force:
        numbers = ", ".join(str(n) for n in later)
        raise SaveError(
            f"change {seq} was followed by change(s) {numbers}; undo it alone with --merge, "
            "revert those first, or undo them all with --force"
        )
    _, current_sha = read_current(root, kind, record_id)
    reason = reason or f"revert change {seq}"
    extra = {"reverts": seq}
    before = target.get("before")
    if before is None:
        if current_sha is None:
            raise SaveError(f"{kind}/{record_id}.yaml is already gone")
        return delete_record(
            root,
            kind,
            record_id,
            base_sha256=current_sha,
            actor=actor,
            reason=reason,
            action="revert",
            extra=extra,
        )
    return save_record(
        root,
        kind,
        before,
        base_sha256=current_sha,
        actor=actor,
        reason=reason,
        action="revert",
        record_id=record_id,
        extra=extra,
    )


def _data(kind: str, text: Any) -> dict[str, Any]:
    return record_data(kind, str(text))
