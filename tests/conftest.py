"""Shared fixtures: a small, valid data root in a temporary folder, and a way to add files to it.

- ``corpus_dir``: a fresh copy of ``tests/data/valid`` (``claims/`` and ``studies/``, 5 of
  each, all valid, no warnings) in ``tmp_path``. Change it freely.
- ``write_record(rel, content)``: write ``content`` to ``corpus_dir / rel`` and return the
  path. ``content`` is YAML text (dedented, so triple-quoted blocks may be indented), bytes
  (written as they are), or a mapping (dumped as YAML in key order).
- ``flatten(problems)``: ``(path, line, code)`` tuples, for asserting on structure rather
  than wording.

Test data is found relative to this file, never the working directory.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimtracker.problems import Problem

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"

WriteRecord = Callable[[str, "str | bytes | Mapping[str, Any]"], Path]


def flatten(problems: Iterable[Problem]) -> list[tuple[str, int, str]]:
    """``(path, line, code)`` for each problem, in order."""
    return [(p.path, p.line, p.code) for p in problems]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A copy of tests/data/valid: a data root with claims/ and studies/."""
    root = tmp_path / "repo"
    shutil.copytree(VALID, root)
    return root


@pytest.fixture
def write_record(corpus_dir: Path) -> WriteRecord:
    """Write a file under ``corpus_dir``: ``write_record("studies/doe-2016.yaml", text)``."""

    def write(rel: str, content: str | bytes | Mapping[str, Any]) -> Path:
        target = corpus_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        else:
            target.write_text(
                yaml.safe_dump(dict(content), sort_keys=False, allow_unicode=True),
                encoding="utf-8",
            )
        return target

    return write
