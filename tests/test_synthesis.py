"""Pooled random-effects estimates: metafor's dat.bcg results, scales, and no double counting."""

from __future__ import annotations

import math
import warnings
from typing import Any, Literal

import pytest
from statsmodels.stats.meta_analysis import effectsize_smd

from claimtracker.models import Study
from claimtracker.synthesis import Z95, pool_outcomes, random_effects

# metafor's dat.bcg: (trial, tpos, tneg, cpos, cneg), from ECOSYSTEM.md
BCG = [
    (1, 4, 119, 11, 128),
    (2, 6, 300, 29, 274),
    (3, 3, 228, 11, 209),
    (4, 62, 13536, 248, 12619),
    (5, 33, 5036, 47, 5761),
    (6, 180, 1361, 372, 1079),
    (7, 8, 2537, 10, 619),
    (8, 505, 87886, 499, 87892),
    (9, 29, 7470, 45, 7232),
    (10, 17, 1699, 65, 1600),
    (11, 186, 50448, 141, 27197),
    (12, 5, 2493, 3, 2338),
    (13, 27, 16886, 29, 17825),
]


def log_risk_ratios() -> tuple[list[float], list[float]]:
    yi, vi = [], []
    for _, tpos, tneg, cpos, cneg in BCG:
        n1, n2 = tpos + tneg, cpos + cneg
        yi.append(math.log((tpos / n1) / (cpos / n2)))
        vi.append(1 / tpos - 1 / n1 + 1 / cpos - 1 / n2)
    return yi, vi


def study(sid: str, outcomes: list[dict[str, Any]], **extra: Any) -> Study:
    data: dict[str, Any] = {
        "id": sid,
        "title": f"Trial {sid}",
        "year": 2015,
        "design": "rct-parallel",
        "participants": {"n": 40, "population": "runners"},
        "garment": {"type": "socks"},
        "comparator": "no-garment",
        "blinding": "none",
        "outcomes": outcomes,
    }
    data.update(extra)
    return Study.model_validate(data)


def outcome(key: str = "soreness", **extra: Any) -> dict[str, Any]:
    return {
        "key": key,
        "name": "Muscle soreness at 24 h",
        "domain": "recovery",
        "measure": "self-reported",
        "direction": "benefit",
        **extra,
    }


def smd(value: float, low: float, high: float, **extra: Any) -> dict[str, Any]:
    return {"metric": "smd", "value": value, "ci": [low, high], **extra}


def test_dersimonian_laird_reproduces_metafor_on_dat_bcg() -> None:
    yi, vi = log_risk_ratios()
    fit = random_effects(yi, vi, "dl")
    assert fit.estimate == pytest.approx(-0.7141, abs=5e-5)
    assert fit.ci_low == pytest.approx(-1.0644, abs=5e-5)
    assert fit.ci_high == pytest.approx(-0.3638, abs=5e-5)
    assert fit.tau2 == pytest.approx(0.3088, abs=5e-5)
    assert fit.i2 == pytest.approx(0.921173, abs=5e-6)
    assert fit.q == pytest.approx(152.2330, abs=5e-4)
    assert fit.k == 13


def test_paule_mandel_reproduces_metafor_tau2_on_dat_bcg() -> None:
    yi, vi = log_risk_ratios()
    assert random_effects(yi, vi, "pm").tau2 == pytest.approx(0.3181, abs=5e-5)


