"""A project's settings: ``claimtracker.toml`` at the data root.

Everything that differs from one evidence base to another and is not a record lives here:
what the site is called and what it is about, who publishes the fact checks and where the
claim pages are, and where the audit log goes. Every key is optional; a data root without
the file (only ``claims/`` and ``studies/``) gets the defaults below::

    [site]
    title = "Compression claims and the evidence"
    topic = "compression socks and sleeves"
    base_url = "https://facts.example.org/claims"   # claim pages: {base_url}/?claim={id}

    [publisher]
    name = "Example Desk"                            # publishes the ClaimReviews
    url = "https://example.org"

    [audit]
    log = ".claimtracker/audit.jsonl"                # relative to the data root

A file that is not TOML, a misspelt key or a wrong value raises :class:`ConfigError` whose
message starts with ``path:line:``, like the record problems. Environment variables and
command-line options that set the same things (``CLAIMTRACKER_BASE_URL``,
``claimtracker export --base-url``) override the file; see :func:`claimtracker.exports.
Publisher.from_config`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from claimtracker.paths import CONFIG_FILE
from claimtracker.problems import ConfigError

__all__ = [
    "AuditSettings",
    "Config",
    "ConfigError",
    "PublisherSettings",
    "SiteSettings",
    "config_text",
    "load_config",
]

_URL = re.compile(r"https?://[^\s<>\"]+")


def _http_url(value: str) -> str:
    if not _URL.fullmatch(value):
        raise ValueError(f"must be an http(s) URL, got '{value}'")
    return value


def _inside_root(value: str) -> str:
    path = PurePosixPath(value.replace("\\", "/"))
    if not value.strip() or path.is_absolute() or ".." in path.parts:
        raise ValueError(
            f"must be a path inside the data root, relative to it, got '{value}'"
        )
    return path.as_posix()


HttpUrl = Annotated[str, AfterValidator(_http_url)]
RelativePath = Annotated[str, AfterValidator(_inside_root)]
Text = Annotated[str, Field(min_length=1, max_length=200)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SiteSettings(_Section):
    """``[site]``: the dashboard and published pages."""

    title: Text = Field(
        "claimtracker", description="The site's name (browser tab, page headers)."
    )
    topic: Text = Field(
        "health and fitness claims",
        description="What the claims are about, as it reads after 'claims about'.",
    )
    base_url: HttpUrl = Field(
        "http://localhost:8501",
        description="Where the claim pages live: {base_url}/?claim={id} (ClaimReview url).",
    )


class PublisherSettings(_Section):
    """``[publisher]``: who publishes the verdicts (ClaimReview ``author``)."""

    name: Text = Field("claimtracker", description="The publishing organisation.")
    url: HttpUrl | None = Field(None, description="The publisher's home page.")


class AuditSettings(_Section):
    """``[audit]``: the append-only log of every saved change."""

    log: RelativePath = Field(
        ".claimtracker/audit.jsonl",
        description="The audit log's path, relative to the data root.",
    )


class Config(_Section):
    """The settings of one data root (every section has defaults)."""

    site: SiteSettings = SiteSettings()
    publisher: PublisherSettings = PublisherSettings()
    audit: AuditSettings = AuditSettings()


# --------------------------------------------------------------------------- reading

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_cache: dict[Path, tuple[tuple[int, int], Config]] = {}


def _key_pattern(key: str) -> str:
    return rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"


def _line_of(text: str, loc: tuple[str | int, ...]) -> int:
    """The 1-based line of the key at ``loc`` (``("site", "base_url")``), or of the nearest
    enclosing table; 1 when neither is written out."""
    names = [str(part) for part in loc]
    table = ""
    best = 1
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = re.sub(r"\s*\.\s*", ".", header.group(1)).replace('"', "")
            if names and table == names[0]:
                best = number
            continue
        for depth in range(len(names), 0, -1):
            prefix, key = names[: depth - 1], names[depth - 1]
            dotted = r"\s*\.\s*".join(_key_pattern(p) for p in [*prefix, key])
            in_table = table.split(".") if table else []
            if (not table and re.match(rf"^\s*{dotted}\s*=", line)) or (
                in_table == prefix and re.match(rf"^\s*{_key_pattern(key)}\s*=", line)
            ):
                if depth == len(names):
                    return number
                best = number
                break
    return best


def _did_you_mean(loc: tuple[str | int, ...]) -> str:
    model: type[BaseModel] = Config
    for part in loc[:-1]:
        annotation = model.model_fields[str(part)].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return ""
        model = annotation
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _problem_text(error: Any, text: str, shown: str) -> str:
    loc = tuple(error["loc"])
    field = ".".join(str(p) for p in loc)
    if error["type"] == "extra_forbidden":
        message = (
            f"not a setting{_did_you_mean(loc)} (every setting: docs/configuration.md)"
        )
    elif error["type"] == "value_error":
        message = str(error["ctx"]["error"])
    else:
        message = f"{error['msg'][0].lower()}{error['msg'][1:]}, got {error['input']!r}"
    return f"{shown}:{_line_of(text, loc)}: {field}: {message}"


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def config_text(text: str, path: Path) -> Config:
    """The settings in ``text`` (the contents of ``path``); raises :class:`ConfigError`
    with every wrong setting, one ``path:line: field: message`` line each."""
    shown = _shown(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = where.group(1) if where else "1"
        reason = re.sub(
            r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", str(exc)
        )
        raise ConfigError(
            f"{shown}:{line}: not valid TOML: {reason[0].lower()}{reason[1:]}"
        ) from None
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            "\n".join(_problem_text(e, text, shown) for e in exc.errors())
        ) from None


def load_config(root: Path) -> Config:
    """The settings of the data root ``root``: its ``claimtracker.toml``, or the defaults
    when it has none. Re-read only when the file changes. Raises :class:`ConfigError`."""
    path = Path(root) / CONFIG_FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"{_shown(path)}:1: cannot read it: {exc.strerror}") from exc
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{_shown(path)}:1: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from exc
    except OSError as exc:
        raise ConfigError(f"{_shown(path)}:1: cannot read it: {exc.strerror}") from exc
    config = config_text(text, path)
    _cache[path] = (key, config)
    return config
