"""The draft checker on real text (tests/data/real-text/): the targets of issue 14.

The figures are computed here, from the hand-labelled set and the real check path
(``benchmarks.realtext``), on the held-out ``heldout7`` split (heldout7.yaml), which no part of
the matcher was written or trained from; docs/matching.md reports them with every miss and
false alarm. The ``test`` split of sentences.yaml and the ``heldout2`` to ``heldout6`` splits
are development data now (the rules were revised on them), so their figures are not guarded
here. The scorer itself is checked first on a small set made up for the purpose.

On ``heldout7`` the false-alarm target is met and tested as such; recall and precision are not
met, and each is a strict expected failure. Floors at the figures measured when the split was
scored fail if the matcher gets worse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from benchmarks.realtext import (
    Result,
    Training,
    calibrate_threshold,
    cross_validate,
    folds,
    load,
    score,
)

from claimtracker.matching import Matcher
from claimtracker.models import Claim

#: Issue 14, "Done means": on the held-out split.
RECALL_TARGET = 0.9
FALSE_ALARM_TARGET = 0.05
PRECISION_TARGET = 0.85
#: What the shipped matcher measured on ``heldout7`` when it was scored (``801e1ce``, the same
#: with ``e20351b``): recall
#: 106 of 151 pairs, false alarms on 9 of 199 clean sentences, precision 106 of 130.
RECALL_FLOOR = 106 / 151
FALSE_ALARM_CEILING = 9 / 199
PRECISION_FLOOR = 106 / 130


def tiny_set() -> dict[str, Any]:
    """Two passages whose right answers are plain, to check the scorer's arithmetic."""
    return {
        "sources": [
            {"id": "shop", "kind": "retailer", "split": "train"},
            {"id": "club", "kind": "blog", "split": "train"},
            {"id": "away", "kind": "news", "split": "test"},
        ],
        "passages": [
            {
                "id": "shop-1",
                "source": "shop",
                "text": "Compression socks make you run faster. They come in blue.",
                "sentences": [
                    {
                        "text": "Compression socks make you run faster.",
                        "claims": {
                            "compression-socks-improve-running-performance": "asserts",
                            "compression-flushes-lactic-acid": "asserts",
                        },
                    },
                    {"text": "They come in blue.", "claims": {}},
                ],
            },
            {
                "id": "club-1",
                "source": "club",
                "text": (
                    "Compression socks won't make you faster. "
                    "My compression socks flush lactic acid."
                ),
                "sentences": [
                    {
                        "text": "Compression socks won't make you faster.",
                        "claims": {
                            "compression-socks-improve-running-performance": "asserts"
                        },
                    },
                    {
                        "text": "My compression socks flush lactic acid.",
                        "claims": {},
                        "also": ["compression-flushes-lactic-acid"],
                    },
                ],
            },
            {
                "id": "away-1",
                "source": "away",
                "text": "Compression socks make you run faster.",
                "sentences": [
                    {"text": "Compression socks make you run faster.", "claims": {}}
                ],
            },
        ],
    }


def test_the_scorer_counts_hits_misses_excuses_and_stance() -> None:
    result = score("train", data=tiny_set())
    overall = result.overall
    # Three labelled pairs: performance (found), lactic acid (missed), performance in the
    # denial (found, with the other stance).
    assert (overall.pairs, overall.found, overall.stance_agrees) == (3, 2, 1)
    assert [(s.passage, claim) for s, claim, _ in result.misses] == [
        ("shop-1", "compression-flushes-lactic-acid")
    ]
    # Two clean sentences: "They come in blue" has no finding; the lactic acid finding on the
    # other is excused by its `also`, so it is neither right nor a false alarm.
    assert (overall.clean, overall.false_alarms) == (2, 0)
    assert (overall.findings, overall.findings_right, overall.findings_excused) == (
        3,
        2,
        1,
    )
    assert set(result.by_kind) == {"retailer", "blog"}
    assert result.by_kind["blog"].figures()["stance_agreement"] == 0.0


def test_a_finding_on_a_clean_sentence_is_a_false_alarm() -> None:
    result = score("test", data=tiny_set())
    assert (result.overall.clean, result.overall.false_alarms) == (1, 1)
    assert result.overall.figures()["precision"] == 0.0


@pytest.fixture(scope="module")
def held_out() -> Result:
    return score("heldout7")


