"""Saving under real processes: concurrent writers, a writer dying before its rename, a full
disk. Writers killed (SIGKILL) at every step of a save and at random moments are in
``test_revert_safety.py``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from claimtracker.audit import read_audit, verify_chain
from claimtracker.auth import cli_actor
from claimtracker.durable import read_intent
from claimtracker.models import Claim
from claimtracker.saving import read_current, save_record
from conftest import tmpfs

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data" / "editors"
CLAIM = "compression-socks-improve-running-performance"
FILE = f"claims/{CLAIM}.yaml"

# A worker: add `count` aliases to the claim, each as a read-modify-write that retries on a
# conflict. Prints a JSON summary; any error other than Conflict fails the process.
WORKER = textwrap.dedent(
    """
    import json, sys, yaml
    from pathlib import Path
    from claimtracker.auth import cli_actor
    from claimtracker.models import Claim
    from claimtracker.saving import Conflict, read_current, save_record

    root, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    claim_id = "compression-socks-improve-running-performance"
    accepted, conflicts = [], 0
    print("ready", flush=True)
    for k in range(count):
        token = f"{name}-{k}"
        while True:
            text, sha = read_current(root, "claims", claim_id)
            claim = Claim.model_validate(yaml.safe_load(text))
            data = claim.model_dump(exclude_none=True)
            data["aliases"] = [*claim.aliases, token]
            try:
                result = save_record(root, "claims", Claim.model_validate(data), base_sha256=sha,
                                     actor=cli_actor(name), reason=token)
            except Conflict:
                conflicts += 1
                continue
            accepted.append([token, result.entry])
            break
    print(json.dumps({"accepted": accepted, "conflicts": conflicts}), flush=True)
    """
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "store")
    return tmp_path / "store"


def spawn(*args: str, code: str = WORKER) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def current_claim(root: Path) -> Claim:
    text, _ = read_current(root, "claims", CLAIM)
    assert text is not None
    return Claim.model_validate(yaml.safe_load(text))


def test_eight_processes_saving_one_record_lose_no_update(root: Path) -> None:
    procs = [spawn(str(root), f"p{i}", "25") for i in range(8)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append(json.loads(out.splitlines()[-1]))
    accepted = {token: seq for r in results for token, seq in r["accepted"]}
    assert len(accepted) == 200
    # every accepted save is in the file ...
    assert sorted(current_claim(root).aliases[1:]) == sorted(accepted)
    # ... and in the audit log, under the number the save returned, with its text
    entries = {e["seq"]: e for e in read_audit(root)}
    assert sorted(entries) == list(range(1, 201))
    for token, seq in accepted.items():
        assert entries[seq]["reason"] == token and token in entries[seq]["after"]
    assert verify_chain(root) == []
    # every refused attempt got a Conflict and was retried (the workers count them)
    conflicts = sum(r["conflicts"] for r in results)
    print(
        f"\n8 processes x 25 saves: 200 accepted, {conflicts} conflicts refused and retried"
    )


DIES_BEFORE_RENAME = textwrap.dedent(
    """
    import os, sys, yaml
    from pathlib import Path
    from claimtracker.auth import cli_actor
    from claimtracker.models import Claim
    from claimtracker.saving import read_current, save_record

    root = Path(sys.argv[1])
    text, sha = read_current(root, "claims", "compression-socks-improve-running-performance")
    claim = Claim.model_validate(yaml.safe_load(text))
    data = claim.model_dump(exclude_none=True) | {"aliases": ["logged before the crash"]}
    os.replace = lambda src, dst: os._exit(9)   # the power goes after the intent is recorded
    save_record(root, "claims", Claim.model_validate(data), base_sha256=sha, actor=cli_actor("k"))
    """
)


def test_a_writer_killed_between_its_intent_and_the_rename_is_completed_by_the_next_save(
    root: Path,
) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", DIES_BEFORE_RENAME, str(root)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 9
    assert "logged before the crash" not in (root / FILE).read_text()
    assert read_audit(root) == [] and len(list((root / "claims").glob(".tmp-*"))) == 1
    assert read_intent(root) is not None
    text, sha = read_current(root, "studies", "kemmler-2009")
    assert text is not None
    save_record(
        root,
        "studies",
        text + "# checked\n",
        base_sha256=sha,
        actor=cli_actor("ed"),
        record_id="kemmler-2009",
    )
    assert current_claim(root).aliases == ["logged before the crash"]
    assert not list((root / "claims").glob(".tmp-*")) and read_intent(root) is None
    assert verify_chain(root) == [] and len(read_audit(root)) == 2


FULL_DISK = textwrap.dedent(
    """
    import errno, os, sys, yaml
    from pathlib import Path
    from claimtracker.auth import cli_actor
    from claimtracker.models import Claim
    from claimtracker.saving import SaveError, read_current, save_record

    def enospc(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    root = Path(sys.argv[1])
    text, sha = read_current(root, "claims", "compression-socks-improve-running-performance")
    claim = Claim.model_validate(yaml.safe_load(text))
    data = claim.model_dump(exclude_none=True) | {"aliases": ["never saved"]}
    os.fsync = enospc
    try:
        save_record(root, "claims", Claim.model_validate(data), base_sha256=sha, actor=cli_actor("ed"))
    except SaveError as err:
        print(err)
        sys.exit(1)
    """
)


def test_a_failing_fsync_in_another_process_leaves_the_old_file_and_no_audit_entry(
    root: Path,
) -> None:
    before = (root / FILE).read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "the disk is full" in proc.stdout
    assert (root / FILE).read_bytes() == before
    assert read_audit(root) == []
    assert not list((root / "claims").glob(".tmp-*"))


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "tiny", "64k") as mount:
        yield mount


def test_a_really_full_disk_leaves_the_old_file_and_no_audit_entry(
    tiny_disk: Path,
) -> None:
    root = tiny_disk / "store"
    shutil.copytree(DATA, root)
    claim = current_claim(root)
    _, sha = read_current(root, "claims", CLAIM)
    save_record(
        root,
        "claims",
        claim.model_copy(update={"aliases": ["first"]}),
        base_sha256=sha,
        actor=cli_actor("a"),
    )
    before = (root / FILE).read_bytes()
    audit_before = read_audit(root)
    # fill the disk, leaving a few hundred bytes
    fd = os.open(tiny_disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)
    data = claim.model_dump(exclude_none=True) | {
        "proposition": "Runners are faster. " * 400
    }
    _, sha = read_current(root, "claims", CLAIM)
    from claimtracker.saving import SaveError

    with pytest.raises(SaveError, match="the disk is full"):
        save_record(
            root,
            "claims",
            Claim.model_validate(data),
            base_sha256=sha,
            actor=cli_actor("b"),
        )
    assert (root / FILE).read_bytes() == before
    assert read_audit(root) == audit_before
    assert not list((root / "claims").glob(".tmp-*"))


def test_threads_of_one_process_and_other_processes_exclude_each_other(
    root: Path,
) -> None:
    """Dashboard sessions are threads, the CLI is a process: one lock must cover both."""
    import threading

    from claimtracker.saving import Conflict

    procs = [spawn(str(root), f"proc{i}", "10") for i in range(3)]
    accepted: list[str] = []

    def worker(name: str) -> None:
        for k in range(10):
            token = f"{name}-{k}"
            while True:
                text, sha = read_current(root, "claims", CLAIM)
                claim = Claim.model_validate(yaml.safe_load(str(text)))
                data = claim.model_dump(exclude_none=True) | {
                    "aliases": [*claim.aliases, token]
                }
                try:
                    save_record(
                        root,
                        "claims",
                        Claim.model_validate(data),
                        base_sha256=sha,
                        actor=cli_actor(name),
                    )
                except Conflict:
                    continue
                accepted.append(token)
                break

    threads = [threading.Thread(target=worker, args=(f"thread{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        accepted += [token for token, _ in json.loads(out.splitlines()[-1])["accepted"]]
    assert len(accepted) == 60
    assert sorted(current_claim(root).aliases[1:]) == sorted(accepted)
    assert len(read_audit(root)) == 60 and verify_chain(root) == []
