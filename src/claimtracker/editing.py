"""Edits to records, and records to YAML text that keeps an existing file's shape.

A form or a command builds a new model; :func:`render_record` writes it over the file's
current text with ruamel.yaml's round-trip mode, so comments, key order, flow or block
style and folded text survive, and only the values that changed are rewritten. New keys go
where the model's field order puts them. Values the store reads with YAML 1.1 rules (``no``,
``1.10``, ``012``) are quoted, and long prose is written as a folded ``>-`` block.

Edits (:func:`set_verdict`, :func:`link_evidence`) return new, validated models: models are
frozen, so nothing is changed in place.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, TypeVar, cast

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    PlainScalarString,
    SingleQuotedScalarString,
)

from claimtracker.models import (
    Certainty,
    Claim,
    Evidence,
    Flag,
    HistoryEntry,
    Rating,
    Study,
    Verdict,
)

log = logging.getLogger("claimtracker.editing")

WRAP = 88
M = TypeVar("M", bound=BaseModel)
SCHEMA_NAMES = {"claims": "claim", "studies": "study"}
_RESOLVER = yaml.resolver.Resolver()
_PLAIN_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()/+-]*")
# Characters that YAML readers treat as line breaks besides \n (U+2028, U+2029, NEL, CR), or
# that are not printable in YAML: outside quotes, readers disagree on them (libyaml reads a
# folded block with U+2028 that ruamel.yaml cannot), so text holding any is double-quoted,
# where each is written as an escape (\L, \P, \N, \r, \uFFFE ...).
_NEEDS_ESCAPES = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def round_trip_yaml() -> YAML:
    """The one ruamel configuration used for every write (house style indents)."""
    rt = YAML(typ="rt")
    rt.indent(mapping=2, sequence=4, offset=2)
    # never wrap: ruamel.yaml wraps a plain scalar longer than the width at a space, and a
    # run of spaces at that break does not read back (folded prose is wrapped by _fold)
    rt.width = 1 << 30
    rt.preserve_quotes = True
    rt.representer.ignore_aliases = lambda *args: True  # records never use anchors
    rt.representer.add_representer(float, _represent_float)
    return rt


def _represent_float(representer: Any, value: float) -> Any:
    """Floats as YAML 1.1 reads them back: ``5e-324`` would load as text, ``5.0e-324`` as a float."""
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


# --------------------------------------------------------------------------- values


def _fold(text: str) -> FoldedScalarString | None:
    """A folded block for long single-line prose, or None when folding would change it."""
    if (
        len(text) <= WRAP - 10
        or _NEEDS_ESCAPES.search(text)
        or "\n" in text
        or "\t" in text
        or "  " in text
        or text != text.strip()
    ):
        return None
    folded = FoldedScalarString(text)
    positions: list[int] = []
    start, last_space = 0, -1
    for i, char in enumerate(text):
        if char == " ":
            if i - start > WRAP - 10 and last_space > start:
                positions.append(last_space)
                start = last_space + 1
            last_space = i
    if len(text) - start > WRAP - 10 and last_space > start:
        positions.append(last_space)
    folded.fold_pos = positions
    return cast(FoldedScalarString, folded)


def _scalar(value: Any, flow: bool = False) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, str):
        if _NEEDS_ESCAPES.search(value):
            return DoubleQuotedScalarString(value)
        folded = None if flow else _fold(value)
        if folded is not None:
            return folded
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if tag != "tag:yaml.org,2002:str":
            return SingleQuotedScalarString(value)
        # a plain str put where the old value was folded would be coerced to a folded block by
        # ruamel.yaml, unreadable for text such as "\t0"; plain style falls back to quotes
        return PlainScalarString(value)
    return value


def _fresh(value: Any, flow: bool = False) -> Any:
    """A new YAML node: block maps, flow lists of short words, block lists otherwise.

    Inside a flow collection everything stays flow and nothing is folded.
    """
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _fresh(item, flow)
        if flow:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list | tuple):
        flow = flow or _is_short_flow(value)
        seq = CommentedSeq(_fresh(item, flow) for item in value)
        if flow:
            seq.fa.set_flow_style()
        return seq
    return _scalar(value, flow)


def _is_short_flow(items: list[Any] | tuple[Any, ...]) -> bool:
    """Short lists of plain words are written ``[a, b]``; anything else as a block."""
    if any(isinstance(item, Mapping | list | tuple) for item in items):
        return False
    if any(
        isinstance(item, str) and not _PLAIN_WORDS.fullmatch(item) for item in items
    ):
        return False  # an indicator such as '?' or '-' at the start reads differently in a flow list
    text = ", ".join(str(_scalar(item, flow=True)) for item in items)
    return len(text) <= 60 and not any(
        c in text.replace(", ", "") for c in ",[]{}#:&*!|>'\"%@`"
    )


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, bool) != isinstance(new, bool):
        return False
    if isinstance(old, dt.datetime) or isinstance(new, dt.datetime):
        return False
    if isinstance(new, Enum):
        new = new.value
    try:
        return bool(old == new) and type(old) is not type(None)
    except Exception:
        return False


# --------------------------------------------------------------------------- merging


def _is_flow(node: CommentedMap | CommentedSeq) -> bool:
    return bool(node.fa.flow_style())


def _update(old: Any, full: Any, minimal: Any, flow: bool = False) -> Any:
    """``old`` node changed to hold ``full``; unchanged parts keep their comments and style."""
    if isinstance(old, CommentedMap) and isinstance(full, Mapping):
        mins = minimal if isinstance(minimal, Mapping) else {}
        _merge_map(old, full, mins, list(full), flow or _is_flow(old))
        return old
    if isinstance(old, CommentedSeq) and isinstance(full, list):
        flow = flow or _is_flow(old)
        items = minimal if isinstance(minimal, list) else full
        for i, item in enumerate(full):
            small = items[i] if i < len(items) else item
            if i < len(old):
                old[i] = _update(old[i], item, small, flow)
            else:
                old.append(_fresh(small, flow))
        del old[len(full) :]
        return old
    if _same(old, full):
        return old
    return _fresh(minimal if minimal is not None else full, flow)


def _merge_map(
    old: CommentedMap,
    full: Mapping[str, Any],
    minimal: Mapping[str, Any],
    order: list[str],
    flow: bool = False,
) -> None:
    for key in list(old):
        if key not in full:
            del old[key]
    for key in order:
        if key in old:
            old[key] = _update(old[key], full[key], minimal.get(key, full[key]), flow)
        elif key in minimal:
            before = [k for k in order[: order.index(key)] if k in old]
            position = list(old).index(before[-1]) + 1 if before else 0
            old.insert(position, key, _fresh(minimal[key], flow))


def _dumps(model: BaseModel) -> tuple[dict[str, Any], dict[str, Any]]:
    full = model.model_dump(mode="python", exclude_none=True)
    minimal = model.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    return full, minimal


def render_record(
    kind: str, model: Study | Claim, previous_text: str | None = None
) -> str:
    """YAML text for ``model``: the previous text edited in place, or a new file."""
    rt = round_trip_yaml()
    full, minimal = _dumps(model)
    if previous_text is not None:
        try:
            document = rt.load(previous_text)
        except YAMLError as err:
            # a file the store reads but the round-trip reader does not (written by hand or
            # by an older version): the record is written afresh, without its comments
            log.warning(
                "%s: written afresh, without its comments: %s", model.id, _where(err)
            )
            document = None
        if isinstance(document, CommentedMap):
            _merge_map(document, full, minimal, list(full))
            out = io.StringIO()
            rt.dump(document, out)
            return out.getvalue()
    # fields in model order; defaults left out, but the id and status always written
    return _new_file(
        kind,
        {
            k: minimal.get(k, v)
            for k, v in full.items()
            if k in minimal or k in ("id", "status")
        },
    )


def round_trip_problem(text: str) -> str | None:
    """Why the round-trip writer could not edit ``text`` later (None: it can)."""
    try:
        round_trip_yaml().load(text)
    except YAMLError as err:
        hint = ""
        if _NEEDS_ESCAPES.search(text):
            hint = (
                "; write text holding a line or paragraph separator (U+2028, U+2029) or "
                "another special character in double quotes, as \\L, \\P or \\uXXXX"
            )
        return f"the file could not be edited again ({_where(err)}){hint}"
    return None


def _where(err: YAMLError) -> str:
    """A YAML error in one line: ``line N: problem``."""
    if isinstance(err, MarkedYAMLError):
        mark = err.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return f"{where}{err.problem}"
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def _new_file(kind: str, data: dict[str, Any]) -> str:
    """A new record file: the schema modeline, then ``data`` in block style."""
    document = _fresh(data)
    schema = SCHEMA_NAMES.get(kind, kind)
    document.yaml_set_start_comment(
        f"yaml-language-server: $schema=../schemas/{schema}.schema.json"
    )
    out = io.StringIO()
    round_trip_yaml().dump(document, out)
    return out.getvalue()


# --------------------------------------------------------------------------- edits


def _rebuild(model: M, **changes: Any) -> M:
    data = model.model_dump(mode="python", exclude_none=True)
    data.update({k: v for k, v in changes.items()})
    return type(model).model_validate({k: v for k, v in data.items() if v is not None})


def set_verdict(
    claim: Claim,
    *,
    rating: Rating,
    certainty: Certainty,
    reason: str,
    editor: str,
    today: dt.date | None = None,
    summary: str | None = None,
    flags: Sequence[Flag] | None = None,
    safe_wording: str | None = None,
) -> Claim:
    """The claim with a new verdict; a change of rating or certainty is added to its history."""
    today = today or dt.date.today()
    old = claim.verdict
    verdict = Verdict(
        rating=rating,
        certainty=certainty,
        flags=list(flags) if flags is not None else (list(old.flags) if old else []),
        summary=summary or (old.summary if old else reason),
        safe_wording=safe_wording
        if safe_wording is not None
        else (old.safe_wording if old else None),
        reviewed=today,
        reviewer=editor,
    )
    history = list(claim.history)
    if old is None or (old.rating, old.certainty) != (rating, certainty):
        history.append(
            HistoryEntry(
                date=today,
                editor=editor,
                rating=rating,
                certainty=certainty,
                reason=reason,
            )
        )
    return _rebuild(
        claim,
        verdict=verdict.model_dump(exclude_none=True),
        history=[h.model_dump() for h in history],
    )


#: The parts of a verdict an editor sets; ``reviewed`` and ``reviewer`` are stamped.
VERDICT_CONTENT = ("rating", "certainty", "flags", "summary", "safe_wording")


def _content(verdict: Mapping[str, Any] | None) -> dict[str, Any]:
    got = {k: (verdict or {}).get(k) for k in VERDICT_CONTENT}
    got["flags"] = [getattr(f, "value", f) for f in got["flags"] or []]
    return {
        k: getattr(v, "value", v) for k, v in got.items() if v not in (None, "", [])
    }


def edit_verdict(
    data: Mapping[str, Any],
    base: Mapping[str, Any],
    verdict: Mapping[str, Any] | None,
    *,
    editor: str,
    reason: str,
    today: dt.date | None = None,
) -> tuple[dict[str, Any], bool]:
    """Claim data with the verdict as an editor set it in a form, and whether it needs a reason.

    ``data`` holds the claim's other fields, ``base`` the claim as loaded (its verdict and
    history) and ``verdict`` the form's rating, certainty, flags, summary and safe wording.
    An unchanged verdict keeps its review stamps. A changed one is stamped with today's date
    and the editor's name; a new rating or certainty adds a history entry with ``reason``
    once a reason is given. A change of rating, certainty or flags needs a reason.
    """
    today = today or dt.date.today()
    old = base.get("verdict") if isinstance(base.get("verdict"), Mapping) else None
    history = list(base.get("history") or [])
    new = _content(verdict)
    before = _content(old)
    out = {k: v for k, v in data.items() if k not in ("verdict", "history")}
    if new == before:
        return {**out, "verdict": old, "history": history}, False
    pair = (new.get("rating"), new.get("certainty"))
    old_pair = (before.get("rating"), before.get("certainty"))
    needs = pair != old_pair or new.get("flags", []) != before.get("flags", [])
    if not new:
        return {**out, "verdict": None, "history": history}, needs
    if pair != old_pair and all(pair) and reason.strip():
        history.append(
            {
                "date": today,
                "editor": editor,
                "rating": pair[0],
                "certainty": pair[1],
                "reason": reason.strip(),
            }
        )
    stamped = {**new, "reviewed": today, "reviewer": editor}
    return {**out, "verdict": stamped, "history": history}, needs


def link_evidence(
    claim: Claim, study: str, outcome: str, note: str | None = None
) -> Claim:
    """The claim with one more evidence link (study outcome); a link already there is an error."""
    link = Evidence(study=study, outcome=outcome, note=note)
    evidence = [e.model_dump(exclude_none=True) for e in claim.evidence] + [
        link.model_dump(exclude_none=True)
    ]
    return _rebuild(claim, evidence=evidence)


def unlink_evidence(claim: Claim, study: str, outcome: str) -> Claim:
    """The claim without the link to this study outcome."""
    evidence = [
        e.model_dump(exclude_none=True)
        for e in claim.evidence
        if (e.study, e.outcome) != (study, outcome)
    ]
    return _rebuild(claim, evidence=evidence)


def render_data(kind: str, data: Mapping[str, Any]) -> str:
    """YAML for data that is not (yet) a valid record, so the store can point at its lines."""
    return _new_file(kind, dict(data))
