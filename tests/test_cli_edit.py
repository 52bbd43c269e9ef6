"""The editing commands: verdict, history, revert, import and hash-password."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimtracker.audit import read_audit, verify_chain
from claimtracker.auth import verify_password
from claimtracker.cli import app
from claimtracker.models import Certainty, Claim, Rating
from claimtracker.saving import read_current

DATA = Path(__file__).parent / "data"
CLAIM = "compression-socks-improve-running-performance"
runner = CliRunner()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "editors", tmp_path / "store")
    return tmp_path / "store"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def claim(root: Path) -> Claim:
    text, _ = read_current(root, "claims", CLAIM)
    return Claim.model_validate(yaml.safe_load(str(text)))


def verdict_args(root: Path, *extra: str) -> list[str]:
    return [
        "verdict",
        CLAIM,
        "--rating",
        "not-supported",
        "--certainty",
        "low",
        "--reason",
        "two blinded trials found no change",
        "--editor",
        "ed",
        "--root",
        str(root),
        *extra,
    ]


def test_verdict_sets_the_rating_and_appends_history_through_the_audited_path(
    root: Path,
) -> None:
    code, out, err = run(*verdict_args(root))
    assert code == 0, err
    assert out.startswith(
        f"saved claims/{CLAIM}.yaml (change 1): not-supported, low certainty"
    )
    saved = claim(root)
    assert saved.verdict is not None
    assert (saved.verdict.rating, saved.verdict.certainty) == (
        Rating.NOT_SUPPORTED,
        Certainty.LOW,
    )
    assert (
        saved.history[-1].reason == "two blinded trials found no change"
        and saved.history[-1].editor == "ed"
    )
    (entry,) = read_audit(root)
    assert (entry["actor"], entry["via"], entry["action"]) == ("ed", "cli", "verdict")
    assert "# Kept short on purpose" in (root / "claims" / f"{CLAIM}.yaml").read_text()


def test_verdict_with_a_stale_expected_hash_exits_3_and_writes_nothing(
    root: Path,
) -> None:
    _, stale = read_current(root, "claims", CLAIM)
    assert run(*verdict_args(root))[0] == 0
    before = read_current(root, "claims", CLAIM)
    code, out, err = run(*verdict_args(root, "--expect-sha", str(stale)))
    assert code == 3
    assert (
        "conflict:" in err
        and "changed by ed at" in err
        and f"you expected {stale}" in err
    )
    assert read_current(root, "claims", CLAIM) == before and len(read_audit(root)) == 1


def _someone_changes(root: Path, old: str, new: str, who: str = "bob") -> str:
    """Another editor's save (through the same save path); returns the sha it replaced."""
    from claimtracker.auth import cli_actor
    from claimtracker.saving import save_record

    text, sha = read_current(root, "claims", CLAIM)
    assert text is not None and old in text
    save_record(
        root,
        "claims",
        text.replace(old, new),
        base_sha256=sha,
        actor=cli_actor(who),
        record_id=CLAIM,
    )
    return str(sha)


def test_verdict_with_merge_combines_with_a_change_to_other_fields(
    root: Path,
) -> None:
    stale = _someone_changes(root, "note: sleeves, not socks", "note: calf sleeves")
    code, out, err = run(*verdict_args(root, "--expect-sha", stale, "--merge"))
    assert code == 0, err
    saved = claim(root)
    assert saved.verdict is not None and saved.verdict.rating is Rating.NOT_SUPPORTED
    assert saved.evidence[0].note == "calf sleeves"  # bob's change kept
    assert saved.history[-1].reason == "two blinded trials found no change"
    assert [e["actor"] for e in read_audit(root)] == ["bob", "ed"]
    assert "# indirect" in (root / "claims" / f"{CLAIM}.yaml").read_text()
    assert verify_chain(root) == []


def test_verdict_with_merge_refuses_when_both_changed_the_verdict(
    root: Path,
) -> None:
    stale = _someone_changes(root, "certainty: very-low", "certainty: moderate")
    before = read_current(root, "claims", CLAIM)
    code, _, err = run(*verdict_args(root, "--expect-sha", stale, "--merge"))
    assert code == 3
    assert "verdict.certainty: the file has 'moderate', your change has 'low'" in err
    assert read_current(root, "claims", CLAIM) == before
    assert len(read_audit(root)) == 1


def test_verdict_with_merge_needs_a_known_version(root: Path) -> None:
    code, _, err = run(*verdict_args(root, "--expect-sha", "0" * 64, "--merge"))
    assert code == 1 and "cannot merge: no version" in err
    assert read_audit(root) == []


def test_revert_with_merge_undoes_an_older_change_alone(root: Path) -> None:
    _someone_changes(root, "note: sleeves, not socks", "note: calf sleeves")
    _someone_changes(root, "worn: during", "worn: after", who="cy")
    code, out, err = run(
        "revert", CLAIM, "1", "--editor", "ed", "--merge", "--root", str(root)
    )
    assert code == 0, err
    saved = claim(root)
    assert saved.evidence[0].note == "sleeves, not socks"
    assert saved.about.worn is not None and saved.about.worn.value == "after"
    assert read_audit(root)[-1]["reverts"] == 1
    _someone_changes(root, "worn: after", "worn: daily", who="cy")
    code, _, err = run(
        "revert", CLAIM, "2", "--editor", "ed", "--merge", "--root", str(root)
    )
    assert code == 3 and "about.worn" in err


