"""Recovery finishes only saves whose writer provably died, and never undoes a person's revert.

A save writes an intent record (``.claimtracker/intent.json``) before it replaces the file and
clears it once the file is in place and logged. The next save rolls a change forward only
while that intent is pending and its temporary file still exists (the rename did not happen),
and only when the file still holds the change's before-text. These tests run real processes:
the command line as a user runs it, ``git checkout`` restores, and writers killed with
SIGKILL at every system call of a save and at random moments.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from claimtracker.audit import read_audit, verify_chain
from claimtracker.auth import cli_actor
from claimtracker.models import Claim
from claimtracker.saving import delete_record, read_current, save_record

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
EDITORS = Path(__file__).parent / "data" / "editors"
LACTIC = "compression-flushes-lactic-acid"
PERFORMANCE = "compression-socks-improve-running-performance"
RECOVERY = "compression-speeds-recovery-after-running"
INTENT_FILE = ".claimtracker/intent.json"


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``claimtracker ARGS`` in a process of its own, over the data root ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "claimtracker", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CLAIMTRACKER_ROOT": str(root), "COLUMNS": "200"},
    )


def verdict(root: Path, claim: str, rating: str, editor: str) -> None:
    done = cli(
        root,
        "verdict", claim, "--rating", rating, "--certainty", "low",
        "--reason", f"checked by {editor}", "--editor", editor,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "recovered" not in done.stderr and "Traceback" not in done.stderr


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the shipped claims and studies (the ids the reproduction names)."""
    root = tmp_path / "ct"
    for folder in ("claims", "studies"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_a_file_copied_back_after_a_save_is_not_undone_by_the_next_save(
    repo_copy: Path, tmp_path: Path
) -> None:
    """The reproduction in the issue, command for command."""
    lactic = repo_copy / "claims" / f"{LACTIC}.yaml"
    original = tmp_path / "original.yaml"
    shutil.copyfile(lactic, original)
    verdict(repo_copy, LACTIC, "not-supported", "alice")
    assert "rating: not-supported" in lactic.read_text()
    shutil.copyfile(original, lactic)  # a person puts the old text back on purpose
    verdict(repo_copy, PERFORMANCE, "unproven", "bob")
    assert lactic.read_bytes() == original.read_bytes()
    assert not (repo_copy / INTENT_FILE).exists()
    # the audit log holds the two saves and shows the copy as an edit outside the tool
    assert [e["actor"] for e in read_audit(repo_copy)] == ["alice", "bob"]
    breaks = verify_chain(repo_copy)
    assert [(b.file, b.message) for b in breaks] == [
        (
            f"claims/{LACTIC}.yaml",
            "the file was changed outside the tool after its last change",
        )
    ]
    # and the claim can be edited again from the restored text
    verdict(repo_copy, LACTIC, "contradicted", "carol")
    assert "certainty: low" in lactic.read_text()


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        },
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "restore",
    [
        ["checkout", "--", "claims"],
        ["restore", "claims"],
        ["stash"],
        ["reset", "--hard"],
    ],
)
def test_git_restores_after_saves_survive_later_saves(
    repo_copy: Path, restore: list[str]
) -> None:
    (repo_copy / ".gitignore").write_text(".claimtracker/\n")
    git(repo_copy, "init", "-q")
    git(repo_copy, "add", "-A")
    git(repo_copy, "commit", "-q", "-m", "records")
    committed = (repo_copy / "claims" / f"{LACTIC}.yaml").read_bytes()
    verdict(repo_copy, LACTIC, "not-supported", "alice")
    git(repo_copy, *restore)
    assert git(repo_copy, "status", "--porcelain") == ""
    for n, claim in enumerate([PERFORMANCE, RECOVERY, PERFORMANCE]):
        verdict(repo_copy, claim, ["unproven", "supported", "not-supported"][n], "bob")
    assert (repo_copy / "claims" / f"{LACTIC}.yaml").read_bytes() == committed
    assert git(repo_copy, "diff", "--stat", "--", f"claims/{LACTIC}.yaml") == ""


