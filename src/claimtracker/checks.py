"""Rules across records: each rule yields problems, none raises.

``check_corpus(corpus)`` runs them all; :func:`claimtracker.store.load_corpus` calls it, so
``corpus.problems`` is already complete and the CLI and the dashboard report the same
thing. The rules only look at records that loaded cleanly; a file that failed to load has
its own problems, and links to it are not reported again as unknown.

Positions: the rules know a record by its id and a problem by its field path; a
:class:`~claimtracker.validation.Locator` reads the file's node tree to find the line, only
for files that have something to report.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from claimtracker import paths
from claimtracker.models import OUTCOME_DOMAINS, Flag, Status
from claimtracker.problems import Problem, problem
from claimtracker.provenance import check_provenance
from claimtracker.summaries import SummaryMemo, check_summaries
from claimtracker.validation import Loc, Locator, render_loc

if TYPE_CHECKING:
    from claimtracker.store import Corpus


def check_corpus(corpus: Corpus, memo: SummaryMemo | None = None) -> list[Problem]:
    """Every cross-record problem in the corpus (unsorted); ``memo`` keeps the summary
    rule's results between loads (:class:`~claimtracker.summaries.SummaryMemo`)."""
    at = _At(corpus)
    return [
        *check_ids(corpus, at),
        *check_references(corpus, at),
        *check_dois(corpus, at),
        *check_orphans(corpus, at),
        *check_evidence(corpus, at),
        *check_provenance(corpus.studies.values(), at, _study_file),
        *check_summaries(corpus.claims.values(), corpus.studies, at, _claim_file, memo),
    ]


class _At:
    """Build problems at a field of a record file."""

    def __init__(self, corpus: Corpus) -> None:
        self.locator = Locator(corpus.root)

    def __call__(
        self,
        code: str,
        path: str,
        loc: Loc,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
    ) -> Problem:
        """A problem at ``loc`` in ``path``; with ``key`` (whole-file problems) at the key, with no field."""
        line, col = self.locator.position(path, loc, key=key)
        return problem(
            code, path, line, col, "" if key else render_loc(loc), message, hint
        )


def _study_file(study_id: str) -> str:
    return f"{paths.STUDIES}/{study_id}.yaml"


def _claim_file(claim_id: str) -> str:
    return f"{paths.CLAIMS}/{claim_id}.yaml"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'? " if match else ""


def check_ids(corpus: Corpus, at: _At) -> Iterator[Problem]:
    """Two files of one kind whose ids are equal after NFC and case folding."""
    first: dict[tuple[str, str], str] = {}
    for rel in corpus.files:
        folder, _, name = rel.partition("/")
        key = (
            folder,
            unicodedata.normalize("NFC", name.removesuffix(".yaml")).casefold(),
        )
        if key in first:
            msg = f"id '{name.removesuffix('.yaml')}' collides with {first[key]} (ids are compared without regard to case)"
            yield at(
                "duplicate-id",
                rel,
                ("id",),
                msg,
                "give one of them another id",
                key=True,
            )
        first.setdefault(key, rel)


def check_references(corpus: Corpus, at: _At) -> Iterator[Problem]:
    """Evidence links and review ``includes`` must name existing studies and outcomes."""
    exists = {rel for rel in corpus.files if rel.startswith(f"{paths.STUDIES}/")}

    def unknown(path: str, loc: Loc, study_id: str) -> Iterator[Problem]:
        if (
            _study_file(study_id) not in exists
        ):  # a study that failed to load has its own problems
            guess = _did_you_mean(study_id, corpus.studies)
            create = (
                f"Or create {_study_file(study_id)}"
                if guess
                else f"create {_study_file(study_id)}, or correct the id"
            )
            yield at(
                "unknown-study",
                path,
                loc,
                f"no study '{study_id}' in {paths.STUDIES}/",
                guess + create,
            )

    for claim in corpus.claims.values():
        path = _claim_file(claim.id)
        for i, link in enumerate(claim.evidence):
            study = corpus.studies.get(link.study)
            if study is None:
                yield from unknown(path, ("evidence", i, "study"), link.study)
            elif study.outcome(link.outcome) is None:
                keys = [o.key for o in study.outcomes]
                hint = (
                    _did_you_mean(link.outcome, keys)
                    or f"its outcomes are: {', '.join(keys) or 'none yet'}"
                )
                msg = f"study '{link.study}' has no outcome '{link.outcome}'"
                yield at(
                    "unknown-outcome",
                    path,
                    ("evidence", i, "outcome"),
                    msg,
                    hint.strip(),
                )
    for study in corpus.studies.values():
        for j, included in enumerate(study.includes):
            if included not in corpus.studies:
                yield from unknown(_study_file(study.id), ("includes", j), included)


def check_dois(corpus: Corpus, at: _At) -> Iterator[Problem]:
    """A DOI (compared without case) belongs to one study; the later file is reported."""
    first: dict[str, str] = {}
    for study in sorted(corpus.studies.values(), key=lambda s: s.id):
        if study.doi is None:
            continue
        key = study.doi.casefold()
        if key in first:
            other = _study_file(first[key])
            line, _ = at.locator.position(other, ("doi",))
            msg = f"doi '{study.doi}' is already used (first seen at {other}:{line})"
            hint = "if both records are the same paper, keep one and set status: withdrawn on the other"
            yield at("duplicate-doi", _study_file(study.id), ("doi",), msg, hint)
        else:
            first[key] = study.id


def check_orphans(corpus: Corpus, at: _At) -> Iterator[Problem]:
    """A study no claim links to (withdrawn studies excepted)."""
    cited = {link.study for claim in corpus.claims.values() for link in claim.evidence}
    for study in corpus.studies.values():
        if study.id not in cited and study.status is not Status.WITHDRAWN:
            hint = "link it from the evidence of the claims it tests, or withdraw it if it is out of scope"
            yield at(
                "orphan-study",
                _study_file(study.id),
                ("id",),
                "no claim cites this study",
                hint,
                key=True,
            )


def check_evidence(corpus: Corpus, at: _At) -> Iterator[Problem]:
    """Published claims need evidence; withdrawn studies may not be cited; retracted ones are flagged."""
    for claim in corpus.claims.values():
        path = _claim_file(claim.id)
        if (
            claim.status is Status.PUBLISHED
            and not claim.evidence
            and claim.domain in OUTCOME_DOMAINS
        ):
            msg = f"a published {claim.domain.value} claim links to no study"
            hint = "add the study outcomes that test it under evidence:, or set status: draft"
            yield at("no-evidence", path, ("evidence",), msg, hint)
        if claim.status is Status.WITHDRAWN:
            continue
        flagged = (
            claim.verdict is not None and Flag.RETRACTED_SOURCE in claim.verdict.flags
        )
        for i, link in enumerate(claim.evidence):
            study = corpus.studies.get(link.study)
            if study is None:
                continue
            if study.status is Status.WITHDRAWN:
                hint = "remove this link, or link the study that replaces it"
                yield at(
                    "withdrawn-cited",
                    path,
                    ("evidence", i, "study"),
                    f"study '{study.id}' is withdrawn",
                    hint,
                )
            elif study.is_retracted and not flagged:
                hint = (
                    "add the retracted-source flag to the verdict, or remove this link"
                )
                yield at(
                    "retracted-cited",
                    path,
                    ("evidence", i, "study"),
                    f"study '{study.id}' is retracted",
                    hint,
                )
