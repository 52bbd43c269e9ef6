"""Command-line breaks found by a hostile probe (issue 11, items 7, 8, 9, 11, 12 and 13).

Each runs the command as a user does, in a process of its own where the break was a hang or
a traceback: a read-only data folder, a folder or a named pipe where a file is expected, an
invalid ``--summary``, reserved device names as ids, and ``verdict CLAIM`` on a file whose id
is not CLAIM (a copy, a symlink).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from claimtracker.audit import read_audit
from claimtracker.auth import cli_actor
from claimtracker.models import Claim
from claimtracker.saving import SaveError, read_current, record_path, save_record
from claimtracker.store import load_corpus
from conftest import tmpfs

DATA = Path(__file__).parent / "data"
CLAIM = "compression-socks-improve-running-performance"
OTHER = "compression-socks-reduce-soreness"
BIB = DATA / "imports" / "studies.bib"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "editors", tmp_path / "store")
    return tmp_path / "store"


def cli(
    root: Path, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``claimtracker ARGS`` as a process of its own over ``root`` (fails on a hang)."""
    return subprocess.run(
        [sys.executable, "-m", "claimtracker", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "CLAIMTRACKER_ROOT": str(root), "COLUMNS": "200"},
        stdin=subprocess.DEVNULL,
    )


