"""How closely a study's people, garment and outcome match what a claim is about.

Indirectness in the engine is computed from the records, never typed in: each study's
``participants.population`` and ``garment`` are compared with the claim's ``about``, and each
outcome's domain and measure with the claim's domain. The tables below are the whole rule.
"""

from __future__ import annotations

from typing import Literal

from claimtracker.models import (
    HARM_DOMAINS,
    About,
    Direction,
    Domain,
    GarmentType,
    Measure,
    Outcome,
    Population,
    Study,
    Worn,
)

P = Population
G = GarmentType
_RUNNERS = frozenset({P.RUNNERS, P.TRAINED_RUNNERS, P.RECREATIONAL_RUNNERS})
#: Athletes and active adults overlap: studies recruit "athletes or physically active
#: adults" as one group, and trained amateurs are both.
_EXERCISERS = frozenset({P.ATHLETES, P.ACTIVE_ADULTS})
#: Surgical patients are hospital patients; a claim about patients in hospital covers both.
_IN_HOSPITAL = frozenset({P.HOSPITAL_PATIENTS, P.SURGICAL_PATIENTS})

#: For each population a claim names, the study populations that are the same people.
SAME_PEOPLE: dict[Population, frozenset[Population]] = {
    P.RUNNERS: _RUNNERS,
    P.TRAINED_RUNNERS: frozenset({P.TRAINED_RUNNERS}),
    P.RECREATIONAL_RUNNERS: frozenset({P.RECREATIONAL_RUNNERS}),
    P.ATHLETES: _RUNNERS | _EXERCISERS,
    P.ACTIVE_ADULTS: _RUNNERS | _EXERCISERS,
    P.INACTIVE_ADULTS: frozenset({P.INACTIVE_ADULTS}),
    P.PATIENTS: frozenset({P.PATIENTS}),
    P.STANDING_WORKERS: frozenset({P.STANDING_WORKERS}),
    P.AIR_TRAVELLERS: frozenset({P.AIR_TRAVELLERS}),
    P.HOSPITAL_PATIENTS: _IN_HOSPITAL,
    P.SURGICAL_PATIENTS: frozenset({P.SURGICAL_PATIENTS}),
    P.PREGNANT_WOMEN: frozenset({P.PREGNANT_WOMEN}),
    P.GENERAL: frozenset({P.GENERAL, P.MIXED, P.ACTIVE_ADULTS, P.INACTIVE_ADULTS}),
    P.MIXED: frozenset(Population),
}
#: Populations close to a claim's (athletes for a runners claim). A mixed sample is close
#: to a claim about one kind of people, and the same people for a broader one (below).
NEAR_PEOPLE: dict[Population, frozenset[Population]] = {
    P.RUNNERS: frozenset({P.ATHLETES, P.ACTIVE_ADULTS, P.MIXED}),
    P.TRAINED_RUNNERS: frozenset({P.RUNNERS, P.ATHLETES, P.MIXED}),
    P.RECREATIONAL_RUNNERS: frozenset({P.RUNNERS, P.ACTIVE_ADULTS, P.MIXED}),
    P.ATHLETES: frozenset({P.MIXED}),
    P.ACTIVE_ADULTS: frozenset({P.GENERAL, P.MIXED}),
    P.INACTIVE_ADULTS: frozenset({P.GENERAL, P.ACTIVE_ADULTS, P.MIXED}),
    P.PATIENTS: _IN_HOSPITAL | {P.MIXED},
    P.STANDING_WORKERS: frozenset({P.GENERAL, P.MIXED}),
    P.AIR_TRAVELLERS: frozenset({P.GENERAL, P.MIXED}),
    P.HOSPITAL_PATIENTS: frozenset({P.PATIENTS, P.MIXED}),
    P.SURGICAL_PATIENTS: frozenset({P.HOSPITAL_PATIENTS, P.PATIENTS, P.MIXED}),
    P.PREGNANT_WOMEN: frozenset({P.GENERAL, P.MIXED}),
    P.GENERAL: frozenset(Population),
    P.MIXED: frozenset(),
}
#: Garments close to a claim's (below-knee stockings or calf sleeves for a socks claim).
#: A study mixing garments is close to a claim about one garment, and direct for a
#: broader one (below).
NEAR_GARMENTS: dict[GarmentType, frozenset[GarmentType]] = {
    G.SOCKS: frozenset({G.STOCKINGS, G.SLEEVES, G.MIXED}),
    G.STOCKINGS: frozenset({G.SOCKS, G.MIXED}),
    G.SLEEVES: frozenset({G.SOCKS, G.MIXED}),
    G.TIGHTS: frozenset({G.MIXED}),
    G.BANDAGE: frozenset({G.STOCKINGS, G.MIXED}),
    G.PNEUMATIC: frozenset({G.MIXED}),
    G.MIXED: frozenset(GarmentType),
    G.OTHER: frozenset({G.MIXED}),
}

#: The kind of people each population is, for counting how many kinds a claim covers:
#: runners of any level are one kind; every other population is a kind of its own.
KIND_OF_PEOPLE: dict[Population, Population] = {
    p: P.RUNNERS if p in _RUNNERS else p for p in Population
}
#: A mixed sample, or a study mixing garments, answers a claim that covers at least this
#: many kinds of people (or garments) directly: the claim is about them broadly, as the
#: study is. For a claim about fewer kinds it is close, not the same.
BROAD_CLAIM_KINDS = 2

