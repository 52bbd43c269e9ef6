"""The shipped claims/ and studies/ validate with no errors."""

from __future__ import annotations

from claimtracker.paths import PACKAGE_ROOT
from claimtracker.problems import Severity, format_problem
from claimtracker.store import validate


def test_the_shipped_records_have_no_errors() -> None:
    corpus = validate(PACKAGE_ROOT)
    errors = [
        format_problem(p) for p in corpus.problems if p.severity is Severity.ERROR
    ]
    assert errors == [], "\n".join(errors)
    assert len(corpus.claims) > 0
    assert len(corpus.studies) > 0
    assert len(corpus.claims) + len(corpus.studies) == corpus.files_checked
