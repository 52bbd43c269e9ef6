"""GRADE-style certainty rules for one body of evidence.

A *body* is the set of linked outcomes that measure one kind of thing (an outcome domain,
measured objectively or self-reported). Its *sources* are the studies counted in it: reviews,
and trials no review in the body covers. Trials a review covers are supporting detail and never
reach these rules as extra evidence beside it.

Each rule is one small function that looks at the sources and returns a ``Judgement`` (how many
steps to rate down, and why, naming the studies) or ``None``. Thresholds are named constants;
``RULES`` lists every rule in plain words for the methods page. Imprecision (participants
and intervals) has its own module, ``precision``.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimtracker.applicability import (
    BROAD_CLAIM_KINDS,
    VERY_INDIRECT,
    distance,
    garment_words,
)
from claimtracker.models import (
    CERTAINTY_ORDER,
    About,
    Bias,
    Certainty,
    Direction,
    Integrity,
    Measure,
)
from claimtracker.precision import (
    OPTIMAL_INFORMATION_SIZE,
    SMALL_TRIAL,
    VERY_FEW_PARTICIPANTS,
    WORTHWHILE_RATIO,
    WORTHWHILE_SMD,
)
from claimtracker.provenance import funded_ids
from claimtracker.sources import (
    REVIEW_VOTE,
    SYSTEMATIC_REVIEWS,
    Judgement,
    Source,
    ids,
    is_placebo_controlled,
    is_randomised_evidence,
    lead_source,
    lower,
    noun,
)
from claimtracker.synthesis import PooledEffect

__all__ = [
    "RULES",
    "SYSTEMATIC_REVIEWS",
    "Judgement",
    "Source",
    "ids",
    "is_placebo_controlled",
    "lead_source",
    "lower",
]

#: Share of a body's sources that must share a concern before it is rated down.
SERIOUS_SHARE = 0.5
#: A body's direction holds at least this share of its sources' votes; else it is mixed.
DIRECTION_MAJORITY = 0.6
#: Rated down for inconsistency when this share of the votes disagrees with the majority.
INCONSISTENCY_SHARE = 0.25
#: Rated down for inconsistency when a pooled estimate's I^2 reaches this.
I2_SERIOUS = 0.5
_EPS = 1e-9

RULES: list[tuple[str, str]] = [
    (
        "start",
        "Randomised evidence (randomised trials, and systematic reviews or meta-analyses, "
        "which pool trials) starts at high certainty; non-randomised and observational "
        "studies, and scoping or narrative reviews, start low. A body starts high when at "
        "least half of its sources are randomised evidence.",
    ),
    (
        "risk-of-bias",
        f"Rated down one step when at least {SERIOUS_SHARE:.0%} of a body's sources carry a "
        "risk of bias: rated at high risk of bias, under an expression of concern, or "
        "measuring a self-reported outcome on participants who knew what they wore (no sham "
        "garment, no participant blinding). Two steps when that share carries two concerns.",
    ),
    (
        "inconsistency",
        "Each study votes for the direction it found: a systematic review or meta-analysis "
        f"counts {REVIEW_VOTE} votes, as it speaks for several trials; a mixed finding splits "
        "its vote between benefit and no difference; a harm beside a benefit in the same study "
        "is an adverse effect, shown apart. Trials a review is presumed to include (by date, "
        "when it lists none) vote too. Rated down one step when at least "
        f"{INCONSISTENCY_SHARE:.0%} of the votes disagree with the majority, or when a pooled "
        f"estimate has an I\u00b2 of {I2_SERIOUS:.0%} or more; two steps when benefit and "
        f"harm each hold that share, or when no direction holds {DIRECTION_MAJORITY:.0%} of "
        "the votes (the studies split with no clear majority). Sets the "
        "conflicting-evidence flag.",
    ),
    (
        "indirectness",
        "Computed from the records: each study's people and garment are compared with the "
        "claim's. Runners of any level are the same people as 'runners'; athletes and active "
        "adults overlap; athletes are close to runners; patients are other people. Stockings "
        "or sleeves for a socks claim are close; tights are another garment. A study of mixed "
        f"people or mixed garments answers a claim covering {BROAD_CLAIM_KINDS} or more kinds "
        "directly, and is close for a claim about one kind. Rated down one "
        "step when at least half the sources differ; two when they are far off in both. An "
        "outcome that only stands in for the promise (a blood-flow reading for a performance "
        "claim, a self-rating for a measured result) adds a step. Sets indirect-evidence.",
    ),
    (
        "imprecision",
        f"Rated down one step when the body holds fewer than {OPTIMAL_INFORMATION_SIZE} "
        "participants (a review's participants count once, the trials it includes are never "
        "added), or when the best estimate's 95% CI spans both no effect and a worthwhile one "
        f"(an SMD of {WORTHWHILE_SMD}, or a {WORTHWHILE_RATIO - 1:.0%} change in a ratio); two "
        f"steps when both hold, or when there are fewer than {VERY_FEW_PARTICIPANTS} "
        "participants. A body whose size is not known and that gives no 95% CI at all cannot "
        "be judged precise, and is rated down one step. Few participants, or only trials "
        f"under {SMALL_TRIAL} people, set the small-studies flag.",
    ),
    (
        "publication",
        f"Rated down one step when at least {SERIOUS_SHARE:.0%} of a body's sources were "
        "funded by a garment maker or have authors tied to one. Any such linked study sets "
        "the industry-funded flag.",
    ),
    (
        "review-grading",
        "Where a systematic review or meta-analysis in a body reports the GRADE certainty of "
        "its own estimates, the body goes no higher than the highest certainty it gives them: "
        "the review's authors judged its trials' risk of bias, consistency and precision from "
        "more than our records hold.",
    ),
]


def _serious(part: Sequence[object], whole: Sequence[object]) -> bool:
    return bool(part) and len(part) >= SERIOUS_SHARE * len(whole) - _EPS


def _list(sources: Sequence[Source]) -> str:
    return ", ".join(ids(sources))


def _share(part: Sequence[Source], whole: Sequence[Source]) -> str:
    return f"{len(part)} of {len(whole)} {noun(whole)}"


# --------------------------------------------------------------------------- rules


def rate_start(sources: Sequence[Source]) -> tuple[Certainty, Judgement]:
    """Randomised evidence starts high; otherwise low."""
    randomised = [s for s in sources if is_randomised_evidence(s.study)]
    others = [s for s in sources if not is_randomised_evidence(s.study)]
    if len(randomised) * 2 >= len(sources):
        text = (
            f"starts high: {len(randomised)} of {len(sources)} counted {noun(sources)} are "
            "randomised evidence (randomised trials, or systematic reviews of trials)"
        )
        return Certainty.HIGH, Judgement("start", 0, text, ids(randomised))
    text = (
        f"starts low: {len(others)} of {len(sources)} counted {noun(sources)} are "
        "non-randomised or observational, or reviews that do not pool trials"
    )
    return Certainty.LOW, Judgement("start", 0, text, ids(others))


def bias_concerns(source: Source, measure: Measure) -> list[str]:
    """The risk-of-bias concerns of one source in a body of this measure."""
    study = source.study
    concerns: list[str] = []
    if study.risk_of_bias.rating is Bias.HIGH:
        concerns.append("high")
    if study.integrity.status is Integrity.EXPRESSION_OF_CONCERN:
        concerns.append("concern")
    if measure is Measure.SELF_REPORTED and not is_placebo_controlled(study):
        concerns.append("unblinded")
    return concerns


def rate_risk_of_bias(
    sources: Sequence[Source], measure: Measure, label: str
) -> Judgement | None:
    """Rate down when most sources are at risk of bias (two steps when doubly so)."""
    concerns = {s.study.id: bias_concerns(s, measure) for s in sources}
    at_risk = [s for s in sources if concerns[s.study.id]]
    if not _serious(at_risk, sources):
        return None
    double = [s for s in sources if len(concerns[s.study.id]) >= 2]
    steps = 2 if _serious(double, sources) else 1
    parts = []
    unblinded = [s for s in at_risk if "unblinded" in concerns[s.study.id]]
    if unblinded:
        parts.append(
            f"{_share(unblinded, sources)} unblinded on {label} ({_list(unblinded)})"
        )
    high = [s for s in at_risk if "high" in concerns[s.study.id]]
    if high:
        parts.append(f"{_share(high, sources)} at high risk of bias ({_list(high)})")
    noted = [s for s in at_risk if "concern" in concerns[s.study.id]]
    if noted:
        parts.append(f"an expression of concern on {_list(noted)}")
    return Judgement("risk-of-bias", steps, "; ".join(parts), ids(at_risk))


def direction_shares(sources: Sequence[Source]) -> dict[Direction, float]:
    """Each direction's share of the body's votes (one vote per source)."""
    totals: dict[Direction, float] = {}
    for s in sources:
        for direction, value in s.votes.items():
            totals[direction] = totals.get(direction, 0.0) + value
    whole = sum(totals.values()) or 1.0
    return {d: v / whole for d, v in totals.items()}


def body_direction(sources: Sequence[Source]) -> Direction:
    """The direction holding at least ``DIRECTION_MAJORITY`` of the votes, else mixed."""
    shares = direction_shares(sources)
    if not shares:
        return Direction.MIXED
    best = max(shares, key=lambda d: shares[d])
    return best if shares[best] >= DIRECTION_MAJORITY - _EPS else Direction.MIXED


def rate_inconsistency(
    sources: Sequence[Source], pooled: Sequence[PooledEffect]
) -> Judgement | None:
    """Rate down when the sources' directions disagree, or a pooled estimate varies widely."""
    if len(sources) >= 2:
        shares = direction_shares(sources)
        majority = max(shares, key=lambda d: shares[d])
        if 1 - shares[majority] >= INCONSISTENCY_SHARE - _EPS:
            benefit, harm = (
                shares.get(Direction.BENEFIT, 0),
                shares.get(Direction.HARM, 0),
            )
            opposed = min(benefit, harm) >= INCONSISTENCY_SHARE - _EPS
            split = shares[majority] < DIRECTION_MAJORITY - _EPS
            groups = []
            for direction in Direction:
                found = [
                    s
                    for s in sources
                    if any(o.direction is direction for o in s.outcomes)
                ]
                if found:
                    groups.append(f"{direction.value}: {_list(found)}")
            text = f"directions disagree ({'; '.join(groups)})"
            if split:
                text += (
                    f"; no direction holds {DIRECTION_MAJORITY:.0%} of the votes, so the "
                    "studies point different ways with no clear majority"
                )
            steps = 2 if opposed or split else 1
            return Judgement("inconsistency", steps, text, ids(sources))
    for pool in pooled:
        if pool.i2 >= I2_SERIOUS:
            studies = tuple(dict.fromkeys(r.study for r in pool.rows))
            text = (
                f"pooled {pool.metric.value} estimates vary widely "
                f"(I\u00b2 {pool.i2:.0%}, k={pool.k})"
            )
            return Judgement("inconsistency", 1, text, studies)
    return None


