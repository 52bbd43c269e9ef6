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
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from claimtracker.lexicon import (
    CONCEPTS,
    CONCEPTS_BY_NAME,
    DURING,
    FUZZY_WORDS,
    GARMENT,
    GARMENT_SETTING,
    RETARGET,
    SETTING_OF_CONCEPT,
    STOPWORDS,
    WEAK_GARMENT,
    Concept,
)

Stance = Literal["asserts", "denies", "topic", "problem"]

#: How many words forward a negator reaches ("there is nothing in the technology that can help
#: to boost performance").
NEGATION_REACH = 12
#: How many words before a problem a reducing word may stand ("reduce the risk of developing
#: dangerous blood clots"), and after it ("cramp prevention", "the pain was gone").
REDUCER_REACH = 10
POST_REDUCER_REACH = 8
#: Problems listed together share the reducer of the list ("help with aching, swelling,
#: varicose veins and venous insufficiency"): at most this many words between two of them.
LIST_GAP = 4
FUZZY_CUTOFF = 86.0

_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]{0,200}>"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"[*_`~]+"), ""),
]
_WORD = re.compile(r"[\w'’]+")
_TOKEN = re.compile(r"[a-z0-9]+")


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])")


#: Where a clause ends: contrast words and semicolons.
CONTRAST = _rx(
    r"but|however|although|though|even\s+though|whereas|while|yet|except|instead|if|unless"
)
#: Clauses opened by these end at their first comma.
SUBORDINATOR = _rx(
    r"while|although|though|even\s+though|whereas|whether|if|even\s+if|unless|as\s+far\s+as"
)
#: Where a negator's reach ends inside a clause: dashes, brackets, colons.
SCOPE_BREAK = re.compile(r"\s[—–-]\s|—|–|[():\[\]]")
INTERROGATIVE = _rx(
    r"do|does|did|can|could|will|would|should|is|are|was|were|have|has|how|what|why|which|who"
    r"|when|where|must|may|might|isn't|aren't|don't|doesn't|won't|can't"
)
NEGATOR = re.compile(
    r"(?<![\w-])(?:not|never|cannot|neither|nor|hardly|barely|nothing|none|no\s+amount|no\s+one"
    r"|nobody|fail(?:s|ed)?\s+to|unable\s+to|no)(?![\w])(?!\s+(?:only|just|until|longer|doubt|matter|more\b))"
    r"|n[’']t(?![\w])(?!\s+(?:only|just|until))"
)
#: The negators a problem's reducer can stand under ("no amount of compression could prevent
#: cramps"); a bare "no" before a problem is itself the reducer ("no more swelling").
PROBLEM_NEGATOR = re.compile(
    r"(?<![\w-])(?:not|never|cannot|neither|nor|hardly|barely|nothing|no\s+amount|fail(?:s|ed)?\s+to"
    r"|unable\s+to)(?![\w])(?!\s+(?:only|just|until|had|have|get|got))|n[’']t(?![\w])(?!\s+(?:only|just|until|had|have))"
)
#: Doubt about the effect or its evidence, anywhere in a clause: the clause denies its effects.
DOUBT = _rx(
    r"(?:no|little|limited|weak|scant|scarce|insufficient|thin|mixed|conflicting|inconclusive|not\s+enough"
    r"|lack\s+of|lacks|lacking)\s+(?:(?:good|real|solid|strong|scientific|conclusive|clear|convincing|hard|reliable"
    r"|high-quality|consistent|published|peer-reviewed|clinical|\w+-based)\s+)*(?:evidence|proof|data|research|science|support)"
    r"|no\s+science|myths?|debunk\w*|unproven|unsubstantiated|misleading|overhyped|hype|false\s+claims?|snake\s+oil"
    r"|(?:not|never|hasn[’']t|haven[’']t|wasn[’']t|weren[’']t)\s+(?:been\s+)?(?:proven|shown|demonstrated|established)"
    r"|sceptic\w*|skeptic\w*|doubt(?:s|ful|ed)?|debat(?:able|ed)|room\s+for\s+debate|questionable|controversial"
    r"|unclear|uncertain|no\s+(?:study|studies|trial|trials)\s+(?:has|have)|(?:difficult|hard|impossible)\s+to\s+(?:determine|say|tell|know)"
    r"|all\s+over\s+the\s+map|no\s+(?:(?:real|significant|statistical|statistically\s+significant|measurable|meaningful|clear"
    r"|noticeable|substantial|added|additional|further|extra|obvious)\s+)*(?:difference|differences|effect|effects|benefit|benefits"
    r"|improvement|improvements|change|changes|advantage|impact)"
    r"|(?:hardly|barely|scarcely)\s+any\s+(?:\w+\s+)?(?:benefit|difference|effect)\w*"
    r"|exactly\s+the\s+same|(?:was|were|is|are|showed|had|have|has)\s+(?:\w+\s+)?the\s+same\s+(?:as|with|loss|in)|unchanged"
    r"|not\s+(?:superior|better|more\s+effective)|no\s+better|did\s+not\s+differ|no\s+added\s+value"
    r"|(?:do|does|did)\s+not\s+need|(?:don|doesn|didn)[’']t\s+need|not\s+(?:necessary|needed)|no\s+need"
    r"|not\s+(?:entirely\s+|really\s+|fully\s+)?(?:convinced|sure)|may\s+not\s+be|waste\s+of|not\s+enough\s+to"
    r"|(?:is|are)\s+(?:just\s+|mostly\s+|all\s+|pure\s+)?(?:nonsense|marketing)|don[’']t\s+(?:fully\s+)?support"
)
#: A hypothesis, a plan or a question-like framing: the clause names its effects without asserting.
TOPIC = _rx(
    r"in\s+theory|theoretical\w*|(?:is|are|was|were|it[’']s)\s+(?:often\s+|widely\s+|generally\s+)?assumed"
    r"|assum(?:e|es|ption)\s+(?:is\s+)?that|hypothes\w+|the\s+notion|the\s+idea\s+(?:is\s+)?that|suppos(?:ed|edly)"
    r"|purported\w*|alleged\w*|suspect\w*|hop(?:e|es|ing)\s+(?:that|they|it|to|the)|in\s+the\s+hope"
    r"|investigat\w+|set\s+out\s+to|aim(?:s|ed)?\s+(?:was\s+)?to|(?:goal|aim|purpose|objective)\s+of\s+(?:the|this|our)"
    r"\s+(?:trial|study|review|research)|examin\w+|evaluat\w+|(?:test|tested|testing|assess\w*|see|find\s+out)\s+(?:whether|if)"
    r"|looked\s+at\s+how|whether|(?:a|the|one)\s+(?:common|popular|frequent|big)\s+claim|claims?\s+(?:such\s+as|like)"
    r"|phrases\s+such\s+as|(?:want|wants|wanted|plan|plans|planning|would\s+like)\s+to|for\s+(?:\w+\s+){0,4}(?:purposes|reasons)|effects?\s+of\s+(?:\w+\s+){0,4}on"
    r"|(?:even\s+)?if\s+(?:that|it|they)\s+(?:makes?|helps?|is|works?)|(?:even\s+)?if\s+it[’']s"
    r"|(?:an?|the)\s+(?:assertion|statement|claim|promise)s?\s+that"
)
#: What may stand between two problems of one list.
LIST_GLUE = re.compile(
    r"(?:[\s,/&]|and|or|to|from|as\s+well\s+as|like|such\s+as|including|[\w-]+)*", re.S
)
#: A relative clause that defines a term (", which is a measure of efficiency tied to endurance
#: performance,"): its effects are named, not claimed.
DEFINITION = re.compile(r",\s*which\s+(?:is|are|means|includes?|refers)\b[^,]*,")
#: Words that reduce a problem when they stand before it.
REDUCER = _rx(
    r"reduc\w*|prevent\w*|lower(?:s|ed|ing)?(?!\s+(?:legs?|limbs?|body|back|calf|calves|extremit))|less|fewer|decreas\w*|minimi[sz]\w*|eliminat\w*|eas(?:e|es|ed|ing)"
    r"|reliev\w*|relief|combat\w*|fight\w*|stop\w*|avoid\w*|cut(?:s|ting)?|limit\w*|lessen\w*|alleviat\w*"
    r"|sooth\w*|treat\w*|manag\w*|heal\w*|help(?:s|ed|ing)?|against|protect\w*|guard\w*|delay\w*|no|without"
    r"|free\s+(?:of|from)|banish\w*|goodbye|tackl\w*|improv\w*|control\w*|dampen\w*|counter\w*|resist\w*"
    r"|keep\w*\s+(?:\w+\s+){0,3}(?:from|at\s+bay|away|down)|clear\w*|remov\w*|rid|zero|take\s+the\s+edge\s+off"
    r"|ward\w*\s+off"
    r"|(?:never|not|n[’']t)\s+(?:had|have|get|got|experienced?)|recommend\w*\s+for|prescri\w+|(?:used|worn|designed|made)\s+(?:to|for)"
    r"|lessen\w*|shorten\w*|speed\w*\s+(?:up\s+)?(?:the\s+)?(?:removal|clearance)|(?:solution|answer|remedy)\s+(?:to|for)"
)
#: Words that keep a harm away ("the socks stop blisters").
HARM_REDUCER = _rx(
    r"prevent\w*|stop\w*|avoid\w*|reduc\w*|protect\w*|no|without|free\s+(?:of|from)|minimi[sz]\w*|less|fewer"
)
#: Words that reduce a problem when they come after it ("cramp prevention", "the pain was gone").
POST_REDUCER = _rx(
    r"prevention|relief|reduction|reducers?|(?:was|were|is|are|has|have)\s+(?:\w+\s+)?(?:gone|better|reduced|eased|relieved"
    r"|lower|improved|less|disappeared)|went\s+away|disappear\w*|subsided|ease\s+up|eased|deflated|heal(?:s|ed)?\b|free"
)
#: A clause that recommends or prescribes the garment for a problem names the problem as its purpose.
PURPOSE = _rx(
    r"recommend\w*|prescri\w+|(?:used|worn)\s+to\s+treat|(?:particularly\s+|very\s+|especially\s+)?"
    r"(?:useful|helpful|beneficial)\s+(?:if|for|when|in)|(?:find|get|gives?|provides?)\s+(?:\w+\s+)?relief"
)
PRONOUN_SUBJECT = re.compile(
    r"(?:^|[,;:—–(\"“]\s*|(?<![\w-])(?:and|but|so|because|as|since|that|when|if|yes|well|also|now|plus|then|where|though"
    r"|although|while|ok|okay|what|says?|said|claims?|(?:wear|wearing|put|putting|slip|try|trying|use|using)(?:\s+on)?)\s+)(?:they|them|these|those|this|it|(?:the|this|that|their|its)\s+(?:pressure|squeeze|squeezing|compression|process"
    r"|goal|purpose|aim|idea|point|result|effect|benefits?))"
    r"(?:\s+(?:socks?|stockings?|garments?|items?|things|sleeves|tights))?"
    r"(?![\w'’])(?!\s+(?:is|was|can\s+take|takes|took|had\s+been|happens|means|seems\s+that|to|of|way|year|week|day|time"
    r"|morning|evening|spring|summer|autumn|winter)\b)"
)
#: A bare comparative ("faster") this close after another effect says how that effect goes.
COMPARATIVE = re.compile(r"fast(?:er|est)|quick(?:er|est)|sooner|speedier")
COMPARATIVE_REACH = 8
#: A sentence opening on its verb, its subject left out as in a product's list of features
#: ("Reduces post-exercise swelling."): the subject is what the text is about.
ELIDED_SUBJECT = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:also\s+|and\s+)?(?:helps?|reduces|boosts|improves|accelerates|prevents|increases|enhances"
    r"|supports|promotes|relieves|eases|speeds|stops|keeps|gives|provides|offers|delivers|lowers|flushes|removes"
    r"|protects|minimi[sz]es|targets|aids|fights|combats|cuts|works|stimulates|encourages)\b"
)
OPENING_PRONOUN = re.compile(
    r"^\W*(?:(?:and|but|so|yes|no|well|also|now|plus|then|ok|okay|in\s+fact|of\s+course)\W+)*(?:they|these|it)\b"
    r"(?!\s+(?:is|was|can\s+take|takes|took|had\s+been|happens|means|seems\s+that)\b)(?![’']s)"
)
#: Any pronoun that can stand for a garment named before ("I put them on after the run").
PRONOUN_ANY = _rx(r"they|them|these|those")
FIRST_PERSON = _rx(r"i|i[’']m|i[’']ve|i[’']d|my|me|mine|we|our|us")
#: A sentence that points back at the claims of the sentence before it.
ANAPHORA = _rx(
    r"none\s+of\s+(?:that|this|these|it|them)|(?:these|those|such|the\s+\w+)\s+claims|(?:support|back)\w*\s+"
    r"(?:this|that|it|these|those)(?:\s+up)?|(?:these|those|this|that)\s+claims\s+up|(?:did|do|does)(?:n[’']t|\s+not)\s+think\s+so"
    r"|not\s+the\s+case|(?:this|that|it)\s+(?:is|was|has\s+been|isn[’']t|is\s+not|wasn[’']t)\s+(?:\w+\s+)?(?:true|shown|proven"
    r"|the\s+case|correct)|(?:shown|proven)\s+not\s+to\s+happen"
)
#: A sentence opening on another agent that acts ("Foam rolling may reduce soreness"): it does
#: not go on about the garment named before it.
OTHER_AGENT = re.compile(
    r"^\W*(?:(?:and|but|so|also|yet)\s+)?(?!(?:they|it|these|those|this|that|which|you|we|i|when|if|as|while"
    r"|because|since|once|after|before)\b)((?:(?!(?:is|are|was|were|be|been|being|says?|said|claims?|tells?|told"
    r"|reports?)\b)[a-z][\w'-]*\s+){1,5}?)(?:(?:may|can|could|will|might|would|should|does|do|did)\s+"
    r"(?:also\s+|really\s+)?(?:help|reduce|improve|prevent|boost|ease|relieve|speed|cut|lower|increase|enhance|work"
    r"|make|keep|stop|aid|promote|give|offer|provide|let|allow)|helps|helped|reduces|reduced|improves|improved"
    r"|prevents|prevented|boosts|eases|relieves|speeds|cuts|lowers|increases|enhances|works|worked|makes|made|keeps"
    r"|stops|aids|promotes|gives|offers|provides|lets|allows|do(?:es)?\s+more)\b"
)
#: Another cause named for the effect ("I recovered faster by sleeping more").
MEANS = _rx(r"(?:by|thanks\s+to|due\s+to|because\s+of)\s+\w+ing")
#: The garment named as not the cause ("that's from the intervals, not the socks"): the
#: sentence denies what it says of it.
NOT_THE_GARMENT = _rx(
    r"not\s+(?:from\s+|because\s+of\s+|due\s+to\s+|thanks\s+to\s+)?(?:the|my|your|these|those|any)\s+"
    r"(?:compression\s+)?(?:socks?|sleeves?|stockings?|tights|garments?|compression)"
)
#: A problem named as the circumstance ("swelling in the days after the injury").
CIRCUMSTANCE = re.compile(
    r"(?<![\w-])(?:after|following|since|during)\s+(?:\w+\s+){0,2}$"
)
#: A sentence that says the garment works, naming no effect ("compression was better than no
#: compression"): it makes the claims the sentence before was about.
EFFICACY = _rx(
    r"(?:was|were|is|are)\s+(?:\w+\s+)?(?:better|more\s+effective|superior)\s+than|work(?:s|ed)?\s+(?:well|better)"
    r"|(?:is|are|was|were)\s+(?:very\s+|highly\s+|particularly\s+)?effective"
)
#: A short list item or heading that names a benefit: "Improved circulation", "Speeding recovery".
BENEFIT_LEAD = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:improv\w*|reduc\w*|better|faster|quicker|less|lower\w*|speed\w*|prevent\w*|minimi[sz]\w*"
    r"|increas\w*|enhanc\w*|decreas\w*|relie\w*|boost\w*|no\s+more|fewer|support\w*|promot\w*|aid\w*)(?![\w])"
)
DID_YOU_KNOW = _rx(r"did\s+you\s+know")


def normalise(text: str) -> str:
    """Lower-cased NFKC text with Markdown inline markup, tags and URLs taken out (same length
    rules are not kept: use it for reading, not for offsets)."""
    text = unicodedata.normalize("NFKC", text)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text.lower().replace("’", "'").replace("‘", "'")


def stem(word: str) -> str:
    """A light suffix stripper: enough to make 'recovers', 'recovered' and 'recovering' meet."""
    for suffix, keep, shortest in _SUFFIXES:
        if (
            word.endswith(suffix)
            and len(word) - len(suffix) >= shortest
            and not word.endswith(("ss", "us", "is"))
        ):
            return word[: -len(suffix)] + keep
    return word


_SUFFIXES = (
    ("ies", "y", 3),
    ("sses", "ss", 3),
    ("ing", "", 4),
    ("edly", "", 4),
    ("ed", "", 4),
    ("ly", "", 4),
    ("es", "", 4),
    ("s", "", 3),
)


@dataclass(frozen=True)
class Hit:
    """One concept phrase found in a text, at [start, end) of its normalised form."""

    concept: Concept
    start: int
    end: int


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

    def keys(self, *stances: Stance) -> set[str]:
        """The effect keys with one of ``stances``."""
        return {k for k, s in self.effects.items() if s in stances}


def find_hits(low: str) -> list[Hit]:
    """Concept phrases in normalised text, longest first where they overlap; phrases with the
    very same span in two concepts are both kept (the matcher's settings choose)."""
    kept: list[Hit] = []
    # Aspects ("prevent", "relief") never hide an effect or a setting they overlap.
    for layer in (
        [c for c in CONCEPTS if c.kind != "aspect"],
        [c for c in CONCEPTS if c.kind == "aspect"],
    ):
        found = [
            Hit(concept, m.start(), m.end())
            for concept in layer
            for m in concept.pattern.finditer(low)
        ]
        found.sort(key=lambda h: (h.start, h.start - h.end))
        reach = -1
        last: Hit | None = None
        for hit in found:
            if hit.start >= reach:
                kept.append(hit)
                last, reach = hit, hit.end
            elif last is not None and (hit.start, hit.end) == (last.start, last.end):
                if hit.concept.name != last.concept.name:
                    kept.append(hit)
    kept.sort(key=lambda h: (h.start, h.start - h.end))
    return kept


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
    return set(effects) | settings


def _leftover(low: str, hits: list[Hit]) -> list[tuple[str, int]]:
    chars = list(low)
    for h in hits:
        chars[h.start : h.end] = " " * (h.end - h.start)
    rest = "".join(chars)
    return [
        (m.group(), m.start())
        for m in _TOKEN.finditer(rest)
        if m.group() not in STOPWORDS and len(m.group()) >= 3
    ]


@lru_cache(maxsize=65536)
def _fuzzy_concept(word: str) -> str | None:
    found = process.extractOne(
        word, FUZZY_WORDS.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return FUZZY_WORDS[found[0]] if found else None


# --------------------------------------------------------------------------- clauses


def _clauses(low: str) -> list[tuple[int, int]]:
    """[start, end) of each clause: cut at contrast words and semicolons; a clause opened by a
    subordinator ends at its first comma."""
    cuts = {0, len(low)}
    cuts.update(m.start() for m in CONTRAST.finditer(low))
    cuts.update(m.end() for m in re.finditer(r"[;!?]", low))
    for m in SUBORDINATOR.finditer(low):
        comma = low.find(",", m.end())
        if comma != -1:
            cuts.add(comma + 1)
    bounds = sorted(cuts)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _question_from(low: str, clauses: list[tuple[int, int]]) -> int | None:
    """Where the question of a sentence ending in '?' starts (None: it asks nothing)."""
    stripped = low.rstrip(" *_\"')”’")
    if not stripped.endswith("?") or DID_YOU_KNOW.search(low):
        return None
    end = len(stripped)
    qmark_clause = next(i for i, (a, b) in enumerate(clauses) if a <= end - 1 < b)
    starts = [a for a, _b in clauses[: qmark_clause + 1]]
    starts += [m.end() for m in re.finditer(r",\s*", low[:end])]
    for start in sorted(set(starts), reverse=True):
        head = low[start:end].lstrip(" ,;:—–-\"'“(")
        head = re.sub(r"^(?:but|and|so|or|then|ok|okay|well|yes|now)\W+", "", head)
        if INTERROGATIVE.match(head):
            return start
    return 0


# --------------------------------------------------------------------------- reading


class _Text:
    """One normalised sentence with its words, clauses and the reach of its negators."""

    def __init__(self, low: str, hits: list[Hit]) -> None:
        self.low = low
        self.words = [m.start() for m in _WORD.finditer(low)]
        self.clauses = _clauses(low)
        self.question_at = _question_from(low, self.clauses)
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
        if self.question_at is not None and a >= self.question_at:
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
        found = [m for m in REDUCER.finditer(self.low, lo, pos) if m.end() <= pos]
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
        if CIRCUMSTANCE.search(self.low, max(a, start - 40), start):
            return "problem"
        if self.listed_after is not None and start >= a:
            previous_end, previous_stance = self.listed_after
            between = self.low[previous_end:start]
            if (
                previous_end >= a
                and previous_stance in ("asserts", "denies")
                and self.word(start) - self.word(previous_end) <= LIST_GAP
                and LIST_GLUE.fullmatch(between)
            ):
                return previous_stance
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


def _other_agent(low: str, garment: bool) -> bool:
    if MEANS.search(low) and not garment:
        return True
    m = OTHER_AGENT.match(low)
    return bool(m) and not GARMENT.pattern.search(m.group(1))


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
        yield f"c:{hit.concept.name}", hit.concept.polarity, hit.start, hit.end
        previous_end = hit.end
    names = _names(text)
    for word, start in _leftover(low, hits):
        fuzzy = _fuzzy_concept(word) if len(word) >= 5 and word not in names else None
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


def _names(text: str) -> set[str]:
    """Capitalised words after the first: names ("Recove Socks"), never typos to correct."""
    words = _WORD.findall(text)
    return {w.lower() for w in words[1:] if w[:1].isupper() and not w.isupper()}


def read(text: str) -> Reading:
    """The stance of every effect a draft sentence names, and the cues for its subject."""
    low = normalise(text)
    hits = find_hits(low)
    t = _Text(low, hits)
    effects: dict[str, Stance] = {}

    def note(key: str, stance: Stance) -> None:
        if key not in effects or _RANK.index(stance) > _RANK.index(effects[key]):
            effects[key] = stance

    for key, polarity, start, end in _effect_words(text, low, hits, t):
        stance = t.stance(polarity, start, end)
        note(key, stance)
        if polarity == "problem" and key.startswith("c:"):
            t.listed_after = (end, stance)
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
    if t.question_at is None and ANAPHORA.search(low):
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
    )
