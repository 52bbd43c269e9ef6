"""Check a draft: which sentences make tracked claims, what the verdict is, what to say instead.

:func:`check_draft` is what both faces call (``claimtracker check`` and the dashboard's "Check a
draft" page). It matches the draft with :mod:`claimtracker.matching`, then gives each
(sentence, claim) pair the claim's *published* editorial verdict, the wording a writer can use
(the verdict's ``safe_wording``, else the engine's safe sentence) and short citations of the
claim's evidence. A sentence may assert a claim or deny it ("compression won't make you
faster"); either way it is reported, with whether it agrees with our verdict, so a writer sees
which sentences are safe as they stand. :func:`report_json`, :func:`report_text` and
:func:`report_markdown` render the result; the JSON shape is the contract pipelines rely on::

    {"findings": [{"sentence", "start", "end", "claim", "proposition", "stance",
                   "agrees_with_verdict", "rating", "certainty", "flags", "score",
                   "safe_wording", "citations": [...]}],
     "summary": {...}}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from claimtracker.citations import (
    evidence_studies,
    format_short_citation,
    short_citation,
)
from claimtracker.exports import AssessmentLike, is_reviewable
from claimtracker.matching import Matcher
from claimtracker.models import RATING_VALUES, Certainty, Claim, Flag, Rating, Study
from claimtracker.sentences import Sentence, split_sentences

#: The default ``--fail-on``: a finding rated this or worse fails the check.
DEFAULT_FAIL_ON = Rating.UNPROVEN
#: Ratings a sentence asserting the claim agrees with; a denial agrees with the others.
BACKED = frozenset({Rating.SUPPORTED, Rating.PARTLY_SUPPORTED})
#: What our verdict says of the opposite of a claim, for a sentence denying it: a denial of a
#: supported claim is as wrong as asserting a contradicted one.
DENIED_RATING = {
    Rating.SUPPORTED: Rating.CONTRADICTED,
    Rating.PARTLY_SUPPORTED: Rating.NOT_SUPPORTED,
}


@dataclass(frozen=True)
class Finding:
    """One sentence of the draft making one tracked claim."""

    sentence: Sentence
    claim: Claim
    score: float
    rating: Rating
    certainty: Certainty
    flags: tuple[Flag, ...]
    safe_wording: str | None
    citations: tuple[dict[str, Any], ...]
    #: Whether the sentence asserts the claim or denies it.
    stance: Literal["asserts", "denies"] = "asserts"

    @property
    def agrees(self) -> bool:
        """True when the sentence says what our verdict says: it asserts a claim rated
        supported or partly supported, or denies one rated unproven or worse."""
        return (self.rating in BACKED) == (self.stance == "asserts")

    def as_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "claim": self.claim.id,
            "proposition": self.claim.proposition,
            "stance": self.stance,
            "agrees_with_verdict": self.agrees,
            "rating": self.rating.value,
            "certainty": self.certainty.value,
            "flags": [f.value for f in self.flags],
            "score": self.score,
            "safe_wording": self.safe_wording,
            "citations": [dict(c) for c in self.citations],
        }


@dataclass(frozen=True)
class DraftReport:
    """The findings of one draft, and how many sentences it had."""

    findings: tuple[Finding, ...]
    sentences: int


def build_matcher(claims: Mapping[str, Claim]) -> Matcher:
    """A matcher over the claims a draft can be checked against: published ones with a verdict."""
    return Matcher(c for c in claims.values() if is_reviewable(c))


def check_draft(
    text: str,
    claims: Mapping[str, Claim],
    studies: Mapping[str, Study],
    assessments: Mapping[str, AssessmentLike] | None = None,
    *,
    matcher: Matcher | None = None,
) -> DraftReport:
    """Find the tracked claims ``text`` makes and attach each claim's verdict and citations.

    Pass a ``matcher`` built once with :func:`build_matcher` when checking many drafts.
    """
    assessments = assessments or {}
    matcher = matcher or build_matcher(claims)
    sentences = split_sentences(text)
    findings: list[Finding] = []
    for match in matcher.match_sentences(sentences):
        claim = claims[match.claim]
        verdict = claim.verdict
        if verdict is None:  # the matcher only holds claims with verdicts
            continue
        assessment = assessments.get(claim.id)
        safe = verdict.safe_wording or (
            assessment.safe_sentence if assessment else None
        )
        findings.append(
            Finding(
                sentence=match.sentence,
                claim=claim,
                score=match.score,
                rating=verdict.rating,
                certainty=verdict.certainty,
                flags=tuple(verdict.flags),
                safe_wording=safe,
                citations=tuple(
                    short_citation(s) for s in evidence_studies(claim, studies)
                ),
                stance=match.stance,
            )
        )
    return DraftReport(tuple(findings), len(sentences))


def is_failing(finding: Finding, fail_on: Rating = DEFAULT_FAIL_ON) -> bool:
    """True when what the sentence says is rated ``fail_on`` or worse (supported > ... >
    contradicted): the claim's rating for an assertion; for a denial that disagrees with our
    verdict, the rating of the denial (denying a supported claim counts as contradicted). A
    denial that agrees with our verdict never fails."""
    if finding.stance == "denies":
        if finding.agrees:
            return False
        said = DENIED_RATING[finding.rating]
        return RATING_VALUES[said] <= RATING_VALUES[fail_on]
    return RATING_VALUES[finding.rating] <= RATING_VALUES[fail_on]


def stance_text(finding: Finding) -> str:
    """'asserts; contradicts our verdict', 'denies; agrees with our verdict' ..."""
    verdict = "agrees with" if finding.agrees else "contradicts"
    return f"{finding.stance}; {verdict} our verdict"


def stance_sentence(finding: Finding) -> str:
    """What the sentence does with the claim and whether a writer needs to change it."""
    rating = finding.rating.value
    if finding.stance == "denies":
        if finding.agrees:
            return (
                f"The sentence denies this claim, as our verdict ({rating}) does: "
                "it is safe as it stands."
            )
        return (
            f"The sentence denies this claim, but our verdict is {rating}: "
            "use the safe wording instead."
        )
    if finding.agrees:
        return (
            f"The sentence asserts this claim and our verdict is {rating}: "
            "keep to the certainty of the safe wording."
        )
    return (
        f"The sentence asserts this claim, but our verdict is {rating}: "
        "use the safe wording instead."
    )


def summary(report: DraftReport, fail_on: Rating = DEFAULT_FAIL_ON) -> dict[str, Any]:
    """Counts for the report's summary block."""
    by_rating = Counter(f.rating for f in report.findings)
    failing = sum(is_failing(f, fail_on) for f in report.findings)
    return {
        "sentences": report.sentences,
        "sentences_with_claims": len({f.sentence.start for f in report.findings}),
        "findings": len(report.findings),
        "denials": sum(f.stance == "denies" for f in report.findings),
        "agreeing": sum(f.agrees for f in report.findings),
        "claims": sorted({f.claim.id for f in report.findings}),
        "by_rating": {r.value: by_rating.get(r, 0) for r in Rating},
        "fail_on": fail_on.value,
        "failing": failing,
        "passed": failing == 0,
    }


