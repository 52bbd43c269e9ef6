"""Record problems and draft findings in the formats CI systems read.

- **GitHub Actions** (``--format github``): one workflow command per line,
  ``::error file=claims/x.yaml,line=3,col=12,title=unknown-study::evidence[0].study: ...``,
  which a workflow shows as annotations on the pull request's lines. Values are escaped as
  the runner expects (``%``, CR and LF in messages; ``:`` and ``,`` too in properties).
- **SARIF 2.1.0** (``--format sarif``): one ``run`` with the rules used and one result per
  problem or finding, for GitHub code scanning and other SARIF viewers. A test validates it
  against the OASIS 2.1.0 JSON schema.

Paths in both are relative to the working folder (the checkout a workflow runs in), with
forward slashes, so the annotations land on the right files even when the data root is a
subfolder of the repository; text and JSON output keep paths relative to the data root.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from claimtracker import __version__
from claimtracker.problems import CATALOGUE, Problem, Severity

if TYPE_CHECKING:
    from claimtracker.drafts import DraftReport, Finding
    from claimtracker.models import Rating

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL = "claimtracker"
ERRORS_DOC = "docs/errors.md"


def shown_path(root: Path, rel: str, cwd: Path | None = None) -> str:
    """``rel`` (relative to the data root) as a path relative to ``cwd`` (default: the
    working folder), with forward slashes; absolute when the file is not under ``cwd``."""
    target = (Path(root) / rel).resolve()
    base = (cwd or Path.cwd()).resolve()
    try:
        return target.relative_to(base).as_posix()
    except ValueError:
        return target.as_posix()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(
    level: str,
    message: str,
    *,
    file: str,
    line: int,
    col: int,
    title: str,
    end_line: int | None = None,
    end_col: int | None = None,
) -> str:
    """One workflow command: ``::error file=...,line=...,col=...,title=...::message``."""
    props = {"file": file, "line": line, "col": col}
    if end_line is not None:
        props["endLine"] = end_line
    if end_col is not None:
        props["endColumn"] = end_col
    props["title"] = title
    joined = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
    return f"::{level} {joined}::{_escape_data(message)}"


def _problem_message(p: Problem) -> str:
    text = f"{p.field}: {p.message}" if p.field else p.message
    return f"{text}\nhint: {p.hint}" if p.hint else text


def problems_github(problems: Iterable[Problem], root: Path) -> list[str]:
    """The problems as GitHub workflow commands (``::error`` / ``::warning``)."""
    return [
        github_command(
            "error" if p.severity is Severity.ERROR else "warning",
            _problem_message(p),
            file=shown_path(root, p.path),
            line=p.line,
            col=p.column,
            title=p.code,
        )
        for p in problems
    ]


def _uri(path: str) -> str:
    """A path as SARIF wants it: a relative URI reference, or a file URI when absolute."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path, safe="/")


def _location(
    path: str, line: int, column: int, end: tuple[int, int] | None = None
) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": line, "startColumn": column}
    if end is not None:
        region |= {"endLine": end[0], "endColumn": end[1]}
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path)},
            "region": region,
        }
    }


