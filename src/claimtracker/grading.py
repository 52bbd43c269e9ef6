"""The verdict engine: rating, certainty, flags and reasons from a claim's linked evidence.

For each claim the engine gathers the linked study outcomes (leaving out retracted and
withdrawn studies), groups them into bodies of evidence and rates each body as GRADE does
(``bodies`` and ``certainty``), then combines the bodies that measure what the claim promises
into one rating on DESIGN.md's five-step scale, with flags, a safe sentence (``wording``) and
pooled estimates (``synthesis``). Every step leaves a ``Reason`` naming its studies, so a
reader can re-derive the verdict::

    from claimtracker.grading import assess_corpus
    assessments = assess_corpus(corpus)          # {claim id: Assessment}

History and product claims are not assessable: their rating and certainty are None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from claimtracker import certainty as rules
from claimtracker.applicability import claimed_direction
from claimtracker.bodies import BodyAssessment, Reason, SourceView, gather, group
from claimtracker.models import (
    CERTAINTY_ORDER,
    Certainty,
    Claim,
    Direction,
    Domain,
    Flag,
    Measure,
    Outcome,
    Rating,
    Study,
)
from claimtracker.provenance import funded_ids
from claimtracker.synthesis import PooledEffect
from claimtracker.wording import safe_sentence

__all__ = [
    "RULES",
    "Assessment",
    "BodyAssessment",
    "Reason",
    "assess_claim",
    "assess_corpus",
]

#: Claim domains the engine does not rate: no study tests them.
NOT_ASSESSABLE = frozenset({Domain.HISTORY, Domain.PRODUCT})

CLAIM_RULES: list[tuple[str, str]] = [
    (
        "evidence",
        "The engine reads the study outcomes a claim links to. Retracted studies and withdrawn "
        "records are left out (a retracted one sets the retracted-source flag). History and "
        "product claims are not rated.",
    ),
    (
        "bodies",
        "Linked outcomes are grouped into bodies of evidence: those measuring what the claim "
        "promises, one body per measure (objective or self-reported), and the rest by their "
        "own domain. A systematic review or meta-analysis covers the trials it lists as "
        "included or, when it lists none, the trials in its scope published no later than "
        "it (what a record does not report, such as when a garment was worn, never puts a "
        "trial out of scope); covered trials are shown as supporting detail and never "
        "counted beside the review.",
    ),
    (
        "pooling",
        "Where two or more counted studies in a body report the same metric with a 95% CI (or "
        "per-arm means, SDs and sizes), they are pooled with a random-effects model. A "
        "crossover trial or other within-subject comparison enters a pool only with its "
        "paired estimate: an effect the paper reports as the paired comparison, or the two "
        "conditions' means and SDs with a stated within-subject correlation (the Cochrane "
        "Handbook's method for crossover trials). Its arms are never treated as two "
        "independent groups. An outcome that cannot be pooled is listed with the reason.",
    ),
    (
        "outcome",
        "A body measuring only a stand-in (physiology for a performance, recovery or medical "
        "claim; a self-rating for a measured result) sets the rating only when nothing direct "
        "is linked, and is then rated down for indirectness.",
    ),
]
RATING_RULES: list[tuple[str, str]] = [
    (
        "rating",
        "A body's direction and certainty give its rating: a benefit at high or moderate "
        "certainty is supported, at low certainty partly supported; no difference (or harm) at "
        "high or moderate certainty is contradicted, at low certainty not supported; a mixed "
        "body (no direction holds 60% of the votes) is partly supported at high or moderate "
        "certainty and unproven at low; anything at very low certainty is unproven. A "
        "safety claim asserts a harm, so for it the two swap: a harm found supports it and "
        "a benefit contradicts it.",
    ),
    (
        "claim",
        "Bodies at very low certainty do not count (nor do their flags) when a more certain "
        "one is linked. When the claim's bodies agree, the most certain one sets the rating. "
        "When some show a benefit (at low certainty or better) and others do not, the claim "
        "is partly supported, at the certainty of the benefit.",
    ),
    (
        "placebo",
        "placebo-possible is set when the benefit for the claim's outcomes shows only in "
        "self-reported outcomes, and none of the studies showing it used a sham garment or "
        "blinded its participants.",
    ),
    (
        "surrogate",
        "surrogate-outcome is set when the rating rests on stand-in outcomes, or when linked "
        "physiological markers show a benefit that the direct outcomes do not.",
    ),
]

#: Every rule in plain words, in the order the engine applies them: (name, description).
RULES: list[tuple[str, str]] = CLAIM_RULES + rules.RULES + RATING_RULES


class Assessment(BaseModel):
    """The engine's verdict on one claim."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    claim: str
    rating: Rating | None
    certainty: Certainty | None
    flags: list[Flag]
    reasons: list[Reason]
    safe_sentence: str
    pooled: list[PooledEffect]
    bodies: list[BodyAssessment] = []
    excluded: list[str] = []

    @property
    def assessable(self) -> bool:
        return self.rating is not None