def report_json(
    report: DraftReport, fail_on: Rating = DEFAULT_FAIL_ON
) -> dict[str, Any]:
    """The JSON contract: ``{"findings": [...], "summary": {...}}``."""
    return {
        "findings": [f.as_json() for f in report.findings],
        "summary": summary(report, fail_on),
    }


def _quote(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summary_line(report: DraftReport, fail_on: Rating = DEFAULT_FAIL_ON) -> str:
    """'3 findings in 2 of 40 sentences (1 supported, 2 unproven); 2 rated unproven or worse'."""
    s = summary(report, fail_on)
    if not report.findings:
        return f"no tracked claims found in {report.sentences} sentences"
    counts = ", ".join(f"{n} {r}" for r, n in s["by_rating"].items() if n)
    plural = "" if s["findings"] == 1 else "s"
    denials = f"; {s['denials']} denying a claim" if s["denials"] else ""
    return (
        f"{s['findings']} finding{plural} in {s['sentences_with_claims']} of {report.sentences} sentences "
        f"({counts}){denials}; {s['agreeing']} agreeing with our verdict; "
        f"{s['failing']} rated {fail_on.value} or worse"
    )


def report_text(
    report: DraftReport, source: str, fail_on: Rating = DEFAULT_FAIL_ON
) -> str:
    """Linter-style lines: ``draft.md:3:14: unproven (low): "sentence" -> claim-id``, then the wording."""
    lines = []
    for f in report.findings:
        s = f.sentence
        flags = f"; {', '.join(x.value for x in f.flags)}" if f.flags else ""
        lines.append(
            f'{source}:{s.line}:{s.column}: {f.rating.value} ({f.certainty.value}{flags}): "{_quote(s.text)}" -> {f.claim.id} ({stance_text(f)})'
        )
        if f.stance == "denies" and f.agrees:
            lines.append(
                "    no change needed: the sentence denies the claim, as our verdict does"
            )
        elif f.safe_wording:
            lines.append(f"    safe wording: {f.safe_wording}")
        if f.citations:
            more = len(f.citations) - 1
            extra = f" (and {more} more: --format json lists them)" if more else ""
            lines.append(f"    cite: {format_short_citation(f.citations[0])}{extra}")
    lines.append(summary_line(report, fail_on))
    return "\n".join(lines) + "\n"


def report_markdown(
    report: DraftReport, fail_on: Rating = DEFAULT_FAIL_ON, title: str = "Draft check"
) -> str:
    """A Markdown report a writer can keep or send to an editor."""
    out = [f"# {title}", "", summary_line(report, fail_on) + ".", ""]
    for number, f in enumerate(report.findings, start=1):
        s = f.sentence
        out.append(
            f"## {number}. Line {s.line}, column {s.column}: {f.rating.value} ({f.certainty.value} certainty)"
        )
        out.append("")
        out.append("> " + " ".join(s.text.split()))
        out.append("")
        out.append(f"- Claim: `{f.claim.id}`: {f.claim.proposition.strip()}")
        out.append(f"- {stance_sentence(f)}")
        if f.flags:
            out.append(f"- Caveats: {', '.join(x.value for x in f.flags)}")
        if f.safe_wording:
            out.append(f"- Safe wording: {f.safe_wording}")
        out.append(f"- Match score: {f.score:.2f}")
        if f.citations:
            out.append("- Cite:")
            out.extend(f"  - {format_short_citation(c)}" for c in f.citations)
        out.append("")
    return "\n".join(out)
