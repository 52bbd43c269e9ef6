"""Usage errors of every command: one plain line on standard error, exit 2.

Each case runs with a 40-column terminal and paths over 150 characters long, the conditions
under which a boxed, wrapped message used to split the sentence a test or a log looked for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtracker.cli import app
from conftest import VALID

NARROW = {"COLUMNS": "40", "LINES": "20", "TERM": "xterm-256color"}


@pytest.fixture
def root(long_tmp: Path) -> Path:
    """A valid data root at a path over 150 characters."""
    folder = long_tmp / "repo"
    shutil.copytree(VALID, folder)
    return folder


def cases(root: Path) -> dict[str, tuple[list[str], str]]:
    """command -> (arguments, words the one error line must hold)."""
    missing = str(root / "no-such-file.md")
    nowhere = str(root / "nowhere")
    return {
        "validate": (["validate", "--format", "xml", "--root", str(root)], "'xml'"),
        "check": (["check", missing, "--root", str(root)], "cannot read"),
        "export": (["export", "--claim", "nope", "--root", str(root)], "no claim"),
        "explain": (["explain", "nope", "--root", str(root)], "is not in claims/"),
        "verdict": (["verdict", "x", "--root", str(root)], "missing option"),
        "history": (["history", "x", "--root", nowhere], "no such folder"),
        "revert": (["revert", "x", "one", "--editor", "ed"], "valid integer"),
        "import": (
            ["import", missing, "--editor", "ed", "--root", str(root)],
            "not a doi",
        ),
        "new": (["new", "claim", "Bad Id", "--root", str(root)], "not a valid id"),
        "schema": (["schema", "--root", nowhere], "no such folder"),
        "init": (["init", str(root)], "already holds a claimtracker project"),
        "dashboard": (["dashboard", "--root", nowhere], "no such folder"),
        "serve": (["serve", "--replicas", "99", "--root", str(root)], "16"),
        "bench": (["bench", "generate", str(root), "--studies", "0"], "--studies"),
        "hash-password": (["hash-password", "--bogus"], "no such option"),
        "site": (
            ["site", "build", str(root / "out"), "--root", nowhere],
            "no such folder",
        ),
    }


COMMANDS = [
    "validate", "check", "export", "explain", "verdict", "history", "revert", "import",
    "new", "schema", "init", "dashboard", "serve", "bench", "hash-password", "site",
]  # fmt: skip


def test_every_command_is_covered() -> None:
    from typer.main import get_command

    assert sorted(get_command(app).commands) == sorted(COMMANDS)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_usage_error_is_one_plain_line_and_exit_2(root: Path, command: str) -> None:
    args, words = cases(root)[command]
    result = CliRunner().invoke(app, args, env=NARROW)
    prog = " ".join(["claimtracker", *args[: 2 if command in ("bench", "site") else 1]])
    lines = result.stderr.splitlines()
    assert result.exit_code == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{prog}: error: "), lines[0]
    assert words.lower() in lines[0].lower()
    assert not set(lines[0]) & set("╭╮╰╯│─"), "a Rich box"
    assert result.stdout == ""


def test_outside_any_project_names_what_was_looked_for(
    long_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMTRACKER_ROOT", raising=False)
    monkeypatch.chdir(long_tmp)
    result = CliRunner().invoke(app, ["validate"], env=NARROW)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("claimtracker validate: error: no claimtracker project in ")
    assert str(long_tmp) in line
    assert "claimtracker.toml" in line and "claims/ and studies/" in line


def test_an_unknown_command_is_a_usage_error_of_the_program(root: Path) -> None:
    result = CliRunner().invoke(app, ["valdiate"], env=NARROW)
    assert (result.exit_code, result.stderr) == (
        2,
        "claimtracker: error: no such command 'valdiate'. Did you mean 'validate'?\n",
    )


def test_the_console_script_prints_the_same_line_as_a_process(root: Path) -> None:
    outside = root.parent / "elsewhere.yaml"
    outside.write_text("id: x\n")
    done = subprocess.run(
        [sys.executable, "-m", "claimtracker", "validate", "--root", str(root), str(outside)],
        capture_output=True,
        text=True,
        env={**os.environ, **NARROW},
        check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"claimtracker validate: error: {outside} is not inside the data root {root} "
        "(see --root)\n"
    )


def test_help_is_plain_text(root: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "-h"], env=NARROW)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: claimtracker validate [OPTIONS]")
    assert not set(result.stdout) & set("╭╮╰╯│─")
