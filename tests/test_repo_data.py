"""The shipped claims/ and studies/ validate with no errors."""

from __future__ import annotations

from claimtracker.problems import Severity, format_problem
from claimtracker.store import validate
from conftest import REPO


def test_the_shipped_records_have_no_errors() -> None:
    corpus = validate(REPO)
    errors = [
        format_problem(p) for p in corpus.problems if p.severity is Severity.ERROR
    ]
    assert errors == [], "\n".join(errors)
    assert len(corpus.claims) > 0
    assert len(corpus.studies) > 0
    assert len(corpus.claims) + len(corpus.studies) == corpus.files_checked
