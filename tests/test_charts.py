"""charts: pure figures from tiny frames (trace count, colours, axis order, selection data)."""

from __future__ import annotations

import pandas as pd
import pytest

from claimtracker import chartframes, frames
from claimtracker.dashboard import charts
from claimtracker.models import OUTCOME_DOMAINS, Direction, Rating
from dashboard_records import PERFORMANCE, SORENESS


def test_rating_bar_has_one_bar_per_rating_with_its_colour_and_count(claim_table):
    fig = charts.rating_bar(claim_table)
    assert [t.name for t in fig.data] == [frames.label(r) for r in frames.RATING_ORDER]
    colours = {t.name: t.marker.color for t in fig.data}
    assert colours["supported"] == frames.RATING_COLOURS[Rating.SUPPORTED]
    texts = {t.name: t.text[0] for t in fig.data}
    assert texts["supported"] == "1 claim"
    assert texts["unproven"] == "1 claim"
    assert texts["contradicted"] == "0 claims"
    assert list(fig.layout.yaxis.categoryarray) == [
        frames.label(r) for r in frames.RATING_ORDER
    ]
    assert fig.layout.xaxis.dtick == 1  # whole claims on the axis


def test_evidence_map_points_carry_the_claim_id_and_study_count(evidence, claim_table):
    cells = chartframes.evidence_map_frame(evidence, claim_table)
    fig = charts.evidence_map(cells)
    names = {t.name for t in fig.data}
    assert names <= {frames.label(d) for d in Direction}
    ids = {row[0] for t in fig.data for row in t.customdata}
    assert ids == {PERFORMANCE, SORENESS}
    benefit = next(t for t in fig.data if t.name == "benefit")
    assert list(benefit.text) == ["3"]
    assert benefit.marker.color == frames.DIRECTION_COLOURS[Direction.BENEFIT]
    assert list(fig.layout.xaxis.categoryarray) == [
        frames.label(d) for d in OUTCOME_DOMAINS
    ]


def test_evidence_map_can_colour_by_rating(evidence, claim_table):
    cells = chartframes.evidence_map_frame(evidence, claim_table)
    fig = charts.evidence_map(cells, colour_by="rating")
    assert {t.name for t in fig.data} == {"supported", "unproven"}
    supported = next(t for t in fig.data if t.name == "supported")
    assert supported.marker.color == frames.RATING_COLOURS[Rating.SUPPORTED]


def test_forest_plot_draws_studies_with_whiskers_and_the_pooled_diamond():
    rows = pd.DataFrame(
        {
            "group": ["g"] * 3,
            "row": [0, 1, 2],
            "kind": ["study", "study", "pooled"],
            "study": ["a", "b", ""],
            "label": ["A 2015 · soreness", "B 2018 · soreness", "Pooled (2 studies)"],
            "outcome": ["s", "s", "body"],
            "metric": ["smd"] * 3,
            "value": [-0.5, -0.3, -0.4],
            "ci_low": [-0.9, -0.6, -0.6],
            "ci_high": [-0.1, 0.0, -0.2],
            "weight": [0.4, 0.6, None],
            "log_scale": [False] * 3,
            "favours": ["left of the line favours compression"] * 3,
            "unit": [""] * 3,
            "text": ["a", "b", "pooled"],
        }
    )
    fig = charts.forest_plot(rows)
    studies, diamond = fig.data
    assert list(studies.x) == [-0.5, -0.3]
    assert list(studies.error_x.array) == pytest.approx([0.4, 0.3])
    assert diamond.fill == "toself"
    assert min(diamond.x) == -0.6 and max(diamond.x) == -0.2
    # each row's name stacked above its line (no y-axis labels to cut off on a phone)
    labels = [a.text for a in fig.layout.annotations]
    assert labels[0] == "A 2015 · soreness"
    assert not fig.layout.yaxis.showticklabels
    assert fig.layout.annotations[0].y > studies.y[0]
    assert fig.layout.shapes[0].x0 == 0.0  # the line of no difference
    assert fig.layout.xaxis.title.text == "SMD, 95% CI"  # short enough for a phone
    assert "favours compression" in fig.layout.meta  # said in a caption beside it


def test_forest_plot_uses_a_log_axis_for_ratio_metrics(evidence):
    rows = pd.DataFrame(
        {
            "group": ["g"],
            "row": [0],
            "kind": ["study"],
            "study": ["a"],
            "label": ["A"],
            "outcome": ["dvt"],
            "metric": ["rr"],
            "value": [0.5],
            "ci_low": [0.3],
            "ci_high": [0.8],
            "weight": [None],
            "log_scale": [True],
            "favours": [""],
            "unit": [""],
            "text": ["RR 0.5"],
        }
    )
    fig = charts.forest_plot(rows)
    assert fig.layout.xaxis.type == "log"
    assert fig.layout.shapes[0].x0 == 1.0
    assert list(fig.layout.xaxis.ticktext) == ["0.2", "0.5", "1"]


def test_marker_numbers_are_black_or_white_whichever_reads_better():
    assert charts.ink("#999999") == "#000000"
    assert charts.ink("#0072B2") == "#FFFFFF"
    assert charts.ink("#E69F00") == "#000000"


def test_claims_with_the_same_start_get_rows_of_their_own(evidence, claim_table):
    cells = chartframes.evidence_map_frame(evidence, claim_table)
    twin = cells.assign(claim=cells["claim"] + "-twin")
    fig = charts.evidence_map(pd.concat([cells, twin]))
    assert len(set(fig.layout.yaxis.categoryarray)) == 2 * cells["claim"].nunique()