# --------------------------------------------------------------------------- kill -9 at every step

# Makes one change and kills itself (SIGKILL, no clean-up of any kind) just before its N-th
# file-system call after the save started; prints "done" when the save got through. The change
# is an edit of a claim (a new alias), the creation of a draft study, or its removal.
KILL_AT_CALL = textwrap.dedent(
    """
    import os, signal, sys, yaml
    from pathlib import Path
    from claimtracker.auth import cli_actor
    from claimtracker.models import Claim
    from claimtracker.saving import delete_record, read_current, save_record

    root, n, token, change = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    claim_id = "compression-socks-improve-running-performance"
    if change == "edit":
        text, sha = read_current(root, "claims", claim_id)
        claim = Claim.model_validate(yaml.safe_load(text))
        changed = Claim.model_validate(claim.model_dump(exclude_none=True) | {"aliases": [token]})
    else:
        _, sha = read_current(root, "studies", "draft-2020")
    calls = 0

    def dying(name):
        real = getattr(os, name)
        def call(*args, **kwargs):
            global calls
            calls += 1
            if calls == n:
                print(f"killed at {name}", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    # every call that changes a file or the folder (reads change nothing, so a kill before
    # a read is the same as a kill before the next of these)
    for name in ("open", "write", "fsync", "close", "fchmod", "replace", "rename",
                 "unlink", "ftruncate"):
        setattr(os, name, dying(name))
    if change == "edit":
        save_record(root, "claims", changed, base_sha256=sha, actor=cli_actor("k"),
                    reason=token)
    elif change == "create":
        save_record(root, "studies", sys.stdin.read(), base_sha256=None,
                    actor=cli_actor("k"), reason=token, record_id="draft-2020")
    else:
        delete_record(root, "studies", "draft-2020", base_sha256=sha, actor=cli_actor("k"),
                      reason=token)
    print("done", flush=True)
    """
)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    shutil.copytree(EDITORS, tmp_path / "store")
    return tmp_path / "store"


def claim_file(root: Path) -> Path:
    return root / "claims" / f"{PERFORMANCE}.yaml"


def draft_text(root: Path) -> str:
    """A draft study (a copy of kemmler-2009 under another id)."""
    text = (root / "studies" / "kemmler-2009.yaml").read_text()
    return text.replace("id: kemmler-2009", "id: draft-2020\nstatus: draft")


def next_save(root: Path, note: str) -> None:
    """Another editor's save of another record: the save that runs recovery."""
    text, sha = read_current(root, "studies", "kemmler-2009")
    assert text is not None
    save_record(
        root,
        "studies",
        text + f"# {note}\n",
        base_sha256=sha,
        actor=cli_actor("ed"),
        record_id="kemmler-2009",
    )


