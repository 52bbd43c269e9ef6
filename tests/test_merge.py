"""The three-way merge of one record (claimtracker.merge).

Properties, over every shipped record and generated ones:

- two edits of different fields of a record combine: the merge has no clash and equals the
  record with both edits applied;
- two different edits of the same field never silently pick a side: the merge holds a clash
  at that field, :func:`resolve` refuses without a choice, and each choice gives exactly
  that side's record;
- lists of independent words combine both sides' additions and removals.

A field here is a leaf of the record's data: a scalar, or a list of scalars taken whole.
Identity fields (the record id, an outcome's key, an evidence link's study and outcome)
are left out of the random edits: changing one is a different item, not an edit of it.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtracker.editing import VERDICT_CONTENT, edit_verdict, set_verdict
from claimtracker.merge import (
    MISSING,
    STAMPS,
    WORD_LISTS,
    Side,
    Unresolved,
    as_data,
    merge,
    resolve,
)
from claimtracker.models import RECORD_KINDS, Certainty, Claim, Flag, Rating
from test_roundtrip import claims, studies

REPO = Path(__file__).resolve().parents[1]
SHIPPED = [
    as_data(RECORD_KINDS[kind].model_validate(yaml.safe_load(path.read_text())))
    for kind in ("claims", "studies")
    for path in sorted((REPO / kind).glob("*.yaml"))
]
IDENTITY_FIELDS = {("id",), ("outcomes", "key"), ("evidence", "study")}
IDENTITY_FIELDS |= {("evidence", "outcome")}

Leaf = tuple[str | int, ...]


def leaves(data: Any, path: Leaf = ()) -> list[Leaf]:
    """Every field of the data: scalars, and lists of scalars taken whole."""
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in leaves(v, (*path, k))]
    if isinstance(data, list) and data and all(isinstance(i, dict) for i in data):
        return [leaf for i, v in enumerate(data) for leaf in leaves(v, (*path, i))]
    return [path]


def names(path: Leaf) -> tuple[str, ...]:
    return tuple(p for p in path if isinstance(p, str))


def editable(path: Leaf) -> bool:
    return names(path) not in IDENTITY_FIELDS and names(path)[-1:] != ("history",)


def get(data: Any, path: Leaf) -> Any:
    for step in path:
        data = data[step]
    return data


def put(data: Any, path: Leaf, value: Any) -> Any:
    out = copy.deepcopy(data)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return out


def changed(value: Any, tag: int) -> Any:
    """A value of the same kind as ``value``, different from it and from other tags."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + tag
    if isinstance(value, float):
        return value + tag / 2
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=tag)
    if isinstance(value, list):
        return [*value, f"added {tag}"]
    return f"{value} (edit {tag})"


records = st.sampled_from(SHIPPED) | studies().map(as_data) | claims().map(as_data)
SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(records, st.data())
def test_edits_of_two_different_fields_combine(
    record: Any, data: st.DataObject
) -> None:
    fields = [f for f in leaves(record) if editable(f)]
    first = data.draw(st.sampled_from(fields))
    others = [f for f in fields if f[: len(first)] != first and first[: len(f)] != f]
    second = data.draw(st.sampled_from(others))
    theirs = put(record, first, changed(get(record, first), 1))
    mine = put(record, second, changed(get(record, second), 2))
    result = merge(record, theirs, mine)
    assert result.clean, result.clashes
    both = put(theirs, second, get(mine, second))
    assert resolve(result) == both
    assert {c.side for c in result.changes} <= {Side.THEIRS, Side.MINE, Side.COMBINED}


@SETTINGS
@given(records, st.data())
def test_two_different_edits_of_one_field_never_silently_pick_a_side(
    record: Any, data: st.DataObject
) -> None:
    fields = [
        f
        for f in leaves(record)
        if editable(f)
        and not isinstance(get(record, f), bool)
        and names(f)[-1] not in WORD_LISTS
        and not (names(f)[:1] == ("verdict",) and names(f)[-1] in STAMPS)
    ]
    field = data.draw(st.sampled_from(fields))
    theirs = put(record, field, changed(get(record, field), 1))
    mine = put(record, field, changed(get(record, field), 2))
    result = merge(record, theirs, mine)
    assert len(result.clashes) == 1
    (clash,) = result.clashes
    assert (clash.theirs, clash.mine) == (get(theirs, field), get(mine, field))
    with pytest.raises(Unresolved):
        resolve(result)
    assert resolve(result, {clash.where: Side.THEIRS}) == theirs
    assert resolve(result, {clash.where: Side.MINE}) == mine


