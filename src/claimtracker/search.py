"""One search over claims (with their aliases) and studies, that finds what readers mean.

A query is read word by word, the way a reader means it:

- **synonyms and abbreviations** from ``synonyms.yaml`` at the data root: each group lists
  terms that mean the same (``DVT``, ``deep vein thrombosis``, ``blood clots``), so a search
  for any of them finds the others; phrases in the query are found first, longest first;
- **stemming** (Snowball's English stemmer): ``recovery`` finds "recover", ``clots`` finds
  "clot"; a query word also finds words that start with it (``stick`` finds "Stickford");
- **typos**: a word that matches nothing is read as the nearest word in the records, one
  edit away (two for long words), e.g. ``stickfrod`` as "stickford"; the result says so.

Every word (or phrase) must match somewhere in a record; when no record has them all, the
records with most of them are returned and the result says it is partial. Hits carry a score
(where the words matched: a title or proposition counts more than an author list) and come
best first. The result holds the hits of both kinds, so a page showing claims can offer the
studies that matched (``Stickford`` is a study author, not in any claim).

Everything here is plain Python over the records; build a :class:`SearchIndex` once per
change of the records (building it for 10,000 studies takes well under a second).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import snowballstemmer  # type: ignore[import-untyped]
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz.distance import OSA

from claimtracker.datafiles import SYNONYMS, DataFile, read_data_file
from claimtracker.models import Claim, ShortText, Study
from claimtracker.vocab import label

Kind = Literal["claim", "study"]
KINDS: tuple[Kind, ...] = ("claim", "study")

#: How much a match in each field counts.
WEIGHTS: dict[str, float] = {
    "proposition": 3.0,
    "title": 3.0,
    "aliases": 2.0,
    "id": 2.0,
    "authors": 2.0,
    "label": 2.0,
    "family": 1.5,
    "domain": 1.5,
    "outcomes": 1.0,
    "design": 1.0,
    "journal": 0.5,
    "doi": 1.0,
}
#: How much each way of matching a word counts.
EXACT, SYNONYM, PREFIX, TYPO = 1.0, 0.9, 0.7, 0.5
#: Words a query can drop: they say nothing about which record is meant.
STOPWORDS = frozenset(
    """a an and are as at be by can could do does for from has have how i in into is it its
    me my of on or so that the their them they this to was what when which who why will with
    you your""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("english")


