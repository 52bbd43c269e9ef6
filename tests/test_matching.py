"""Sentence splitting, features, claim matching, and precision/recall on the labelled set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimtracker.exports import is_reviewable
from claimtracker.matching import Matcher, analyse, stem
from claimtracker.models import Claim
from claimtracker.sentences import Sentence, split_sentences
from claimtracker.store import load_corpus
from conftest import REPO
from writers_corpus import sample_claims

LABELLED = Path(__file__).parent / "data" / "labelled-sentences.yaml"

#: What docs/matching.md reports for the shipped claims; the test fails below these.
PRECISION_FLOOR = 0.81
RECALL_FLOOR = 0.92


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


# --------------------------------------------------------------------------- sentences


def test_sentences_carry_offsets_line_and_column() -> None:
    text = "First one here. Second one\nruns over a line! Third?\n\nNew paragraph"
    got = split_sentences(text)
    assert [s.text for s in got] == [
        "First one here.",
        "Second one runs over a line!",
        "Third?",
        "New paragraph",
    ]
    second = got[1]
    assert text[second.start : second.end] == "Second one\nruns over a line!"
    assert (second.line, second.column) == (1, 17)
    assert (got[2].line, got[2].column) == (2, 19)
    assert (got[3].line, got[3].column) == (4, 1)


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence() -> None:
    text = "Dr. Smith et al. found 3.5 mmHg, e.g. in sleeves vs. socks. J. Doe agreed. The U.S. team ran."
    assert texts(text) == [
        "Dr. Smith et al. found 3.5 mmHg, e.g. in sleeves vs. socks.",
        "J. Doe agreed.",
        "The U.S. team ran.",
    ]


def test_lower_case_forum_sentences_are_split() -> None:
    assert texts("they slide down after 2 miles. anyway they help my recovery!") == [
        "they slide down after 2 miles.",
        "anyway they help my recovery!",
    ]


def test_markdown_markers_code_and_front_matter_are_left_out() -> None:
    text = (
        "---\ntitle: Draft\n---\n# Do socks work\n\nIntro text.\n\n- First item\n- Second item\n"
        "> Quoted line.\n\n```\ncode. Not a sentence.\n```\n1. Numbered item\n\n| a | b |\n|---|---|\n"
    )
    got = split_sentences(text)
    assert [s.text for s in got] == [
        "Do socks work",
        "Intro text.",
        "First item",
        "Second item",
        "Quoted line.",
        "Numbered item",
        "| a | b |",
    ]
    assert got[0].heading and not got[1].heading
    for s in got:
        assert text[s.start : s.end] == s.text


def test_crlf_text_keeps_true_offsets() -> None:
    text = "One here.\r\nTwo here."
    got = split_sentences(text)
    assert [text[s.start : s.end] for s in got] == ["One here.", "Two here."]
    assert (got[1].line, got[1].column) == (2, 1)


@given(
    st.text(alphabet=st.sampled_from(list("ab .!?\n#->*`1\u2028é\r\t")), max_size=200)
)
def test_sentences_are_ordered_within_bounds_and_match_their_slice(text: str) -> None:
    previous_end = 0
    for s in split_sentences(text):
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start] == s.text[0] and text[s.end - 1] == s.text[-1]
        line_start = text.rfind("\n", 0, s.start) + 1
        assert (s.line, s.column) == (
            text.count("\n", 0, s.start) + 1,
            s.start - line_start + 1,
        )
        previous_end = s.end


# --------------------------------------------------------------------------- features


def test_paraphrase_becomes_the_same_concepts() -> None:
    assert {"performance", "running"} <= analyse(
        "They will shave minutes off your marathon."
    ).concepts
    assert "dvt" in analyse("stop blood clots on the plane").concepts
    assert "recovery" in analyse("bounce back quicker").concepts


def test_a_negator_in_the_same_clause_turns_the_effect_off() -> None:
    assert (
        "performance"
        not in analyse(
            "Compression socks won't make you faster.", assertion=True
        ).concepts
    )
    both = analyse("They won't make you faster, but they cut soreness.", assertion=True)
    assert "soreness" in both.concepts and "performance" not in both.concepts


@pytest.mark.parametrize(
    "sentence",
    [
        "Do compression socks make you faster?",
        "There is no good evidence that compression socks make you faster.",
        "The idea that compression flushes lactic acid is a myth.",
        "Members asked whether the socks will help them run faster.",
    ],
)
def test_questions_and_doubt_are_not_assertions(sentence: str) -> None:
    assert not analyse(sentence, assertion=True).is_assertion


def test_typos_still_find_their_concept() -> None:
    assert "recovery" in analyse("they definitely help my recovry").concepts
    assert "soreness" in analyse("less sorness after the race").concepts


def test_stemming_joins_word_forms_and_leaves_short_words() -> None:
    assert stem("recovers") == stem("recovered") == stem("recovering") == "recover"
    assert stem("speed") == "speed"


# --------------------------------------------------------------------------- matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(sample_claims().values())


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(m.sentence.text, m.claim) for m in matcher.match_text(text)]


def test_a_paraphrase_matches_the_claim_it_makes(matcher: Matcher) -> None:
    text = "Our graduated compression sleeves are made in Italy. They will shave minutes off your marathon."
    assert found(matcher, text) == [
        (
            "They will shave minutes off your marathon.",
            "compression-socks-improve-running-performance",
        )
    ]


def test_one_sentence_can_make_two_claims(matcher: Matcher) -> None:
    got = found(
        matcher,
        "Compression socks flush lactic acid and cut muscle soreness after a long run.",
    )
    assert {c for _, c in got} == {
        "compression-flushes-lactic-acid",
        "compression-reduces-muscle-soreness-after-running",
    }


def test_sentences_without_a_garment_or_an_effect_match_nothing(
    matcher: Matcher,
) -> None:
    text = (
        "I ran faster this year after more hill work. "
        "I bought blue compression socks in a sale. "
        "Compression socks won't make you faster, and the research says so."
    )
    assert found(matcher, text) == []


def test_matches_carry_a_score_and_the_closest_expression(matcher: Matcher) -> None:
    (match,) = matcher.match_text("Flight socks stop blood clots on long-haul trips.")
    assert match.claim == "flight-socks-prevent-dvt"
    assert 0.6 <= match.score <= 1.0
    assert match.expression == "flight socks prevent blood clots"
    assert isinstance(match.sentence, Sentence)


def test_an_empty_corpus_matches_nothing() -> None:
    assert Matcher([]).match_text("Compression socks make you faster.") == []


# --------------------------------------------------------------------------- labelled set


def shipped_claims() -> dict[str, Claim]:
    """The claims in the repository's claims/ folder, as the store loads them."""
    return dict(load_corpus(REPO).claims)


