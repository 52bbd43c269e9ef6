"""The studies counted in a body of evidence, and how each one votes.

A ``Source`` is one study in a body with the outcomes linked there. It is *counted* unless a
review in the same body covers it; a covered trial is supporting detail, never extra
evidence beside its review. ``lead_source`` picks the study that leads a body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from claimtracker.applicability import distance
from claimtracker.models import (
    CERTAINTY_ORDER,
    RANDOMISED_DESIGNS,
    About,
    Bias,
    Blinding,
    Certainty,
    Comparator,
    Design,
    Direction,
    Outcome,
    Study,
)

#: A systematic review or meta-analysis speaks for several trials: its vote counts this much.
REVIEW_VOTE = 3
#: Reviews that synthesise trials systematically, and so start high like their trials.
SYSTEMATIC_REVIEWS = frozenset({Design.META_ANALYSIS, Design.SYSTEMATIC_REVIEW})
#: Reviews that map or describe studies without pooling their effects.
NON_SYSTEMATIC_REVIEWS = frozenset({Design.SCOPING_REVIEW, Design.NARRATIVE_REVIEW})
#: Review designs ranked for leading a body (lower leads).
REVIEW_RANK: dict[Design, int] = {
    Design.META_ANALYSIS: 0,
    Design.SYSTEMATIC_REVIEW: 1,
    Design.SCOPING_REVIEW: 2,
    Design.NARRATIVE_REVIEW: 3,
}


@dataclass(frozen=True)
class Source:
    """One study in a body with its linked outcomes there; counted unless a review covers it."""

    study: Study
    outcomes: tuple[Outcome, ...]
    covered_by: str | None = None
    listed: bool = False

    @property
    def counted(self) -> bool:
        return self.covered_by is None

    @property
    def votes_in_body(self) -> bool:
        """Counted, or covered only by date: its direction still shows in the votes."""
        return self.covered_by is None or not self.listed

    @property
    def weight(self) -> float:
        """How much its vote counts: ``REVIEW_VOTE`` for a systematic review, else 1."""
        return REVIEW_VOTE if self.study.design in SYSTEMATIC_REVIEWS else 1.0

    @cached_property
    def adverse(self) -> tuple[Outcome, ...]:
        """Harms beside a benefit in the same study: adverse effects, not votes against it."""
        if not any(o.direction is Direction.BENEFIT for o in self.outcomes):
            return ()
        return tuple(o for o in self.outcomes if o.direction is Direction.HARM)

    @cached_property
    def votes(self) -> dict[Direction, float]:
        """Its weight, split evenly across its outcomes (adverse effects aside); a mixed
        outcome splits its part between benefit and no difference."""
        votes: dict[Direction, float] = {}
        adverse = {id(o) for o in self.adverse}
        voting = [o for o in self.outcomes if id(o) not in adverse]
        share = self.weight / len(voting)
        for outcome in voting:
            if outcome.direction is Direction.MIXED:
                parts = {
                    Direction.BENEFIT: share / 2,
                    Direction.NO_DIFFERENCE: share / 2,
                }
            else:
                parts = {outcome.direction: share}
            for direction, value in parts.items():
                votes[direction] = votes.get(direction, 0.0) + value
        return votes

    @property
    def participants(self) -> int | None:
        """Participants behind the linked outcomes, else the study's."""
        linked = [
            o.effect.participants
            for o in self.outcomes
            if o.effect and o.effect.participants
        ]
        return max(linked) if linked else self.study.participants.n


@dataclass(frozen=True)
class Judgement:
    """The outcome of one rule: steps down (0 for the start) and a sentence naming studies."""

    rule: str
    steps: int
    text: str
    studies: tuple[str, ...] = ()


def is_randomised_evidence(study: Study) -> bool:
    """Randomised trials, and systematic reviews or meta-analyses (which pool trials)."""
    return study.design in RANDOMISED_DESIGNS or study.design in SYSTEMATIC_REVIEWS


def is_placebo_controlled(study: Study) -> bool:
    """A sham garment, or participants who did not know which condition they had."""
    blinded = study.blinding in (Blinding.PARTICIPANTS, Blinding.DOUBLE)
    return blinded or study.comparator is Comparator.SHAM_GARMENT


def lower(certainty: Certainty, steps: int) -> Certainty:
    """Move ``steps`` down the certainty scale, stopping at very low."""
    index = CERTAINTY_ORDER.index(certainty)
    return CERTAINTY_ORDER[max(0, index - steps)]


def ids(sources: Sequence[Source]) -> tuple[str, ...]:
    return tuple(s.study.id for s in sources)


def noun(sources: Sequence[Source]) -> str:
    """'trials', 'reviews' or 'studies', whichever describes all of them."""
    if sources and all(s.study.design in RANDOMISED_DESIGNS for s in sources):
        return "trials" if len(sources) > 1 else "trial"
    if sources and all(s.study.is_review for s in sources):
        return "reviews" if len(sources) > 1 else "review"
    return "studies" if len(sources) != 1 else "study"


def lead_source(sources: Sequence[Source], about: About) -> Source | None:
    """The source that leads a body: the best, most direct review; else the largest trial."""

    def key(s: Source) -> tuple[int, int, int, int, int, int]:
        study = s.study
        has_ci = any(o.effect and o.effect.ci for o in s.outcomes)
        return (
            REVIEW_RANK.get(study.design, len(REVIEW_RANK)),
            sum(distance(about, study)),
            1 if study.risk_of_bias.rating is Bias.HIGH else 0,
            0 if has_ci else 1,
            -(s.participants or 0),
            -study.year,
        )

    return min(sources, key=key) if sources else None
