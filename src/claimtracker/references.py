"""Reference-manager files and Crossref answers, read into :class:`Citation` records.

Nothing is dropped without a word. bibtexparser 2 leaves broken entries out of
``library.entries`` and only logs them, so its ``failed_blocks`` are reported one by one and
the ``@type{`` starts in the text are counted against what it returned; rispy returns nothing
for a file that starts with a byte-order mark or a record without ``ER  -``, so RIS is decoded
with ``utf-8-sig`` and parsed one ``TY  -`` record at a time. Each entry that cannot be read
becomes an :class:`Unread` with its line and the reason.

The work per BibTeX entry is bounded. LaTeX decoding grows faster than the text (a 4 MB entry
took about five minutes), so sizes are checked on the raw text first: an entry over
:data:`MAX_ENTRY_BYTES` never reaches the parser, a field a study keeps that is longer than
:data:`MAX_TITLE_CHARS` or :data:`MAX_FIELD_CHARS` (an author list over
:data:`MAX_AUTHOR_CHARS`) rejects its entry,
and only the fields a study keeps are decoded, each author name on its own (split first, at
brace level zero, so ``{Simon and Schuster}`` stays one author).
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
from bibtexparser.middlewares.names import split_multiple_persons_names
from pylatexenc import latex2text
from pylatexenc.latex2text import MacroTextSpec

from claimtracker.files import NotARegularFile, read_regular
from claimtracker.models import DOI_PATTERN
from claimtracker.problems import ClaimtrackerError

MAX_BYTES = 5 * 1024 * 1024
#: One BibTeX entry, abstract and all, is a few KB; a larger one is refused before parsing.
MAX_ENTRY_BYTES = 64 * 1024
#: The longest title read (raw LaTeX, before decoding), and the longest journal, volume,
#: pages, DOI ... (a study keeps at most 300 characters of those).
MAX_TITLE_CHARS = 2000
MAX_FIELD_CHARS = 1000
#: The longest author list read (raw), about 400 names.
MAX_AUTHOR_CHARS = 16000
#: The fields a study keeps, the only ones decoded.
_KEPT_FIELDS = (
    "title", "journal", "booktitle", "year", "volume", "number", "issue", "pages",
    "doi", "pmid", "url",
)  # fmt: skip
_LATEX_SPECIALS = re.compile(r"[\\{}$~%^&]|--|``|''")
CROSSREF = "https://api.crossref.org/works/"
_NOT_ENTRIES = {"comment", "string", "preamble"}
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_RIS_START = re.compile(r"^TY  - ", re.MULTILINE)


@dataclass(frozen=True)
class Citation:
    """One input entry, normalised: what a BibTeX, RIS or Crossref record says."""

    line: int
    key: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    truncated: bool = False
    year: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    entry_type: str = ""


@dataclass(frozen=True)
class Unread:
    """An input entry that could not be read: where it starts, its key, and why."""

    line: int
    key: str
    reason: str


class ImportFailed(ClaimtrackerError):
    """The whole input cannot be read (too large, not text, Crossref unreachable)."""


# --------------------------------------------------------------------------- text helpers


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value).replace("{", "").replace("}", "")).strip()
    return text or None


def normalise_doi(value: str | None) -> str | None:
    """A bare DOI from ``doi:10...``, ``https://doi.org/10...`` or ``10...``."""
    text = _clean(value)
    if text is None:
        return None
    text = re.sub(
        r"^(doi:\s*|https?://(dx\.)?doi\.org/)", "", text, flags=re.IGNORECASE
    )
    return urllib.parse.unquote(text).strip()


def _initials(given: str) -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    return " ".join(
        "-".join(f"{piece[0]}." for piece in part.split("-") if piece) for part in parts
    )


def format_author(last: str, given: str = "") -> str:
    """``Surname, I. J.`` as the study records write authors."""
    last, given = (_clean(last) or ""), (_clean(given) or "")
    return f"{last}, {_initials(given)}" if given else last


