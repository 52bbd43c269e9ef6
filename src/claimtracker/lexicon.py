"""The concept lexicon the draft checker matches with: ways people say the same thing.

A *concept* is a named group of phrases (regular expressions over lower-cased text) that mean
one thing in claims about compression garments: ``performance`` covers "run faster", "a new
PB" and "shave minutes off your marathon"; ``dvt`` covers "blood clots" and "deep vein
thrombosis". :mod:`claimtracker.matching` turns both a claim's proposition and aliases and a
draft's sentences into concepts plus the leftover content words, so a sentence matches a claim
when it says the same things in other words.

Kinds:

- ``subject``: the garment. A claim sentence needs one, in the sentence or just before it.
- ``setting``: who or when (running, flying, standing all day, in hospital): supports a match,
  never makes one, and tells neighbouring claims apart (swelling on a flight is not swelling
  after a run).
- ``aspect``: how an effect is meant (preventing a problem from starting, or relieving it):
  like a setting, it supports a match and never makes one.
- ``effect``: what the claim promises. A match needs at least one.

Effect phrases come in three polarities. A *gain* ("better circulation", "recover faster")
states the benefit itself; a *problem* ("swelling", "blood clots") is only a claim when
something reduces it ("prevents clots", "no more swollen ankles", "cramp prevention"), see
:mod:`claimtracker.reading`; an *opposite* ("uncomfortable", "safe") states the contrary of the
concept, so it denies the claims made of it; a *harm* ("blisters", "skin damage") asserts a
claim that the garment does harm, unless something reduces it ("the socks stop blisters").

Pure data and compiled patterns; no I/O. Extend it when the evaluation sets show a miss
(``python -m benchmarks.realtext --show`` on the train split) and re-run the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["subject", "setting", "aspect", "effect"]
Polarity = Literal["gain", "problem", "opposite", "harm"]


@dataclass(frozen=True)
class Concept:
    """One meaning and the phrases that express it, with the polarity of those phrases."""

    name: str
    kind: Kind
    pattern: re.Pattern[str]
    polarity: Polarity = "gain"


def _concept(
    name: str, kind: Kind, *phrases: str, polarity: Polarity = "gain"
) -> Concept:
    body = "|".join(f"(?:{p})" for p in phrases)
    return Concept(name, kind, re.compile(rf"(?<![\w-])(?:{body})(?![\w])"), polarity)


W = r"(?:\W+\w+){0,4}?\W+"  # up to four words in between
#: Tired, heavy or aching legs: a symptom of venous disease on a medical page, fatigue or
#: soreness after a run. The same words go in each concept, so the setting decides.
LEG_SYMPTOMS = r"(?:tired|heavy|aching|achy|weary)(?:,?\s+(?:and\s+)?(?:tired|heavy|aching|achy))*\s+legs"
GARMENT_NOUN = (
    r"socks?|sox|sleeves?|stockings?|tights|hose|hosiery|leggings|shorts|calf\s+guards?|garments?"
    r"|gear|clothing|clothes|apparel|apparels|attire|wear|kit|bandag(?:e|es|ing)|wraps?|wrapping"
    r"|tops?|baselayers?|knee-?highs?|thigh-?highs?|products?|therapy|items?|tubes?|technology"
)
#: Garment words that name a garment without saying "compression".
BARE_GARMENT = (
    r"socks?|sox|sleeves?|stockings?|tights|hose|hosiery|leggings|calf\s+guards?|knee-?highs?"
    r"|thigh-?highs?|(?:compression\s+)?bandag(?:e|es)|wraps|garments?"
)

GARMENT = _concept(
    "garment",
    "subject",
    rf"compress(?:ion|ive|ed)(?:(?:\s+|-)(?:{GARMENT_NOUN}))?",
    r"(?:graduated|gradient|graded)(?:\s+(?:compression|socks?|stockings?|hosiery|hose|pressure))?",
    r"(?:flight|travel|support|recovery|medical|ted|anti-?embolism|elastic|elasticated|maternity"
    r"|circulation|running|nursing|pressure|surgical|knee-high|thigh-high|thigh-length|below-knee)"
    r"\s+(?:socks?|sox|stockings?|hose|hosiery|tights|sleeves?|bandag(?:e|es))",
    r"calf\s+(?:sleeves?|guards?|compression)",
    r"(?:leg|running)\s+sleeves?",
    r"tight\s+bandages?|multi-?(?:component|layer)\s+(?:bandag\w+|systems?)",
    r"muscle\s+containment",
    r"copper(?:-infused|\s+infused)?\s+(?:compression\s+)?(?:sleeves?|socks?|apparel|clothing|garments?|wear|products?)",
    r"cep|2xu|zensah|compressport|swiftwick|vitalsox|sigvaris|jobst|pro compression|scholl|kmeleon",
)

CONCEPTS: tuple[Concept, ...] = (
    GARMENT,
    # ------------------------------------------------------------------ settings
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
        r"training|workouts?|sessions?|exercis(?:e|es|ing)|hard\s+efforts?",
        r"athletes?|athletic|sports?|sporting|sportsm[ae]n|players?",
        r"triathl(?:on|ons|etes?)|cycl(?:ing|ists?)|hik(?:ing|ers?)|rugby|football|soccer",
        r"treadmill|gym",
    ),
    _concept(
        "after-exercise",
        "setting",
        r"after\s+(?:(?:a|the|your|my|every|each|hard|long|big|any|type|of|strenuous|intense)\s+)*"
        r"(?:runs?|races?|workouts?|sessions?|marathons?|exercise|training|efforts?)",
        r"post-?(?:run|race|exercise|workout|marathon|training|game|match)",
        r"(?:next|following)\s+(?:day|days|morning|run|session|workout)|day\s+after",
        r"between\s+(?:runs|races|sessions|workouts)",
    ),
    _concept(
        "travel",
        "setting",
        r"fl(?:y|ying|ights?|ew|iers?|yers?|own)",
        r"in-?flight|air\s+trav\w*|airline\s+passengers?|passengers?",
        r"long(?:-|\s)haul|long-?distance\s+(?:travel|trips?|journeys?)",
        r"planes?|airlines?|airplanes?|aeroplanes?|aircraft|cabin|airports?|landing|take-?off",
        r"trav(?:el|els|elling|eling|elled|eled|ellers?|elers?)",
        r"(?:long\s+)?(?:journeys?|trips?|drives?|car\s+rides?|bus\s+rides?)",
        r"economy\s+class",
    ),
    _concept(
        "standing",
        "setting",
        r"on\s+(?:your|their|my|his|her|our)\s+feet(?:\s+all\s+day)?",
        r"stand(?:s|ing)?\s+(?:all\s+day|for\s+(?:hours|long|a\s+long\s+time))",
        r"(?:twelve|12|long|night|8|eight|10)(?:-|\s)hour\s+shifts?|long\s+shifts?|shifts?",
        r"at\s+work|work\s*days?|nurs(?:e|es|ing)|jobs?|occupations?|workers?|staff",
        r"(?:prolonged|long\s+periods\s+of)\s+(?:standing|sitting)|standing\s+jobs?|sit\s+all\s+day|desk",
    ),
    _concept(
        "hospital",
        "setting",
        r"hospitals?|hospitali[sz]\w*|in-?patients?|wards?",
        r"surg(?:ery|eries|ical)|operations?|post-?op\w*|operative|after\s+(?:an|your|the)\s+op",
        r"bed-?ridden|bed-?bound|stuck\s+in\s+bed|bed\s+rest|immobil\w*",
    ),
    _concept(
        "medical",
        "setting",
        r"pregnan(?:t|cy|cies)|expectant\s+mothers?|matern\w*",
        r"patients?|diabet\w*|lymph(?:o)?(?:o?edema)|lymphatic",
        r"doctors?|physicians?|gps?|podiatrists?|vascular\s+surgeons?|clinicians?|nhs",
        r"prescri(?:be|bes|bed|bing|ption|ptions)",
        r"(?:medical|health)\s+conditions?|chronic\s+conditions?|older\s+(?:people|adults)|elderly",
    ),
    # ------------------------------------------------------------------ aspects
    _concept(
        "onset",
        "aspect",
        r"prevent(?:s|ed|ing|ion|ative)?|(?:the\s+)?risks?\s+of|chances?\s+of|likelihood\s+of|incidence",
        r"develop(?:s|ed|ing|ment)?|form(?:s|ed|ing|ation)?|recurr\w+|com(?:e|es|ing)\s+back|getting\s+worse"
        r"|progression|avoid\w*|guard\w*\s+against|protect\w*\s+against",
    ),
    _concept(
        "relief",
        "aspect",
        r"reliev(?:e|es|ed|ing)|relief|eas(?:e|es|ed|ing)|sooth\w*|symptoms?|manag(?:e|es|ing|ement)"
        r"|treat(?:s|ed|ing|ment)?|palliative|discomfort",
    ),
    # ------------------------------------------------------------------ effects
    _concept(
        "performance",
        "effect",
        r"fast(?:er|est)",
        r"quick(?:er|est)\s+(?:times?|pace|splits?|finish\w*|races?|runs?)",
        r"(?:race|finish(?:ing)?|marathon|5k|10k)\s+times?",
        r"perform(?:s|ed|ing|ance|ances)?|outperform\w*",
        r"personal\s+(?:bests?|records?)|p[br]s?|new\s+p[br]",
        r"shav(?:e|es|ed|ing)"
        + W
        + r"off|(?:tak(?:e|es|ing)(?!\s+the\s+edge)|knock\w*)"
        + W
        + r"off",
        r"(?:minutes|seconds|mins|secs)\s+off",
        r"(?:top|running|race|foot|more|extra)\s+speed|(?<!to\s)speeds?(?!\s+(?:up|the|recovery|healing|your|muscle|blood))|pace|splits?",
        r"run\s+(?:harder|better|stronger)|fast(?:er)?\s+and\s+stronger|stronger\s+and\s+faster",
        r"sprint\w*|explosive\w*|jump\s+higher",
        r"(?:competitive|winning|real|extra)\s+edge|(?:an\s+)?edge\s+over|advantage",
        r"time(?:-|\s)trials?",
        r"win(?:s|ning)?\s+races?|podium",
    ),
    _concept(
        "endurance",
        "effect",
        r"endurance(?:\s+capacity)?|stamina",
        r"(?:go|run|last|keep\s+going)\s+(?:for\s+)?(?:longer|further|farther)",
        r"(?:hold|maintain|keep)\s+(?:up\s+)?(?:your|the|their|my)\s+pace(?:\s+(?:and\s+\w+\s+)?(?:for\s+)?longer)?"
        r"|for\s+longer\s+periods",
        r"time\s+to\s+exhaustion|exhaustion",
        r"before\s+(?:you|they|i|my\s+legs|your\s+legs)\s+(?:tire|give\s+out|fade)|before\s+fatiguing",
        r"keep\s+going",
    ),
    _concept(
        "economy",
        "effect",
        r"efficien(?:t|tly|cy)",
        r"(?:running\s+|muscle\s+)?economy(?!\s+class)",
        r"(?:wast(?:ed|es|e|ing)\s+energy|energy\s+(?:is\s+)?(?:cost|wasted|saved|savings?))|save\s+energy",
        r"less\s+energy\s+is\s+wasted|energy\s+is\s+wasted",
        r"oxygen\s+(?:cost|consumption|uptake|use)|vo2(?:\s?max)?",
    ),
    _concept(
        "mechanics",
        "effect",
        r"(?:your|my|their|his|her)\s+strides?|strides?\s+(?:length|frequency)|gait|cadence"
        r"|ground\s+contact(?:\s+time)?",
        r"(?:running|your|my|their)\s+form",
        r"(?:running\s+)?mechanics|biomechanic\w*|kinematic\w*",
    ),
    _concept(
        "strength",
        "effect",
        r"(?:regain\w*|recover\w*|restor\w*|keep\w*|preserv\w*)\s+(?:\w+\s+)?(?:strength|power)"
        r"(?:\s+(?:faster|quicker|sooner))?",
        r"(?<!compression\s)strength|(?:muscle|leg|muscular)\s+(?:power|function)|powerful",
        r"(?:muscle\s+)?repair(?:s|ed|ing)?|rebuild\w*|jump\s+height",
    ),
    _concept(
        "fatigue",
        "effect",
        r"fatigu(?:e|ed|es|ing)",
        LEG_SYMPTOMS,
        r"tired(?:ness)?|tire(?:s|d)?(?:\s+(?:out|less))?|exerti?on|weary",
        polarity="problem",
    ),
    _concept(
        "fatigue",
        "effect",
        r"(?:legs|calves|muscles|quads)\s+(?:feel|felt|feeling)\s+(?:\w+\s+)?(?:fresh\w*|light\w*|great|good)",
        r"fresh(?:er)?\s+legs|legs\s+fresh(?:er)?|feels?\s+easier|(?:is|was|felt|feel)\s+(?:\w+\s+)?easier",
    ),
    _concept(
        "recovery",
        "effect",
        r"recover(?:y|ies|s|ed|ing)?(?:\s+(?:much\s+|even\s+)?(?:faster|quicker|sooner|more\s+quickly|better))?",
        r"(?:faster|quicker|speedier|better)\s+recovery",
        r"bounce\s+back|back\s+on\s+(?:your|my)\s+feet",
        r"ready\s+(?:for|to)" + W + r"(?:run|session|workout|day|race|training)",
        r"run\s+again|recuperat\w*",
        r"regain\w*\s+(?:\w+\s+)?(?:performance|form|fitness)(?:\s+(?:faster|sooner|quicker|more\s+quickly))?",
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
        r"(?:calf|muscle|leg)\s+tightness|tight\s+(?:calves|muscles|hamstrings|legs)|knott?(?:s|ed)",
        polarity="problem",
    ),
    _concept(
        "pain",
        "effect",
        r"pain(?:s|ful)?",
        r"(?:joint|foot|feet|knee|back|arthritis|arthritic)\s+pain|aching\s+joints",
        polarity="problem",
    ),
    _concept("pain", "effect", r"pain\s+relief|reliev\w*\s+(?:\w+\s+){0,3}pain"),
    _concept(
        "lactate",
        "effect",
        r"lactic(?:\s+acid)?|lactates?",
        r"(?:metabolic\s+)?waste\s+products?|metabolic\s+waste|by-?products?|toxins?|(?:muscle\s+)?metabolites",
        r"acid(?:\s+build(?:-|\s)?up)?",
        polarity="problem",
    ),
    _concept(
        "lactate",
        "effect",
        r"flush(?:es|ed|ing)?|clear(?:s|ing)?\s+(?:out|away)|wash(?:es)?\s+out|cleansed|clearance",
    ),
    _concept(
        "circulation",
        "effect",
        r"circulat(?:ion|ory|e|es|ed|ing)|circulatory",
        r"blood(?:\s+|-)flow(?:ing)?|flow\s+of\s+blood|blood\s+(?:keeps?\s+)?flowing",
        r"venous\s+return|(?:blood|fluids?|it)\s+(?:back\s+)?(?:up\s+)?(?:to|toward|towards|back\s+to)\s+(?:the|your)\s+heart",
        r"(?:push|pushes|pushing|move|moves|moving|return\w*|speed\w*|squeez\w*|forc\w*|send\w*)\s+"
        r"(?:the\s+)?(?:venous\s+)?blood(?:\s+back)?(?:\s+up)?",
        r"return\s+of\s+(?:venous\s+)?blood|pump(?:s|ing)?\s+(?:blood|action)|muscle\s+pumps?|backflow\s+of\s+blood",
        r"(?:help|helps|helping)\s+blood|blood\s+(?:return|returning)",
        r"fluids?\s+to\s+move\s+upwards?",
        r"(?:prevent\w*|stop\w*|reduc\w*|keep\w*|avoid\w*)\s+(?:the\s+)?(?:chance\s+of\s+)?(?:blood|it)\s+"
        r"(?:from\s+)?pool\w*",
    ),
    _concept(
        "circulation",
        "effect",
        r"(?:poor|bad|sluggish|slow)\s+(?:blood\s+)?(?:circulation|blood\s+flow)",
        polarity="problem",
    ),
    _concept(
        "oxygen",
        "effect",
        r"(?:more|extra|increased|improved|better)\s+oxygen|oxygen\s+(?:flow|delivery|delivered|to)|oxygenat\w*",
        r"oxygen(?=\s+(?:back|is\s+carried|to\s+reach|reach))|nutrients\s+and\s+oxygen",
    ),
    _concept(
        "vibration",
        "effect",
        r"vibrat(?:ion|ions|e|es|ing)",
        r"oscillat(?:ion|ions|e|es|ing)",
        r"wobbl(?:e|es|ing|y)|jiggl\w*|shak(?:e|es|ing)",
        r"muscle\s+(?:movement|motion|shake|shaking)",
        r"trauma\s+of\s+running",
        polarity="problem",
    ),
    _concept(
        "vibration",
        "effect",
        r"muscle\s+containment",
        r"(?:hold|holds|keep|keeps)\s+(?:the\s+|your\s+)?(?:muscles?|calf|calves|them)\s+(?:\w+\s+)?(?:in\s+place|still)",
        r"damp(?:s|en|ens|ing)?",
        r"(?:more\s+)?compact\s+muscles|muscles\s+are\s+kept\s+(?:more\s+)?compact",
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
        r"o?edema|oedematous|puff(?:y|iness)|bloat\w*",
        r"fluid\s+(?:build(?:-|\s)?up|retention)|(?:fluids?|liquids?)(?:\W+\w+){0,3}?\W+(?:from\s+)?(?:accumulat\w*|building\s+up|pool\w*)",
        r"cankles|foot\s+balloons|deflat\w*",
        polarity="problem",
    ),
    _concept("swelling", "effect", r"light\s+legs"),
    _concept(
        "dvt",
        "effect",
        r"dvt|deep(?:-|\s)(?:vein|venous)\s+thrombos[ie]s|thrombo\w*|vte",
        r"(?:blood\s+)?clot(?:s|ting|ted)?|coagulat\w*",
        r"(?:pulmonary\s+)?embol(?:ism|isms|us|i)|economy\s+class\s+syndrome",
        polarity="problem",
    ),
    _concept(
        "injury",
        "effect",
        r"injur(?:y|ies|ed|e)",
        r"shin\s+splints?",
        r"shins?\s+(?!(?:haven|havent|hasn|never|didn|don|dont|have\s+not)\b)(?:\w+\s+)?(?:hurt|ached|sore)\w*",
        r"(?:calf|muscle|hamstring)\s+(?:\w+\s+)?(?:strains?|tears?|pulls?)|strains?",
        r"sprain\w*|achilles(?:\s+(?:tendon|problems?|injur\w*|tendinopathy))?|plantar\s+fasciitis",
        polarity="problem",
    ),
    _concept(
        "injury",
        "effect",
        r"shins?\s+(?:haven[’']?t|havent|have\s+not|hasn[’']?t|never|didn[’']?t|don[’']?t|dont)\s+(?:\w+\s+)?(?:hurt|ached)\w*",
    ),
    _concept(
        "rehab",
        "effect",
        r"rehab(?:ilitation|s|bing)?|convalesc\w*",
        r"(?:recover\w*|come\s+back|coming\s+back|return\w*)\s+from\s+(?:an?\s+|my\s+|your\s+|the\s+)?(?:\w+\s+)?injur\w*",
        r"back\s+into\s+shape|return\s+to\s+(?:running|training|sport)",
        r"treat(?:s|ed|ing)?\s+(?:\w+\s+){0,2}(?:injur\w*|shin\s+splints|strains?|sprains?|tears?)",
    ),
    _concept(
        "muscle-damage",
        "effect",
        r"muscle(?:-|\s)damag\w*|(?:markers\s+of\s+)?muscle\s+damage|creatine\s+kinase|ck|micro-?(?:tears|trauma)",
        r"inflamm\w*|soft\s+tissue\s+damage|muscles?\s+from\s+damage",
        polarity="problem",
    ),
    _concept(
        "venous-disease",
        "effect",
        r"varicose(?:\s+veins?)?|spider\s+veins|vein\s+(?:disease|problems?|ailments?|disorders?)",
        r"(?:chronic\s+)?venous\s+(?:insufficiency|disease|disorders?|reflux|hypertension)|cvi|cvd",
        r"phlebitis",
        LEG_SYMPTOMS,
        r"heaviness",
        polarity="problem",
    ),
    _concept(
        "ulcer",
        "effect",
        r"(?:venous\s+|leg\s+)*ulcers?|wounds?",
        polarity="problem",
    ),
    _concept(
        "ulcer", "effect", r"ulcer\s+healing|heal(?:s|ed|ing)?\s+(?:the\s+)?ulcers?"
    ),
    _concept(
        "cramp",
        "effect",
        r"cramp(?:s|ing|ed)?|spasms?|charley\s+horses?",
        polarity="problem",
    ),
    _concept(
        "placebo",
        "effect",
        r"placebos?",
        r"in\s+(?:your|the|their|my)\s+head|mind\s+games?|psycholog\w*",
        r"believe\s+in\s+it|expect\w*\s+(?:them\s+|it\s+)?to\s+work|who\s+believed",
    ),
    _concept(
        "confidence",
        "effect",
        r"confiden(?:ce|t)|mental\s+(?:game|edge|boost|lift)|reassur\w*|mentally",
        r"(?:feel|feels|feeling|felt)\s+(?:more\s+)?(?:stable|supported|secure)|stable\s+feeling",
        r"feel\s+like\s+a\s+(?:pro|professional|real)",
    ),
    _concept(
        "history",
        "effect",
        r"ancient|antiquity|centur(?:y|ies)|millenni(?:a|um)|thousands\s+of\s+years",
        r"hippocrates|neolithic|egypt\w*|\d{3,4}\s*b\.?c",
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
        r"comfort(?:able|ably)?|hardly\s+notice",
        r"(?:no|not\s+much|little|barely|hardly)\s+tighter|(?:don[’']t|doesn[’']t)\s+feel\s+tight",
    ),
    _concept(
        "comfort",
        "effect",
        r"uncomfortabl[ey]|restrictive",
        r"(?:too|very|super|so|really)\s+tight",
        r"(?:hard|difficult|tough|tricky|a\s+struggle|a\s+pain)\s+to\s+(?:get|put|pull)\s+(?:\w+\s+)?on",
        r"(?:like|feels?\s+like)\s+(?:an?\s+)?(?:\w+\s+)?(?:vice|stapler|tourniquet)",
        polarity="opposite",
    ),
    _concept(
        "harm",
        "effect",
        r"harm(?:s|ed|ful)?|damag(?:e|es|ed|ing)\s+(?:the\s+|your\s+)?(?:skin|nerves?)",
        r"(?:skin|nerve)\s+(?:damage|trauma|breakdown|injur(?:y|ies)|irritation|problems|necrosis)",
        r"pressure\s+(?:sores?|ulcers?|injur(?:y|ies)|damage)|blisters?|necrosis",
        r"side(?:-|\s)effects?|adverse\s+(?:effects?|events?)|toenails?",
        r"(?:decreas|restrict|reduc|impair|imped|cut\w*\s+off|compromis)\w*\s+(?:the\s+)?(?:blood\s+flow|circulation|blood\s+supply)",
        r"(?:and\s+)?other\s+problems",
        polarity="harm",
    ),
    _concept(
        "harm",
        "effect",
        r"(?<!un)safe(?:ly|ty)?|harmless|risks?\s+(?:\w+\s+){0,5}(?:are|is)\s+(?:very\s+)?(?:low|small|minimal)",
        polarity="opposite",
    ),
    _concept(
        "pressure",
        "effect",
        r"mmhg|millimet(?:re|er)s?\s+of\s+mercury",
        r"pressure\s+(?:class|classes|level|levels|rating|grade|strengths?)|compression\s+(?:class|classes|levels?)",
        r"class\s+(?:i|ii|iii|1|2|3)",
    ),
    _concept(
        "independence",
        "effect",
        r"independent(?:ly)?|third(?:-|\s)part(?:y|ies)|endors\w*|swear\s+by|affiliat\w*",
    ),
)

CONCEPTS_BY_NAME: dict[str, Concept] = {}
for _c in CONCEPTS:
    CONCEPTS_BY_NAME.setdefault(_c.name, _c)
KIND: dict[str, Kind] = {c.name: c.kind for c in CONCEPTS}

#: Garment words that do not say "compression": a weaker subject on their own.
WEAK_GARMENT = re.compile(rf"(?<![\w-])(?:{BARE_GARMENT})(?![\w])")

#: The settings a sentence can name, as groups of concepts; a claim's setting comes from its
#: ``about`` (see :data:`POPULATION_SETTING`). ``None`` is a claim about anyone.
#: A concept read as another when the sentence names a setting: tiredness after a run is a
#: matter of recovery, not of fatigue while running.
RETARGET: dict[tuple[str, str], str] = {("fatigue", "after-exercise"): "recovery"}
#: Phrases that say an effect was felt while running, which keep a concept from being retargeted.
DURING = re.compile(r"(?<![\w-])(?:during|while|mid-?(?:run|race))(?![\w])")

SETTING_OF_CONCEPT: dict[str, str] = {
    "running": "sport",
    "after-exercise": "sport",
    "travel": "travel",
    "standing": "work",
    "hospital": "hospital",
    "medical": "medical",
    "venous-disease": "medical",
    "ulcer": "medical",
    "injury": "injury",
    "rehab": "injury",
}
POPULATION_SETTING: dict[str, str | None] = {
    "runners": "sport",
    "trained-runners": "sport",
    "recreational-runners": "sport",
    "athletes": "sport",
    "active-adults": "sport",
    "air-travellers": "travel",
    "standing-workers": "work",
    "hospital-patients": "hospital",
    "surgical-patients": "hospital",
    "patients": "medical",
    "pregnant-women": "medical",
    "inactive-adults": None,
    "general": None,
    "mixed": None,
}
WORN_SETTING: dict[str, str] = {"travel": "travel", "in-hospital": "hospital"}
#: Garments named for a setting: "flight socks" are worn travelling.
GARMENT_SETTING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:flight|travel)\b"), "travel"),
    (re.compile(r"\b(?:ted|anti-?embolism|surgical)\b"), "hospital"),
    (re.compile(r"\b(?:running|recovery)\b"), "sport"),
    (re.compile(r"\bmaternity\b"), "medical"),
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
    prevented preventing cut cuts less fewer than enhance enhances enhanced promote promotes
    sock socks sleeve sleeves stocking stockings tight tights pair pairs sox
    won don didn doesn isn aren wasn weren couldn shouldn wouldn haven hasn hadn ain
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
    "proprioception": "balance",
    "compression": "garment",
    "graduated": "garment",
}
