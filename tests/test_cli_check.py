"""``claimtracker check``: the JSON contract, linter-style text, exit codes, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtracker.cli import app
from claimtracker.drafts import check_draft, report_json
from claimtracker.grading import assess_corpus
from claimtracker.store import load_corpus
from conftest import write_corpus
from writers_corpus import make_claim, sample_claims, sample_studies

DRAFT = (
    "# Race notes\n\n"
    "Our graduated compression sleeves are made in Italy. They will shave minutes off your marathon.\n"
    "Flight socks stop blood clots on long-haul trips.\n\n"
    "I like the colour.\n"
)
FINDING_KEYS = [
    "sentence",
    "start",
    "end",
    "claim",
    "proposition",
    "stance",
    "agrees_with_verdict",
    "rating",
    "certainty",
    "flags",
    "score",
    "safe_wording",
    "citations",
]

runner = CliRunner()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "data", sample_claims(), sample_studies())


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout


def test_json_output_follows_the_contract_and_equals_the_library(
    root: Path, draft: Path
) -> None:
    code, out = run("check", str(draft), "--format", "json", "--root", str(root))
    data = json.loads(out)
    assert set(data) == {"findings", "summary"}
    assert [list(f) for f in data["findings"]] == [FINDING_KEYS] * 2
    first, second = data["findings"]
    assert first["claim"] == "compression-socks-improve-running-performance"
    assert (
        DRAFT[first["start"] : first["end"]]
        == first["sentence"]
        == "They will shave minutes off your marathon."
    )
    assert (first["rating"], first["certainty"], first["flags"]) == (
        "unproven",
        "low",
        ["small-studies"],
    )
    assert first["citations"] == [
        {
            "id": "alder-2015",
            "author": "Alder et al.",
            "year": 2015,
            "title": "Calf sleeves and running economy in trained runners",
            "doi": "10.5555/alder-2015",
        }
    ]
    assert 0 < first["score"] <= 1
    assert (first["stance"], first["agrees_with_verdict"]) == ("asserts", False)
    assert isinstance(first["safe_wording"], str) and first["safe_wording"]
    assert (
        second["claim"] == "flight-socks-prevent-dvt"
        and second["rating"] == "supported"
    )
    assert second["stance"] == "asserts" and second["agrees_with_verdict"] is True
    assert data["summary"]["findings"] == 2 and data["summary"]["failing"] == 1
    assert (data["summary"]["denials"], data["summary"]["agreeing"]) == (0, 1)
    corpus = load_corpus(root)
    library = report_json(
        check_draft(DRAFT, corpus.claims, corpus.studies, assess_corpus(corpus))
    )
    assert data == json.loads(json.dumps(library))
    assert code == 1


def test_the_published_verdict_and_its_safe_wording_win(
    tmp_path: Path, draft: Path
) -> None:
    claims = sample_claims()
    dvt = claims["flight-socks-prevent-dvt"]
    verdict = dvt.verdict.model_copy(
        update={"safe_wording": "Flight socks cut the risk of clots."}
    )  # type: ignore[union-attr]
    claims[dvt.id] = dvt.model_copy(update={"verdict": verdict})
    root = write_corpus(tmp_path / "data", claims, sample_studies())
    _, out = run("check", str(draft), "--format", "json", "--root", str(root))
    finding = json.loads(out)["findings"][1]
    assert finding["safe_wording"] == "Flight socks cut the risk of clots."
    assert finding["rating"] == "supported" and finding["certainty"] == "high"


def test_text_output_reads_like_a_linter(root: Path, draft: Path) -> None:
    code, out = run("check", str(draft), "--root", str(root))
    lines = out.splitlines()
    assert lines[0] == (
        f'{draft}:3:54: unproven (low; small-studies): "They will shave minutes off your marathon." '
        "-> compression-socks-improve-running-performance (asserts; contradicts our verdict)"
    )
    assert lines[1].startswith("    safe wording: ")
    assert any(
        line.startswith(f"{draft}:4:1: supported (high; small-studies): ")
        for line in lines
    )
    assert lines[-1].startswith("2 findings in 2 of 5 sentences")
    assert code == 1


@pytest.mark.parametrize(
    ("fail_on", "code"), [("supported", 1), ("unproven", 1), ("not-supported", 0)]
)
def test_exit_code_follows_fail_on(
    root: Path, draft: Path, fail_on: str, code: int
) -> None:
    assert (
        run("check", str(draft), "--root", str(root), "--fail-on", fail_on)[0] == code
    )


def test_a_draft_with_no_tracked_claims_passes(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "clean.md"
    path.write_text(
        "I ran in the rain. Compression socks come in blue.\n", encoding="utf-8"
    )
    code, out = run("check", str(path), "--root", str(root))
    assert (code, out) == (0, "no tracked claims found in 2 sentences\n")


def test_only_published_claims_with_a_verdict_are_checked(tmp_path: Path) -> None:
    draft_claim = make_claim(
        "compression-socks-improve-running-performance",
        "Wearing compression socks makes runners faster.",
        ["compression socks make you run faster"],
        status="draft",
        verdict=None,
        history=[],
    )
    root = write_corpus(
        tmp_path / "data", {draft_claim.id: draft_claim}, sample_studies()
    )
    assert (
        run(
            "check",
            "-",
            "--root",
            str(root),
            stdin="Compression socks make you run faster.",
        )[0]
        == 0
    )


def test_standard_input_is_read_with_dash(root: Path) -> None:
    code, out = run(
        "check",
        "-",
        "--root",
        str(root),
        stdin="Flight socks stop blood clots on long flights.",
    )
    assert out.startswith("<stdin>:1:1: supported (high")
    assert code == 0


def test_usage_errors_exit_2(root: Path, tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "missing.md"), "--root", str(root))[0] == 2
    assert (
        run("check", "-", "--fail-on", "bogus", "--root", str(root), stdin="x")[0] == 2
    )
    assert run("check", "-", "--format", "xml", "--root", str(root), stdin="x")[0] == 2
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert run("check", str(binary), "--root", str(root))[0] == 2


def test_the_console_script_gates_a_pipeline(root: Path, draft: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimtracker",
            "check",
            "-",
            "--format",
            "json",
            "--root",
            str(root),
        ],
        input=draft.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert len(json.loads(done.stdout)["findings"]) == 2


DENIALS = (
    "Compression socks won't make you run faster, whatever the box says.\n\n"
    "Flight socks do not prevent blood clots on long flights.\n"
)


def test_a_denial_is_reported_with_whether_it_agrees_with_the_verdict(
    root: Path,
) -> None:
    code, out = run(
        "check", "-", "--format", "json", "--root", str(root), stdin=DENIALS
    )
    faster, clots = json.loads(out)["findings"]
    assert faster["claim"] == "compression-socks-improve-running-performance"
    assert faster["stance"] == "denies" and faster["rating"] == "unproven"
    assert faster["agrees_with_verdict"] is True
    assert clots["claim"] == "flight-socks-prevent-dvt"
    assert clots["stance"] == "denies" and clots["rating"] == "supported"
    assert clots["agrees_with_verdict"] is False
    summary = json.loads(out)["summary"]
    assert (summary["denials"], summary["agreeing"], summary["failing"]) == (2, 1, 1)
    assert (
        code == 1
    )  # denying a supported claim counts as saying something contradicted


def test_text_output_says_a_denial_needs_no_change(root: Path) -> None:
    code, out = run("check", "-", "--root", str(root), stdin=DENIALS.split("\n\n")[0])
    first, advice = out.splitlines()[:2]
    assert first.endswith(
        "-> compression-socks-improve-running-performance (denies; agrees with our verdict)"
    )
    assert advice == (
        "    no change needed: the sentence denies the claim, as our verdict does"
    )
    assert (
        "1 denying a claim; 1 agreeing with our verdict; 0 rated unproven or worse"
        in out
    )
    assert code == 0