class HasRecords(Protocol):
    """Anything holding claims and studies by id (a ``store.Corpus``)."""

    @property
    def claims(self) -> Mapping[str, Claim]: ...

    @property
    def studies(self) -> Mapping[str, Study]: ...


def assess_corpus(corpus: HasRecords) -> dict[str, Assessment]:
    """The assessment of every claim in the corpus, by claim id."""
    return {
        cid: assess_claim(corpus.claims[cid], corpus.studies)
        for cid in sorted(corpus.claims)
    }


def assess_claim(claim: Claim, studies: Mapping[str, Study]) -> Assessment:
    """The engine's assessment of one claim against the studies it links to."""
    if claim.domain in NOT_ASSESSABLE:
        text = f"not assessable: a {claim.domain.value} claim is not about an effect studies test"
        return Assessment(
            claim=claim.id,
            rating=None,
            certainty=None,
            flags=[],
            reasons=[Reason(text=text, rule="evidence")],
            safe_sentence=safe_sentence(claim.proposition, None, None),
            pooled=[],
        )
    linked, left_out, retracted = gather(claim, studies)
    excluded = [s for r in left_out for s in r.studies]
    flags = {Flag.RETRACTED_SOURCE} if retracted else set()
    if not linked:
        return Assessment(
            claim=claim.id,
            rating=Rating.UNPROVEN,
            certainty=Certainty.VERY_LOW,
            flags=sorted(flags, key=list(Flag).index),
            reasons=[
                *left_out,
                Reason(text="no usable linked evidence: unproven", rule="claim"),
            ],
            safe_sentence=safe_sentence(
                claim.proposition, Rating.UNPROVEN, Certainty.VERY_LOW
            ),
            pooled=[],
            excluded=excluded,
        )
    bodies = group(claim, linked)
    used = [b for b in bodies if b.relation == "direct"] or bodies
    claimed = claimed_direction(claim.domain)
    rating, certainty, split, best = combine(used, claimed)
    flags |= claim_flags(bodies, counting(used), linked)
    reasons = [*left_out]
    for body in bodies:
        reasons.append(_body_heading(body, used))
        reasons.extend(body.reasons)
    reasons.append(_claim_reason(rating, certainty, split, best, used, claimed))
    reasons.extend(
        _flag_reasons(flags, bodies, [s for s, _ in linked if s.funding.industry])
    )
    sentence = safe_sentence(
        claim.proposition,
        rating,
        certainty,
        split=split,
        placebo=Flag.PLACEBO_POSSIBLE in flags,
        indirect=Flag.INDIRECT_EVIDENCE in flags,
    )
    return Assessment(
        claim=claim.id,
        rating=rating,
        certainty=certainty,
        flags=sorted(flags, key=list(Flag).index),
        reasons=reasons,
        safe_sentence=sentence,
        pooled=[p for b in bodies for p in b.pooled],
        bodies=bodies,
        excluded=excluded,
    )


def _strength(body: BodyAssessment) -> tuple[int, int, int]:
    counted = sum(v.counted for v in body.sources)
    return CERTAINTY_ORDER.index(body.certainty), counted, body.participants


def counting(bodies: Sequence[BodyAssessment]) -> list[BodyAssessment]:
    """The bodies the rating counts: those above very low certainty, else all of them."""
    usable = [b for b in bodies if b.certainty is not Certainty.VERY_LOW]
    return usable or list(bodies)


def combine(
    bodies: Sequence[BodyAssessment],
    claimed: Direction = Direction.BENEFIT,
) -> tuple[Rating, Certainty, bool, BodyAssessment]:
    """The claim's rating and certainty from its bodies, whether the effect it claims (a
    benefit, or a harm for a safety claim) is on some outcomes only, and the body that
    decided."""
    usable = counting(bodies)
    benefit = [
        b
        for b in usable
        if b.direction is claimed and b.certainty is not Certainty.VERY_LOW
    ]
    if benefit and len(benefit) < len(usable):
        best = max(benefit, key=_strength)
        return Rating.PARTLY_SUPPORTED, best.certainty, True, best
    best = max(usable, key=_strength)
    return best.rating, best.certainty, False, best


