"""Bodies of evidence: gather a claim's linked outcomes, group them, and rate each group.

A body holds the linked outcomes that measure one kind of thing. Outcomes that measure what
the claim promises are one body per measure (objective or self-reported), so perceived
soreness filed under "perception" and under "recovery" land together for a recovery claim;
the rest are grouped by their own domain. Within a body, a systematic review or
meta-analysis *covers* the trials it includes, and those trials become supporting detail,
never extra evidence beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from claimtracker import certainty as rules
from claimtracker import precision
from claimtracker.applicability import (
    NEAR_GARMENTS,
    RELATION_NOTES,
    SAME_PEOPLE,
    Relation,
    claimed_direction,
    relation,
    worn_matches,
)
from claimtracker.certainty import Judgement, Source
from claimtracker.models import (
    Certainty,
    Claim,
    Design,
    Direction,
    Domain,
    GarmentType,
    Measure,
    Outcome,
    Population,
    Rating,
    Status,
    Study,
)
from claimtracker.synthesis import PooledEffect, pool_outcomes, unpooled_reason

#: The rating for each direction at each certainty (DESIGN.md's scale); very low is unproven.
RATING_TABLE: dict[Direction, dict[Certainty, Rating]] = {
    Direction.BENEFIT: {
        Certainty.HIGH: Rating.SUPPORTED,
        Certainty.MODERATE: Rating.SUPPORTED,
        Certainty.LOW: Rating.PARTLY_SUPPORTED,
    },
    Direction.MIXED: {
        Certainty.HIGH: Rating.PARTLY_SUPPORTED,
        Certainty.MODERATE: Rating.PARTLY_SUPPORTED,
        Certainty.LOW: Rating.UNPROVEN,
    },
    Direction.NO_DIFFERENCE: {
        Certainty.HIGH: Rating.CONTRADICTED,
        Certainty.MODERATE: Rating.CONTRADICTED,
        Certainty.LOW: Rating.NOT_SUPPORTED,
    },
    Direction.HARM: {
        Certainty.HIGH: Rating.CONTRADICTED,
        Certainty.MODERATE: Rating.CONTRADICTED,
        Certainty.LOW: Rating.NOT_SUPPORTED,
    },
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Reason(_Frozen):
    """One step of the derivation, in plain words, with the studies behind it."""

    text: str
    studies: list[str] = []
    rule: str = ""
    body: str | None = None
    steps: int = 0


class SourceView(_Frozen):
    """One study in a body, as an assessment shows it."""

    study: str
    outcomes: list[str]
    design: Design
    participants: int | None
    direction: Direction
    counted: bool
    covered_by: str | None = None


class BodyAssessment(_Frozen):
    """The certainty of one body of evidence, with the judgements behind it."""

    key: str
    label: str
    domain: Domain
    measure: Measure
    relation: Relation
    sources: list[SourceView]
    lead: str | None
    start: Certainty
    certainty: Certainty
    direction: Direction
    rating: Rating
    participants: int
    small_studies: bool
    reasons: list[Reason]
    pooled: list[PooledEffect]

    def fired(self, rule: str) -> bool:
        """Was this body rated down by ``rule``?"""
        return any(r.rule == rule and r.steps for r in self.reasons)


#: For a claim that asserts a harm, the direction that plays each part in ``RATING_TABLE``:
#: a harm found supports it as a benefit supports a benefit claim, and the reverse.
AS_HARM_CLAIM: dict[Direction, Direction] = {
    Direction.BENEFIT: Direction.HARM,
    Direction.HARM: Direction.BENEFIT,
    Direction.NO_DIFFERENCE: Direction.NO_DIFFERENCE,
    Direction.MIXED: Direction.MIXED,
}


def rate(
    direction: Direction,
    certainty: Certainty,
    claimed: Direction = Direction.BENEFIT,
) -> Rating:
    """Direction and certainty to a rating (very low certainty is always unproven).

    ``claimed`` is what the claim asserts: a benefit, or (for a safety claim) a harm.
    """
    if certainty is Certainty.VERY_LOW:
        return Rating.UNPROVEN
    if claimed is Direction.HARM:
        direction = AS_HARM_CLAIM[direction]
    return RATING_TABLE[direction][certainty]


def gather(
    claim: Claim, studies: Mapping[str, Study]
) -> tuple[list[tuple[Study, Outcome]], list[Reason], bool]:
    """The usable linked outcomes, reasons for what was left out, and whether a retraction was."""
    linked: list[tuple[Study, Outcome]] = []
    left_out: dict[str, Reason] = {}
    retracted = False
    for link in claim.evidence:
        study = studies.get(link.study)
        text = None
        if study is None:
            text = f"left out: no study '{link.study}'"
        elif study.is_retracted:
            retracted = True
            note = f" ({study.integrity.note})" if study.integrity.note else ""
            text = f"left out: {study.id} has been retracted{note}"
        elif study.status is Status.WITHDRAWN:
            text = f"left out: {study.id} is withdrawn"
        elif (outcome := study.outcome(link.outcome)) is None:
            text = f"left out: {study.id} has no outcome '{link.outcome}'"
        else:
            linked.append((study, outcome))
        if text and link.study not in left_out:
            left_out[link.study] = Reason(
                text=text, studies=[link.study], rule="evidence"
            )
    return linked, list(left_out.values()), retracted


def covers(review: Study, study: Study) -> bool:
    """Does a review cover a study? By its ``includes`` list; else (for a systematic review
    or meta-analysis) every trial in its scope of people and garments published no later."""
    if review.includes:
        return study.id in review.includes
    if review.design not in rules.SYSTEMATIC_REVIEWS or study.is_review:
        return False
    return study.year <= review.year and in_scope(review, study)


def in_scope(review: Study, study: Study) -> bool:
    """Could the review have included the study, going by people, garment and its use?"""
    people = review.participants.population
    garment = review.garment.type
    return (
        (
            people is Population.MIXED
            or study.participants.population in SAME_PEOPLE[people]
        )
        and (
            garment is GarmentType.MIXED
            or study.garment.type is garment
            or study.garment.type in NEAR_GARMENTS[garment]
        )
        and worn_matches(review.garment.worn, study.garment.worn)
    )


def build_sources(items: Sequence[tuple[Study, Outcome]], claim: Claim) -> list[Source]:
    """One source per study; a study a review in the same body covers is marked covered."""
    grouped: dict[str, tuple[Study, list[Outcome]]] = {}
    for study, outcome in items:
        grouped.setdefault(study.id, (study, []))[1].append(outcome)
    reviews = review_order([s for s, _ in grouped.values() if s.is_review], claim)
    sources = []
    for study, outcomes in grouped.values():
        cover = next(
            (r.id for r in reviews if r.id != study.id and covers(r, study)), None
        )
        sources.append(Source(study=study, outcomes=tuple(outcomes), covered_by=cover))
    return sources


def review_order(reviews: Sequence[Study], claim: Claim) -> list[Study]:
    """Reviews in the order they lead: best design, most direct, then largest."""
    left = [Source(study=s, outcomes=()) for s in reviews]
    ordered: list[Study] = []
    while left:
        best = rules.lead_source(left, claim.about)
        assert best is not None
        ordered.append(best.study)
        left = [s for s in left if s is not best]
    return ordered


def group(
    claim: Claim, linked: Sequence[tuple[Study, Outcome]]
) -> list[BodyAssessment]:
    """The claim's bodies: direct outcomes by measure, the rest by domain and measure."""
    groups: dict[tuple[Domain, Measure, Relation], list[tuple[Study, Outcome]]] = {}
    for study, outcome in linked:
        kind = relation(claim.domain, outcome)
        domain = claim.domain if kind == "direct" else outcome.domain
        groups.setdefault((domain, outcome.measure, kind), []).append((study, outcome))
    order = ("direct", "stand-in", "surrogate", "other")
    keys = sorted(
        groups, key=lambda k: (order.index(k[2]), list(Domain).index(k[0]), k[1].value)
    )
    return [assess_body(claim, d, m, kind, groups[(d, m, kind)]) for d, m, kind in keys]


