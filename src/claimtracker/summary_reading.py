"""Reading verdict prose: the studies it names, the clauses it makes, the directions it states.

The pieces :mod:`claimtracker.summaries` checks against the records:

- :func:`find_mentions`: every "Name YYYY" (optionally "et al."), folded for accents and
  apostrophes and resolved to study ids (``O'Meara 2012`` is ``omeara-2012``; ``Hill 2014`` is
  both ``hill-2014a`` and ``hill-2014b``), with whether "only" precedes it.
- :func:`segments`: a sentence cut into clauses at semicolons, dashes and "but/while ..."
  outside parentheses, and at "and" between clauses with a verb of their own, so "A, B and C
  found no difference" stays one clause.
- :func:`read_directions`: the directions a clause states by plain phrases ("found no
  difference", "found a modest gain", "shorter with stockings"); "no gain" is no difference,
  "without a gain" states nothing, and a comparative of unknown polarity ("lower",
  "longer") makes the clause ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from claimtracker.models import Direction

_PARTICLE = r"(?:da|de|del|der|van|von|le|la|di)"
_WORD = r"[A-Z][\w'\u2019-]*"
_MENTION = re.compile(
    rf"(?P<name>(?:{_PARTICLE}\s)?{_WORD}(?:\s(?:{_PARTICLE}|{_WORD})){{0,2}})"
    r"(?:\s+et\s+al\.?)?,?\s+\(?(?P<year>(?:19|20)\d\d)(?P<letter>[a-z])?\)?(?![\w%])"
)
#: Capitalised words that start a sentence or a phrase, never a surname.
_NOT_NAMES = frozenset(
    """in only the a an and but by for from of on since until as at to unlike like while
    both neither against with without before after even also then here there this that these
    those its their our we it when where which who whose until up january february march
    april may june july august september october november december""".split()
)

_NO_DIFFERENCE = [
    r"\bno (?:significant |clear |meaningful |worthwhile |mean |useful |real )?"
    r"(?:difference|change|effect|gain|benefit|improvement)s?\b",
    r"\bfound (?:none|nothing)\b",
    r"\b(?:did|do|does) not (?:differ|change|improve|help)\b",
    r"\bnot differ\b",
    r"\bno different\b",
    r"\bno better\b",
    r"\bunchanged\b",
    r"\b(?:was|were) null\b",
    r"\blittle (?:or|to) no\b",
    r"\blittle (?:support|supporting evidence|evidence)(?: for)?(?: [\w-]+){0,4}? "
    r"(?:benefits?|gains?|improvements?)\b",
    r"\blittle (?:support|supporting evidence)\b",
]
#: Phrases that look like a direction but state none ("without a performance gain").
_NEUTRAL = [
    r"\bwithout (?:a |any )?(?:[\w-]+ )?(?:gains?|benefits?|improvements?|changes?|differences?)\b",
]
#: Comparatives whose polarity depends on what is compared ("lower lactate" is good, "lower
#: power" is not): a clause that uses one is not judged.
_AMBIGUOUS = re.compile(
    r"\b(?:lower(?![- ](?:leg|limb|body|extremit))|higher|less|more|reduced|increased|"
    r"smaller|larger|shorter|longer|faster|slower|fewer|greater)\b"
)
#: Words that make a piece of a sentence a clause of its own (it has its own verb).
_VERB = re.compile(
    r"\b(?:was|were|is|are|found|finds|find|reported|reports|showed|shows|saw|sees|had|has|"
    r"gave|gives|call|calls|list|lists|lists|stand|stands|point|points|suggests?)\b"
)
_HARM = [
    r"\b(?:worse|harm|harms|harmful|impaired|hurt)\b",
    r"\b(?:shorter|slower) with (?:the )?(?:stockings|socks|sleeves|tights|compression)\b",
]
_BENEFIT = [
    r"\bfound (?:a |an )?(?:small |modest |moderate |large |clear |weak )?"
    r"(?:benefit|gain|improvement)s?\b",
    r"\b(?:benefit|benefits|gain|gains|improved|improvement|favourable effects?|helped)\b",
    r"\bbetter\b",
    r"\bless sore(?:ness)?\b",
]
_CONTRAST = re.compile(
    r"^(?:but|while|whereas|although|though|yet|except|apart from)\b", re.IGNORECASE
)
_CUT = re.compile(r"[;\u2014]|,?\s+(?=(?:but|while|whereas|although|though|yet)\b)")
_AND = re.compile(r",?\s+and\s+")


def fold(text: str) -> str:
    """Lower case, accents and apostrophes removed: ``Kerhervé`` -> ``kerherve``."""
    if text.isascii():
        return text.replace("'", "").lower()
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"['\u2019]", "", plain).lower()


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Mention:
    """A study named in a text: where, as written, and the study ids it can mean."""

    start: int
    end: int
    written: str
    candidates: tuple[str, ...]
    only: bool = False


class StudyIndex:
    """Study ids by the key a name and year fold to (``hill-2014`` -> both lettered ids)."""

    def __init__(self, study_ids: Iterable[str]) -> None:
        self.exact: dict[str, tuple[str, ...]] = {}
        self.lettered: dict[str, list[str]] = {}
        for sid in sorted(study_ids):
            self.exact[sid] = (sid,)
            if len(sid) > 1 and sid[-1].isalpha() and sid[-2].isdigit():
                self.lettered.setdefault(sid[:-1], []).append(sid)

    def find(self, key: str, lettered: bool) -> tuple[str, ...]:
        """The ids a folded ``name-year[letter]`` key means."""
        found = self.exact.get(key, ())
        if not found and not lettered:
            found = tuple(self.lettered.get(key, ()))
        return found


def find_mentions(text: str, study_ids: Iterable[str] | StudyIndex) -> list[Mention]:
    """Every "Name YYYY" in ``text``, resolved to study ids where one matches."""
    index = study_ids if isinstance(study_ids, StudyIndex) else StudyIndex(study_ids)
    found = []
    for m in _MENTION.finditer(text):
        tokens = m.group("name").split()
        year = m.group("year") + (m.group("letter") or "")
        candidates: tuple[str, ...] = ()
        first = 0
        for first in range(len(tokens)):
            key = re.sub(r"\s+", "-", fold(" ".join(tokens[first:]))) + "-" + year
            candidates = index.find(key, bool(m.group("letter")))
            if candidates:
                break
        if not candidates:
            first = len(tokens) - 1
            if fold(tokens[first]) in _NOT_NAMES:
                continue
        start = m.start() + len(" ".join(tokens[:first])) + (1 if first else 0)
        before = text[:start].rstrip()
        after = text[m.end() :].lstrip()
        only = bool(
            re.search(r"\bonly$", before, re.IGNORECASE)
        ) or after.lower().startswith("alone")
        written = text[start : m.end()]
        if written.endswith(")") and "(" not in written:
            written = written[:-1]
        found.append(Mention(start, m.end(), written, candidates, only))
    return found


_PHRASES: list[tuple[Direction | None, list[re.Pattern[str]]]] = [
    (kind, [re.compile(p) for p in patterns])
    for kind, patterns in (
        (None, _NEUTRAL),
        (Direction.NO_DIFFERENCE, _NO_DIFFERENCE),
        (Direction.HARM, _HARM),
        (Direction.BENEFIT, _BENEFIT),
    )
]


#: A clause without any of these words states no direction and is not ambiguous.
_TRIGGERS = re.compile(
    r"\b(?:no|none|nothing|not|unchanged|null|little|without|worse|harm|impaired|hurt|"
    r"benefit|gain|improv|favourable|helped|better|less|lower|higher|more|reduced|"
    r"increased|smaller|larger|shorter|longer|faster|slower|fewer|greater)"
)


def read_directions(text: str) -> tuple[set[Direction], bool]:
    """The directions a clause states, by the phrases above (negated benefits are no
    difference: "no gain" is not a gain), and whether it also uses a comparative whose
    polarity is unknown ("lower", "longer"), which makes the clause ambiguous."""
    plain = fold(text)
    if not _TRIGGERS.search(plain):
        return set(), False
    stated: set[Direction] = set()
    taken: list[tuple[int, int]] = []
    for kind, patterns in _PHRASES:
        for pattern in patterns:
            for m in pattern.finditer(plain):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append(m.span())
                if kind is not None:
                    stated.add(kind)
    ambiguous = any(
        not any(m.start() < e and s < m.end() for s, e in taken)
        for m in _AMBIGUOUS.finditer(plain)
    )
    return stated, ambiguous


def directions_in(text: str) -> set[Direction]:
    """The directions a clause states (see :func:`read_directions`)."""
    return read_directions(text)[0]


@dataclass
class Segment:
    """A clause of a sentence: its span, what it states, whether it starts with 'but'."""

    start: int
    end: int
    text: str
    directions: set[Direction]
    contrast: bool
    ambiguous: bool = False


def _top_level_cuts(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Matches of ``pattern`` outside parentheses."""
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans or not any(ch in text for ch in "(["):
        return spans
    depth, levels = 0, []
    for ch in text:
        levels.append(depth)
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        depth = max(depth, 0)
    return [(a, b) for a, b in spans if levels[a] == 0]


