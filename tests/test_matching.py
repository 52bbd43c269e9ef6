"""Sentence splitting, features, claim matching, and precision/recall on the labelled set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimtracker.exports import is_reviewable
from claimtracker.matching import Matcher
from claimtracker.models import Claim
from claimtracker.reading import read, stem
from claimtracker.sentences import Sentence, split_sentences
from claimtracker.store import load_corpus
from conftest import REPO
from writers_corpus import sample_claims

LABELLED = Path(__file__).parent / "data" / "labelled-sentences.yaml"

#: What docs/matching.md reports for the shipped claims; the test fails below these. This set
#: counts only assertions as claims; the real-text set's guide (tests/data/real-text/) reads a
#: few of its phrasings as mentions ("they're supposed to", "even if it is partly placebo"),
#: and the matcher follows that guide, so the recall floor is lower than the first version's.
PRECISION_FLOOR = 0.93
RECALL_FLOOR = 0.85
#: Share of the shipped claims' propositions and aliases, each after a sentence naming a
#: garment, that the matcher reads as asserting their own claim.
ALIAS_FLOOR = 0.88


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


def concepts(text: str, *stances: str) -> set[str]:
    """The concepts a sentence names with one of ``stances`` (any stance when none given)."""
    return {
        k[2:]
        for k, v in read(text).effects.items()
        if k.startswith("c:") and (not stances or v in stances)
    }


def test_paraphrase_becomes_the_same_concepts() -> None:
    assert "performance" in concepts("They will shave minutes off your marathon.")
    assert "c:running" in read("They will shave minutes off your marathon.").settings
    assert "dvt" in concepts("stop blood clots on the plane", "asserts")
    assert "recovery" in concepts("bounce back quicker")


def test_a_negator_in_the_same_clause_denies_the_effect() -> None:
    assert read("Compression socks won't make you faster.").effects == {
        "c:performance": "denies"
    }
    both = read("They won't make you faster, but they cut soreness.").effects
    assert both["c:soreness"] == "asserts" and both["c:performance"] == "denies"


@pytest.mark.parametrize(
    "sentence",
    [
        "Do compression socks make you faster?",
        "In theory, compression socks would make you faster.",
        "Members asked whether the socks will help them run faster.",
        "It is assumed that compression socks make you faster.",
    ],
)
def test_questions_and_hypotheses_only_mention_the_effect(sentence: str) -> None:
    assert concepts(sentence) == {"performance"}
    assert concepts(sentence, "asserts", "denies") == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no good evidence that compression socks make you faster.",
        "The idea that compression socks make you faster is a myth.",
        "Runners in compression socks did not post faster marathon times.",
        "Race times were exactly the same with and without compression socks.",
    ],
)
def test_doubt_and_null_results_deny_the_effect(sentence: str) -> None:
    assert concepts(sentence, "denies") == {"performance"}


def test_a_problem_is_a_claim_only_when_something_reduces_it() -> None:
    assert concepts("Varicose veins are a common problem in nurses.", "problem") == {
        "venous-disease"
    }
    assert concepts("No more swollen ankles after a flight.", "asserts") == {"swelling"}
    assert concepts("3. cramp prevention", "asserts") == {"cramp"}
    assert concepts(
        "No amount of compression could prevent the onset of cramps.", "denies"
    ) == {"cramp"}


def test_concessions_and_it_wasnt_until_still_assert() -> None:
    assert concepts(
        "While there is no real evidence that they increase performance, studies show "
        "they work well for recovery."
    ) == {"performance", "recovery"}
    assert concepts(
        "While there is no real evidence that they increase performance, studies show "
        "they work well for recovery.",
        "asserts",
    ) == {"recovery"}
    assert concepts(
        "It wasn't until 2009 that a study clearly showed that they enhance performance.",
        "asserts",
    ) == {"performance"}
    assert concepts("OK, so they help recovery, but can they make me faster?") == {
        "recovery",
        "performance",
    }
    assert (
        read("OK, so they help recovery, but can they make me faster?").effects[
            "c:recovery"
        ]
        == "asserts"
    )


def test_typos_still_find_their_concept_but_names_do_not() -> None:
    assert "recovery" in concepts("they definitely help my recovry")
    assert "soreness" in concepts("less sorness after the race", "asserts")
    assert "recovery" not in concepts("My socks are Recove Socks and they are amazing.")


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
        "Foam rolling may reduce soreness after hard workouts."
    )
    assert found(matcher, text) == []


def test_a_denial_is_reported_with_its_stance(matcher: Matcher) -> None:
    (match,) = matcher.match_text(
        "Compression socks won't make you faster, and the research says so."
    )
    assert match.claim == "compression-socks-improve-running-performance"
    assert match.stance == "denies"


def test_a_pronoun_carries_the_garment_only_within_its_paragraph(
    matcher: Matcher,
) -> None:
    same = "I bought compression socks last week. They flush lactic acid, apparently."
    assert [m.claim for m in matcher.match_text(same)] == [
        "compression-flushes-lactic-acid"
    ]
    apart = (
        "I bought compression socks last week.\n\nThey flush lactic acid, apparently."
    )
    assert matcher.match_text(apart) == []


def test_a_problem_with_no_garment_as_subject_is_not_a_claim(matcher: Matcher) -> None:
    text = (
        "Compression socks are popular with nurses. Varicose veins are common in nurses, "
        "and lactic acid builds up after long shifts."
    )
    assert matcher.match_text(text) == []


def test_the_setting_chooses_between_neighbouring_claims() -> None:
    matcher = Matcher(c for c in shipped_claims().values() if is_reviewable(c))
    flight = matcher.match_text(
        "On a long-haul flight my ankles swell. Flight socks stop the swelling."
    )
    run = matcher.match_text(
        "After a marathon my calves swell. Compression sleeves stop the swelling."
    )
    assert [m.claim for m in flight] == ["compression-reduces-leg-swelling-on-flights"]
    assert [m.claim for m in run] == ["compression-reduces-leg-swelling-after-exercise"]


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
            if m.stance == "asserts":  # this set labels denials as making no claim
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


def test_the_shipped_claims_own_words_find_their_claim() -> None:
    """Each proposition, and each alias after a sentence naming a garment, asserts its claim."""
    claims = {k: c for k, c in shipped_claims().items() if is_reviewable(c)}
    matcher = Matcher(claims.values())
    found = total = 0
    for claim in claims.values():
        for words in (claim.proposition, *claim.aliases):
            text = (
                words
                if words == claim.proposition
                else (f"I wear compression socks. {words[0].upper()}{words[1:]}.")
            )
            total += 1
            found += any(
                m.claim == claim.id and m.stance == "asserts"
                for m in matcher.match_text(text)
            )
    assert found / total >= ALIAS_FLOOR, (found, total)
