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

from claimtracker.concepts import EFFECTS, Concept, Kind, Polarity, concept

__all__ = ["CONCEPTS", "CONCEPTS_BY_NAME", "KIND", "Concept", "Kind", "Polarity"]


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

GARMENT = concept(
    "garment",
    "subject",
    rf"compress(?:ion|ive|ed)(?:(?:\s+|-)(?:{GARMENT_NOUN}))?",
    r"(?:graduated|gradient|graded)(?:\s+(?:compression|socks?|stockings?|hosiery|hose|pressure))?",
    r"(?:flight|travel|support|recovery|medical|ted|anti-?embolism|elastic|elasticated|maternity"
    r"|circulation|running|nursing|nurses?|pressure|surgical|knee-high|thigh-high|thigh-length|below-knee)"
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
    concept(
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
        # a kind of sport, not the endurance effect: "endurance athletes", "endurance running"
        r"endurance\s+(?:athletes?|runners?|running|events?|sports?|races?|racing|training|cyclists?|cycling"
        r"|exercise|activit(?:y|ies))",
        # how fast a run was, not a gain in speed: "after running 10 km at a fast pace"
        r"at\s+(?:a\s+)?(?:fast|quick|hard|brisk|steady|easy|slow)\s+pace",
        r"triathl(?:on|ons|etes?)|cycl(?:ing|ists?)|hik(?:ing|ers?)|rugby|football|soccer",
        r"treadmill|gym",
        r"long(?:er)?(?:-|\s)distances?",
    ),
    concept(
        "after-exercise",
        "setting",
        r"after\s+(?:(?:a|an|the|your|my|our|their|his|her|every|each|hard|long|big|any|type|of|strenuous|intense|[a-z]+['’]s"
        r"|\d+(?:\.\d+)?(?:-|\s)?(?:miles?|mi|km|k|kilomet(?:re|er)s?|hours?|minutes?|mile|-mile)?)\s+)*"
        r"(?:runs?|races?|workouts?|sessions?|marathons?|exercise|training|efforts?|distances?|\d+(?:-|\s)?milers?)",
        r"back-to-back\s+(?:days|runs|sessions|races|workouts)",
        # "after 8 days of running in a row", "after two weeks of hard training"
        r"after\s+(?:\d+|a\s+few|several|two|three|four|five|six|seven|eight|nine|ten)\s+(?:straight\s+)?"
        r"(?:days?|weeks?|months?)\s+of\s+(?:\w+\s+)?(?:running|racing|training|runs|races|workouts)",
        r"post(?:-|\s)?(?:run|race|exercise|workout|marathon|training|game|match)",
        # "recovery" naming a kind of outfit, run or routine, not an effect ("post-race
        # recovery outfits", "an easy recovery run")
        r"(?:post(?:-|\s)?(?:run|race|exercise|workout)\s+)?recovery\s+(?:outfits?|routines?|runs?|days?|weeks?|sessions?"
        r"|phases?|periods?|kit|tools?|modalit(?:y|ies)|strateg(?:y|ies)|methods?|wear|clothing)",
        r"(?:next|following)\s+(?:day|days|morning|run|session|workout)|day\s+after",
        r"between\s+(?:runs|races|sessions|workouts)",
    ),
    concept(
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
    concept(
        "standing",
        "setting",
        r"on\s+(?:your|their|my|his|her|our)\s+feet(?:\s+all\s+day)?",
        r"stand(?:s|ing)?\s+(?:all\s+day|for\s+(?:hours|long|a\s+long\s+time|(?:\w+\s+)?hours))",
        r"(?:stand|sit)(?:s|ting|ing)?\s+(?:or\s+(?:stand|sit)\s+)?for\s+long\s+periods|end(?:-|\s+)of(?:-|\s+)(?:the\s+)?(?:day|shift)"
        r"|(?:\d+|twelve|ten|eight|long)[\s-]+hours?\s+(?:a|per|each)\s+day|long\s+hours|all\s+day\s+long",
        r"(?:twelve|12|long|night|8|eight|10)(?:-|\s)hour\s+shifts?|long\s+shifts?|shifts?",
        # not a nurse who speaks or acts for a patient ("the nurse said they stop clots")
        r"at\s+work|work\s*days?|nurs(?:e|es|ing)(?!\s+(?:said|says|told|tells|recommend\w*|advis\w*|explain\w*|gave|gives"
        r"|put|puts|fitted|fits|measured|showed))|jobs?|occupations?|workers?|staff",
        r"(?:prolonged|long\s+periods\s+of)\s+(?:standing|sitting)|standing\s+jobs?|sit\s+all\s+day|desk",
    ),
    concept(
        "hospital",
        "setting",
        r"hospitals?|hospitali[sz]\w*|in-?patients?|wards?",
        # recovery from an operation is a hospital setting, not recovery after a run
        r"(?:surgical|post-?(?:operative|surgical|surgery|op))\s+recovery|recover\w*\s+from\s+(?:an?\s+|your\s+|the\s+)?(?:surgery|operation)",
        r"surg(?:ery|eries|ical)|operations?|post-?op\w*|operative|after\s+(?:an|your|the)\s+op",
        r"bed-?ridden|bed-?bound|stuck\s+in\s+bed|bed\s+rest|immobil\w*",
        r"(?:after|following|had|with|recent|acute)\s+(?:an?\s+)?(?:acute\s+)?stroke|stroke\s+(?:patients|survivors|units?|wards?)",
    ),
    concept(
        "medical",
        "setting",
        r"pregnan(?:t|cy|cies)|expectant\s+mothers?|matern\w*",
        r"patients?|diabet\w*|lymph(?:o)?(?:o?edema)|lymphatic",
        r"doctors?|physicians?|gps?|podiatrists?|vascular\s+surgeons?|clinicians?|nhs",
        r"prescri(?:be|bes|bed|bing|ption|ptions)",
        r"(?:medical|health)\s+conditions?|chronic\s+conditions?|older\s+(?:people|adults)|elderly",
    ),
    # ------------------------------------------------------------------ aspects
    concept(
        "onset",
        "aspect",
        r"prevent(?:s|ed|ing|ion|ative)?|(?:the\s+)?risks?\s+of|chances?\s+of|likelihood\s+of|incidence|rates?\s+of",
        r"develop(?:s|ed|ing|ment)?|form(?:s|ed|ing|ation)?|recurr\w+|com(?:e|es|ing)\s+back|getting\s+worse"
        r"|progression|avoid\w*|guard\w*\s+against|protect\w*\s+against",
        r"(?:slow\w*|halt\w*)\s+(?:the\s+)?(?:progress\w*|worsening|development)",
    ),
    concept(
        "relief",
        "aspect",
        r"reliev(?:e|es|ed|ing)|relief|eas(?:e|es|ed|ing)|sooth\w*|symptoms?|manag(?:e|es|ing|ement)|appearance\s+of"
        r"|treat(?:s|ed|ing|ment)?|palliative|discomfort|control(?:s|led|ling)?",
    ),
    *EFFECTS,
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
    # "symptoms" speaks of a condition: a weak medical setting, as "patients" is
    "symptoms": "medical",
    "edema": "medical",
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
    leg legs foot feet ankle ankles calf calves day days hour hours time long
    """.split()
)

#: Single words checked with a fuzzy ratio, so a typo ("sorness", "recovry") still finds its concept.
FUZZY_WORDS: dict[str, str] = {
    "performance": "performance",
    "endurance": "endurance",
    "efficiency": "economy",
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
