"""How far a study's people and garment are from a claim's: one row per rule."""

from __future__ import annotations

from typing import Any

import pytest

from claimtracker.applicability import (
    DIRECT_DOMAINS,
    NEAR_PEOPLE,
    SAME_PEOPLE,
    claimed_direction,
    garment_distance,
    population_distance,
    relation,
    worn_matches,
)
from claimtracker.models import (
    HARM_DOMAINS,
    OUTCOME_DOMAINS,
    About,
    Direction,
    Domain,
    Outcome,
    Population,
    Study,
    Worn,
)


def about(
    populations: tuple[str, ...] = ("runners",),
    garments: tuple[str, ...] = ("socks",),
    worn: str | None = None,
) -> About:
    data: dict[str, Any] = {
        "populations": list(populations),
        "garments": list(garments),
    }
    if worn is not None:
        data["worn"] = worn
    return About.model_validate(data)


def study(garment: str, worn: str = "not-reported") -> Study:
    return Study.model_validate(
        {
            "id": "any-2020",
            "title": "A study",
            "year": 2020,
            "design": "meta-analysis",
            "participants": {"population": "mixed"},
            "garment": {"type": garment, "worn": worn},
            "comparator": "no-garment",
            "blinding": "not-applicable",
            "outcomes": [
                {
                    "key": "soreness",
                    "name": "Soreness",
                    "domain": "recovery",
                    "measure": "self-reported",
                    "direction": "benefit",
                }
            ],
        }
    )


SAME, CLOSE, OTHER = 0, 1, 2

#: (claim populations, study population, distance)
PEOPLE: dict[str, tuple[tuple[str, ...], str, int]] = {
    "runners of any level are runners": (("runners",), "trained-runners", SAME),
    "recreational runners are runners": (("runners",), "recreational-runners", SAME),
    "runners in general are close to trained runners": (
        ("trained-runners",),
        "runners",
        CLOSE,
    ),
    "athletes are close to runners": (("runners",), "athletes", CLOSE),
    "active adults are athletes": (("athletes",), "active-adults", SAME),
    "athletes are active adults": (("active-adults",), "athletes", SAME),
    "a mixed sample is close to a claim about runners only": (
        ("runners",),
        "mixed",
        CLOSE,
    ),
    "a mixed sample is close to a claim about trained runners only": (
        ("trained-runners",),
        "mixed",
        CLOSE,
    ),
    "runners of two levels are still one kind of people": (
        ("runners", "trained-runners"),
        "mixed",
        CLOSE,
    ),
    "a mixed sample answers a claim about athletes and runners": (
        ("athletes", "runners"),
        "mixed",
        SAME,
    ),
    "a mixed sample answers a claim about athletes and active adults": (
        ("athletes", "active-adults"),
        "mixed",
        SAME,
    ),
    "a mixed sample is the general public": (("general",), "mixed", SAME),
    "a mixed sample is close to a claim about patients": (
        ("patients",),
        "mixed",
        CLOSE,
    ),
    "patients are other people for runners": (("runners",), "patients", OTHER),
    "patients are other people for air travellers": (
        ("air-travellers",),
        "patients",
        OTHER,
    ),
    "surgical patients are hospital patients": (
        ("hospital-patients",),
        "surgical-patients",
        SAME,
    ),
    "hospital patients are close to a claim about surgical patients only": (
        ("surgical-patients",),
        "hospital-patients",
        CLOSE,
    ),
    "hospital patients are close to a claim about patients": (
        ("patients",),
        "hospital-patients",
        CLOSE,
    ),
    "pregnant women are close to the general public": (
        ("general",),
        "pregnant-women",
        CLOSE,
    ),
    "hospital patients are other people for air travellers": (
        ("air-travellers",),
        "hospital-patients",
        OTHER,
    ),
}


def test_every_population_has_a_rule_as_claim_and_as_study() -> None:
    for population in Population:
        assert population in SAME_PEOPLE and population in NEAR_PEOPLE
        assert population_distance(about((population.value,)), population) == SAME


@pytest.mark.parametrize("name", list(PEOPLE))
def test_population_distance(name: str) -> None:
    populations, studied, expected = PEOPLE[name]
    assert population_distance(about(populations), Population(studied)) == expected


