"""The one place the dashboard reads records: a cached loader keyed on the files' fingerprint.

:func:`load_library` rebuilds only when the record files' fingerprint (every file's name,
modification time and size) changes; nothing is re-read otherwise. Working that out must be
cheap on every rerun, even with tens of thousands of files, so:

- within one page run the library is looked up once (the page guard opens a per-run memo);
- a rerun first compares the two folders' own modification times: any file added, removed
  or saved by renaming over the old one (the app's saves, git) changes them, and the full
  fingerprint is taken at once;
- otherwise the full fingerprint is retaken at most every ``SWEEP_SECONDS``, which catches a
  file edited in place (most text editors) within that time.

The cache is ``st.cache_resource``: one shared, read-only object for every session, not a
copy per rerun. Pages must not modify the frames they get (filtering makes new frames), and
may keep things derived from the library (figures, groupings) with :meth:`Library.memo`.

The verdict engine is optional at this layer: when it is missing or fails, the editors'
verdicts are shown and a notice says why the engine's view is absent.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from claimtracker import chartframes, frames
from claimtracker.config import Config, load_config
from claimtracker.models import Claim, Study
from claimtracker.paths import CLAIMS, STUDIES, find_root
from claimtracker.problems import ClaimtrackerError
from claimtracker.summaries import SummaryMemo

logger = logging.getLogger("claimtracker.dashboard")
T = TypeVar("T")

#: Longest time a file edited in place (not renamed over) can go unnoticed.
SWEEP_SECONDS = 1.0
#: Per-record things (a claim's forest plots) kept by :meth:`Library.memo_recent`.
RECENT = 256
_recent_lock = threading.Lock()


@dataclass(frozen=True)
class Library:
    """Everything the pages show, built once per change of the record files."""

    root: Path
    fingerprint: str
    claims: Mapping[str, Claim]
    studies: Mapping[str, Study]
    assessments: Mapping[str, Any]
    claim_table: pd.DataFrame
    study_table: pd.DataFrame
    evidence: pd.DataFrame
    evidence_map: pd.DataFrame
    problems: pd.DataFrame
    loaded: frozenset[str] = frozenset()
    notices: tuple[str, ...] = ()
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _recent: OrderedDict[str, Any] = field(
        default_factory=OrderedDict, repr=False, compare=False
    )

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` once per library (per change of the records), then the kept result.

        For things every rerun would otherwise rebuild: figures, groupings, sorted tables.
        The result is shared by every session, so treat it as read-only.
        """
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[no-any-return]

    def memo_recent(self, key: str, build: Callable[[], T]) -> T:
        """Like :meth:`memo` for one record's things (a claim's plots): the last ``RECENT`` kept."""
        with _recent_lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]  # type: ignore[no-any-return]
        value = build()
        with _recent_lock:
            self._recent[key] = value
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return value

    def _error_files(self) -> set[str]:
        def build() -> set[str]:
            return set(self.problems.loc[self.problems["severity"] == "error", "path"])

        return self.memo("error-files", build)

    @property
    def failed(self) -> int:
        """Record files that failed validation and are left out of every other page."""
        return len(self._error_files() - self.loaded)

    @property
    def flawed(self) -> int:
        """Record files that loaded but have errors across records (a link to a missing study)."""
        return len(self._error_files() & self.loaded)

    @property
    def published_claims(self) -> pd.DataFrame:
        """Claims a reader sees in lists: published ones (drafts and withdrawn are by link only)."""
        return self.memo(
            "published-claims",
            lambda: self.claim_table[self.claim_table["status"] == "published"],
        )

    def claim_row(self, claim_id: str) -> pd.Series:
        """The claim's row of ``claim_table`` (KeyError when there is none)."""
        by_id = self.memo(
            "claims-by-id", lambda: self.claim_table.set_index("id", drop=False)
        )
        row = by_id.loc[claim_id]
        if not isinstance(row, pd.Series):
            raise KeyError(claim_id)
        return row

    def assessment(self, claim_id: str) -> Any:
        return self.assessments.get(claim_id)

    def pooled(self, claim_id: str) -> list[Any]:
        return list(getattr(self.assessments.get(claim_id), "pooled", None) or [])