#: For each claim domain, the outcome domains that measure what it promises.
DIRECT_DOMAINS: dict[Domain, frozenset[Domain]] = {
    Domain.PERFORMANCE: frozenset({Domain.PERFORMANCE}),
    Domain.RECOVERY: frozenset({Domain.RECOVERY, Domain.PERCEPTION}),
    Domain.PERCEPTION: frozenset({Domain.PERCEPTION, Domain.RECOVERY}),
    Domain.INJURY: frozenset({Domain.INJURY, Domain.MEDICAL}),
    Domain.MEDICAL: frozenset({Domain.MEDICAL, Domain.INJURY}),
    Domain.PHYSIOLOGY: frozenset({Domain.PHYSIOLOGY}),
    #: A safety claim is measured by adverse events, and by medical or injury outcomes
    #: that found harm; for a benefit claim, adverse events are shown apart.
    Domain.SAFETY: frozenset({Domain.SAFETY, Domain.MEDICAL, Domain.INJURY}),
}
#: Claim domains that promise a measured result, so a self-rating only stands in for it.
MEASURED_DOMAINS = frozenset({Domain.PERFORMANCE, Domain.PHYSIOLOGY})
#: A study whose people and garment together are this far from the claim's is very indirect.
VERY_INDIRECT = 3

Relation = Literal["direct", "stand-in", "surrogate", "other"]

#: What each non-direct relation means, for the reasons.
RELATION_NOTES: dict[str, str] = {
    "stand-in": "self-rated outcomes stand in for the measured result the claim promises",
    "surrogate": "physiological markers stand in for what the claim promises",
    "other": "these outcomes measure something other than what the claim promises",
}


def broad_people(about: About) -> bool:
    """Does the claim cover at least ``BROAD_CLAIM_KINDS`` kinds of people?"""
    return len({KIND_OF_PEOPLE[p] for p in about.populations}) >= BROAD_CLAIM_KINDS


def broad_garments(about: About) -> bool:
    """Does the claim cover at least ``BROAD_CLAIM_KINDS`` garments?"""
    return len(set(about.garments)) >= BROAD_CLAIM_KINDS


def population_distance(about: About, population: Population) -> int:
    """0 the same people as the claim's, 1 close, 2 other people."""
    if any(population in SAME_PEOPLE[p] for p in about.populations) or (
        population is P.MIXED and broad_people(about)
    ):
        return 0
    if any(population in NEAR_PEOPLE[p] for p in about.populations):
        return 1
    return 2


def garment_distance(about: About, study: Study) -> int:
    """0 the claim's garment worn its way, 1 a close garment or other use, 2 another garment."""
    garment = study.garment.type
    if (
        garment in about.garments
        or G.MIXED in about.garments
        or (garment is G.MIXED and broad_garments(about))
    ):
        distance = 0
    elif any(garment in NEAR_GARMENTS[g] for g in about.garments):
        distance = 1
    else:
        return 2
    if distance == 0 and not worn_matches(about.worn, study.garment.worn):
        distance = 1
    return distance


#: When a garment was worn that matches any other time: not known (no time given, or
#: ``not-reported``), or both during and after exercise.
WORN_ANY_TIME = frozenset({Worn.NOT_REPORTED, Worn.DURING_AND_AFTER})


def worn_matches(scope: Worn | None, studied: Worn) -> bool:
    """Was the garment worn when a claim (or a review's scope) says?

    Unknown on either side is a match, never a mismatch: a claim or review that does not
    say when the garment was worn (``None`` or ``not-reported``) takes a study worn at any
    time, and a study that does not say matches any claim or review. ``during-and-after``
    on either side matches any time as well.
    """
    return (
        scope is None
        or scope in WORN_ANY_TIME
        or studied in WORN_ANY_TIME
        or scope is studied
    )


def distance(about: About, study: Study) -> tuple[int, int]:
    """(people, garment) distance of a study from the claim."""
    return population_distance(about, study.participants.population), garment_distance(
        about, study
    )


def claimed_direction(claim_domain: Domain) -> Direction:
    """What a claim in this domain asserts: a harm for a safety claim, else a benefit."""
    return Direction.HARM if claim_domain in HARM_DOMAINS else Direction.BENEFIT


def relation(claim_domain: Domain, outcome: Outcome) -> Relation:
    """How an outcome relates to what the claim promises."""
    if outcome.domain in DIRECT_DOMAINS.get(claim_domain, frozenset()):
        if (
            claim_domain in MEASURED_DOMAINS
            and outcome.measure is Measure.SELF_REPORTED
        ):
            return "stand-in"
        return "direct"
    if outcome.domain is Domain.PHYSIOLOGY:
        return "surrogate"
    return "other"


def garment_words(study: Study) -> str:
    """The garment and when it was worn, in a few words."""
    worn = study.garment.worn
    suffix = "" if worn is Worn.NOT_REPORTED else f", worn {worn.value}"
    return study.garment.type.value + suffix