def split_name(name: str) -> tuple[str, str]:
    """(surname, given) for ``Surname, Given``, ``Surname G`` (PubMed) or ``Given Surname``."""
    name = name.strip()
    if "," in name:
        last, _, given = name.partition(",")
        return last.strip(), given.strip()
    words = name.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}", words[-1]):
        return " ".join(words[:-1]), " ".join(words[-1])
    return (words[-1], " ".join(words[:-1])) if words else ("", "")


def ascii_slug(text: str) -> str:
    plain = (
        unicodedata.normalize("NFKD", text)
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    return re.sub(r"[^a-z]+", "-", plain).strip("-")[:50].strip("-")


def _is_et_al(name: str) -> bool:
    return name.strip().lower().rstrip(".") in {"others", "et al", "et al."}


# --------------------------------------------------------------------------- readers


def _latex_decoder() -> latex2text.LatexNodes2Text:
    """The decoder bibtexparser's LatexDecodingMiddleware builds (URLs left unwrapped)."""
    context = latex2text.get_default_latex_context_db()
    context.add_context_category(
        "claimtracker-bibtex",
        prepend=True,
        macros=[MacroTextSpec("url", simplify_repl="%s")],
    )
    return latex2text.LatexNodes2Text(
        latex_context=context, keep_braced_groups=False, math_mode="verbatim"
    )


_DECODER = _latex_decoder()


def decode_latex(text: str) -> str:
    """Unicode for one (short) LaTeX value; text without LaTeX is returned as it is."""
    if not _LATEX_SPECIALS.search(text):
        return text
    try:
        return str(_DECODER.latex_to_text(text))
    except Exception:  # pylatexenc raises its own errors on broken LaTeX: keep the text
        return text


def _raw(entry: Any, name: str) -> str | None:
    found = entry.fields_dict.get(name)
    return str(found.value) if found is not None else None


def _field_too_long(entry: Any) -> str | None:
    """Why an entry's kept fields are too long to read (None: they are not)."""
    for name in _KEPT_FIELDS:
        value = _raw(entry, name)
        limit = MAX_TITLE_CHARS if name == "title" else MAX_FIELD_CHARS
        if value is not None and len(value) > limit:
            return (
                f"the {name} is {len(value):,} characters; at most {limit:,} are read"
            )
    authors = _raw(entry, "author") or ""
    if len(authors) > MAX_AUTHOR_CHARS:
        return (
            f"the author list is {len(authors):,} characters; at most "
            f"{MAX_AUTHOR_CHARS:,} are read"
        )
    return None


def _author(raw: str) -> str:
    """One author as the study records write them; a braced name (a group) stays whole."""
    name = raw.strip()
    if name.startswith("{") and name.endswith("}"):
        return _clean(decode_latex(name)) or ""
    return format_author(*split_name(decode_latex(name)))


def _citation(entry: Any, line: int) -> Citation:
    def kept(*names: str) -> str | None:
        value = next((v for n in names if (v := _raw(entry, n)) is not None), None)
        return _clean(decode_latex(value)) if value is not None else None

    names = split_multiple_persons_names(_raw(entry, "author") or "")
    pages = kept("pages")
    return Citation(
        line=line,
        key=entry.key,
        title=kept("title"),
        authors=tuple(
            a for n in names if not _is_et_al(n) and n.strip() if (a := _author(n))
        ),
        truncated=any(_is_et_al(n) for n in names),
        year=kept("year"),
        journal=kept("journal", "booktitle"),
        volume=kept("volume"),
        issue=kept("number", "issue"),
        pages=re.sub(r"\s*[-\u2013\u2014]+\s*", "-", pages) if pages else None,
        doi=normalise_doi(kept("doi")),
        pmid=kept("pmid"),
        url=kept("url"),
        entry_type=entry.entry_type.lower(),
    )


def _without_oversized(text: str) -> tuple[str, list[Unread]]:
    """The text with every block over :data:`MAX_ENTRY_BYTES` blanked (lines kept), and a
    rejection for each: checked on the raw text, before any parsing or decoding."""
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    rejected: list[Unread] = []
    pieces: list[str] = []
    last = 0
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        if end - start <= MAX_ENTRY_BYTES // 4:  # short enough in any encoding
            continue
        size = len(text[start:end].encode("utf-8"))
        if size <= MAX_ENTRY_BYTES:
            continue
        line = text.count("\n", 0, start) + 1
        rejected.append(
            Unread(
                line,
                _raw_key(text[start : start + 300]),
                f"the entry is {size / 1024:,.0f} KB; one entry may be at most "
                f"{MAX_ENTRY_BYTES // 1024} KB (a study record at most 256 KB)",
            )
        )
        pieces += [text[last:start], "\n" * text.count("\n", start, end)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces), rejected


def read_bibtex(text: str) -> tuple[list[Citation], list[Unread]]:
    """Citations from BibTeX text, and a rejection for every entry that could not be read."""
    text, rejected = _without_oversized(text)
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    citations = []
    first_line: dict[str, int] = {}
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        first_line.setdefault(entry.key, line)
        too_long = _field_too_long(entry)
        if too_long is not None:
            rejected.append(Unread(line, entry.key, too_long))
            continue
        citations.append(_citation(entry, line))
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        kind = type(block).__name__
        key = str(getattr(block, "key", "") or "")
        if kind == "DuplicateBlockKeyBlock":
            reason = f"citation key '{key}' is used twice (first at line {first_line.get(key, '?')})"
        elif kind == "DuplicateFieldKeyBlock":
            reason = f"a field is given twice ({block.error})"
        else:
            reason = "the entry does not parse (an unclosed brace or quote?)"
        rejected.append(Unread(line, key or _raw_key(block.raw or ""), reason))
    rejected.extend(_unaccounted_bibtex(text, citations, rejected))
    return citations, rejected


def _raw_key(raw: str) -> str:
    found = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s]+)", raw)
    return found.group(1) if found else "?"


