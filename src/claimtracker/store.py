"""Record files -> models, with every problem placed at its file, line and column.

``load_corpus(root)`` reads ``studies/*.yaml`` and ``claims/*.yaml``, validates each file
against the model, runs the cross-record rules of :mod:`claimtracker.checks`, and returns
a :class:`Corpus`: the valid records plus *every* problem, sorted. It never raises for bad
data, and one bad file never stops the others. ``read_record`` and ``parse_record`` do the
same for one file (without the cross-record rules).

YAML is read strictly (STYLE.md section 4, RELIABILITY.md 3.1): safe loading only
(libyaml's C parser), duplicate keys, anchors, aliases and merge keys refused, merge-conflict
markers, non-UTF-8 text and NUL bytes refused, a 256 KB cap, and no nesting deeper than a
record can be. Scalars are then checked by the strict models, so YAML 1.1 surprises
(``no`` -> false, ``012345`` -> 5349) surface as ``invalid-type``.

Speed: a valid file costs one C parse plus one model validation. The node tree kept from
that parse is only walked (to turn pydantic's ``loc`` into a line and column) for files
that have problems; the cheap text scans (NUL, conflict markers, anchors, depth) gate the
slower event scans.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode

from claimtracker import checks, paths
from claimtracker.files import NotARegularFile, read_regular
from claimtracker.models import RECORD_KINDS, Claim, Study
from claimtracker.problems import Problem, StoreError, problem
from claimtracker.validation import field_of, mark_position, position, translate_errors

if TYPE_CHECKING:
    from claimtracker.summaries import SummaryMemo

MAX_BYTES = 256 * 1024
MAX_DEPTH = 24
"""Deeper than any record (a study is at most six levels deep). A file with enough
nesting indicators to be deep has its depth measured from the parser's events first, and
deeper YAML never reaches libyaml's composer, which overflows the C stack (it does not
raise) somewhere past 20,000 levels."""

KIND_FOLDERS: tuple[str, ...] = (paths.STUDIES, paths.CLAIMS)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?=[ \t\r]|$)", re.MULTILINE)
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s\[\]{},]")
_INDICATORS = 2000

Record = Study | Claim


class RecordResult(NamedTuple):
    """One file read: the record when it is valid (else None), and its problems."""

    record: Record | None
    problems: list[Problem]


@dataclass
class Corpus:
    """Everything under a data root: the valid records and every problem found."""

    root: Path
    claims: dict[str, Claim] = field(default_factory=dict)
    studies: dict[str, Study] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)
    """``"claims/<id>"`` / ``"studies/<id>"`` -> file, for the valid records."""
    files: list[str] = field(default_factory=list)
    """Every record file checked, valid or not, relative to the root (``studies/x.yaml``)."""

    @property
    def files_checked(self) -> int:
        return len(self.files)


# --------------------------------------------------------------------------- the YAML loader


class StrictLoader(yaml.CSafeLoader):
    """libyaml's safe loader that records duplicate keys and refuses merge keys.

    Duplicates are looked for only when a mapping came out shorter than its node (the
    common case costs one ``len``). Merge keys are refused by not flattening them: the
    ``<<`` key then has no constructor and fails with a ``ConstructorError`` naming the
    merge tag, which :func:`_syntax` reports as ``yaml-anchor``."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[ScalarNode, ScalarNode]] = []

    def construct_mapping(
        self, node: MappingNode, deep: bool = False
    ) -> dict[Any, Any]:
        mapping = yaml.constructor.BaseConstructor.construct_mapping(
            self, node, deep=deep
        )
        if len(mapping) != len(node.value):
            seen: dict[str, ScalarNode] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, ScalarNode):
                    first = seen.setdefault(key_node.value, key_node)
                    if first is not key_node:
                        self.duplicates.append((first, key_node))
        return mapping

    def construct_timestamp(self, node: ScalarNode) -> Any:
        """A date YAML recognises but the calendar does not (``2026-13-27``) stays text,
        so the model reports it at its field instead of the loader failing."""
        try:
            return self.construct_yaml_timestamp(node)
        except (
            ValueError,
            AttributeError,
        ):  # AttributeError: !!timestamp on other text
            return node.value


StrictLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", StrictLoader.construct_timestamp
)


def _fail(
    code: str, path: str, message: str, hint: str = "", at: tuple[int, int] = (1, 1)
) -> RecordResult:
    """The result for a file that cannot be read as a record at all (one whole-file problem)."""
    return RecordResult(None, [problem(code, path, *at, "", message, hint)])


def _line_col(text: str | bytes, offset: int) -> tuple[int, int]:
    newline = "\n" if isinstance(text, str) else b"\n"
    line = text.count(newline, 0, offset) + 1  # type: ignore[arg-type]
    return line, offset - (text.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]


def _may_be_hostile(text: str) -> bool:
    """Whether the text may hold an anchor, an alias or deep nesting; if so, the parser's
    events are scanned before loading.

    Nesting needs an indicator per level (``[``, ``{``, ``-``, ``?``) or more indentation;
    below :data:`_INDICATORS` indicators and within the size cap, libyaml stays far from
    the depth (about 20,000) where it overflows. The counts cost about a microsecond."""
    if ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text):
        return True
    count = text.count
    return count("[") + count("{") + count("-") + count("?") > _INDICATORS


def _scan_events(text: str, path: str) -> list[Problem]:
    """Anchors, aliases and excessive depth, found from the parser's events."""
    found: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        at = mark_position(event.start_mark)
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            what = "alias '*" if isinstance(event, yaml.AliasEvent) else "anchor '&"
            msg = f"{what}{event.anchor}' is not allowed in a record"
            found.append(
                problem(
                    "yaml-anchor", path, *at, "", msg, "write the value out in full"
                )
            )
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                msg, hint = (
                    f"nested more than {MAX_DEPTH} levels deep",
                    "check the brackets and the indentation",
                )
                return [*found, problem("too-deep", path, *at, "", msg, hint)]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return found


def _syntax(error: yaml.MarkedYAMLError, path: str) -> Problem:
    at = mark_position(error.problem_mark or error.context_mark)
    message, hint = error.problem or error.context or "not valid YAML", ""
    if _MERGE_TAG in message:
        msg = "merge key '<<' is not allowed in a record"
        return problem(
            "yaml-anchor", path, *at, "", msg, "write the merged keys out in full"
        )
    if error.context and error.problem and error.context_mark is not None:
        message = f"{message} ({error.context} at line {error.context_mark.line + 1})"
    if "could not determine a constructor" in message:
        hint = "tags (!!python/..., !custom) are not allowed; write a plain value"
    elif "tab" in message:
        hint = "indent with spaces, not tabs"
    return problem("yaml-syntax", path, *at, "", message, hint)