def assess_body(
    claim: Claim,
    domain: Domain,
    measure: Measure,
    kind: Relation,
    items: Sequence[tuple[Study, Outcome]],
) -> BodyAssessment:
    """Rate one body: its start, each rating-down, its direction and pooled estimates."""
    key = f"{domain.value}/{measure.value}"
    label = f"{measure.value} {domain.value} outcomes"
    sources = build_sources(items, claim)
    counted = [s for s in sources if s.counted]
    voters = [s for s in sources if s.votes_in_body]
    pooled = pool_outcomes(
        [(s.study, o) for s in counted for o in s.outcomes], body=key
    )
    shown = pooled or covered_trials_pool(sources, key)
    start, opening = rules.rate_start(counted)
    inconsistency = rules.rate_inconsistency(voters, pooled)
    spread = rules.spread_studies(counted) if inconsistency is not None else frozenset()
    found: list[Judgement | None] = [
        rules.rate_risk_of_bias(counted, measure, label),
        inconsistency,
        rules.rate_indirectness(counted, claim.about, RELATION_NOTES.get(kind)),
        precision.rate_imprecision(counted, pooled, claim.about, spread),
        rules.rate_publication(counted),
    ]
    downs = [j for j in found if j is not None]
    certainty = rules.lower(start, sum(j.steps for j in downs))
    graded = rules.rate_review_grading(counted, certainty)
    if graded is not None:
        downs.append(graded)
        certainty = rules.lower(certainty, graded.steps)
    direction = rules.body_direction(voters)
    rating = rate(direction, certainty, claimed_direction(claim.domain))
    reasons = [_reason(j, key) for j in (opening, *downs)]
    supporting = [s for s in sources if not s.counted]
    if supporting:
        listed = ", ".join(
            f"{s.study.id} ({'listed' if s.listed else 'presumed'} in {s.covered_by})"
            for s in supporting
        )
        text = f"supporting detail, not counted again: {listed}"
        if any(not s.listed for s in supporting):
            text += (
                "; trials only presumed to be in a review still vote on the direction"
            )
        reasons.append(
            Reason(
                text=text,
                studies=list(rules.ids(supporting)),
                rule="bodies",
                body=key,
            )
        )
    adverse = [(s.study.id, o.name) for s in sources for o in s.adverse]
    if adverse:
        listed = "; ".join(f"{name} ({sid})" for sid, name in adverse)
        text = f"adverse effects, shown apart from the benefit: {listed}"
        studies = list(dict.fromkeys(sid for sid, _ in adverse))
        reasons.append(
            Reason(text=text, studies=studies, rule="inconsistency", body=key)
        )
    reasons.extend(unpooled_reasons(sources, key))
    reasons.append(_direction_reason(voters, direction, certainty, rating, key))
    lead = rules.lead_source(counted, claim.about)
    return BodyAssessment(
        key=key,
        label=label,
        domain=domain,
        measure=measure,
        relation=kind,
        sources=[_view(s) for s in sources],
        lead=lead.study.id if lead else None,
        start=start,
        certainty=certainty,
        direction=direction,
        rating=rating,
        participants=precision.body_participants(counted)[0],
        small_studies=precision.is_small(counted),
        reasons=reasons,
        pooled=shown,
    )


