"""The record model: field rules, vocabularies, id patterns, and the rules within one record."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from claimtracker.models import (
    ID_PATTERN,
    RATING_VALUES,
    Certainty,
    Claim,
    Effect,
    Flag,
    Rating,
    Study,
)
from conftest import VALID


def _data(rel: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((VALID / rel).read_text(encoding="utf-8"))
    return data


STUDY = "studies/doe-2015.yaml"
CLAIM = "claims/compression-socks-improve-running-performance.yaml"


def _errors(
    model: type[Study] | type[Claim], data: dict[str, Any]
) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]


def test_the_verdict_vocabulary_is_the_published_scale() -> None:
    assert [r.value for r in Rating] == [
        "supported",
        "partly-supported",
        "unproven",
        "not-supported",
        "contradicted",
    ]
    assert [RATING_VALUES[r] for r in Rating] == [5, 4, 3, 2, 1]
    assert [c.value for c in Certainty] == ["high", "moderate", "low", "very-low"]
    assert {f.value for f in Flag} == {
        "placebo-possible",
        "indirect-evidence",
        "small-studies",
        "industry-funded",
        "surrogate-outcome",
        "conflicting-evidence",
        "retracted-source",
    }


def test_no_enum_value_is_a_yaml_boolean_word() -> None:
    from enum import StrEnum

    from claimtracker import vocab

    words = {"yes", "no", "on", "off", "y", "n", "true", "false"}
    enums = [
        v
        for v in vars(vocab).values()
        if isinstance(v, type) and issubclass(v, StrEnum)
    ]
    assert enums
    assert not [(e.__name__, m.value) for e in enums for m in e if m.value in words]


@pytest.mark.parametrize(
    "good",
    ["doe-2015", "doe-2015b", "abc", "compression-socks-improve-running-performance"],
)
def test_ids_that_are_allowed(good: str) -> None:
    assert re.fullmatch(ID_PATTERN, good)


@pytest.mark.parametrize(
    "bad",
    [
        "ab",
        "Doe-2015",
        "-doe",
        "doe_2015",
        "doe 2015",
        "../etc",
        "dоe-2015",
        "a" * 65,
        "doe-2015.yaml",
    ],
)
def test_ids_that_are_refused(bad: str) -> None:
    assert not re.fullmatch(ID_PATTERN, bad)
    assert ((("id",), "string_pattern_mismatch")) in _errors(
        Study, {**_data(STUDY), "id": bad}
    )


def test_unknown_keys_are_refused_at_every_level() -> None:
    data = _data(STUDY)
    data["garment"] = {**data["garment"], "colour": "black"}
    data["outcomes"][0]["p_value"] = 0.2
    assert _errors(Study, data) == [
        (("garment", "colour"), "extra_forbidden"),
        (("outcomes", 0, "p_value"), "extra_forbidden"),
    ]


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("year", "2015", "int_type"),
        ("year", 2015.0, "int_type"),
        ("title", False, "string_type"),
        ("pmid", 5349, "string_type"),
        ("authors_truncated", "yes", "bool_type"),
        ("authors", "Doe, J.", "list_type"),
    ],
)
def test_scalars_are_strict(field: str, value: Any, kind: str) -> None:
    assert _errors(Study, {**_data(STUDY), field: value}) == [((field,), kind)]


def test_numbers_refuse_booleans_and_text_but_take_integers() -> None:
    assert Effect(metric="md", value=3).value == 3.0
    for bad in (True, "0.4"):
        with pytest.raises(ValidationError, match="must be a number"):
            Effect.model_validate({"metric": "md", "value": bad})


def test_effects_must_sit_inside_their_interval_and_ratios_above_zero() -> None:
    with pytest.raises(ValidationError, match="outside its ci"):
        Effect.model_validate({"metric": "md", "value": 30, "ci": [-8, 14]})
    with pytest.raises(ValidationError, match="ci must be"):
        Effect.model_validate({"metric": "md", "value": 0, "ci": [1, -1]})
    with pytest.raises(ValidationError, match="above 0"):
        Effect.model_validate({"metric": "rr", "value": 0.8, "ci": [-0.1, 1.2]})


def test_text_is_normalised_to_nfc_and_refuses_invisible_characters() -> None:
    study = Study.model_validate({**_data(STUDY), "title": "Me\u0301ne\u0301trier"})
    assert study.title == "M\u00e9n\u00e9trier"
    for bad in ("a\u200bb", "right\u202eleft", "bell\x07", "   "):
        assert _errors(Study, {**_data(STUDY), "title": bad}) == [
            (("title",), "value_error")
        ]


def test_dates_are_dates_not_timestamps() -> None:
    data = _data(CLAIM)
    assert Claim.model_validate(data).verdict.reviewed == dt.date(2026, 11, 27)  # type: ignore[union-attr]
    data["verdict"]["reviewed"] = dt.datetime(2026, 11, 27, 10, 0)
    assert _errors(Claim, data) == [(("verdict", "reviewed"), "value_error")]


def test_partial_dates_for_when_a_claim_was_seen() -> None:
    data = _data(CLAIM)
    for seen in ("2016", "2016-09", "2016-09-30", dt.date(2016, 9, 30)):
        data["appearances"][0]["seen"] = seen
        assert Claim.model_validate(data).appearances[0].seen in (
            "2016",
            "2016-09",
            "2016-09-30",
        )
    data["appearances"][0]["seen"] = "2016-13"
    assert _errors(Claim, data) == [
        (("appearances", 0, "seen"), "string_pattern_mismatch")
    ]


def test_a_published_claim_needs_a_verdict_and_a_withdrawn_one_a_reason() -> None:
    data = _data(CLAIM)
    del data["verdict"]
    assert _errors(Claim, data) == [((), "value_error")]
    assert Claim.model_validate({**data, "status": "draft"}).verdict is None
    assert _errors(Claim, {**data, "status": "withdrawn"}) == [((), "value_error")]


def test_the_same_study_outcome_is_linked_once() -> None:
    data = _data(CLAIM)
    data["evidence"].append(dict(data["evidence"][0]))
    assert _errors(Claim, data) == [((), "value_error")]


def test_a_published_study_needs_an_outcome_and_keys_are_unique() -> None:
    data = _data(STUDY)
    assert _errors(Study, {**data, "outcomes": []}) == [((), "value_error")]
    assert (
        Study.model_validate({**data, "outcomes": [], "status": "draft"}).outcomes == []
    )
    twice = [data["outcomes"][0], data["outcomes"][0]]
    assert _errors(Study, {**data, "outcomes": twice}) == [((), "value_error")]


def test_an_appearance_needs_words() -> None:
    data = _data(CLAIM)
    del data["appearances"][0]["quote"]
    assert _errors(Claim, data) == [(("appearances", 0), "value_error")]


def test_records_are_frozen() -> None:
    study = Study.model_validate(_data(STUDY))
    with pytest.raises(ValidationError):
        study.year = 2016  # type: ignore[misc]
    assert study.outcome("race-time") is not None
    assert study.outcome("nope") is None
