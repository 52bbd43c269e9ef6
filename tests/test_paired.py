"""Crossover and other within-subject comparisons: paired estimates only, never two
independent groups.

The textbook example is the Cochrane Handbook's worked crossover trial (Higgins JPT, Green
S (editors), Cochrane Handbook for Systematic Reviews of Interventions version 5.1.0,
section 16.4.6.4 "Example", https://handbook-5-1.cochrane.org/chapter_16/16_4_6_4_example.htm;
the same method is in version 6, section 23.2.7). Ten participants, intervention E: mean
7.0, SD 2.38; intervention C: mean 6.5, SD 2.21; with a within-subject correlation of 0.68
the Handbook gets MD 0.5 with SE 0.583, and SMD 0.218 with SE 0.256.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from statsmodels.stats.meta_analysis import effectsize_smd
from typer.testing import CliRunner

from claimtracker.cli import app
from claimtracker.grading import assess_claim
from claimtracker.models import Arm, Claim, Study
from claimtracker.synthesis import (
    paired_mean_difference,
    paired_smd,
    pool_input,
    pool_outcomes,
    unpooled_reason,
)

E = Arm(mean=7.0, sd=2.38, n=10)
C = Arm(mean=6.5, sd=2.21, n=10)
R = 0.68
ARMS = {
    "compression": E.model_dump(),
    "control": C.model_dump(),
    "higher_is_better": True,
}


def _study(
    sid: str = "cross-2010",
    *,
    design: str = "rct-crossover",
    comparator: str = "no-garment",
    **outcome: Any,
) -> Study:
    return Study.model_validate(
        {
            "id": sid,
            "title": f"Trial {sid}",
            "year": 2010,
            "design": design,
            "participants": {"n": 10, "population": "runners"},
            "garment": {"type": "socks"},
            "comparator": comparator,
            "blinding": "none",
            "outcomes": [
                {
                    "key": "tte",
                    "name": "Time to exhaustion",
                    "domain": "performance",
                    "measure": "objective",
                    "direction": "benefit",
                    **outcome,
                }
            ],
        }
    )


def test_the_handbook_crossover_example_mean_difference() -> None:
    md, se = paired_mean_difference(E, C, R)
    assert md == pytest.approx(0.5)
    assert round(se, 3) == 0.583


def test_the_handbook_crossover_example_standardised_mean_difference() -> None:
    smd, se = paired_smd(E, C, R)
    assert round(smd, 3) == 0.218
    assert round(se, 3) == 0.256


def test_a_crossover_with_a_stated_correlation_pools_the_paired_smd() -> None:
    study = _study(arms={**ARMS, "within_subject_r": R})
    found = pool_input(study, study.outcomes[0])
    assert found is not None
    assert found.source == "paired-arms"
    assert round(found.value, 3) == 0.218
    assert round(found.se, 3) == 0.256


def test_the_same_numbers_as_independent_groups_give_a_different_answer() -> None:
    """What the engine used to do with crossover arms: Hedges g of two independent groups
    of 10. Its SE is far larger than the paired one, because it ignores that the same
    people are in both conditions; the engine now gives it only for a parallel trial."""
    g, var = effectsize_smd(E.mean, E.sd, E.n, C.mean, C.sd, C.n)
    parallel = _study(design="rct-parallel", arms=ARMS)
    found = pool_input(parallel, parallel.outcomes[0])
    assert found is not None and found.source == "arms"
    assert found.value == pytest.approx(float(g))
    assert found.se == pytest.approx(float(var) ** 0.5)
    assert found.se > 1.7 * paired_smd(E, C, R)[1]  # 0.45 against 0.256


def test_crossover_arms_without_a_correlation_are_never_pooled_as_independent_groups() -> (
    None
):
    study = _study(arms=ARMS)
    assert pool_input(study, study.outcomes[0]) is None
    why = unpooled_reason(study, study.outcomes[0])
    assert why is not None
    assert "crossover trial" in why and "within-subject correlation" in why
    assert "independent-groups SMD from these arms would be wrong" in why


def test_a_contralateral_limb_comparison_is_paired_too() -> None:
    study = _study(design="non-randomised", comparator="contralateral-limb", arms=ARMS)
    assert pool_input(study, study.outcomes[0]) is None
    assert "within-subject comparison" in (
        unpooled_reason(study, study.outcomes[0]) or ""
    )


def test_first_period_data_marked_unpaired_pool_as_independent_groups() -> None:
    study = _study(arms={**ARMS, "paired": False})
    found = pool_input(study, study.outcomes[0])
    assert found is not None and found.source == "arms"


def test_a_crossover_effect_pools_only_when_it_says_it_is_paired() -> None:
    effect = {"metric": "md", "value": 0.5, "ci": [-0.64, 1.64], "unit": "s"}
    unknown = _study(effect=effect)
    assert pool_input(unknown, unknown.outcomes[0]) is None
    assert "effect.paired" in (unpooled_reason(unknown, unknown.outcomes[0]) or "")
    paired = _study(effect={**effect, "paired": True})
    found = pool_input(paired, paired.outcomes[0])
    assert found is not None and found.source == "paired-effect"
    assert found.value == 0.5


def test_paired_and_parallel_trials_pool_together_on_the_smd_scale() -> None:
    crossover = _study("cross-2010", arms={**ARMS, "within_subject_r": R})
    parallel = _study("para-2012", design="rct-parallel", arms=ARMS)
    [pool] = pool_outcomes(
        [(crossover, crossover.outcomes[0]), (parallel, parallel.outcomes[0])]
    )
    assert {r.study: r.source for r in pool.rows} == {
        "cross-2010": "paired-arms",
        "para-2012": "arms",
    }
    # inverse-variance weights: the paired trial, with its smaller SE, weighs more
    weights = {r.study: r.weight for r in pool.rows}
    assert weights["cross-2010"] > weights["para-2012"]


#: A claim linking the time-to-exhaustion outcome of two crossover trials.
TWO_CROSSOVERS: dict[str, Any] = {
    "id": "socks-extend-endurance",
    "status": "draft",
    "proposition": "Compression socks let runners keep going longer.",
    "domain": "performance",
    "about": {"populations": ["runners"], "garments": ["socks"]},
    "evidence": [
        {"study": "cross-2010", "outcome": "tte"},
        {"study": "cross-2011", "outcome": "tte"},
    ],
}


def test_the_engine_says_why_a_crossover_was_not_pooled() -> None:
    crossover = _study("cross-2010", arms=ARMS)
    other = _study("cross-2011", arms=ARMS)
    claim = Claim.model_validate(TWO_CROSSOVERS)
    result = assess_claim(claim, {"cross-2010": crossover, "cross-2011": other})
    # two crossover trials' arms, never pooled as independent groups
    assert result.pooled == []
    pooling = [r for r in result.reasons if r.rule == "pooling"]
    assert [r.studies for r in pooling] == [["cross-2010"], ["cross-2011"]]
    assert all(r.text.startswith("not pooled: cross-201") for r in pooling)


def test_explain_shows_the_reason_on_the_command_line(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "studies").mkdir(parents=True)
    (root / "claims").mkdir()
    for sid in ("cross-2010", "cross-2011"):
        data = _study(sid, arms=ARMS).model_dump(mode="json", exclude_defaults=True)
        (root / "studies" / f"{sid}.yaml").write_text(
            yaml.safe_dump(data, sort_keys=False), encoding="utf-8"
        )
    (root / "claims" / "socks-extend-endurance.yaml").write_text(
        yaml.safe_dump(TWO_CROSSOVERS, sort_keys=False), encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["explain", "socks-extend-endurance", "--root", str(root)]
    )
    assert result.exit_code == 0, result.output
    assert "not pooled: cross-2010 'tte': a crossover trial" in result.output
    assert "pooled smd" not in result.output