def _unaccounted_bibtex(
    text: str, citations: list[Citation], rejected: list[Unread]
) -> list[Unread]:
    """Entries whose ``@type{`` is in the text but which the parser neither read nor failed."""
    seen = {c.line for c in citations} | {r.line for r in rejected}
    missing = []
    line, counted = 1, 0
    for found in _ENTRY_START.finditer(text):
        line += text.count("\n", counted, found.start())  # counted once, not per entry
        counted = found.start()
        if found.group(1).lower() in _NOT_ENTRIES:
            continue
        if line not in seen:
            key = _raw_key(text[found.start() : found.start() + 300])
            missing.append(Unread(line, key, "the parser skipped this entry"))
    return missing


def read_ris(text: str) -> tuple[list[Citation], list[Unread]]:
    """Citations from RIS text, read one ``TY  -`` record at a time so none is lost."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    starts = [m.start() for m in _RIS_START.finditer(text)]
    citations, rejected = [], []
    for n, start in enumerate(starts):
        chunk = text[start : starts[n + 1] if n + 1 < len(starts) else len(text)]
        line = text.count("\n", 0, start) + 1
        key = f"record {n + 1}"
        if not re.search(r"^ER  -", chunk, re.MULTILINE):
            rejected.append(
                Unread(
                    line,
                    key,
                    "the record has no 'ER  -' end line",
                )
            )
            continue
        try:
            (record,) = rispy.loads(chunk)
        except Exception as err:  # rispy raises plain exceptions on bad tags
            rejected.append(
                Unread(
                    line,
                    key,
                    f"the record does not parse: {err}",
                )
            )
            continue
        citations.append(_ris_citation(record, line, key))
    return citations, rejected


def _ris_citation(record: Mapping[str, Any], line: int, key: str) -> Citation:
    names = list(record.get("authors") or record.get("first_authors") or [])
    start, end = _clean(record.get("start_page")), _clean(record.get("end_page"))
    year = _clean(
        record.get("year") or record.get("publication_year") or record.get("date")
    )
    urls = record.get("urls") or []
    return Citation(
        line=line,
        key=_clean(record.get("id")) or key,
        title=_clean(record.get("title") or record.get("primary_title")),
        authors=tuple(format_author(*split_name(n)) for n in names if not _is_et_al(n)),
        truncated=any(_is_et_al(n) for n in names),
        year=year[:4] if year else None,
        journal=_clean(
            record.get("journal_name")
            or record.get("secondary_title")
            or record.get("alternate_title3")
            or record.get("alternate_title1")
        ),
        volume=_clean(record.get("volume")),
        issue=_clean(record.get("number")),
        pages=f"{start}-{end}" if start and end else start,
        doi=normalise_doi(record.get("doi")),
        url=_clean(urls[0]) if urls else None,
        entry_type=str(record.get("type_of_reference", "")).lower(),
    )


def lookup_doi(
    doi: str, *, timeout: float = 15.0, mailto: str | None = None
) -> Citation:
    """The Crossref record of one DOI (needs the network; tests replay recorded answers)."""
    bare = normalise_doi(doi) or ""
    if not re.fullmatch(DOI_PATTERN, bare):
        raise ImportFailed(f"'{doi}' is not a DOI (10.NNNN/...)")
    agent = "claimtracker/0.1" + (f" (mailto:{mailto})" if mailto else "")
    request = urllib.request.Request(
        CROSSREF + urllib.parse.quote(bare, safe=""), headers={"User-Agent": agent}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            message = json.loads(response.read().decode("utf-8"))["message"]
    except urllib.error.HTTPError as err:
        if err.code == 404:
            raise ImportFailed(f"Crossref has no record of DOI {bare}") from err
        raise ImportFailed(f"Crossref answered {err.code} for DOI {bare}") from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise ImportFailed(
            f"could not reach Crossref ({err}); is this machine online?"
        ) from err
    except (ValueError, KeyError) as err:
        raise ImportFailed(f"Crossref's answer for {bare} could not be read") from err
    return crossref_citation(message)


def crossref_citation(message: Mapping[str, Any]) -> Citation:
    """A citation from a Crossref ``/works/{doi}`` message."""
    authors = []
    for person in message.get("author") or []:
        if person.get("family"):
            authors.append(format_author(person["family"], person.get("given", "")))
        elif person.get("name"):
            authors.append(_clean(person["name"]) or "")
    issued = (message.get("issued") or message.get("published-print") or {}).get(
        "date-parts"
    ) or [[None]]
    year = issued[0][0] if issued and issued[0] else None

    def first(name: str) -> str | None:
        values = message.get(name) or []
        return _clean(values[0]) if values else None

    return Citation(
        line=1,
        key=str(message.get("DOI", "")),
        title=first("title"),
        authors=tuple(a for a in authors if a),
        year=str(year) if year else None,
        journal=first("container-title"),
        volume=_clean(message.get("volume")),
        issue=_clean(message.get("issue")),
        pages=_clean(message.get("page")),
        doi=normalise_doi(message.get("DOI")),
        url=_clean(message.get("URL")),
        entry_type=str(message.get("type", "")),
    )


def read_import_file(path: Path) -> tuple[list[Citation], list[Unread]]:
    """Citations and rejections from a .bib or .ris file (decided by extension, then content)."""
    try:
        raw = read_regular(path, MAX_BYTES + 1)
    except NotARegularFile as err:
        raise ImportFailed(
            f"{Path(path).name} is not a regular file ({err.kind})"
        ) from err
    except OSError as err:
        raise ImportFailed(
            f"{Path(path).name} cannot be read: {err.strerror or err}"
        ) from err
    if len(raw) > MAX_BYTES:
        raise ImportFailed(
            f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB"
        )
    return read_import_text(raw, path.name)


def read_import_text(raw: bytes, name: str) -> tuple[list[Citation], list[Unread]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportFailed(f"{name} is not UTF-8 text (byte {err.start})") from err
    is_ris = name.lower().endswith((".ris", ".txt")) or bool(
        _RIS_START.search(text[:2000])
    )
    if is_ris and not name.lower().endswith(".bib"):
        return read_ris(text)
    return read_bibtex(text.replace("\r\n", "\n"))