def fingerprint(root: Path) -> str:
    """A digest of every record file's name, modification time and size."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in (CLAIMS, STUDIES):
        try:
            with os.scandir(root / folder) as found:
                entries = sorted(
                    (
                        e
                        for e in found
                        if not e.name.startswith(".") and not e.name.endswith(".lock")
                    ),
                    key=lambda e: e.name,
                )
                for entry in entries:
                    stat = entry.stat()
                    digest.update(
                        f"{folder}/{entry.name}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode()
                    )
        except FileNotFoundError:
            digest.update(f"{folder}: missing\n".encode())
    return digest.hexdigest()


@dataclass
class _Kept:
    """What one data root's last build leaves for the next: parsed files and assessments."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    parsed: dict[str, Any] = field(default_factory=dict)
    assessed: dict[str, tuple[tuple[Any, ...], Any]] = field(default_factory=dict)
    engine: Any = None
    summaries: SummaryMemo = field(default_factory=SummaryMemo)


@dataclass(frozen=True)
class _Records:
    claims: Mapping[str, Claim]
    studies: Mapping[str, Study]


_kept: dict[str, _Kept] = {}


def assess_changed(corpus: Any, kept: _Kept) -> dict[str, Any]:
    """``assess_corpus(corpus)``, asking the engine only about claims whose record or
    linked studies are not the very objects their kept assessment was made from (the
    store's parse cache gives back the same objects for unchanged files). The engine
    assesses a claim from its record and the studies it links to, so the result equals a
    fresh assessment of the whole corpus."""
    from claimtracker import grading

    engine = grading.assess_corpus
    if kept.engine is not engine:  # another engine (reloaded, or replaced in a test)
        kept.assessed.clear()
        kept.engine = engine
    inputs: dict[str, tuple[Any, ...]] = {}
    reused: dict[str, Any] = {}
    for claim_id, claim in corpus.claims.items():
        now = (claim, *(corpus.studies.get(link.study) for link in claim.evidence))
        last = kept.assessed.get(claim_id)
        if (
            last is not None
            and len(last[0]) == len(now)
            and all(a is b for a, b in zip(last[0], now, strict=True))
        ):
            reused[claim_id] = last[1]
        else:
            inputs[claim_id] = now
    try:
        fresh = dict(
            engine(_Records({i: corpus.claims[i] for i in inputs}, corpus.studies))
            if inputs
            else {}
        )
    except Exception:
        kept.assessed.clear()
        raise
    for claim_id, assessment in fresh.items():
        if claim_id in inputs:
            kept.assessed[claim_id] = (inputs[claim_id], assessment)
    for gone in kept.assessed.keys() - corpus.claims.keys():
        del kept.assessed[gone]
    both = {**reused, **fresh}
    return {claim_id: both[claim_id] for claim_id in sorted(both)}


def parsed_records(root: Path) -> Any:
    """Every record under ``root`` read and validated, without the cross-record rules, the
    engine or the frames; the files go into the parse cache the library's build reads
    from, so they are not parsed twice."""
    from claimtracker.store import load_corpus

    kept = _kept.setdefault(str(root), _Kept())
    with kept.lock:
        return load_corpus(root, cross_checks=False, cache=kept.parsed)


def build_library(root: Path, fingerprint: str = "") -> Library:
    """Load, validate and assess the records under ``root`` and build the frames (no Streamlit).

    After the first build for a root, only changed files are parsed again and only claims
    whose record or linked studies changed are assessed again."""
    from claimtracker.store import load_corpus

    kept = _kept.setdefault(str(root), _Kept())
    with kept.lock:
        corpus = load_corpus(root, cache=kept.parsed, summary_memo=kept.summaries)
        notices: list[str] = []
        assessments: dict[str, Any] = {}
        try:
            assessments = assess_changed(corpus, kept)
        except Exception:
            logger.exception(
                "the verdict engine failed; showing editorial verdicts only"
            )
            notices.append(
                "The verdict engine could not assess the claims just now, so only the "
                "editors' verdicts are shown."
            )
    claims, studies = dict(corpus.claims), dict(corpus.studies)
    claim_table = frames.claims_frame(claims, studies, assessments)
    evidence = frames.evidence_frame(claims, studies)
    published = claim_table[claim_table["status"] == "published"]
    return Library(
        root=root,
        fingerprint=fingerprint,
        claims=claims,
        studies=studies,
        assessments=assessments,
        claim_table=claim_table,
        study_table=frames.studies_frame(studies, claims),
        evidence=evidence,
        evidence_map=chartframes.evidence_map_frame(evidence, published),
        problems=frames.problems_frame(corpus.problems),
        loaded=frozenset(
            _relative(root, key, path) for key, path in _paths(corpus).items()
        ),
        notices=tuple(notices),
    )