def unpooled_reasons(sources: Sequence[Source], body: str) -> list[Reason]:
    """One reason per outcome whose figures cannot enter a pool (a paired design without
    its paired estimate, an effect without a CI ...), saying why."""
    found = []
    for source in sources:
        for outcome in source.outcomes:
            why = unpooled_reason(source.study, outcome)
            if why:
                text = f"not pooled: {source.study.id} '{outcome.key}': {why}"
                found.append(
                    Reason(
                        text=text, studies=[source.study.id], rule="pooling", body=body
                    )
                )
    return found


def covered_trials_pool(sources: Sequence[Source], body: str) -> list[PooledEffect]:
    """The trials a review covers, pooled among themselves for the forest plot only."""
    trials = [s for s in sources if not s.counted and not s.study.is_review]
    reviews = sorted({s.covered_by for s in trials if s.covered_by})
    note = (
        f"the covered trials only, for reference: {', '.join(reviews)} already include "
        "them, so this estimate is not counted beside the review"
    )
    found = pool_outcomes([(s.study, o) for s in trials for o in s.outcomes], body=body)
    return [
        p.model_copy(update={"counted": False, "notes": [note, *p.notes]})
        for p in found
    ]


def _view(source: Source) -> SourceView:
    return SourceView(
        study=source.study.id,
        outcomes=[o.key for o in source.outcomes],
        design=source.study.design,
        participants=source.participants,
        direction=rules.body_direction([source]),
        counted=source.counted,
        covered_by=source.covered_by,
    )


def _reason(judgement: Judgement, body: str) -> Reason:
    text = judgement.text
    if judgement.steps:
        steps = "one step" if judgement.steps == 1 else "two steps"
        text = f"rated down {steps} for {judgement.rule.replace('-', ' ')}: {text}"
    return Reason(
        text=text,
        studies=list(judgement.studies),
        rule=judgement.rule,
        body=body,
        steps=judgement.steps,
    )


def _direction_reason(
    counted: Sequence[Source],
    direction: Direction,
    certainty: Certainty,
    rating: Rating,
    body: str,
) -> Reason:
    shares = rules.direction_shares(counted)
    votes = ", ".join(
        f"{d.value} {shares[d]:.0%}" for d in sorted(shares, key=lambda d: -shares[d])
    )
    text = (
        f"direction {direction.value} ({votes} of the votes); "
        f"{certainty.value} certainty, so {rating.value}"
    )
    return Reason(text=text, studies=list(rules.ids(counted)), rule="rating", body=body)