def kill_at(root: Path, n: int, token: str, change: str = "edit") -> str:
    done = subprocess.run(
        [sys.executable, "-c", KILL_AT_CALL, str(root), str(n), token, change],
        input=draft_text(root) if change == "create" else "",
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode == 0:
        assert done.stdout.strip().endswith("done"), done.stdout
        return "done"
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done.stdout.strip().rsplit("killed at ", 1)[-1]


def pending_intent(root: Path) -> bool:
    """A complete intent record is on disk (a writer killed while writing it leaves less)."""
    try:
        json.loads((root / INTENT_FILE).read_text())
    except (FileNotFoundError, ValueError):
        return False
    return True


def aliases(root: Path) -> list[str]:
    text = claim_file(root).read_text()
    return Claim.model_validate(yaml.safe_load(text)).aliases


def draft_exists(root: Path) -> bool:
    return (root / "studies" / "draft-2020.yaml").exists()


@pytest.mark.parametrize("change", ["edit", "create", "remove"])
def test_a_writer_killed_at_any_system_call_of_a_save_is_rolled_forward_or_left_out(
    store: Path, change: str
) -> None:
    """SIGKILL before the 1st, 2nd, ... file-system call of one save, until a save gets through.

    After each kill the next save of another record runs recovery. The change is then either
    complete (file, audit entry) or absent (old file, no entry): complete exactly when the
    writer got as far as its intent record, absent otherwise. Nothing else is touched.
    """
    file = (
        f"claims/{PERFORMANCE}.yaml" if change == "edit" else "studies/draft-2020.yaml"
    )
    outcomes: dict[str, int] = {"rolled forward": 0, "in place": 0, "absent": 0}
    n = 0
    while True:
        n += 1
        token = f"kill-{n}"
        if change == "remove" and not draft_exists(store):
            save_record(
                store,
                "studies",
                draft_text(store),
                base_sha256=None,
                actor=cli_actor("ed"),
                record_id="draft-2020",
            )
        elif change == "create" and draft_exists(store):
            _, sha = read_current(store, "studies", "draft-2020")
            delete_record(
                store,
                "studies",
                "draft-2020",
                base_sha256=str(sha),
                actor=cli_actor("ed"),
            )
        before = (store / file).read_text() if (store / file).exists() else None
        where = kill_at(store, n, token, change)
        if where == "done":
            break
        intent_pending = pending_intent(store)
        now = (store / file).read_text() if (store / file).exists() else None
        in_place = now != before
        next_save(store, f"after kill {n}")
        assert not (store / INTENT_FILE).exists()
        assert not list((store / "claims").glob(".tmp-*"))
        assert not list((store / "studies").glob(".tmp-*"))
        assert verify_chain(store) == []
        logged = [e for e in read_audit(store) if e["file"] == file]
        after = (store / file).read_text() if (store / file).exists() else None
        if intent_pending or in_place:
            assert logged[-1]["reason"] == token, f"kill {n} at {where}"
            assert after == logged[-1]["after"], f"kill {n} at {where}"
            assert after != before
            outcomes["in place" if in_place else "rolled forward"] += 1
        else:
            assert after == before, f"kill {n} at {where}"
            assert all(e["reason"] != token for e in logged)
            outcomes["absent"] += 1
    assert outcomes["rolled forward"] >= 3 and outcomes["absent"] >= 3
    print(f"\n{change}: {n - 1} kill points of one save: {outcomes}")


@pytest.mark.parametrize("after_kill", ["restore the old text", "write a third text"])
def test_a_crashed_save_never_overrides_what_a_person_put_in_the_file_since(
    store: Path, after_kill: str
) -> None:
    """Kill a save at every step, then a person edits the file before the next save.

    Recovery may complete a change only when the rename provably did not happen and the file
    still holds its before-text. A file a person restored after the rename, or gave a text
    that is neither before nor after, is never touched.
    """
    third = "# edited by hand\n"
    n, touched = 0, 0
    while True:
        n += 1
        token = f"kill-{n}"
        before = claim_file(store).read_text()
        if kill_at(store, n, token) == "done":
            break
        temp_left = any(
            token in p.read_text() for p in (store / "claims").glob(".tmp-*")
        )
        if after_kill == "restore the old text":
            person = before
        else:
            person = claim_file(store).read_text() + third
        claim_file(store).write_text(person)
        next_save(store, f"after kill {n}")
        now = claim_file(store).read_text()
        intent_was_pending = token in now and now != person
        if intent_was_pending:
            # only possible when the rename had not happened yet and the person's text is
            # exactly the before-text of the change
            assert person == before and temp_left, f"kill {n}"
            touched += 1
        else:
            assert now == person, f"kill {n}"
        # put a clean file back for the next round (as the tool would write it)
        text, sha = read_current(store, "claims", PERFORMANCE)
        if text != before:
            save_record(
                store,
                "claims",
                before,
                base_sha256=sha,
                actor=cli_actor("ed"),
                record_id=PERFORMANCE,
            )
    if after_kill == "write a third text":
        assert touched == 0
    print(f"\n{n - 1} kill points, then '{after_kill}': {touched} changes completed")


# --------------------------------------------------------------------------- kill -9 at random

# Saves in a loop and acknowledges each save on stdout once save_record returned.
LOOP = textwrap.dedent(
    """
    import sys, yaml
    from pathlib import Path
    from claimtracker.auth import cli_actor
    from claimtracker.models import Claim
    from claimtracker.saving import read_current, save_record

    root, life = Path(sys.argv[1]), sys.argv[2]
    claim_id = "compression-socks-improve-running-performance"
    print("ready", flush=True)
    k = 0
    while True:
        k += 1
        text, sha = read_current(root, "claims", claim_id)
        claim = Claim.model_validate(yaml.safe_load(text))
        data = claim.model_dump(exclude_none=True)
        data["aliases"] = [*claim.aliases[-10:], f"save {life}-{k} " + "x" * (k % 7) * 40]
        data["proposition"] = claim.proposition[:20] + " " + "y" * (k % 5) * 2000
        result = save_record(root, "claims", Claim.model_validate(data), base_sha256=sha,
                             actor=cli_actor("k"))
        print("saved", result.entry, result.after_sha256, flush=True)
    """
)

KILLS = 60


def test_kill_9_at_random_moments_loses_no_acknowledged_save(store: Path) -> None:
    """Writers killed at random moments: no torn file at any instant, the temporary files
    they leave are swept, and every save acknowledged before a kill survives."""
    rng = random.Random(20261203)
    acknowledged: list[tuple[int, str]] = []
    rolled_forward = orphans = 0
    original = claim_file(store).read_text()
    for life in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", LOOP, str(store), str(life)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        try:
            assert proc.stdout.readline().strip() == "ready"
            for _ in range(rng.randint(1, 5)):
                line = proc.stdout.readline().split()
                assert line[:1] == ["saved"], proc.stderr.read() if proc.stderr else ""
                acknowledged.append((int(line[1]), line[2]))
            try:
                proc.wait(timeout=rng.uniform(0.0, 0.03))
            except subprocess.TimeoutExpired:
                pass
        finally:
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate()
        for line in out.splitlines():  # saves acknowledged just before the kill
            words = line.split()
            if len(words) == 3 and words[0] == "saved" and len(words[2]) == 64:
                acknowledged.append((int(words[1]), words[2]))
        # every instant: the file parses and holds a logged version or the pending one
        text = claim_file(store).read_text()
        Claim.model_validate(yaml.safe_load(text))
        versions = {e["after"] for e in read_audit(store)} | {original}
        if pending_intent(store):
            versions.add(
                json.loads((store / INTENT_FILE).read_text())["entry"]["after"]
            )
        assert text in versions
        orphans += len(list((store / "claims").glob(".tmp-*")))
        pending = pending_intent(store)
        entries_before = len(read_audit(store))
        next_save(store, f"after life {life}")
        if pending and len(read_audit(store)) == entries_before + 2:
            rolled_forward += 1
        # every acknowledged save is in the log under its number, and the chain holds
        entries = {e["seq"]: e for e in read_audit(store)}
        for seq, sha in acknowledged:
            assert entries[seq]["after_sha256"] == sha
        assert verify_chain(store) == []
        assert not list((store / "claims").glob(".tmp-*"))
    last = max(
        e["seq"] for e in read_audit(store) if e["file"] == f"claims/{PERFORMANCE}.yaml"
    )
    _, sha_now = read_current(store, "claims", PERFORMANCE)
    assert {e["seq"]: e for e in read_audit(store)}[last]["after_sha256"] == sha_now
    summary = {
        "kills": KILLS,
        "acknowledged saves": len(acknowledged),
        "saves logged": len(read_audit(store)),
        "interrupted saves completed": rolled_forward,
        "temporary files left by the kills (all swept)": orphans,
        "acknowledged saves lost": 0,
    }
    print("\n" + json.dumps(summary))
