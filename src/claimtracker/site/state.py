"""What a build leaves for the next one: the record files it read, the summary rows, the
files it wrote and who owns them, and the search documents.

Kept in a folder beside the output (``.<out>.build-state/`` by default, ``--state DIR``),
never inside it, so nothing but the site is published. The state is a pickle the build
itself wrote; a state from another version of the code, templates or settings is ignored
and the next build is a full one.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from claimtracker.site.records import StatKey
from claimtracker.site.render import template_sources, write_atomic
from claimtracker.site.searchindex import SearchState
from claimtracker.site.summary import Summary

STATE_FILE = "state.pickle"
PACKAGES = ("plotly", "jinja2", "pandas", "pagefind", "pagefind-bin")


@dataclass
class BuildState:
    version: str = ""
    out: str = ""
    files: dict[str, tuple[StatKey, str]] = field(default_factory=dict)
    """Record file (``claims/x.yaml``) -> its identity on disk and content digest."""
    summary: Summary = field(default_factory=Summary)
    pages: dict[str, str] = field(default_factory=dict)
    """Every file written under the output folder -> the digest of its bytes."""
    owned: dict[str, list[str]] = field(default_factory=dict)
    """Record key (``claims/x``) -> the files its pages are (page, downloads)."""
    search: SearchState = field(default_factory=SearchState)
    readers: str = ""
    """Digest of ``questions.yaml`` and ``synonyms.yaml`` (the home and search pages use them)."""


def default_state_dir(out: Path) -> Path:
    """``.<name>.build-state`` beside the output folder."""
    out = out.resolve()
    return out.parent / f".{out.name}.build-state"


def reader_files(root: Path, names: tuple[str, ...]) -> str:
    """A digest of the data root's reader files (``questions.yaml`` ...) of these names."""
    digest = hashlib.blake2b(digest_size=16)
    for name in names:
        try:
            digest.update(name.encode() + b"\0" + (root / name).read_bytes())
        except OSError:
            digest.update(name.encode() + b"\0-")
    return digest.hexdigest()


def code_version(settings_fingerprint: str, search: bool, extra: str = "") -> str:
    """A digest of everything besides the records that decides the output (``extra``:
    the data files every page may show, such as the glossary)."""
    import claimtracker

    digest = hashlib.blake2b(digest_size=16)
    digest.update(extra.encode())
    package = Path(claimtracker.__file__).parent
    for file in sorted(package.rglob("*.py")):
        digest.update(file.relative_to(package).as_posix().encode())
        digest.update(file.read_bytes())
    digest.update(template_sources())
    for name in PACKAGES:
        try:
            digest.update(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -".encode())
    digest.update(settings_fingerprint.encode())
    digest.update(b"search" if search else b"no search")
    return digest.hexdigest()


def load_state(folder: Path) -> BuildState | None:
    """The last build's state, or None when there is none or it cannot be read."""
    try:
        data = (folder / STATE_FILE).read_bytes()
        state = pickle.loads(data)  # noqa: S301 (written by this build, in its own folder)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return state if isinstance(state, BuildState) else None


def save_state(folder: Path, state: BuildState) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / STATE_FILE, pickle.dumps(state, protocol=5))
