"""``claimtracker validate``, ``schema`` and ``new`` as a user runs them: exit codes, output, JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from claimtracker.cli import app
from claimtracker.store import read_record, validate
from conftest import INVALID, WriteRecord

runner = CliRunner()
CLAIM = "claims/compression-socks-improve-running-performance.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _break(root: Path) -> None:
    """One error (an unknown study) and one warning (the study it no longer cites)."""
    path = root / CLAIM
    path.write_text(path.read_text().replace("study: doe-2015", "study: doe-2016"))


def test_clean_data_exits_0_and_says_how_many_files(corpus_dir: Path) -> None:
    code, out, _ = _run("validate", "--root", str(corpus_dir))
    assert (code, out) == (0, "no problems (10 files checked)\n")


def test_golden_output_with_an_error_and_a_warning(corpus_dir: Path) -> None:
    _break(corpus_dir)
    code, out, _ = _run("validate", "--root", str(corpus_dir))
    assert code == 1
    assert out == (
        f"{CLAIM}:18:12: error[unknown-study]: evidence[0].study: no study 'doe-2016' in studies/\n"
        "    hint: did you mean 'doe-2015'? Or create studies/doe-2016.yaml\n"
        "studies/doe-2015.yaml:3:1: warning[orphan-study]: no claim cites this study\n"
        "    hint: link it from the evidence of the claims it tests, or withdraw it if it is out of scope\n"
        "1 file with errors, 1 with warnings (10 files checked)\n"
    )


def test_warnings_pass_unless_strict(
    corpus_dir: Path, write_record: WriteRecord
) -> None:
    text = (corpus_dir / "studies" / "doe-2015.yaml").read_text()
    write_record("studies/doe-2016.yaml", text.replace("doe-2015", "doe-2016"))
    assert _run("validate", "--root", str(corpus_dir))[0] == 0
    assert _run("validate", "--strict", "--root", str(corpus_dir))[0] == 1


def test_json_is_exactly_the_library_result(corpus_dir: Path) -> None:
    _break(corpus_dir)
    shutil.copy(INVALID / "studies" / "duplicate-key.yaml", corpus_dir / "studies")
    code, out, _ = _run("validate", "--format", "json", "--root", str(corpus_dir))
    assert code == 1
    expected = [p.to_dict() for p in validate(corpus_dir).problems]
    assert json.loads(out) == expected
    assert len(expected) == 3
    assert set(expected[0]) == {
        "path",
        "line",
        "column",
        "severity",
        "code",
        "field",
        "message",
        "hint",
    }


def test_paths_narrow_the_report_but_not_the_rules(corpus_dir: Path) -> None:
    _break(corpus_dir)
    code, out, _ = _run("validate", "--root", str(corpus_dir), str(corpus_dir / CLAIM))
    assert code == 1
    assert (
        out.splitlines()[-1] == "1 file with errors, 0 with warnings (1 file checked)"
    )
    code, out, _ = _run(
        "validate", "--root", str(corpus_dir), str(corpus_dir / "studies")
    )
    assert (code, out.splitlines()[-1]) == (
        0,
        "0 files with errors, 1 with warnings (5 files checked)",
    )


def test_usage_errors_exit_2(corpus_dir: Path, long_tmp: Path) -> None:
    assert _run("validate", "--root", str(long_tmp / "nowhere"))[0] == 2
    assert (
        _run("validate", "--root", str(corpus_dir), str(long_tmp / "missing.yaml"))[0]
        == 2
    )
    outside = long_tmp / "elsewhere.yaml"
    outside.write_text("id: x\n")
    code, out, err = _run("validate", "--root", str(corpus_dir), str(outside))
    assert (code, out) == (2, "")
    assert err == (
        f"claimtracker validate: error: {outside} is not inside the data root "
        f"{corpus_dir} (see --root)\n"
    )
    assert _run("validate", "--format", "xml", "--root", str(corpus_dir))[0] == 2


def test_no_record_files_is_a_usage_error_never_no_problems(tmp_path: Path) -> None:
    for folder in ("claims", "studies"):
        (tmp_path / folder).mkdir()
    (tmp_path / "claims" / "notes.txt").write_text("not a record\n")
    code, out, err = _run("validate", "--root", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith("claimtracker validate: error: no record files (*.yaml) in ")
    assert "claimtracker new claim ID" in err
    assert _run("validate", "--root", str(tmp_path), str(tmp_path / "claims"))[0] == 2


def test_bad_files_never_give_a_traceback(corpus_dir: Path) -> None:
    for fixture in INVALID.rglob("*.y*ml"):
        shutil.copy(fixture, corpus_dir / fixture.relative_to(INVALID))
    result = runner.invoke(app, ["validate", "--root", str(corpus_dir)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[-1]
        == "20 files with errors, 3 with warnings (32 files checked)"
    )


def test_the_console_command_runs_as_a_process(corpus_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "claimtracker", "validate", "--root", str(corpus_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "no problems (10 files checked)\n",
        "",
    )


# --------------------------------------------------------------------------- schema


def test_schema_writes_then_check_passes(tmp_path: Path) -> None:
    assert _run("schema", "--check", "--root", str(tmp_path))[0] == 1
    code, out, _ = _run("schema", "--root", str(tmp_path))
    assert code == 0
    assert "wrote schemas/study.schema.json" in out
    assert _run("schema", "--check", "--root", str(tmp_path)) == (
        0,
        "generated files are up to date\n",
        "",
    )
    assert (
        json.loads((tmp_path / "schemas" / "claim.schema.json").read_text())["title"]
        == "Claim"
    )


def test_schema_check_names_the_stale_file_and_the_command(tmp_path: Path) -> None:
    _run("schema", "--root", str(tmp_path))
    (tmp_path / "docs" / "errors.md").write_text("old\n")
    code, _, err = _run("schema", "--check", "--root", str(tmp_path))
    assert (code, err) == (
        1,
        "docs/errors.md is out of date\nrun: claimtracker schema\n",
    )


# --------------------------------------------------------------------------- new


def test_new_writes_a_draft_that_validates(corpus_dir: Path) -> None:
    for kind, folder, record_id in [
        ("study", "studies", "doe-2016"),
        ("claim", "claims", "compression-warms-muscles"),
    ]:
        code, out, _ = _run("new", kind, record_id, "--root", str(corpus_dir))
        assert code == 0
        rel = f"{folder}/{record_id}.yaml"
        assert out.startswith(f"created {rel}\n")
        text = (corpus_dir / rel).read_text()
        assert text.startswith(
            f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"
        )
        record, problems = read_record(corpus_dir / rel)
        assert problems == []
        assert record is not None and record.status.value == "draft"


def test_new_refuses_to_overwrite(corpus_dir: Path) -> None:
    before = (corpus_dir / "studies" / "doe-2015.yaml").read_text()
    code, _, err = _run("new", "study", "doe-2015", "--root", str(corpus_dir))
    assert (code, err) == (
        1,
        "error: studies/doe-2015.yaml already exists; not overwriting it\n",
    )
    assert (corpus_dir / "studies" / "doe-2015.yaml").read_text() == before


def test_new_refuses_an_id_differing_only_in_case(corpus_dir: Path) -> None:
    (corpus_dir / "studies" / "Roe-2020.yaml").write_text("x")
    assert _run("new", "study", "roe-2020", "--root", str(corpus_dir))[0] == 1


def test_new_refuses_a_bad_id(corpus_dir: Path) -> None:
    for bad in ("Doe-2016", "../escape", "ab"):
        code, _, err = _run("new", "study", bad, "--root", str(corpus_dir))
        assert code == 2
        assert "is not a valid id" in err
    assert (
        sorted(p.name for p in (corpus_dir / "studies").iterdir())[0] == "doe-2015.yaml"
    )
    assert not (corpus_dir.parent / "escape.yaml").exists()
