"""The shipped claims/ and studies/ validate with no errors, no warnings, and the fixes of
issue 13 stay fixed."""

from __future__ import annotations

from claimtracker.drift import drift_problems
from claimtracker.grading import assess_corpus
from claimtracker.models import Domain, Status
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


# --------------------------------------------------------------------------- issue 13


def test_the_shipped_records_pass_strict() -> None:
    """No warnings either: every number has a source, every summary matches its records,
    every verdict agrees with the engine."""
    corpus = validate(REPO)
    assert [format_problem(p) for p in corpus.problems] == []


def test_every_figure_names_one_of_its_studys_checked_pages() -> None:
    corpus = validate(REPO)
    for study in corpus.studies.values():
        for outcome in study.outcomes:
            if outcome.has_numbers:
                assert outcome.source is not None, (study.id, outcome.key)
                assert outcome.source.url in study.sources, (study.id, outcome.key)


def test_the_belief_groups_are_not_reported_as_compared() -> None:
    """Item 1: P=.04 was the sceptics' own slowdown, not a believers-vs-sceptics test."""
    study = validate(REPO).studies["brophy-williams-2017"]
    outcome = study.outcome("time-trial-by-belief")
    assert outcome is not None and outcome.reported is not None
    text = " ".join(outcome.reported.split())
    assert "(d=0.05, P=.32)" in text and "(d=0.19, P=.04)" in text
    assert "no test between the belief groups is reported" in text


def test_the_tightness_result_is_recorded_and_linked() -> None:
    """Item 5: Ali 2011 rated every graded stocking tighter than control."""
    corpus = validate(REPO)
    outcome = corpus.studies["ali-2011"].outcome("tightness")
    assert outcome is not None and outcome.direction.value == "harm"
    claim = corpus.claims["compression-socks-feel-no-tighter-than-normal-socks"]
    assert ("ali-2011", "tightness") in {(e.study, e.outcome) for e in claim.evidence}


def test_no_crossover_arms_are_pooled_as_independent_groups() -> None:
    """Item 8: a pooled row from a crossover trial is a paired estimate, never 'arms'."""
    corpus = validate(REPO)
    for assessment in assess_corpus(corpus).values():
        for pool in assessment.pooled:
            for row in pool.rows:
                if corpus.studies[row.study].within_subject:
                    assert row.source.startswith("paired-"), (assessment.claim, row)


def test_strength_recovery_is_rated_down_for_the_reviews_inconsistency() -> None:
    """Item 6: Negyesi 2022's intervals lie apart from Hill 2014b's."""
    corpus = validate(REPO)
    claim = corpus.claims["compression-speeds-recovery-of-strength"]
    reasons = assess_corpus(corpus)[claim.id].reasons
    assert any(
        r.rule == "inconsistency" and r.steps and "negyesi-2022" in r.studies
        for r in reasons
    )


def test_the_shipped_verdicts_agree_with_the_engine() -> None:
    corpus = validate(REPO)
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
    corpus = validate(REPO)
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
    corpus = validate(REPO)
    paths = {f"studies/{sid}.yaml" for sid in MEDICAL_AND_SAFETY_STUDIES}
    found = [format_problem(p) for p in corpus.problems if p.path in paths]
    assert found == [], "\n".join(found)
    for sid in MEDICAL_AND_SAFETY_STUDIES:
        study = corpus.studies[sid]
        assert study.sources and all(o.source for o in study.outcomes), sid