@SETTINGS
@given(
    st.lists(st.sampled_from(list(Flag)), unique=True, max_size=5),
    st.data(),
)
def test_word_lists_combine_what_each_side_added_and_removed(
    base: list[Flag], data: st.DataObject
) -> None:
    words = [f.value for f in base]
    theirs = data.draw(st.lists(st.sampled_from([f.value for f in Flag]), unique=True))
    mine = data.draw(st.lists(st.sampled_from([f.value for f in Flag]), unique=True))
    merged = resolve(merge({"flags": words}, {"flags": theirs}, {"flags": mine}))
    flags = merged["flags"]
    for side in (theirs, mine):
        assert all(w in flags for w in side if w not in words)  # additions kept
        assert not any(w in flags for w in words if w not in side)  # removals done
    assert len(set(flags)) == len(flags)


# --------------------------------------------------------------------------- worked examples


def load(kind: str, record_id: str) -> Any:
    text = (REPO / kind / f"{record_id}.yaml").read_text()
    return RECORD_KINDS[kind].model_validate(yaml.safe_load(text))


def test_outcomes_merge_by_key_and_additions_on_both_sides_are_kept() -> None:
    study = as_data(load("studies", "ali-2010"))
    theirs = copy.deepcopy(study)
    theirs["outcomes"][0]["timepoint"] = "during the run"
    theirs["outcomes"].append({**study["outcomes"][0], "key": "theirs-new"})
    mine = copy.deepcopy(study)
    mine["outcomes"].insert(0, {**study["outcomes"][0], "key": "mine-new"})
    result = merge(study, theirs, mine)
    assert result.clean
    merged = resolve(result)
    keys = [o["key"] for o in merged["outcomes"]]
    assert "theirs-new" in keys and "mine-new" in keys
    assert merged["outcomes"][keys.index(study["outcomes"][0]["key"])]["timepoint"] == (
        "during the run"
    )


def test_an_item_removed_on_one_side_and_changed_on_the_other_is_a_clash() -> None:
    study = as_data(load("studies", "ali-2010"))
    theirs = copy.deepcopy(study)
    del theirs["outcomes"][0]
    mine = copy.deepcopy(study)
    mine["outcomes"][0]["name"] = "renamed"
    result = merge(study, theirs, mine)
    (clash,) = result.clashes
    assert clash.theirs is MISSING and clash.mine["name"] == "renamed"
    assert resolve(result, {clash.where: Side.THEIRS}) == theirs
    assert resolve(result, {clash.where: Side.MINE}) == mine


def test_appearances_added_by_both_editors_are_both_kept() -> None:
    claim = as_data(load("claims", "flight-socks-prevent-dvt"))
    new = {"claimant": "A", "claimant_type": "retailer", "paraphrase": "x"}
    theirs = {**claim, "appearances": [*claim["appearances"], new]}
    mine = {**claim, "appearances": [*claim["appearances"], {**new, "claimant": "B"}]}
    merged = resolve(merge(claim, theirs, mine))
    assert [a["claimant"] for a in merged["appearances"][-2:]] == ["A", "B"]


CLAIM = "compression-reduces-muscle-soreness-after-running"


def test_verdict_edits_from_the_command_line_merge_with_other_fields() -> None:
    claim = load("claims", CLAIM)
    theirs = Claim.model_validate(
        {**claim.model_dump(exclude_none=True), "aliases": ["new alias"]}
    )
    mine = set_verdict(
        claim,
        rating=Rating.UNPROVEN,
        certainty=Certainty.VERY_LOW,
        reason="r",
        editor="bob",
        today=dt.date(2030, 1, 2),
    )
    merged = Claim.model_validate(resolve(merge(claim, theirs, mine)))
    assert merged.aliases == ["new alias"]
    assert merged.verdict is not None
    assert (merged.verdict.rating, merged.verdict.reviewer) == (Rating.UNPROVEN, "bob")
    assert merged.history == mine.history


