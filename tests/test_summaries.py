"""Verdict summaries checked against the records: names, directions, settings, funding.

The regression cases put back the sentences the audit of issue 13 found wrong (the shipped
summaries before the fix) over today's records, and check the rule reports each one.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from claimtracker.models import Claim, Direction, Study
from claimtracker.problems import Problem
from claimtracker.store import load_corpus
from claimtracker.summaries import SummaryMemo, check_summary
from claimtracker.summary_reading import (
    StudyIndex,
    directions_in,
    find_mentions,
    segments,
)
from conftest import REPO

IDS = [
    "omeara-2012",
    "da-silva-2018",
    "hill-2014a",
    "hill-2014b",
    "engel-2016",
    "rider-2014",
    "brophy-williams-2017",
]

# --------------------------------------------------------------------------- reading


def test_names_are_found_folded_and_resolved_to_ids() -> None:
    text = (
        "O'Meara 2012 and da Silva 2018 agree; Only Engel 2016 differs, as Rider et al. "
        "(2014) saw. Hill 2014 is two studies; Brophy-Williams 2017 believed; Smith 2019 "
        "is not tracked. In 2021 nothing."
    )
    found = {m.written: (m.candidates, m.only) for m in find_mentions(text, IDS)}
    assert found["O'Meara 2012"] == (("omeara-2012",), False)
    assert found["da Silva 2018"] == (("da-silva-2018",), False)
    assert found["Engel 2016"] == (("engel-2016",), True)
    assert found["Rider et al. (2014)"] == (("rider-2014",), False)
    assert found["Hill 2014"] == (("hill-2014a", "hill-2014b"), False)
    assert found["Brophy-Williams 2017"] == (("brophy-williams-2017",), False)
    assert found["Smith 2019"] == ((), False)
    assert not any("2021" in w for w in found)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "three found none (Sperlich 2010, Menetrier 2011, Rider 2014)",
            {"no-difference"},
        ),
        ("found no mean effect on race times", {"no-difference"}),
        ("found little support for kinetic or kinematic benefits", {"no-difference"}),
        ("found a modest gain", {"benefit"}),
        ("found better endurance after a marathon", {"benefit"}),
        ("time to fatigue was slightly shorter with stockings", {"harm"}),
        ("altered without a performance gain", set()),
        ("found no gain, but a benefit on jump power", {"no-difference", "benefit"}),
    ],
)
def test_directions_are_read_from_plain_phrases(
    clause: str, expected: set[str]
) -> None:
    assert {d.value for d in directions_in(clause)} == expected


def test_a_list_of_names_shares_the_direction_that_follows_it() -> None:
    parts = segments(
        "Ali 2010, Ali 2011, Sperlich 2010 and Brophy-Williams 2019 found no difference, "
        "and Marques-Jimenez 2016 found lactate higher, but Rider 2014 was different."
    )
    assert [(p.directions, p.contrast, p.ambiguous) for p in parts] == [
        ({Direction.NO_DIFFERENCE}, False, False),
        (set(), False, True),  # "higher": which way is better is not said
        (set(), True, False),
    ]
    assert parts[0].text.startswith("Ali 2010, Ali 2011, Sperlich 2010 and Brophy")


# --------------------------------------------------------------------------- the rule


def _study(sid: str, *directions: str) -> Study:
    return Study.model_validate(
        {
            "id": sid,
            "title": f"A treadmill trial {sid}",
            "year": int(sid.rsplit("-", 1)[1][:4]),
            "design": "rct-parallel",
            "participants": {"n": 20, "population": "runners"},
            "garment": {"type": "socks"},
            "comparator": "no-garment",
            "blinding": "none",
            "outcomes": [
                {
                    "key": f"o{i}",
                    "name": name,
                    "domain": "performance",
                    "measure": "objective",
                    "direction": d,
                }
                for i, (d, name) in enumerate(
                    zip(directions, ("Race time", "Jump power", "Stride"), strict=False)
                )
            ],
        }
    )


def _claim(summary: str, studies: list[Study], **verdict: Any) -> Claim:
    return Claim.model_validate(
        {
            "id": "socks-make-runners-faster",
            "proposition": "Compression socks make runners faster.",
            "domain": "performance",
            "about": {"populations": ["runners"], "garments": ["socks"]},
            "evidence": [
                {"study": s.id, "outcome": o.key} for s in studies for o in s.outcomes
            ],
            "verdict": {
                "rating": "unproven",
                "certainty": "low",
                "summary": summary,
                "reviewed": "2026-12-01",
                "reviewer": "editors",
                **verdict,
            },
        }
    )


def _codes(
    summary: str, *studies: Study, linked: list[Study] | None = None
) -> list[str]:
    claim = _claim(summary, list(studies) if linked is None else linked)
    return [f.code for f in check_summary(claim, {s.id: s for s in studies})]


def test_a_named_study_must_be_linked() -> None:
    a, b = _study("alpha-2015", "no-difference"), _study("beta-2016", "benefit")
    [finding] = check_summary(
        _claim("Alpha 2015 found no difference and Beta 2016 agreed.", [a]),
        {s.id: s for s in (a, b)},
    )
    assert finding.code == "summary-unlinked-study"
    assert (
        "Beta 2016, which is not among this claim's linked evidence" in finding.message
    )
    assert finding.message.endswith(
        '"Alpha 2015 found no difference and Beta 2016 agreed."'
    )
    assert _codes("Gamma 2019 found no difference.", a) == ["summary-unlinked-study"]


def test_a_stated_direction_must_match_the_linked_outcome() -> None:
    harm = _study("rider-2014", "harm")
    assert _codes("Rider 2014 found no difference.", harm) == ["summary-direction"]
    assert _codes("In Rider 2014 times were worse.", harm) == []
    assert _codes("Rider 2014 reported time to fatigue.", harm) == []  # states nothing


def test_a_mixed_study_is_not_summed_up_by_one_side() -> None:
    split = _study("kerherve-2017", "no-difference", "benefit")
    assert _codes("Kerherve 2017 found no difference.", split) == ["summary-direction"]
    assert (
        _codes("Kerherve 2017 found no difference but better jump power.", split) == []
    )
    assert _codes("Kerherve 2017 found no difference in race time.", split) == []
    single_mixed = _study("stickford-2015", "mixed")
    assert _codes("Stickford 2015 found no difference.", single_mixed) == []


def test_only_must_not_leave_out_other_studies() -> None:
    a, b = _study("rider-2014", "benefit"), _study("engel-2016", "benefit")
    found = check_summary(
        _claim("Only Rider 2014 found a benefit.", [a, b]), {s.id: s for s in (a, b)}
    )
    assert [f.code for f in found] == ["summary-direction"]
    assert "only Rider 2014 found a benefit, but engel-2016" in found[0].message


def test_a_setting_must_be_in_a_linked_record() -> None:
    a = _study("stickford-2015", "no-difference")
    assert _codes("The only trial, on the road, found nothing.", a) == [
        "summary-setting"
    ]
    assert _codes("The only trial, on a treadmill, found nothing.", a) == []


def test_metadata_only_funding_must_be_said_so() -> None:
    a = _study("engel-2016", "no-difference").model_copy(
        update={
            "funding": Study.model_fields["funding"].annotation.model_validate(  # type: ignore[union-attr]
                {"source": "Nike", "industry": True, "basis": "metadata"}
            )
        }
    )
    assert _codes("Engel 2016, funded by a sportswear maker, found no gain.", a) == [
        "summary-funding"
    ]
    assert (
        _codes(
            "Engel 2016, funded by a sportswear maker according to a catalogue record, "
            "found no gain.",
            a,
        )
        == []
    )


# --------------------------------------------------------------------------- the audit

#: The summaries the audit found wrong, as they were shipped (issue 13, items 2-4, 7, 9).
BEFORE = {
    "compression-flushes-lactic-acid": """
        Marques-Jimenez 2016 found lactate higher, not lower, with compression (SMD +0.98,
        five studies), and Ali 2010, Ali 2011, Sperlich 2010 and Brophy-Williams 2019 found
        no difference. Only Rider 2014, in ten runners, found less lactate in the first
        minutes after a maximal test (13.3 against 14.8 mmol/L at one minute). Engel 2016
        (funded by a sportswear maker) lists lactate clearance among small favourable
        effects without separate figures.""",
    "compression-benefits-are-placebo": """
        Some findings fit an expectation effect: Stickford 2015 saw widely scattered
        individual responses, and the trials that disguised the garment found no
        difference (Ali 2010, double-blind; Kerherve 2017, low-pressure look-alike sleeves,
        with one author affiliated with the maker).""",
    "compression-improves-running-mechanics": """
        Stickford 2015 found no change in contact time, stride or gait variability with
        calf sleeves. The only trial that measured gait in trained runners on the road
        found nothing.""",
    "compression-increases-running-endurance": """
        Of four small crossover trials that ran people to exhaustion, one found a modest
        gain (Kemmler 2009: about 1.4 minutes longer on a graded treadmill test in
        stockings, not blinded) and three found none (Sperlich 2010, Menetrier 2011, Rider
        2014).""",
}
CAUGHT = {
    "compression-flushes-lactic-acid": {
        ("summary-unlinked-study", "Ali 2010"),
        ("summary-direction", "only Rider 2014"),
        ("summary-funding", "Engel 2016"),
    },
    "compression-benefits-are-placebo": {("summary-direction", "Kerherve 2017")},
    "compression-improves-running-mechanics": {("summary-setting", "on the road")},
    "compression-increases-running-endurance": {("summary-direction", "Rider 2014")},
}


@pytest.fixture(scope="module")
def audited_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audit")
    for folder in ("claims", "studies"):
        shutil.copytree(REPO / folder, root / folder)
    for claim_id, before in BEFORE.items():
        path = root / "claims" / f"{claim_id}.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("\n  summary: >-\n", text.index("\nverdict:\n")) + 1
        end = text.index("\n  reviewed:", start) + 1
        wrapped = textwrap.fill(" ".join(before.split()), 84)
        body = textwrap.indent(wrapped, "    ")
        path.write_text(
            text[:start] + "  summary: >-\n" + body + "\n" + text[end:],
            encoding="utf-8",
        )
    return root


def _summary_problems(root: Path, claim_id: str) -> list[Problem]:
    return [
        p
        for p in load_corpus(root).problems
        if p.path == f"claims/{claim_id}.yaml" and p.code.startswith("summary-")
    ]


@pytest.mark.parametrize("claim_id", sorted(BEFORE))
def test_the_audited_sentences_are_caught(audited_root: Path, claim_id: str) -> None:
    found = _summary_problems(audited_root, claim_id)
    for code, words in CAUGHT[claim_id]:
        assert any(p.code == code and words in p.message for p in found), (
            code,
            words,
            [p.message for p in found],
        )
    assert all(p.field == "verdict.summary" and p.message.endswith('"') for p in found)


def test_the_shipped_summaries_pass() -> None:
    found = [p for p in load_corpus(REPO).problems if p.code.startswith("summary-")]
    assert found == []


# --------------------------------------------------------------------------- kept between loads


def _summary_messages(root: Path, **kept: Any) -> list[str]:
    return [
        f"{p.path}: {p.message}"
        for p in load_corpus(root, **kept).problems
        if p.code.startswith("summary-")
    ]


def test_the_memo_reads_a_claim_again_only_when_what_it_reads_changed() -> None:
    a, b = _study("alpha-2015", "no-difference"), _study("beta-2016", "benefit")
    claim = _claim("Alpha 2015 found no difference and Beta 2016 agreed.", [a])
    studies = {s.id: s for s in (a, b)}
    memo = SummaryMemo()
    memo.start([claim], studies)
    first = memo.findings(claim, studies, StudyIndex(studies))
    assert [f.code for f in first] == ["summary-unlinked-study"]
    assert memo.findings(claim, studies, StudyIndex(studies)) is first  # kept
    # the linked study read anew (its file changed): the claim is read again
    changed = {**studies, "alpha-2015": _study("alpha-2015", "benefit")}
    memo.start([claim], changed)
    again = memo.findings(claim, changed, StudyIndex(changed))
    assert again is not first
    assert sorted(f.code for f in again) == sorted(
        f.code for f in check_summary(claim, changed)
    )
    # a study added or removed can change what a name in a summary means
    fewer = {"alpha-2015": changed["alpha-2015"]}
    memo.start([claim], fewer)
    gone = memo.findings(claim, fewer, StudyIndex(fewer))
    assert any("Beta 2016, which is not a study in studies/" in f.message for f in gone)


def test_reloads_with_the_memo_report_what_a_fresh_load_reports(
    audited_root: Path, tmp_path: Path
) -> None:
    """Real files, reloaded with the parse cache and the memo after each edit."""
    root = tmp_path / "data"
    shutil.copytree(audited_root, root)
    kept: dict[str, Any] = {"cache": {}, "summary_memo": SummaryMemo()}
    before = _summary_messages(root, **kept)
    assert before == _summary_messages(root)
    assert any("running-endurance" in m and "Rider 2014" in m for m in before)
    # Rider 2014's time to fatigue corrected to "no difference": the summary now agrees
    study = root / "studies" / "rider-2014.yaml"
    text = study.read_text(encoding="utf-8")
    fixed = text.replace("    direction: harm\n", "    direction: no-difference\n", 1)
    assert fixed != text
    study.write_text(fixed, encoding="utf-8")
    after = _summary_messages(root, **kept)
    assert after == _summary_messages(root)
    assert not any("running-endurance" in m for m in after)
    assert len(after) == len(before) - 1
    # a study named in a summary removed: the name no longer resolves
    (root / "studies" / "kemmler-2009.yaml").unlink()
    removed = _summary_messages(root, **kept)
    assert removed == _summary_messages(root)
    assert any("Kemmler 2009, which is not a study in studies/" in m for m in removed)
