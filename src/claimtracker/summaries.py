"""Verdict summaries checked against the records they describe.

A verdict's summary is prose, but what it says about a study can be checked:

- ``summary-unlinked-study``: every study it names ("Rider 2014", "Hill 2014b", "da Silva
  2018") must be among the claim's linked evidence.
- ``summary-direction``: where it says what a named study found ("found no difference",
  "found a modest gain", "time to fatigue was shorter with stockings"), that must agree with
  the direction of the study's outcomes linked to this claim; a study whose linked outcomes
  point several ways must not be summed up as one of them alone; "only X found ..." must not
  leave out other linked studies that found the same.
- ``summary-setting``: a setting it gives for a trial ("on the road", "on a treadmill") must
  appear in the record of at least one linked study.
- ``summary-funding``: funding known from catalogue metadata only must be said to be so.

Each problem quotes the sentence. The reading is deliberately narrow: a clause whose direction
is not one of the listed phrases, or that states two directions at once, is not judged, so the
rule errs towards saying nothing rather than a false alarm. Names are found by shape (a name
and a year, optionally "et al."), folded for accents and apostrophes and matched to study ids
(``O'Meara 2012`` is ``omeara-2012``; ``Hill 2014`` names both ``hill-2014a`` and ``hill-2014b``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from claimtracker.models import Claim, Direction, Outcome, Status, Study
from claimtracker.problems import Problem
from claimtracker.sentences import split_sentences
from claimtracker.summary_reading import (
    Mention,
    StudyIndex,
    find_mentions,
    fold,
    segments,
)

#: Builds a problem at a field of a file: (code, path, loc, message, hint).
At = Callable[..., Problem]

_SETTING = re.compile(r"\b(?:on|in) (?:a |an |the )?(treadmill|road|track|trail)s?\b")
_FUNDING = re.compile(r"\b(?:fund|funded|funding|funder|sponsor|sponsored|paid)\b")
_QUALIFIED_FUNDING = re.compile(r"\b(?:metadata|catalogue|catalog)\b")

_WORDS = {
    Direction.BENEFIT: "a benefit",
    Direction.NO_DIFFERENCE: "no difference",
    Direction.HARM: "a harm",
    Direction.MIXED: "mixed results",
}


# --------------------------------------------------------------------------- records


def study_direction(outcomes: Iterable[Outcome]) -> set[Direction]:
    """The directions a study's linked outcomes found (a mixed outcome found both)."""
    found: set[Direction] = set()
    for o in outcomes:
        if o.direction is Direction.MIXED:
            found |= {Direction.BENEFIT, Direction.NO_DIFFERENCE}
        else:
            found.add(o.direction)
    return found


def definite_directions(outcomes: Iterable[Outcome]) -> set[Direction]:
    """The directions of the outcomes that found one thing (mixed outcomes left out)."""
    return {o.direction for o in outcomes} - {Direction.MIXED}


_GENERIC = frozenset(
    """after during before measured outcome outcomes compression garment garments with
    without between their other which where these those being running exercise time
    from that they were them than into over also only""".split()
)


