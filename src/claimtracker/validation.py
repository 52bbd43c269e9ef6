"""Pydantic errors -> problems at a line and column, by walking the YAML node tree.

Pydantic reports *where* in the data a value failed as a ``loc`` tuple
(``("evidence", 0, "study")``). The node tree libyaml built while parsing knows where
each value was written; :func:`node_at` walks one with the other. Present fields point at
their value, unknown fields at their key, missing fields at the enclosing mapping.
:func:`translate_errors` turns each pydantic error into a catalogue :class:`Problem` with a
message and, where one helps, a hint (a close match, the YAML 1.1 reading of an unquoted
value, the field's description).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from claimtracker import models
from claimtracker.problems import Problem, problem

Loc = Sequence[str | int]

# --------------------------------------------------------------------------- positions


def mark_position(mark: Any) -> tuple[int, int]:
    """A PyYAML or libyaml mark (or None) as a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _walk(root: Node, loc: Iterable[str | int]) -> tuple[Node, Node | None, bool]:
    """(deepest node reached, its key node, whether the whole ``loc`` was found)."""
    node, key_node = root, None
    for part in loc:
        step: tuple[Node | None, Node] | None = None
        if isinstance(node, MappingNode) and isinstance(part, str):
            # the last of duplicate keys wins, as in the loaded data
            step = next(
                (
                    (k, v)
                    for k, v in reversed(node.value)
                    if isinstance(k, ScalarNode) and k.value == part
                ),
                None,
            )
        elif (
            isinstance(node, SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            step = (None, node.value[part])
        if step is None:
            return node, key_node, False
        key_node, node = step
    return node, key_node, True


def node_at(root: Node, loc: Iterable[str | int], *, key: bool = False) -> Node:
    """The node ``loc`` points at: its value (with ``key``, its key); where a part is
    missing, the enclosing mapping."""
    node, key_node, _ = _walk(root, loc)
    return key_node if key and key_node is not None else node


def position(
    root: Node, loc: Iterable[str | int], *, key: bool = False
) -> tuple[int, int]:
    """1-based (line, column) of :func:`node_at`."""
    return mark_position(node_at(root, loc, key=key).start_mark)


def field_of(root: Node, key_node: Node) -> str:
    """The dotted field path of a key node, found by searching the tree."""
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, MappingNode):
            for k, v in node.value:
                here = (*loc, str(k.value))
                if k is key_node:
                    return render_loc(here)
                stack.append((v, here))
        elif isinstance(node, SequenceNode):
            stack.extend((v, (*loc, i)) for i, v in enumerate(node.value))
    return ""


def render_loc(loc: Iterable[str | int]) -> str:
    """``("evidence", 0, "study")`` -> ``evidence[0].study``."""
    out = ""
    for part in loc:
        out += (
            f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        )
    return out


class Locator:
    """Positions inside record files for the cross-record rules, read only for files
    that have something to report.

    A top-level key (``id``, ``doi``) written in block style starts a line, so a text
    search finds it; anything else, or a key the search misses, is found by composing
    the file's node tree (once per file)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str] = {}
        self._nodes: dict[str, Node | None] = {}

    def _text(self, path: str) -> str:
        if path not in self._texts:
            try:
                self._texts[path] = (self.root / path).read_text(encoding="utf-8")
            except (OSError, ValueError):
                self._texts[path] = ""
        return self._texts[path]

    def position(self, path: str, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        text = self._text(path)
        if len(loc) == 1 and isinstance(loc[0], str):
            found = list(
                re.finditer(rf"^{re.escape(loc[0])}[ \t]*:[ \t]*", text, re.MULTILINE)
            )
            if found:  # the last of duplicate keys wins, as in the data
                start, end = found[-1].span()
                line = text.count("\n", 0, start) + 1
                if key:
                    return line, 1
                if end < len(text) and text[end] not in "\r\n#":
                    return line, end - start + 1
        if path not in self._nodes:
            try:
                self._nodes[path] = yaml.compose(text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._nodes[path] = None
        node = self._nodes[path]
        return position(node, loc, key=key) if node is not None else (1, 1)


# --------------------------------------------------------------------------- the models' shape


def _strip(tp: Any) -> Any:
    """Annotated[X, ...] and X | None -> X."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif get_origin(tp) in (Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp


def _model_in(tp: Any) -> type[BaseModel] | None:
    """The model inside an annotation (through Optional, Annotated and list)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    return next((m for m in map(_model_in, get_args(tp)) if m is not None), None)


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    tp: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        owner = _model_in(tp)
        if owner is None or part not in owner.model_fields:
            return None
        tp = owner.model_fields[part].annotation
    return tp


# --------------------------------------------------------------------------- messages

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD) without a time",
}

PATTERN_WORDS = {
    models.ID_PATTERN: "an id: 3 to 64 lower-case ASCII letters, digits and hyphens, starting with a letter or digit",
    models.KEY_PATTERN: "a key: lower-case ASCII letters, digits and hyphens, starting with a letter or digit",
    models.DOI_PATTERN: "a DOI such as 10.1234/abc.5678",
    models.URL_PATTERN: "an http:// or https:// address without spaces",
    models.PARTIAL_DATE_PATTERN: "a date written YYYY, YYYY-MM or YYYY-MM-DD",
    r"^\d{1,9}$": "a PubMed id (digits only)",
    r"^PMC\d{3,9}$": "a PubMed Central id such as PMC1234567",
    r"^[A-Z]\d{2,3}$": "a reference id such as B01 or M12",
}

_TYPE_WORDS = ("must be a number", "must be a date")
_KIND_NAMES = {models.Study: "study", models.Claim: "claim"}


def _yaml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return str(value)


def _found(value: Any, node: Node | None) -> str:
    """How a value was written and, for an unquoted scalar that YAML read as something
    else, what YAML made of it (libyaml marks plain scalars with style '', PyYAML None)."""
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(node, ScalarNode) and not node.style and not isinstance(value, str):
        shown = _yaml_text(value)
        return (
            node.value
            if node.value == shown
            else f"{node.value}, which YAML reads as {shown}"
        )
    return f"'{value}'" if isinstance(value, str) else _yaml_text(value)


def _quote_hint(value: Any, node: Node | None) -> str:
    if (
        isinstance(node, ScalarNode)
        and not node.style
        and not isinstance(value, str | type(None))
    ):
        return f"if you mean the text, put it in quotes: '{node.value}'"
    return ""


def _close(word: Any, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


def _pydantic_msg(msg: str) -> str:
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    msg = msg.replace("Input should", "should", 1)
    return msg[:1].lower() + msg[1:]


def translate_errors(
    errors: list[ErrorDetails], root: Node, path: str, model: type[BaseModel]
) -> list[Problem]:
    """One problem per pydantic error, placed by walking ``root`` along its ``loc``:
    at the value, at the key for an unknown field, at the enclosing mapping for a missing one."""
    found = []
    for error in errors:
        loc = tuple(error["loc"])
        node, _, exact = _walk(root, loc)
        code, message, hint = _describe(error, loc, node if exact else None, model)
        line, col = (
            position(root, loc, key=True)
            if code == "unknown-field"
            else mark_position(node.start_mark)
        )
        found.append(problem(code, path, line, col, render_loc(loc), message, hint))
    return found


def _describe(
    error: ErrorDetails, loc: Loc, node: Node | None, model: type[BaseModel]
) -> tuple[str, str, str]:
    """(code, message, hint) for one pydantic error; ``node`` is the value's node if present."""
    kind, value = error["type"], error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    found = _found(value, node)
    if kind == "extra_forbidden":
        owner = _model_in(_annotation_at(model, loc[:-1]))
        allowed = list(owner.model_fields) if owner else []
        where = (
            f"a {_KIND_NAMES.get(model, 'record')} field"
            if len(loc) == 1
            else f"a field of {render_loc(loc[:-1])}"
        )
        listed = f"the fields here are: {', '.join(allowed)}" if allowed else ""
        return "unknown-field", f"not {where}", _close(loc[-1], allowed) or listed
    if kind == "missing":
        owner = _model_in(_annotation_at(model, loc[:-1]))
        info = owner.model_fields.get(str(loc[-1])) if owner else None
        about = (
            f" ({info.description[:1].lower()}{info.description[1:].rstrip('.')})"
            if info and info.description
            else ""
        )
        return (
            "missing-field",
            f"missing required field '{loc[-1]}'",
            f"add {loc[-1]}:{about}",
        )
    if kind == "enum":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        if isinstance(value, str):
            return (
                "invalid-value",
                f"'{value}' is not one of {', '.join(choices)}",
                _close(value, choices),
            )
        return (
            "invalid-value",
            f"expected one of {', '.join(choices)}, found {found}",
            _quote_hint(value, node),
        )
    if kind == "string_pattern_mismatch":
        pattern, hint = ctx.get("pattern", ""), ""
        if (
            isinstance(value, str)
            and pattern == models.DOI_PATTERN
            and "doi.org/" in value
        ):
            hint = f"write the DOI alone: '{value.split('doi.org/', 1)[1]}'"
        elif isinstance(value, str) and pattern == models.ID_PATTERN:
            slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            hint = f"try '{slug}'" if slug and slug != value else ""
        return (
            "invalid-format",
            f"{found} is not {PATTERN_WORDS.get(pattern, f'text matching {pattern}')}",
            hint,
        )
    if kind in _EXPECTED or kind.endswith("_type"):
        expected = _EXPECTED.get(kind) or _pydantic_msg(error["msg"])
        hint = _quote_hint(value, node) if kind == "string_type" else ""
        if isinstance(value, str) and kind in ("int_type", "float_type", "bool_type"):
            hint = "write it without quotes"
        return "invalid-type", f"expected {expected}, found {found}", hint
    msg = _pydantic_msg(error["msg"])
    if kind in ("value_error", "assertion_error"):
        target = _strip(_annotation_at(model, loc))
        if isinstance(target, type) and issubclass(
            target, BaseModel
        ):  # from a model validator
            return "invalid-record", msg, ""
        if msg.startswith(_TYPE_WORDS):
            return "invalid-type", f"{msg}, found {found}", _quote_hint(value, node)
        hint = (
            "delete the invisible character (retype the words around it)"
            if "invisible character" in msg
            else ""
        )
        return "invalid-value", msg, hint
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "invalid-value", "is empty", ""
    return (
        "invalid-value",
        msg if isinstance(value, list | dict) else f"{msg}, found {found}",
        "",
    )
