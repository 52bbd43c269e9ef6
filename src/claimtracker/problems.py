"""Problems found in the data, the catalogue of their codes, and the package's exceptions.

A :class:`Problem` is one thing wrong with one file, at one line and column, with a stable
code from :data:`CATALOGUE`. Loading and checking *yield* problems and never raise for bad
data; the CLI and the dashboard decide what to do with them.

Exceptions are for callers who asked for something that cannot be done (a folder that is
not there, a record that already exists). They share one root::

    ClaimtrackerError             root of everything the package raises on purpose
     ├── StoreError               the data folder cannot be used as asked
     │    ├── RecordExistsError   refusing to overwrite an existing record file
     │    ├── ProjectNotFound     no data root from the working folder upwards (paths.find_root)
     │    └── ConfigError         ``claimtracker.toml`` cannot be read (config.load_config)
     └── RecordError              a record is invalid; ``.problems`` says why
          └── InvalidIdError      an id is not an allowed record id

``docs/errors.md`` is generated from the catalogue (``claimtracker schema``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

# --------------------------------------------------------------------------- exceptions


class ClaimtrackerError(Exception):
    """Root of every exception the package raises on purpose."""


class StoreError(ClaimtrackerError):
    """The data folder cannot be used as asked (missing, not a folder, outside the root)."""


class RecordExistsError(StoreError):
    """A record file already exists and will not be overwritten."""


class ProjectNotFound(StoreError):
    """No data root: no ``claimtracker.toml`` (nor ``claims/`` with ``studies/``) from the
    starting folder upwards, or ``CLAIMTRACKER_ROOT`` / ``--root`` names no folder."""


class ConfigError(StoreError):
    """``claimtracker.toml`` is not valid TOML or holds a wrong setting; the message starts
    with ``path:line:``."""


class RecordError(ClaimtrackerError):
    """A record is invalid; ``problems`` lists why."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: list[Problem] = list(problems)


class InvalidIdError(RecordError):
    """A record id does not match the allowed pattern."""


# --------------------------------------------------------------------------- problems


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file.

    ``path`` is relative to the data root with forward slashes; ``line`` and ``column`` are
    1-based; ``field`` is a dotted path with ``[i]`` for list items (empty for the whole
    file); ``message`` starts in lower case and has no full stop; ``hint`` is a next step
    or empty.
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    field: str
    message: str
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.field)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (``severity`` as its string)."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def problem(
    code: str,
    path: str,
    line: int,
    column: int,
    field: str,
    message: str,
    hint: str = "",
    severity: Severity | None = None,
) -> Problem:
    """A problem with the catalogue's default severity for ``code`` (KeyError if unknown)."""
    entry = CATALOGUE[code]
    return Problem(
        path, line, column, severity or entry.severity, code, field, message, hint
    )


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True, slots=True)
class Code:
    """A catalogue entry: a stable code, a title, what it means, and how serious it is."""

    code: str
    title: str
    description: str
    severity: Severity = Severity.ERROR


W = Severity.WARNING