def labelled() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    return data


def gold(passage: dict[str, Any]) -> tuple[list[Sentence], dict[int, set[str]]]:
    sentences = split_sentences(passage["text"])
    labels: dict[int, set[str]] = {}
    for fragment, ids in (passage.get("labels") or {}).items():
        hits = [i for i, s in enumerate(sentences) if fragment in s.text]
        assert len(hits) == 1, (
            f"{passage['id']}: label '{fragment}' is in {len(hits)} sentences"
        )
        labels[hits[0]] = set(ids)
    return sentences, labels


def score(claims: dict[str, Claim], split: str | None = None) -> dict[str, float]:
    """Precision and recall over (sentence, claim) pairs, against the claims a check uses."""
    reviewable = {k for k, c in claims.items() if is_reviewable(c)}
    matcher = Matcher(claims[k] for k in sorted(reviewable))
    tp = fp = fn = sentences_seen = 0
    for passage in labelled():
        if split and passage["split"] != split:
            continue
        sentences, labels = gold(passage)
        sentences_seen += len(sentences)
        index = {s.start: i for i, s in enumerate(sentences)}
        predicted: dict[int, set[str]] = {}
        for m in matcher.match_sentences(sentences):
            predicted.setdefault(index[m.sentence.start], set()).add(m.claim)
        for i in range(len(sentences)):
            want, got = labels.get(i, set()) & reviewable, predicted.get(i, set())
            tp, fp, fn = (
                tp + len(want & got),
                fp + len(got - want),
                fn + len(want - got),
            )
    return {
        "sentences": sentences_seen,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
    }


def test_labelled_set_is_big_varied_and_points_at_real_claims() -> None:
    claims = shipped_claims()
    passages = labelled()
    total = labels = 0
    for passage in passages:
        sentences, by_sentence = gold(passage)
        total += len(sentences)
        labels += len(by_sentence)
        for ids in by_sentence.values():
            assert ids <= set(claims), ids - set(claims)
    assert total >= 80
    assert total - labels >= total // 3, (
        "keep many sentences that make no tracked claim"
    )
    assert len({p["source"] for p in passages}) >= 8
    assert {p["split"] for p in passages} == {"dev", "holdout"}


def test_precision_and_recall_on_the_labelled_set_stay_at_what_the_docs_report() -> (
    None
):
    result = score(shipped_claims())
    assert result["precision"] >= PRECISION_FLOOR, result
    assert result["recall"] >= RECALL_FLOOR, result
