"""Find the tracked claims a piece of text makes, sentence by sentence.

The method is lexical and needs no model (docs/matching.md has the measurements behind it):

1. :func:`split_sentences` cuts plain or Markdown text into sentences, keeping each one's
   character offsets in the original text and its line and column.
2. :func:`analyse` turns a sentence, and each claim's proposition and aliases, into *features*:
   the concepts of :mod:`claimtracker.lexicon` it expresses (so "shave minutes off your
   marathon" becomes ``performance`` + ``running``) and its leftover content words, stemmed.
   Typos in single words are caught with a fuzzy ratio (rapidfuzz).
3. :class:`Matcher` scores a sentence against every expression of every claim as the share of
   the expression's feature weight the sentence covers (weights are inverse claim frequency, so
   "compression" counts for little and "lactic acid" for a lot), keeps the best expression per
   claim, and reports claims at or above a threshold. A match needs a garment (in the sentence,
   or named in the few sentences before it) and at least one effect. Questions, effects under a
   negator in the same clause ("won't make you faster") and sentences that doubt the evidence
   ("there is no proof that ...") discuss a claim without making it, and are not reported.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from claimtracker.lexicon import (
    CLAUSE_BREAK,
    CONCEPTS,
    CONCEPTS_BY_NAME,
    DOUBT,
    FUZZY_WORDS,
    NEGATOR,
    PRONOUN_SUBJECT,
    STOPWORDS,
)
from claimtracker.models import Claim

#: Reported matches score at least this much (0-1). Chosen on the labelled set: docs/matching.md.
DEFAULT_THRESHOLD = 0.6
#: How many sentences back a named garment still counts as the subject ("They shave minutes off").
CONTEXT_WINDOW = 3
#: Subject found only in the sentences before: the score is multiplied by this.
CONTEXT_FACTOR = 0.85
#: Leftover words count for less than concepts, settings for less than effects.
TOKEN_FACTOR = 0.6
SETTING_FACTOR = 0.5
FUZZY_CUTOFF = 86.0

ABBREVIATIONS = frozenset(
    "e.g i.e etc vs dr mr mrs ms prof st no fig figs al approx ca cf inc ltd jr sr mt min max "
    "vol pp ed eds est dept".split()
)

# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, as written, with where it sits in the text."""

    text: str
    start: int
    end: int
    line: int
    column: int


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_PREFIX = re.compile(
    r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]*(?P<marker>#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?"
)
_END = re.compile(r"(?:[.!?…]+|[.!?…]*[.!?…])[\"'”’)\]*_]*(?=\s|$)")
_STARTER = re.compile(r"[\"'“‘(\[*_#]*[A-Z0-9À-Þ]")


def split_sentences(text: str) -> list[Sentence]:
    """Cut plain or Markdown text into sentences with character offsets, line and column.

    Markdown block markers (headings, list bullets, quote marks) are left out of a sentence;
    fenced code, front matter, rules and link definitions are skipped; a heading or a list item
    always ends a sentence. A sentence inside a paragraph may run over several lines; its
    ``text`` joins them with single spaces, and ``start``/``end`` bound it in ``text``.
    """
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    sentences: list[Sentence] = []
    for spans in _blocks(text, line_starts):
        sentences.extend(_split_block(text, spans, line_starts))
    return sentences


def _blocks(text: str, line_starts: list[int]) -> Iterable[list[tuple[int, int]]]:
    """Runs of (start, end) content spans that read as one paragraph, heading or list item."""
    block: list[tuple[int, int]] = []
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
                yield block
                block = []
            continue
        if (
            not stripped
            or _RULE.match(line)
            or _TABLE_RULE.match(line)
            or _LINK_DEF.match(line)
        ):
            if block:
                yield block
                block = []
            continue
        prefix = _PREFIX.match(line)
        assert prefix is not None  # the pattern matches the empty string
        content_start = offset + prefix.end()
        content_end = offset + len(line.rstrip())
        marker = prefix.group("marker")
        quotes = prefix.group().count(">")
        if block and (marker or quotes != depth):
            yield block
            block = []
        depth = quotes
        if content_end > content_start:
            block.append((content_start, content_end))
        if marker and marker.startswith("#"):
            yield block
            block = []
    if block:
        yield block


