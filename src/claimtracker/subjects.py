"""Which sentences of a draft have a compression garment as their subject, and how sure that is.

A claim sentence needs a subject. :class:`Subjects` decides, sentence by sentence, from what
:func:`claimtracker.reading.read` found in it and in the sentences before it:

- a garment named in the sentence (times 1; a bare "socks" in a draft that never says
  "compression", times :data:`WEAK_FACTOR`);
- a pronoun as subject ("they", "these", "the pressure", or a verb with its subject left out,
  "Reduces swelling.") with a garment named earlier in the same paragraph, in the list with its
  lead-in, or in the heading of the section (times 1);
- a list item, heading or short line naming a benefit, in a draft that names a garment or under a
  lead-in about benefits (times :data:`FRAGMENT_FACTOR`);
- a first-person account or a short fragment just after the garment was named, a sentence that
  goes on about the garment just named without another agent acting ("Foam rolling may reduce
  soreness" does not), or the paragraph under a heading that named a benefit (times
  :data:`CONTEXT_FACTOR`);
- in an excerpt that names no garment at all, a sentence opening on "they", a first-person
  account, or one asserting or denying an effect with no other agent acting and no body part or
  condition as its subject (times :data:`ORPHAN_FACTOR`): a writer checking an excerpt checks it
  as part of a text about the garment.

Anything else has no garment subject (0): problems with nobody reducing them, other agents,
pronouns in another paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimtracker.cues import BY_DOING
from claimtracker.reading import Reading
from claimtracker.sentences import Sentence

#: Subject carried from a sentence before (a first-person account, a fragment): times this.
CONTEXT_FACTOR = 0.85
#: A garment named without "compression" ("these socks") in a draft that never says which: times this.
WEAK_FACTOR = 0.85
#: A list item or heading naming a benefit, with the garment named elsewhere: times this.
FRAGMENT_FACTOR = 0.9
#: A pronoun as subject in a draft that names no garment at all (an excerpt): times this.
ORPHAN_FACTOR = 0.85
#: Short sentences (words) that can carry a subject from the one before ("Absolutely no soreness.").
FRAGMENT_WORDS = 8
#: How many sentences back (within a paragraph) a first-person account or a fragment looks for
#: the garment it is about.
CARRY_BACK = 2


def list_lead(sentences: Sequence[Sentence], index: int) -> int | None:
    """The index of the sentence leading into the list this list item belongs to (the one
    just before the list, unless it is a heading); None for a sentence that is no list item
    or a list with no lead-in."""
    if not sentences[index].item:
        return None
    j = index
    while j > 0 and sentences[j - 1].item:
        j -= 1
    lead = j - 1
    return lead if lead >= 0 and not sentences[lead].heading else None


class Subjects:
    """Which sentences have a garment as their subject, and how sure that is."""

    def __init__(
        self, sentences: Sequence[Sentence], readings: Sequence[Reading]
    ) -> None:
        self.sentences = sentences
        self.readings = readings
        self.draft_garment = any(r.garment for r in readings)
        self.named: list[bool] = []  # a garment is the subject of this sentence
        self.claimed: list[bool] = []  # this sentence made a claim

    def same_stretch(self, a: int, b: int) -> bool:
        """Two sentences of one paragraph, or of one list with its lead-in."""
        return self._group(a) == self._group(b)

    def _group(self, index: int) -> int:
        """The block a sentence belongs to; consecutive list items and the paragraph that leads
        into them count as one, and so does a paragraph with the sentence ending in a colon
        just before it ("Every nurse should wear compression socks because:"), or the question
        it answers ("Q2: Can compression socks reduce fatigue?" then "A2: Yes, they ...")."""
        s = self.sentences[index]
        if not s.item:
            j = index
            while j > 0 and self.sentences[j - 1].block == s.block:
                j -= 1
            before = j - 1
            if (
                before >= 0
                and not self.sentences[before].heading
                and self.sentences[before].text.rstrip(" \"'”’*_").endswith((":", "?"))
            ):
                return self._group(before)
            return s.block
        lead = list_lead(self.sentences, index)
        if lead is not None:
            return self.sentences[lead].block
        j = index
        while j > 0 and self.sentences[j - 1].item:
            j -= 1
        return self.sentences[j].block

    def _section_garment(self, index: int) -> bool:
        for j in range(index - 1, -1, -1):
            if self.sentences[j].heading:
                return self.readings[j].garment or self.readings[j].bare_garment
        return False

    def _earlier_in_stretch(self, index: int) -> list[int]:
        group = self._group(index)
        out = []
        for j in range(index - 1, -1, -1):
            if self._group(j) != group:
                break
            out.append(j)
        return out

    def factor(self, index: int) -> float:
        r = self.readings[index]
        s = self.sentences[index]
        if r.garment:
            return 1.0
        if r.bare_garment:
            return 1.0 if self.draft_garment else WEAK_FACTOR
        earlier = self._earlier_in_stretch(index)
        antecedent = any(self.named[j] for j in earlier) or self._section_garment(index)
        if (
            r.opens_on_pronoun
            and earlier
            and not self.named[earlier[0]]
            and self.readings[earlier[0]].condition_subject
        ):
            return 0.0  # "Leg veins face a hard task. They have to return blood ..."
        if r.pronoun_subject and antecedent:
            return 1.0
        if r.opens_on_pronoun and not self.draft_garment and not r.body_acts:
            return (
                ORPHAN_FACTOR  # an excerpt opening on "they": about the garment checked
            )
        short = len(s.text.split()) <= FRAGMENT_WORDS
        title = self.title_like(index)
        if title and (r.benefit_lead or (short and r.keys("asserts"))):
            if self.draft_garment or self._lead_in_benefits(index):
                return FRAGMENT_FACTOR
        carried = any(self.named[j] or self.claimed[j] for j in earlier[:CARRY_BACK])
        if carried and (r.first_person or short) and not self._own_subject(r):
            return CONTEXT_FACTOR
        if earlier and self.named[earlier[0]] and not self._own_subject(r):
            return CONTEXT_FACTOR  # goes on about the garment just named
        if earlier and self.named[earlier[0]] and BY_DOING.match(s.text):
            return CONTEXT_FACTOR  # "By reducing swelling, nurses feel less ...": its doing
        if (
            not earlier
            and index > 0
            and self.named[index - 1]
            and not self.sentences[index - 1].heading
            and not self._own_subject(r)
        ):
            return CONTEXT_FACTOR  # a new paragraph going on about it
        if r.opens_on_they and self._named_later(index) and not self._own_subject(r):
            return CONTEXT_FACTOR  # an excerpt's opening "they", the garment named after it
        if (
            not earlier
            and index > 0
            and self.title_like(index - 1)
            and self.claimed[index - 1]
            and not r.question
        ):
            return CONTEXT_FACTOR  # explains the benefit its heading names
        if not self.draft_garment and r.first_person and not self._own_subject(r):
            return (
                ORPHAN_FACTOR  # a first-person excerpt about a garment it never names
            )
        if not self.draft_garment and self._states_an_effect(r):
            return (
                ORPHAN_FACTOR  # an excerpt saying what the garment it never names does
            )
        return 0.0

    @staticmethod
    def _own_subject(r: Reading) -> bool:
        """A question, another agent, a condition as subject ("Varicose veins are common") or
        the blood acting ("blood pools in the lower leg"): a sentence that does not go on about
        the garment named before it."""
        return r.question or r.other_agent or r.condition_subject or r.body_acts

    def _named_later(self, index: int) -> bool:
        """A garment named further on in the same paragraph or list."""
        group = self._group(index)
        for j in range(index + 1, len(self.sentences)):
            if self._group(j) != group:
                return False
            if self.readings[j].garment or self.readings[j].bare_garment:
                return True
        return False

    @staticmethod
    def _states_an_effect(r: Reading) -> bool:
        """It asserts or denies an effect, and nothing else is doing it: no other agent, no body
        part or condition as subject or acting, no question."""
        return bool(
            r.keys("asserts", "denies")
            and not (
                r.question
                or r.other_agent
                or r.body_subject
                or r.body_acts
                or r.named_subject
            )
        )

    def title_like(self, index: int) -> bool:
        """A heading, a list item, or a short line standing alone with no closing stop."""
        s = self.sentences[index]
        if s.heading or s.item:
            return True
        alone = all(
            other.block != s.block
            for other in self.sentences[max(0, index - 1) : index + 2]
            if other is not s
        )
        return (
            alone
            and len(s.text.split()) <= FRAGMENT_WORDS
            and not s.text.rstrip("\"'”’)*_ ").endswith((".", "!", "?", "…"))
        )

    def _lead_in_benefits(self, index: int) -> bool:
        for j in range(index - 1, max(-1, index - 8), -1):
            text = self.sentences[j].text.lower()
            if "benefit" in text or "reason" in text or "advantage" in text:
                return True
            if not (self.sentences[j].item or self.sentences[j].heading):
                return False
        return False

    def note(self, index: int, claimed: bool) -> None:
        r = self.readings[index]
        earlier = self._earlier_in_stretch(index)
        antecedent = any(self.named[j] for j in earlier) or self._section_garment(index)
        self.named.append(
            r.garment
            or r.bare_garment
            or ((r.pronoun or r.pronoun_subject) and antecedent)
        )
        self.claimed.append(claimed)