def _log(rules: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def problems_sarif(problems: Sequence[Problem], root: Path) -> dict[str, Any]:
    """A SARIF 2.1.0 log of the problems: one rule per code used, from the catalogue."""
    codes = sorted({p.code for p in problems})
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        entry = CATALOGUE[code]
        rules.append(
            {
                "id": code,
                "name": "".join(w.capitalize() for w in code.split("-")),
                "shortDescription": {"text": entry.title},
                "fullDescription": {"text": entry.description},
                "help": {
                    "text": f"{entry.description} See {ERRORS_DOC}#{code}.",
                },
                "defaultConfiguration": {"level": _level(entry.severity)},
            }
        )
    results = []
    for p in problems:
        result: dict[str, Any] = {
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": _level(p.severity),
            "message": {"text": _problem_message(p)},
            "locations": [_location(shown_path(root, p.path), p.line, p.column)],
        }
        if p.field:
            result["properties"] = {"field": p.field}
        results.append(result)
    return _log(rules, results)


# --------------------------------------------------------------------------- draft findings


def _end(text: str, finding: Finding) -> tuple[int, int]:
    """The 1-based line and column of the sentence's last character."""
    s = finding.sentence
    last = max(s.start, s.end - 1)
    line = text.count("\n", 0, last) + 1
    column = last - (text.rfind("\n", 0, last) + 1) + 1
    return line, column


def _finding_message(f: Finding) -> str:
    flags = f"; {', '.join(x.value for x in f.flags)}" if f.flags else ""
    text = (
        f'"{" ".join(f.sentence.text.split())}" makes the claim {f.claim.id}, rated '
        f"{f.rating.value} ({f.certainty.value} certainty{flags})"
    )
    if f.safe_wording:
        text += f"\nsafe wording: {f.safe_wording}"
    return text


def _rule_id(f: Finding) -> str:
    return f"claim-{f.rating.value}"


def findings_github(
    text: str, report: DraftReport, source: str, fail_on: Rating
) -> list[str]:
    """A draft's findings as workflow commands: ``::error`` for those rated ``fail_on`` or
    worse, ``::notice`` for the others."""
    from claimtracker.drafts import is_failing

    lines = []
    for f in report.findings:
        end_line, end_col = _end(text, f)
        lines.append(
            github_command(
                "error" if is_failing(f, fail_on) else "notice",
                _finding_message(f),
                file=source,
                line=f.sentence.line,
                col=f.sentence.column,
                end_line=end_line,
                end_col=end_col,
                title=f"{f.rating.value} claim: {f.claim.id}",
            )
        )
    return lines


def findings_sarif(
    drafts: Sequence[tuple[str, str, DraftReport]], fail_on: Rating
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of the findings of ``(source, text, report)`` drafts: one rule per
    rating found (``claim-unproven`` ...); level ``error`` for findings rated ``fail_on`` or
    worse, ``note`` for the others."""
    from claimtracker.drafts import is_failing
    from claimtracker.models import RATING_VALUES, Rating

    found = {f.rating for _, _, r in drafts for f in r.findings}
    ratings = sorted(found, key=lambda r: -RATING_VALUES[r])
    index = {r: i for i, r in enumerate(ratings)}
    rules = [
        {
            "id": f"claim-{r.value}",
            "name": "Claim" + "".join(w.capitalize() for w in r.value.split("-")),
            "shortDescription": {"text": f"A tracked claim rated {r.value}"},
            "fullDescription": {
                "text": f"The sentence makes a tracked claim whose published verdict is "
                f"'{r.value}' (on the scale supported > partly-supported > unproven > "
                "not-supported > contradicted). Use the safe wording, or cite the evidence."
            },
            "defaultConfiguration": {
                "level": "error"
                if RATING_VALUES[r] <= RATING_VALUES[Rating(fail_on)]
                else "note"
            },
        }
        for r in ratings
    ]
    results = []
    for source, text, report in drafts:
        for f in report.findings:
            results.append(
                {
                    "ruleId": _rule_id(f),
                    "ruleIndex": index[f.rating],
                    "level": "error" if is_failing(f, fail_on) else "note",
                    "message": {"text": _finding_message(f)},
                    "locations": [
                        _location(
                            source, f.sentence.line, f.sentence.column, _end(text, f)
                        )
                    ],
                    "properties": {
                        "claim": f.claim.id,
                        "certainty": f.certainty.value,
                        "flags": [x.value for x in f.flags],
                        "score": f.score,
                    },
                }
            )
    return _log(rules, results)


def relative_source(file: str) -> str:
    """A draft's name as a SARIF/GitHub path: relative to the working folder, forward slashes."""
    if file == "-":
        return "stdin"
    path = Path(file)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(os.path.abspath(file)).as_posix()
