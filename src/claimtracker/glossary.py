"""Terms readers meet (surrogate outcome, SMD, crossover trial, low certainty ...) in plain words.

Three sources, merged in this order (a later entry for the same term wins):

1. the rating words, the GRADE certainty levels and the flags, from their definitions in
   :mod:`claimtracker.vocab` (one source of truth with the Methods page and the engine);
2. ``glossary.yaml`` shipped with the package: research-methods terms;
3. ``glossary.yaml`` at the data root, if there is one: the subject's own terms (DVT,
   creatine kinase ...), or a different wording of a term above.

:meth:`Glossary.find` names the terms a piece of text uses (whole words; a short all-capitals
term such as ``OR`` or ``MD`` only in capitals, so "or" in a sentence is not a term), and
:meth:`Glossary.tooltip` gives their meanings as one plain-text tooltip.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from claimtracker.datafiles import GLOSSARY, DataFile, parse_data_file, read_data_file
from claimtracker.models import (
    CERTAINTY_MEANINGS,
    FLAG_MEANINGS,
    RATING_MEANINGS,
    ShortText,
    Text,
)
from claimtracker.vocab import label

#: The package's own glossary file (research-methods terms).
PACKAGE_GLOSSARY = Path(__file__).with_name("glossary.yaml")


class Term(BaseModel):
    """One term and what it means in plain words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: ShortText = Field(description="The term as pages show it.")
    meaning: Text = Field(description="One or two plain sentences, in our own words.")
    also: list[ShortText] = Field(
        default_factory=list, description="Other ways the term is written."
    )

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.also)


class GlossaryFile(BaseModel):
    """``glossary.yaml``: terms, and plain names for vocabulary values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: list[Term] = Field(default_factory=list, description="The terms.")
    names: dict[str, ShortText] = Field(
        default_factory=dict,
        description="Plain names for vocabulary values (rct-crossover: randomised crossover trial).",
    )


def vocabulary_terms() -> list[Term]:
    """The ratings, certainty levels and flags, explained from their definitions."""
    terms = [
        Term(term=label(r), meaning=f"Our rating: {RATING_MEANINGS[r]}.")
        for r in RATING_MEANINGS
    ]
    terms += [
        Term(
            term=f"{label(c)} certainty",
            meaning=f"GRADE certainty of the evidence: {CERTAINTY_MEANINGS[c]}.",
        )
        for c in CERTAINTY_MEANINGS
    ]
    terms += [
        Term(
            term=label(f),
            meaning=f"A caveat: {FLAG_MEANINGS[f]}.",
            also=[f.value] if f.value != label(f) else [],
        )
        for f in FLAG_MEANINGS
    ]
    return terms


def _is_capitals(form: str) -> bool:
    """A short all-capitals form (OR, MD, CI) is matched only in capitals."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and len(form) <= 5 and all(c.isupper() for c in letters)


def _pattern(forms: Iterable[str], flags: int) -> re.Pattern[str] | None:
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    if not ordered:
        return None
    body = "|".join(re.escape(f) for f in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


@dataclass(frozen=True)
class Glossary:
    """Terms by name, and the plain names of vocabulary values."""

    terms: tuple[Term, ...]
    names: Mapping[str, str] = field(default_factory=dict)

    @functools.cached_property
    def _by_form(self) -> dict[str, Term]:
        found: dict[str, Term] = {}
        for term in self.terms:
            for form in term.forms:
                key = form if _is_capitals(form) else form.lower()
                found.setdefault(key, term)
        return found

    @functools.cached_property
    def _patterns(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        forms = [f for t in self.terms for f in t.forms]
        return (
            _pattern([f for f in forms if _is_capitals(f)], 0),
            _pattern([f for f in forms if not _is_capitals(f)], re.IGNORECASE),
        )

    def get(self, word: str) -> Term | None:
        """The term written as ``word`` (any of its forms), or None."""
        return self._by_form.get(word) or self._by_form.get(word.lower())

    def find(self, text: str) -> list[Term]:
        """The terms ``text`` uses, in the order they first appear, each once."""
        hits: list[tuple[int, Term]] = []
        for pattern in self._patterns:
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                term = self.get(m.group(0))
                if term is not None:
                    hits.append((m.start(), term))
        seen: dict[str, Term] = {}
        for _, term in sorted(hits, key=lambda h: h[0]):
            seen.setdefault(term.term, term)
        return list(seen.values())

    def tooltip(self, *texts: str) -> str | None:
        """``term: meaning`` for each term the texts use, one per line (None when none)."""
        terms: dict[str, Term] = {}
        for text in texts:
            for term in self.find(text):
                terms.setdefault(term.term, term)
        if not terms:
            return None
        return "\n\n".join(f"{t.term}: {t.meaning}" for t in terms.values())

    def name(self, value: object) -> str:
        """A vocabulary value's plain name (``rct-crossover`` -> ``randomised crossover trial``)."""
        text = str(getattr(value, "value", value))
        return self.names.get(text) or label(text)


def read_glossary(root: Path) -> DataFile[GlossaryFile]:
    """The data root's own ``glossary.yaml`` (no value and no problem when missing)."""
    return read_data_file(root, GLOSSARY, GlossaryFile)


@functools.lru_cache(maxsize=1)
def _package_file() -> GlossaryFile:
    found = parse_data_file(
        PACKAGE_GLOSSARY.read_bytes(), "claimtracker/glossary.yaml", GlossaryFile
    )
    if found.value is None:  # a packaging mistake, caught by the tests
        raise ValueError(f"the package's glossary is invalid: {found.problems}")
    return found.value


def build_glossary(*files: GlossaryFile) -> Glossary:
    """The vocabulary's terms, then each file's (a later file's entry for a term wins)."""
    by_term: dict[str, Term] = {t.term.lower(): t for t in vocabulary_terms()}
    names: dict[str, str] = {}
    for file in files:
        by_term.update({t.term.lower(): t for t in file.terms})
        names.update(file.names)
    return Glossary(tuple(by_term.values()), names)


def load_glossary(root: Path | None = None) -> Glossary:
    """The glossary for ``root``: the package's terms plus the data root's own file (an
    invalid data-root file is left out; ``claimtracker validate`` reports it)."""
    files = [_package_file()]
    if root is not None:
        own = read_glossary(root)
        if own.value is not None:
            files.append(own.value)
    return build_glossary(*files)
