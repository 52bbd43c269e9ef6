"""Verdict drift: where the editors' published verdict and the engine's assessment differ.

The editorial verdict in a claim file is what is published; the engine's assessment is shown
beside it. Where the two differ in rating or certainty, ``drift_problems`` reports a
``verdict-drift`` warning at the claim's ``verdict:`` line, naming both verdicts and the
engine's main reasons, so adding or correcting a study shows at once which verdicts it moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from claimtracker.grading import Assessment, HasRecords, assess_corpus
from claimtracker.models import Claim
from claimtracker.problems import Problem, problem
from claimtracker.validation import Locator

CODE = "verdict-drift"
#: How many of the engine's reasons a drift message quotes.
MAX_REASONS = 3


class HasFiles(HasRecords, Protocol):
    """A loaded corpus: records, its root folder and each record's file."""

    @property
    def root(self) -> Path: ...

    @property
    def paths(self) -> Mapping[str, Path]: ...


def drifted(claim: Claim, assessment: Assessment) -> bool:
    """Does the published verdict differ from the engine's in rating or certainty?"""
    verdict = claim.verdict
    if verdict is None or assessment.rating is None:
        return False
    return (verdict.rating, verdict.certainty) != (
        assessment.rating,
        assessment.certainty,
    )


def main_reasons(assessment: Assessment) -> list[str]:
    """The rating-downs of the bodies that set the rating, then the claim's own reason."""
    used = {r.body for r in assessment.reasons if r.rule == "claim"}
    downs = [r.text for r in assessment.reasons if r.steps and r.body in used]
    claim = [r.text for r in assessment.reasons if r.rule == "claim"]
    return (downs[: MAX_REASONS - 1] + claim)[:MAX_REASONS]


def drift_message(claim: Claim, assessment: Assessment) -> str:
    verdict = claim.verdict
    assert verdict is not None and assessment.rating and assessment.certainty
    return (
        f"claim '{claim.id}' is published as {verdict.rating.value} ({verdict.certainty.value} "
        f"certainty) but the engine finds {assessment.rating.value} "
        f"({assessment.certainty.value} certainty): "
        + "; ".join(main_reasons(assessment))
    )


def _relative(file: Path | None, root: Path, claim_id: str) -> str:
    if file is None:
        return f"claims/{claim_id}.yaml"
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def drift_problems(
    corpus: HasFiles, assessments: Mapping[str, Assessment] | None = None
) -> list[Problem]:
    """A ``verdict-drift`` warning for every claim whose verdict differs from the engine's."""
    found = assess_corpus(corpus) if assessments is None else assessments
    locator = Locator(corpus.root)
    out: list[Problem] = []
    for claim_id in sorted(corpus.claims):
        claim, assessment = corpus.claims[claim_id], found.get(claim_id)
        if assessment is None or not drifted(claim, assessment):
            continue
        path = _relative(corpus.paths.get(f"claims/{claim_id}"), corpus.root, claim_id)
        line, column = locator.position(path, ("verdict",), key=True)
        out.append(
            problem(
                CODE,
                path,
                line,
                column,
                "verdict",
                drift_message(claim, assessment),
                f"see `claimtracker explain {claim_id}`; change the verdict (adding a history "
                "entry) or correct the evidence",
            )
        )
    return out
