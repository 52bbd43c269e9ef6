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
:data:`claimtracker.stance.NEGATION_REACH` words forward within its clause, and not past a dash
or a bracket (:mod:`claimtracker.stance` reads each word's stance).

The reader also notes what the matcher needs to find the sentence's subject: a garment named, a
pronoun as subject ("they", "these", "it"), a first-person account, a sentence pointing back at
the claims before it ("none of that actually happens"), and the settings it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from claimtracker.cues import (
    ANAPHORA,
    BENEFIT_LEAD,
    BODY_ACTS,
    BODY_SUBJECT,
    COMFORT_BROUGHT,
    COMFORT_WORD,
    COMPARATIVE,
    COMPARATIVE_REACH,
    DOUBT,
    EFFICACY,
    ELIDED_SUBJECT,
    FIRST_PERSON,
    GARMENT_FEELS,
    LIMB,
    LOSS,
    LOSS_REDUCED,
    MEANS,
    NAMED_SUBJECT,
    NEGATOR,
    NOT_THE_GARMENT,
    OPENING_PRONOUN,
    OPENING_THEY,
    OTHER_AGENT,
    PRONOUN_ANY,
    PRONOUN_SUBJECT,
    SHORT_ANSWER,
    TITLE,
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
    Hit,
    find_hits,
    fuzzy_concept,
    leftover,
    names,
    normalise,
    stem,
)
from claimtracker.stance import SentenceText, Stance

__all__ = ["Hit", "Reading", "Stance", "expression_keys", "normalise", "read", "stem"]


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
        key: "asserts"
        for key, *_ in _effect_words(text, low, hits, SentenceText(low, hits))
    }
    settings = _settings(hits)
    _retarget(low, effects, settings, effects.__setitem__)
    # A claim's "oedema" is its swelling (a draft's is settled by context.in_context).
    if "c:edema" in effects:
        effects["c:swelling"] = effects.pop("c:edema")
    return set(effects) | settings


# --------------------------------------------------------------------------- reading


#: Effects that name a setting only when nothing reduces them: "after a calf injury" is a
#: setting, "prevents injuries" is not.
REDUCIBLE_PLACES = frozenset({"injury"})

_RANK: tuple[Stance, ...] = ("problem", "topic", "denies", "asserts")


def _places(
    t: SentenceText, hits: list[Hit], effects: dict[str, Stance]
) -> frozenset[str]:
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


def _garment_feels(t: SentenceText, start: int, end: int) -> bool:
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
    text: str, low: str, hits: list[Hit], t: SentenceText
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
            and (
                not _garment_feels(t, hit.start, hit.end)
                or COMFORT_BROUGHT.search(low, max(0, hit.start - 40), hit.start)
            )
        ):
            # "swelling is uncomfortable", "comfortable clothes": not the garment's; "used
            # to improve patient comfort": comfort it brings, not how it feels
            continue
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
    t = SentenceText(low, hits)
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
