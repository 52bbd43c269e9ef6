"""The records the site shows, read all at once (a full build) or a few at a time.

A record is known by its key, ``claims/<id>`` or ``studies/<id>``: the file
``claims/<id>.yaml`` holding the record whose ``id`` is that name. A file whose record
fails validation, or names another id, is left out of the site (``claimtracker validate``
says why); the build reports it and carries on with the rest. Rules across records
(unknown studies, duplicate DOIs) never change what a page shows, so they are reported by a
full build and by ``claimtracker validate``, and an incremental build does not re-run them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtracker.models import Claim, Study
from claimtracker.paths import CLAIMS, STUDIES
from claimtracker.problems import Problem, Severity
from claimtracker.store import load_corpus, read_record

StatKey = tuple[int, int, int, int]
FOLDERS = (CLAIMS, STUDIES)


@dataclass
class Records:
    """Valid records by id, the engine's assessments, and the problems found reading them."""

    claims: dict[str, Claim] = field(default_factory=dict)
    studies: dict[str, Study] = field(default_factory=dict)
    assessments: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def key_of(rel: str) -> tuple[str, str] | None:
    """``("claims", "x")`` for ``claims/x.yaml``; None for any other file."""
    folder, _, name = rel.partition("/")
    if folder not in FOLDERS or "/" in name or not name.endswith(".yaml"):
        return None
    return folder, name.removesuffix(".yaml")


def scan(root: Path) -> dict[str, StatKey]:
    """Every record file under ``root`` (``claims/x.yaml`` ...) and its identity on disk."""
    found: dict[str, StatKey] = {}
    for folder in FOLDERS:
        try:
            with os.scandir(root / folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name.startswith(".") or not name.endswith(".yaml"):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        continue
                    st = entry.stat(follow_symlinks=False)
                    found[f"{folder}/{name}"] = (
                        st.st_ino,
                        st.st_size,
                        st.st_mtime_ns,
                        st.st_ctime_ns,
                    )
        except FileNotFoundError:
            continue
    return found


def digest(path: Path) -> str:
    """The content hash of a file (missing: the empty string)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


def load_all(root: Path) -> Records:
    """Every valid record under ``root``, the engine's assessment of every claim, every problem."""
    from claimtracker import grading

    corpus = load_corpus(root)
    records = Records(problems=list(corpus.problems))
    for key, path in corpus.paths.items():
        folder, _, record_id = key.partition("/")
        if Path(path).stem != record_id:
            continue  # the id differs from the file name: an error validate reports
        if folder == CLAIMS:
            records.claims[record_id] = corpus.claims[record_id]
        else:
            records.studies[record_id] = corpus.studies[record_id]
    records.assessments = dict(grading.assess_corpus(records))
    return records


def read_some(
    root: Path, keys: Iterable[tuple[str, str]], into: Records | None = None
) -> Records:
    """The records with these keys (files that are missing or fail validation are left out)."""
    records = into or Records()
    for folder, record_id in keys:
        target: Mapping[str, Any] = (
            records.claims if folder == CLAIMS else records.studies
        )
        if record_id in target:
            continue
        path = root / folder / f"{record_id}.yaml"
        if not path.is_file():
            continue
        record, problems = read_record(path, root)
        records.problems += problems
        if isinstance(record, Claim) and folder == CLAIMS and record.id == record_id:
            records.claims[record_id] = record
        elif isinstance(record, Study) and folder == STUDIES and record.id == record_id:
            records.studies[record_id] = record
    return records


def assess(claims: Mapping[str, Claim], studies: Mapping[str, Study]) -> dict[str, Any]:
    """The engine's assessments of some claims (it reads only each claim and its studies)."""
    from claimtracker import grading

    return dict(grading.assess_corpus(Records(dict(claims), dict(studies))))
