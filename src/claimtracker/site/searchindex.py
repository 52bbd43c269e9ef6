"""Search over claims (with their aliases) and studies: a static Pagefind index.

Pagefind (installed from the package index with its binary, ``pagefind[bin]``) indexes a
small search document per record, not the whole page: a claim's proposition, the other
ways people say it and its verdict; a study's citation, subject and outcomes. The documents
are kept in the build's state folder. Pagefind has no synonyms, so ``search.js`` searches a
query again with the other names of its terms (``synonyms.json``: DVT and deep vein
thrombosis, lactate and lactic acid) and merges the results.

The index is split into shards (a record's shard is fixed by its key's hash, about
:data:`SHARD_SIZE` records each), each a Pagefind bundle under ``pagefind/<n>/``;
``search.js`` merges them (``mergeIndex``). After a change only the shards whose documents
changed are indexed again, which keeps an incremental build of 13,000 records fast.
Pagefind names its index and fragment files by their content, so copying a shard's bundle
into the site skips every file already there.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from claimtracker.problems import ClaimtrackerError
from claimtracker.site.render import Renderer, write_atomic

SHARD_SIZE = 500
#: Pagefind's own search interfaces; the site has its own (search.js), so they are not copied.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(ClaimtrackerError):
    """Pagefind is missing or failed."""


@dataclass
class SearchState:
    """The search documents of the last build (record key -> digest) and the shard count."""

    shards: int = 0
    documents: dict[str, str] = field(default_factory=dict)


def shard_count(records: int) -> int:
    """A power of two giving about :data:`SHARD_SIZE` records a shard (at least one)."""
    n = 1
    while n * SHARD_SIZE < records:
        n *= 2
    return n


def shard_of(key: str, shards: int) -> int:
    return int(hashlib.blake2b(key.encode(), digest_size=4).hexdigest(), 16) % shards


def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as exc:
        raise SearchIndexError(
            "the search index needs Pagefind: pip install 'pagefind[bin]' "
            "(or build with --no-search)"
        ) from exc
    return Path(get_executable())


class SearchIndex:
    """Keeps the search documents under ``folder`` and the bundles under ``out/pagefind``."""

    def __init__(self, folder: Path, out: Path, state: SearchState) -> None:
        self.folder = folder
        self.out = out
        self.state = state
        self.dirty: set[int] = set()
        self.renderer: Renderer | None = None

    def document(self, key: str, html: bytes | None) -> None:
        """Set (or with ``None`` remove) the search document of a record (``claim/<id>/``)."""
        digest = hashlib.blake2b(html or b"", digest_size=16).hexdigest()
        if html is not None and self.state.documents.get(key) == digest:
            return
        shard = shard_of(key, self.state.shards)
        target = self.folder / str(shard) / key / "index.html"
        if html is None:
            if self.state.documents.pop(key, None) is not None:
                target.unlink(missing_ok=True)
                self.dirty.add(shard)
            return
        write_atomic(target, html)
        self.state.documents[key] = digest
        self.dirty.add(shard)

    def reset(self, documents: Mapping[str, bytes]) -> None:
        """Hold exactly these documents (a full build). The last build's documents and
        bundles are kept when the shard count is the same, so only shards whose documents
        changed are indexed again; otherwise every shard is made anew."""
        shards = shard_count(len(documents))
        if shards != self.state.shards or not self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
            self.state.shards = shards
            self.state.documents.clear()
            self.dirty = set(range(shards))
        for key in self.keys() - set(documents):
            self.document(key, None)
        for key, html in documents.items():
            self.document(key, html)

    def keys(self) -> set[str]:
        return set(self.state.documents)

    def finish(self) -> list[int]:
        """Index the shards whose documents changed and move their bundles into the site."""
        binary = pagefind_binary()
        shards = sorted(self.dirty)
        home = self.out / "pagefind"
        home.mkdir(parents=True, exist_ok=True)

        def index(shard: int) -> None:
            site = self.folder / str(shard)
            site.mkdir(parents=True, exist_ok=True)
            # Pagefind writes beside the bundle (same file system): files are moved, not copied.
            bundle = home / f".build-{shard}"
            shutil.rmtree(bundle, ignore_errors=True)
            try:
                done = subprocess.run(
                    [
                        str(binary),
                        "--site",
                        str(site),
                        "--output-path",
                        str(bundle),
                        "--force-language",
                        "en",
                        "--silent",
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if done.returncode != 0:
                    raise SearchIndexError(
                        f"pagefind failed on shard {shard}: {done.stderr or done.stdout}"
                    )
                merge(bundle, home / str(shard))
            finally:
                shutil.rmtree(bundle, ignore_errors=True)

        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(index, shards))
        for stale in home.glob("*"):
            if stale.is_dir() and stale.name.isdigit():
                if int(stale.name) >= self.state.shards:
                    shutil.rmtree(stale)
        manifest = {"shards": [str(i) for i in range(self.state.shards)]}
        data = (json.dumps(manifest) + "\n").encode()
        target = home / "shards.json"
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)
        self.dirty.clear()
        return shards


def merge(source: Path, target: Path) -> None:
    """Make ``target`` hold ``source``'s files: move in what differs, delete what is gone."""
    wanted: set[Path] = set()
    for file in source.rglob("*"):
        if not file.is_file() or file.name in UNUSED:
            continue
        rel = file.relative_to(source)
        wanted.add(rel)
        dest = target / rel
        named_by_content = rel.parts[0] in ("fragment", "index", "filter") or (
            file.suffix == ".pf_meta"
        )
        if dest.exists() and (
            named_by_content or filecmp.cmp(file, dest, shallow=False)
        ):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(file, dest)
    if target.exists():
        for file in target.rglob("*"):
            if file.is_file() and file.relative_to(target) not in wanted:
                file.unlink()


def remove_all(out: Path) -> None:
    shutil.rmtree(out / "pagefind", ignore_errors=True)


def claim_keys(claims: Mapping[str, object]) -> Iterable[str]:
    return (f"claim/{c}/" for c in claims)
