"""A form for every field of a record, built from the model itself.

:func:`model_form` draws one widget per field of a pydantic model (selects for vocabularies,
text areas for prose, one-per-line areas for lists of text, sub-sections for nested parts,
expanders with add and remove buttons for lists of parts such as outcomes, appearances or
effects) and returns the values as plain data. Nothing is validated here: the page turns the
data into YAML and validates it with the store, so the form reports exactly the problems
``claimtracker validate`` would.

Because the form follows the model, a field added to ``models.py`` appears in the form
without changes here. Widget keys are ``<form>:<field path>``; initial values are put in
``session_state`` once, so an editor's typing survives reruns and a refused save, and are
also each widget's default (see :func:`_init`).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import streamlit as st
from annotated_types import MaxLen
from pydantic import BaseModel

from claimtracker.frames import label

UNSET = "(not set)"


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


def _key(form: str, path: str) -> str:
    return f"{form}:{path}"


def _init(key: str, value: Any) -> Any:
    """Put a widget's initial value in ``session_state`` once; return it for the widget's default.

    The value must be the widget's default as well: the browser loads the code of a kind of
    widget (text area, select box, ...) the first time a page shows one, and a widget that
    appears only after a later rerun has arrived (an editor clicking while a page is still
    loading) shows its default, not the value set here, and sends that back.
    """
    if key not in st.session_state:
        st.session_state[key] = value
    return value


def _text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value.value if isinstance(value, Enum) else value)


def _parse_scalar(raw: str, base: Any) -> Any:
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
        return text  # the validator reports it, on the right line
    return text


def _scalar(
    form: str, path: str, title: str, shape: Shape, value: Any, help_: str | None
) -> Any:
    key = _key(form, path)
    base = shape.base
    if isinstance(base, type) and issubclass(base, Enum):
        options = ([UNSET] if shape.optional or value is None else []) + [
            m.value for m in base
        ]
        initial = _init(key, _text_value(value) or options[0])
        picked = st.selectbox(
            title,
            options,
            index=options.index(initial) if initial in options else 0,
            key=key,
            help=help_,
            format_func=lambda v: v if v == UNSET else label(v),
        )
        return None if picked == UNSET else picked
    if base is bool:
        if shape.optional:
            choices = [UNSET, "yes", "no"]
            initial = _init(key, UNSET if value is None else ("yes" if value else "no"))
            picked = st.selectbox(
                title, choices, index=choices.index(initial), key=key, help=help_
            )
            return None if picked == UNSET else picked == "yes"
        checked = _init(key, bool(value))
        return st.checkbox(title, value=checked, key=key, help=help_)
    text = _init(key, _text_value(value))
    if shape.prose:
        raw = st.text_area(title, value=text, key=key, help=help_, height=100)
    else:
        raw = st.text_input(title, value=text, key=key, help=help_)
    return _parse_scalar(raw, base)


def _list_of_scalars(
    form: str, path: str, title: str, shape: Shape, value: Any, help_: str | None
) -> Any:
    item = shape.item or Shape(str)
    key = _key(form, path)
    values = list(value or [])
    if isinstance(item.base, type) and issubclass(item.base, Enum):
        options = [m.value for m in item.base]
        initial = _init(key, [_text_value(v) for v in values])
        return st.multiselect(
            title,
            options,
            default=[v for v in initial if v in options],
            key=key,
            help=help_,
            format_func=label,
        )
    if item.base in (int, float):
        text = _init(key, ", ".join(_text_value(v) for v in values))
        raw = st.text_input(
            f"{title} (separate with commas)", value=text, key=key, help=help_
        )
        parts = [_parse_scalar(p, item.base) for p in raw.split(",") if p.strip()]
        return parts or None
    text = _init(key, "\n".join(_text_value(v) for v in values))
    raw = st.text_area(
        f"{title} (one per line)", value=text, key=key, help=help_, height=80
    )
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _list_of_models(
    form: str, path: str, title: str, model: type[BaseModel], value: Any
) -> list[Any]:
    count_key = _key(form, f"{path}.__count")
    _init(count_key, len(value or []))
    removed_key = _key(form, f"{path}.__removed")
    _init(removed_key, [])
    items = list(value or [])
    out = []
    st.markdown(f"**{title}**")
    for i in range(st.session_state[count_key]):
        if i in st.session_state[removed_key]:
            continue
        current = items[i] if i < len(items) else {}
        name = (
            current.get("key")
            or current.get("claimant")
            or current.get("study")
            or f"{i + 1}"
        )
        with st.expander(
            f"{title[:-1] if title.endswith('s') else title} {i + 1}: {name}",
            expanded=not current,
        ):
            out.append(model_fields(form, f"{path}[{i}]", model, current))
            if st.button("Remove", key=_key(form, f"{path}[{i}].__remove")):
                st.session_state[removed_key] = [*st.session_state[removed_key], i]
                st.rerun()
    if st.button(
        f"Add to {title.lower()}",
        key=_key(form, f"{path}.__add"),
        icon=":material/add:",
    ):
        st.session_state[count_key] += 1
        st.rerun()
    return out


def _model_type(shape: Shape) -> type[BaseModel] | None:
    base = shape.base
    return base if isinstance(base, type) and issubclass(base, BaseModel) else None


def model_fields(
    form: str,
    prefix: str,
    model: type[BaseModel],
    data: Mapping[str, Any] | None,
    exclude: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Widgets for each field of ``model``, filled from ``data``; returns the values entered."""
    data = data or {}
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in exclude:
            continue
        path = f"{prefix}.{name}" if prefix else name
        shape = shape_of(info.annotation, list(info.metadata))
        title = name.replace("_", " ")
        help_ = info.description
        value = data.get(name)
        sub = _model_type(shape)
        if sub is not None:
            with st.container(border=True):
                st.markdown(f"**{title}**" + (f": {help_}" if help_ else ""))
                nested = model_fields(
                    form, path, sub, value if isinstance(value, Mapping) else {}
                )
            if shape.optional and not any(
                v not in (None, [], "") for v in nested.values()
            ):
                out[name] = None
            else:
                out[name] = nested
        elif (
            shape.base is list
            and shape.item is not None
            and _model_type(shape.item) is not None
        ):
            item_model = _model_type(shape.item)
            assert item_model is not None
            out[name] = _list_of_models(form, path, title, item_model, value)
        elif shape.base is list:
            out[name] = _list_of_scalars(form, path, title, shape, value, help_)
        else:
            out[name] = _scalar(form, path, title, shape, value, help_)
    return out


def prune(data: Any) -> Any:
    """Drop empty values (None, '', empty lists and parts) so optional fields stay out of the file."""
    if isinstance(data, Mapping):
        pruned = {k: prune(v) for k, v in data.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [prune(v) for v in data if prune(v) not in (None, "", {})]
    return data


def reset_form(form: str) -> None:
    """Forget the widgets of one form (to load another record or discard edits)."""
    for key in [
        k for k in st.session_state if isinstance(k, str) and k.startswith(f"{form}:")
    ]:
        del st.session_state[key]


def model_form(
    form: str,
    model: type[BaseModel],
    data: Mapping[str, Any] | None,
    exclude: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Every field of ``model`` (but ``exclude``) as widgets; returns the pruned data entered."""
    result: dict[str, Any] = prune(model_fields(form, "", model, data, exclude))
    return result
