"""What a sentence's effects mean given the sentences around it.

:class:`claimtracker.matching.Matcher` reads each sentence on its own
(:func:`claimtracker.reading.read`), then lets the passage settle two things the sentence
cannot settle alone:

- **Symptoms on a medical page.** "Help relieve symptoms", "help swelling and aching", "relieve
  painful symptoms" are the symptoms of venous disease when the sentence, or the sentences
  before it, are about a medical condition and not about sport: they become the venous-disease
  effect (the claim that compression relieves chronic venous disease), not the general pain
  claim or soreness after a run. Bare "symptoms" needs a medical setting; pain, aching,
  soreness and tired legs need venous disease named in the sentence or just before it.
- **Oedema** is swelling, and on a page set only among patients also the swelling of venous
  disease (the labelling guide's "edema on a medical page").
- **A risk said to fall with no problem named.** "Stockings reduced risk from 30 cases per
  1,000 down to 3" reduces the problem the sentences just before were about (clots on a
  flight).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from claimtracker.lexicon import CONCEPTS
from claimtracker.reading import Reading, Stance

VENOUS = "c:venous-disease"
SWELLING = "c:swelling"
#: Oedema, swelling in a clinician's words: venous disease's on a page set only among
#: patients, swelling anywhere.
EDEMA = "c:edema"
#: Read as venous disease's symptoms on a page about it.
SYMPTOM_WORDS = frozenset({"c:pain", "c:soreness", "c:fatigue", "c:discomfort"})
#: Problems a risk can be of (clots, swelling, cramps, varicose veins, injuries, ulcers ...).
RISKS = frozenset(
    f"c:{c.name}"
    for c in CONCEPTS
    if c.polarity == "problem" and c.name not in ("circulation", "symptoms")
)
#: Settings in which aching and swelling are not venous disease's.
NOT_VENOUS = frozenset({"sport"})


def in_context(
    reading: Reading, window: Sequence[Reading], places: frozenset[str]
) -> Reading:
    """``reading`` with the effects the passage settles (see the module's docstring)."""
    effects = dict(reading.effects)
    changed = False
    if reading.risk_reduced:
        for key in _problems_before(window):
            effects.setdefault(key, "asserts")
            changed = True
    if EDEMA in effects:
        changed = True
        stance = effects.pop(EDEMA)
        if stance in ("asserts", "denies") and places <= {"medical"}:
            _note(effects, VENOUS, stance)
        if effects.get(SWELLING) not in ("asserts", "denies"):
            effects[SWELLING] = stance
    if "medical" in places and not places & NOT_VENOUS:
        venous_near = any(
            VENOUS in r.effects or "c:symptoms" in r.effects for r in (reading, *window)
        )
        for key in sorted(effects):
            stance = effects[key]
            if stance not in ("asserts", "denies"):
                continue
            if key == "c:symptoms" or (venous_near and key in SYMPTOM_WORDS):
                del effects[key]
                _note(effects, VENOUS, stance)
                changed = True
    return replace(reading, effects=effects) if changed else reading


def _note(effects: dict[str, Stance], key: str, stance: Stance) -> None:
    if effects.get(key) not in ("asserts", "denies"):
        effects[key] = stance


def _problems_before(window: Sequence[Reading]) -> list[str]:
    """The problems (clots, swelling ...) named in the nearest sentence before that names any."""
    for r in reversed(window):
        found = [k for k in r.effects if k in RISKS]
        if found:
            return found
    return []