# --------------------------------------------------------------------------- words


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` without accents; hyphens and slashes split words."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _WORD.findall(plain)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball's English stem of one lower-case word (``recovery`` -> ``recoveri``)."""
    return str(_stemmer.stemWord(word))


def _related(a: str, b: str) -> bool:
    """Two stems of one word family (``recov`` and ``recoveri``): one starts the other,
    and the shorter has at least five letters."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 5 and long.startswith(short)


# --------------------------------------------------------------------------- synonyms


class SynonymFile(BaseModel):
    """``synonyms.yaml``: groups of terms a search treats as the same."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    groups: list[list[ShortText]] = Field(
        description="Each group: terms that mean the same (abbreviations with their spelling out)."
    )


@dataclass(frozen=True)
class Synonyms:
    """Groups of terms, each term as its words' stems."""

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    names: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    """Each term's stems -> the term as the file writes it."""

    @classmethod
    def of(cls, groups: Iterable[Iterable[str]]) -> Synonyms:
        built = []
        names: dict[tuple[str, ...], str] = {}
        for group in groups:
            terms: dict[tuple[str, ...], None] = {}
            for text in group:
                stems = tuple(stem(w) for w in words(text))
                if stems:
                    terms[stems] = None
                    names.setdefault(stems, text)
            if len(terms) > 1:
                built.append(tuple(terms))
        return cls(tuple(built), names)

    def name(self, stems: tuple[str, ...]) -> str:
        return self.names.get(stems) or " ".join(stems)

    @functools.cached_property
    def _by_term(self) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        found: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for group in self.groups:
            for term in group:
                found[term] += [t for t in group if t not in found[term]]
        return {k: tuple(v) for k, v in found.items()}

    @functools.cached_property
    def longest(self) -> int:
        return max((len(t) for t in self._by_term), default=1)

    def alternatives(self, stems: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """Every term of the groups ``stems`` belongs to (empty when it is in none)."""
        return self._by_term.get(stems, ())


def read_synonyms(root: Path) -> DataFile[SynonymFile]:
    """``synonyms.yaml`` under ``root`` (no value and no problem when it is missing)."""
    return read_data_file(root, SYNONYMS, SynonymFile)


def load_synonyms(root: Path) -> Synonyms:
    """The synonyms under ``root`` (none when the file is missing or invalid)."""
    found = read_synonyms(root)
    return Synonyms.of(found.value.groups) if found.value else Synonyms()


# --------------------------------------------------------------------------- the query


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for: a word or phrase and the terms that mean the same."""

    text: str
    """As the reader typed it (or as corrected)."""
    terms: tuple[tuple[str, ...], ...]
    """Alternatives, each a tuple of stems; any one of them matching is enough."""
    raw: str = ""
    """The lower-case word typed, for prefix matching (single words only)."""
    corrected_from: str | None = None


@dataclass(frozen=True)
class Hit:
    kind: Kind
    id: str
    score: float
    matched: int
    """How many of the query's concepts the record matched."""


@dataclass(frozen=True)
class SearchResult:
    """The hits of both kinds for one query, best first, and how the query was read."""

    query: str
    hits: tuple[Hit, ...] = ()
    concepts: tuple[Concept, ...] = ()
    partial: bool = False
    """No record matched every word; these match most of them."""
    synonyms: Synonyms = field(default_factory=lambda: Synonyms())

    def of(self, kind: Kind) -> list[Hit]:
        return [h for h in self.hits if h.kind == kind]

    def ids(self, kind: Kind) -> list[str]:
        return [h.id for h in self.hits if h.kind == kind]

    def count(self, kind: Kind) -> int:
        return sum(h.kind == kind for h in self.hits)

    @property
    def corrections(self) -> dict[str, str]:
        """Typed word -> the word it was read as (typos only)."""
        return {c.corrected_from: c.text for c in self.concepts if c.corrected_from}

    @property
    def expansions(self) -> dict[str, list[str]]:
        """Typed word or phrase -> the other terms it also looked for (synonyms)."""
        return {
            c.text: [self.synonyms.name(t) for t in c.terms[1:]]
            for c in self.concepts
            if len(c.terms) > 1
        }


# --------------------------------------------------------------------------- the index


@dataclass
class _Doc:
    kind: Kind
    id: str
    fields: dict[str, set[str]] = field(default_factory=dict)  # field -> stems


def claim_fields(claim: Claim) -> dict[str, str]:
    """The text of a claim a search looks in, by field."""
    return {
        "id": claim.id,
        "proposition": claim.proposition,
        "aliases": " | ".join(claim.aliases),
        "family": label(claim.group),
        "domain": label(claim.domain),
    }


def study_fields(study: Study) -> dict[str, str]:
    """The text of a study a search looks in, by field."""
    from claimtracker.frames import study_label

    return {
        "id": study.id,
        "label": study_label(study),
        "title": study.title,
        "authors": " ; ".join(study.authors),
        "journal": study.journal or "",
        "doi": study.doi or "",
        "outcomes": " | ".join(o.name for o in study.outcomes),
        "design": label(study.design),
    }


class SearchIndex:
    """Claims and studies, ready to search; build once per change of the records."""

    def __init__(self, synonyms: Synonyms | None = None) -> None:
        self.synonyms = synonyms or Synonyms()
        self._docs: list[_Doc] = []
        self._postings: dict[str, dict[int, float]] = defaultdict(dict)
        self._words: dict[str, str] = {}  # every word seen -> its stem
        self._sorted: list[str] = []
        self._stems: list[str] = []

    @classmethod
    def build(
        cls,
        claims: Mapping[str, Claim] | Iterable[Claim],
        studies: Mapping[str, Study] | Iterable[Study],
        synonyms: Synonyms | None = None,
    ) -> SearchIndex:
        """An index over ``claims`` and ``studies`` (mappings by id, or plain iterables)."""
        index = cls(synonyms)
        claim_list = claims.values() if isinstance(claims, Mapping) else claims
        study_list = studies.values() if isinstance(studies, Mapping) else studies
        for claim in claim_list:
            index.add("claim", claim.id, claim_fields(claim))
        for study in study_list:
            index.add("study", study.id, study_fields(study))
        index.finish()
        return index

    def add(self, kind: Kind, record_id: str, texts: Mapping[str, str]) -> None:
        doc = _Doc(kind, record_id)
        number = len(self._docs)
        self._docs.append(doc)
        for name, text in texts.items():
            stems = set()
            for w in words(text):
                s = self._words.get(w) or self._words.setdefault(w, stem(w))
                stems.add(s)
            doc.fields[name] = stems
            weight = WEIGHTS.get(name, 1.0)
            for s in stems:
                posting = self._postings[s]
                if posting.get(number, 0.0) < weight:
                    posting[number] = weight

    def finish(self) -> None:
        """Sort the vocabulary (for prefix and typo look-ups); call after the last :meth:`add`."""
        self._sorted = sorted(self._words)
        self._stems = sorted(self._postings)

    def __len__(self) -> int:
        return len(self._docs)

    # ----------------------------------------------------------------- reading the query

    def _known(self, word: str) -> bool:
        if stem(word) in self._postings:
            return True
        i = bisect.bisect_left(self._sorted, word)
        return i < len(self._sorted) and self._sorted[i].startswith(word)

    def _correct(self, word: str) -> str | None:
        """The nearest word in the records (OSA distance 1, or 2 from eight letters)."""
        if len(word) < 4 or word.isdigit():
            return None
        limit = 1 if len(word) < 8 else 2
        best: tuple[int, int, str] | None = None
        for known in self._sorted:
            if abs(len(known) - len(word)) > limit:
                continue
            d = OSA.distance(word, known, score_cutoff=limit)
            if d <= limit:
                candidate = (d, -len(self._postings.get(self._words[known], ())), known)
                if best is None or candidate < best:
                    best = candidate
        return best[2] if best else None

    def read(self, query: str) -> list[Concept]:
        """The query as concepts: synonym phrases first (longest), then single words."""
        typed = words(query)
        stems = [stem(w) for w in typed]
        concepts: list[Concept] = []
        i = 0
        while i < len(typed):
            for size in range(min(self.synonyms.longest, len(typed) - i), 0, -1):
                phrase = tuple(stems[i : i + size])
                alternatives = self.synonyms.alternatives(phrase)
                if alternatives:
                    terms = (phrase, *(a for a in alternatives if a != phrase))
                    text = " ".join(typed[i : i + size])
                    concepts.append(Concept(text, terms, typed[i] if size == 1 else ""))
                    i += size
                    break
            else:
                word = typed[i]
                i += 1
                if word in STOPWORDS and len(typed) > 1:
                    continue
                if self._known(word):
                    concepts.append(Concept(word, ((stem(word),),), word))
                    continue
                fixed = self._correct(word)
                if fixed is None:
                    concepts.append(Concept(word, ((stem(word),),), word))
                    continue
                alternatives = self.synonyms.alternatives((stem(fixed),))
                terms = (
                    (stem(fixed),),
                    *(a for a in alternatives if a != (stem(fixed),)),
                )
                concepts.append(Concept(fixed, terms, fixed, corrected_from=word))
        return concepts

    # ----------------------------------------------------------------- matching

    def _stem_family(self, s: str) -> list[tuple[str, float]]:
        """Stems in the records of the same word family as ``s``, with how well they match."""
        found = [(s, EXACT)] if s in self._postings else []
        if len(s) >= 5:
            i = bisect.bisect_left(self._stems, s)
            while i < len(self._stems) and self._stems[i].startswith(s):
                if self._stems[i] != s:
                    found.append((self._stems[i], SYNONYM))
                i += 1
            for cut in range(len(s) - 1, 4, -1):
                if s[:cut] in self._postings and _related(s[:cut], s):
                    found.append((s[:cut], SYNONYM))
        return found

    def _prefixed(self, raw: str) -> list[tuple[str, float]]:
        """Stems of words in the records that start with ``raw`` (three letters or more)."""
        if len(raw) < 3:
            return []
        found: dict[str, float] = {}
        i = bisect.bisect_left(self._sorted, raw)
        while i < len(self._sorted) and self._sorted[i].startswith(raw):
            found.setdefault(self._words[self._sorted[i]], PREFIX)
            i += 1
        return list(found.items())

    def _scores(self, concept: Concept, typo: bool) -> dict[int, float]:
        """Document number -> score for one concept."""
        scores: dict[int, float] = {}
        for n, term in enumerate(concept.terms):
            quality = (SYNONYM if n else EXACT) * (TYPO / EXACT if typo else 1.0)
            if len(term) == 1:
                matches = self._stem_family(term[0])
                if n == 0 and concept.raw and term[0] not in self._postings:
                    # a word as typed so far ("stick"); a whole word ("clot") is not
                    # also read as the start of others ("clothing")
                    matches += self._prefixed(concept.raw)
                for s, q in matches:
                    for doc, weight in self._postings.get(s, {}).items():
                        score = (
                            weight * min(q, quality)
                            if n
                            else weight * q * (TYPO if typo else 1.0)
                        )
                        if score > scores.get(doc, 0.0):
                            scores[doc] = score
            else:
                for doc, score in self._phrase(term).items():
                    score *= quality
                    if score > scores.get(doc, 0.0):
                        scores[doc] = score
        return scores

    def _phrase(self, term: tuple[str, ...]) -> dict[int, float]:
        """Documents with every stem of ``term`` in one field (weight of that field)."""
        first = self._postings.get(term[0], {})
        found: dict[int, float] = {}
        for doc in first:
            fields = self._docs[doc].fields
            best = max(
                (
                    WEIGHTS.get(name, 1.0)
                    for name, stems in fields.items()
                    if all(s in stems for s in term)
                ),
                default=0.0,
            )
            if best:
                found[doc] = best
        return found

    def search(self, query: str, kinds: Sequence[Kind] = KINDS) -> SearchResult:
        """The records matching ``query``, best first (every record for an empty query is
        *not* returned: an empty query has no hits, and pages show everything instead)."""
        concepts = self.read(query)
        if not concepts:
            return SearchResult(query, synonyms=self.synonyms)
        per_concept = [self._scores(c, c.corrected_from is not None) for c in concepts]
        totals: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for scores in per_concept:
            for doc, score in scores.items():
                totals[doc] += score
                matched[doc] += 1
        wanted = set(kinds)
        everything = [d for d, m in matched.items() if m == len(concepts)]
        partial = not everything and len(concepts) > 1
        chosen = everything or (
            [d for d, m in matched.items() if m == max(matched.values())]
            if partial
            else []
        )
        hits = [
            Hit(self._docs[d].kind, self._docs[d].id, round(totals[d], 6), matched[d])
            for d in chosen
            if self._docs[d].kind in wanted
        ]
        hits.sort(key=lambda h: (-h.score, h.kind, h.id))
        return SearchResult(
            query, tuple(hits), tuple(concepts), partial and bool(hits), self.synonyms
        )
