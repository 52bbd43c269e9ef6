"""Imprecision: how many people a body of evidence holds, and how wide its best interval is.

GRADE rates a body down for imprecision when it holds fewer participants than an optimal
information size, or when its 95% CI spans both no effect and a worthwhile one; and a body
whose size is not known and that gives no 95% CI at all cannot be judged precise, so it is
rated down too. Participants are counted once: the largest review, plus the trials no review
covers. The thresholds are named constants, stated on the methods page.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import NamedTuple

from claimtracker.models import RATIO_METRICS, About, Metric
from claimtracker.sources import (
    NON_SYSTEMATIC_REVIEWS,
    Judgement,
    Source,
    ids,
    lead_source,
)
from claimtracker.synthesis import PooledEffect

#: GRADE's rule of thumb for an optimal information size (participants in the body).
OPTIMAL_INFORMATION_SIZE = 400
#: Fewer participants than this in a whole body is very serious imprecision (two steps).
VERY_FEW_PARTICIPANTS = 100
#: A trial with fewer participants than this is small.
SMALL_TRIAL = 50
#: The smallest standardised mean difference worth having (Cohen's "small").
WORTHWHILE_SMD = 0.2
#: The smallest relative change in a ratio (RR, OR, HR) worth having (GRADE's 25%).
WORTHWHILE_RATIO = 1.25
#: The smallest worthwhile mean difference for units where it is well established:
#: about 2% of submaximal oxygen uptake, one point on a symptom or exertion scale, 1 cm of
#: jump height. Other raw units (seconds, mL) are not judged.
WORTHWHILE_MD: dict[str, float] = {
    "mL/kg/min": 1.0,
    "points on a 0-10 scale": 1.0,
    "points on the 6-20 scale": 1.0,
    "cm": 1.0,
}


def body_participants(sources: Sequence[Source]) -> tuple[int, list[Source]]:
    """Participants in a body: the largest review once, plus the trials no review covers.

    Reviews of one question overlap, so their participants are never added together.
    Scoping and narrative reviews estimate no effect, so they add no participants. Also
    returns the sources whose size is unknown.
    """
    sizing = [s for s in sources if s.study.design not in NON_SYSTEMATIC_REVIEWS]
    reviews = [s.participants for s in sizing if s.study.is_review and s.participants]
    primary = [
        s.participants for s in sizing if not s.study.is_review and s.participants
    ]
    unknown = [s for s in sizing if not s.participants]
    return (max(reviews) if reviews else 0) + sum(primary), unknown


def worthwhile_span(
    metric: Metric, low: float, high: float, unit: str | None = None
) -> bool | None:
    """Does a 95% CI span no effect and a worthwhile effect? None if it cannot be judged.

    A mean difference in raw units is judged only for the units in ``WORTHWHILE_MD``:
    elsewhere what size is worthwhile depends on the outcome (seconds over 400 m or over
    a marathon).
    """
    if metric in RATIO_METRICS:
        low, high, limit = math.log(low), math.log(high), math.log(WORTHWHILE_RATIO)
    elif metric in (Metric.SMD, Metric.ES):
        limit = WORTHWHILE_SMD
    elif metric is Metric.MD and unit in WORTHWHILE_MD:
        limit = WORTHWHILE_MD[unit]
    else:
        return None
    return low < 0 < high and (high >= limit or -low >= limit)


class BestInterval(NamedTuple):
    """The body's best 95% CI, whether it is wide, and the study it belongs to (None for
    a pooled estimate)."""

    label: str
    wide: bool
    study: str | None


def best_interval(
    sources: Sequence[Source], pooled: Sequence[PooledEffect], about: About
) -> BestInterval | None:
    """The body's best 95% CI and whether it is wide: the largest pool, else the CI of
    the source that leads the body, else of any other source."""
    for pool in sorted(pooled, key=lambda p: -p.k):
        wide = worthwhile_span(pool.metric, pool.ci_low, pool.ci_high, pool.unit)
        if wide is not None:
            span = f"{pool.ci_low:.2f} to {pool.ci_high:.2f}"
            label = f"pooled {pool.metric.value} {pool.estimate:.2f} ({span})"
            return BestInterval(label, wide, None)
    lead = lead_source(sources, about)
    ordered = [lead, *(s for s in sources if s is not lead)] if lead else []
    for s in ordered:
        for o in s.outcomes:
            e = o.effect
            if e is not None and e.ci is not None:
                wide = worthwhile_span(e.metric, e.ci[0], e.ci[1], e.unit)
                if wide is not None:
                    unit = f" {e.unit}" if e.unit else ""
                    span = f"{e.ci[0]:g} to {e.ci[1]:g}"
                    return BestInterval(
                        f"{s.study.id} {e.metric.value} {e.value:g}{unit} ({span})",
                        wide,
                        s.study.id,
                    )
    return None


def is_small(sources: Sequence[Source]) -> bool:
    """Few participants in all, or nothing but trials under ``SMALL_TRIAL`` people."""
    total, unknown = body_participants(sources)
    if total and not unknown and total < OPTIMAL_INFORMATION_SIZE:
        return True
    trials = [s for s in sources if not s.study.is_review]
    return (
        bool(sources)
        and len(trials) == len(sources)
        and all((s.participants or 0) < SMALL_TRIAL for s in trials)
    )


def rate_imprecision(
    sources: Sequence[Source],
    pooled: Sequence[PooledEffect],
    about: About,
    spread: Collection[str] = (),
) -> Judgement | None:
    """Rate down for few participants, and for a CI spanning no effect and a worthwhile one.

    ``spread`` names studies whose intervals were already rated as inconsistency (they lie
    apart from another study's): one of their intervals is not rated again here."""
    total, unknown = body_participants(sources)
    parts: list[str] = []
    steps = 0
    if total and not unknown and total < OPTIMAL_INFORMATION_SIZE:
        very = total < VERY_FEW_PARTICIPANTS
        limit = VERY_FEW_PARTICIPANTS if very else OPTIMAL_INFORMATION_SIZE
        parts.append(f"only {total} participants in all (fewer than {limit})")
        steps += 2 if very else 1
    interval = best_interval(sources, pooled, about)
    if interval and interval.wide and interval.study not in spread:
        parts.append(
            f"the 95% CI of {interval.label} spans both no effect and a worthwhile effect"
        )
        steps += 1
    if not size_known(total, unknown) and not any_interval(sources, pooled):
        parts.append(unjudged_text(total, unknown))
        steps += 1
    if not parts:
        return None
    return Judgement("imprecision", min(steps, 2), "; ".join(parts), ids(sources))


def size_known(total: int, unknown: Sequence[Source]) -> bool:
    """Is the body's size known well enough to judge it: every size given, or the known
    sizes alone reaching ``OPTIMAL_INFORMATION_SIZE``?"""
    return total >= OPTIMAL_INFORMATION_SIZE or (total > 0 and not unknown)


def any_interval(sources: Sequence[Source], pooled: Sequence[PooledEffect]) -> bool:
    """Does the body give any 95% CI: a pooled estimate, or a counted study's own?"""
    return bool(pooled) or any(
        o.effect is not None and o.effect.ci is not None
        for s in sources
        for o in s.outcomes
    )


def unjudged_text(total: int, unknown: Sequence[Source]) -> str:
    """Why a body's precision cannot be judged: its size is not known and no CI is given."""
    if unknown:
        missing = ", ".join(s.study.id for s in unknown)
        size = f"participants not known for {missing}"
        if total:
            size += f" (the others hold {total}, fewer than {OPTIMAL_INFORMATION_SIZE})"
    else:
        size = "no participants counted (scoping and narrative reviews pool none)"
    return f"precision cannot be judged: {size}, and no 95% CI is given"
