"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a sample
repository (``pre-commit try-repo``): it installs claimtracker from this checkout into a
hook environment of its own, as a team's pre-commit would, then runs both hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, write_corpus
from writers_corpus import sample_claims, sample_studies

pytestmark = pytest.mark.slow
DRAFT = "# Race day\n\nMy compression socks will make you run faster in a marathon.\n"
GIT = {
    "GIT_AUTHOR_NAME": "Sample",
    "GIT_AUTHOR_EMAIL": "sample@example.org",
    "GIT_COMMITTER_NAME": "Sample",
    "GIT_COMMITTER_EMAIL": "sample@example.org",
}


def test_pre_commit_runs_both_hooks_on_a_sample_repository(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed to run pre-commit")
    sample = write_corpus(tmp_path / "sample", sample_claims(), sample_studies())
    (sample / "claimtracker.toml").write_text('[site]\ntitle = "Sample"\n')
    (sample / "drafts").mkdir()
    (sample / "drafts" / "race.md").write_text(DRAFT)
    (sample / "notes.md").write_text(DRAFT)  # not a draft: outside drafts/
    env = {
        **{k: v for k, v in os.environ.items() if k != "CLAIMTRACKER_ROOT"},
        **GIT,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
    }
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=sample, env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "--all-files", "--verbose"],
        cwd=sample, env=env, capture_output=True, text=True, check=False, timeout=1800,
    )  # fmt: skip
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    print(out)  # shown when a later assertion fails
    lines = out.splitlines()
    validate = next(line for line in lines if line.startswith("claimtracker validate"))
    check = next(line for line in lines if line.startswith("claimtracker check"))
    assert validate.endswith("Passed"), out
    assert check.endswith("Failed"), out
    assert "0 files with errors, " in out  # the sample's verdict-drift warnings pass
    assert "drafts/race.md:3:1: unproven (" in out
    assert "notes.md:" not in out
