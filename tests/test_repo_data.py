"""The shipped claims/ and studies/ validate with no errors."""

from __future__ import annotations

from claimtracker.drift import drift_problems
from claimtracker.models import Domain, Status
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


def test_the_shipped_verdicts_agree_with_the_engine() -> None:
    corpus = validate(PACKAGE_ROOT)
    drifted = [format_problem(p) for p in drift_problems(corpus)]
    assert drifted == [], "\n".join(drifted)


#: The claim ids the real-text evaluation set labels sentences with (issue 14).
MEDICAL_AND_SAFETY_CLAIMS = (
    "compression-stockings-prevent-dvt-in-hospital",
    "compression-prevents-leg-cramps",
    "compression-prevents-varicose-veins",
    "compression-reduces-leg-swelling-on-flights",
    "compression-stockings-can-cause-harm",
)


def test_the_medical_and_safety_claims_are_published_with_evidence() -> None:
    corpus = validate(PACKAGE_ROOT)
    for claim_id in MEDICAL_AND_SAFETY_CLAIMS:
        claim = corpus.claims[claim_id]
        assert claim.status is Status.PUBLISHED and claim.verdict is not None
        assert claim.evidence, claim_id
        assert all(a.quote and a.url for a in claim.appearances), claim_id
        for link in claim.evidence:
            assert corpus.studies[link.study].outcome(link.outcome) is not None, link
    assert corpus.claims["compression-stockings-can-cause-harm"].domain is Domain.SAFETY


#: The studies added for those claims: every figure in them names the page it was read on.
MEDICAL_AND_SAFETY_STUDIES = (
    "sachdeva-2018",
    "clots-2009",
    "shalhoub-2020",
    "thaler-2001",
    "hagan-2008",
    "olsen-2019",
    "rabe-2020",
)


def test_the_medical_and_safety_studies_say_where_every_number_came_from() -> None:
    corpus = validate(PACKAGE_ROOT)
    paths = {f"studies/{sid}.yaml" for sid in MEDICAL_AND_SAFETY_STUDIES}
    found = [format_problem(p) for p in corpus.problems if p.path in paths]
    assert found == [], "\n".join(found)
    for sid in MEDICAL_AND_SAFETY_STUDIES:
        study = corpus.studies[sid]
        assert study.sources and all(o.source for o in study.outcomes), sid