#: (claim garments, claim worn, study garment, study worn, distance)
GARMENTS: dict[str, tuple[tuple[str, ...], str | None, str, str, int]] = {
    "the claim's own garment": (("socks",), None, "socks", "during", SAME),
    "stockings are close to socks": (("socks",), None, "stockings", "during", CLOSE),
    "tights are another garment for socks": (
        ("socks",),
        None,
        "tights",
        "during",
        OTHER,
    ),
    "mixed garments are close to a claim about socks only": (
        ("socks",),
        None,
        "mixed",
        "not-reported",
        CLOSE,
    ),
    "mixed garments are close to a claim about tights only": (
        ("tights",),
        None,
        "mixed",
        "not-reported",
        CLOSE,
    ),
    "mixed garments answer a claim about four garments": (
        ("socks", "sleeves", "stockings", "tights"),
        None,
        "mixed",
        "not-reported",
        SAME,
    ),
    "mixed garments answer a claim about two garments": (
        ("stockings", "bandage"),
        None,
        "mixed",
        "not-reported",
        SAME,
    ),
    "a claim about mixed garments takes any garment": (
        ("mixed",),
        None,
        "tights",
        "during",
        SAME,
    ),
    "mixed garments worn at another time are close": (
        ("socks", "sleeves"),
        "after",
        "mixed",
        "during",
        CLOSE,
    ),
    "worn after exercise is close for a claim about wearing it during": (
        ("socks",),
        "during",
        "socks",
        "after",
        CLOSE,
    ),
    "a study that does not say when it was worn is the claim's own use": (
        ("socks",),
        "during",
        "socks",
        "not-reported",
        SAME,
    ),
    "a claim that does not say when takes a garment worn at any time": (
        ("socks",),
        "not-reported",
        "socks",
        "during",
        SAME,
    ),
}


@pytest.mark.parametrize("name", list(GARMENTS))
def test_garment_distance(name: str) -> None:
    garments, worn, garment, studied_worn, expected = GARMENTS[name]
    found = garment_distance(
        about(garments=garments, worn=worn), study(garment, studied_worn)
    )
    assert found == expected


#: (when a claim or review says the garment is worn, when the study wore it, match?)
WORN: dict[str, tuple[str | None, str, bool]] = {
    "a claim that does not say takes any time": (None, "after", True),
    "a review that does not report when takes a trial worn during": (
        "not-reported",
        "during",
        True,
    ),
    "a review that does not report when takes a trial worn after": (
        "not-reported",
        "after",
        True,
    ),
    "a trial that does not report when matches any claim": (
        "during",
        "not-reported",
        True,
    ),
    "the same time matches": ("during", "during", True),
    "during and after takes a trial worn after": ("during-and-after", "after", True),
    "a trial worn during and after matches a claim about after": (
        "after",
        "during-and-after",
        True,
    ),
    "worn after is not worn during": ("during", "after", False),
    "worn during is not worn after": ("after", "during", False),
    "daily wear is not travel": ("travel", "daily", False),
}


@pytest.mark.parametrize("name", list(WORN))
def test_worn_matches(name: str) -> None:
    scope, studied, expected = WORN[name]
    found = worn_matches(None if scope is None else Worn(scope), Worn(studied))
    assert found is expected


def test_a_safety_claim_asserts_a_harm_and_every_other_claim_a_benefit() -> None:
    assert HARM_DOMAINS == {Domain.SAFETY}
    assert claimed_direction(Domain.SAFETY) is Direction.HARM
    for domain in set(Domain) - HARM_DOMAINS:
        assert claimed_direction(domain) is Direction.BENEFIT


def _outcome(domain: str) -> Outcome:
    return Outcome.model_validate(
        {
            "key": "events",
            "name": "Events",
            "domain": domain,
            "measure": "objective",
            "direction": "harm",
        }
    )


def test_adverse_events_measure_a_safety_claim_but_not_a_medical_one() -> None:
    assert Domain.SAFETY in OUTCOME_DOMAINS
    assert relation(Domain.SAFETY, _outcome("safety")) == "direct"
    assert relation(Domain.SAFETY, _outcome("medical")) == "direct"
    assert relation(Domain.MEDICAL, _outcome("safety")) == "other"
    assert Domain.SAFETY not in DIRECT_DOMAINS[Domain.MEDICAL]
