"""``claimtracker explain`` and the verdict-drift warnings of ``claimtracker validate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from claimtracker.cli import app
from claimtracker.drift import drift_problems
from claimtracker.grading import assess_claim
from claimtracker.store import load_corpus

runner = CliRunner()

TRIAL = """\
id: {sid}
title: A trial of compression socks after running
year: {year}
design: rct-crossover
participants: {{n: {n}, population: recreational-runners}}
garment: {{type: socks, worn: after}}
comparator: no-garment
blinding: none
outcomes:
  - key: soreness
    name: Perceived muscle soreness at 24 h
    domain: recovery
    measure: self-reported
    direction: benefit
"""

CLAIM = """\
id: socks-reduce-soreness
proposition: Compression socks reduce muscle soreness after running.
domain: recovery
about: {{populations: [runners], garments: [socks]}}
evidence:
  - study: alpha-2015
    outcome: soreness
  - study: beta-2016
    outcome: soreness
  - study: gamma-2017
    outcome: soreness
verdict:
  rating: {rating}
  certainty: {certainty}
  flags: [placebo-possible]
  summary: Three small unblinded trials report less soreness.
  reviewed: 2026-11-27
  reviewer: test-editor
"""


def make_root(
    tmp_path: Path, rating: str = "partly-supported", certainty: str = "low"
) -> Path:
    root = tmp_path / "data"
    (root / "studies").mkdir(parents=True)
    (root / "claims").mkdir()
    for sid, year in (("alpha-2015", 2015), ("beta-2016", 2016), ("gamma-2017", 2017)):
        text = TRIAL.format(sid=sid, year=year, n=45)
        (root / "studies" / f"{sid}.yaml").write_text(text, encoding="utf-8")
    claim = CLAIM.format(rating=rating, certainty=certainty)
    (root / "claims" / "socks-reduce-soreness.yaml").write_text(claim, encoding="utf-8")
    return root


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_explain_prints_the_derivation_step_by_step(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    result = run("explain", "socks-reduce-soreness", "--root", str(root))
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        "engine: partly-supported, low certainty [placebo-possible, small-studies]"
        in out
    )
    assert "1. self-reported recovery outcomes (direct; sets the rating)" in out
    assert "starts high" in out
    assert (
        "rated down one step for risk of bias: 3 of 3 trials unblinded on self-reported "
        "recovery outcomes (alpha-2015, beta-2016, gamma-2017)"
    ) in out
    assert "rated down one step for imprecision: only 135 participants in all" in out
    assert (
        "safe sentence: Compression socks may reduce muscle soreness after running."
        in out
    )
    # the steps come in the order a reader follows them
    order = [
        "engine:",
        "starts high",
        "rated down",
        "direction benefit",
        "result:",
        "safe sentence:",
    ]
    positions = [out.index(step) for step in order]
    assert positions == sorted(positions)


def test_explain_json_equals_the_library_assessment(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    result = run(
        "explain", "socks-reduce-soreness", "--root", str(root), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    corpus = load_corpus(root)
    expected = assess_claim(corpus.claims["socks-reduce-soreness"], corpus.studies)
    assert json.loads(result.output) == expected.model_dump(mode="json")
    assert json.loads(result.output)["rating"] == "partly-supported"


def test_explain_an_unknown_claim_is_a_usage_error_with_a_suggestion(
    tmp_path: Path,
) -> None:
    root = make_root(tmp_path)
    result = run("explain", "socks-reduce-sorenes", "--root", str(root))
    assert result.exit_code == 2
    assert (
        "claim 'socks-reduce-sorenes' is not in claims/; did you mean 'socks-reduce-soreness'?"
        in (result.output)
    )


def test_explain_shows_a_pooled_estimate(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    for sid, value, ci in (
        ("alpha-2015", 0.5, [0.1, 0.9]),
        ("beta-2016", 0.3, [-0.1, 0.7]),
    ):
        path = root / "studies" / f"{sid}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["outcomes"][0]["effect"] = {
            "metric": "smd",
            "value": value,
            "ci": ci,
            "paired": True,  # crossover trials: the paired estimate as reported
        }
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run("explain", "socks-reduce-soreness", "--root", str(root))
    assert "pooled smd 0.4 (95% CI" in result.output
    assert "k=2" in result.output


def test_agreeing_verdict_raises_no_drift(tmp_path: Path) -> None:
    assert drift_problems(load_corpus(make_root(tmp_path))) == []


def test_drift_is_reported_at_the_verdict_line_naming_both_verdicts(
    tmp_path: Path,
) -> None:
    corpus = load_corpus(make_root(tmp_path, rating="supported", certainty="moderate"))
    [found] = drift_problems(corpus)
    assert (found.path, found.line, found.column) == (
        "claims/socks-reduce-soreness.yaml",
        12,
        1,
    )
    assert (found.code, found.severity.value, found.field) == (
        "verdict-drift",
        "warning",
        "verdict",
    )
    assert "'socks-reduce-soreness'" in found.message
    assert "published as supported (moderate certainty)" in found.message
    assert "the engine finds partly-supported (low certainty)" in found.message
    assert "risk of bias" in found.message
    assert "claimtracker explain socks-reduce-soreness" in found.hint


@pytest.mark.parametrize(("strict", "code"), [([], 0), (["--strict"], 1)])
def test_validate_warns_of_drift_and_fails_under_strict(
    tmp_path: Path, strict: list[str], code: int
) -> None:
    root = make_root(tmp_path, rating="supported", certainty="moderate")
    result = run("validate", "--root", str(root), *strict)
    assert result.exit_code == code, result.output
    assert (
        "claims/socks-reduce-soreness.yaml:12:1: warning[verdict-drift]: verdict: "
        in result.output
    )


def test_validate_json_carries_the_drift_problem(tmp_path: Path) -> None:
    root = make_root(tmp_path, rating="supported", certainty="moderate")
    result = run("validate", "--root", str(root), "--format", "json")
    codes = [p["code"] for p in json.loads(result.output)]
    assert codes == ["verdict-drift"]