def _pieces(text: str, offset: int, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    out, last = [], 0
    for start, end in _top_level_cuts(text, pattern):
        out.append((offset + last, text[last:start]))
        last = end
    out.append((offset + last, text[last:]))
    return [(o, t) for o, t in out if t.strip()]


def segments(sentence: str) -> list[Segment]:
    """The clauses of a sentence: cut at semicolons, dashes and 'but/while ...' outside
    parentheses, then at 'and'. A piece without a verb or a direction of its own (a list
    of names: "A, B and C found no difference") joins the piece after it."""
    out: list[Segment] = []
    for offset, clause in _pieces(sentence, 0, _CUT):
        pending: int | None = None
        for start, piece in _pieces(clause, offset, _AND):
            begin = start if pending is None else pending
            text = sentence[begin : start + len(piece)]
            own = _segment(start, piece)
            if own.directions or own.contrast or _VERB.search(fold(piece)):
                if pending is not None and own.contrast:
                    out.append(_segment(pending, sentence[pending:start]))
                    out.append(own)
                else:
                    out.append(own if begin == start else _segment(begin, text))
                pending = None
            else:
                pending = begin
        if pending is not None:
            out.append(_segment(pending, sentence[pending : offset + len(clause)]))
    return out


def _segment(start: int, text: str) -> Segment:
    directions, ambiguous = read_directions(text)
    return Segment(
        start=start,
        end=start + len(text),
        text=text,
        directions=set() if ambiguous else directions,
        contrast=bool(_CONTRAST.match(text.lstrip(" ,"))),
        ambiguous=ambiguous,
    )
