"""Three-way merge of one record, field by field, on the parsed data.

When an edit was made against an older version of a file (``base``) and someone else saved
in between (``theirs``, the file as it is now), the edit (``mine``) is merged with theirs:

* a field changed on one side only takes that side's value, and a field both changed the
  same way takes it once: both become :class:`Change` entries, to be shown to the editor;
* parts (``participants``, ``verdict`` ...) are merged field by field;
* lists of parts are merged item by item: outcomes by their ``key``, evidence links by study
  and outcome, other parts (appearances, rulings, history) by position, with items added on
  either side all kept (theirs first);
* lists of independent words (aliases, flags, sources, populations, garments, included
  studies) combine: what either side added is added, what either side removed is removed;
* a field both sides changed differently is a :class:`Clash` holding both values. Nothing
  picks a side: :func:`resolve` needs the editor's choice for every clash.

Two claim fields are bookkeeping, not content: the verdict's ``reviewed`` date and
``reviewer``. They follow the verdict content that is kept (:func:`resolve`), and when the
kept verdict combines both sides they name the editor saving the merge, on the later date.
A claim's ``history`` keeps the entries both sides added, except entries of the edit whose
rating and certainty the resolved verdict no longer carries.

The data are plain values as :func:`as_data` makes them from a model or from YAML (mappings,
lists, strings, numbers, dates); enum members become their strings. No I/O here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel

from claimtracker.problems import ClaimtrackerError


class _Missing:
    """A field that is not there (absent key, removed item)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()

#: Lists of parts with an identity: items are matched by these fields.
IDENTITY: dict[str, tuple[str, ...]] = {
    "outcomes": ("key",),
    "evidence": ("study", "outcome"),
}
#: Lists of independent words: additions and removals from both sides combine.
WORD_LISTS = frozenset(
    {"aliases", "flags", "sources", "includes", "populations", "garments"}
)
#: Bookkeeping fields of a verdict, settled after the content is (see the module docstring).
STAMPS = ("reviewed", "reviewer")

Step = str | int | tuple[Any, ...]
Path = tuple[Step, ...]


class Side(StrEnum):
    THEIRS = "theirs"
    MINE = "mine"
    BOTH = "both"  # the same change on both sides
    COMBINED = "combined"  # a list of words both sides changed: both changes applied


class Unresolved(ClaimtrackerError):
    """:func:`resolve` was called without a choice for every clash."""


def render_path(path: Path) -> str:
    """``outcomes[soreness].effect.value``, ``evidence[doe-2015/race-time]``, ``appearances[2]``."""
    out = ""
    for step in path:
        if isinstance(step, str):
            out += f".{step}" if out else step
        elif isinstance(step, int):
            out += f"[{step}]"
        else:
            out += "[" + "/".join(str(s) for s in step) + "]"
    return out


def field_names(path: Path) -> tuple[str, ...]:
    """The field names along a path, without list positions or keys (for labels)."""
    return tuple(step for step in path if isinstance(step, str))


@dataclass(frozen=True)
class Change:
    """A field one side (or both, the same way) changed, taken into the merge."""

    path: Path
    side: Side
    before: Any
    after: Any

    @property
    def where(self) -> str:
        return render_path(self.path)


@dataclass(frozen=True)
class Clash:
    """A field both sides changed differently; ``MISSING`` stands for removed or unset."""

    path: Path
    base: Any
    theirs: Any
    mine: Any

    @property
    def where(self) -> str:
        return render_path(self.path)

    def value(self, side: Side) -> Any:
        if side is Side.THEIRS:
            return self.theirs
        if side is Side.MINE:
            return self.mine
        raise ValueError("a clash is settled by choosing theirs or mine")


@dataclass(frozen=True)
class Merge:
    """The merged data (holding :class:`Clash` objects where both sides differ)."""

    data: Any
    changes: tuple[Change, ...]
    clashes: tuple[Clash, ...]
    base: Any
    theirs: Any
    mine: Any

    @property
    def clean(self) -> bool:
        return not self.clashes

    def changes_by(self, side: Side) -> list[Change]:
        return [c for c in self.changes if c.side is side]


@dataclass(frozen=True)
class _Stamp:
    """A verdict stamp both sides changed: settled from the verdict content kept."""

    name: str
    theirs: Any
    mine: Any


# --------------------------------------------------------------------------- data


