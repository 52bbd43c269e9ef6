"""``claimtracker export``: every format, one claim or all, files, settings and errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import extruct
import pytest
import rispy
from typer.testing import CliRunner

from claimtracker.cli import app
from claimtracker.exports import corpus_json
from claimtracker.grading import assess_corpus
from claimtracker.store import load_corpus
from conftest import write_corpus
from writers_corpus import make_claim, sample_claims, sample_studies

runner = CliRunner()
DVT = "flight-socks-prevent-dvt"
SORENESS = "compression-reduces-muscle-soreness-after-running"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    claims = sample_claims()
    formula = make_claim(
        "formula-claim", "=1+2 is what this claim says", ["a b c"], evidence=[]
    )
    claims[formula.id] = formula
    return write_corpus(tmp_path / "data", claims, sample_studies())


def run(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["export", "--root", str(root), *args])
    return result.exit_code, result.stdout


def test_json_is_every_claim_and_study_with_verdict_and_assessment(root: Path) -> None:
    code, out = run(root, "--format", "json")
    assert code == 0
    data = json.loads(out)
    corpus = load_corpus(root)
    assert data == json.loads(
        json.dumps(corpus_json(corpus.claims, corpus.studies, assess_corpus(corpus)))
    )
    claim = next(c for c in data["claims"] if c["id"] == SORENESS)
    assert claim["verdict"]["rating"] == "supported"
    assert set(claim["assessment"]) >= {
        "rating",
        "certainty",
        "flags",
        "reasons",
        "safe_sentence",
    }
    assert {s["id"] for s in data["studies"]} == {"alder-2015", "birch-2019"}


def test_json_for_one_claim_has_only_its_studies(root: Path) -> None:
    data = json.loads(run(root, "--format", "json", "--claim", DVT)[1])
    assert [c["id"] for c in data["claims"]] == [DVT]
    assert [s["id"] for s in data["studies"]] == ["alder-2015"]


def test_csv_tables_are_guarded_unless_raw(root: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(run(root, "--format", "csv")[1], newline=""))
    )
    formula = next(r for r in rows if r["id"] == "formula-claim")
    assert formula["proposition"] == "'=1+2 is what this claim says"
    raw = list(
        csv.DictReader(
            io.StringIO(run(root, "--format", "csv", "--raw")[1], newline="")
        )
    )
    assert (
        next(r for r in raw if r["id"] == "formula-claim")["proposition"]
        == "=1+2 is what this claim says"
    )
    studies = list(
        csv.DictReader(
            io.StringIO(
                run(root, "--format", "csv", "--table", "studies")[1], newline=""
            )
        )
    )
    assert [s["id"] for s in studies] == ["alder-2015", "birch-2019"]


def test_claimreview_html_is_read_back_by_extruct(root: Path) -> None:
    code, out = run(
        root,
        "--format",
        "claimreview-html",
        "--claim",
        DVT,
        "--base-url",
        "https://facts.example.org",
    )
    assert code == 0
    found = extruct.extract(
        f"<html><head>{out}</head></html>", syntaxes=["json-ld"], uniform=True
    )["json-ld"]
    assert found[0]["url"] == f"https://facts.example.org/?claim={DVT}"
    assert found[0]["reviewRating"]["ratingValue"] == 5


def test_all_claimreviews_skip_claims_without_a_published_verdict(
    root: Path, tmp_path: Path
) -> None:
    reviews = json.loads(run(root, "--format", "claimreview")[1])
    assert sorted(r["url"].rsplit("=", 1)[1] for r in reviews) == sorted(
        [*sample_claims(), "formula-claim"]
    )
    draft = make_claim(
        "draft-claim", "Not yet.", [], status="draft", verdict=None, history=[]
    )
    other = write_corpus(tmp_path / "other", {draft.id: draft}, sample_studies())
    assert json.loads(run(other, "--format", "claimreview")[1]) == []
    code, _ = run(other, "--format", "claimreview", "--claim", "draft-claim")
    assert code == 1


def test_organisation_and_base_url_come_from_options_or_the_environment(
    root: Path,
) -> None:
    result = runner.invoke(
        app,
        ["export", "--root", str(root), "--format", "claimreview", "--claim", DVT],
        env={
            "CLAIMTRACKER_BASE_URL": "https://env.example.org",
            "CLAIMTRACKER_ORGANISATION": "Env Desk",
        },
    )
    review = json.loads(result.stdout)
    assert review["url"].startswith("https://env.example.org/")
    assert review["author"]["name"] == "Env Desk"


def test_citations_of_one_claim_in_three_formats(root: Path) -> None:
    bib = bibtexparser.parse_string(
        run(root, "--format", "bibtex", "--claim", SORENESS)[1]
    )
    assert [e.key for e in bib.entries] == ["alder-2015", "birch-2019"]
    ris = rispy.loads(run(root, "--format", "ris", "--claim", SORENESS)[1])
    assert [r["id"] for r in ris] == ["alder-2015", "birch-2019"]
    csl = json.loads(run(root, "--format", "csl-json", "--claim", SORENESS)[1])
    assert [i["id"] for i in csl] == ["alder-2015", "birch-2019"]


def test_out_writes_a_file(root: Path, tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    result = runner.invoke(
        app, ["export", "--root", str(root), "--format", "csv", "--out", str(target)]
    )
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"id,status,proposition")
    assert b"\r\n" in target.read_bytes()


def test_usage_errors_exit_2(root: Path) -> None:
    code, _ = run(root, "--format", "xml")
    assert code == 2
    result = runner.invoke(
        app, ["export", "--root", str(root), "--claim", "flight-socks-prevnt-dvt"]
    )
    assert result.exit_code == 2
    assert "did you mean 'flight-socks-prevent-dvt'" in result.output
    assert (
        run(root, "--format", "claimreview", "--base-url", "javascript:alert(1)")[0]
        == 2
    )
