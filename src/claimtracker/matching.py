"""Find the tracked claims a piece of text makes, sentence by sentence.

The method is lexical and needs no model (docs/matching.md has the measurements behind it):

1. :func:`claimtracker.sentences.split_sentences` cuts plain or Markdown text into sentences, keeping each one's
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
    WEAK_GARMENT,
)
from claimtracker.models import Claim
from claimtracker.sentences import Sentence, split_sentences

#: Reported matches score at least this much (0-1). Chosen on the labelled set: docs/matching.md.
DEFAULT_THRESHOLD = 0.6
#: How many sentences back a named garment still counts as the subject ("They shave minutes off").
CONTEXT_WINDOW = 3
#: Subject found only in the sentences before: the score is multiplied by this.
CONTEXT_FACTOR = 0.85
#: A garment named without "compression" ("these socks") and none named before: times this.
WEAK_FACTOR = 0.85
#: Leftover words count for less than concepts, settings for less than effects.
TOKEN_FACTOR = 0.6
SETTING_FACTOR = 0.5
FUZZY_CUTOFF = 86.0
#: A feature used by at least this share of a claim's expressions is one of its core features.
CORE_SUPPORT = 0.2
#: A sentence must cover this share of a claim's core effect weight to be scored at all.
MIN_EFFECT_SHARE = 0.5
#: Leftover words join the core only when at least this share of expressions use them.
CORE_TOKEN_SUPPORT = 0.4

# --------------------------------------------------------------------------- features


@dataclass(frozen=True)
class Features:
    """What a piece of text says, as concepts and leftover words."""

    concepts: frozenset[str]
    tokens: frozenset[str]
    has_subject: bool
    has_pronoun: bool
    has_weak_subject: bool
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
        has_subject=bool(CONCEPTS_BY_NAME["garment"].pattern.search(low)),
        has_pronoun=bool(PRONOUN_SUBJECT.search(low)),
        has_weak_subject=bool(WEAK_GARMENT.search(low)),
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
class _Profile:
    """A claim as weighted features: how many of its expressions use each, times its rarity."""

    claim: str
    weights: dict[str, float]
    core: float
    core_effect: float
    expressions: list[tuple[str, frozenset[str]]] = field(default_factory=list)


class Matcher:
    """An index of claims' propositions and aliases, ready to score sentences against.

    Each claim becomes a profile: every feature of its proposition and aliases, weighted by
    the share of those expressions that use it (its *support*) times its inverse claim
    frequency. A sentence's score for a claim is the profile weight it covers, over the weight
    of the claim's core features (support >= :data:`CORE_SUPPORT`), capped at 1. Build it once
    per corpus; an inverted index over effect features keeps :meth:`match_text` cheap.
    """

    def __init__(
        self, claims: Iterable[Claim], *, threshold: float = DEFAULT_THRESHOLD
    ) -> None:
        self.threshold = threshold
        parsed: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for claim in claims:
            parsed[claim.id] = [
                (t, frozenset(_keys(analyse(t))))
                for t in (claim.proposition, *claim.aliases)
            ]
        df: dict[str, int] = defaultdict(int)
        for expressions in parsed.values():
            for key in set().union(*(keys for _, keys in expressions)):
                df[key] += 1
        n = max(len(parsed), 1)
        idf = {key: _factor(key) * math.log(1 + n / count) for key, count in df.items()}
        self._profiles: list[_Profile] = []
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for claim_id, expressions in parsed.items():
            support: dict[str, float] = defaultdict(float)
            for _, keys in expressions:
                for key in keys:
                    support[key] += 1 / len(expressions)
            weights = {key: share * idf[key] for key, share in support.items()}
            core_keys = [key for key in weights if support[key] >= _core_support(key)]
            core = sum(weights[key] for key in core_keys)
            core_effect = sum(weights[key] for key in core_keys if _is_effect(key))
            if not core_effect:
                continue
            index = len(self._profiles)
            self._profiles.append(
                _Profile(claim_id, weights, core, core_effect, expressions)
            )
            for key, weight in weights.items():
                if _is_effect(key):
                    self._postings[key].append((index, weight))

    def score_keys(
        self,
        keys: set[str],
        *,
        subject_factor: float = 1.0,
        context: Iterable[str] = (),
        minimum: float = 0.0,
    ) -> dict[str, tuple[float, str]]:
        """(score, closest expression) per claim sharing an effect with the sentence's features.

        ``context`` holds setting features from the sentences just before (flying, standing
        all day ...); they count at half weight. Claims scoring under ``minimum`` are left out.
        """
        effects: dict[int, float] = defaultdict(float)
        for key in keys:
            for i, weight in self._postings.get(key, ()):
                effects[i] += weight
        others = [k for k in keys if not _is_effect(k)]
        context_keys = set(context) - keys
        found: dict[str, tuple[float, str]] = {}
        for i, covered in effects.items():
            profile = self._profiles[i]
            if covered < MIN_EFFECT_SHARE * profile.core_effect:
                continue
            covered += sum(profile.weights.get(k, 0.0) for k in others)
            covered += 0.5 * sum(profile.weights.get(k, 0.0) for k in context_keys)
            score = round(subject_factor * min(1.0, covered / profile.core), 4)
            if score < minimum:
                continue
            expression = max(
                profile.expressions, key=lambda e: len(e[1] & keys) / (len(e[1]) or 1)
            )[0]
            found[profile.claim] = (score, expression)
        return found

    def match_sentences(self, sentences: list[Sentence]) -> list[Match]:
        """Matches at or above the threshold, in sentence order, best first within a sentence."""
        matches: list[Match] = []
        recent_subject = -(10**9)
        section_subject = False  # the heading above names a garment
        settings: list[set[str]] = []
        for index, sentence in enumerate(sentences):
            feats = analyse(sentence.text, assertion=True)
            keys = _keys(feats)
            if sentence.heading:
                section_subject = feats.has_subject
            if feats.has_subject:
                factor = 1.0
            elif index - recent_subject <= CONTEXT_WINDOW or section_subject:
                factor = 1.0 if feats.has_pronoun else CONTEXT_FACTOR
            elif feats.has_weak_subject:
                factor = WEAK_FACTOR
            else:
                factor = 0.0
            if feats.has_subject:
                recent_subject = index
            context = set().union(*settings[-CONTEXT_WINDOW:]) if settings else set()
            settings.append(
                {k for k in keys if not _is_effect(k) and k.startswith("c:")}
            )
            if factor == 0.0 or not feats.is_assertion:
                continue
            found = self.score_keys(
                keys, subject_factor=factor, context=context, minimum=self.threshold
            )
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


def _core_support(key: str) -> float:
    return CORE_TOKEN_SUPPORT if key.startswith("t:") else CORE_SUPPORT


def _factor(key: str) -> float:
    if key.startswith("t:"):
        return TOKEN_FACTOR
    return SETTING_FACTOR if CONCEPTS_BY_NAME[key[2:]].kind == "setting" else 1.0