def claim_flags(
    bodies: Sequence[BodyAssessment],
    used: Sequence[BodyAssessment],
    linked: Sequence[tuple[Study, Outcome]],
) -> set[Flag]:
    """The flags from the bodies that set the rating, and from all the linked evidence."""
    flags: set[Flag] = set()
    for body in used:
        if body.fired("inconsistency"):
            flags.add(Flag.CONFLICTING_EVIDENCE)
        if any(
            r.rule == "indirectness"
            and ("other people" in r.text or "other garments" in r.text)
            for r in body.reasons
        ):
            flags.add(Flag.INDIRECT_EVIDENCE)
        if body.small_studies:
            flags.add(Flag.SMALL_STUDIES)
    if any(s.funding.industry for s, _ in linked):
        flags.add(Flag.INDUSTRY_FUNDED)
    if is_placebo_possible(bodies, {s.id: s for s, _ in linked}):
        flags.add(Flag.PLACEBO_POSSIBLE)
    direct_benefit = any(
        b.direction is Direction.BENEFIT for b in bodies if b.relation == "direct"
    )
    surrogates = [b for b in bodies if b.relation == "surrogate"]
    if any(b.relation == "surrogate" for b in used) or (
        not direct_benefit and any(b.direction is Direction.BENEFIT for b in surrogates)
    ):
        flags.add(Flag.SURROGATE_OUTCOME)
    return flags


def _benefit_shown(
    bodies: Sequence[BodyAssessment], measure: Measure
) -> list[SourceView]:
    """Counted studies showing a benefit on the claim's own outcomes, measured this way."""
    return [
        v
        for b in bodies
        if b.relation in ("direct", "stand-in") and b.measure is measure
        for v in b.sources
        if v.counted and v.direction is Direction.BENEFIT
    ]


def is_placebo_possible(
    bodies: Sequence[BodyAssessment], studies: Mapping[str, Study]
) -> bool:
    """The claim's benefit shows only in self-reported outcomes, and no study showing it
    used a sham garment or blinded its participants."""
    felt = _benefit_shown(bodies, Measure.SELF_REPORTED)
    return (
        bool(felt)
        and not _benefit_shown(bodies, Measure.OBJECTIVE)
        and not any(rules.is_placebo_controlled(studies[v.study]) for v in felt)
    )


def _body_heading(body: BodyAssessment, used: Sequence[BodyAssessment]) -> Reason:
    role = "sets the rating" if body in used else "shown, not used for the rating"
    counted = sum(v.counted for v in body.sources)
    text = (
        f"{body.label} ({body.relation}; {role}): {len(body.sources)} "
        f"{'study' if len(body.sources) == 1 else 'studies'}, {counted} counted, "
        f"led by {body.lead}"
    )
    return Reason(
        text=text, studies=[v.study for v in body.sources], rule="bodies", body=body.key
    )


def _claim_reason(
    rating: Rating,
    certainty: Certainty,
    split: bool,
    best: BodyAssessment,
    used: Sequence[BodyAssessment],
    claimed: Direction = Direction.BENEFIT,
) -> Reason:
    verdict = f"{rating.value}, {certainty.value} certainty"
    if split:
        others = [b.label for b in used if b.direction is not claimed]
        text = (
            f"{claimed.value} on {best.label} but not on {', '.join(others)}, "
            f"so partly supported: {verdict}"
        )
    else:
        text = f"the claim's rating comes from {best.label}: {verdict}"
    counted = [v.study for v in best.sources if v.counted]
    return Reason(text=text, studies=counted, rule="claim", body=best.key)


def _flag_reasons(
    flags: set[Flag], bodies: Sequence[BodyAssessment], funded: Sequence[Study]
) -> list[Reason]:
    out: list[Reason] = []
    if Flag.PLACEBO_POSSIBLE in flags:
        felt = list(
            dict.fromkeys(
                v.study for v in _benefit_shown(bodies, Measure.SELF_REPORTED)
            )
        )
        text = (
            "placebo-possible: the benefit shows only in self-reported outcomes, "
            f"with no sham garment or blinding ({', '.join(felt)})"
        )
        out.append(Reason(text=text, studies=felt, rule="placebo"))
    if Flag.SURROGATE_OUTCOME in flags:
        found = list(
            dict.fromkeys(
                v.study for b in bodies if b.relation == "surrogate" for v in b.sources
            )
        )
        text = f"surrogate-outcome: physiological markers stand in ({', '.join(found)})"
        out.append(Reason(text=text, studies=found, rule="surrogate"))
    if Flag.INDUSTRY_FUNDED in flags:
        unique = list({s.id: s for s in funded}.values())
        found = [s.id for s in unique]
        text = (
            f"industry-funded: {funded_ids(unique)} funded by or tied to garment makers"
        )
        out.append(Reason(text=text, studies=found, rule="publication"))
    return out
