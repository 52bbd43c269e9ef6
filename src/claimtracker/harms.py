"""How the sentence reader tells a harm from a benefit, and a benefit from its warning.

:mod:`claimtracker.reading` gives each effect a stance; these rules settle the cases where the
same words belong to another claim than they seem to:

- a problem the garment *brings on* is a harm, not a benefit denied: "they can worsen varicose
  vein problems", "could cause circulation problems", "may make edema worse" assert that the
  garment harms (``compression-stockings-can-cause-harm``); pain or discomfort it brings on
  ("could result in discomfort") denies that it is comfortable;
- tightness that comes with a harm is the harm's cause, not a verdict on comfort ("stockings
  that are too tight can cause skin irritation" is a harm only), and tightness of another
  thing ("my shoes are too tight") is not the garment's;
- a warning against a garment ("avoid elastic bandages for varicose veins") does not claim
  what the garment is for, and a contraindication ("should not be worn by people with
  arterial disease") asserts the harm;
- a recommendation for a problem the reader has ("if you get cramps at night, compression
  socks are worth a try") reduces the problem;
- a risk said to fall ("stockings reduced risk from 30 cases per 1,000 down to 3") reduces the
  problems the sentence names (the matcher carries them from the sentences before when it
  names none).
"""

from __future__ import annotations

import re
from typing import Literal, Protocol

from claimtracker.cues import (
    AVOID_GARMENT,
    CAUSE,
    CAUSE_NEEDS_WORSE,
    CONTRAINDICATION,
    GARMENT_AGENT,
    IF_YOU,
    MISFIT,
    NEGATOR,
    OTHER_TIGHT,
    RECOMMENDS,
    REDUCER,
    RELATIVE,
    RISK_REDUCED,
    WORSE_AFTER,
)

Stance = Literal["asserts", "denies", "topic", "problem"]

#: How many words before a problem a cause word may stand ("can lead to skin itching").
CAUSE_REACH = 6
#: A risk that names what it is a risk of ("the risk of infections"): nothing to carry.
RISK_OF = re.compile(r"\s+(?:of|for)(?![\w])")
#: A cause word in the passive ("caused by"): what follows it is the cause.
PASSIVE_BY = re.compile(r"\s+by(?![\w])")
#: How many words before a cause word the garment (or its pronoun) may stand.
AGENT_REACH = 10
#: A reducer this close before a cause word governs it ("prevent further worsening").
REDUCER_BEFORE_CAUSE = 3
#: Problems that, brought on by the garment, say it is uncomfortable rather than harmful.
DISCOMFORTS = frozenset({"c:pain", "c:soreness", "c:discomfort"})


class Sentence(Protocol):
    """What the rules need of a sentence being read (``stance.SentenceText``)."""

    low: str
    named_ends: list[int]

    def clause(self, pos: int) -> tuple[int, int]: ...
    def word(self, pos: int) -> int: ...
    def word_start(self, index: int, default: int) -> int: ...
    def negated(
        self, pattern: re.Pattern[str], pos: int, clause_start: int
    ) -> bool: ...


def brought_on(t: Sentence, start: int, end: int) -> Stance | None:
    """Whether the garment brings on the problem at [start, end): ``asserts`` ("they can
    worsen varicose veins"), ``denies`` ("they do not cause swelling") or None (no cause word
    governs it, a reducer stands nearer, or nothing of the garment's is the agent)."""
    a, _b = t.clause(start)
    lo = max(a, t.word_start(max(0, t.word(start) - CAUSE_REACH), a))
    causes = [m for m in CAUSE.finditer(t.low, lo, start) if m.end() <= start]
    if not causes:
        return None
    cause = causes[-1]
    if PASSIVE_BY.match(t.low, cause.end()):
        return None  # "pain caused by varicose veins": what follows is the cause
    if CAUSE_NEEDS_WORSE.fullmatch(cause.group()) and not WORSE_AFTER.match(t.low, end):
        return None
    if any(
        m.start() >= cause.end() for m in REDUCER.finditer(t.low, cause.end(), start)
    ):
        return None  # "help people whose jobs cause swelling": the reducer governs
    near = t.word_start(max(0, t.word(cause.start()) - REDUCER_BEFORE_CAUSE), a)
    if REDUCER.search(t.low, max(a, near), cause.start()):
        return None  # "prevent further worsening of vein disease"
    agent = _agent_end(t, a, cause.start())
    if agent is None:
        return None
    between = t.low[agent : cause.start()]
    if RELATIVE.search(between) and not MISFIT.search(t.low):
        return None
    return "denies" if t.negated(NEGATOR, cause.start(), a) else "asserts"


def _recommended_for(t: Sentence) -> bool:
    """'If you get cramps at night, compression socks are worth a try': an opening "if you"
    clause and, after it, the garment recommended; the problems of the clause are reduced."""
    if not IF_YOU.match(t.low):
        return False
    comma = t.low.find(",")
    return (
        comma != -1
        and any(g > comma for g in t.named_ends)
        and RECOMMENDS.search(t.low, comma) is not None
    )


def _agent_end(t: Sentence, a: int, cause: int) -> int | None:
    """Where the garment, or a pronoun for it, ends before a cause word in its clause and
    within :data:`AGENT_REACH` words of it."""
    lo = t.word_start(max(0, t.word(cause) - AGENT_REACH), a)
    ends = [g for g in t.named_ends if max(a, lo) <= g <= cause]
    ends += [m.end() for m in GARMENT_AGENT.finditer(t.low, max(a, lo), cause)]
    return max(ends) if ends else None


def note_brought_on(t: Sentence, key: str, start: int, end: int, note: NoteFn) -> bool:
    """Note the harm (or the discomfort) a problem brought on by the garment stands for;
    True when it did."""
    stance = brought_on(t, start, end)
    if stance is None:
        return False
    if key in DISCOMFORTS:
        note("c:comfort", "denies" if stance == "asserts" else "asserts")
    else:
        note("c:harm", stance)
    return True


class NoteFn(Protocol):
    def __call__(self, key: str, stance: Stance, /) -> None: ...


def settle(t: Sentence, effects: dict[str, Stance], note: NoteFn, asks: bool) -> bool:
    """Apply the rules of this module to a sentence's effects; True when it says a risk fell
    and names no problem of its own (the matcher then carries the problem from before)."""
    low = t.low
    if effects.get("c:comfort") == "denies" and (
        (effects.get("c:harm") == "asserts" and MISFIT.search(low))
        or OTHER_TIGHT.search(low)
    ):
        del effects["c:comfort"]
    if AVOID_GARMENT.search(low):
        for key, value in effects.items():
            if value == "asserts" and key != "c:harm":
                effects[key] = "topic"
    if not asks and CONTRAINDICATION.search(low):
        note("c:harm", "asserts")
    if not asks and _recommended_for(t):
        for key, value in effects.items():
            if value == "problem":
                effects[key] = "asserts"
    if asks:
        return False
    risk = RISK_REDUCED.search(low)
    if risk is None or t.negated(NEGATOR, risk.start(), t.clause(risk.start())[0]):
        return False
    problems = [k for k, v in effects.items() if v == "problem" and k.startswith("c:")]
    for key in problems:
        effects[key] = "asserts"
    return not problems and not RISK_OF.match(low, risk.end())