def test_pooling_ratio_outcomes_works_on_the_log_scale() -> None:
    yi, vi = log_risk_ratios()
    studies = []
    for (trial, *_), y, v in zip(BCG, yi, vi, strict=True):
        se = math.sqrt(v)
        effect = {
            "metric": "rr",
            "value": math.exp(y),
            "ci": [math.exp(y - Z95 * se), math.exp(y + Z95 * se)],
            "benefit_sign": -1,
        }
        studies.append(study(f"bcg-trial-{trial}", [outcome("tb", effect=effect)]))
    [pooled] = pool_outcomes(
        [(s, s.outcomes[0]) for s in studies], body="medical/objective"
    )
    assert pooled.log_scale and pooled.null_value == 1.0
    assert pooled.estimate == pytest.approx(math.exp(-0.7141), abs=5e-5)
    assert pooled.ci_low == pytest.approx(math.exp(-1.0644), abs=5e-5)
    assert pooled.tau2 == pytest.approx(0.3088, abs=5e-5)
    assert pooled.pm_tau2 == pytest.approx(0.3181, abs=5e-5)
    assert len(pooled.rows) == 13
    assert sum(r.weight for r in pooled.rows) == pytest.approx(1.0)
    assert pooled.rows[0].estimate == pytest.approx(math.exp(-0.8893), abs=5e-5)


def test_dersimonian_laird_tau2_is_truncated_at_zero() -> None:
    # statsmodels returns a negative tau^2 (and a meaningless estimate) when Q < k - 1
    fit = random_effects([0.10, 0.12], [0.01, 0.04], "dl")
    assert fit.tau2 == 0.0
    assert fit.i2 == 0.0
    assert fit.estimate == pytest.approx(
        (0.10 / 0.01 + 0.12 / 0.04) / (1 / 0.01 + 1 / 0.04)
    )
    assert math.isfinite(fit.ci_low) and math.isfinite(fit.ci_high)


@pytest.mark.parametrize("method", ["dl", "pm"])
@pytest.mark.parametrize(
    ("effects", "variances"),
    [
        # identical estimates (Q = 0), as a synthetic corpus produced them
        ([0.06, 0.06], [0.009397471555734907, 0.011480013728750956]),
        ([0.10, 0.12], [0.01, 0.04]),  # Q < k - 1
        ([0.3], [0.02]),  # one estimate
    ],
    ids=["identical", "homogeneous", "single"],
)
def test_homogeneous_estimates_fit_without_numeric_warnings(
    effects: list[float], variances: list[float], method: Literal["dl", "pm"]
) -> None:
    # Where DerSimonian-Laird's tau^2 would be negative, no random-effects weights are
    # computed from it (var + tau^2 <= 0 made numpy warn); the fit is the fixed-effect one.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = random_effects(effects, variances, method)
    weights = [1 / v for v in variances]
    assert fit.tau2 == 0.0
    assert fit.estimate == pytest.approx(
        sum(w * e for w, e in zip(weights, effects, strict=True)) / sum(weights)
    )
    assert fit.se == pytest.approx(math.sqrt(1 / sum(weights)))
    assert sum(fit.weights) == pytest.approx(1.0)


def test_random_effects_refuses_zero_variance() -> None:
    with pytest.raises(ValueError, match="above zero"):
        random_effects([0.1, 0.2], [0.0, 0.1])


def test_per_arm_data_become_hedges_g() -> None:
    arms = {
        "compression": {"mean": 3.1, "sd": 1.2, "n": 12},
        "control": {"mean": 4.0, "sd": 1.4, "n": 12},
    }
    a = study("arms-a-2015", [outcome(arms=arms)])
    b = study("arms-b-2016", [outcome(effect=smd(-0.5, -1.1, 0.1))])
    [pooled] = pool_outcomes([(a, a.outcomes[0]), (b, b.outcomes[0])])
    expected, var = effectsize_smd(3.1, 1.2, 12, 4.0, 1.4, 12)
    row = next(r for r in pooled.rows if r.study == "arms-a-2015")
    assert row.source == "arms"
    assert row.estimate == pytest.approx(float(expected))
    assert row.ci_high - row.ci_low == pytest.approx(2 * Z95 * math.sqrt(float(var)))


