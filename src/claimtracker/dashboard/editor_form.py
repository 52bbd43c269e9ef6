"""Widgets for the fields of a record, built from the model, that start from the file.

:class:`Form` draws one widget per field of a pydantic model: a select box for a
vocabulary, a number input for a number, a text area for prose, one-per-line areas for
lists of words, two number inputs for a range, bordered parts for nested models and one
expander per item of a list of parts (outcomes, appearances ...). It returns what the
widgets hold as plain data; nothing is validated here (the page validates the text the
data would save, so the form reports exactly what ``claimtracker validate`` would).

How a form starts from the file, whatever way the record was opened: every widget key
starts with the form's *prefix*, ``<form>~<generation>``, and a new generation is taken
whenever the form is (re)loaded: another record picked, a save, a merge, a discard, an
item added or removed. New keys are new widgets to the browser, so it cannot send back a
value it held for the previous record, and each widget starts from its default, which is
the loaded value. Nothing is written into ``st.session_state`` for a widget. A widget the
editor has not changed gives back the loaded value itself, not a re-parse of its text, so
an unchanged form gives the unchanged record.

After the page has validated the data it calls :meth:`Form.place`, which writes each
problem in plain words in the slot left under its field.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import streamlit as st
from annotated_types import MaxLen
from pydantic import BaseModel

from claimtracker.dashboard.editor_labels import help_text, label
from claimtracker.dashboard.text import md
from claimtracker.frames import label as word_label
from claimtracker.problems import Problem, Severity

UNSET = "(not set)"
_RANGES = {"ci", "pressure_mmhg"}
_RANGE_PARTS = {"ci": ("low", "high"), "pressure_mmhg": ("from", "to")}


@dataclass(frozen=True)
class Shape:
    """What a field holds: its base type, whether it may be empty, and list items."""

    base: Any
    optional: bool = False
    prose: bool = False
    item: Shape | None = None


def _metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    for arg in typing.get_args(annotation)[1:]:
        found.append(arg)
        found.extend(getattr(arg, "metadata", []) or [])
    return found


def shape_of(annotation: Any, metadata: list[Any] | None = None) -> Shape:
    """The shape of a field annotation (Optional, Annotated and list unwrapped)."""
    meta = list(metadata or [])
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            meta += _metadata(annotation)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        else:
            break
    if typing.get_origin(annotation) is list:
        return Shape(list, optional, item=shape_of(typing.get_args(annotation)[0]))
    limited = any(isinstance(m, MaxLen) or getattr(m, "pattern", None) for m in meta)
    return Shape(annotation, optional, prose=annotation is str and not limited)


def _model_type(shape: Shape | None) -> type[BaseModel] | None:
    base = shape.base if shape else None
    return base if isinstance(base, type) and issubclass(base, BaseModel) else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _parse(raw: str, base: Any) -> Any:
    """Text typed into a field -> the value the model wants; bad text is kept as text."""
    text = raw.strip()
    if not text:
        return None
    try:
        if base is int:
            return int(text)
        if base is float:
            return float(text)
        if base is dt.date:
            return dt.date.fromisoformat(text)
    except ValueError:
        return text  # the validator reports it, beside the field
    return text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def plain(problem: Problem) -> str:
    """A problem in plain words for the slot under its field (no file, line or code)."""
    if problem.code == "missing-field":
        return "Required: fill this in."
    message = problem.message[:1].upper() + problem.message[1:]
    hint = f" {problem.hint[:1].upper()}{problem.hint[1:]}" if problem.hint else ""
    end = "" if message.endswith((".", "?")) else "."
    return f"{message}{end}{hint}"


class Form:
    """The widgets of one record's form; ``prefix`` makes every key of this load unique."""

    def __init__(
        self, kind: str, prefix: str, frame: Mapping[str, Any] | None = None
    ) -> None:
        self.kind = kind
        self.prefix = prefix
        self.frame = frame or {}  # the data this generation started from (for titles)
        self.slots: dict[str, Any] = {}

    def key(self, path: str) -> str:
        return f"{self.prefix}:{path}"

    def slot(self, path: str) -> None:
        """Leave room under a field for its problems."""
        self.slots[path] = st.empty()

    # ------------------------------------------------------------------ fields

    def fields(
        self,
        model: type[BaseModel],
        data: Mapping[str, Any] | None,
        names: Iterable[str],
        prefix: str = "",
    ) -> dict[str, Any]:
        """Widgets for the fields ``names`` of ``model``, started from ``data``."""
        data = data if isinstance(data, Mapping) else {}
        out: dict[str, Any] = {}
        for name in names:
            info = model.model_fields[name]
            path = f"{prefix}.{name}" if prefix else name
            out[name] = self.field(
                path,
                shape_of(info.annotation, list(info.metadata)),
                info.description,
                data.get(name),
            )
        return out

    def field(
        self, path: str, shape: Shape, description: str | None, value: Any
    ) -> Any:
        names = _names(path)
        title, help_ = label(self.kind, names), help_text(names, description)
        sub = _model_type(shape)
        if sub is not None:
            return self._part(path, sub, title, value)
        if shape.base is list and _model_type(shape.item) is not None:
            item = _model_type(shape.item)
            assert item is not None
            return self._parts(path, item, title, value)
        if shape.base is list:
            result = self._list(path, shape, title, help_, value)
        else:
            result = self._scalar(path, shape, title, help_, value)
        self.slot(path)
        return result

    def _part(
        self, path: str, model: type[BaseModel], title: str, value: Any
    ) -> dict[str, Any]:
        with st.container(border=True):
            st.markdown(f"**{title}**")
            self.slot(path)
            return self.fields(model, value, list(model.model_fields), path)

    def _parts(
        self, path: str, model: type[BaseModel], title: str, value: Any
    ) -> list[Any]:
        """One expander per item; Add and Remove ask the page to rebuild the form."""
        items = list(value) if isinstance(value, list) else []
        st.markdown(f"**{title}**")
        self.slot(path)
        out: list[Any] = []
        single = title[:-1] if title.endswith("s") else title
        framed = self.frame.get(path) if path.isidentifier() else None
        framed = framed if isinstance(framed, list) else []
        for i, item in enumerate(items):
            item_data = item if isinstance(item, Mapping) else {}
            # the title and whether it starts open come from the data this form was
            # loaded with: an expander whose title changed would be drawn anew, closed
            first = (
                framed[i] if i < len(framed) and isinstance(framed[i], Mapping) else {}
            )
            name = next(
                (
                    str(first[k])
                    for k in ("key", "claimant", "body", "study")
                    if first.get(k)
                ),
                "new",
            )
            with st.expander(f"{single} {i + 1}: {md(name)}", expanded=not first):
                item_path = f"{path}[{i}]"
                self.slot(item_path)
                out.append(
                    self.fields(model, item_data, list(model.model_fields), item_path)
                )
                if st.button(
                    f"Remove {single.lower()} {i + 1}",
                    key=self.key(f"{item_path}.__remove"),
                ):
                    st.session_state["ct_structure"] = ("remove", path, i)
        if st.button(
            f"Add to {title.lower()}",
            key=self.key(f"{path}.__add"),
            icon=":material/add:",
        ):
            st.session_state["ct_structure"] = ("add", path, None)
        return out

    def _scalar(
        self, path: str, shape: Shape, title: str, help_: str, value: Any
    ) -> Any:
        key, base = self.key(path), shape.base
        if isinstance(base, type) and issubclass(base, Enum):
            options = [m.value for m in base]
            current = _text(value) if value is not None else None
            if current is not None and current not in options:
                options.append(current)  # a value the file has but the model refuses
            if shape.optional or value is None:
                options.insert(0, UNSET)
            picked = st.selectbox(
                title,
                options,
                index=options.index(current) if current in options else 0,
                key=key,
                help=help_,
                format_func=lambda v: v if v == UNSET else word_label(v),
            )
            return None if picked == UNSET else (value if picked == current else picked)
        if base is bool:
            if not shape.optional and (value is None or isinstance(value, bool)):
                got = st.checkbox(title, value=bool(value), key=key, help=help_)
                return value if got == bool(value) else got
            choices = [UNSET, "yes", "no"]
            start = UNSET if value is None else ("yes" if value else "no")
            picked = st.selectbox(
                title, choices, index=choices.index(start), key=key, help=help_
            )
            if picked == start:
                return value
            return None if picked == UNSET else picked == "yes"
        if base is int and path.endswith("benefit_sign"):
            signs: list[Any] = [UNSET, 1, -1]
            sign = value if value in (1, -1) else UNSET
            picked = st.selectbox(
                title,
                signs,
                index=signs.index(sign),
                key=key,
                help=help_,
                format_func=_sign_words,
            )
            return value if picked == sign else (None if picked == UNSET else picked)
        if base in (int, float) and (value is None or _is_number(value)):
            return self._number(key, title, help_, base, value)
        start = _text(value)
        if shape.prose:
            raw = st.text_area(title, value=start, key=key, help=help_, height=100)
        else:
            raw = st.text_input(title, value=start, key=key, help=help_)
        return value if raw == start else _parse(raw, base)

    def _number(self, key: str, title: str, help_: str, base: Any, value: Any) -> Any:
        if base is int and not isinstance(value, float):
            got = st.number_input(
                title, value=value, step=1, format="%d", key=key, help=help_
            )
        else:
            start = float(value) if value is not None else None
            got = st.number_input(
                title, value=start, step=0.01, format="%g", key=key, help=help_
            )
        if got is None:
            return None
        return value if value is not None and got == value else got

    def _list(self, path: str, shape: Shape, title: str, help_: str, value: Any) -> Any:
        item = shape.item or Shape(str)
        key = self.key(path)
        values = list(value) if isinstance(value, list) else []
        name = _names(path)[-1]
        if isinstance(item.base, type) and issubclass(item.base, Enum):
            options = [m.value for m in item.base]
            start = [_text(v) for v in values]
            options += [v for v in start if v not in options]
            picked = st.multiselect(
                title,
                options,
                default=start,
                key=key,
                help=help_,
                format_func=word_label,
            )
            return value if picked == start else picked
        if (
            item.base in (int, float)
            and name in _RANGES
            and all(map(_is_number, values))
            and len(values) <= 2
        ):
            low_word, high_word = _RANGE_PARTS[name]
            left, right = st.columns(2)
            with left:
                low = self._number(
                    f"{key}.0",
                    f"{title}: {low_word}",
                    help_,
                    float,
                    values[0] if values else None,
                )
            with right:
                high = self._number(
                    f"{key}.1",
                    f"{title}: {high_word}",
                    help_,
                    float,
                    values[1] if len(values) > 1 else None,
                )
            got = [v for v in (low, high) if v is not None]
            return value if got == values else (got or None)
        if item.base in (int, float):
            joined = ", ".join(_text(v) for v in values)
            typed = st.text_input(
                f"{title} (separate with commas)", value=joined, key=key, help=help_
            )
            if typed == joined:
                return value
            parts = (typed or "").split(",")
            return [_parse(p, item.base) for p in parts if p.strip()] or None
        lines = "\n".join(_text(v) for v in values)
        typed = st.text_area(
            f"{title} (one per line)", value=lines, key=key, help=help_, height=80
        )
        if typed == lines:
            return value
        return [line.strip() for line in (typed or "").splitlines() if line.strip()]

    # ------------------------------------------------------------------ problems

    def place(self, problems: Iterable[Problem]) -> list[Problem]:
        """Write each problem under its field (or the nearest part holding it).

        Returns the problems that have no place in this form (the page lists them).
        """
        placed: dict[str, list[Problem]] = {}
        rest: list[Problem] = []
        for problem in problems:
            where = _nearest(problem.field, self.slots)
            if where is None:
                rest.append(problem)
            else:
                placed.setdefault(where, []).append(problem)
        for where, found in placed.items():
            with self.slots[where].container():
                for problem in found:
                    show = (
                        st.error if problem.severity is Severity.ERROR else st.warning
                    )
                    show(
                        md(plain(problem)),
                        icon=":material/error:"
                        if problem.severity is Severity.ERROR
                        else ":material/warning:",
                    )
        return rest


def _sign_words(value: Any) -> str:
    if value == 1:
        return "+1: a positive value favours compression"
    if value == -1:
        return "-1: a negative value favours compression"
    return str(value)


def _names(path: str) -> tuple[str, ...]:
    """``outcomes[0].effect.value`` -> ``("outcomes", "effect", "value")``."""
    out = []
    for part in path.split("."):
        out.append(part.split("[", 1)[0])
    return tuple(p for p in out if p)


def _nearest(field: str, slots: Mapping[str, Any]) -> str | None:
    """The slot for ``field`` or for the nearest part that holds it."""
    path = field
    while path:
        if path in slots:
            return path
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def prune(data: Any) -> Any:
    """Drop empty values (None, '', empty lists and parts) so optional fields stay out of the file."""
    if isinstance(data, Mapping):
        pruned = {k: prune(v) for k, v in data.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [prune(v) for v in data if prune(v) not in (None, "", {})]
    return data
