"""Cut plain or Markdown text into sentences, with where each one sits in the text.

:func:`split_sentences` keeps each sentence's character offsets in the original text and its
1-based line and column, so a checker can point at it the way a compiler points at an error.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    "e.g i.e etc vs dr mr mrs ms prof st fig figs al approx ca cf inc ltd jr sr mt min max u.s u.k "
    "vol pp ed eds est dept".split()
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, as written, with where it sits in the text."""

    text: str
    start: int
    end: int
    line: int
    column: int
    heading: bool = False
    #: A list item (a bullet or numbered item).
    item: bool = False
    #: Which block of the text (paragraph, heading or list item) it belongs to, counted from 0.
    block: int = 0


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_PREFIX = re.compile(
    r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]*(?P<marker>#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?"
)
_END = re.compile(r"(?:[.!?…]+|[.!?…]*[.!?…])[\"'”’)\]*_]*(?=\s|$)")
_STARTER = re.compile(r"[\"'“‘(\[*_#]*\w")


def split_sentences(text: str) -> list[Sentence]:
    """Cut plain or Markdown text into sentences with character offsets, line and column.

    Markdown block markers (headings, list bullets, quote marks) are left out of a sentence;
    fenced code, front matter, rules and link definitions are skipped; a heading or a list item
    always ends a sentence. A sentence inside a paragraph may run over several lines; its
    ``text`` joins them with single spaces, and ``start``/``end`` bound it in ``text``.
    """
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    sentences: list[Sentence] = []
    for number, (spans, kind) in enumerate(_blocks(text, line_starts)):
        sentences.extend(_split_block(text, spans, line_starts, kind, number))
    return sentences


def _blocks(
    text: str, line_starts: list[int]
) -> Iterable[tuple[list[tuple[int, int]], str]]:
    """Runs of (start, end) content spans that read as one paragraph, heading or list item,
    with their kind: ``paragraph``, ``heading`` or ``item``."""
    block: list[tuple[int, int]] = []
    kind = "paragraph"
    depth = 0  # blockquote depth of the block
    fence: str | None = None
    lines = text.split("\n")
    front_matter = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        offset = line_starts[number]
        stripped = line.strip()
        if front_matter:
            if number > 0 and stripped in ("---", "..."):
                front_matter = False
            continue
        fence_mark = _FENCE.match(line)
        if fence is not None or fence_mark:
            if fence is None and fence_mark:
                fence = fence_mark.group(1)
            elif fence_mark and fence_mark.group(1) == fence:
                fence = None
            if block:
                yield block, kind
                block = []
            continue
        if (
            not stripped
            or _RULE.match(line)
            or _TABLE_RULE.match(line)
            or _LINK_DEF.match(line)
        ):
            if block:
                yield block, kind
                block = []
            continue
        prefix = _PREFIX.match(line)
        assert prefix is not None  # the pattern matches the empty string
        content_start = offset + prefix.end()
        content_end = offset + len(line.rstrip())
        marker = prefix.group("marker")
        quotes = prefix.group().count(">")
        if block and (marker or quotes != depth):
            yield block, kind
            block = []
        if not block:
            kind = "item" if marker and not marker.startswith("#") else "paragraph"
        depth = quotes
        if content_end > content_start:
            block.append((content_start, content_end))
        if marker and marker.startswith("#"):
            yield block, "heading"
            block = []
    if block:
        yield block, kind


def _split_block(
    text: str,
    spans: list[tuple[int, int]],
    line_starts: list[int],
    kind: str = "paragraph",
    number: int = 0,
) -> Iterable[Sentence]:
    # The block's text joined by single spaces, and where each piece came from.
    pieces = [text[a:b] for a, b in spans]
    plain = " ".join(pieces)
    plain_starts: list[int] = []
    cursor = 0
    for piece in pieces:
        plain_starts.append(cursor)
        cursor += len(piece) + 1

    def origin(i: int) -> int:
        k = bisect.bisect_right(plain_starts, i) - 1
        return spans[k][0] + min(i - plain_starts[k], spans[k][1] - spans[k][0])

    start = 0
    joins = [
        plain_starts[k + 1]
        for k in range(len(pieces) - 1)
        if _runs_on(pieces[k], pieces[k + 1])
    ]
    for end in sorted({*_boundaries(plain), *joins, len(plain)}):
        chunk = plain[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body and any(ch.isalnum() for ch in body):
            a = start + lead
            b = a + len(body)
            first, last = origin(a), origin(b - 1) + 1
            line = bisect.bisect_right(line_starts, first)
            yield Sentence(
                body,
                first,
                last,
                line,
                first - line_starts[line - 1] + 1,
                heading=kind == "heading",
                item=kind == "item",
                block=number,
            )
        start = end


#: A line this short with no closing punctuation, followed by a line opening with a capital, is
#: a title or a label of its own ("5. speeding recovery" then "Calves or sleeves?").
SHORT_LINE = 40


def _runs_on(line: str, following: str) -> bool:
    """True when ``line`` reads as a title run into the next line of its block."""
    line = line.rstrip()
    return (
        len(line) < SHORT_LINE
        and not re.search(r"[.!?…:;,\-–—(\[\"'“‘/&]$", line)
        and not re.search(
            r"(?i)\b(?:and|or|the|a|an|of|to|in|for|with|by|at|on|from)$", line
        )
        and following[:1].isupper()
    )


def _boundaries(plain: str) -> Iterable[int]:
    for m in _END.finditer(plain):
        after = plain[m.end() :].lstrip()
        if after and not _STARTER.match(after):
            continue
        if m.group().startswith(".") and len(m.group().rstrip("\"'”’)]*_")) == 1:
            word = re.search(r"([\w.]+)$", plain[: m.start()])
            token = word.group(1).lower() if word else ""
            capital = after[:1].isupper()
            if (token in ABBREVIATIONS and not (token == "etc" and capital)) or (
                len(token) == 1 and token.isalpha()
            ):
                continue
        yield m.end()
