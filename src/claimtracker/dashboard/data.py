"""The one place the dashboard reads records: a cached loader keyed on the files' fingerprint.

:func:`load_library` stats the record files (path, modification time, size) on every rerun,
which is cheap, and rebuilds only when that fingerprint changes: a saved edit shows on the
next rerun, and nothing is re-read otherwise. The cache is ``st.cache_resource`` (one shared,
read-only object for every session, not a copy per rerun); pages must not modify the frames
they get (filtering makes new frames, which is fine).

The verdict engine is optional at this layer: when it is missing or fails, the editors'
verdicts are shown and a notice says why the engine's view is absent.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from claimtracker import frames
from claimtracker.models import Claim, Study
from claimtracker.paths import CLAIMS, STUDIES, data_root

logger = logging.getLogger("claimtracker.dashboard")


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

    def _error_files(self) -> set[str]:
        errors = self.problems[self.problems["severity"] == "error"]
        return set(errors["path"])

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
        return self.claim_table[self.claim_table["status"] == "published"]

    def claim_row(self, claim_id: str) -> pd.Series:
        """The claim's row of ``claim_table`` (KeyError when there is none)."""
        rows = self.claim_table[self.claim_table["id"] == claim_id]
        if rows.empty:
            raise KeyError(claim_id)
        return rows.iloc[0]

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


def build_library(root: Path, fingerprint: str = "") -> Library:
    """Load, validate and assess the records under ``root`` and build the frames (no Streamlit)."""
    from claimtracker.store import load_corpus

    corpus = load_corpus(root)
    notices: list[str] = []
    assessments: dict[str, Any] = {}
    try:
        from claimtracker.grading import assess_corpus

        assessments = dict(assess_corpus(corpus))
    except Exception:
        logger.exception("the verdict engine failed; showing editorial verdicts only")
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
        evidence_map=frames.evidence_map_frame(evidence, published),
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
    """A loaded record's file as problems name it: relative to the root, forward slashes."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


@st.cache_resource(max_entries=2, show_spinner="Reading the records…")
def _cached_library(root: str, fingerprint: str) -> Library:
    return build_library(Path(root), fingerprint)


def load_library() -> Library:
    """The records under ``data_root()``, rebuilt only when a record file changed."""
    root = data_root()
    return _cached_library(str(root), fingerprint(root))


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