def rate_indirectness(
    sources: Sequence[Source], about: About, outcome_note: str | None
) -> Judgement | None:
    """Rate down when most sources studied other people or garments than the claim's."""
    far = {s.study.id: distance(about, s.study) for s in sources}
    indirect = [s for s in sources if sum(far[s.study.id])]
    steps, parts = 0, []
    if _serious(indirect, sources):
        very = [s for s in sources if sum(far[s.study.id]) >= VERY_INDIRECT]
        steps = 2 if _serious(very, sources) else 1
        people = [s for s in indirect if far[s.study.id][0]]
        if people:
            found = ", ".join(
                f"{s.study.id} ({s.study.participants.population.value})"
                for s in people
            )
            parts.append(
                f"other people than the claim's in {_share(people, sources)}: {found}"
            )
        garment = [s for s in indirect if far[s.study.id][1]]
        if garment:
            found = ", ".join(
                f"{s.study.id} ({garment_words(s.study)})" for s in garment
            )
            parts.append(
                f"other garments or use in {_share(garment, sources)}: {found}"
            )
    if outcome_note:
        steps += 1
        parts.append(outcome_note)
    if not steps:
        return None
    return Judgement(
        "indirectness", min(steps, 2), "; ".join(parts), ids(indirect or sources)
    )