def test_the_kept_verdict_decides_the_stamps_and_the_history() -> None:
    claim = load("claims", CLAIM)
    day = dt.date(2030, 1, 2)
    theirs = set_verdict(
        claim,
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        reason="alice's reason",
        editor="alice",
        today=day,
    )
    mine = set_verdict(
        claim,
        rating=Rating.UNPROVEN,
        certainty=Certainty.VERY_LOW,
        reason="bob's reason",
        editor="bob",
        today=day + dt.timedelta(days=1),
    )
    result = merge(claim, theirs, mine)
    assert {c.where for c in result.clashes} == {"verdict.rating", "verdict.certainty"}
    take_theirs = {c.where: Side.THEIRS for c in result.clashes}
    assert Claim.model_validate(resolve(result, take_theirs)) == theirs
    take_mine = {c.where: Side.MINE for c in result.clashes}
    kept = Claim.model_validate(resolve(result, take_mine))
    assert [h.reason for h in kept.history[-2:]] == ["alice's reason", "bob's reason"]
    assert kept.verdict is not None and kept.verdict.reviewer == "bob"


def test_verdict_fields_changed_on_both_sides_combine_under_the_saving_editor() -> None:
    claim = as_data(load("claims", CLAIM))
    theirs = copy.deepcopy(claim)
    theirs["verdict"].update(
        summary="new summary", reviewer="alice", reviewed=dt.date(2030, 1, 1)
    )
    mine = copy.deepcopy(claim)
    mine["verdict"].update(
        flags=["small-studies"], reviewer="bob", reviewed=dt.date(2029, 1, 1)
    )
    merged = resolve(merge(claim, theirs, mine))
    assert merged["verdict"]["summary"] == "new summary"
    assert merged["verdict"]["flags"] == ["small-studies"]
    assert merged["verdict"]["reviewer"] == "bob"
    assert merged["verdict"]["reviewed"] == dt.date(2030, 1, 1)


def test_as_data_drops_none_and_turns_enums_into_their_strings() -> None:
    assert as_data({"a": None, "b": Rating.SUPPORTED, "c": (1, 2)}) == {
        "b": "supported",
        "c": [1, 2],
    }


# --------------------------------------------------------------------------- verdicts set in a form


def test_an_unchanged_verdict_keeps_its_stamps_and_needs_no_reason() -> None:
    claim = as_data(load("claims", CLAIM))
    fields = {k: claim["verdict"].get(k) for k in VERDICT_CONTENT}
    data, needs = edit_verdict(claim, claim, fields, editor="bob", reason="")
    assert (data["verdict"], data["history"], needs) == (
        claim["verdict"],
        claim["history"],
        False,
    )


def test_a_new_certainty_needs_a_reason_and_goes_into_the_history_with_it() -> None:
    claim = as_data(load("claims", CLAIM))
    fields = {**{k: claim["verdict"].get(k) for k in VERDICT_CONTENT}}
    fields["certainty"] = "very-low"
    day = dt.date(2030, 1, 2)
    data, needs = edit_verdict(claim, claim, fields, editor="bob", reason="", today=day)
    assert needs and data["history"] == claim["history"]  # no entry without a reason
    assert data["verdict"]["flags"] == claim["verdict"]["flags"]
    data, _ = edit_verdict(
        claim, claim, fields, editor="bob", reason=" why ", today=day
    )
    assert data["history"][-1] == {
        "date": day,
        "editor": "bob",
        "rating": claim["verdict"]["rating"],
        "certainty": "very-low",
        "reason": "why",
    }
    assert (data["verdict"]["reviewer"], data["verdict"]["reviewed"]) == ("bob", day)
    Claim.model_validate(data)


def test_a_flag_change_needs_a_reason_but_adds_no_history_entry() -> None:
    claim = as_data(load("claims", CLAIM))
    fields = {k: claim["verdict"].get(k) for k in VERDICT_CONTENT}
    fields["flags"] = fields["flags"][1:]
    data, needs = edit_verdict(claim, claim, fields, editor="bob", reason="fewer")
    assert needs and data["history"] == claim["history"]
    fields = {**fields, "flags": claim["verdict"]["flags"], "summary": "Shorter."}
    data, needs = edit_verdict(claim, claim, fields, editor="bob", reason="")
    assert not needs and data["verdict"]["summary"] == "Shorter."