def _paths(corpus: Any) -> dict[str, Path]:
    paths = getattr(corpus, "paths", None)
    if paths:
        return dict(paths)
    return {
        **{f"{CLAIMS}/{i}": Path(CLAIMS, f"{i}.yaml") for i in corpus.claims},
        **{f"{STUDIES}/{i}": Path(STUDIES, f"{i}.yaml") for i in corpus.studies},
    }


def _relative(root: Path, key: str, path: Path) -> str:
    """A loaded record's file as problems name it: ``<folder>/<file name>``.

    Records sit directly in their kind's folder, so no path needs resolving (resolving
    13,000 paths took 2 s of every rebuild at 10,000 studies)."""
    return f"{key.partition('/')[0]}/{Path(path).name}"


@st.cache_resource(max_entries=2, show_spinner="Reading the records…")
def _cached_library(root: str, fingerprint: str) -> Library:
    return build_library(Path(root), fingerprint)


@dataclass
class _Sweep:
    at: float
    folders: tuple[tuple[int, int], ...]
    fingerprint: str


_sweeps: dict[str, _Sweep] = {}
_sweeps_lock = threading.Lock()
_sweeping: set[str] = set()  # roots one session is sweeping now
_this_run: ContextVar[dict[str, Library] | None] = ContextVar(
    "claimtracker_run", default=None
)


def _folders(root: Path) -> tuple[tuple[int, int], ...]:
    """The record folders' own modification time and inode (cheap: two stats)."""
    found = []
    for folder in (CLAIMS, STUDIES):
        try:
            stat = os.stat(root / folder)
            found.append((stat.st_mtime_ns, stat.st_ino))
        except FileNotFoundError:
            found.append((0, 0))
    return tuple(found)


def current_fingerprint(root: Path) -> str:
    """:func:`fingerprint`, retaken only when a folder changed or the last one is old.

    When only age calls for a new sweep, one session takes it and the others use the last
    one meanwhile: under load, every session sweeping 13,000 files at once took four
    fifths of the server's CPU at 10,000 studies (docs/performance.md)."""
    key = str(root)
    folders = _folders(root)
    now = time.monotonic()
    with _sweeps_lock:
        last = _sweeps.get(key)
        if last is not None and last.folders == folders:
            if now - last.at < SWEEP_SECONDS or key in _sweeping:
                return last.fingerprint
        _sweeping.add(key)
    try:
        sweep = _Sweep(now, folders, fingerprint(root))
    finally:
        with _sweeps_lock:
            _sweeping.discard(key)
    with _sweeps_lock:
        _sweeps[key] = sweep
    return sweep.fingerprint


@contextmanager
def one_look_per_run() -> Iterator[None]:
    """Within this block (one page run), :func:`load_library` checks the files only once."""
    token = _this_run.set({})
    try:
        yield
    finally:
        _this_run.reset(token)


def data_root() -> Path:
    """The data root the dashboard shows: ``$CLAIMTRACKER_ROOT``, else the nearest folder
    upwards from the working folder holding ``claimtracker.toml`` (or ``claims/`` and
    ``studies/``). Raises :class:`claimtracker.paths.ProjectNotFound`; the page guard
    shows that as a message saying what was looked for."""
    return find_root()


def project_config() -> Config:
    """The settings (``claimtracker.toml``) of the data root; raises ``ConfigError``."""
    return load_config(data_root())


def site_title() -> str:
    """The browser tab's title: ``[site] title``, or the default when there is no project yet."""
    try:
        return project_config().site.title
    except ClaimtrackerError:
        return Config().site.title


def load_library() -> Library:
    """The records under :func:`data_root`, rebuilt only when a record file changed."""
    root = data_root()
    memo = _this_run.get()
    key = str(root)
    if memo is not None and key in memo:
        return memo[key]
    library = _cached_library(key, current_fingerprint(root))
    if memo is not None:
        memo[key] = library
    return library


def show_problem_banner() -> None:
    """A warning on every page when records failed validation, pointing to the problems page."""
    from claimtracker.dashboard.routing import PROBLEMS, link_to

    library = load_library()
    for notice in library.notices:
        st.info(notice, icon=":material/info:")
    failed, flawed = library.failed, library.flawed
    if failed or flawed:
        parts = []
        if failed:
            parts.append(
                f"{failed} {'record' if failed == 1 else 'records'} failed validation "
                "and are left out of these pages"
            )
        if flawed:
            parts.append(
                f"{flawed} {'record has' if flawed == 1 else 'records have'} errors in "
                "links between records (those links are left out)"
            )
        st.warning(
            "; ".join(parts) + ". Run `claimtracker validate` to see why.",
            icon=":material/warning:",
        )
        link_to(PROBLEMS, "See the data problems", icon=":material/report:")
