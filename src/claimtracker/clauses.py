"""Where the clauses of a sentence begin and end, and where its question starts.

Scope for :mod:`claimtracker.reading` is the clause: a sentence is cut at contrast words
("but", "however", "while" ...), at semicolons outside brackets and at a reason clause after a
comma (", as this could ..."); a clause opened by a subordinator ("while", "although",
"whether", "if") ends at its first comma, or at its closing bracket when it opened inside one.
"""

from __future__ import annotations

import re

from claimtracker.cues import (
    CONTRAST,
    DID_YOU_KNOW,
    INTERROGATIVE,
    PRESUPPOSING,
    QA_LABEL,
    REASON,
    SUBORDINATOR,
)

__all__ = ["clauses", "in_brackets", "question_from"]


def clauses(low: str) -> list[tuple[int, int]]:
    """[start, end) of each clause: cut at contrast words, at semicolons outside brackets and
    before a reason clause (", as this ..."); a clause opened by a subordinator ends at its
    first comma, and one opened inside a bracket at its closing bracket."""
    cuts = {0, len(low)}
    for m in CONTRAST.finditer(low):
        cuts.add(m.start())
        if in_brackets(low, m.start()):  # "(if there is any)" ends at its bracket
            close = low.find(")", m.end())
            if close != -1:
                cuts.add(close + 1)
    cuts.update(
        m.end() for m in re.finditer(r"[;!?]", low) if not in_brackets(low, m.start())
    )
    cuts.update(m.end() for m in REASON.finditer(low))
    for m in SUBORDINATOR.finditer(low):
        comma = low.find(",", m.end())
        if comma != -1:
            cuts.add(comma + 1)
    bounds = sorted(cuts)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def in_brackets(low: str, pos: int) -> bool:
    """Inside an open bracket ("(DVT; blood clots in the legs)")."""
    return low.rfind("(", 0, pos) > low.rfind(")", 0, pos)


def question_from(low: str, spans: list[tuple[int, int]]) -> int | None:
    """Where the question of a sentence ending in '?' starts (None: it asks nothing, or only
    how or why an effect comes about, which takes the effect as given)."""
    stripped = low.rstrip(" *_\"')”’")
    if not stripped.endswith("?") or DID_YOU_KNOW.search(low):
        return None
    end = len(stripped)
    qmark_clause = next(i for i, (a, b) in enumerate(spans) if a <= end - 1 < b)
    starts = [a for a, _b in spans[: qmark_clause + 1]]
    starts += [m.end() for m in re.finditer(r",\s*", low[:end])]
    for start in sorted(set(starts), reverse=True):
        head = low[start:end].lstrip(" ,;:—–-\"'“(")
        head = QA_LABEL.sub("", head)
        head = re.sub(r"^(?:but|and|so|or|then|ok|okay|well|yes|now)\W+", "", head)
        if INTERROGATIVE.match(head):
            return None if PRESUPPOSING.match(head) else start
    return 0
