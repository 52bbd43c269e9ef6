"""Read one sentence: which concepts it names, and whether it asserts, denies or only mentions them.

:func:`read` finds the concepts of :mod:`claimtracker.lexicon` in a sentence (longest phrase
first) and gives each effect a *stance*:

- ``asserts``: the sentence says the garment has the effect ("they cut soreness", "no more
  swollen ankles", "cramp prevention", "manufacturers claim it flushes lactic acid");
- ``denies``: it says the garment lacks it, or doubts the evidence for it ("won't make you
  faster", "no difference in performance", "there is no real evidence that ...");
- ``topic``: it names the effect without taking a side: a question, a hypothesis ("in theory",
  "it is assumed", "supposedly", "hoping they will"), what a study set out to test;
- ``problem``: it names a problem with nothing reducing it ("varicose veins are common", "running
  can cause swelling"): not a claim.

Scope is the clause: a sentence is cut at contrast words ("but", "however", "while" ...) and
semicolons, and a clause opened by a subordinator ("while", "although", "whether", "if") ends at
its first comma, so "While there is no evidence that they make you faster, studies show they help
recovery" denies performance and asserts recovery. A negator reaches at most
:data:`NEGATION_REACH` words forward within its clause, and not past a dash or a bracket.

The reader also notes what the matcher needs to find the sentence's subject: a garment named, a
pronoun as subject ("they", "these", "it"), a first-person account, a sentence pointing back at
the claims before it ("none of that actually happens"), and the settings it names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from claimtracker.clauses import clauses, question_from
from claimtracker.cues import (
    ANAPHORA,
    BENEFIT_LEAD,
    BODY_ACTS,
    BODY_SUBJECT,
    CIRCUMSTANCE,
    COMFORT_WORD,
    COMPARATIVE,
    COMPARATIVE_REACH,
    DEFINITION,
    DOUBT,
    EFFICACY,
    ELIDED_SUBJECT,
    FIRST_PERSON,
    GARMENT_FEELS,
    HARM_REDUCER,
    HARM_RELIEF,
    LIMB,
    LOSS,
    LOSS_REDUCED,
    MEANS,
    NAMED_SUBJECT,
    NEGATOR,
    NON_WEARERS_WORSE,
    NOT_FOR,
    NOT_STATE,
    NOT_THE_GARMENT,
    OPENING_PRONOUN,
    OPENING_THEY,
    OTHER_AGENT,
    POST_REDUCER,
    PROBLEM_NEGATOR,
    PRONOUN_ANY,
    PRONOUN_SUBJECT,
    PURPOSE,
    REDUCER,
    SCOPE_BREAK,
    SHORT_ANSWER,
    STATE,
    TITLE,
    TOPIC,
    WORN_AFTER,
)
from claimtracker.harms import note_brought_on, settle
from claimtracker.lexicon import (
    CONCEPTS_BY_NAME,
    DURING,
    GARMENT,
    GARMENT_SETTING,
    RETARGET,
    SETTING_OF_CONCEPT,
    WEAK_GARMENT,
)
from claimtracker.phrases import (
    WORD,
    Hit,
    find_hits,
    fuzzy_concept,
    leftover,
    names,
    normalise,
    stem,
)

__all__ = ["Hit", "Reading", "Stance", "expression_keys", "normalise", "read", "stem"]

Stance = Literal["asserts", "denies", "topic", "problem"]

#: How many words forward a negator reaches ("there is nothing in the technology that can help
#: to boost performance").
NEGATION_REACH = 12
#: How many words before a problem a reducing word may stand ("reduce the risk of developing
#: dangerous blood clots"), and after it ("cramp prevention", "the pain was gone").
REDUCER_REACH = 10
POST_REDUCER_REACH = 8
#: How far a bare "no" reaches to the problem it reduces (words): "no more sore calves".
BARE_NO_REACH = 3
#: How far past a problem (characters) a reducer's look-ahead may read.
LOOKAHEAD = 60
#: Problems listed together share the reducer of the list ("help with aching, swelling,
#: varicose veins and venous insufficiency"): at most this many words between two of them.
LIST_GAP = 4


@dataclass(frozen=True)
class Reading:
    """What one sentence says, for the matcher.

    ``effects`` maps each effect key (``c:<concept>`` or ``t:<stemmed word>``) to its stance;
    ``settings`` are the setting and aspect concepts named, as keys, and ``places`` the settings they
    belong to (``sport``, ``travel``, ``work``, ``hospital``, ``medical``, ``injury``).
    """

    effects: dict[str, Stance]
    settings: frozenset[str]
    places: frozenset[str]
    garment: bool
    bare_garment: bool
    pronoun_subject: bool
    #: Its subject is a pronoun at the very start ("They shave minutes off ...").
    opens_on_pronoun: bool
    pronoun: bool
    first_person: bool
    benefit_lead: bool
    anaphora: Stance | None
    question: bool
    #: It opens on another agent ("Foam rolling may reduce soreness").
    other_agent: bool = False
    #: Some part of it is a question ("OK, so they help recovery, but can they make me faster?").
    asks: bool = False
    #: Its subject is the body or a condition ("Your veins carry blood back to the heart").
    body_subject: bool = False
    #: Its subject is a condition or the blood's course, not a limb that can feel the
    #: garment's effect ("Varicose veins are common", "Your veins carry blood back").
    condition_subject: bool = False
    #: The blood or a vessel acts in it ("as blood flows toward the heart").
    body_acts: bool = False
    #: It opens on a thing named and what it is ("Sleep is the key to recovery").
    named_subject: bool = False
    #: It opens on "they" or on the pressure ("They can be used to treat ...").
    opens_on_they: bool = False
    #: It says a risk fell and names no problem ("stockings reduced risk from 30 to 3 in 1,000").
    risk_reduced: bool = False

    def keys(self, *stances: Stance) -> set[str]:
        """The effect keys with one of ``stances``."""
        return {k for k, s in self.effects.items() if s in stances}


def expression_keys(text: str) -> set[str]:
    """The features of a claim's proposition or alias, read as a draft sentence is: its
    concepts (whatever their stance), settings, aspects and leftover words."""
    low = normalise(text)
    hits = find_hits(low)
    effects: dict[str, Stance] = {
        key: "asserts" for key, *_ in _effect_words(text, low, hits, _Text(low, hits))
    }
    settings = _settings(hits)
    _retarget(low, effects, settings, effects.__setitem__)
    # A claim's "oedema" is its swelling (a draft's is settled by context.in_context).
    if "c:edema" in effects:
        effects["c:swelling"] = effects.pop("c:edema")
    return set(effects) | settings


# --------------------------------------------------------------------------- reading


class _Text:
    """One normalised sentence with its words, clauses and the reach of its negators."""

    def __init__(self, low: str, hits: list[Hit]) -> None:
        self.low = low
        self.words = [m.start() for m in WORD.finditer(low)]
        self.clauses = clauses(low)
        self.question_at = question_from(low, self.clauses)
        self.breaks = [m.start() for m in SCOPE_BREAK.finditer(low)]
        self.garment_ends = [h.end for h in hits if h.concept.kind == "subject"]
        self.named_ends = self.garment_ends + [
            m.end() for m in WEAK_GARMENT.finditer(low)
        ]
        self.definitions = list(DEFINITION.finditer(low))
        self._found: dict[re.Pattern[str], list[tuple[int, int]]] = {}
        self._framed: dict[tuple[int, int], Stance | None] = {}
        #: The end and stance of the problem before, for lists of problems.
        self.listed_after: tuple[int, Stance] | None = None

    def word(self, pos: int) -> int:
        return bisect.bisect_right(self.words, pos) - 1

    def word_start(self, index: int, default: int) -> int:
        if 0 <= index < len(self.words):
            return self.words[index]
        return default

    def clause(self, pos: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= pos < b:
                return a, b
        return self.clauses[-1] if self.clauses else (0, len(self.low))

    def negated(self, pattern: re.Pattern[str], pos: int, clause_start: int) -> bool:
        """A negator of ``pattern`` within reach before ``pos``, in its clause and scope."""
        i = bisect.bisect_right(self.breaks, pos) - 1
        start = max(clause_start, self.breaks[i] + 1) if i >= 0 else clause_start
        if pattern not in self._found:
            self._found[pattern] = [
                (m.start(), m.end()) for m in pattern.finditer(self.low)
            ]
        return any(
            start <= a and b <= pos and self.word(pos) - self.word(a) <= NEGATION_REACH
            for a, b in self._found[pattern]
        )

    def framing(self, a: int, b: int, pos: int = -1) -> Stance | None:
        """The stance a whole clause imposes: a question or hypothesis, or doubt."""
        if self.question_at is not None and max(a, pos) >= self.question_at:
            return "topic"
        if any(d.start() < pos < d.end() for d in self.definitions):
            return "topic"
        if (a, b) not in self._framed:
            span = self.low[a:b]
            self._framed[a, b] = (
                "denies"
                if DOUBT.search(span)
                else "topic"
                if TOPIC.search(span)
                else None
            )
        return self._framed[a, b]

    def reducer_before(self, pos: int, a: int) -> re.Match[str] | None:
        lo = max(a, self.word_start(max(0, self.word(pos) - REDUCER_REACH), a))
        found = [
            m
            # (the search runs past ``pos`` so that a reducer may look ahead at the problem:
            # "keep swelling down")
            for m in REDUCER.finditer(self.low, lo, pos + LOOKAHEAD)
            if m.end() <= pos
            # a bare "no" is the problem's own ("no swelling", "no more sore calves"), not
            # that of a person further off ("no nurse is spared a swollen leg")
            and not (
                m.group() == "no"
                and self.word(pos) - self.word(m.start()) > BARE_NO_REACH
            )
        ]
        return found[-1] if found else None

    def reduced_after(self, end: int, b: int) -> bool:
        hi = self.word_start(self.word(end) + 1 + POST_REDUCER_REACH, b)
        return bool(POST_REDUCER.search(self.low, end, min(b, hi)))

    def garment_for(self, pos: int) -> bool:
        """'compression socks for leg cramps': the garment is named as the remedy."""
        return any(
            g <= pos < g + 60
            and re.match(r"\s+(?:for|against)\s", self.low[g : g + 10])
            for g in self.named_ends
        )

    def problem(self, start: int, end: int) -> Stance:
        """A problem is asserted as reduced when a reducer governs it, denied when that
        reducer is negated ("no amount of compression could prevent cramps"); otherwise it is
        only named."""
        a, b = self.clause(start)
        if CIRCUMSTANCE.search(self.low, max(a, start - 100), start):
            return "problem"
        if NOT_FOR.search(self.low, max(a, start - 40), start):
            return "denies"
        if STATE.fullmatch(self.low, start, end) and NOT_STATE.search(
            self.low, max(a, start - 30), start
        ):
            return "asserts"
        if self.listed_after is not None and start >= a:
            previous_end, previous_stance = self.listed_after
            if (
                previous_end >= a
                and previous_stance in ("asserts", "denies")
                and self.word(start) - self.word(previous_end) <= LIST_GAP
            ):
                return previous_stance
        if NON_WEARERS_WORSE.search(self.low):
            return "asserts"  # the "not" is the non-wearers', not the effect's
        reducer = self.reducer_before(start, a)
        if reducer is not None:
            return (
                "denies"
                if self.negated(PROBLEM_NEGATOR, reducer.start(), a)
                else "asserts"
            )
        if (
            self.garment_for(start)
            or self.reduced_after(end, b)
            or PURPOSE.search(self.low)
        ):
            return "denies" if self.negated(PROBLEM_NEGATOR, start, a) else "asserts"
        return "problem"

    def stance(self, polarity: str, start: int, end: int) -> Stance:
        a, b = self.clause(start)
        framed = self.framing(a, b, start)
        if framed is not None:
            return framed
        if polarity == "opposite":
            return "denies"
        if polarity == "harm":
            lo = max(a, self.word_start(max(0, self.word(start) - REDUCER_REACH), a))
            if HARM_RELIEF.search(self.low, lo, start):
                return "problem"
            if HARM_REDUCER.search(self.low, lo, start) or self.negated(
                NEGATOR, start, a
            ):
                return "denies"
            return "asserts"
        if polarity == "problem":
            return self.problem(start, end)
        negator = PROBLEM_NEGATOR if polarity == "word" else NEGATOR
        return "denies" if self.negated(negator, start, a) else "asserts"


#: Effects that name a setting only when nothing reduces them: "after a calf injury" is a
#: setting, "prevents injuries" is not.
REDUCIBLE_PLACES = frozenset({"injury"})

_RANK: tuple[Stance, ...] = ("problem", "topic", "denies", "asserts")


def _places(t: _Text, hits: list[Hit], effects: dict[str, Stance]) -> frozenset[str]:
    """The settings named in the clauses that assert or deny an effect (else anywhere): in
    "used to treat oedema; now healthy runners wear them" the setting of the oedema is medical."""
    by_clause: dict[tuple[int, int], set[str]] = {}
    active: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    for h in hits:
        if h.concept.kind == "effect":
            spans[h.start, h.end] = spans.get((h.start, h.end), 0) + 1
    for h in hits:
        clause = t.clause(h.start)
        name = h.concept.name
        if h.concept.kind == "effect" and spans[h.start, h.end] > 1:
            continue  # "tired legs": the setting has to come from elsewhere
        if h.concept.kind == "effect" and effects.get(f"c:{name}") in (
            "asserts",
            "denies",
        ):
            active.add(clause)
        if h.concept.kind == "subject":
            text = t.low[h.start : h.end]
            for pattern, place in GARMENT_SETTING:
                if pattern.search(text):
                    by_clause.setdefault(clause, set()).add(place)
        if name in SETTING_OF_CONCEPT and (
            h.concept.kind == "setting"
            or name not in REDUCIBLE_PLACES
            or effects.get(f"c:{name}") == "problem"
        ):
            by_clause.setdefault(clause, set()).add(SETTING_OF_CONCEPT[name])
    named = set().union(*(by_clause.get(c, set()) for c in active)) if active else set()
    return frozenset(named or set().union(*by_clause.values(), set()))


def _condition_subject(low: str) -> bool:
    m = BODY_SUBJECT.match(low)
    return m is not None and not LIMB.search(m.group())


def _other_agent(low: str, garment: bool) -> bool:
    if MEANS.search(low) and not garment:
        return True
    m = OTHER_AGENT.match(low)
    return m is not None and not GARMENT.pattern.search(m.group(1))


#: Gains whose loss a sentence can name without claiming anything ("reductions in muscle
#: strength", "may affect athletic performance").
LOSABLE = frozenset(
    {
        "c:strength",
        "c:performance",
        "c:endurance",
        "c:balance",
        "c:mechanics",
        "c:confidence",
    }
)


def _garment_feels(t: _Text, start: int, end: int) -> bool:
    """'(Un)comfortable' said of the garment: the garment, or a pronoun for it, earlier in
    the clause ("many patients find them uncomfortable", "compression socks can be
    uncomfortable"), or the wearing itself ("uncomfortable to wear")."""
    a, _ = t.clause(start)
    return bool(
        GARMENT_FEELS.search(t.low, a, start)
        or WORN_AFTER.match(t.low, end)
        or any(a <= g < start for g in t.garment_ends)
    )


def _effect_words(
    text: str, low: str, hits: list[Hit], t: _Text
) -> Iterator[tuple[str, str, int, int]]:
    """(key, polarity, start, end) of each effect concept and leftover word, in order."""
    previous_end = -(10**9)
    for hit in hits:
        if hit.concept.kind != "effect":
            continue
        if (
            hit.concept.name == "performance"
            and COMPARATIVE.fullmatch(low[hit.start : hit.end])
            and previous_end >= t.clause(hit.start)[0]
            and t.word(hit.start) - t.word(previous_end) <= COMPARATIVE_REACH
        ):
            continue  # "helps blood return to the heart faster": how, not performance
        if (
            hit.concept.name == "comfort"
            and COMFORT_WORD.fullmatch(low[hit.start : hit.end])
            and not _garment_feels(t, hit.start, hit.end)
        ):
            continue  # "swelling is uncomfortable", "comfortable clothes": not the garment's
        yield f"c:{hit.concept.name}", hit.concept.polarity, hit.start, hit.end
        previous_end = hit.end
    proper = names(text)
    for word, start in leftover(low, hits):
        fuzzy = fuzzy_concept(word) if len(word) >= 5 and word not in proper else None
        if fuzzy is None:
            yield f"t:{stem(word)}", "word", start, start + len(word)
        elif CONCEPTS_BY_NAME[fuzzy].kind == "effect":
            yield (
                f"c:{fuzzy}",
                CONCEPTS_BY_NAME[fuzzy].polarity,
                start,
                start + len(word),
            )


def _settings(hits: list[Hit]) -> set[str]:
    return {
        f"c:{h.concept.name}" for h in hits if h.concept.kind in ("setting", "aspect")
    }


def _retarget(
    low: str,
    effects: dict[str, Stance],
    settings: set[str],
    note: Callable[[str, Stance], None],
) -> None:
    """Fatigue after a run is read as recovery (:data:`RETARGET`)."""
    for (name, setting), target in RETARGET.items():
        key = f"c:{name}"
        if key in effects and f"c:{setting}" in settings and not DURING.search(low):
            note(f"c:{target}", effects.pop(key))


def read(text: str) -> Reading:
    """The stance of every effect a draft sentence names, and the cues for its subject."""
    low = TITLE.sub(lambda m: " " * len(m.group()), normalise(text))
    hits = find_hits(low)
    t = _Text(low, hits)
    effects: dict[str, Stance] = {}

    def note(key: str, stance: Stance) -> None:
        if key not in effects or _RANK.index(stance) > _RANK.index(effects[key]):
            effects[key] = stance

    for key, polarity, start, end in _effect_words(text, low, hits, t):
        stance = t.stance(polarity, start, end)
        if stance == "asserts" and key in LOSABLE:
            before = low[max(t.clause(start)[0], start - 60) : start]
            loss = LOSS.search(before)
            if loss is not None and not LOSS_REDUCED.search(before, 0, loss.start()):
                stance = (
                    "topic"  # "the loss of muscle strength", "may affect performance"
                )
        if (
            polarity == "problem"
            and key.startswith("c:")
            and stance != "topic"
            and note_brought_on(t, key, start, end, note)
        ):
            stance = "problem"  # "they can worsen varicose veins": a harm, noted above
        note(key, stance)
        if polarity == "problem" and key.startswith("c:"):
            t.listed_after = (end, stance)
    risk_reduced = settle(t, effects, note, t.question_at is not None)
    settings = _settings(hits)
    _retarget(low, effects, settings, note)
    if NOT_THE_GARMENT.search(low):
        for key, value in effects.items():
            if value == "asserts":
                effects[key] = "denies"
    anaphora: Stance | None = None
    works = EFFICACY.search(low)
    if works and any(
        v in ("asserts", "denies") for k, v in effects.items() if k.startswith("c:")
    ):
        works = None
    answer = SHORT_ANSWER.match(low)
    if answer is not None:
        anaphora = "denies" if answer.group("no") else "asserts"
    elif t.question_at is None and ANAPHORA.search(low):
        anaphora = "denies" if (DOUBT.search(low) or NEGATOR.search(low)) else "asserts"
    elif t.question_at is None and works:
        said = t.negated(NEGATOR, works.start(), t.clause(works.start())[0])
        anaphora = "denies" if (DOUBT.search(low) or said) else "asserts"
    return Reading(
        effects=effects,
        settings=frozenset(settings),
        places=_places(t, hits, effects),
        garment=bool(t.garment_ends),
        bare_garment=bool(WEAK_GARMENT.search(low)),
        pronoun_subject=bool(PRONOUN_SUBJECT.search(low) or ELIDED_SUBJECT.match(low)),
        opens_on_pronoun=bool(OPENING_PRONOUN.match(low)),
        pronoun=bool(PRONOUN_ANY.search(low)),
        first_person=bool(FIRST_PERSON.search(low)),
        benefit_lead=bool(BENEFIT_LEAD.match(low)),
        anaphora=anaphora,
        question=t.question_at == 0,
        asks=t.question_at is not None,
        other_agent=_other_agent(low, bool(t.garment_ends)),
        body_subject=bool(BODY_SUBJECT.match(low)),
        condition_subject=_condition_subject(low),
        body_acts=bool(BODY_ACTS.search(low)),
        opens_on_they=bool(OPENING_THEY.match(low)),
        named_subject=bool(NAMED_SUBJECT.match(low)) and not t.garment_ends,
        risk_reduced=risk_reduced,
    )
