"""``claimtracker explain CLAIM_ID``: how the engine reached its assessment, step by step."""

from __future__ import annotations

import difflib
import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from claimtracker.cli.app import RootOption, app, project_root, usage_error

if TYPE_CHECKING:
    from claimtracker.grading import Assessment, BodyAssessment
    from claimtracker.models import Claim
    from claimtracker.synthesis import PooledEffect


class ExplainFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command("explain")
def explain(
    claim_id: Annotated[
        str, typer.Argument(help="Id of the claim (its file name in claims/).")
    ],
    fmt: Annotated[
        ExplainFormat,
        typer.Option("--format", help="text for people, json for programs."),
    ] = ExplainFormat.TEXT,
    root: RootOption = None,
) -> None:
    """Show how the engine rates a claim: bodies, rating-downs, pooled effects, flags."""
    from claimtracker.grading import assess_claim
    from claimtracker.store import load_corpus

    corpus = load_corpus(project_root(root), cross_checks=False)
    claim = corpus.claims.get(claim_id)
    if claim is None:
        close = difflib.get_close_matches(claim_id, list(corpus.claims), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        bad = any(p.path == f"claims/{claim_id}.yaml" for p in corpus.problems)
        why = "is invalid (run `claimtracker validate`)" if bad else "is not in claims/"
        raise usage_error(f"claim '{claim_id}' {why}{hint}")
    assessment = assess_claim(claim, corpus.studies)
    if fmt is ExplainFormat.JSON:
        typer.echo(
            json.dumps(assessment.model_dump(mode="json"), indent=2, ensure_ascii=False)
        )
    else:
        typer.echo(render_text(claim, assessment))


def _verdict(rating: object, certainty: object, flags: list[str]) -> str:
    if rating is None:
        return "not rated"
    tail = f" [{', '.join(flags)}]" if flags else ""
    return f"{rating}, {certainty} certainty{tail}"


def _pooled(pool: PooledEffect) -> str:
    unit = f" {pool.unit}" if pool.unit else ""
    side = {1: "above", -1: "below"}.get(pool.benefit_sign or 0)
    favours = f"; values {side} {pool.null_value:g} favour compression" if side else ""
    role = "" if pool.counted else " [covered trials, for reference only]"
    return (
        f"pooled {pool.metric.value}{unit} {pool.estimate:.3g} "
        f"(95% CI {pool.ci_low:.3g} to {pool.ci_high:.3g}), k={pool.k}, "
        f"tau\u00b2 {pool.tau2:.3g}, I\u00b2 {pool.i2:.0%} (DerSimonian-Laird); "
        f"Paule-Mandel {pool.pm_estimate:.3g}, tau\u00b2 {pool.pm_tau2:.3g}{favours}{role}"
    )


def _body(number: int, body: BodyAssessment, used: bool) -> list[str]:
    role = "sets the rating" if used else "shown, not used for the rating"
    lines = [f"{number}. {body.label} ({body.relation}; {role})"]
    for view in body.sources:
        size = f"n={view.participants}" if view.participants else "n unknown"
        role_word = "counted" if view.counted else f"in {view.covered_by}"
        lines.append(
            f"     {view.study:<28} {view.design.value:<18} {size:<10} "
            f"{view.direction.value:<14} {role_word}"
        )
    lines += [f"   - {r.text}" for r in body.reasons]
    lines += [f"   - {_pooled(p)}" for p in body.pooled]
    return lines


def render_text(claim: Claim, assessment: Assessment) -> str:
    """The derivation as a reader follows it, top to bottom."""
    verdict = claim.verdict
    lines = [
        f"claim: {claim.id}",
        f"proposition: {' '.join(claim.proposition.split())}",
        "editorial verdict: "
        + (
            _verdict(
                verdict.rating.value,
                verdict.certainty.value,
                [f.value for f in verdict.flags],
            )
            if verdict
            else "none"
        ),
        "engine: "
        + _verdict(
            assessment.rating.value if assessment.rating else None,
            assessment.certainty.value if assessment.certainty else None,
            [f.value for f in assessment.flags],
        ),
        "",
    ]
    left_out = [r for r in assessment.reasons if r.rule == "evidence"]
    if left_out:
        lines += ["left out:", *[f"  - {r.text}" for r in left_out], ""]
    used = {r.body for r in assessment.reasons if r.rule == "claim"}
    decisive = {b.key for b in assessment.bodies if b.relation == "direct"} or {
        b.key for b in assessment.bodies
    }
    for number, body in enumerate(assessment.bodies, start=1):
        lines += [*_body(number, body, body.key in decisive | used), ""]
    tail = [
        r for r in assessment.reasons if r.rule in ("claim", "placebo", "surrogate")
    ]
    tail += [
        r for r in assessment.reasons if r.rule == "publication" and r.body is None
    ]
    lines += [f"result: {r.text}" for r in tail]
    lines += ["", f"safe sentence: {assessment.safe_sentence}"]
    return "\n".join(lines)
