"""The questions readers ask, each answered in one plain sentence made from the records.

The questions are a small hand-kept list at the data root, ``questions.yaml``: the question in
a reader's words, the claim that answers it, and, where the honest answer is "it depends",
the parts of that answer (recovery: strength, soreness, swelling ...), each a claim with a
short label. Only the wording of the question and the labels are written by hand; the answer
(yes / partly / not shown / probably not / no), the verdict, the certainty and the sentence
come from the claims' published verdicts, so an editor's change of a verdict changes the
answer on the next load::

    questions:
      - id: flight-clots
        question: Do flight socks prevent blood clots?
        topic: flight socks and clots
        claim: flight-socks-prevent-dvt

gives "Yes: wearing below-knee compression stockings (flight socks) on long flights prevents
deep vein thrombosis in air travellers (supported, high certainty)."

A question whose claim is missing, unpublished or without a verdict is left out (and
``claimtracker validate`` names it); a part in that state is left out of its sentence.
The sentence is plain text; the dashboard and the static site escape it like record text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from claimtracker.datafiles import QUESTIONS, DataFile, read_data_file
from claimtracker.models import (
    FLAG_MEANINGS,
    RATING_VALUES,
    Certainty,
    Claim,
    Flag,
    Rating,
    RecordId,
    ShortText,
    Status,
)
from claimtracker.problems import Problem, problem
from claimtracker.validation import render_loc
from claimtracker.vocab import KEY_PATTERN, label
from claimtracker.wording import safe_sentence

#: The one-word answer for each rating, as a reader would say it.
ANSWER_WORDS: dict[Rating, str] = {
    Rating.SUPPORTED: "Yes",
    Rating.PARTLY_SUPPORTED: "Partly",
    Rating.UNPROVEN: "Not shown",
    Rating.NOT_SUPPORTED: "Probably not",
    Rating.CONTRADICTED: "No",
}
#: Certainty in words, never GRADE's symbols alone.
CERTAINTY_WORDS: dict[Certainty, str] = {
    Certainty.HIGH: "high certainty",
    Certainty.MODERATE: "moderate certainty",
    Certainty.LOW: "low certainty",
    Certainty.VERY_LOW: "very low certainty",
}
_CERTAINTY_RANK = {
    Certainty.HIGH: 4,
    Certainty.MODERATE: 3,
    Certainty.LOW: 2,
    Certainty.VERY_LOW: 1,
}


# --------------------------------------------------------------------------- the file


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionPart(_Entry):
    """One part of a question's answer: a claim and the few words that name it."""

    claim: RecordId = Field(description="The claim that answers this part.")
    label: ShortText = Field(
        description="A few words naming the part, e.g. 'strength and power'."
    )


class Question(_Entry):
    """A question readers ask and the claims that answer it."""

    id: Annotated[str, Field(strict=True, pattern=KEY_PATTERN)] = Field(
        description="A short key, unique in the file (used in page anchors)."
    )
    question: ShortText = Field(description="The question in a reader's words.")
    topic: ShortText = Field(
        description="What the question is about, in a few words; names its link."
    )
    claim: RecordId = Field(description="The claim whose verdict answers it.")
    parts: list[QuestionPart] = Field(
        default_factory=list,
        description="Parts of the answer (each a claim); the sentence says which hold up.",
    )
    flag: Flag | None = Field(
        None,
        description="A flag to report on the parts (e.g. placebo-possible): the sentence names the parts that carry it.",
    )


class QuestionFile(_Entry):
    """``questions.yaml``: the questions the overview answers, in order."""

    questions: list[Question] = Field(description="The questions, in the order shown.")


def read_questions(root: Path) -> DataFile[QuestionFile]:
    """``questions.yaml`` under ``root`` (no value and no problem when it is missing)."""
    found = read_data_file(root, QUESTIONS, QuestionFile)
    if found.value is None:
        return found
    seen: dict[str, int] = {}
    extra: list[Problem] = []
    for i, q in enumerate(found.value.questions):
        if q.id in seen:
            msg = f"duplicate question id '{q.id}' (first at questions[{seen[q.id]}])"
            at = found.at("questions", i, "id")
            extra.append(
                problem("duplicate-id", found.path, *at, f"questions[{i}].id", msg)
            )
        seen.setdefault(q.id, i)
    if extra:
        return DataFile(found.path, None, extra, found.node)
    return found


def questions_of(root: Path) -> list[Question]:
    """The valid questions under ``root`` (none when the file is missing or invalid)."""
    found = read_questions(root)
    return list(found.value.questions) if found.value else []


def _answerable(claim: Claim | None) -> bool:
    return (
        claim is not None
        and claim.status is Status.PUBLISHED
        and claim.verdict is not None
    )


def question_problems(
    found: DataFile[QuestionFile], claims: Mapping[str, Claim]
) -> list[Problem]:
    """Each claim a question names that is missing, unpublished or without a verdict."""
    if found.value is None:
        return []
    out = []
    for i, q in enumerate(found.value.questions):
        wanted = [(("questions", i, "claim"), q.claim)] + [
            (("questions", i, "parts", j, "claim"), p.claim)
            for j, p in enumerate(q.parts)
        ]
        for loc, claim_id in wanted:
            field = render_loc(loc)
            claim = claims.get(claim_id)
            if claim is None:
                msg = f"no claim '{claim_id}' in claims/"
                hint = "use the id of a published claim (its file name)"
            elif not _answerable(claim):
                msg = f"claim '{claim_id}' is not published with a verdict"
                hint = "publish it, or name another claim"
            else:
                continue
            out.append(
                problem("unknown-claim", found.path, *found.at(*loc), field, msg, hint)
            )
    return out


# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class PartAnswer:
    """How one part of a question's answer stands."""

    claim_id: str
    label: str
    rating: Rating
    certainty: Certainty
    flags: tuple[Flag, ...]

    @property
    def answer(self) -> str:
        return ANSWER_WORDS[self.rating]


@dataclass(frozen=True)
class Answer:
    """A question and its answer in one sentence, with the verdict it comes from."""

    id: str
    question: str
    topic: str
    claim_id: str
    proposition: str
    rating: Rating
    certainty: Certainty
    sentence: str
    parts: tuple[PartAnswer, ...] = ()
    flag: Flag | None = None
    flagged: tuple[str, ...] = ()
    """The labels of the parts that carry ``flag``."""

    @property
    def answer(self) -> str:
        """``Yes``, ``Partly``, ``Not shown``, ``Probably not`` or ``No``."""
        return ANSWER_WORDS[self.rating]

    @property
    def verdict(self) -> str:
        """``supported, high certainty``."""
        return verdict_words(self.rating, self.certainty)

    @property
    def link_label(self) -> str:
        """A link name unique to this question: ``The evidence on flight socks and clots``."""
        return f"The evidence on {self.topic}"

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready values (for the static site and exports)."""
        return {
            "id": self.id,
            "question": self.question,
            "topic": self.topic,
            "answer": self.answer,
            "sentence": self.sentence,
            "claim": self.claim_id,
            "rating": self.rating.value,
            "certainty": self.certainty.value,
            "parts": [
                {
                    "claim": p.claim_id,
                    "label": p.label,
                    "answer": p.answer,
                    "rating": p.rating.value,
                    "certainty": p.certainty.value,
                }
                for p in self.parts
            ],
            "flag": self.flag.value if self.flag else None,
            "flagged": list(self.flagged),
        }


def verdict_words(rating: Rating, certainty: Certainty) -> str:
    """``partly supported, low certainty``."""
    return f"{label(rating)}, {CERTAINTY_WORDS[certainty]}"


def _join(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(words)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _clause(text: str) -> str:
    text = text.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _lead_clause(claim: Claim, rating: Rating, certainty: Certainty) -> str:
    """The proposition worded for its verdict, GRADE style ("may not make runners faster")."""
    return _clause(safe_sentence(claim.proposition, rating, certainty))


def _parts_clause(parts: Sequence[PartAnswer]) -> str:
    """``yes for strength (supported, moderate certainty); partly for soreness and swelling ...``."""
    groups: dict[tuple[Rating, Certainty], list[str]] = {}
    for p in parts:
        groups.setdefault((p.rating, p.certainty), []).append(p.label)
    ordered = sorted(
        groups.items(),
        key=lambda item: (-RATING_VALUES[item[0][0]], -_CERTAINTY_RANK[item[0][1]]),
    )
    clauses = [
        f"{ANSWER_WORDS[rating].lower()} for {_join(labels)} ({verdict_words(rating, certainty)})"
        for (rating, certainty), labels in ordered
    ]
    if len(clauses) > 1:
        clauses[-1] = "and " + clauses[-1]
    return "; ".join(clauses)


#: A flag's caveat in a reader's words, where the methods wording is too technical.
FLAG_PLAIN: dict[Flag, str] = {
    Flag.PLACEBO_POSSIBLE: "the benefit shows only in how people said they felt, in trials without a dummy garment to compare with",
}


def _flag_clause(flag: Flag, labels: Sequence[str]) -> str:
    if not labels:
        return f"none of the parts named carries the caveat '{label(flag)}'"
    return f"yet for {_join(labels)}, {FLAG_PLAIN.get(flag, FLAG_MEANINGS[flag])}"


def answer(question: Question, claims: Mapping[str, Claim]) -> Answer | None:
    """The answer to ``question`` from the claims' published verdicts (None when its claim
    is missing, unpublished or has no verdict)."""
    lead = claims.get(question.claim)
    if lead is None or not _answerable(lead) or lead.verdict is None:
        return None
    rating, certainty = lead.verdict.rating, lead.verdict.certainty
    parts = []
    for part in question.parts:
        claim = claims.get(part.claim)
        if claim is None or claim.verdict is None or not _answerable(claim):
            continue
        v = claim.verdict
        parts.append(
            PartAnswer(claim.id, part.label, v.rating, v.certainty, tuple(v.flags))
        )
    if parts and question.flag is None:
        body = _parts_clause(parts)
    else:
        body = f"{_lead_clause(lead, rating, certainty)} ({verdict_words(rating, certainty)})"
    flagged: tuple[str, ...] = ()
    if question.flag is not None:
        flagged = tuple(p.label for p in parts if question.flag in p.flags)
        if parts:
            body += "; " + _flag_clause(question.flag, flagged)
    sentence = f"{ANSWER_WORDS[rating]}: {body}."
    return Answer(
        id=question.id,
        question=question.question,
        topic=question.topic,
        claim_id=lead.id,
        proposition=lead.proposition,
        rating=rating,
        certainty=certainty,
        sentence=sentence,
        parts=tuple(parts),
        flag=question.flag,
        flagged=flagged,
    )


def answers(questions: Iterable[Question], claims: Mapping[str, Claim]) -> list[Answer]:
    """Every question that can be answered from ``claims``, in the file's order."""
    found = (answer(q, claims) for q in questions)
    return [a for a in found if a is not None]


def answers_at(root: Path, claims: Mapping[str, Claim]) -> list[Answer]:
    """The answers to the questions in ``root/questions.yaml`` (none when it is missing)."""
    return answers(questions_of(root), claims)
