"""frames: records -> tidy DataFrames (columns, dtypes, ordered categories, counting rules)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from claimtracker import chartframes, frames
from claimtracker.models import Effect, HistoryEntry, Rating
from claimtracker.problems import Problem, Severity, format_problem
from dashboard_records import CLAIMS, DRAFT, PERFORMANCE, SORENESS, STUDIES


def test_ratings_are_ordered_worst_to_best_in_the_models_scale():
    assert list(frames.RATING_DTYPE.categories) == [
        "contradicted",
        "not-supported",
        "unproven",
        "partly-supported",
        "supported",
    ]
    assert frames.RATING_DTYPE.ordered
    assert list(frames.CERTAINTY_DTYPE.categories) == [
        "very-low",
        "low",
        "moderate",
        "high",
    ]


def test_every_rating_and_direction_has_a_colour():
    assert set(frames.RATING_COLOURS) == set(Rating)
    assert len(set(frames.RATING_COLOURS.values())) == len(Rating)


def test_claims_frame_has_one_row_per_claim_with_categorical_ratings(claim_table):
    assert list(claim_table.columns) == frames.CLAIM_COLUMNS
    assert set(claim_table["id"]) == set(CLAIMS)
    assert isinstance(claim_table["rating"].dtype, pd.CategoricalDtype)
    assert claim_table["rating"].dtype == frames.RATING_DTYPE
    assert claim_table["certainty"].dtype == frames.CERTAINTY_DTYPE
    ranked = claim_table.dropna(subset=["rating"]).sort_values("rating")
    assert list(ranked["id"]) == [PERFORMANCE, SORENESS]  # unproven < supported


def test_counts_leave_out_retracted_studies_and_people_counted_by_a_review(claim_table):
    row = claim_table.set_index("id").loc[SORENESS]
    # alpha, beta, gamma (the retracted delta is left out)
    assert row["studies"] == 3
    assert row["reviews"] == 1
    # gamma (n=300) includes alpha and beta: their 16 + 40 people are not added again
    assert row["participants"] == 300
    speed = claim_table.set_index("id").loc[PERFORMANCE]
    assert (speed["studies"], speed["participants"]) == (2, 36)


def test_a_draft_claim_without_verdict_has_no_rating(claim_table):
    row = claim_table.set_index("id").loc[DRAFT]
    assert pd.isna(row["rating"])
    assert row["status"] == "draft"
    assert row["studies"] == 0


def test_flags_are_kept_as_values_and_as_words(claim_table):
    row = claim_table.set_index("id").loc[SORENESS]
    assert row["flag_list"] == ("placebo-possible",)
    assert row["flags"] == "placebo possible"


def test_engine_assessments_fill_the_engine_columns_and_mark_drift():
    assessed = {
        SORENESS: SimpleNamespace(
            rating=Rating.PARTLY_SUPPORTED, certainty=None, flags=[]
        ),
        PERFORMANCE: SimpleNamespace(
            rating=Rating.UNPROVEN
        ),  # no certainty field at all
    }
    table = frames.claims_frame(CLAIMS, STUDIES, assessed).set_index("id")
    assert table.loc[SORENESS, "engine_rating"] == "partly-supported"
    assert table.loc[SORENESS, "drift"]
    assert not table.loc[PERFORMANCE, "drift"]
    assert pd.isna(table.loc[PERFORMANCE, "engine_certainty"])


def test_studies_frame_counts_citing_claims_and_their_ratings():
    table = frames.studies_frame(STUDIES, CLAIMS).set_index("id")
    assert table.loc["alpha-2015", "claims"] == 2
    assert table.loc["alpha-2015", "ratings"] == ("supported", "unproven")
    assert table.loc["alpha-2015", "label"] == "Alpha et al. 2015"
    assert table.loc["beta-2018", "label"] == "Beta 2018"
    assert table.loc["alpha-2015", "pressure"] == "15–20 mmHg"
    assert table.loc["alpha-2015", "domain_list"] == ("performance", "recovery")
    assert table["design"].dtype == frames.DESIGN_DTYPE
    assert str(table["n"].dtype) == "Int64"


def test_evidence_frame_skips_links_that_do_not_resolve(evidence):
    assert list(evidence.columns) == frames.EVIDENCE_COLUMNS
    assert "ghost-2000" not in set(evidence["study"])
    assert len(evidence[evidence["claim"] == SORENESS]) == 4
    retracted = evidence[evidence["study"] == "delta-2019"]
    assert not retracted["counted"].any()
    assert evidence["direction"].dtype == frames.DIRECTION_DTYPE


def test_evidence_map_counts_studies_per_claim_and_domain(evidence, claim_table):
    cells = chartframes.evidence_map_frame(evidence, claim_table)
    cell = cells[(cells["claim"] == SORENESS) & (cells["domain"] == "recovery")].iloc[0]
    assert cell["studies"] == 3
    assert cell["benefit"] == 3
    assert cell["direction"] == "benefit"
    assert cell["summary"] == "3 benefit"
    assert len(cells[cells["claim"] == PERFORMANCE]) == 1


def test_evidence_map_is_empty_but_typed_without_evidence(claim_table):
    empty = frames.evidence_frame({}, STUDIES)
    cells = chartframes.evidence_map_frame(empty, claim_table)
    assert cells.empty
    assert list(cells.columns) == chartframes.MAP_COLUMNS


def test_forest_frame_without_pooled_effects_lists_reported_effects_by_metric(evidence):
    rows = chartframes.forest_frame(evidence[evidence["claim"] == SORENESS])
    assert set(rows["kind"]) == {"study"}
    assert set(rows["study"]) == {
        "alpha-2015",
        "beta-2018",
        "gamma-2020",
    }  # not the retracted one
    assert set(rows["group"]) == {"Reported effects, not pooled · SMD"}
    assert list(rows["row"]) == [0, 1, 2]


def test_forest_frame_puts_the_pooled_diamond_after_the_studies_it_pooled(evidence):
    pooled = SimpleNamespace(
        body="recovery, self-reported",
        metric="smd",
        k=2,
        estimate=-0.42,
        ci_low=-0.7,
        ci_high=-0.14,
        tau2=0.0,
        i2=0.1,
        log_scale=False,
        benefit_sign=-1,
        rows=[
            SimpleNamespace(
                study="alpha-2015",
                outcome="soreness",
                estimate=-0.5,
                ci_low=-0.9,
                ci_high=-0.1,
                weight=0.4,
            ),
            SimpleNamespace(
                study="beta-2018",
                outcome="soreness",
                estimate=-0.3,
                ci_low=-0.6,
                ci_high=0.0,
                weight=0.6,
            ),
        ],
    )
    labels = {"recovery, self-reported": "soreness, as people rate it"}
    rows = chartframes.forest_frame(
        evidence[evidence["claim"] == SORENESS], [pooled], labels
    )
    group = "1. Pooled: soreness, as people rate it · SMD"
    first = rows[rows["group"] == group]
    assert list(first["kind"]) == ["study", "study", "pooled"]
    assert first.iloc[-1]["value"] == pytest.approx(-0.42)
    assert "I² 10%" in first.iloc[-1]["text"]
    assert first.iloc[0]["favours"] == "left of the line favours compression"
    rest = rows[rows["group"] != group]
    assert list(rest["study"]) == ["gamma-2020"]  # alpha and beta are not drawn twice


def test_forest_frame_skips_a_pooled_effect_missing_fields(evidence):
    rows = chartframes.forest_frame(
        evidence[evidence["claim"] == SORENESS], [SimpleNamespace(metric="smd")]
    )
    assert set(rows["kind"]) == {"study"}


def test_effect_text_reads_like_a_paper():
    effect = Effect(metric="rr", value=0.5, ci=[0.3, 0.8])
    assert frames.effect_text(effect) == "RR 0.5 (95% CI 0.3 to 0.8)"
    assert frames.effect_text(None) == ""


def test_history_is_newest_first():
    history = frames.history_frame(CLAIMS[PERFORMANCE])
    assert list(history["rating"]) == ["unproven", "not-supported"]


def test_of_two_changes_on_one_day_the_later_written_comes_first():
    entries = [
        {
            "date": "2026-11-27",
            "editor": "e",
            "rating": r,
            "certainty": "low",
            "reason": "x",
        }
        for r in ("unproven", "supported")
    ]
    claim = CLAIMS[PERFORMANCE].model_copy(
        update={"history": [HistoryEntry.model_validate(e) for e in entries]}
    )
    assert list(frames.history_frame(claim)["rating"]) == ["supported", "unproven"]


def test_problem_text_matches_the_cli_format():
    problem = Problem(
        "claims/x.yaml",
        3,
        5,
        Severity.ERROR,
        "unknown-field",
        "verdcit",
        "not a claim field",
        "did you mean 'verdict'?",
    )
    table = frames.problems_frame([problem])
    assert table.loc[0, "text"] == format_problem(problem).splitlines()[0]
    assert table.loc[0, "hint"] == "did you mean 'verdict'?"
    assert frames.failed_files(table) == 1


def test_search_needs_every_word_and_ignores_case(claim_table):
    found = frames.search(claim_table, "SORENESS socks", ["proposition"])
    assert list(found["id"]) == [SORENESS]
    assert len(frames.search(claim_table, "  ", ["proposition"])) == len(claim_table)


def test_keep_values_matches_any_member_of_a_tuple_column(claim_table):
    assert list(
        frames.keep_values(claim_table, "flag_list", ["placebo-possible"])["id"]
    ) == [SORENESS]
    assert list(frames.keep_values(claim_table, "domain", ["performance"])["id"]) == [
        PERFORMANCE
    ]
    assert len(frames.keep_values(claim_table, "domain", [])) == len(claim_table)
