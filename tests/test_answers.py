"""The overview's questions, answered in one sentence from the records' verdicts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimtracker.answers import answers_at, read_questions
from claimtracker.store import load_corpus, validate
from conftest import REPO as PACKAGE_ROOT
from conftest import flatten

QUESTIONS = """\
questions:
  - id: faster
    question: Are they faster?
    topic: running faster
    claim: compression-socks-improve-running-performance
  - id: recovery
    question: Do they help recovery?
    topic: recovery
    claim: compression-speeds-recovery-after-running
    parts:
      - {claim: compression-speeds-recovery-of-strength, label: strength}
      - {claim: compression-reduces-muscle-soreness-after-running, label: soreness}
  - id: placebo
    question: Is it placebo?
    topic: placebo
    claim: compression-benefits-are-placebo
    flag: placebo-possible
    parts:
      - {claim: compression-reduces-muscle-soreness-after-running, label: soreness}
      - {claim: compression-speeds-recovery-of-strength, label: strength}
"""


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """The shipped claims and studies in a temporary data root, with QUESTIONS."""
    for folder in ("claims", "studies"):
        shutil.copytree(PACKAGE_ROOT / folder, tmp_path / folder)
    (tmp_path / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    return tmp_path


def _answers(root: Path) -> dict[str, str]:
    claims = load_corpus(root).claims
    return {a.id: a.sentence for a in answers_at(root, claims)}


def test_each_answer_is_one_sentence_with_verdict_and_certainty_in_words(
    shipped_copy: Path,
) -> None:
    claims = load_corpus(shipped_copy).claims
    found = {a.id: a for a in answers_at(shipped_copy, claims)}
    faster = found["faster"]
    assert faster.sentence.startswith("Probably not: ")
    assert "(not supported, low certainty)" in faster.sentence
    assert faster.sentence.count(".") == 1 and faster.sentence.endswith(".")
    assert faster.claim_id == "compression-socks-improve-running-performance"
    assert faster.link_label == "The evidence on running faster"


def test_recovery_says_which_parts_hold_up_best_first(shipped_copy: Path) -> None:
    sentence = _answers(shipped_copy)["recovery"]
    assert sentence == (
        "Partly: yes for strength (supported, moderate certainty); "
        "and partly for soreness (partly supported, low certainty)."
    )


def test_the_placebo_answer_names_the_parts_flagged_placebo_possible(
    shipped_copy: Path,
) -> None:
    sentence = _answers(shipped_copy)["placebo"]
    assert sentence.startswith("Not shown: the evidence is very uncertain whether")
    assert (
        "(unproven, very low certainty); yet for soreness, the benefit shows"
        in sentence
    )


def test_changing_a_verdict_changes_the_answer(shipped_copy: Path) -> None:
    before = _answers(shipped_copy)
    path = shipped_copy / "claims" / "compression-speeds-recovery-of-strength.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  rating: supported\n  certainty: moderate\n" in text
    path.write_text(
        text.replace(
            "  rating: supported\n  certainty: moderate\n",
            "  rating: not-supported\n  certainty: low\n",
        ),
        encoding="utf-8",
    )
    after = _answers(shipped_copy)
    assert after["faster"] == before["faster"]
    assert after["recovery"] != before["recovery"]
    assert after["recovery"] == (
        "Partly: partly for soreness (partly supported, low certainty); "
        "and probably not for strength (not supported, low certainty)."
    )


def test_a_question_on_a_missing_claim_is_left_out_and_validate_names_its_line(
    shipped_copy: Path,
) -> None:
    text = QUESTIONS.replace(
        "claim: compression-socks-improve-running-performance",
        "claim: compression-socks-make-you-fly",
    )
    (shipped_copy / "questions.yaml").write_text(text, encoding="utf-8")
    assert "faster" not in _answers(shipped_copy)
    found = [p for p in validate(shipped_copy).problems if p.path == "questions.yaml"]
    assert flatten(found) == [("questions.yaml", 5, "unknown-claim")]
    assert found[0].field == "questions[0].claim"


def test_a_bad_questions_file_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "questions.yaml").write_text(
        "questions:\n  - id: a\n    question: Q?\n    topic: t\n    claim: x-claim\n    colour: red\n",
        encoding="utf-8",
    )
    assert flatten(read_questions(tmp_path).problems) == [
        ("questions.yaml", 6, "unknown-field")
    ]


def test_no_questions_file_means_no_answers_and_no_problem(tmp_path: Path) -> None:
    found = read_questions(tmp_path)
    assert found.value is None and found.problems == [] and not found.exists


def test_the_shipped_questions_are_all_answered() -> None:
    claims = load_corpus(PACKAGE_ROOT).claims
    assert read_questions(PACKAGE_ROOT).problems == []
    found = answers_at(PACKAGE_ROOT, claims)
    assert [a.id for a in found] == [
        "performance",
        "recovery",
        "placebo",
        "flight-clots",
    ]
    assert found[3].sentence.startswith("Yes: ")
    assert "high certainty" in found[3].sentence