def verdict(root: Path, claim: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli(
        root,
        "verdict", claim, "--rating", "not-supported", "--certainty", "low",
        "--reason", "two blinded trials", "--editor", "ed", *extra,
    )  # fmt: skip


# --------------------------------------------------------------------------- 7: read-only folder


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[Path]:
    """The editors' store on a tmpfs remounted read-only (root ignores file modes)."""
    with tmpfs(tmp_path / "ro", "4m") as mount:
        shutil.copytree(DATA / "editors", mount / "store")
        assert not (mount / "store" / ".claimtracker").exists()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount / "store"


def test_a_read_only_folder_without_claimtracker_gives_clear_errors(
    read_only_store: Path,
) -> None:
    before = (read_only_store / "claims" / f"{CLAIM}.yaml").read_bytes()
    done = verdict(read_only_store, CLAIM)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "read-only" in done.stderr and "nothing was saved" in done.stderr
    done = cli(read_only_store, "import", str(BIB), "--editor", "ed")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "read-only" in done.stdout + done.stderr
    # reading still works
    done = cli(read_only_store, "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (read_only_store / "claims" / f"{CLAIM}.yaml").read_bytes() == before


# --------------------------------------------------------------------------- 8 and 9: not a file


@pytest.mark.parametrize("source", ["", ".", "studies"])
def test_import_of_a_folder_or_an_empty_name_is_a_usage_error(
    root: Path, source: str
) -> None:
    done = cli(root, "import", source, "--dry-run")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "not a regular file (a folder)" in done.stderr or "empty" in done.stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe nobody writes to; released at the end so no reader stays blocked."""
    path = tmp_path / "refs.bib"
    os.mkfifo(path)
    yield path
    _release(path)


def _release(path: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # no reader is waiting
        return
    os.close(fd)


def test_import_of_a_named_pipe_is_refused_without_blocking(
    root: Path, fifo: Path
) -> None:
    done = cli(root, "import", str(fifo), "--dry-run", timeout=60)
    assert done.returncode == 2, done.stderr
    assert "refs.bib is not a regular file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_named_pipe_in_claims_is_reported_and_never_read(root: Path) -> None:
    """``validate`` (and so the dashboard's loader) used to block forever on the pipe."""
    pipe = root / "claims" / "piped-claim.yaml"
    os.mkfifo(pipe)
    try:
        done = cli(root, "validate", timeout=60)
        assert done.returncode == 1, done.stderr
        assert "claims/piped-claim.yaml:1:1: error[unreadable]" in done.stdout
        assert "not a regular file" in done.stdout
        # the library (what the dashboard loads) answers as well
        corpus = load_corpus(root)
        assert CLAIM in corpus.claims
        assert [p.path for p in corpus.problems if p.code == "unreadable"] == [
            "claims/piped-claim.yaml"
        ]
        # and a save next to it works
        text, sha = read_current(root, "claims", CLAIM)
        save_record(
            root,
            "claims",
            str(text) + "# checked\n",
            base_sha256=sha,
            actor=cli_actor("ed"),
            record_id=CLAIM,
        )
    finally:
        _release(pipe)


# Runs the dashboard's first page headless (AppTest) and prints its warnings.
DASHBOARD = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
assert not at.exception, at.exception
print("\\n".join(str(w.value) for w in at.warning))
"""


def test_the_dashboard_shows_a_named_pipe_in_claims_as_a_problem(root: Path) -> None:
    pipe = root / "claims" / "piped-claim.yaml"
    os.mkfifo(pipe)
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                DASHBOARD,
                str(Path(__file__).parents[1] / "app.py"),
            ],
            capture_output=True,
            text=True,
            timeout=180,  # a page blocked on the pipe fails the test here
            env={**os.environ, "CLAIMTRACKER_ROOT": str(root)},
        )
        assert done.returncode == 0, done.stderr
        assert "1 record failed validation" in done.stdout
    finally:
        _release(pipe)  # a reader still blocked would get end-of-file and finish


# --------------------------------------------------------------------------- 11: --summary


def test_an_invalid_summary_is_blamed_on_the_option_not_the_file(root: Path) -> None:
    before = (root / "claims" / f"{CLAIM}.yaml").read_bytes()
    done = verdict(root, CLAIM, "--summary", "x\x01y")
    assert done.returncode == 2, done.stderr
    assert "cannot be edited until it is valid" not in done.stderr
    assert "--summary" in done.stderr and "U+0001" in done.stderr
    done = verdict(root, CLAIM, "--summary", "   ")
    assert done.returncode == 2 and "--summary" in done.stderr
    done = cli(
        root,
        "verdict", CLAIM, "--rating", "unproven", "--certainty", "low",
        "--reason", "bad\x1b[31m", "--editor", "ed",
    )  # fmt: skip
    assert done.returncode == 2 and "--reason" in done.stderr
    assert (root / "claims" / f"{CLAIM}.yaml").read_bytes() == before
    assert read_audit(root) == []


def test_a_file_that_is_invalid_is_still_blamed_on_the_file(root: Path) -> None:
    path = root / "claims" / f"{CLAIM}.yaml"
    path.write_text(path.read_text().replace("domain: performance", "domain: speed"))
    done = verdict(root, CLAIM, "--summary", "fine")
    assert done.returncode == 1
    assert "cannot be edited until it is valid" in done.stderr


# --------------------------------------------------------------------------- 12: reserved names


RESERVED = ["con", "nul", "aux", "prn", "com1", "lpt1", "com9", "lpt0"]


@pytest.mark.parametrize("name", RESERVED)
def test_reserved_device_names_are_not_ids(root: Path, name: str) -> None:
    text, _ = read_current(root, "claims", CLAIM)
    data = yaml.safe_load(str(text)) | {"id": name}
    with pytest.raises(ValidationError, match="reserved"):
        Claim.model_validate(data)
    with pytest.raises(SaveError, match="reserved"):
        record_path(root, "claims", name)
    # a file by that name is reported at its id line
    (root / "claims" / f"{name}.yaml").write_text(
        str(text).replace(f"id: {CLAIM}", f"id: {name}")
    )
    problems = [
        p for p in load_corpus(root).problems if p.path == f"claims/{name}.yaml"
    ]
    assert problems and problems[0].field == "id" and "reserved" in problems[0].message


def test_ids_that_only_start_like_a_device_name_are_fine() -> None:
    from claimtracker.vocab import is_record_id

    assert all(is_record_id(i) for i in ["cons", "null", "com10", "lpt-1", "auxin"])
    assert not any(is_record_id(i) for i in RESERVED)


# --------------------------------------------------------------------------- 13: verdict CLAIM


def test_verdict_on_a_copy_whose_id_differs_never_edits_the_other_claim(
    root: Path,
) -> None:
    other = root / "claims" / f"{OTHER}.yaml"
    other_before = other.read_bytes()
    copy = root / "claims" / "a-copied-claim.yaml"
    shutil.copyfile(other, copy)
    done = verdict(root, "a-copied-claim")
    assert done.returncode == 1, done.stderr
    assert f"holds the id '{OTHER}'" in done.stderr
    assert other.read_bytes() == other_before
    assert read_audit(root) == []


def test_verdict_through_a_symlink_never_edits_the_target(root: Path) -> None:
    other = root / "claims" / f"{OTHER}.yaml"
    other_before = other.read_bytes()
    (root / "claims" / "a-linked-claim.yaml").symlink_to(other)
    done = verdict(root, "a-linked-claim")
    assert done.returncode == 1, done.stderr
    assert "symbolic link" in done.stderr
    assert other.read_bytes() == other_before
    assert read_audit(root) == []


def test_a_model_save_under_another_id_than_asked_is_refused(root: Path) -> None:
    text, _ = read_current(root, "claims", OTHER)
    model = Claim.model_validate(yaml.safe_load(str(text)))
    _, sha = read_current(root, "claims", CLAIM)
    from claimtracker.saving import InvalidRecord

    with pytest.raises(InvalidRecord, match="must stay"):
        save_record(
            root,
            "claims",
            model,
            base_sha256=sha,
            actor=cli_actor("ed"),
            record_id=CLAIM,
        )