def test_the_held_out_split_is_scored_whole(held_out: Result) -> None:
    # 320 sentences from 36 sources: 151 checkable labelled pairs, 199 clean sentences.
    assert (held_out.overall.pairs, held_out.overall.clean) == (151, 199)
    assert set(held_out.by_kind) == {"retailer", "blog", "news", "medical", "forum"}


@pytest.mark.xfail(
    strict=True,
    reason=(
        "not met: recall on the heldout7 split is 0.70 (106 of 151 labelled pairs), against "
        "a target of 0.9 (0.70 at the start of the round); docs/matching.md lists the misses. "
        "Strict: remove this mark once the matcher reaches the target."
    ),
)
def test_recall_on_the_held_out_split(held_out: Result) -> None:
    figures = held_out.overall.figures()
    assert figures["recall"] >= RECALL_TARGET, figures


def test_false_alarms_on_clean_sentences_of_the_held_out_split(
    held_out: Result,
) -> None:
    """Met on ``heldout7``: 9 of 199 clean sentences (0.045) when it was scored, against at
    most 0.05; 0.064 on ``heldout6`` and 0.061 on ``heldout5`` the rounds before."""
    figures = held_out.overall.figures()
    assert figures["false_alarm_rate"] <= FALSE_ALARM_TARGET, figures


@pytest.mark.xfail(
    strict=True,
    reason=(
        "not met: finding precision 0.82 (106 of 130) on the heldout7 split, against at "
        "least 0.85 (0.78 at the start of the round); docs/matching.md lists the wrong "
        "findings. Strict: remove this mark once the target is met."
    ),
)
def test_finding_precision_on_the_held_out_split(held_out: Result) -> None:
    figures = held_out.overall.figures()
    assert figures["precision"] >= PRECISION_TARGET, figures


def test_the_held_out_figures_do_not_fall_below_what_was_measured(
    held_out: Result,
) -> None:
    """The figures docs/matching.md reports for the shipped matcher, as floors: a change that
    finds less, alarms more or names more wrong claims on this split fails here."""
    overall = held_out.overall
    assert overall.found / overall.pairs >= RECALL_FLOOR, overall.figures()
    assert overall.false_alarms / overall.clean <= FALSE_ALARM_CEILING, (
        overall.figures()
    )
    judged = overall.findings - overall.findings_excused
    assert overall.findings_right / judged >= PRECISION_FLOOR, overall.figures()


def test_stance_agrees_on_the_held_out_split(held_out: Result) -> None:
    """Of the pairs found, the share reported with the labelled stance (0.95 at scoring)."""
    figures = held_out.overall.figures()
    assert figures["stance_agreement"] >= 0.85, figures


def test_the_scorer_prints_figures_not_sentences() -> None:
    """A failing target test shows the result: it must not print held-out sentences."""
    result = score("train", data=tiny_set())
    assert "Compression socks" not in repr(result)
    assert "recall" in repr(result)


def test_cross_validation_keeps_sources_whole_and_balances_kinds() -> None:
    data = load()
    groups = folds(data, 5)
    train = {s["id"]: s["kind"] for s in data["sources"] if s["split"] == "train"}
    assert sorted(sid for g in groups for sid in g) == sorted(train)
    assert all(a.isdisjoint(b) for i, a in enumerate(groups) for b in groups[i + 1 :])
    for kind in set(train.values()):
        sizes = [sum(train[sid] == kind for sid in g) for g in groups]
        assert max(sizes) - min(sizes) <= 1, (kind, sizes)


def test_cross_validation_fits_each_fold_without_its_held_out_sources() -> None:
    seen: list[tuple[set[str], set[str]]] = []

    def fit(claims: Mapping[str, Claim], training: Training) -> Matcher:
        seen.append(({s.passage for s in training.sentences}, set(training.held_out)))
        return calibrate_threshold(claims, training)

    result = cross_validate(fit, k=2, data=tiny_set())
    assert len(seen) == 2 and len(result.thresholds) == 2
    for passages, held_out in seen:
        texts = {
            s["text"]
            for p in tiny_set()["passages"]
            if p["id"] in passages
            for s in p["sentences"]
        }
        assert texts.isdisjoint(held_out)
    # Both train sources scored once, as held out; the test source never.
    assert result.overall.clean == 2
    assert result.overall.pairs == 3


def test_cross_validation_over_dev_covers_both_splits_of_the_first_set() -> None:
    data = load()
    groups = folds(data, 5, "dev")
    ids = {s["id"] for s in data["sources"] if s["split"] in ("train", "test")}
    assert sorted(sid for g in groups for sid in g) == sorted(ids)