def test_verdict_as_a_real_process_exits_3_on_a_conflict(root: Path) -> None:
    args = verdict_args(root, "--expect-sha", "0" * 64)
    done = subprocess.run(
        [sys.executable, "-m", "claimtracker", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3, done.stderr
    assert read_audit(root) == []


def test_verdict_refuses_bad_input_with_usage_errors(root: Path) -> None:
    args = verdict_args(root)
    args[args.index("not-supported")] = "maybe"
    code, _, err = run(*args)
    assert code == 2 and "maybe" in err
    code, _, err = run(
        *verdict_args(root)[:-4], "--editor", "bad name!", "--root", str(root)
    )
    assert code == 2 and "editor name" in err
    code, _, err = run(
        *[a if a != CLAIM else "no-such-claim" for a in verdict_args(root)]
    )
    assert code == 1 and "no claim 'no-such-claim'" in err


def test_history_lists_changes_and_revert_undoes_one_as_a_new_change(
    root: Path,
) -> None:
    original = read_current(root, "claims", CLAIM)[0]
    run(*verdict_args(root))
    code, out, _ = run("history", CLAIM, "--root", str(root))
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0].split()[0] == "1"
        and "ed  verdict  two blinded trials found no change" in lines[0]
    )
    assert lines[-1] == f"current sha256: {read_current(root, 'claims', CLAIM)[1]}"
    code, out, err = run("revert", CLAIM, "1", "--editor", "ann", "--root", str(root))
    assert code == 0, err
    assert out.strip() == f"reverted change 1 of claims/{CLAIM}.yaml as change 2"
    assert read_current(root, "claims", CLAIM)[0] == original
    code, out, _ = run("history", f"claims/{CLAIM}", "--json", "--root", str(root))
    entries = [json.loads(line) for line in out.splitlines()]
    assert [(e["seq"], e["actor"], e["action"], e.get("reverts")) for e in entries] == [
        (1, "ed", "verdict", None),
        (2, "ann", "revert", 1),
    ]
    code, out, _ = run("history", CLAIM, "--diff", "--root", str(root))
    assert "-  rating: unproven" in out and "+  rating: not-supported" in out
    assert verify_chain(root) == []


def test_revert_of_an_unknown_change_is_an_error(root: Path) -> None:
    code, _, err = run("revert", CLAIM, "7", "--editor", "ed", "--root", str(root))
    assert code == 1 and "no change numbered 7" in err


def test_import_reports_every_entry_with_its_line_and_counts_that_add_up(
    root: Path,
) -> None:
    bib = str(DATA / "imports" / "broken.bib")
    code, out, _ = run("import", bib, "--dry-run", "--root", str(root))
    assert code == 1  # some entries were rejected
    lines = out.splitlines()
    assert (
        lines[-1]
        == "broken.bib: 8 entries: 2 imported, 5 rejected, 1 duplicates (dry run: nothing written)"
    )
    assert (
        lines[0]
        == "broken.bib:2: imported  ali2007: would write studies/ali-2007.yaml (draft)"
    )
    assert (
        "broken.bib:10: rejected  ali2007: citation key 'ali2007' is used twice (first at line 2)"
        in lines
    )
    assert len(lines) == 9
    assert not (root / "studies" / "ali-2007.yaml").exists() and read_audit(root) == []


def test_import_writes_drafts_and_never_duplicates_a_doi_in_studies(root: Path) -> None:
    bib = str(DATA / "imports" / "studies.bib")
    code, out, err = run("import", bib, "--editor", "ed", "--root", str(root))
    assert code == 0, err
    assert (
        "studies.bib:27: duplicate kemmler2009: DOI 10.1519/JSC.0b013e31818eaef3 is already in studies/kemmler-2009.yaml"
        in out
    )
    assert (
        out.splitlines()[-1]
        == "studies.bib: 5 entries: 4 imported, 0 rejected, 1 duplicates"
    )
    assert (root / "studies" / "menetrier-2011.yaml").exists()
    code, out, _ = run("import", bib, "--editor", "ed", "--root", str(root))
    assert (
        out.splitlines()[-1]
        == "studies.bib: 5 entries: 0 imported, 0 rejected, 5 duplicates"
    )
    code, out, _ = run(
        "import",
        str(DATA / "imports" / "endnote.ris"),
        "--editor",
        "ed",
        "--root",
        str(root),
    )
    assert (
        "endnote.ris:30: rejected  record 3: the record has no 'ER  -' end line" in out
    )


def test_import_needs_an_editor_unless_it_is_a_dry_run(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMTRACKER_EDITOR", raising=False)
    code, _, err = run(
        "import", str(DATA / "imports" / "studies.bib"), "--root", str(root)
    )
    assert code == 2 and "--editor" in err


def test_hash_password_prints_a_hash_that_verifies() -> None:
    result = runner.invoke(
        app,
        ["hash-password", "--user", "alice", "--password-stdin"],
        input="s3cret pass\n",
    )
    assert result.exit_code == 0
    name, _, value = result.stdout.strip().partition(" = ")
    assert name == "alice" and verify_password("s3cret pass", value.strip('"'))
    assert not verify_password("wrong", value.strip('"'))