_CODES: tuple[Code, ...] = (
    # -- the file itself
    Code(
        "encoding", "Not UTF-8", "The file is not valid UTF-8 text. Save it as UTF-8."
    ),
    Code(
        "nul-byte",
        "NUL byte",
        "The file contains a NUL byte, so it is binary or damaged, not YAML text.",
    ),
    Code(
        "file-too-large",
        "File too large",
        "The file is larger than the 256 KB a record may be.",
    ),
    Code(
        "unreadable",
        "Unreadable file",
        "The file cannot be opened or read (permissions, or it vanished while loading).",
    ),
    Code(
        "symlink",
        "Symbolic link",
        "Record files must be regular files; symbolic links are refused.",
    ),
    Code(
        "stray-file",
        "Not a record file",
        "A file in claims/ or studies/ looks like a record but does not end in .yaml, so it is not loaded.",
        W,
    ),
    Code(
        "merge-conflict",
        "Merge conflict",
        "The file still holds git merge-conflict markers (<<<<<<<, =======, >>>>>>>).",
    ),
    # -- YAML
    Code(
        "yaml-syntax",
        "YAML syntax error",
        "The file is not valid YAML, or uses a tag that is not allowed. The position is the parser's.",
    ),
    Code(
        "duplicate-key",
        "Duplicate key",
        "A key appears twice in the same mapping. YAML would silently keep only the last value.",
    ),
    Code(
        "yaml-anchor",
        "YAML anchor or alias",
        "Anchors (&name), aliases (*name) and merge keys (<<) are not allowed in records: write each value out.",
    ),
    Code(
        "too-deep",
        "Nested too deeply",
        "The YAML is nested far deeper than any record can be.",
    ),
    Code(
        "not-a-mapping",
        "Not a mapping",
        "The file must hold one mapping of field names to values (it is empty, a list or a single value).",
    ),
    # -- one record
    Code(
        "unknown-field",
        "Unknown field",
        "A key that the record model does not have (often a misspelling).",
    ),
    Code("missing-field", "Missing field", "A required field is absent."),
    Code(
        "invalid-value",
        "Invalid value",
        "The value is of the right type but not allowed: not one of the listed choices, too long, out of range, or with a forbidden character.",
    ),
    Code(
        "invalid-type",
        "Wrong type",
        "The value has the wrong type, such as text where a number is expected. YAML 1.1 reads unquoted no/yes/on/off as true/false and 012345 as an octal number: quote such values.",
    ),
    Code(
        "invalid-format",
        "Invalid format",
        "Text that does not match the required pattern (ids, outcome keys, DOIs, URLs, dates).",
    ),
    Code(
        "invalid-record",
        "Invalid record",
        "A rule within one record is broken (a published claim without a verdict, a value outside its confidence interval ...).",
    ),
    Code(
        "id-mismatch",
        "Id does not match file name",
        "The record's id must equal its file name without .yaml.",
    ),
    Code(
        "duplicate-id",
        "Duplicate id",
        "Two records of the same kind have ids that are equal after case folding and Unicode normalisation; they would collide on macOS and Windows.",
    ),
    # -- across records
    Code(
        "unknown-study",
        "Unknown study",
        "A claim's evidence (or a review's includes) names a study that is not in studies/.",
    ),
    Code(
        "unknown-outcome",
        "Unknown outcome",
        "A claim's evidence names an outcome key that the study does not have.",
    ),
    Code(
        "unknown-claim",
        "Unknown claim",
        "A reader file (questions.yaml) names a claim that is not in claims/, or one that is not published with a verdict.",
    ),
    Code(
        "duplicate-doi",
        "Duplicate DOI",
        "Two studies have the same DOI (compared without regard to case).",
    ),
    Code("orphan-study", "Study cited by no claim", "No claim links to this study.", W),
    Code(
        "no-evidence",
        "Published claim without evidence",
        "A published claim about a testable outcome links to no study.",
    ),
    Code(
        "withdrawn-cited",
        "Withdrawn study cited",
        "A claim links to a study whose status is withdrawn.",
    ),
    Code(
        "retracted-cited",
        "Retracted study cited",
        "A claim links to a retracted study and its verdict does not carry the retracted-source flag.",
        W,
    ),
    Code(
        "verdict-drift",
        "Verdict drift",
        "The published verdict differs from the engine's assessment in rating or certainty; `claimtracker explain CLAIM_ID` shows the engine's reasons. An error under --strict.",
        W,
    ),
)

#: Every problem code, by code. Codes are stable: never rename one, only add.
CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}


def catalogue_markdown() -> str:
    """``docs/errors.md``: the catalogue as a page (generated; do not edit the page by hand)."""
    lines = [
        "# Problem codes",
        "",
        "<!-- Generated from src/claimtracker/problems.py by `claimtracker schema`; do not edit. -->",
        "",
        "`claimtracker validate` reports each problem on one line:",
        "",
        "```",
        "<path>:<line>:<column>: <severity>[<code>]: <field>: <message>",
        "    hint: <what to do>",
        "```",
        "",
        "Errors make `validate` exit with 1; warnings do too under `--strict`.",
        "",
        "| code | severity | title |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| [`{c.code}`](#{c.code}) | {c.severity.value} | {c.title} |"
        for c in CATALOGUE.values()
    ]
    for c in CATALOGUE.values():
        lines += [
            "",
            f"## {c.code}",
            "",
            f"**{c.title}** ({c.severity.value}). {c.description}",
        ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- formatting


def format_problem(p: Problem) -> str:
    """``path:line:col: severity[code]: field: message``, then ``    hint: ...`` if any."""
    field = f"{p.field}: " if p.field else ""
    text = f"{p.path}:{p.line}:{p.column}: {p.severity.value}[{p.code}]: {field}{p.message}"
    return f"{text}\n    hint: {p.hint}" if p.hint else text


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


def summary_line(problems: Iterable[Problem], files_checked: int) -> str:
    """``2 files with errors, 1 with warnings (57 files checked)``; a file counts once, as its worst."""
    with_errors = {p.path for p in problems if p.severity is Severity.ERROR}
    with_warnings = {
        p.path for p in problems if p.severity is Severity.WARNING
    } - with_errors
    checked = f"({_files(files_checked)} checked)"
    if not with_errors and not with_warnings:
        return f"no problems {checked}"
    return f"{_files(len(with_errors))} with errors, {len(with_warnings)} with warnings {checked}"


def has_errors(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    """True when any problem is an error (or, with ``strict``, any problem at all)."""
    return any(strict or p.severity is Severity.ERROR for p in problems)