def rate_publication(sources: Sequence[Source]) -> Judgement | None:
    """Rate down when most sources were funded by, or tied to, garment makers."""
    funded = [s for s in sources if s.study.funding.industry]
    if not _serious(funded, sources):
        return None
    text = f"{_share(funded, sources)} funded by or tied to garment makers ({funded_ids(s.study for s in funded)})"
    return Judgement("publication", 1, text, ids(funded))


def rate_review_grading(
    sources: Sequence[Source], certainty: Certainty
) -> Judgement | None:
    """Go no higher than the certainty a review in the body gives its own estimates."""
    graded = [
        (s, o.effect.certainty)
        for s in sources
        if s.study.is_review
        for o in s.outcomes
        if o.effect is not None and o.effect.certainty is not None
    ]
    if not graded:
        return None
    ceiling = max((c for _, c in graded), key=CERTAINTY_ORDER.index)
    steps = CERTAINTY_ORDER.index(certainty) - CERTAINTY_ORDER.index(ceiling)
    if steps <= 0:
        return None
    by = list({s.study.id: s for s, c in graded if c is ceiling}.values())
    text = (
        f"{_list(by)} gives its own estimates here {ceiling.value} certainty at most, and "
        "the body goes no higher than a review's own GRADE rating"
    )
    return Judgement("review-grading", steps, text, ids(by))
