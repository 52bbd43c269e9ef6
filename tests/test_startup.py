"""Fast start: the command line imports the heavy libraries only where a command needs them.

Each check runs in a fresh interpreter (the test process has imported everything already)
and reads which modules were loaded; how long start-up takes is measured by the benchmarks
(``benchmarks/startup.py``), never asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO

HEAVY = ("statsmodels", "scipy", "numpy", "pandas", "plotly", "streamlit", "pyarrow")


def imported(*args: str) -> set[str]:
    """Top-level names of the modules a fresh ``python -X importtime ARGS`` imported."""
    env = {k: v for k, v in os.environ.items() if k != "CLAIMTRACKER_ROOT"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "claimtracker" in names
    return names


def test_importing_the_command_line_pulls_in_no_statsmodels() -> None:
    names = imported("-c", "import claimtracker.cli")
    assert "statsmodels" not in names
    assert sorted(names & set(HEAVY)) == []


@pytest.mark.parametrize(
    "command",
    [["--help"], ["validate"], ["validate", "--format", "sarif"], ["explain", "-h"]],
    ids=" ".join,
)
def test_help_and_validate_on_the_shipped_data_import_no_heavy_library(
    command: list[str],
) -> None:
    assert sorted(imported("-m", "claimtracker", *command) & set(HEAVY)) == []


def test_the_probe_sees_a_heavy_import_where_there_is_one() -> None:
    """The guards above are not vacuous: the same probe sees pandas and statsmodels."""
    names = imported("-c", "import claimtracker.frames, statsmodels.api")
    assert {"pandas", "statsmodels"} <= names
