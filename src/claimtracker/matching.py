"""Find the tracked claims a piece of text makes, sentence by sentence, and whether it denies them.

The method is lexical and needs no model (docs/matching.md has the measurements behind it):

1. :func:`claimtracker.sentences.split_sentences` cuts plain or Markdown text into sentences,
   keeping each one's character offsets, line and column, and its block (paragraph, list item,
   heading).
2. :func:`claimtracker.reading.read` turns a sentence into the concepts of
   :mod:`claimtracker.lexicon` it names, each with a stance (asserted, denied, only mentioned,
   or a problem nothing reduces), plus its leftover content words, its settings and the cues for
   its subject. A claim's proposition and aliases become concepts and words the same way.
3. :class:`Matcher` scores a sentence against every claim as the share of the claim's feature
   weight the sentence covers (weights are inverse claim frequency, so "compression" counts for
   little and "lactic acid" for a lot), using the effects the sentence asserts or denies. A
   claim made of another setting than the sentence's (its ``about``: a flight is not a run) is
   scored down. Of claims that explain the same effect, only the best is kept (one claim per
   proposition), and it is reported as asserted or denied.
4. A match needs a subject, which :class:`claimtracker.subjects.Subjects` finds: a garment named
   in the sentence, a pronoun as subject with a garment named earlier in the same paragraph,
   list or section, a list item or heading naming a benefit, or a first-person account just
   after a garment was named. A sentence that points back at the claims before it ("none of
   that actually happens", "compression was better than none") carries them, with its own
   stance.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from claimtracker.context import in_context
from claimtracker.cues import REDUCING_LEAD
from claimtracker.lexicon import (
    KIND,
    POPULATION_SETTING,
    SETTING_OF_CONCEPT,
    WORN_SETTING,
)
from claimtracker.models import Claim
from claimtracker.reading import Reading, Stance, expression_keys, normalise, read, stem
from claimtracker.sentences import Sentence, split_sentences
from claimtracker.subjects import Subjects, list_lead

__all__ = ["Match", "Matcher", "normalise", "read", "stem"]

StanceOut = Literal["asserts", "denies"]

#: Reported matches score at least this much (0-1). Chosen on the train split: docs/matching.md.
DEFAULT_THRESHOLD = 0.6
#: How many sentences back the settings of a sentence that names none are looked for.
CONTEXT_WINDOW = 4
#: How many sentences back, within a paragraph, a sentence pointing back may reach.
POINT_BACK = 3
#: A claim made of another setting than the sentence's: times this.
MISMATCH_FACTOR = 0.5
#: Leftover words count for less than concepts, settings for less than effects.
TOKEN_FACTOR = 0.6
SETTING_FACTOR = 0.5
#: A feature used by at least this share of a claim's expressions is one of its core features.
CORE_SUPPORT = 0.2
#: A sentence must cover this share of a claim's core effect weight to be scored at all.
MIN_EFFECT_SHARE = 0.5
#: Leftover words join the core only when at least this share of expressions use them.
CORE_TOKEN_SUPPORT = 0.4
#: A claim's primary effects weigh at least this share of its heaviest effect; two claims whose
#: primary effects in a sentence are the same explain the same proposition.
PRIMARY_SHARE = 0.5
#: Setting concepts used by at least this share of a claim's expressions narrow its setting.
SETTING_SUPPORT = 0.25
#: An aspect every expression of a claim states ("prevents varicose veins *developing*") is
#: required: a sentence without it ("compression for varicose veins") scores this much less.
REQUIRED_SUPPORT = 0.9
REQUIRED_EXPRESSIONS = 5
ASPECT_FACTOR = 0.6
#: Settings too broad to stand for a sentence on their own ("doctors", "patients"): the
#: settings of the sentences before are added to them.
WEAK_PLACES = frozenset({"medical"})
#: Claims about the garment itself and no effect of it (how it feels, how it is graded, who
#: endorses it) are made of no setting (:func:`_places`); "firmer compression works better"
#: is a product claim about performance, and keeps its setting.
PRODUCT_FAMILIES = frozenset({"product"})
PRODUCT_DOMAINS = frozenset({"product", "perception"})
#: A claim's settings that a merely medical sentence ("in high-risk patients") does not
#: contradict: patients are often in hospital.
COVERED_BY_MEDICAL = frozenset({"hospital"})


@dataclass(frozen=True)
class Match:
    """A sentence that makes (or denies) a tracked claim, and how sure the matcher is (0-1)."""

    sentence: Sentence
    claim: str
    score: float
    expression: str
    stance: StanceOut = "asserts"


@dataclass
class _Profile:
    """A claim as weighted features: how many of its expressions use each, times its rarity."""

    claim: str
    weights: dict[str, float]
    core: float
    core_effect: float
    primary: frozenset[str]
    places: frozenset[str] | None  # None: a claim about anyone, anywhere
    required: frozenset[
        str
    ]  # aspects every expression states ("prevents ... developing")
    expressions: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    #: The aspect it weighs most ("onset" for preventing, "relief" for treating), if any.
    aspect: str | None = None


@dataclass
class _Found:
    """What one sentence made: claims with score and stance, and claims it only mentioned."""

    made: dict[int, tuple[float, StanceOut]] = field(default_factory=dict)
    mentioned: dict[int, float] = field(default_factory=dict)
    asked: bool = False
    #: Its problems, or effects with no garment as subject, and where they were named: what
    #: the garment may be said to deal with next ("I used to get cramps"), scored on demand.
    problems: tuple[set[str], frozenset[str], set[str], frozenset[str]] | None = None


class Matcher:
    """An index of claims' propositions and aliases, ready to score sentences against.

    Each claim becomes a profile: every feature of its proposition and aliases, weighted by
    the share of those expressions that use it (its *support*) times its inverse claim
    frequency. A sentence's score for a claim is the profile weight it covers, over the weight
    of the claim's core features (support >= :data:`CORE_SUPPORT`), capped at 1, times the
    subject and setting factors. Build it once per corpus; an inverted index over effect
    features keeps :meth:`match_text` cheap.
    """

    def __init__(
        self, claims: Iterable[Claim], *, threshold: float = DEFAULT_THRESHOLD
    ) -> None:
        self.threshold = threshold
        parsed: dict[str, list[tuple[str, frozenset[str]]]] = {}
        abouts: dict[str, Claim] = {}
        for claim in claims:
            abouts[claim.id] = claim
            parsed[claim.id] = [
                (t, frozenset(expression_keys(t)))
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
            heaviest = max(weights[k] for k in core_keys if _is_effect(k))
            primary = frozenset(
                k
                for k in core_keys
                if _is_effect(k) and weights[k] >= PRIMARY_SHARE * heaviest
            )
            places = _places(abouts[claim_id], support, primary)
            required = frozenset(
                k
                for k, share in support.items()
                if k.startswith("c:")
                and KIND[k[2:]] == "aspect"
                and share >= REQUIRED_SUPPORT
                and len(expressions) >= REQUIRED_EXPRESSIONS
            )
            index = len(self._profiles)
            self._profiles.append(
                _Profile(
                    claim_id,
                    weights,
                    core,
                    core_effect,
                    primary,
                    places,
                    required,
                    expressions,
                    _aspect(weights),
                )
            )
            for key, weight in weights.items():
                if _is_effect(key):
                    self._postings[key].append((index, weight))

    # ------------------------------------------------------------------ scoring

    def _score(
        self,
        keys: set[str],
        settings: frozenset[str],
        context: set[str],
        places: frozenset[str],
        factor: float,
        *,
        borrowed: bool = False,
    ) -> dict[int, float]:
        """Score per claim index sharing an effect with ``keys``. Settings ``borrowed`` from
        elsewhere in the draft only choose between claims: they lower a claim of another
        setting only when a claim of theirs shares the effect ("They reduce swelling" on a
        page about flights), never the only claim the effect can make."""
        effects: dict[int, float] = defaultdict(float)
        for key in keys:
            for i, weight in self._postings.get(key, ()):
                effects[i] += weight
        if borrowed and not any(self._fits(i, places) for i in effects):
            places = frozenset()
        effects = {
            i: covered
            for i, covered in effects.items()
            if covered >= MIN_EFFECT_SHARE * self._profiles[i].core_effect
        }
        extra = context - settings
        found: dict[int, float] = {}
        for i, covered in effects.items():
            profile = self._profiles[i]
            covered += sum(profile.weights.get(k, 0.0) for k in settings)
            covered += 0.5 * sum(profile.weights.get(k, 0.0) for k in extra)
            fit = 1.0
            if places and not self._fits(i, places):
                fit = MISMATCH_FACTOR
            if not profile.required <= settings:
                fit *= ASPECT_FACTOR
            found[i] = round(factor * fit * min(1.0, covered / profile.core), 4)
        return found

    def _fits(self, index: int, places: frozenset[str]) -> bool:
        """Whether claim ``index`` is made of one of ``places`` (or of anyone)."""
        profile = self._profiles[index]
        if profile.places is None or places & profile.places:
            return True
        return bool(places <= WEAK_PLACES and profile.places & COVERED_BY_MEDICAL)

    def _select(
        self, scores: dict[int, float], reading: Reading, keys: set[str]
    ) -> dict[int, tuple[float, StanceOut]]:
        """One claim per proposition: of claims explaining the same effects, the best."""
        ranked = sorted(
            ((i, s) for i, s in scores.items() if s >= self.threshold),
            key=lambda item: (-item[1], self._profiles[item[0]].claim),
        )
        owned: set[tuple[str, str]] = set()
        chosen: dict[int, tuple[float, StanceOut]] = {}
        aspects = {k for k in reading.settings if KIND[k[2:]] == "aspect"}
        for i, score in ranked:
            profile = self._profiles[i]
            present = {k for k in keys if k in profile.primary} or {
                k for k in keys if _is_effect(k) and k in profile.weights
            }
            # A sentence naming two settings ("in air travellers and hospital patients") can
            # make the same effect's claim for each of them; one naming two aspects
            # ("relieve symptoms and slow the progress of varicose veins") can make the claim
            # of each aspect.
            places = (profile.places or frozenset()) & reading.places or {"*"}
            aspect = profile.aspect
            if aspect is not None and aspect in aspects and len(aspects) > 1:
                places = {f"{p}|{aspect}" for p in places}
            tags = {(k, p) for k in present for p in places}
            taken = {k for k, _ in owned}
            if not any(
                k not in taken
                or (p != "*" and (k, p) not in owned and (k, "*") not in owned)
                for k, p in tags
            ):
                continue
            owned |= tags
            denied = sum(
                profile.weights.get(k, 0.0)
                for k in keys
                if reading.effects.get(k) == "denies"
            )
            asserted = sum(
                profile.weights.get(k, 0.0)
                for k in keys
                if reading.effects.get(k) == "asserts"
            )
            chosen[i] = (score, "denies" if denied > asserted else "asserts")
        return chosen

    def score_keys(
        self, keys: set[str], *, context: Iterable[str] = (), minimum: float = 0.0
    ) -> dict[str, float]:
        """Score per claim for a bag of features (the claim's own expressions, for tests)."""
        settings = frozenset(k for k in keys if not _is_effect(k))
        effects = {k for k in keys if _is_effect(k)}
        scores = self._score(effects, settings, set(context), frozenset(), 1.0)
        return {self._profiles[i].claim: s for i, s in scores.items() if s >= minimum}

    # ------------------------------------------------------------------ sentences

    def match_sentences(self, sentences: Sequence[Sentence]) -> list[Match]:
        """Matches at or above the threshold, in sentence order, best first within a sentence."""
        readings = [read(s.text) for s in sentences]
        readings = [
            r if lead is None else _under_lead(r, lead)
            for r, lead in (
                (r, _reducing_lead(sentences, readings, i))
                for i, r in enumerate(readings)
            )
        ]
        subjects = Subjects(sentences, readings)
        matches: list[Match] = []
        found: list[_Found] = []
        draft_places = frozenset().union(*(r.places for r in readings))
        for index, (sentence, reading) in enumerate(
            zip(sentences, readings, strict=True)
        ):
            window = readings[max(0, index - CONTEXT_WINDOW) : index]
            before = frozenset().union(*(r.places for r in window))
            places = (
                reading.places | before
                if reading.places <= WEAK_PLACES
                else reading.places
            )
            borrowed = not places
            if borrowed:
                places = draft_places
            context = {
                k for r in window for k in r.settings if KIND[k[2:]] == "setting"
            }
            factor = subjects.factor(index)
            reading = in_context(reading, window, places)
            result = _Found(asked=reading.asks)
            active = reading.keys("asserts", "denies")
            if factor and active:
                scores = self._score(
                    active, reading.settings, context, places, factor, borrowed=borrowed
                )
                result.made = self._select(scores, reading, active)
            mentioned = reading.keys("topic")
            if mentioned:
                scores = self._score(mentioned, reading.settings, context, places, 1.0)
                result.mentioned = {
                    i: s for i, s in scores.items() if s >= self.threshold
                }
            # problems, and effects no garment was said to bring ("I used to wake up with
            # cramps"): what a next sentence may say the garment dealt with
            problems = {k for k in reading.keys("problem") if k.startswith("c:")}
            if not factor:
                problems |= {k for k in active if k.startswith("c:")}
            if problems:
                result.problems = (problems, reading.settings, context, places)
            if reading.anaphora:
                pointed = self._pointed_at(found, subjects, index)
                if pointed is not None:
                    self._carry(pointed, reading.anaphora, result, factor)
            found.append(result)
            subjects.note(index, bool(result.made))
            for i, (score, stance) in sorted(
                result.made.items(),
                key=lambda item: (-item[1][0], self._profiles[item[0]].claim),
            ):
                matches.append(
                    Match(
                        sentence,
                        self._profiles[i].claim,
                        score,
                        self._closest(i, active),
                        stance,
                    )
                )
        return matches

    @staticmethod
    def _pointed_at(
        found: Sequence[_Found], subjects: Subjects, index: int
    ) -> _Found | None:
        """What a sentence that points back takes: the nearest sentence before it in its
        paragraph (up to :data:`POINT_BACK` sentences) that made, asked about or named
        something ("Research on these benefits has produced mixed results")."""
        for j in range(index - 1, max(-1, index - 1 - POINT_BACK), -1):
            if not subjects.same_stretch(j, index):
                return None
            if found[j].made or found[j].mentioned or found[j].problems:
                return found[j]
        return None

    def _carry(
        self, before: _Found, stance: str, result: _Found, factor: float
    ) -> None:
        """'None of that actually happens': the claims of the sentence before, with this
        stance; 'Compression socks fixed that': the problems of the sentence before, reduced
        by the garment this sentence names (times its subject factor)."""
        if stance not in ("asserts", "denies"):
            return
        out: StanceOut = "denies" if stance == "denies" else "asserts"
        pool = (
            before.mentioned
            if before.asked and before.mentioned
            else {**before.mentioned, **{i: s for i, (s, _) in before.made.items()}}
        )
        if not pool and factor and before.problems is not None:
            pool = {
                i: s
                for i, s in self._score(*before.problems, factor).items()
                if s >= self.threshold
            }
        for i, score in pool.items():
            result.made.setdefault(i, (score, out))

    def _closest(self, index: int, keys: set[str]) -> str:
        profile = self._profiles[index]
        return max(
            profile.expressions, key=lambda e: len(e[1] & keys) / (len(e[1]) or 1)
        )[0]

    def match_text(self, text: str) -> list[Match]:
        """Split ``text`` into sentences and match each one."""
        return self.match_sentences(split_sentences(text))


def _reducing_lead(
    sentences: Sequence[Sentence], readings: Sequence[Reading], index: int
) -> Reading | None:
    """The lead-in of the list this sentence is an item of, when it says what the garment
    does to the problems listed ("... can help prevent:")."""
    lead = list_lead(sentences, index)
    if lead is None or not REDUCING_LEAD.search(normalise(sentences[lead].text)):
        return None
    return readings[lead]


def _under_lead(reading: Reading, lead: Reading) -> Reading:
    """An item under a reducing lead-in: its problems are reduced, with the lead-in's aspect
    ("prevent"); a harm named there is what the garment guards against, not one it causes."""
    effects: dict[str, Stance] = {}
    for key, stance in reading.effects.items():
        if key == "c:harm":
            effects[key] = "topic"
        elif stance == "problem" and key.startswith("c:"):
            effects[key] = "asserts"
        else:
            effects[key] = stance
    aspects = {k for k in lead.settings if KIND[k[2:]] == "aspect"}
    return replace(reading, effects=effects, settings=reading.settings | aspects)


def _places(
    claim: Claim, support: dict[str, float], primary: frozenset[str]
) -> frozenset[str] | None:
    """The settings a claim is made of, from its ``about`` and its own words; None for anyone.
    A claim about the product itself and no effect of it (how it feels, how it is graded,
    who endorses it) holds wherever the garment is worn: stockings that are hard to put on
    on a flight speak to the comfort claim as much as socks on a run."""
    if claim.family in PRODUCT_FAMILIES and claim.domain.value in PRODUCT_DOMAINS:
        return None
    about = claim.about
    places: set[str] = set()
    for population in about.populations:
        place = POPULATION_SETTING.get(population.value)
        if place is None:
            return None
        places.add(place)
    if about.worn is not None and about.worn.value in WORN_SETTING:
        places.add(WORN_SETTING[about.worn.value])
    for key, share in support.items():
        name = key[2:]
        if not key.startswith("c:") or name not in SETTING_OF_CONCEPT:
            continue
        if KIND[name] == "setting" and share >= SETTING_SUPPORT or key in primary:
            places.add(SETTING_OF_CONCEPT[name])
    return frozenset(places)


def _aspect(weights: dict[str, float]) -> str | None:
    """The aspect a claim weighs most ("onset" for preventing, "relief" for treating), if any."""
    weighted = [
        (w, k)
        for k, w in weights.items()
        if k.startswith("c:") and KIND[k[2:]] == "aspect"
    ]
    return max(weighted)[1] if weighted else None


def _is_effect(key: str) -> bool:
    return key.startswith("t:") or KIND[key[2:]] == "effect"


def _core_support(key: str) -> float:
    return CORE_TOKEN_SUPPORT if key.startswith("t:") else CORE_SUPPORT


def _factor(key: str) -> float:
    if key.startswith("t:"):
        return TOKEN_FACTOR
    return 1.0 if KIND[key[2:]] == "effect" else SETTING_FACTOR
