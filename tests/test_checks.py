"""Rules across records: references resolve, DOIs are unique, studies are cited, evidence is sound."""

from __future__ import annotations

from pathlib import Path

from claimtracker.checks import check_corpus
from claimtracker.problems import Severity
from claimtracker.store import load_corpus
from conftest import VALID, WriteRecord, flatten

CLAIM = "claims/compression-socks-improve-running-performance.yaml"
SORENESS = "claims/compression-reduces-muscle-soreness.yaml"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_valid_corpus_passes_every_rule() -> None:
    corpus = load_corpus(VALID, cross_checks=False)
    assert check_corpus(corpus) == []


def test_unknown_study_with_a_close_match(corpus_dir: Path) -> None:
    _edit(corpus_dir, CLAIM, "study: doe-2015", "study: doe-2016")
    found, orphan = load_corpus(corpus_dir).problems
    assert (orphan.path, orphan.code) == ("studies/doe-2015.yaml", "orphan-study")
    assert (found.path, found.line, found.column, found.code) == (
        CLAIM,
        18,
        12,
        "unknown-study",
    )
    assert found.field == "evidence[0].study"
    assert found.message == "no study 'doe-2016' in studies/"
    assert found.hint == "did you mean 'doe-2015'? Or create studies/doe-2016.yaml"


def test_unknown_study_without_a_close_match(corpus_dir: Path) -> None:
    _edit(corpus_dir, CLAIM, "study: doe-2015", "study: quux-1999")
    found = load_corpus(corpus_dir).problems[0]
    assert found.hint == "create studies/quux-1999.yaml, or correct the id"


def test_a_link_to_a_study_that_failed_to_load_is_not_reported_again(
    corpus_dir: Path,
) -> None:
    _edit(
        corpus_dir,
        "studies/doe-2015.yaml",
        "design: rct-crossover",
        "design: crossover",
    )
    found = flatten(load_corpus(corpus_dir).problems)
    assert found == [("studies/doe-2015.yaml", 11, "invalid-value")]


def test_unknown_outcome_lists_the_close_key(corpus_dir: Path) -> None:
    _edit(corpus_dir, SORENESS, "outcome: soreness-48h", "outcome: soreness-24h")
    (found,) = load_corpus(corpus_dir).problems
    assert (found.line, found.code, found.field) == (
        18,
        "unknown-outcome",
        "evidence[0].outcome",
    )
    assert found.hint == "did you mean 'soreness-48h'?"


def test_unknown_outcome_without_a_close_key_lists_them_all(corpus_dir: Path) -> None:
    _edit(corpus_dir, CLAIM, "outcome: race-time", "outcome: vo2max")
    (found,) = load_corpus(corpus_dir).problems
    assert found.hint == "its outcomes are: race-time, running-economy"


def test_a_review_including_an_unknown_study(corpus_dir: Path) -> None:
    _edit(
        corpus_dir,
        "studies/poe-2020.yaml",
        "includes: [roe-2019]",
        "includes: [roe-2019, roe-2018]",
    )
    assert flatten(load_corpus(corpus_dir).problems) == [
        ("studies/poe-2020.yaml", 9, "unknown-study")
    ]


def test_duplicate_doi_reports_the_later_file_and_names_the_first(
    corpus_dir: Path,
) -> None:
    _edit(
        corpus_dir,
        "studies/roe-2019.yaml",
        "doi: 10.5555/roe-2019",
        "doi: 10.5555/DOE-2015",
    )
    (found,) = load_corpus(corpus_dir).problems
    assert (found.path, found.line, found.code) == (
        "studies/roe-2019.yaml",
        7,
        "duplicate-doi",
    )
    assert (
        found.message
        == "doi '10.5555/DOE-2015' is already used (first seen at studies/doe-2015.yaml:10)"
    )


def test_orphan_study_is_a_warning_at_the_id(
    write_record: WriteRecord, corpus_dir: Path
) -> None:
    text = (corpus_dir / "studies" / "doe-2015.yaml").read_text(encoding="utf-8")
    write_record("studies/doe-2016.yaml", text.replace("doe-2015", "doe-2016"))
    (found,) = load_corpus(corpus_dir).problems
    assert (found.path, found.line, found.column, found.code) == (
        "studies/doe-2016.yaml",
        3,
        1,
        "orphan-study",
    )
    assert (found.severity, found.field) == (Severity.WARNING, "")


def test_a_withdrawn_study_is_never_an_orphan() -> None:
    corpus = load_corpus(VALID)
    assert "zoe-2010" in corpus.studies
    assert corpus.problems == []


def test_published_claim_without_evidence(corpus_dir: Path) -> None:
    _edit(
        corpus_dir,
        CLAIM,
        "  - study: doe-2015\n    outcome: race-time\n    note: sleeves, not socks\n"
        "  - study: poe-2020\n    outcome: performance\n",
        "  []\n",
    )
    assert flatten(load_corpus(corpus_dir).problems) == [
        (CLAIM, 18, "no-evidence"),
        ("studies/doe-2015.yaml", 3, "orphan-study"),
    ]


def test_history_and_draft_claims_need_no_evidence() -> None:
    corpus = load_corpus(VALID)
    assert corpus.claims["compression-dates-back-to-antiquity"].evidence == []
    assert corpus.claims["compression-speeds-return-to-training"].evidence == []
    assert corpus.problems == []


def test_citing_a_withdrawn_study_is_an_error(corpus_dir: Path) -> None:
    _edit(
        corpus_dir,
        CLAIM,
        "study: doe-2015\n    outcome: race-time",
        "study: zoe-2010\n    outcome: exertion",
    )
    assert flatten(load_corpus(corpus_dir).problems) == [
        (CLAIM, 18, "withdrawn-cited"),
        ("studies/doe-2015.yaml", 3, "orphan-study"),
    ]


def test_citing_a_retracted_study_needs_the_flag(corpus_dir: Path) -> None:
    rel = "claims/compression-flushes-lactate.yaml"
    _edit(corpus_dir, rel, "flags: [retracted-source]", "flags: []")
    (found,) = load_corpus(corpus_dir).problems
    assert (found.path, found.line, found.code, found.severity) == (
        rel,
        12,
        "retracted-cited",
        Severity.WARNING,
    )


def test_a_withdrawn_claim_may_cite_anything(corpus_dir: Path) -> None:
    rel = "claims/compression-flushes-lactate.yaml"
    _edit(corpus_dir, rel, "flags: [retracted-source]", "flags: []")
    _edit(
        corpus_dir,
        rel,
        "domain: physiology",
        "status: withdrawn\nwithdrawn_reason: Merged into another claim.\ndomain: physiology",
    )
    assert load_corpus(corpus_dir).problems == []
