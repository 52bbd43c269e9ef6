"""Finding the data root, reading claimtracker.toml, and starting a new base with init."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtracker.audit import audit_path
from claimtracker.cli import app
from claimtracker.config import Config, ConfigError, config_text, load_config
from claimtracker.paths import ProjectNotFound, find_root
from claimtracker.project import init_project
from claimtracker.scaffold import stale_files
from claimtracker.store import validate
from conftest import REPO, VALID

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_root_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMTRACKER_ROOT", raising=False)


def make_root(folder: Path, *, toml: str | None = None) -> Path:
    """A copy of the valid fixture at ``folder``, with ``claimtracker.toml`` if given."""
    shutil.copytree(VALID, folder)
    if toml is not None:
        (folder / "claimtracker.toml").write_text(toml, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- discovery


def test_the_root_is_found_from_a_folder_deep_inside_it(tmp_path: Path) -> None:
    root = make_root(tmp_path / "base", toml="")
    deep = root / "claims" / "notes" / "2026"
    deep.mkdir(parents=True)
    assert find_root(deep) == root.resolve()
    assert find_root(root / "claims" / "doe-2015.yaml") == root.resolve()


def test_the_working_folder_is_the_default_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path / "base")
    monkeypatch.chdir(root / "studies")
    assert find_root() == root.resolve()


def test_claims_and_studies_side_by_side_are_a_root_without_a_config(
    tmp_path: Path,
) -> None:
    root = make_root(tmp_path / "base")
    assert not (root / "claimtracker.toml").exists()
    assert find_root(root / "claims") == root.resolve()


def test_the_nearest_root_wins_so_a_copy_inside_a_project_is_its_own(
    tmp_path: Path,
) -> None:
    outer = make_root(tmp_path / "outer", toml="")
    copy = make_root(outer / "copies" / "inner")
    (outer / "copies" / "stray").mkdir()
    assert find_root(copy / "claims") == copy.resolve()
    assert find_root(outer / "copies" / "stray") == outer.resolve()


def test_claimtracker_root_overrides_the_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = make_root(tmp_path / "here", toml="")
    there = make_root(tmp_path / "there")
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(there))
    assert find_root(here) == there.resolve()
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(tmp_path / "gone"))
    with pytest.raises(ProjectNotFound, match="CLAIMTRACKER_ROOT names .*gone"):
        find_root(here)


def test_outside_any_project_the_error_names_what_was_looked_for(
    tmp_path: Path,
) -> None:
    with pytest.raises(ProjectNotFound) as raised:
        find_root(tmp_path)
    message = str(raised.value)
    assert str(tmp_path) in message
    assert "claimtracker.toml" in message and "claims/ and studies/" in message
    assert "claimtracker init" in message


def run_cli(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "CLAIMTRACKER_ROOT"}
    return subprocess.run(
        [sys.executable, "-m", "claimtracker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**environment, **env},
        check=False,
    )


def test_commands_work_on_the_folder_they_are_run_in_not_on_this_checkout(
    tmp_path: Path,
) -> None:
    root = make_root(tmp_path / "copy")
    (root / "claims" / "extra.yaml").write_text("id: [broken\n")
    done = run_cli(root / "claims", "validate")
    assert done.returncode == 1
    assert done.stdout.startswith("claims/extra.yaml:2:1: error[yaml-syntax]: ")
    assert done.stdout.splitlines()[-1].endswith("(11 files checked)")
    clean = make_root(tmp_path / "clean")
    assert run_cli(root, "validate", "--root", str(clean)).returncode == 0
    by_env = run_cli(root, "validate", CLAIMTRACKER_ROOT=str(clean))
    assert (by_env.returncode, by_env.stdout) == (0, "no problems (10 files checked)\n")


def test_validate_finds_the_root_from_the_paths_it_is_given(tmp_path: Path) -> None:
    make_root(tmp_path / "repo" / "evidence", toml="")
    done = run_cli(tmp_path, "validate", "repo/evidence/claims")
    assert (done.returncode, done.stdout) == (0, "no problems (5 files checked)\n")


# --------------------------------------------------------------------------- config


def test_without_a_config_file_the_defaults_apply(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()


def test_the_shipped_config_is_read() -> None:
    config = load_config(REPO)
    assert config.site.topic == "compression socks and sleeves"
    assert config.audit.log == ".claimtracker/audit.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[site\n", "claimtracker.toml:1: not valid TOML: "),
        (
            '[site]\ntitle = "x"\n\n# where pages go\nbase_url = "ftp://x"\n',
            "claimtracker.toml:5: site.base_url: must be an http(s) URL, got 'ftp://x'",
        ),
        (
            '[publisher]\nname = "x"\nulr = "https://x.org"\n',
            "claimtracker.toml:3: publisher.ulr: not a setting; did you mean 'url'?",
        ),
        ('[audit]\nlog = "../../etc/log"\n', "claimtracker.toml:2: audit.log: must be a path inside the data root"),
        ("[site]\ntopic = 3\n", "claimtracker.toml:2: site.topic: input should be a valid string, got 3"),
    ],
)  # fmt: skip
def test_a_bad_config_is_an_error_at_its_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        config_text(text, tmp_path / "claimtracker.toml")
    assert expected in str(raised.value).replace(str(tmp_path) + "/", "")


def test_every_bad_setting_is_reported_at_once(tmp_path: Path) -> None:
    text = '[site]\nbase_url = "x"\n[publisher]\nurl = "y"\n'
    with pytest.raises(ConfigError) as raised:
        config_text(text, tmp_path / "claimtracker.toml")
    assert [line.split(": ")[0][-19:] for line in str(raised.value).splitlines()] == [
        "claimtracker.toml:2",
        "claimtracker.toml:4",
    ]


def test_a_bad_config_stops_a_command_with_a_usage_error(tmp_path: Path) -> None:
    root = make_root(tmp_path / "base", toml='[site]\nbase_url = "nope"\n')
    done = run_cli(root, "validate")
    assert done.returncode == 2
    assert done.stderr == (
        "claimtracker validate: error: claimtracker.toml:2: site.base_url: "
        "must be an http(s) URL, got 'nope'\n"
    )


def test_claimreviews_take_the_publisher_from_the_config_and_the_environment_over_it(
    tmp_path: Path,
) -> None:
    config = '[site]\nbase_url = "https://facts.example.org/claims"\n[publisher]\nname = "Example Desk"\nurl = "https://example.org"\n'
    root = make_root(tmp_path / "base", toml=config)
    (claim,) = [p.stem for p in (root / "claims").glob("*.yaml")][:1]
    done = run_cli(root, "export", "--format", "claimreview")
    reviews = json.loads(done.stdout)
    assert reviews, done.stderr
    assert {r["author"]["name"] for r in reviews} == {"Example Desk"}
    assert {r["author"]["url"] for r in reviews} == {"https://example.org"}
    assert all(
        r["url"].startswith("https://facts.example.org/claims/?claim=") for r in reviews
    )
    by_env = run_cli(
        root, "export", "--format", "claimreview", CLAIMTRACKER_ORGANISATION="Env Desk"
    )
    assert {r["author"]["name"] for r in json.loads(by_env.stdout)} == {"Env Desk"}
    by_flag = run_cli(
        root, "export", "--format", "claimreview", "--organisation", "Flag Desk",
        CLAIMTRACKER_ORGANISATION="Env Desk",
    )  # fmt: skip
    assert {r["author"]["name"] for r in json.loads(by_flag.stdout)} == {"Flag Desk"}


def test_saves_append_to_the_audit_log_the_config_names(tmp_path: Path) -> None:
    root = make_root(tmp_path / "base", toml='[audit]\nlog = "records/changes.jsonl"\n')
    assert audit_path(root) == root / "records" / "changes.jsonl"
    claim = "compression-socks-improve-running-performance"
    done = run_cli(
        root, "verdict", claim, "--rating", "unproven", "--certainty", "low",
        "--reason", "new review", "--editor", "ed",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    entries = (root / "records" / "changes.jsonl").read_text().splitlines()
    assert [json.loads(e)["file"] for e in entries] == [f"claims/{claim}.yaml"]
    assert not (root / ".claimtracker" / "audit.jsonl").exists()


# --------------------------------------------------------------------------- init


def test_init_makes_a_base_that_validates_and_is_up_to_date(long_tmp: Path) -> None:
    folder = long_tmp / "running-shoes"
    result = runner.invoke(
        app,
        ["init", str(folder), "--title", "Shoe claims", "--topic", "running shoes",
         "--publisher", "Shoe Desk", "--base-url", "https://shoes.example.org"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "wrote claimtracker.toml" in result.stdout
    config = load_config(folder)
    assert (config.site.title, config.site.topic, config.publisher.name) == (
        "Shoe claims",
        "running shoes",
        "Shoe Desk",
    )
    assert config.site.base_url == "https://shoes.example.org"
    assert find_root(folder / "claims") == folder.resolve()
    assert stale_files(folder) == []
    corpus = validate(folder)
    assert (corpus.problems, corpus.files_checked) == ([], 1)
    assert "Shoe claims" in (folder / "README.md").read_text()
    assert ".claimtracker/" in (folder / ".gitignore").read_text()
    done = run_cli(folder, "validate")
    assert (done.returncode, done.stdout) == (0, "no problems (1 file checked)\n")
    assert run_cli(folder, "new", "study", "doe-2015").returncode == 0
    assert run_cli(folder, "validate").returncode == 0


def test_init_without_the_example_leaves_nothing_to_validate(tmp_path: Path) -> None:
    init_project(tmp_path / "empty", example=False)
    assert list((tmp_path / "empty" / "claims").iterdir()) == []
    assert run_cli(tmp_path / "empty", "validate").returncode == 2


def test_init_never_touches_an_existing_project_and_keeps_other_files(
    tmp_path: Path,
) -> None:
    existing = make_root(tmp_path / "existing")
    before = sorted(p.name for p in existing.rglob("*"))
    result = runner.invoke(app, ["init", str(existing)])
    assert result.exit_code == 2
    assert "already holds a claimtracker project" in result.stderr
    assert sorted(p.name for p in existing.rglob("*")) == before
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("# Ours\n")
    report = init_project(repo)
    assert report.kept == ["README.md"]
    assert (repo / "README.md").read_text() == "# Ours\n"


def test_init_with_a_bad_setting_writes_nothing(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "new"), "--base-url", "shoes.example.org"]
    )
    assert result.exit_code == 2
    assert "site.base_url: must be an http(s) URL" in result.stderr
    assert not (tmp_path / "new").exists()


# --------------------------------------------------------------------------- the dashboard


def shown(markdown: str) -> str:
    """Markdown as the reader sees it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_the_dashboard_outside_any_project_says_what_it_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    (error,) = [shown(e.value) for e in at.error]
    assert error.startswith("No evidence to show here: no claimtracker project in ")
    assert "claimtracker.toml" in error


def test_the_dashboard_shows_a_bad_config_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    root = make_root(tmp_path / "base", toml='[site]\ntitle = ""\n')
    monkeypatch.chdir(root)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    (error,) = [shown(e.value) for e in at.error]
    assert "claimtracker.toml:2: site.title:" in error
