"""The concept lexicon the draft checker matches with: ways people say the same thing.

A *concept* is a named group of phrases (regular expressions over lower-cased text) that mean
one thing in claims about compression garments: ``performance`` covers "run faster", "a new
PB" and "shave minutes off your marathon"; ``dvt`` covers "blood clots" and "deep vein
thrombosis". :mod:`claimtracker.matching` turns both a claim's proposition and aliases and a
draft's sentences into concepts plus the leftover content words, so a sentence matches a claim
when it says the same things in other words.

Kinds:

- ``subject``: the garment. A claim sentence needs one, in the sentence or just before it.
- ``setting``: who or when (running, flying, standing all day): supports a match, never makes one.
- ``effect``: what the claim promises. A match needs at least one.

Pure data and compiled patterns; no I/O. Extend it when the labelled set shows a miss, and
re-run ``tests/test_matching.py`` to see precision and recall move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["subject", "setting", "effect"]


@dataclass(frozen=True)
class Concept:
    """One meaning and the phrases that express it."""

    name: str
    kind: Kind
    pattern: re.Pattern[str]


def _concept(name: str, kind: Kind, *phrases: str) -> Concept:
    body = "|".join(f"(?:{p})" for p in phrases)
    return Concept(name, kind, re.compile(rf"(?<![\w-])(?:{body})(?![\w])"))


W = r"(?:\W+\w+){0,4}?\W+"  # up to four words in between
GARMENT_NOUN = (
    r"socks?|sleeves?|stockings?|tights|hose|hosiery|leggings|shorts|calf guards?|garments?|gear"
    r"|clothing|apparel|wear|kit|bandag(?:e|es|ing)|wraps?|wrapping|tops?|baselayers?"
)

CONCEPTS: tuple[Concept, ...] = (
    _concept(
        "garment",
        "subject",
        rf"compression(?:\s+(?:{GARMENT_NOUN}))?",
        rf"compressive\s+(?:{GARMENT_NOUN})",
        r"(?:graduated|gradient|graded)(?:\s+(?:compression|socks?|stockings?|hosiery|pressure))?",
        r"(?:flight|travel|support|recovery|medical|ted|anti-?embolism)\s+(?:socks?|stockings?|hose|tights|sleeves?)",
        r"calf\s+(?:sleeves?|guards?|compression)",
        r"(?:leg|running)\s+sleeves?",
        r"tight\s+bandages?",
        r"muscle\s+containment",
        r"cep|2xu|zensah|compressport|swiftwick|vitalsox|sigvaris|jobst|pro compression",
    ),
    _concept(
        "running",
        "setting",
        r"run(?:s|ning|ners?)?",
        r"ran",
        r"jog(?:s|ging|gers?)?",
        r"marathons?(?:ers?)?",
        r"half(?:-|\s)marathons?",
        r"ultras?(?:-?marathons?)?",
        r"(?:5|10|21)\s?k",
        r"races?|racing",
        r"miles?|mileage|km",
        r"(?:long|easy|tempo)\s+runs?",
        r"training|workouts?|sessions?|exercise|exercising",
        r"athletes?|sports?|sporting",
        r"triathl(?:on|ons|etes?)",
        r"treadmill",
    ),
    _concept(
        "after-exercise",
        "setting",
        r"after\s+(?:(?:a|the|your|my|every|each|hard|long|big)\s+)*(?:runs?|races?|workouts?|sessions?|marathons?|exercise|training)",
        r"post-?(?:run|race|exercise|workout|marathon|training)",
        r"(?:next|following)\s+(?:day|morning|run|session|workout)",
    ),
    _concept(
        "travel",
        "setting",
        r"fl(?:y|ying|ights?|ew|ier|yer)s?",
        r"air\s+trav\w*",
        r"long(?:-|\s)haul",
        r"planes?|airlines?|airplanes?|aeroplanes?|cabin",
        r"trav(?:el|els|elling|eling|ellers?|elers?)",
        r"long\s+(?:journeys?|trips?|drives?)",
    ),
    _concept(
        "standing",
        "setting",
        r"on\s+(?:your|their|my|his|her|our)\s+feet(?:\s+all\s+day)?",
        r"stand(?:s|ing)?\s+(?:all\s+day|for\s+hours|for\s+long)",
        r"long\s+shifts?|(?:twelve|12|long|night)(?:-|\s)hour\s+shifts?|shifts?|at\s+work|nurses?",
        r"prolonged\s+standing|standing\s+jobs?",
    ),
    _concept(
        "performance",
        "effect",
        r"fast(?:er|est)",
        r"quick(?:er|est)\s+(?:times?|pace|splits?|finish\w*|races?|runs?)",
        r"(?:race|finish(?:ing)?|marathon|5k|10k)\s+times?",
        r"perform(?:s|ed|ing|ance|ances)?",
        r"personal\s+(?:bests?|records?)|p[br]s?|new\s+p[br]",
        r"shave\w*" + W + r"off",
        r"(?:minutes|seconds|mins|secs)\s+off",
        r"(?:top|running|race|foot|more|extra)\s+speed|pace|splits?",
        r"run\s+(?:harder|better|stronger)",
        r"sprint\w*|explosive\w*|jump\s+higher",
        r"(?:competitive|winning|real|extra)\s+edge|(?:an\s+)?edge\s+over|advantage",
        r"time(?:-|\s)trials?",
        r"win(?:s|ning)?\s+races?|podium",
    ),
    _concept(
        "endurance",
        "effect",
        r"endurance|stamina",
        r"(?:go|run|last|keep\s+going)\s+(?:for\s+)?(?:longer|further|farther)",
        r"hold\s+(?:your|the|their|my)\s+pace\s+(?:for\s+)?longer",
        r"time\s+to\s+exhaustion|exhaustion",
        r"before\s+(?:you|they|i|my\s+legs|your\s+legs)\s+(?:tire|give\s+out|fade)",
        r"keep\s+going",
    ),
    _concept(
        "economy",
        "effect",
        r"efficien(?:t|tly|cy)",
        r"(?:running\s+|muscle\s+)?economy",
        r"(?:wast(?:ed|es|e|ing)\s+energy|energy\s+(?:is\s+)?(?:cost|wasted|saved|savings?))|save\s+energy",
        r"less\s+energy\s+is\s+wasted|energy\s+is\s+wasted",
        r"oxygen\s+(?:cost|consumption|uptake|use)|vo2(?:\s?max)?",
    ),
    _concept(
        "mechanics",
        "effect",
        r"(?:your|my|their|his|her)\s+strides?|stride\s+length|gait|cadence|ground\s+contact(?:\s+time)?",
        r"(?:running|your|my|their)\s+form",
        r"(?:running\s+)?mechanics|biomechanic\w*|kinematic\w*",
    ),
    _concept(
        "strength",
        "effect",
        r"(?:regain\w*|recover\w*|restor\w*|keep\w*|preserv\w*)\s+(?:\w+\s+)?(?:strength|power)(?:\s+(?:faster|quicker|sooner))?",
        r"strength|(?:muscle|leg)\s+power|powerful",
        r"(?:muscle\s+)?repair(?:s|ed|ing)?|rebuild\w*",
    ),
    _concept(
        "fatigue",
        "effect",
        r"fatigu(?:e|ed|es|ing)",
        r"tired(?:ness)?|tire(?:s|d)?(?:\s+(?:out|less))?|exerti?on",
        r"heavy(?:,)?\s+(?:tired\s+)?legs",
        r"(?:legs|calves|muscles|quads)\s+(?:feel|felt|feeling)\s+(?:\w+\s+)?(?:heavy|dead|fresh\w*|light\w*)",
        r"fresh(?:er)?\s+legs|legs\s+fresh(?:er)?|dead\s+legs|feels?\s+easier",
    ),
    _concept(
        "recovery",
        "effect",
        r"recover(?:y|ies|s|ed|ing)?(?:\s+(?:much\s+|even\s+)?(?:faster|quicker|sooner|more\s+quickly|better))?",
        r"(?:faster|quicker|speedier|better)\s+recovery",
        r"bounce\s+back|back\s+on\s+(?:your|my)\s+feet",
        r"ready\s+(?:for|to)" + W + r"(?:run|session|workout|day|race|training)",
        r"run\s+again",
    ),
    _concept(
        "soreness",
        "effect",
        r"sore(?:ness)?",
        r"doms|delayed(?:-|\s)onset(?:\s+muscle\s+soreness)?",
        r"ach(?:e|es|ing|y)",
        r"stiff(?:ness)?",
        r"tender(?:ness)?",
        r"(?:muscle|leg|calf)\s+pain",
        r"beat\s+up",
    ),
    _concept(
        "pain",
        "effect",
        r"pain|pain\s+relief|reliev\w*\s+(?:\w+\s+){0,3}pain",
        r"(?:joint|foot|feet|knee|back|arthritis)\s+pain|aching\s+joints",
    ),
    _concept(
        "lactate",
        "effect",
        r"lactic(?:\s+acid)?|lactate",
        r"(?:metabolic\s+)?waste(?:\s+products?)?|by-?products?|toxins?",
        r"flush(?:es|ed|ing)?|clear(?:s|ing)?\s+(?:out|away)|wash(?:es)?\s+out",
        r"acid(?:\s+build(?:-|\s)?up)?",
    ),
    _concept(
        "circulation",
        "effect",
        r"circulat(?:ion|ory|e|es)",
        r"blood(?:\s+|-)flow|flow\s+of\s+blood",
        r"venous\s+return|(?:blood|it)\s+(?:back\s+)?(?:up\s+)?(?:to|toward|towards)\s+the\s+heart",
        r"(?:push|pushes|pushing|move|moves|return\w*|speed\w*)\s+(?:the\s+)?blood(?:\s+back)?(?:\s+up(?:\s+the\s+leg)?)?",
        r"return\s+of\s+blood|pump(?:s|ing)?\s+(?:blood|action)|muscle\s+pump",
    ),
    _concept(
        "oxygen",
        "effect",
        r"(?:more|extra)\s+oxygen|oxygen\s+(?:flow|delivery|delivered|to)|oxygenat\w*",
        r"oxygen(?=\s+(?:back|is\s+carried))",
    ),
    _concept(
        "vibration",
        "effect",
        r"vibrat(?:ion|ions|e|es|ing)",
        r"oscillat(?:ion|ions|e|es|ing)",
        r"wobbl(?:e|es|ing|y)|jiggl\w*|shak(?:e|es|ing)",
        r"muscle\s+(?:movement|motion|shake|shaking|containment)",
        r"(?:hold|holds|keep|keeps)\s+(?:the\s+|your\s+)?(?:muscles?|calf|calves|them)\s+(?:in\s+place|still)",
        r"damp(?:s|en|ens|ing)?",
    ),
    _concept(
        "balance",
        "effect",
        r"propriocept\w*",
        r"balance|agility|body\s+awareness|coordination",
        r"stabili[sz](?:e|es|ed|ing|ation)|stable|stability",
    ),
    _concept(
        "swelling",
        "effect",
        r"swell(?:ing|en|s)?|swollen",
        r"o?edema|puff(?:y|iness)",
        r"fluid\s+(?:build(?:-|\s)?up|retention)|cankles|light\s+legs",
    ),
    _concept(
        "dvt",
        "effect",
        r"dvt|deep(?:-|\s)vein\s+thrombos[ie]s|thrombo\w*",
        r"(?:blood\s+)?clot(?:s|ting)?",
        r"embolism|economy\s+class\s+syndrome",
    ),
    _concept(
        "injury",
        "effect",
        r"injur(?:y|ies|ed|e)",
        r"shin\s+splints?",
        r"shins?\s+(?:(?:haven[’']?t|have\s+not|hasn[’']?t|never|didn[’']?t|don[’']?t)\s+)?(?:\w+\s+)?(?:hurt|ached|sore)\w*",
        r"(?:calf|muscle|hamstring)\s+(?:strains?|tears?|pulls?)|strains?",
    ),
    _concept(
        "rehab",
        "effect",
        r"rehab(?:ilitation|s|bing)?|convalesc\w*",
        r"(?:recover\w*|come\s+back|coming\s+back|return\w*)\s+from\s+(?:an?\s+|my\s+|your\s+)?(?:\w+\s+)?injur\w*",
        r"back\s+into\s+shape|return\s+to\s+running",
        r"sprain\w*|achilles",
    ),
    _concept(
        "muscle-damage",
        "effect",
        r"muscle\s+damage|creatine\s+kinase|ck|micro-?(?:tears|trauma)",
        r"inflamm\w*",
    ),
    _concept(
        "venous-disease",
        "effect",
        r"varicose(?:\s+veins?)?|spider\s+veins|vein\s+(?:disease|problems?)",
        r"(?:chronic\s+)?venous\s+(?:insufficiency|disease|valves?)",
        r"pool(?:s|ed|ing)?\s+(?:of\s+)?blood|blood\s+pool\w*|backflow",
        r"heaviness|heavy\s+legs",
    ),
    _concept(
        "ulcer",
        "effect",
        r"(?:venous\s+|leg\s+)*ulcers?",
        r"heal(?:s|ed|ing)?|wounds?",
    ),
    _concept(
        "placebo",
        "effect",
        r"placebo",
        r"in\s+(?:your|the|their|my)\s+head|mind\s+game|psycholog\w*",
        r"believe\s+in\s+it|expect\w*\s+(?:them\s+|it\s+)?to\s+work",
    ),
    _concept(
        "confidence",
        "effect",
        r"confiden(?:ce|t)|mental\s+(?:game|edge|boost|lift)|reassur\w*",
        r"(?:feel|feels|feeling|felt)\s+(?:more\s+)?(?:stable|supported|secure)|stable\s+feeling",
    ),
    _concept(
        "history",
        "effect",
        r"ancient|antiquity|centur(?:y|ies)|millenni(?:a|um)|thousands\s+of\s+years",
        r"hippocrates|neolithic|egypt\w*|\d{3,4}\s*bc",
        r"(?:not|nothing)\s+new|long\s+history|has\s+been\s+used\s+(?:for|since)",
    ),
    _concept(
        "firmness",
        "effect",
        r"firm(?:er|est)?\s+(?:compression|pressure|socks?)|(?:stronger|higher|more)\s+(?:compression|pressure)",
        r"the\s+tighter\s+the\s+better|tighter\s+is\s+better",
    ),
    _concept(
        "comfort",
        "effect",
        r"comfort(?:able|ably)?|uncomfortable|hardly\s+notice",
        r"(?:no|not\s+much|little|barely|hardly)\s+tighter|(?:don[’']t|doesn[’']t)\s+feel\s+tight",
    ),
    _concept(
        "pressure",
        "effect",
        r"mmhg|millimet(?:re|er)s?\s+of\s+mercury",
        r"pressure\s+(?:class|classes|level|levels|rating|grade)|compression\s+(?:class|classes|levels?)",
        r"class\s+(?:i|ii|iii|1|2|3)",
    ),
    _concept(
        "independence",
        "effect",
        r"independent(?:ly)?|third(?:-|\s)part(?:y|ies)|endors\w*|swear\s+by",
    ),
)

CONCEPTS_BY_NAME: dict[str, Concept] = {c.name: c for c in CONCEPTS}

#: Garment words that do not say "compression": a weaker subject on their own.
WEAK_GARMENT = re.compile(
    r"(?<![\w-])(?:socks?|sleeves?|stockings?|tights|leggings|hosiery|garments?|calf\s+guards?)(?![\w])"
)

#: Words a garment can go by once a compression garment has been named nearby.
PRONOUN_SUBJECT = re.compile(
    r"(?<![\w-])(?:socks?|sleeves?|stockings?|tights|they|them|their|these|those|it|its|ours?|this|pair)(?![\w])"
)

#: A negator in the same clause before an effect turns it off ("won't make you faster").
NEGATOR = re.compile(
    r"(?<![\w-])(?:not|never|cannot|neither|nor|hardly|barely|nothing|"
    r"fail(?:s|ed)?\s+to|(?:no|little|any)\s+(?:real\s+)?(?:difference|effect|benefit|change|improvement|advantage|impact|sign))"
    r"(?![\w])|n[’']t(?![\w])"
)

#: Doubt about the evidence anywhere in a sentence: it discusses the claim, it does not make it.
DOUBT = re.compile(
    r"(?<![\w-])(?:(?:no|little|limited|weak|scant|scarce|insufficient|thin|mixed|conflicting)\s+"
    r"(?:(?:good|real|solid|strong|scientific|conclusive|clear|convincing|hard|reliable|"
    r"high-quality|consistent)\s+)*(?:evidence|proof|data|research|support)"
    r"|myths?|debunk\w*|unproven|unsubstantiated|misleading|overhyped|hype"
    r"|(?:not|never|hasn[’']t|haven[’']t)\s+(?:been\s+)?(?:proven|shown|demonstrated|established)"
    r"|sceptic\w*|skeptic\w*|doubt\w*|no\s+(?:study|studies|trial|trials)\s+(?:has|have)"
    r"|(?:is|are)\s+(?:just\s+|mostly\s+|all\s+|pure\s+)?(?:nonsense|marketing|hype)|lack\s+of\s+evidence"
    r"|evidence\s+(?:for\s+[\w\s-]{1,40}?\s+)?(?:is|was|remains)\s+(?:thin|weak|limited|lacking|mixed|poor)"
    r"|whether)(?![\w])"
)

#: Where a clause ends, for the scope of a negator.
CLAUSE_BREAK = re.compile(
    r"[,;:()]|\s[—–-]\s|—|–|(?<![\w-])(?:but|however|although|though|whereas|while|yet)(?![\w])"
)

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves may might must shall can't won't don't doesn't isn't aren't
    help helps helped helping make makes made making wear wears wearing worn keep keeps kept
    get gets got getting give gives gave let lets use used using claim claims say says said
    people person someone anyone everyone thing things way ways lot lots much many really
    even still well like just one two three new good great better best every
    improve improves improved improving reduce reduces reduced reducing increase increases
    increased increasing boost boosts boosted boosting lower lowers prevent prevents
    prevented preventing cut cuts less fewer than
    sock socks sleeve sleeves stocking stockings tight tights pair pairs
    """.split()
)

#: Single words checked with a fuzzy ratio, so a typo ("sorness", "recovry") still finds its concept.
FUZZY_WORDS: dict[str, str] = {
    "performance": "performance",
    "endurance": "endurance",
    "efficiency": "economy",
    "efficiently": "economy",
    "fatigue": "fatigue",
    "recovery": "recovery",
    "recover": "recovery",
    "soreness": "soreness",
    "lactic": "lactate",
    "lactate": "lactate",
    "circulation": "circulation",
    "vibration": "vibration",
    "oscillation": "vibration",
    "swelling": "swelling",
    "thrombosis": "dvt",
    "injury": "injury",
    "injuries": "injury",
    "inflammation": "muscle-damage",
    "proprioception": "proprioception",
    "compression": "garment",
    "graduated": "garment",
}
