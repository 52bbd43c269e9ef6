"""Lost updates with and without the hash compare, and the cost of one save.

N processes each add M aliases to one claim, as read-modify-write cycles through
``saving.save_record``:

- ``cas``: each save carries the hash of the text it read; a Conflict means re-read and retry.
- ``blind``: on a Conflict the same (stale) text is saved again over the current hash, which is
  "last writer wins" with the lock and the atomic write still in place.

Lost updates = aliases added by an accepted save that are missing from the final file.
Also prints the time of one uncontended save as a ratio to writing the same bytes with a
plain ``Path.write_text`` in the same run (the cost of lock + fsyncs + audit line).

    python benchmarks/bench_saving.py [--processes 8] [--saves 25]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "editors"
CLAIM = "compression-socks-improve-running-performance"

WORKER = textwrap.dedent(
    """
    import json, sys, yaml
    from pathlib import Path
    from claimtracker.auth import cli_actor
    from claimtracker.models import Claim
    from claimtracker.saving import Conflict, read_current, save_record

    root, name, count, mode = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    claim_id = "compression-socks-improve-running-performance"
    accepted, conflicts = 0, 0
    for k in range(count):
        while True:
            text, sha = read_current(root, "claims", claim_id)
            claim = Claim.model_validate(yaml.safe_load(text))
            data = claim.model_dump(exclude_none=True)
            data["aliases"] = [*claim.aliases, f"{name}-{k}"]
            try:
                save_record(root, "claims", Claim.model_validate(data), base_sha256=sha, actor=cli_actor(name))
            except Conflict as err:
                conflicts += 1
                if mode == "blind":  # overwrite anyway, whatever is there now
                    while True:
                        try:
                            save_record(root, "claims", Claim.model_validate(data),
                                        base_sha256=read_current(root, "claims", claim_id)[1], actor=cli_actor(name))
                            break
                        except Conflict:
                            conflicts += 1
                    accepted += 1
                    break
                continue
            accepted += 1
            break
    print(json.dumps({"accepted": accepted, "conflicts": conflicts}))
    """
)


def run(mode: str, processes: int, saves: int) -> dict[str, int]:
    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "store"
        shutil.copytree(DATA, root)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, str(root), f"p{i}", str(saves), mode],
                stdout=subprocess.PIPE,
                text=True,
            )
            for i in range(processes)
        ]
        results = [json.loads(p.communicate()[0].splitlines()[-1]) for p in procs]
        final = yaml.safe_load((root / "claims" / f"{CLAIM}.yaml").read_text())
        kept = len(final["aliases"]) - 1
    accepted = sum(r["accepted"] for r in results)
    return {
        "accepted": accepted,
        "conflicts": sum(r["conflicts"] for r in results),
        "kept": kept,
        "lost": accepted - kept,
    }


def save_cost(repeats: int = 50) -> float:
    import yaml

    from claimtracker.auth import cli_actor
    from claimtracker.models import Claim
    from claimtracker.saving import read_current, save_record

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "store"
        shutil.copytree(DATA, root)
        plain = Path(tmp) / "plain.yaml"
        texts = []
        start = time.perf_counter()
        for k in range(repeats):
            text, sha = read_current(root, "claims", CLAIM)
            claim = Claim.model_validate(yaml.safe_load(str(text)))
            data = claim.model_dump(exclude_none=True) | {"aliases": [f"a{k}"]}
            result = save_record(
                root,
                "claims",
                Claim.model_validate(data),
                base_sha256=sha,
                actor=cli_actor("b"),
            )
            texts.append(str(result.text))
        saving = time.perf_counter() - start
        start = time.perf_counter()
        for k in range(repeats):
            text, _ = read_current(root, "claims", CLAIM)
            claim = Claim.model_validate(yaml.safe_load(str(text)))
            plain.write_text(texts[k])
        baseline = time.perf_counter() - start
    return saving / baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--saves", type=int, default=25)
    args = parser.parse_args()
    for mode in ("cas", "blind"):
        result = run(mode, args.processes, args.saves)
        print(f"{mode:>5}: {args.processes} processes x {args.saves} saves: {result}")
    print(
        f"one save costs {save_cost():.1f}x a plain write of the same text (same run)"
    )


if __name__ == "__main__":
    main()
