"""Property: a record written by the project's writer and read back by the store is unchanged,
including dates, unicode prose, numbers and empty lists."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtracker.editing import render_record
from claimtracker.models import (
    OUTCOME_DOMAINS,
    Blinding,
    Certainty,
    Claim,
    ClaimantType,
    Comparator,
    Design,
    Domain,
    Flag,
    GarmentType,
    Population,
    Rating,
    Sex,
    Status,
    Study,
    Worn,
)
from claimtracker.store import parse_record

# Text the model accepts: any printable character (the model refuses control, bidi and
# zero-width characters), normalised to NFC as the model does.
_REFUSED = {chr(c) for c in range(0x200B, 0x2010)} | {
    chr(c) for c in range(0x202A, 0x202F)
}
_REFUSED |= {chr(c) for c in range(0x2066, 0x206A)} | {"\u2060", "\ufeff"}
_CHARS = st.characters(
    exclude_categories=("Cc", "Cs", "Co", "Cn"), exclude_characters=_REFUSED
)
text = (
    st.text(_CHARS, min_size=1, max_size=40)
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(str.strip)
)
prose = st.lists(text, min_size=1, max_size=12).map(" ".join)
ids = st.from_regex(r"[a-z][a-z0-9-]{2,30}", fullmatch=True)
keys = st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False) | st.integers(
    -1000, 1000
).map(float)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
partial_dates = st.one_of(
    dates.map(dt.date.isoformat),
    dates.map(lambda d: d.isoformat()[:7]),
    dates.map(lambda d: str(d.year)),
)
urls = st.from_regex(r"https://example\.org/[a-z0-9/._-]{0,30}", fullmatch=True)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def effects(draw: st.DrawFn) -> dict[str, Any]:
    low, value, high = sorted(draw(st.lists(numbers, min_size=3, max_size=3)))
    effect = {"metric": draw(st.sampled_from(["md", "smd", "es"])), "value": value}
    if draw(st.booleans()):
        effect["ci"] = [low, high]
    if draw(st.booleans()):
        effect["unit"] = draw(text)
    return effect


@st.composite
def studies(draw: st.DrawFn) -> Study:
    outcome_keys = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    status = draw(st.sampled_from(Status))
    data: dict[str, Any] = {
        "id": draw(ids),
        "status": status.value,
        "title": draw(prose),
        "authors": draw(st.lists(text, max_size=3)),
        "year": draw(st.integers(1800, 2100)),
        "journal": draw(_optional(text)),
        "doi": draw(
            _optional(st.from_regex(r"10\.[0-9]{4,9}/[!-~]{1,20}", fullmatch=True))
        ),
        "design": draw(st.sampled_from(Design)).value,
        "participants": {
            "n": draw(_optional(st.integers(0, 100_000))),
            "population": draw(st.sampled_from(Population)).value,
            "sex": draw(st.sampled_from(Sex)).value,
        },
        "garment": {
            "type": draw(st.sampled_from(GarmentType)).value,
            "worn": draw(st.sampled_from(Worn)).value,
        },
        "comparator": draw(st.sampled_from(Comparator)).value,
        "blinding": draw(st.sampled_from(Blinding)).value,
        "integrity": {"date": draw(_optional(dates)), "url": draw(_optional(urls))},
        "outcomes": [
            {
                "key": key,
                "name": draw(text),
                "domain": draw(st.sampled_from(OUTCOME_DOMAINS)).value,
                "measure": draw(st.sampled_from(["objective", "self-reported"])),
                "direction": draw(
                    st.sampled_from(["benefit", "no-difference", "harm", "mixed"])
                ),
                "effect": draw(_optional(effects())),
            }
            for key in outcome_keys
        ],
        "summary": draw(_optional(prose)),
        "sources": draw(st.lists(urls, max_size=2)),
    }
    return Study.model_validate(data)


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    status = draw(st.sampled_from([Status.DRAFT, Status.PUBLISHED]))
    links = draw(st.lists(st.tuples(ids, keys), max_size=3, unique=True))
    data: dict[str, Any] = {
        "id": draw(ids),
        "status": status.value,
        "proposition": draw(prose),
        "aliases": draw(st.lists(text, max_size=3)),
        "domain": draw(st.sampled_from(Domain)).value,
        "about": {
            "populations": draw(
                st.lists(
                    st.sampled_from(Population), min_size=1, max_size=2, unique=True
                )
            ),
            "garments": draw(
                st.lists(
                    st.sampled_from(GarmentType), min_size=1, max_size=2, unique=True
                )
            ),
        },
        "appearances": [
            {
                "claimant": draw(text),
                "claimant_type": draw(st.sampled_from(ClaimantType)).value,
                "quote": draw(prose),
                "url": draw(_optional(urls)),
                "seen": draw(_optional(partial_dates)),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
        "evidence": [
            {"study": s, "outcome": o, "note": draw(_optional(text))} for s, o in links
        ],
        "history": [
            {
                "date": draw(dates),
                "editor": draw(text),
                "rating": draw(st.sampled_from(Rating)).value,
                "certainty": draw(st.sampled_from(Certainty)).value,
                "reason": draw(prose),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
    }
    if status is Status.PUBLISHED:
        data["verdict"] = {
            "rating": draw(st.sampled_from(Rating)).value,
            "certainty": draw(st.sampled_from(Certainty)).value,
            "flags": draw(st.lists(st.sampled_from(Flag), max_size=3, unique=True)),
            "summary": draw(prose),
            "reviewed": draw(dates),
            "reviewer": draw(text),
        }
    return Claim.model_validate(data)


_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_SETTINGS
@given(studies())
def test_a_study_survives_write_then_read(study: Study) -> None:
    written = render_record("studies", study)
    record, problems = parse_record(written, f"studies/{study.id}.yaml")
    assert problems == [], written
    assert record == study


@_SETTINGS
@given(claims())
def test_a_claim_survives_write_then_read(claim: Claim) -> None:
    written = render_record("claims", claim)
    record, problems = parse_record(written, f"claims/{claim.id}.yaml")
    assert problems == [], written
    assert record == claim
