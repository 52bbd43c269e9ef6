"""Phrases in text: normalising, stemming, the concepts of :mod:`claimtracker.lexicon` a text
names (longest phrase first) and the content words left over, with typos mapped to concepts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from claimtracker.lexicon import CONCEPTS, FUZZY_WORDS, STOPWORDS, Concept

FUZZY_CUTOFF = 86.0

_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]{0,200}>"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"[*_`~]+"), ""),
]
WORD = re.compile(r"[\w'’]+")
_TOKEN = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-cased NFKC text with Markdown inline markup, tags and URLs taken out (same length
    rules are not kept: use it for reading, not for offsets)."""
    text = unicodedata.normalize("NFKC", text)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text.lower().replace("’", "'").replace("‘", "'")


def stem(word: str) -> str:
    """A light suffix stripper: enough to make 'recovers', 'recovered' and 'recovering' meet."""
    for suffix, keep, shortest in _SUFFIXES:
        if (
            word.endswith(suffix)
            and len(word) - len(suffix) >= shortest
            and not word.endswith(("ss", "us", "is"))
        ):
            return word[: -len(suffix)] + keep
    return word


_SUFFIXES = (
    ("ies", "y", 3),
    ("sses", "ss", 3),
    ("ing", "", 4),
    ("edly", "", 4),
    ("ed", "", 4),
    ("ly", "", 4),
    ("es", "", 4),
    ("s", "", 3),
)


@dataclass(frozen=True)
class Hit:
    """One concept phrase found in a text, at [start, end) of its normalised form."""

    concept: Concept
    start: int
    end: int


def find_hits(low: str) -> list[Hit]:
    """Concept phrases in normalised text, longest first where they overlap; phrases with the
    very same span in two concepts are both kept (the matcher's settings choose)."""
    kept: list[Hit] = []
    # Aspects ("prevent", "relief") never hide an effect or a setting they overlap.
    for layer in (
        [c for c in CONCEPTS if c.kind != "aspect"],
        [c for c in CONCEPTS if c.kind == "aspect"],
    ):
        found = [
            Hit(concept, m.start(), m.end())
            for concept in layer
            for m in concept.pattern.finditer(low)
        ]
        found.sort(key=lambda h: (h.start, h.start - h.end))
        reach = -1
        last: Hit | None = None
        for hit in found:
            if hit.start >= reach:
                kept.append(hit)
                last, reach = hit, hit.end
            elif last is not None and (hit.start, hit.end) == (last.start, last.end):
                if hit.concept.name != last.concept.name:
                    kept.append(hit)
    kept.sort(key=lambda h: (h.start, h.start - h.end))
    return kept


def leftover(low: str, hits: list[Hit]) -> list[tuple[str, int]]:
    chars = list(low)
    for h in hits:
        chars[h.start : h.end] = " " * (h.end - h.start)
    rest = "".join(chars)
    return [
        (m.group(), m.start())
        for m in _TOKEN.finditer(rest)
        if m.group() not in STOPWORDS and len(m.group()) >= 3
    ]


@lru_cache(maxsize=65536)
def fuzzy_concept(word: str) -> str | None:
    found = process.extractOne(
        word, FUZZY_WORDS.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return FUZZY_WORDS[found[0]] if found else None


def names(text: str) -> set[str]:
    """Capitalised words after the first: names ("Recove Socks"), never typos to correct."""
    words = WORD.findall(text)
    return {w.lower() for w in words[1:] if w[:1].isupper() and not w.isupper()}