def test_a_review_is_never_pooled_with_the_trials_it_includes() -> None:
    trial_a = study("trial-a-2012", [outcome(effect=smd(0.5, 0.1, 0.9))])
    trial_b = study("trial-b-2013", [outcome(effect=smd(0.3, -0.1, 0.7))])
    later = study("trial-c-2020", [outcome(effect=smd(0.1, -0.3, 0.5))], year=2020)
    review = study(
        "review-2014",
        [outcome(effect=smd(0.4, 0.2, 0.6, studies=2))],
        design="meta-analysis",
        includes=["trial-a-2012", "trial-b-2013"],
    )
    items = [(s, s.outcomes[0]) for s in (trial_a, trial_b, review, later)]
    [pooled] = pool_outcomes(items)
    assert [r.study for r in pooled.rows] == ["review-2014", "trial-c-2020"]
    assert any("trial-a-2012 left out" in n for n in pooled.notes)


def test_two_reviews_are_not_pooled_with_each_other() -> None:
    big = study(
        "big-review-2018",
        [outcome(effect=smd(0.4, 0.2, 0.6, studies=12))],
        design="meta-analysis",
    )
    small = study(
        "small-review-2016",
        [outcome(effect=smd(0.5, 0.1, 0.9, studies=5))],
        design="meta-analysis",
    )
    assert pool_outcomes([(big, big.outcomes[0]), (small, small.outcomes[0])]) == []


def test_one_estimate_per_study() -> None:
    two = study(
        "two-outcomes-2015",
        [
            outcome("at-24h", effect=smd(0.5, 0.1, 0.9)),
            outcome("at-48h", effect=smd(0.6, 0.2, 1.0)),
        ],
    )
    assert pool_outcomes([(two, o) for o in two.outcomes]) == []


def test_opposite_sign_conventions_are_harmonised() -> None:
    up = study("up-2015", [outcome(effect=smd(0.4, 0.0, 0.8, benefit_sign=1))])
    down = study("down-2016", [outcome(effect=smd(-0.4, -0.8, 0.0, benefit_sign=-1))])
    [pooled] = pool_outcomes([(up, up.outcomes[0]), (down, down.outcomes[0])])
    assert pooled.benefit_sign == 1
    assert pooled.estimate == pytest.approx(0.4)
    assert pooled.tau2 == 0.0


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            {"metric": "es", "value": 0.4, "ci": [0.1, 0.7]},
            {"metric": "es", "value": 0.3, "ci": [0.0, 0.6]},
        ),
        (
            {"metric": "md", "value": 3.0, "ci": [1.0, 5.0], "unit": "s"},
            {"metric": "md", "value": 2.0, "ci": [1.0, 3.0], "unit": "%"},
        ),
        (
            {"metric": "smd", "value": 0.4},
            {"metric": "smd", "value": 0.3, "ci": [0.0, 0.6]},
        ),
    ],
    ids=["unspecified-es", "different-units", "no-ci"],
)
def test_estimates_that_cannot_be_combined_are_not_pooled(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    a = study("first-2015", [outcome(effect=first)])
    b = study("second-2016", [outcome(effect=second)])
    assert pool_outcomes([(a, a.outcomes[0]), (b, b.outcomes[0])]) == []


def test_arms_say_which_way_is_better_so_times_and_endurance_pool_the_same_way() -> (
    None
):
    def arms(comp: float, ctrl: float, higher: bool) -> dict[str, Any]:
        return {
            "compression": {"mean": comp, "sd": 10.0, "n": 15},
            "control": {"mean": ctrl, "sd": 10.0, "n": 15},
            "higher_is_better": higher,
        }

    race = study("race-2015", [outcome(arms=arms(100.0, 105.0, False))])  # 5 s faster
    endurance = study(
        "endure-2016", [outcome(arms=arms(105.0, 100.0, True))]
    )  # 5 s longer
    [pooled] = pool_outcomes(
        [(race, race.outcomes[0]), (endurance, endurance.outcomes[0])]
    )
    assert pooled.benefit_sign == 1
    assert pooled.estimate > 0
    assert pooled.rows[0].estimate == pytest.approx(pooled.rows[1].estimate)
