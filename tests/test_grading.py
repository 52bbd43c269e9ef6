"""The verdict engine on small synthetic evidence sets: one set per rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from claimtracker.bodies import rate
from claimtracker.grading import RULES, Assessment, assess_claim, assess_corpus
from claimtracker.models import Certainty, Claim, Direction, Flag, Rating, Study
from claimtracker.wording import hedge, safe_sentence

# --------------------------------------------------------------------------- builders


def outcome(
    key: str = "soreness",
    *,
    domain: str = "recovery",
    measure: str = "self-reported",
    direction: str = "benefit",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "key": key,
        "name": f"{key.replace('-', ' ')} measured",
        "domain": domain,
        "measure": measure,
        "direction": direction,
        **extra,
    }


def study(
    sid: str,
    *outcomes: dict[str, Any],
    n: int | None = 40,
    design: str = "rct-crossover",
    population: str = "runners",
    garment: str = "socks",
    year: int = 2015,
    worn: str = "not-reported",
    **extra: Any,
) -> Study:
    data: dict[str, Any] = {
        "id": sid,
        "title": f"Study {sid}",
        "year": year,
        "design": design,
        "participants": {
            "population": population,
            **({"n": n} if n is not None else {}),
        },
        "garment": {"type": garment, "worn": worn},
        "comparator": "no-garment",
        "blinding": "none",
        "outcomes": list(outcomes) or [outcome()],
    }
    data.update(extra)
    return Study.model_validate(data)


def review(
    sid: str, *outcomes: dict[str, Any], n: int | None = 900, **extra: Any
) -> Study:
    extra.setdefault("blinding", "not-applicable")
    extra.setdefault("year", 2020)
    return study(sid, *outcomes, n=n, design="meta-analysis", **extra)


def claim(
    *studies: Study,
    domain: str = "recovery",
    populations: tuple[str, ...] = ("runners",),
    garments: tuple[str, ...] = ("socks",),
    proposition: str = "Compression socks reduce muscle soreness after running.",
    links: list[tuple[str, str]] | None = None,
) -> Claim:
    if links is None:
        links = [(s.id, o.key) for s in studies for o in s.outcomes]
    return Claim.model_validate(
        {
            "id": "test-claim",
            "status": "draft",
            "proposition": proposition,
            "domain": domain,
            "about": {"populations": list(populations), "garments": list(garments)},
            "evidence": [{"study": s, "outcome": o} for s, o in links],
        }
    )


def assess(*studies: Study, **kw: Any) -> Assessment:
    return assess_claim(claim(*studies, **kw), {s.id: s for s in studies})


def steps(a: Assessment, rule: str) -> int:
    return sum(r.steps for r in a.reasons if r.rule == rule)


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    """One evidence set and what the engine must conclude from it."""

    studies: list[Study]
    rating: Rating | None
    certainty: Certainty | None
    flags: set[Flag] = field(default_factory=set)
    absent: set[Flag] = field(default_factory=set)
    claim: dict[str, Any] = field(default_factory=dict)
    downs: dict[str, int] = field(default_factory=dict)


SORENESS_NULL = outcome(
    domain="recovery", measure="objective", direction="no-difference"
)
PRECISE_NULL = {
    "metric": "smd",
    "value": 0.02,
    "ci": [-0.08, 0.12],
    "participants": 1200,
}

#: A precise meta-analysis of several garments in a mixed sample of exercisers.
MIXED_REVIEW = review(
    "mixed-review-2020",
    outcome(
        measure="objective",
        effect={"metric": "smd", "value": 0.4, "ci": [0.3, 0.5], "participants": 900},
    ),
    population="mixed",
    garment="mixed",
)
#: A precise benefit, as a review reports it.
GRADED_EFFECT: dict[str, Any] = {"metric": "smd", "value": 0.4, "ci": [0.3, 0.5]}
#: A claim about athletes and runners in several garments.
BROAD_CLAIM: dict[str, Any] = {
    "populations": ("athletes", "runners"),
    "garments": ("socks", "sleeves", "tights"),
}

#: Skin damage, more common with compression, counted objectively.
SKIN_HARM = outcome("skin", domain="safety", measure="objective", direction="harm")
#: A claim that compression stockings can harm the wearer.
SAFETY_CLAIM: dict[str, Any] = {
    "domain": "safety",
    "populations": ("patients",),
    "garments": ("stockings",),
    "proposition": "Compression stockings can damage the skin.",
}


def patients_study(sid: str, *outcomes: dict[str, Any], **extra: Any) -> Study:
    """A trial in patients wearing stockings, the people and garment of ``SAFETY_CLAIM``."""
    extra.setdefault("population", "patients")
    extra.setdefault("garment", "stockings")
    return study(sid, *outcomes, **extra)


CASES: dict[str, Case] = {
    "three small unblinded trials, self-reported benefit only": Case(
        studies=[study(f"small-{i}-2015", n=45) for i in "abc"],
        rating=Rating.PARTLY_SUPPORTED,
        certainty=Certainty.LOW,
        flags={Flag.PLACEBO_POSSIBLE, Flag.SMALL_STUDIES},
        downs={"risk-of-bias": 1, "imprecision": 1},
    ),
    "a meta-analysis giving neither its size nor an interval": Case(
        studies=[
            review(
                "unsized-review-2020",
                outcome(measure="objective", effect={"metric": "smd", "value": 0.5}),
                n=None,
            )
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        absent={Flag.SMALL_STUDIES},
        downs={"imprecision": 1},
    ),
    "a precise null meta-analysis": Case(
        studies=[
            review(
                "null-review-2020",
                outcome(
                    measure="objective", direction="no-difference", effect=PRECISE_NULL
                ),
                n=1200,
            )
        ],
        rating=Rating.CONTRADICTED,
        certainty=Certainty.HIGH,
        absent={Flag.SMALL_STUDIES, Flag.PLACEBO_POSSIBLE},
    ),
    "sleeve studies for a sock claim": Case(
        studies=[
            study(
                f"sleeves-{i}-2015",
                outcome(measure="objective"),
                n=250,
                garment="sleeves",
            )
            for i in "ab"
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        flags={Flag.INDIRECT_EVIDENCE},
        downs={"indirectness": 1},
    ),
    "sleeve studies for a sleeves claim are direct": Case(
        studies=[
            study(
                f"sleeves-{i}-2015",
                outcome(measure="objective"),
                n=250,
                garment="sleeves",
            )
            for i in "ab"
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        absent={Flag.INDIRECT_EVIDENCE},
        claim={"garments": ("sleeves",)},
    ),
    "patients in stockings for a runners' socks claim are very indirect": Case(
        studies=[
            study(
                f"clinic-{i}-2015",
                outcome(measure="objective"),
                n=300,
                population="patients",
                garment="stockings",
            )
            for i in "ab"
        ],
        rating=Rating.PARTLY_SUPPORTED,
        certainty=Certainty.LOW,
        flags={Flag.INDIRECT_EVIDENCE},
        downs={"indirectness": 2},
    ),
    "a review pooling garments and people answers a broad claim directly": Case(
        studies=[MIXED_REVIEW],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        absent={Flag.INDIRECT_EVIDENCE},
        claim=BROAD_CLAIM,
        downs={"indirectness": 0},
    ),
    "a review pooling garments and people is indirect for a socks claim": Case(
        studies=[MIXED_REVIEW],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        flags={Flag.INDIRECT_EVIDENCE},
        downs={"indirectness": 1},
    ),
    "a review of mixed exercisers is indirect for a trained runners claim": Case(
        studies=[MIXED_REVIEW],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        flags={Flag.INDIRECT_EVIDENCE},
        claim={**BROAD_CLAIM, "populations": ("trained-runners",)},
        downs={"indirectness": 1},
    ),
    "a review's own GRADE rating caps the body": Case(
        studies=[
            review(
                "graded-review-2020",
                outcome(
                    measure="objective",
                    effect={**GRADED_EFFECT, "certainty": "moderate"},
                ),
                n=1200,
            )
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        downs={"review-grading": 1},
    ),
    "a review's own GRADE rating never raises the body": Case(
        studies=[
            review(
                "graded-review-2020",
                outcome(
                    measure="objective", effect={**GRADED_EFFECT, "certainty": "high"}
                ),
                n=300,
            )
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        downs={"imprecision": 1, "review-grading": 0},
    ),
    "a very uncertain body beside a decisive one lends it no flags": Case(
        studies=[
            review(
                "decisive-review-2020",
                outcome(measure="objective", effect=GRADED_EFFECT),
                n=1200,
            ),
            study(
                "far-off-2015",
                outcome(direction="no-difference"),
                n=12,
                population="patients",
                garment="stockings",
            ),
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        absent={Flag.INDIRECT_EVIDENCE, Flag.SMALL_STUDIES},
    ),
    "one study in four disagrees": Case(
        studies=[
            study("yes-a-2015", outcome(measure="objective"), n=150),
            study("yes-b-2015", outcome(measure="objective"), n=150),
            study("yes-c-2015", outcome(measure="objective"), n=150),
            study("no-a-2015", SORENESS_NULL, n=150),
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        flags={Flag.CONFLICTING_EVIDENCE},
        downs={"inconsistency": 1},
    ),
    "directions split with no clear majority": Case(
        studies=[
            study("yes-a-2015", outcome(measure="objective"), n=150),
            study("yes-b-2015", outcome(measure="objective"), n=150),
            study("no-a-2015", SORENESS_NULL, n=150),
            study("no-b-2015", SORENESS_NULL, n=150),
        ],
        rating=Rating.UNPROVEN,
        certainty=Certainty.LOW,
        flags={Flag.CONFLICTING_EVIDENCE},
        downs={"inconsistency": 2},
    ),
    "a single review with a mixed finding": Case(
        studies=[
            review(
                "mixed-finding-2020",
                outcome(measure="objective", direction="mixed"),
                n=900,
            )
        ],
        rating=Rating.PARTLY_SUPPORTED,
        certainty=Certainty.HIGH,
        claim={"domain": "recovery"},
        downs={"inconsistency": 0},
    ),
    "most of the evidence funded by a garment maker": Case(
        studies=[
            study(
                f"funded-{i}-2015",
                outcome(measure="objective"),
                n=250,
                funding={"industry": True},
            )
            for i in "ab"
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        flags={Flag.INDUSTRY_FUNDED},
        downs={"publication": 1},
    ),
    "one funded study among three is flagged, not rated down": Case(
        studies=[
            study(
                "funded-2015",
                outcome(measure="objective"),
                n=250,
                funding={"industry": True},
            ),
            study("public-a-2015", outcome(measure="objective"), n=250),
            study("public-b-2015", outcome(measure="objective"), n=250),
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        flags={Flag.INDUSTRY_FUNDED},
        downs={"publication": 0},
    ),
    "non-randomised studies start low": Case(
        studies=[
            study(
                f"cohort-{i}-2015",
                outcome(measure="objective"),
                n=300,
                design="non-randomised",
            )
            for i in "ab"
        ],
        rating=Rating.PARTLY_SUPPORTED,
        certainty=Certainty.LOW,
    ),
    "a sham-controlled benefit is not flagged as placebo": Case(
        studies=[
            study(f"sham-{i}-2015", n=250, comparator="sham-garment") for i in "ab"
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        absent={Flag.PLACEBO_POSSIBLE},
    ),
    "high risk of bias and unblinded self-report rate down two steps": Case(
        studies=[
            study(f"weak-{i}-2015", n=250, risk_of_bias={"rating": "high"})
            for i in "ab"
        ],
        rating=Rating.PARTLY_SUPPORTED,
        certainty=Certainty.LOW,
        downs={"risk-of-bias": 2},
    ),
    "very few participants rate down two steps": Case(
        studies=[study("tiny-2015", outcome(measure="objective"), n=12)],
        rating=Rating.PARTLY_SUPPORTED,
        certainty=Certainty.LOW,
        flags={Flag.SMALL_STUDIES},
        downs={"imprecision": 2},
    ),
    "only physiology markers for a performance claim": Case(
        studies=[
            study(
                "markers-2015", outcome(domain="physiology", measure="objective"), n=500
            )
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.MODERATE,
        flags={Flag.SURROGATE_OUTCOME},
        claim={
            "domain": "performance",
            "proposition": "Compression socks make runners faster.",
        },
        downs={"indirectness": 1},
    ),
    "a history claim is not assessable": Case(
        studies=[study("any-2015")],
        rating=None,
        certainty=None,
        claim={
            "domain": "history",
            "proposition": "Compression has been used since antiquity.",
        },
    ),
    "no usable evidence is unproven": Case(
        studies=[],
        rating=Rating.UNPROVEN,
        certainty=Certainty.VERY_LOW,
    ),
    "a harm beside a benefit in the same trial is an adverse effect, not a vote": Case(
        studies=[
            study(
                "trade-off-2015",
                outcome("clots", domain="medical", measure="objective"),
                outcome(
                    "rash", domain="medical", measure="objective", direction="harm"
                ),
                n=500,
            )
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        absent={Flag.CONFLICTING_EVIDENCE},
        claim={"domain": "medical"},
    ),
    "adverse events in another trial are shown apart from a benefit claim": Case(
        studies=[
            study(
                "clots-a-2015",
                outcome("clots", domain="medical", measure="objective"),
                n=500,
            ),
            study("skin-a-2015", SKIN_HARM, n=500),
        ],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        absent={Flag.CONFLICTING_EVIDENCE},
        claim={"domain": "medical"},
    ),
    "a harm found supports a safety claim": Case(
        studies=[patients_study(f"skin-{i}-2015", SKIN_HARM, n=500) for i in "ab"],
        rating=Rating.SUPPORTED,
        certainty=Certainty.HIGH,
        claim=SAFETY_CLAIM,
    ),
    "a harm found at low certainty partly supports a safety claim": Case(
        studies=[
            patients_study("skin-cohort-2015", SKIN_HARM, n=500, design="observational")
        ],
        rating=Rating.PARTLY_SUPPORTED,
        certainty=Certainty.LOW,
        claim=SAFETY_CLAIM,
    ),
    "a precise finding of no harm contradicts a safety claim": Case(
        studies=[
            review(
                "no-harm-review-2020",
                outcome(
                    "skin",
                    domain="safety",
                    measure="objective",
                    direction="no-difference",
                    effect={"metric": "rr", "value": 1.0, "ci": [0.9, 1.1]},
                ),
                n=1200,
                population="patients",
                garment="stockings",
            )
        ],
        rating=Rating.CONTRADICTED,
        certainty=Certainty.HIGH,
        claim=SAFETY_CLAIM,
    ),
    "fewer events with compression contradict a safety claim": Case(
        studies=[
            patients_study(
                f"fewer-{i}-2015",
                outcome("skin", domain="safety", measure="objective"),
                n=500,
            )
            for i in "ab"
        ],
        rating=Rating.CONTRADICTED,
        certainty=Certainty.HIGH,
        claim=SAFETY_CLAIM,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_engine_reaches_the_expected_verdict(name: str) -> None:
    case = CASES[name]
    result = assess(*case.studies, **case.claim)
    assert (result.rating, result.certainty) == (case.rating, case.certainty), [
        r.text for r in result.reasons
    ]
    assert case.flags <= set(result.flags)
    assert not case.absent & set(result.flags)
    for rule, expected in case.downs.items():
        assert steps(result, rule) == expected, rule


def test_a_retracted_study_is_left_out_and_flagged() -> None:
    good = [study(f"good-{i}-2015", outcome(measure="objective"), n=250) for i in "ab"]
    bad = study(
        "bad-2016",
        outcome(measure="objective", direction="harm"),
        n=5000,
        integrity={"status": "retracted", "note": "data fabricated"},
    )
    result = assess(*good, bad)
    assert Flag.RETRACTED_SOURCE in result.flags
    assert result.excluded == ["bad-2016"]
    assert all(v.study != "bad-2016" for b in result.bodies for v in b.sources)
    assert any("bad-2016" in r.text and "retracted" in r.text for r in result.reasons)
    assert result.rating is Rating.SUPPORTED


def test_a_withdrawn_study_is_left_out() -> None:
    gone = study("gone-2016", outcome(measure="objective"), status="withdrawn")
    result = assess(gone, study("kept-2015", outcome(measure="objective"), n=500))
    assert result.excluded == ["gone-2016"]
    assert Flag.RETRACTED_SOURCE not in result.flags


def test_a_review_and_its_own_trials_are_not_double_counted() -> None:
    trials = [study(f"trial-{i}-2012", n=100, year=2012) for i in "abc"]
    ma = review("review-2014", n=300, year=2014, includes=[t.id for t in trials])
    result = assess(ma, *trials)
    [body] = result.bodies
    counted = [v.study for v in body.sources if v.counted]
    assert counted == ["review-2014"]
    assert body.participants == 300  # never 600
    assert {v.covered_by for v in body.sources if not v.counted} == {"review-2014"}
    assert any("supporting detail" in r.text for r in body.reasons)
    assert (
        steps(result, "imprecision") == 1
    )  # 300 < 400: the trials' 300 were not added


def test_without_includes_a_review_covers_earlier_trials_only() -> None:
    early = study("early-2010", n=100, year=2010)
    late = study("late-2022", n=100, year=2022)
    ma = review("review-2016", n=500, year=2016)
    [body] = assess(ma, early, late).bodies
    by_id = {v.study: v for v in body.sources}
    assert by_id["early-2010"].covered_by == "review-2016"
    assert by_id["late-2022"].counted
    assert body.participants == 600


#: (when the review's garment was worn, when the trial's was, is the trial covered?)
COVERAGE_BY_WEAR: dict[str, tuple[str, str, bool]] = {
    "a review not saying when covers a trial worn during exercise": (
        "not-reported",
        "during",
        True,
    ),
    "a review not saying when covers a trial worn after exercise": (
        "not-reported",
        "after",
        True,
    ),
    "a review of wear after exercise covers a trial not saying when": (
        "after",
        "not-reported",
        True,
    ),
    "a review of wear during and after covers a trial worn after": (
        "during-and-after",
        "after",
        True,
    ),
    "a review of wear after exercise does not cover a trial worn during": (
        "after",
        "during",
        False,
    ),
}


@pytest.mark.parametrize("name", list(COVERAGE_BY_WEAR))
def test_a_review_covers_trials_unless_their_wear_is_known_to_differ(
    name: str,
) -> None:
    review_worn, trial_worn, covered = COVERAGE_BY_WEAR[name]
    trial = study("trial-2012", outcome(measure="objective"), n=100, worn=trial_worn)
    ma = review(
        "review-2016",
        outcome(measure="objective", effect=GRADED_EFFECT),
        n=500,
        population="mixed",
        garment="mixed",
        worn=review_worn,
    )
    [body] = assess(ma, trial).bodies
    by_id = {v.study: v for v in body.sources}
    assert by_id["trial-2012"].covered_by == ("review-2016" if covered else None)
    assert body.participants == (500 if covered else 600)


def test_overlapping_reviews_never_add_participants() -> None:
    a = review("review-a-2018", n=700)
    b = review("review-b-2019", n=500)
    [body] = assess(a, b).bodies
    assert body.participants == 700


def test_each_rating_down_names_its_studies() -> None:
    result = assess(
        *CASES["three small unblinded trials, self-reported benefit only"].studies
    )
    downs = [r for r in result.reasons if r.steps]
    assert downs
    for reason in downs:
        assert reason.studies
        assert (
            all(s in reason.text for s in reason.studies)
            or reason.rule == "imprecision"
        )
    bias = next(r for r in downs if r.rule == "risk-of-bias")
    assert "3 of 3 trials unblinded on self-reported recovery outcomes" in bias.text


@pytest.mark.parametrize(
    ("unit", "downs"),
    [("mL/kg/min", 1), ("s", 0)],
    ids=["judged-unit", "unjudged-unit"],
)
def test_a_mean_difference_is_judged_only_in_units_with_a_known_worthwhile_change(
    unit: str, downs: int
) -> None:
    effect = {
        "metric": "md",
        "value": -0.3,
        "ci": [-2.7, 2.1],
        "unit": unit,
        "participants": 900,
    }
    ma = review(
        "economy-review-2018",
        outcome(measure="objective", direction="no-difference", effect=effect),
    )
    result = assess(ma)
    assert steps(result, "imprecision") == downs
    if downs:
        assert (
            f"md -0.3 {unit} (-2.7 to 2.1) spans both no effect"
            in result.reasons[2].text
        )


def test_perceived_soreness_outcomes_join_the_recovery_body() -> None:
    felt = study("felt-2015", outcome("perceived", domain="perception"), n=200)
    rated = study("rated-2016", outcome("doms", domain="recovery"), n=200)
    [body] = assess(felt, rated).bodies
    assert body.key == "recovery/self-reported"
    assert body.relation == "direct"


def test_benefit_on_some_outcomes_only_is_partly_supported() -> None:
    felt = study("felt-2015", n=500)
    measured = study("measured-2015", SORENESS_NULL, n=500, comparator="sham-garment")
    result = assess(felt, measured)
    assert result.rating is Rating.PARTLY_SUPPORTED
    assert Flag.PLACEBO_POSSIBLE in result.flags
    assert "only on some of the outcomes" in result.safe_sentence


@pytest.mark.parametrize(
    ("direction", "certainty", "expected"),
    [
        (Direction.BENEFIT, Certainty.HIGH, Rating.SUPPORTED),
        (Direction.BENEFIT, Certainty.MODERATE, Rating.SUPPORTED),
        (Direction.BENEFIT, Certainty.LOW, Rating.PARTLY_SUPPORTED),
        (Direction.BENEFIT, Certainty.VERY_LOW, Rating.UNPROVEN),
        (Direction.MIXED, Certainty.MODERATE, Rating.PARTLY_SUPPORTED),
        (Direction.MIXED, Certainty.LOW, Rating.UNPROVEN),
        (Direction.NO_DIFFERENCE, Certainty.HIGH, Rating.CONTRADICTED),
        (Direction.NO_DIFFERENCE, Certainty.MODERATE, Rating.CONTRADICTED),
        (Direction.NO_DIFFERENCE, Certainty.LOW, Rating.NOT_SUPPORTED),
        (Direction.NO_DIFFERENCE, Certainty.VERY_LOW, Rating.UNPROVEN),
        (Direction.HARM, Certainty.MODERATE, Rating.CONTRADICTED),
        (Direction.HARM, Certainty.LOW, Rating.NOT_SUPPORTED),
    ],
)
def test_direction_and_certainty_map_to_the_published_scale(
    direction: Direction, certainty: Certainty, expected: Rating
) -> None:
    assert rate(direction, certainty) is expected


PROPOSITION = "Compression socks reduce muscle soreness after running."


@pytest.mark.parametrize(
    ("certainty", "positive", "sentence"),
    [
        (
            Certainty.HIGH,
            True,
            "Compression socks reduce muscle soreness after running.",
        ),
        (
            Certainty.MODERATE,
            True,
            "Compression socks probably reduce muscle soreness after running.",
        ),
        (
            Certainty.LOW,
            True,
            "Compression socks may reduce muscle soreness after running.",
        ),
        (
            Certainty.VERY_LOW,
            True,
            "The evidence is very uncertain whether compression socks reduce muscle soreness after running.",
        ),
        (
            Certainty.HIGH,
            False,
            "Compression socks do not reduce muscle soreness after running.",
        ),
        (
            Certainty.MODERATE,
            False,
            "Compression socks probably do not reduce muscle soreness after running.",
        ),
        (
            Certainty.LOW,
            False,
            "Compression socks may not reduce muscle soreness after running.",
        ),
    ],
)
def test_safe_sentence_follows_grade_wording(
    certainty: Certainty, positive: bool, sentence: str
) -> None:
    assert hedge(PROPOSITION, certainty, positive) == sentence


def test_safe_sentence_handles_singular_subjects_and_modals() -> None:
    assert hedge("Wearing socks makes runners faster.", Certainty.MODERATE, True) == (
        "Wearing socks probably makes runners faster."
    )
    assert hedge("Wearing socks makes runners faster.", Certainty.HIGH, False) == (
        "Wearing socks does not make runners faster."
    )
    assert (
        hedge("Socks can prevent clots.", Certainty.LOW, True)
        == "Socks may prevent clots."
    )
    assert hedge(
        "The benefits runners notice come from belief.", Certainty.LOW, True
    ) == ("The benefits runners notice may come from belief.")


def test_safe_sentence_carries_the_placebo_caveat() -> None:
    text = safe_sentence(
        PROPOSITION, Rating.PARTLY_SUPPORTED, Certainty.LOW, placebo=True
    )
    assert text.startswith("Compression socks may reduce")
    assert "placebo" in text


def test_rules_are_documented_once_each() -> None:
    names = [name for name, _ in RULES]
    assert len(names) == len(set(names))
    assert {
        "start",
        "risk-of-bias",
        "inconsistency",
        "indirectness",
        "imprecision",
        "publication",
    } <= set(names)
    assert all(len(text) > 40 for _, text in RULES)


def test_assess_corpus_assesses_every_claim() -> None:
    @dataclass
    class Records:
        claims: dict[str, Claim]
        studies: dict[str, Study]

    s = study("one-2015", n=500)
    c = claim(s)
    result = assess_corpus(Records({c.id: c}, {s.id: s}))
    assert list(result) == ["test-claim"]
    assert result["test-claim"] == assess_claim(c, {s.id: s})


def test_methods_page_states_every_threshold() -> None:
    from pathlib import Path

    from claimtracker import applicability, certainty, precision

    page = (Path(__file__).resolve().parents[1] / "docs" / "methods.md").read_text(
        encoding="utf-8"
    )
    assert f"{certainty.SERIOUS_SHARE:.0%}" in page
    assert f"{certainty.INCONSISTENCY_SHARE:.0%}" in page
    assert f"{certainty.DIRECTION_MAJORITY:.0%}" in page
    assert f"I² of {certainty.I2_SERIOUS:.0%}" in page
    assert f"{certainty.REVIEW_VOTE} votes" in page
    assert f"fewer than {precision.OPTIMAL_INFORMATION_SIZE} participants" in page
    assert f"fewer than {precision.VERY_FEW_PARTICIPANTS} participants" in page
    assert f"under {precision.SMALL_TRIAL} people" in page
    assert f"SMD of {precision.WORTHWHILE_SMD}" in page
    assert f"{precision.WORTHWHILE_RATIO - 1:.0%} relative change" in page
    assert f"{applicability.BROAD_CLAIM_KINDS} or more kinds" in page
    assert f"add up to {applicability.VERY_INDIRECT} or more" in page


def test_trials_a_review_covers_are_pooled_for_reference_only() -> None:
    def timed(sid: str, comp: float) -> Study:
        arms = {
            "compression": {"mean": comp, "sd": 20.0, "n": 15},
            "control": {"mean": 200.0, "sd": 20.0, "n": 15},
            "higher_is_better": False,
        }
        return study(
            sid,
            outcome("race", domain="performance", measure="objective", arms=arms),
            year=2012,
            design="rct-parallel",
        )

    trials = [timed("race-a-2012", 198.0), timed("race-b-2012", 203.0)]
    ma = review(
        "race-review-2016",
        outcome("race", domain="performance", measure="objective"),
        n=600,
    )
    result = assess(
        ma,
        *trials,
        domain="performance",
        proposition="Compression socks make runners faster.",
    )
    [pool] = result.pooled
    assert pool.counted is False
    assert {r.study for r in pool.rows} == {"race-a-2012", "race-b-2012"}
    assert "not counted beside the review" in pool.notes[0]
    assert (
        steps(result, "imprecision") == 0
    )  # the trials' pool is not used to rate the body


# --------------------------------------------------------------------------- intervals apart


def _strength_reviews(null_ci: list[float]) -> list[Study]:
    """Four reviews finding a benefit and one finding none, as for strength recovery
    (Hill 2014b's strength g and Negyesi 2022's 0-24 h SMD as recorded)."""

    def strength(direction: str, **effect: Any) -> dict[str, Any]:
        extra = {"effect": effect} if effect else {}
        return outcome(
            "strength",
            domain="recovery",
            measure="objective",
            direction=direction,
            **extra,
        )

    return [
        review(
            "null-2022",
            strength("no-difference", metric="smd", value=-0.02, ci=null_ci),
            n=350,
            year=2022,
        ),
        review(
            "gain-2014",
            strength(
                "benefit", metric="smd", value=0.462, ci=[0.221, 0.703], benefit_sign=1
            ),
            n=None,
            year=2014,
        ),
        *(
            review(f"gain-201{i}", strength("benefit"), n=None, year=2010 + i)
            for i in (5, 6, 7)
        ),
    ]


def test_reviews_whose_intervals_lie_apart_are_rated_inconsistent_not_imprecise() -> (
    None
):
    result = assess(*_strength_reviews([-0.22, 0.19]))
    [found] = [r for r in result.reasons if r.rule == "inconsistency"]
    assert found.steps == 1
    assert "do not overlap" in found.text
    assert "null-2022 'strength' smd -0.02 (-0.22 to 0.19)" in found.text
    assert set(found.studies) == {"null-2022", "gain-2014"}
    # the null review's interval spans -0.2, but that spread is not rated twice
    assert steps(result, "imprecision") == 0
    assert result.certainty is Certainty.MODERATE
    assert result.rating is Rating.SUPPORTED
    assert Flag.CONFLICTING_EVIDENCE in result.flags


def test_an_interval_without_a_sign_must_lie_apart_whichever_way_it_runs() -> None:
    # [-0.35, 0.15] lies below 0.221 as written, but read the other way ([-0.15, 0.35])
    # it reaches into the other interval: no sign is recorded, so it is not inconsistency
    result = assess(*_strength_reviews([-0.35, 0.15]))
    assert steps(result, "inconsistency") == 0
    assert steps(result, "imprecision") == 1


def test_a_safety_claim_is_partly_supported_when_harm_shows_on_some_outcomes_only() -> (
    None
):
    found = study(
        "skin-2015", SKIN_HARM, n=600, garment="stockings", population="patients"
    )
    felt = study(
        "comfort-2015",
        outcome("pain", domain="safety", direction="no-difference"),
        n=600,
        garment="stockings",
        population="patients",
        comparator="sham-garment",
    )
    result = assess(found, felt, **SAFETY_CLAIM)
    assert (result.rating, result.certainty) == (
        Rating.PARTLY_SUPPORTED,
        Certainty.HIGH,
    )
    [reason] = [r for r in result.reasons if r.rule == "claim"]
    assert reason.text.startswith("harm on objective safety outcomes but not on")


def test_the_safe_sentence_of_a_supported_safety_claim_affirms_the_harm() -> None:
    result = assess(
        *CASES["a harm found supports a safety claim"].studies, **SAFETY_CLAIM
    )
    assert result.safe_sentence == "Compression stockings can damage the skin."


@pytest.mark.parametrize("direction", list(Direction))
def test_a_harm_claim_reads_each_direction_as_its_mirror(direction: Direction) -> None:
    mirror = {
        Direction.BENEFIT: Direction.HARM,
        Direction.HARM: Direction.BENEFIT,
    }.get(direction, direction)
    for certainty in (Certainty.HIGH, Certainty.MODERATE, Certainty.LOW):
        assert rate(direction, certainty, Direction.HARM) is rate(mirror, certainty)
    assert rate(direction, Certainty.VERY_LOW, Direction.HARM) is Rating.UNPROVEN
