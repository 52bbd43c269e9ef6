"""claimtracker as a user installs it: a wheel built from this checkout, installed into a
fresh virtual environment (packages from the machine's configured index), run on a data
folder it was not built from. Nothing here may read this checkout's claims/ or studies/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, VALID

pytestmark = pytest.mark.slow
SKIP = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
    ".hypothesis", "tests", "benchmarks", "claims", "studies", "test-results",
)  # fmt: skip
CONFIG = """\
[site]
title = "Elsewhere"
topic = "sleeves for cyclists"
base_url = "https://claims.example.org"

[publisher]
name = "Elsewhere Desk"
"""
DRAFT = "Compression socks reduce muscle soreness after a hard run.\n"
APP_CHECK = """\
from streamlit.testing.v1 import AppTest
import claimtracker.dashboard.app as dashboard

at = AppTest.from_file(dashboard.__file__, default_timeout=120).run()
assert not at.exception, [e.value for e in at.exception]
print("\\n".join(m.value for m in at.markdown))
"""


def run(
    command: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False,
        timeout=1800,
    )  # fmt: skip


def test_the_wheel_installs_and_runs_on_a_folder_it_was_not_built_from(
    tmp_path: Path,
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CLAIMTRACKER_ROOT", "PYTHONPATH")
    }
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=SKIP)
    dist = tmp_path / "dist"
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)],
        tmp_path, env,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("claimtracker-*.whl")
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], tmp_path, env).returncode == 0
    python, cli = venv / "bin" / "python", str(venv / "bin" / "claimtracker")
    installed = run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env
    )
    assert installed.returncode == 0, installed.stderr
    shutil.rmtree(source)  # nothing may come from the sources any more

    data = tmp_path / "evidence"
    shutil.copytree(VALID, data)
    (data / "claimtracker.toml").write_text(CONFIG)
    (data / "draft.md").write_text(DRAFT)
    where = run(
        [str(python), "-c", "import claimtracker; print(claimtracker.__file__)"],
        data,
        env,
    )
    assert where.stdout.startswith(str(venv)), where.stdout

    validated = run([cli, "validate"], data / "claims", env)
    assert (validated.returncode, validated.stdout) == (
        0,
        "no problems (10 files checked)\n",
    )
    broken = data / "studies" / "doe-2015.yaml"
    broken.write_text(broken.read_text() + "colour: blue\n")
    failed = run([cli, "validate", "--format", "github"], data, env)
    assert failed.returncode == 1
    assert failed.stdout.startswith("::error file=studies/doe-2015.yaml,")
    broken.write_text(broken.read_text().replace("colour: blue\n", ""))

    checked = run([cli, "check", "draft.md", "--format", "json"], data, env)
    assert checked.returncode in (0, 1), checked.stderr
    assert json.loads(checked.stdout)["summary"]["sentences"] == 1

    exported = run([cli, "export", "--format", "claimreview"], data, env)
    assert exported.returncode == 0, exported.stderr
    reviews = json.loads(exported.stdout)
    assert reviews and {r["author"]["name"] for r in reviews} == {"Elsewhere Desk"}
    assert all(
        r["url"].startswith("https://claims.example.org/?claim=") for r in reviews
    )

    outside = run([cli, "validate"], tmp_path, env)
    assert outside.returncode == 2
    assert outside.stderr.startswith(
        "claimtracker validate: error: no claimtracker project in "
    )

    shown = run([str(python), "-c", textwrap.dedent(APP_CHECK)], data, env)
    assert shown.returncode == 0, shown.stderr
    assert "sleeves for cyclists" in shown.stdout
