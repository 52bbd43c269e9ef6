"""The reader files at the data root: ``questions.yaml``, ``synonyms.yaml``, ``glossary.yaml``.

They are small, hand-kept lists beside ``claims/`` and ``studies/`` (the questions the
overview answers, the words a search treats as the same, the terms readers get explained).
Each is read as strictly as a record (:class:`claimtracker.store.StrictLoader`: safe YAML,
duplicate keys and merge keys refused) and validated by a pydantic model, and every problem is
placed at its file, line and column, so ``claimtracker validate`` and the dashboard report a
bad reader file the way they report a bad record. A missing file is not a problem: each file
is optional and its reader falls back to what the package ships (or to nothing).

:func:`reader_file_problems` is what ``validate`` adds for them: the problems of the three
files, and question entries that name a claim that is not there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import Node

from claimtracker.models import Claim
from claimtracker.problems import Problem, problem
from claimtracker.store import MAX_BYTES, StrictLoader
from claimtracker.validation import mark_position, position, translate_errors

M = TypeVar("M", bound=BaseModel)

QUESTIONS = "questions.yaml"
SYNONYMS = "synonyms.yaml"
GLOSSARY = "glossary.yaml"
READER_FILES = (QUESTIONS, SYNONYMS, GLOSSARY)


@dataclass(frozen=True)
class DataFile(Generic[M]):
    """One reader file: its model (None when missing or invalid), problems and node tree."""

    path: str
    value: M | None
    problems: list[Problem] = field(default_factory=list)
    node: Node | None = None
    exists: bool = True

    def at(self, *loc: str | int) -> tuple[int, int]:
        """Line and column of the value at ``loc`` (1, 1 without a node tree)."""
        return position(self.node, loc) if self.node is not None else (1, 1)


def parse_data_file(text: str | bytes, path: str, model: type[M]) -> DataFile[M]:
    """Validate one reader file's text against ``model``; every problem placed at its line."""
    if isinstance(text, bytes):
        data = text
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            msg = f"byte 0x{data[e.start]:02X} is not valid UTF-8"
            at = _line_col(data, e.start)
            bad = problem("encoding", path, *at, "", msg, "save the file as UTF-8 text")
            return DataFile(path, None, [bad])
    text = text.removeprefix("\ufeff")
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        content = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        at = mark_position(e.problem_mark or e.context_mark)
        msg = e.problem or e.context or "not valid YAML"
        return DataFile(path, None, [problem("yaml-syntax", path, *at, "", msg)])
    except Exception as e:  # a tag PyYAML cannot build, nesting too deep
        hint = "write plain values, without !!tags"
        msg = f"a value cannot be read: {e}"
        return DataFile(path, None, [problem("yaml-syntax", path, 1, 1, "", msg, hint)])
    finally:
        loader.dispose()
    if not isinstance(content, dict) or node is None:
        msg = "the file is empty" if content is None else "the file is not a mapping"
        hint = f"start it with the key the example in docs/dashboard.md shows ({path})"
        at = mark_position(node.start_mark) if node is not None else (1, 1)
        return DataFile(
            path, None, [problem("not-a-mapping", path, *at, "", msg, hint)]
        )
    problems: list[Problem] = []
    for first, second in loader.duplicates:
        msg = f"duplicate key '{second.value}' (first at line {first.start_mark.line + 1})"
        at = mark_position(second.start_mark)
        problems.append(
            problem("duplicate-key", path, *at, "", msg, "keep one of them")
        )
    try:
        value: M | None = model.model_validate(content)
    except ValidationError as e:
        value = None
        problems += translate_errors(e.errors(), node, path, model)
    problems.sort(key=lambda p: p.sort_key)
    return DataFile(path, None if problems else value, problems, node)


def read_data_file(root: Path, name: str, model: type[M]) -> DataFile[M]:
    """``root/name`` read and validated; a missing file gives no value and no problem."""
    file = Path(root) / name
    if not file.is_file():
        return DataFile(name, None, exists=False)
    try:
        with open(file, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        msg = f"the file cannot be read: {e.strerror}"
        return DataFile(name, None, [problem("unreadable", name, 1, 1, "", msg)])
    if len(data) > MAX_BYTES:
        msg = f"the file is larger than {MAX_BYTES // 1024} KB"
        bad = problem("file-too-large", name, 1, 1, "", msg, "split or shorten it")
        return DataFile(name, None, [bad])
    return parse_data_file(data, name, model)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def modified(root: Path) -> tuple[int, ...]:
    """The reader files' modification times (0 when missing), for cache keys."""
    stamps = []
    for name in READER_FILES:
        try:
            stamps.append(os.stat(Path(root) / name).st_mtime_ns)
        except OSError:
            stamps.append(0)
    return tuple(stamps)


def reader_file_problems(root: Path, claims: Mapping[str, Claim]) -> list[Problem]:
    """Every problem of the three reader files, and questions naming a missing claim."""
    from claimtracker.answers import question_problems, read_questions
    from claimtracker.glossary import read_glossary
    from claimtracker.search import read_synonyms

    questions = read_questions(root)
    found = [*questions.problems, *question_problems(questions, claims)]
    found += read_synonyms(root).problems + read_glossary(root).problems
    return sorted(found, key=lambda p: p.sort_key)
