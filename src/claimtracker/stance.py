"""The stance of one effect word in a sentence, read from its clause.

:class:`SentenceText` holds one normalised sentence with its words, clauses and scope breaks,
and gives each effect word found in it a stance (see :mod:`claimtracker.reading`, which reads
whole sentences with it): ``asserts``, ``denies``, ``topic`` (a question, a hypothesis) or
``problem`` (a problem nothing reduces). Negators reach :data:`NEGATION_REACH` words forward in
their clause and not past a dash or a bracket; a problem is reduced by a reducing word before it,
one after it, the garment named as its remedy, a recommendation, or the problem before it in a
list.
"""

from __future__ import annotations

import bisect
import re
from typing import Literal

from claimtracker.clauses import clauses, question_from
from claimtracker.cues import (
    BUT,
    CIRCUMSTANCE,
    CONCESSION,
    DEFINITION,
    DOUBT,
    HARM_REDUCER,
    HARM_RELIEF,
    LOWERABLE,
    LOWERED,
    NEGATOR,
    NON_WEARERS_WORSE,
    NOT_FOR,
    NOT_STATE,
    POST_REDUCER,
    PROBLEM_NEGATOR,
    PURPOSE,
    REDUCER,
    SCOPE_BREAK,
    STATE,
    THIN_EVIDENCE,
    TOPIC,
)
from claimtracker.lexicon import WEAK_GARMENT
from claimtracker.phrases import WORD, Hit

__all__ = ["SentenceText", "Stance"]

Stance = Literal["asserts", "denies", "topic", "problem"]

#: How many words forward a negator reaches ("there is nothing in the technology that can help
#: to boost performance").
NEGATION_REACH = 12
#: How many words before a problem a reducing word may stand ("reduce the risk of developing
#: dangerous blood clots"), and after it ("cramp prevention", "the pain was gone").
REDUCER_REACH = 10
POST_REDUCER_REACH = 10
#: How far a bare "no" reaches to the problem it reduces (words): "no more sore calves".
BARE_NO_REACH = 3
#: How far past a problem (characters) a reducer's look-ahead may read.
LOOKAHEAD = 60
#: Problems listed together share the reducer of the list ("help with aching, swelling,
#: varicose veins and venous insufficiency"): at most this many words between two of them.
LIST_GAP = 4
#: How far before a gain a verb that lowers it is looked for (in characters).
LOWERED_REACH = 30


class SentenceText:
    """One normalised sentence with its words, clauses and the reach of its negators."""

    def __init__(self, low: str, hits: list[Hit]) -> None:
        self.low = low
        self.words = [m.start() for m in WORD.finditer(low)]
        self.clauses = clauses(low)
        self.question_at = question_from(low, self.clauses)
        self.breaks = [m.start() for m in SCOPE_BREAK.finditer(low)]
        self.garment_ends = [h.end for h in hits if h.concept.kind == "subject"]
        self.effect_starts = [h.start for h in hits if h.concept.kind == "effect"]
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
            framed: Stance | None = (
                "denies"
                if DOUBT.search(span)
                else "topic"
                if TOPIC.search(span)
                else None
            )
            if framed is None:
                framed = self._doubted_after(b, conceded=bool(CONCESSION.match(span)))
            self._framed[a, b] = framed
        return self._framed[a, b]

    def _doubted_after(self, b: int, *, conceded: bool) -> Stance | None:
        """'While some products may shift lactate, there is little proof', 'They may flush
        lactate, but there is little proof': a clause conceded, or one answered by a "but",
        takes the doubt of the clause after it, when that clause doubts nothing of its own
        ("while tights did reduce vibration, there was no difference in performance")."""
        after = next(((c, d) for c, d in self.clauses if c >= b), None)
        if after is None:
            return None
        doubt = (
            DOUBT
            if conceded
            else THIN_EVIDENCE
            if BUT.match(self.low, after[0])
            else None
        )
        if doubt is None or not doubt.search(self.low, after[0], after[1]):
            return None
        if any(after[0] <= e < after[1] for e in self.effect_starts):
            return None
        return "denies"

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
        if (
            polarity == "gain"
            and LOWERABLE.fullmatch(self.low, start, end)
            and LOWERED.search(self.low, max(a, start - LOWERED_REACH), start)
        ):
            return "asserts" if self.negated(NEGATOR, start, a) else "denies"
        negator = PROBLEM_NEGATOR if polarity == "word" else NEGATOR
        return "denies" if self.negated(negator, start, a) else "asserts"