def _split_block(
    text: str, spans: list[tuple[int, int]], line_starts: list[int]
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
    for end in [*_boundaries(plain), len(plain)]:
        chunk = plain[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body and any(ch.isalnum() for ch in body):
            a = start + lead
            b = a + len(body)
            first, last = origin(a), origin(b - 1) + 1
            line = bisect.bisect_right(line_starts, first)
            yield Sentence(body, first, last, line, first - line_starts[line - 1] + 1)
        start = end


def _boundaries(plain: str) -> Iterable[int]:
    for m in _END.finditer(plain):
        after = plain[m.end() :].lstrip()
        if after and not _STARTER.match(after):
            continue
        if m.group().startswith(".") and len(m.group().rstrip("\"'”’)]*_")) == 1:
            word = re.search(r"([\w.]+)$", plain[: m.start()])
            token = word.group(1).lower() if word else ""
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        yield m.end()


# --------------------------------------------------------------------------- features


@dataclass(frozen=True)
class Features:
    """What a piece of text says, as concepts and leftover words."""

    concepts: frozenset[str]
    tokens: frozenset[str]
    has_subject: bool
    has_pronoun: bool
    is_assertion: bool = True


_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]{0,200}>"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"[*_`~]+"), ""),
]
_TOKEN = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-cased NFKC text with Markdown inline markup, tags and URLs taken out."""
    text = unicodedata.normalize("NFKC", text)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text.lower().replace("’", "'").replace("‘", "'")


def stem(word: str) -> str:
    """A light suffix stripper: enough to make 'recovers', 'recovered' and 'recovering' meet."""
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ):
        if (
            word.endswith(suffix)
            and len(word) - len(suffix) >= 3
            and not word.endswith(("ss", "us", "is"))
        ):
            return word[: -len(suffix)] + keep
    return word


def analyse(text: str, *, assertion: bool = False) -> Features:
    """The features of one sentence or expression.

    With ``assertion=True`` (draft sentences), effects under a negator in the same clause are
    dropped, and a question or a sentence that doubts the evidence asserts nothing.
    """
    low = normalise(text)
    hits: list[tuple[int, int, str]] = []
    for concept in CONCEPTS:
        hits.extend(
            (m.start(), m.end(), concept.name) for m in concept.pattern.finditer(low)
        )
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    kept: list[tuple[int, int, str]] = []
    reach = -1
    for start, end, name in hits:
        if start >= reach:
            kept.append((start, end, name))
            reach = end
    concepts: set[str] = set()
    if assertion:
        breaks = [m.start() for m in CLAUSE_BREAK.finditer(low)]
        negators = [m.start() for m in NEGATOR.finditer(low)]
    for start, _end, name in kept:
        if (
            assertion
            and CONCEPTS_BY_NAME[name].kind == "effect"
            and _is_negated(start, breaks, negators)
        ):
            continue
        concepts.add(name)
    leftover = list(low)
    for start, end, _name in kept:
        leftover[start:end] = " " * (end - start)
    tokens: set[str] = set()
    for word in _TOKEN.findall("".join(leftover)):
        if word in STOPWORDS or len(word) < 3:
            continue
        fuzzy = _fuzzy_concept(word) if len(word) >= 5 else None
        if fuzzy:
            concepts.add(fuzzy)
        else:
            tokens.add(stem(word))
    is_assertion = not (
        assertion and (text.rstrip(" *_\"'”’)").endswith("?") or DOUBT.search(low))
    )
    return Features(
        concepts=frozenset(concepts),
        tokens=frozenset(tokens),
        has_subject="garment" in concepts,
        has_pronoun=bool(PRONOUN_SUBJECT.search(low)),
        is_assertion=is_assertion,
    )


def _is_negated(position: int, breaks: list[int], negators: list[int]) -> bool:
    clause_start = (
        breaks[bisect.bisect_right(breaks, position) - 1]
        if breaks and breaks[0] < position
        else 0
    )
    return any(clause_start <= n < position for n in negators)


@lru_cache(maxsize=65536)
def _fuzzy_concept(word: str) -> str | None:
    found = process.extractOne(
        word, FUZZY_WORDS.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return FUZZY_WORDS[found[0]] if found else None


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    """A sentence that makes a tracked claim, and how sure the matcher is (0-1)."""

    sentence: Sentence
    claim: str
    score: float
    expression: str


@dataclass
class _Expression:
    claim: str
    text: str
    weights: dict[str, float]
    total: float
    effects: frozenset[str] = field(default_factory=frozenset)


class Matcher:
    """An index of claims' propositions and aliases, ready to score sentences against.

    Build it once per corpus; :meth:`match_text` is then cheap (an inverted index over the
    effect features, so a sentence is scored only against expressions it shares an effect with).
    """

    def __init__(
        self, claims: Iterable[Claim], *, threshold: float = DEFAULT_THRESHOLD
    ) -> None:
        self.threshold = threshold
        parsed: list[tuple[str, str, Features]] = []
        for claim in claims:
            for text in (claim.proposition, *claim.aliases):
                parsed.append((claim.id, text, analyse(text)))
        claim_ids = {claim_id for claim_id, _, _ in parsed}
        df: dict[str, set[str]] = defaultdict(set)
        for claim_id, _, feats in parsed:
            for key in _keys(feats):
                df[key].add(claim_id)
        n = max(len(claim_ids), 1)
        self._weight = {
            key: _factor(key) * math.log(1 + n / len(ids)) for key, ids in df.items()
        }
        self._expressions: list[_Expression] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for claim_id, text, feats in parsed:
            keys = _keys(feats)
            effects = frozenset(k for k in keys if _is_effect(k))
            if not effects:
                continue
            weights = {k: self._weight[k] for k in keys}
            index = len(self._expressions)
            self._expressions.append(
                _Expression(claim_id, text, weights, sum(weights.values()), effects)
            )
            for key in effects:
                self._postings[key].append(index)

    def score_features(
        self, feats: Features, *, subject_factor: float
    ) -> dict[str, tuple[float, str]]:
        """Best (score, expression) per claim for one sentence's features."""
        keys = _keys(feats)
        candidates = {
            i for key in keys if _is_effect(key) for i in self._postings.get(key, ())
        }
        best: dict[str, tuple[float, str]] = {}
        for i in candidates:
            expr = self._expressions[i]
            covered = sum(w for k, w in expr.weights.items() if k in keys)
            score = round(subject_factor * covered / expr.total, 4)
            if score > best.get(expr.claim, (-1.0, ""))[0]:
                best[expr.claim] = (score, expr.text)
        return best

    def match_sentences(self, sentences: list[Sentence]) -> list[Match]:
        """Matches at or above the threshold, in sentence order, best first within a sentence."""
        matches: list[Match] = []
        recent_subject = -(10**9)
        for index, sentence in enumerate(sentences):
            feats = analyse(sentence.text, assertion=True)
            if feats.has_subject:
                factor = 1.0
            elif index - recent_subject <= CONTEXT_WINDOW:
                factor = 1.0 if feats.has_pronoun else CONTEXT_FACTOR
            else:
                factor = 0.0
            if feats.has_subject:
                recent_subject = index
            if factor == 0.0 or not feats.is_assertion:
                continue
            found = self.score_features(feats, subject_factor=factor)
            ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
            for claim_id, (score, expression) in ranked:
                if score >= self.threshold:
                    matches.append(Match(sentence, claim_id, score, expression))
        return matches

    def match_text(self, text: str) -> list[Match]:
        """Split ``text`` into sentences and match each one."""
        return self.match_sentences(split_sentences(text))


def _keys(feats: Features) -> set[str]:
    keys = {f"c:{c}" for c in feats.concepts if c != "garment"}
    keys.update(f"t:{t}" for t in feats.tokens)
    return keys


def _is_effect(key: str) -> bool:
    return key.startswith("t:") or CONCEPTS_BY_NAME[key[2:]].kind == "effect"


def _factor(key: str) -> float:
    if key.startswith("t:"):
        return TOKEN_FACTOR
    return SETTING_FACTOR if CONCEPTS_BY_NAME[key[2:]].kind == "setting" else 1.0