def _text(data: str | bytes, path: str) -> str | RecordResult:
    """The file's text, or the reason it is not UTF-8 YAML text."""
    if isinstance(data, bytes):
        if b"\x00" in data:
            hint = "a record is plain text: restore it from git, or save it again as UTF-8 text"
            return _fail(
                "nul-byte",
                path,
                "the file contains a NUL byte",
                hint,
                _line_col(data, data.index(b"\x00")),
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            msg = f"byte 0x{data[e.start]:02X} is not valid UTF-8"
            return _fail(
                "encoding",
                path,
                msg,
                "save the file with UTF-8 encoding",
                _line_col(data, e.start),
            )
    elif "\x00" in data:
        return _fail(
            "nul-byte",
            path,
            "the text contains a NUL character",
            "",
            _line_col(data, data.index("\x00")),
        )
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if ("<<<<<<<" in text or ">>>>>>>" in text) and (m := _CONFLICT.search(text)):
        msg = f"unresolved merge-conflict marker '{m.group(1)}'"
        hint = "keep one version of the conflicting lines and delete the marker lines"
        return _fail("merge-conflict", path, msg, hint, _line_col(text, m.start()))
    return text


def parse_record(data: str | bytes, path: str) -> RecordResult:
    """Validate one record's text (bytes as read from disk, or text from an editor).

    ``path`` is the file's name under the data root (``studies/doe-2015.yaml``): its
    folder gives the kind and its name the expected id. Raises :class:`StoreError` only
    when that folder is not ``claims`` or ``studies``."""
    folder, _, name = path.rpartition("/")
    model = RECORD_KINDS.get(folder.rpartition("/")[2])
    if model is None:
        raise StoreError(f"{path}: a record must be in claims/ or studies/")
    text = _text(data, path)
    if isinstance(text, RecordResult):
        return text
    if _may_be_hostile(text):
        try:
            found = _scan_events(text, path)
        except yaml.MarkedYAMLError as e:
            found = [_syntax(e, path)]
        if found:
            return RecordResult(None, found)
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        content = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        return RecordResult(None, [_syntax(e, path)])
    except RecursionError:
        return _fail("too-deep", path, "the YAML is nested too deeply to read")
    # A tagged value PyYAML cannot build (!!int abc, !!float x) raises a plain error.
    except Exception as e:
        hint = "remove the !!tag and write a plain value"
        return _fail("yaml-syntax", path, f"a value cannot be read: {e}", hint)
    finally:
        loader.dispose()
    if not isinstance(content, dict) or node is None:
        what = (
            "empty"
            if content is None
            else f"a {type(content).__name__}, not a mapping of fields"
        )
        hint = (
            f"start from `claimtracker new {'study' if model is Study else 'claim'} ID`"
        )
        return _fail(
            "not-a-mapping",
            path,
            f"the file is {what}",
            hint,
            mark_position(node and node.start_mark),
        )
    return _validate(
        content, node, loader.duplicates, path, name.removesuffix(".yaml"), model
    )


def _validate(
    content: dict[str, Any],
    root: Node,
    duplicates: list[tuple[ScalarNode, ScalarNode]],
    path: str,
    stem: str,
    model: type[Study] | type[Claim],
) -> RecordResult:
    record: Record | None = None
    problems: list[Problem] = []
    try:
        record = model.model_validate(content)
    except ValidationError as e:
        problems += translate_errors(e.errors(), root, path, model)
    record_id = content.get("id")
    if isinstance(record_id, str) and record_id != stem:
        msg = f"id '{record_id}' does not match the file name '{stem}.yaml'"
        hint = f"ids never change once published: if this record is new, rename the file to {record_id}.yaml; otherwise set id: {stem}"
        problems.append(
            problem("id-mismatch", path, *position(root, ("id",)), "id", msg, hint)
        )
    for first, second in duplicates:
        msg = f"duplicate key '{second.value}' (first at line {first.start_mark.line + 1})"
        hint = "keep one of them: YAML would silently use the last one"
        at = mark_position(second.start_mark)
        problems.append(
            problem("duplicate-key", path, *at, field_of(root, second), msg, hint)
        )
    problems.sort(key=lambda p: p.sort_key)
    return RecordResult(None if problems else record, problems)


# --------------------------------------------------------------------------- files


def read_record(file: Path, root: Path | None = None) -> RecordResult:
    """Read and validate one record file (``root`` defaults to the folder above its kind).

    Raises :class:`StoreError` only when the file does not exist."""
    file = Path(file)
    if not os.path.lexists(file):
        raise StoreError(f"no such file: {file}")
    root = root if root is not None else file.absolute().parent.parent
    try:
        rel = file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        rel = f"{file.absolute().parent.name}/{file.name}"
    return _read(os.fspath(file), rel)


def _read(file: str, rel: str) -> RecordResult:
    if os.path.islink(file):
        msg = f"the file is a symbolic link to '{os.readlink(file)}'"
        return _fail(
            "symlink", rel, msg, "replace the link with the record file itself"
        )
    try:
        data = read_regular(file, MAX_BYTES + 1)
    except NotARegularFile as e:
        return _fail(
            "unreadable",
            rel,
            f"the file cannot be read: {e.strerror}",
            "records are regular files: remove it, or put the record file in its place",
        )
    except OSError as e:
        return _fail(
            "unreadable",
            rel,
            f"the file cannot be read: {e.strerror}",
            "check its permissions",
        )
    if len(data) > MAX_BYTES:
        msg = f"the file is larger than {MAX_BYTES // 1024} KB"
        return _fail("file-too-large", rel, msg, "a record is a few KB: shorten it")
    return parse_record(data, rel)


def record_files(root: Path, folder: str) -> Iterator[tuple[str, str]]:
    """(file system path, name under root) of each entry in ``root/folder`` worth looking at:
    not hidden, not a directory (symlinks included, so they can be refused)."""
    try:
        with os.scandir(root / folder) as entries:
            found = sorted(
                (e.name, e.path, e.is_dir(follow_symlinks=False)) for e in entries
            )
    except (FileNotFoundError, NotADirectoryError):
        return
    for name, fs_path, is_dir in found:
        if not is_dir and not name.startswith("."):
            yield fs_path, f"{folder}/{name}"


ParseCache = dict[str, tuple[tuple[int, int, int, int], RecordResult]]
"""What :func:`load_corpus` keeps between loads: each file's identity (inode, size,
modification and change time) and what reading it gave."""


def _read_cached(fs_path: str, rel: str, cache: ParseCache) -> RecordResult:
    """:func:`_read`, or the kept result when the file is the one read last time."""
    try:
        stat = os.lstat(fs_path)
    except OSError:
        return _read(fs_path, rel)
    key = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    kept = cache.get(rel)
    if kept is not None and kept[0] == key:
        return kept[1]
    result = _read(fs_path, rel)
    cache[rel] = (key, result)
    return result


def load_corpus(
    root: Path,
    *,
    cross_checks: bool = True,
    cache: ParseCache | None = None,
    summary_memo: SummaryMemo | None = None,
) -> Corpus:
    """Load and validate every record under ``root``; the problems include the
    cross-record rules of :mod:`claimtracker.checks` unless ``cross_checks`` is False.

    With a ``cache`` (an empty dict the first time, the same dict after), only the files
    that changed since the last load are read again: the others give back the very same
    record objects, and the cross-record rules run over the whole corpus as always. At
    10,000 studies a reload after one edit costs a stat per file instead of a parse. With a
    ``summary_memo`` too (kept with the cache), the summary rule reads again only the claims
    whose records changed.

    Raises :class:`StoreError` only when ``root`` is not a folder."""
    root = Path(root)
    if not root.is_dir():
        raise StoreError(f"no data folder at {root}")
    corpus = Corpus(root=root)
    for folder in KIND_FOLDERS:
        for fs_path, rel in record_files(root, folder):
            if not rel.endswith(".yaml"):
                if rel.lower().endswith((".yml", ".yaml", ".json")):
                    msg, hint = (
                        "not loaded: record files end in .yaml",
                        "rename it if it is a record, otherwise move it away",
                    )
                    corpus.problems.append(
                        problem("stray-file", rel, 1, 1, "", msg, hint)
                    )
                continue
            corpus.files.append(rel)
            if cache is None:
                record, found = _read(fs_path, rel)
            else:
                record, found = _read_cached(fs_path, rel, cache)
            corpus.problems += found
            if isinstance(record, Study):
                corpus.studies[record.id] = record
            elif isinstance(record, Claim):
                corpus.claims[record.id] = record
            if record is not None:
                corpus.paths[f"{folder}/{record.id}"] = Path(fs_path)
    if cache is not None:
        for gone in cache.keys() - set(corpus.files):
            del cache[gone]
    if cross_checks:
        corpus.problems += checks.check_corpus(corpus, summary_memo)
    corpus.problems.sort(key=lambda p: p.sort_key)
    return corpus


def validate(root: Path) -> Corpus:
    """Everything ``claimtracker validate`` reports: :func:`load_corpus`, plus a
    ``verdict-drift`` warning wherever a published verdict differs from the engine's
    assessment, and the problems of the reader files at the root (``questions.yaml``,
    ``synonyms.yaml``, ``glossary.yaml``). The engine is imported here only, so plain
    loading stays free of it."""
    from claimtracker.datafiles import reader_file_problems
    from claimtracker.drift import drift_problems

    corpus = load_corpus(root)
    found = [*drift_problems(corpus), *reader_file_problems(root, corpus.claims)]
    corpus.problems = sorted([*corpus.problems, *found], key=lambda p: p.sort_key)
    return corpus