def _keywords(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{4,}", fold(text)) if w not in _GENERIC}


def outcomes_meant(outcomes: list[Outcome], clause: str) -> list[Outcome]:
    """The linked outcomes a clause is about: those whose names share a distinctive word
    with it ("economy", "creatine"), when that singles out some but not all; else all."""
    words = _keywords(clause)
    meant = [o for o in outcomes if _keywords(o.name) & words]
    return meant if 0 < len(meant) < len(outcomes) else outcomes


def _linked(claim: Claim, studies: Mapping[str, Study]) -> dict[str, list[Outcome]]:
    linked: dict[str, list[Outcome]] = {}
    for link in claim.evidence:
        study = studies.get(link.study)
        outcome = study.outcome(link.outcome) if study else None
        if outcome is not None:
            linked.setdefault(link.study, []).append(outcome)
    return linked


def _study_text(study: Study) -> str:
    parts = [
        study.title,
        study.participants.description or "",
        study.summary or "",
        study.comparator_note or "",
        study.notes or "",
        *(o.name for o in study.outcomes),
        *(o.reported or "" for o in study.outcomes),
    ]
    return fold(" ".join(parts))


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'


def _list(directions: set[Direction]) -> str:
    order = [Direction.BENEFIT, Direction.NO_DIFFERENCE, Direction.HARM]
    return " and ".join(_WORDS[d] for d in order if d in directions)


# --------------------------------------------------------------------------- the rule


@dataclass(frozen=True)
class Finding:
    """One thing a summary says that the records do not bear out."""

    code: str
    message: str
    hint: str


def check_summary(
    claim: Claim, studies: Mapping[str, Study], index: StudyIndex | None = None
) -> list[Finding]:
    """What the claim's verdict summary says that its linked records do not bear out."""
    if claim.verdict is None or claim.status is Status.WITHDRAWN:
        return []
    index = index or StudyIndex(studies)
    linked = _linked(claim, studies)
    findings: list[Finding] = []
    for sentence in split_sentences(claim.verdict.summary):
        findings += _check_sentence(sentence.text, linked, studies, index)
    findings += _check_settings(claim.verdict.summary, linked, studies)
    return findings


def _check_sentence(
    text: str,
    linked: Mapping[str, list[Outcome]],
    studies: Mapping[str, Study],
    index: StudyIndex,
) -> list[Finding]:
    mentions = find_mentions(text, index)
    quoted = _quote(text)
    findings = [
        Finding(
            "summary-unlinked-study",
            f"the verdict summary names {m.written}, which is "
            + (
                "not among this claim's linked evidence"
                if m.candidates
                else "not a study in studies/"
            )
            + f": {quoted}",
            "link the study's outcome under evidence:, or leave it out of the summary",
        )
        for m in mentions
        if not any(c in linked for c in m.candidates)
    ]
    stated, qualified, clauses = _attribute(text, mentions)
    for m in mentions:
        ids = [c for c in m.candidates if c in linked]
        if len(ids) != 1:
            continue
        sid = ids[0]
        meant = outcomes_meant(linked[sid], clauses.get(m.start, text))
        found = study_direction(meant)
        said = stated.get(m.start, set())
        problem = _disagreement(
            said, found, definite_directions(meant), m.start in qualified
        )
        if problem:
            findings.append(
                Finding(
                    "summary-direction",
                    f"the summary says {m.written} found {_list(said)}, but its outcomes "
                    f"linked here found {problem}: {quoted}",
                    "say what the study found on the outcomes linked to this claim, or "
                    "correct the outcome's direction if the record is wrong",
                )
            )
        if m.only:
            own = said or found
            others = sorted(
                other
                for other, outcomes in linked.items()
                if other != sid
                and study_direction(outcomes) & own - {Direction.MIXED}
                and len(study_direction(outcomes)) == 1
            )
            if others:
                findings.append(
                    Finding(
                        "summary-direction",
                        f"the summary says only {m.written} found {_list(own)}, but "
                        f"{', '.join(others)} linked here found the same: {quoted}",
                        "name the other studies too, or drop 'only'",
                    )
                )
        study = studies[sid]
        plain = fold(text)
        if (
            study.funding.from_metadata_only
            and _FUNDING.search(plain)
            and not _QUALIFIED_FUNDING.search(plain)
        ):
            findings.append(
                Finding(
                    "summary-funding",
                    f"the summary states who funded {m.written}, which is known from "
                    f"catalogue metadata only, without saying so: {quoted}",
                    "say the funding comes from a catalogue record, not the paper",
                )
            )
    return findings


def _attribute(
    text: str, mentions: list[Mention]
) -> tuple[dict[int, set[Direction]], set[int], dict[int, str]]:
    """For each mention (by start): the directions the sentence states for it; which
    mentions are qualified (a following 'but ...' clause about the same study, or an
    ambiguous clause); and the text of the clauses about it."""
    stated: dict[int, set[Direction]] = {}
    qualified: set[int] = set()
    clauses: dict[int, str] = {}
    current: list[Mention] = []
    for seg in segments(text):
        inside = [m for m in mentions if seg.start <= m.start < seg.end]
        if inside:
            current = inside
        elif seg.contrast:
            qualified.update(m.start for m in current)
        for m in current:
            stated.setdefault(m.start, set()).update(seg.directions)
            if m in inside:
                clauses[m.start] = clauses.get(m.start, "") + " " + seg.text
            if seg.ambiguous:
                qualified.add(m.start)
    return stated, qualified, clauses


def _disagreement(
    said: set[Direction],
    found: set[Direction],
    definite: set[Direction],
    qualified: bool,
) -> str | None:
    """What the records found that the summary's statement does not allow, or None: a
    direction none of the linked outcomes found, or one side alone of outcomes that found
    different things (a single mixed outcome may be summed up by either side)."""
    if not said or len(said) > 1 or not found:
        return None
    claim = next(iter(said))
    if claim not in found:
        return _list(found)
    if len(definite) > 1 and not qualified:
        return _list(definite) + " (not only " + _WORDS[claim] + ")"
    return None


def _check_settings(
    summary: str, linked: Mapping[str, list[Outcome]], studies: Mapping[str, Study]
) -> list[Finding]:
    if not _SETTING.search(fold(summary)):
        return []
    texts = {sid: _study_text(studies[sid]) for sid in linked}
    findings = []
    for sentence in split_sentences(summary):
        for m in _SETTING.finditer(fold(sentence.text)):
            word = m.group(1)
            if not any(re.search(rf"\b{word}", t) for t in texts.values()):
                findings.append(
                    Finding(
                        "summary-setting",
                        f"the summary puts a trial {m.group(0)}, but no linked study's "
                        f"record mentions a {word}: {_quote(sentence.text)}",
                        "check where the trial was run (the study's summary and "
                        "participants say), and correct the summary",
                    )
                )
    return findings


class SummaryMemo:
    """Each claim's findings, kept from one load of the records to the next.

    A claim's findings depend only on the claim, the studies it links and the set of study
    ids (names in a summary are matched against it). With the parse cache
    (``store.load_corpus(cache=...)``) an unchanged file gives back the very same record
    objects, so a kept result is reused when the claim and each study it links are the same
    objects as when it was made and no study was added or removed: after one edit at 10,000
    studies only the claims that link the edited study are read again. The memo holds the
    records it compared against, so an object's identity is never reused while kept.
    """

    def __init__(self) -> None:
        self._study_ids: frozenset[str] = frozenset()
        self._kept: dict[
            str, tuple[Claim, tuple[Study | None, ...], list[Finding]]
        ] = {}

    def findings(
        self, claim: Claim, studies: Mapping[str, Study], index: StudyIndex
    ) -> list[Finding]:
        """:func:`check_summary` of ``claim``, or the kept result if nothing it reads changed."""
        linked = tuple(studies.get(link.study) for link in claim.evidence)
        kept = self._kept.get(claim.id)
        if (
            kept is not None
            and kept[0] is claim
            and len(kept[1]) == len(linked)
            and all(a is b for a, b in zip(kept[1], linked, strict=True))
        ):
            return kept[2]
        found = check_summary(claim, studies, index)
        self._kept[claim.id] = (claim, linked, found)
        return found

    def start(self, claims: Iterable[Claim], studies: Mapping[str, Study]) -> None:
        """Begin a load: forget every result when the set of study ids changed, and the
        claims that are gone."""
        ids = frozenset(studies)
        if ids != self._study_ids:
            self._kept.clear()
            self._study_ids = ids
        present = {c.id for c in claims}
        for gone in self._kept.keys() - present:
            del self._kept[gone]


def check_summaries(
    claims: Iterable[Claim],
    studies: Mapping[str, Study],
    at: At,
    path_of: Callable[[str], str],
    memo: SummaryMemo | None = None,
) -> Iterator[Problem]:
    """The summary rules for every claim, as problems at the verdict's summary; with a
    ``memo``, claims whose records did not change since the last call are not read again."""
    index = StudyIndex(studies)
    claims = list(claims)
    if memo is not None:
        memo.start(claims, studies)
    for claim in claims:
        found = (
            memo.findings(claim, studies, index)
            if memo is not None
            else check_summary(claim, studies, index)
        )
        for finding in found:
            yield at(
                finding.code,
                path_of(claim.id),
                ("verdict", "summary"),
                finding.message,
                finding.hint,
            )
