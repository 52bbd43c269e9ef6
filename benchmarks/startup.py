"""Start-up of the command line: whole processes, as a pre-commit hook or an editor runs them.

Each command is run as a fresh process, in rounds of one run of each command, and the best
wall time of each is kept (the machine is shared: a busy moment slows a whole round alike,
and the best run is the one least disturbed). The baseline, measured
in the same run, is ``python -c "import yaml"``: an interpreter start plus one small
library, the floor any Python command pays. Targets (issue 12): ``claimtracker --help``
under 0.3 s and ``claimtracker validate`` on the shipped data under 0.6 s, end to end.

    python -m benchmarks.startup              # print the table
    python -m benchmarks --startup-only       # measure, merge into docs/performance.json, rewrite the report
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpora import REPO

TARGETS = {"help": 0.3, "validate": 0.6}
DRAFT = "Compression socks will make you run faster.\nThey also help you recover.\n"


def _time(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    return time.perf_counter() - started


def measure(repeat: int = 15) -> dict[str, Any]:
    """Best wall times of each command, and each as a ratio to the baseline."""
    env = {k: v for k, v in os.environ.items() if k != "CLAIMTRACKER_ROOT"}
    script = (
        Path(sys.executable).parent / "claimtracker"
    )  # the console script users run
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "claimtracker"]
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.md"
        draft.write_text(DRAFT, encoding="utf-8")
        commands = {
            "baseline": [sys.executable, "-c", "import yaml"],
            "import": [sys.executable, "-c", "import claimtracker.cli"],
            "help": [*cli, "--help"],
            "validate": [*cli, "validate"],
            "check": [*cli, "check", str(draft)],
        }
        # Rounds of one run of each command, so that a busy moment of a shared machine
        # slows all of them alike; the best of the rounds is kept for each.
        seconds = dict.fromkeys(commands, float("inf"))
        for _ in range(repeat):
            for name, command in commands.items():
                seconds[name] = min(seconds[name], _time(command, REPO, env))
    base = seconds["baseline"]
    return {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "load": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "repeat": repeat,
        "rows": [
            {
                "name": name,
                "command": shlex.join(
                    ["claimtracker", *command[len(cli) :]]
                    if command[: len(cli)] == cli
                    else ["python", *command[1:]]
                ).replace(tmp, "$TMP"),
                "seconds": round(s, 4),
                "ratio": round(s / base, 2),
                "target": TARGETS.get(name),
            }
            for (name, command), s in zip(
                commands.items(), seconds.values(), strict=True
            )
        ],
    }


def _load(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else "unknown"


def markdown(startup: dict[str, Any]) -> str:
    """The report's start-up section."""
    lines = [
        "## Start-up of the command line\n",
        f"Measured on {startup.get('started', 'the date above')} (load average "
        f"{_load(startup.get('load'))}). "
        "Each command run as a whole process on the shipped data (74 records), best of "
        f'{startup["repeat"]} rounds of one run of each; the ratio is to `python -c "import yaml"` in the same '
        "run. Heavy libraries (statsmodels, scipy, numpy, pandas, plotly, streamlit) are "
        "imported only by the commands that use them, so `--help` and `validate` pay for "
        "Typer, pydantic and the records alone (`tests/test_startup.py` keeps it so).\n",
        "| command | time | ratio to baseline | target | result |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in startup["rows"]:
        target = row["target"]
        met = (
            ""
            if target is None
            else ("met" if row["seconds"] <= target else "**not met**")
        )
        lines.append(
            f"| `{row['command']}` | {row['seconds'] * 1000:.0f} ms | {row['ratio']:.1f}x | "
            f"{'' if target is None else f'under {target:g} s'} | {met} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(measure()))
