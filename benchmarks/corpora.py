"""The corpora the benchmarks run on, the machine they run on, and timing by best-of-N.

Sizes are multiples of the shipped evidence base (44 studies, 30 claims): the shipped data
itself (1x), synthetic corpora of 10x and 100x, and the 10,000-study corpus the targets are
set at (with 3,000 claims, as at 100x: an archive grows in studies faster than in claims).
Synthetic corpora are written once per machine into a cache folder (``--cache``, default
``~/.cache/claimtracker/bench``), keyed on their size, seed and the generator's source, so a
second run does not write 13,000 files again.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from claimtracker import models, synthetic
from claimtracker.paths import CLAIMS, STUDIES

T = TypeVar("T")
#: The checkout the benchmarks run in: its claims/ and studies/ are the shipped data root.
REPO = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / "claimtracker"
    / "bench"
)
TARGET_STUDIES = 10_000
PACKAGES = (
    "streamlit",
    "pydantic",
    "pandas",
    "pyarrow",
    "PyYAML",
    "plotly",
    "statsmodels",
    "rapidfuzz",
    "uvicorn",
    "websockets",
)


@dataclass(frozen=True)
class Size:
    """One corpus: its label, its root folder and how many records it holds."""

    label: str
    root: Path
    studies: int
    claims: int
    synthetic: bool

    @property
    def files(self) -> int:
        return self.studies + self.claims


def count(root: Path, folder: str) -> int:
    return sum(1 for p in (root / folder).glob("*.yaml"))


def shipped() -> Size:
    return Size(
        "1x (shipped)",
        REPO,
        count(REPO, STUDIES),
        count(REPO, CLAIMS),
        False,
    )


def synthetic_corpus(
    label: str, studies: int, claims: int, seed: int, cache: Path
) -> Size:
    """A synthetic corpus from the cache, written there first if it is missing."""
    source = Path(synthetic.__file__).read_bytes() + Path(models.__file__).read_bytes()
    key = hashlib.blake2b(source, digest_size=6).hexdigest()
    root = cache / f"s{studies}-c{claims}-seed{seed}-{key}"
    if not (root / ".complete").exists():
        cache.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(root, ignore_errors=True)
        partial = Path(tempfile.mkdtemp(prefix="partial-", dir=cache))
        start = time.perf_counter()
        synthetic.generate_corpus(partial, studies=studies, claims=claims, seed=seed)
        (partial / ".complete").write_text(f"{time.perf_counter() - start:.1f} s\n")
        partial.rename(root)
    return Size(label, root, count(root, STUDIES), count(root, CLAIMS), True)


def sizes(cache: Path, *, quick: bool) -> list[Size]:
    """1x, 10x, 100x (not with ``quick``) and the 10,000-study target, smallest first."""
    base = shipped()
    found = [base]
    factors = (10,) if quick else (10, 100)
    for factor in factors:
        found.append(
            synthetic_corpus(
                f"{factor}x",
                base.studies * factor,
                base.claims * factor,
                seed=factor,
                cache=cache,
            )
        )
    found.append(
        synthetic_corpus("10,000 studies", TARGET_STUDIES, 3_000, seed=7, cache=cache)
    )
    return found


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """The shortest of ``repeat`` timed runs of ``work`` (seconds) and its last result."""
    best = float("inf")
    result: T | None = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def machine() -> dict[str, str]:
    """The facts about this machine and its software that the numbers depend on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    try:
        out = subprocess.run(
            [nginx, "-v"], capture_output=True, text=True, timeout=10
        ).stderr
        versions.append(out.strip().replace("nginx version: ", ""))
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "packages": ", ".join(versions),
        "load": load,
    }