def as_data(value: Any) -> Any:
    """Plain data for a model or parsed YAML: enums as strings, tuples as lists, None dropped."""
    if isinstance(value, BaseModel):
        return as_data(value.model_dump(mode="python", exclude_none=True))
    if isinstance(value, Mapping):
        return {str(k): as_data(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [as_data(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same kind (``True`` is not ``1``; ``1`` is ``1.0``)."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
        return False
    try:
        return bool(a == b)
    except Exception:
        return False


# --------------------------------------------------------------------------- merging


class _Merger:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.clashes: list[Clash] = []

    def node(self, path: Path, base: Any, theirs: Any, mine: Any) -> Any:
        if _same(theirs, mine):
            if not _same(theirs, base):
                self.changes.append(Change(path, Side.BOTH, base, theirs))
            return theirs
        if _same(theirs, base):
            self.changes.append(Change(path, Side.MINE, base, mine))
            return mine
        if _same(mine, base):
            self.changes.append(Change(path, Side.THEIRS, base, theirs))
            return theirs
        name = next((s for s in reversed(path) if isinstance(s, str)), "")
        if isinstance(theirs, Mapping) and isinstance(mine, Mapping):
            if isinstance(base, Mapping) or base is MISSING:
                return self.mapping(path, base or {}, theirs, mine)
        if isinstance(theirs, list) and isinstance(mine, list):
            if isinstance(base, list) or base is MISSING:
                merged = self.listing(path, name, base or [], theirs, mine)
                if merged is not MISSING:
                    return merged
        if name in STAMPS and path[:1] == ("verdict",):
            return _Stamp(name, theirs, mine)  # settled by resolve()
        clash = Clash(path, base, theirs, mine)
        self.clashes.append(clash)
        return clash

    def mapping(
        self,
        path: Path,
        base: Mapping[str, Any],
        theirs: Mapping[str, Any],
        mine: Mapping[str, Any],
    ) -> dict[str, Any]:
        keys = [*theirs, *(k for k in mine if k not in theirs)]
        keys += [k for k in base if k not in keys]
        out: dict[str, Any] = {}
        for key in keys:
            value = self.node(
                (*path, key),
                base.get(key, MISSING),
                theirs.get(key, MISSING),
                mine.get(key, MISSING),
            )
            if value is not MISSING:
                out[key] = value
        return out

    def listing(
        self, path: Path, name: str, base: list[Any], theirs: list[Any], mine: list[Any]
    ) -> Any:
        items = [*base, *theirs, *mine]
        if name in WORD_LISTS and not any(isinstance(i, Mapping | list) for i in items):
            return self.words(path, base, theirs, mine)
        if not all(isinstance(i, Mapping) for i in items):
            return MISSING  # a list of numbers or names in order: one field
        identity = IDENTITY.get(name)
        if identity is not None:
            keyed = self.keyed(path, identity, base, theirs, mine)
            if keyed is not MISSING:
                return keyed
        return self.positional(path, base, theirs, mine)

    def words(
        self, path: Path, base: list[Any], theirs: list[Any], mine: list[Any]
    ) -> list[Any]:
        removed = [w for w in base if w not in mine]
        added = [w for w in mine if w not in base and w not in theirs]
        out = [w for w in theirs if w not in removed] + added
        self.changes.append(Change(path, Side.COMBINED, base, out))
        return out

    def keyed(
        self,
        path: Path,
        identity: tuple[str, ...],
        base: list[Any],
        theirs: list[Any],
        mine: list[Any],
    ) -> Any:
        def key_of(item: Mapping[str, Any]) -> tuple[Any, ...]:
            return tuple(item.get(f) for f in identity)

        sides = [{key_of(i): i for i in side} for side in (base, theirs, mine)]
        if any(
            len(s) != len(side)
            for s, side in zip(sides, (base, theirs, mine), strict=True)
        ):
            return MISSING  # a key used twice: merge by position instead
        b, t, m = sides
        common_b = [k for k in b if k in t and k in m]
        mine_moved = [k for k in m if k in b and k in t] != common_b
        theirs_moved = [k for k in t if k in b and k in m] != common_b
        first, second = (m, t) if mine_moved and not theirs_moved else (t, m)
        order = list(first)
        for source in (
            list(second),
            list(b),
        ):  # others after their neighbour in their side
            for i, key in enumerate(source):
                if key not in order:
                    before = [k for k in source[:i] if k in order]
                    order.insert(order.index(before[-1]) + 1 if before else 0, key)
        out = []
        for key in order:
            step = key if len(key) > 1 else (key[0],)
            value = self.node(
                (*path, step),
                b.get(key, MISSING),
                t.get(key, MISSING),
                m.get(key, MISSING),
            )
            if value is not MISSING:
                out.append(value)
        return out

    def positional(
        self, path: Path, base: list[Any], theirs: list[Any], mine: list[Any]
    ) -> Any:
        n = len(base)
        if len(theirs) < n or len(mine) < n:
            clash = Clash(
                path, base, theirs, mine
            )  # an item removed and the list changed
            self.clashes.append(clash)
            return clash
        out = [self.node((*path, i), base[i], theirs[i], mine[i]) for i in range(n)]
        extra_theirs, extra_mine = theirs[n:], mine[n:]
        if extra_theirs:
            self.changes.append(Change((*path, n), Side.THEIRS, MISSING, extra_theirs))
        added = [i for i in extra_mine if not any(_same(i, t) for t in extra_theirs)]
        if added:
            at = n + len(extra_theirs)
            self.changes.append(Change((*path, at), Side.MINE, MISSING, added))
        return out + extra_theirs + added


def merge(base: Any, theirs: Any, mine: Any) -> Merge:
    """Merge ``mine`` (an edit of ``base``) with ``theirs`` (another edit of ``base``).

    Each argument is a model or plain data (:func:`as_data` is applied).
    """
    base_d, theirs_d, mine_d = as_data(base), as_data(theirs), as_data(mine)
    merger = _Merger()
    data = merger.node((), base_d, theirs_d, mine_d)
    return Merge(
        data,
        tuple(merger.changes),
        tuple(merger.clashes),
        base_d,
        theirs_d,
        mine_d,
    )


# --------------------------------------------------------------------------- resolving


def _walk(value: Any, kind: type, settle: Callable[[Any], Any]) -> Any:
    """``value`` with every object of ``kind`` replaced by ``settle(it)``."""
    if isinstance(value, kind):
        return _walk(settle(value), kind, settle)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            item = _walk(item, kind, settle)
            if item is not MISSING:
                out[key] = item
        return out
    if isinstance(value, list):
        items = (_walk(i, kind, settle) for i in value)
        return [v for v in items if v is not MISSING]
    return value


def resolve(result: Merge, choices: Mapping[str, Side] | None = None) -> Any:
    """The merged data with each clash settled by ``choices`` (``Clash.where`` -> side).

    Raises :class:`Unresolved` naming the clashes without a choice.
    """
    choices = dict(choices or {})
    missing = [c.where for c in result.clashes if c.where not in choices]
    if missing:
        raise Unresolved(f"choose theirs or mine for: {', '.join(missing)}")
    data = _walk(result.data, Clash, lambda clash: clash.value(choices[clash.where]))
    if not isinstance(data, dict):
        return data
    stamp_from = _stamp_side(data, result)
    data = _walk(data, _Stamp, stamp_from)
    _settle_history(data, result)
    return data


def _content(verdict: Any) -> Any:
    if not isinstance(verdict, Mapping):
        return verdict
    return {k: v for k, v in verdict.items() if k not in STAMPS}


def _stamp_side(data: Mapping[str, Any], result: Merge) -> Callable[[Any], Any]:
    """How to settle a stamp both sides changed: follow the side whose verdict was kept,
    or, for a verdict combining both, the editor saving the merge on the later date."""
    kept = _content(data.get("verdict"))
    theirs = (
        result.theirs.get("verdict") if isinstance(result.theirs, Mapping) else None
    )
    mine = result.mine.get("verdict") if isinstance(result.mine, Mapping) else None

    def settle(stamp: _Stamp) -> Any:
        if _same(kept, _content(theirs)):
            return stamp.theirs
        if _same(kept, _content(mine)) or stamp.name == "reviewer":
            return stamp.mine
        dates = [d for d in (stamp.theirs, stamp.mine) if isinstance(d, dt.date)]
        return max(dates) if dates else stamp.mine

    return settle


def _settle_history(data: dict[str, Any], result: Merge) -> None:
    """The edit's new history entries stay only if the kept verdict carries their rating."""
    if not isinstance(result.base, Mapping) or not isinstance(result.mine, Mapping):
        return
    history = data.get("history")
    base_history = result.base.get("history") or []
    mine_history = result.mine.get("history") or []
    if not isinstance(history, list) or len(mine_history) <= len(base_history):
        return
    if mine_history[: len(base_history)] != base_history:
        return
    added = mine_history[len(base_history) :]
    verdict = data.get("verdict")
    kept = (
        (verdict.get("rating"), verdict.get("certainty"))
        if isinstance(verdict, Mapping)
        else None
    )
    last = added[-1]
    if (
        isinstance(last, Mapping)
        and (last.get("rating"), last.get("certainty")) != kept
    ):
        data["history"] = _without(history, added)


def _without(items: Sequence[Any], drop: Sequence[Any]) -> list[Any]:
    """``items`` less one occurrence of each entry of ``drop`` (compared as values)."""
    out = list(items)
    for entry in drop:
        for i in range(len(out) - 1, -1, -1):
            if _same(out[i], entry):
                del out[i]
                break
    return out
