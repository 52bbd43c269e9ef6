"""The concept type of the draft checker's lexicon, and the effects claims promise.

A :class:`Concept` is a named group of phrases (regular expressions over lower-cased text) that
mean one thing. The effect concepts here are what claims about compression garments promise
("performance", "swelling", "dvt" ...); :mod:`claimtracker.lexicon` adds the garment, the
settings and the aspects, and holds the whole lexicon. The kinds and polarities are explained
there.
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


def concept(
    name: str, kind: Kind, *phrases: str, polarity: Polarity = "gain"
) -> Concept:
    body = "|".join(f"(?:{p})" for p in phrases)
    return Concept(name, kind, re.compile(rf"(?<![\w-])(?:{body})(?![\w])"), polarity)


W = r"(?:\W+\w+){0,4}?\W+"  # up to four words in between
#: Tired, heavy or aching legs: a symptom of venous disease on a medical page, fatigue or
#: soreness after a run. The same words go in each concept, so the setting decides.
LEG_SYMPTOMS = (
    r"(?:tired|heavy|aching|achy|weary)(?:,?\s+(?:(?:and|or)\s+)?(?:tired|heavy|aching|achy))*\s+legs"
    # the other way round: "legs feeling heavy and tired"
    r"|legs\s+(?:feel|feels|feeling|felt)\s+(?:so\s+|very\s+)?(?:tired|heavy|aching|achy)(?:\s+(?:and|or)\s+(?:tired|heavy|aching|achy))?"
)


#: Blood or oxygen brought to the muscles ("deliver that blood more efficiently", "oxygen-rich
#: blood is delivered to working muscles", "more blood and oxygen to be transported to the
#: muscles"): both more circulation and more oxygen for the muscles, so the same span stands in
#: both concepts.
DELIVERY = (
    r"deliver(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:(?:oxygen(?:-|\s)rich|oxygenated|more|fresh)\s+)?(?:blood|oxygen)"
    r"|(?:(?:oxygen(?:-|\s)rich|oxygenated)\s+)?(?:blood|oxygen)\s+(?:is|are|gets?|to\s+be)\s+(?:\w+\s+)?(?:delivered|transported|carried)"
    r"\s+(?:\w+\s+){0,2}?to\s+(?:the\s+|your\s+|working\s+|their\s+)*muscles"
    r"|(?:more\s+)?blood\s+and\s+oxygen\s+to\s+be\s+(?:transported|delivered|carried)"
)


#: What claims promise, as concepts.
EFFECTS: tuple[Concept, ...] = (
    concept(
        "performance",
        "effect",
        # not the speed of something else: "faster post-run recovery", "faster healing"
        r"fast(?:er|est)(?!\s+(?:post-?[\w-]+\s+)?(?:recover\w*|healing|heal|rehab\w*|return\s+from|muscle\s+repair))",
        r"quick(?:er|est)\s+(?:times?|pace|splits?|finish\w*|races?|runs?)",
        r"(?:race|finish(?:ing)?|marathon|5k|10k)\s+times?|(?:my|your|their|our)\s+(?:race\s+|running\s+)?times(?![\w-])",
        r"perform(?:s|ed|ing|ance|ances)?|outperform\w*",
        r"personal\s+(?:bests?|records?)|p[br]s?|new\s+p[br]",
        r"shav(?:e|es|ed|ing)"
        + W
        + r"off|(?:tak(?:e|es|ing)(?!\s+the\s+edge)|knock\w*)"
        + W
        + r"off",
        r"(?:minutes|seconds|mins|secs)\s+off",
        r"(?:top|running|race|foot|more|extra)\s+speed|(?<!to\s)speeds?(?!\s+(?:up|(?:it|this|that|things)\s+up|the|recovery|healing|your|muscle|blood|of\s+(?:\w+\s+)?(?:recovery|healing|blood|return)|work|workouts?|sessions?|drills?|intervals?|training))|pace"
        r"|(?:negative|even|race|mile|km|your|my|their|faster|quicker)\s+splits?|splits",
        r"run\s+(?:harder|better|stronger)|fast(?:er)?\s+and\s+stronger|stronger\s+and\s+faster",
        r"sprint\w*|explosive\w*|jump\s+higher",
        r"(?:competitive|winning|real|extra)\s+edge|(?:an\s+)?edge\s+over|advantage",
        r"time(?:-|\s)trials?",
        r"win(?:s|ning)?\s+races?|podium",
        r"(?:make|makes|making|made)\s+(?:you|runners|them|me|us|athletes)\s+(?:quicker|faster|speedier)",
        r"race\s+results?|run\s+(?:your|my|their|our)\s+best",
    ),
    concept(
        "endurance",
        "effect",
        r"endurance(?:\s+capacity)?|stamina",
        r"(?:go|run|last|keep\s+going|keep\s+running)\s+(?:for\s+)?(?:longer|further|farther)",
        r"(?:hold|maintain|keep)\s+(?:up\s+)?(?:your|the|their|my)\s+pace(?:\s+(?:and\s+\w+\s+)?(?:for\s+)?longer)?"
        r"|for\s+longer\s+periods|keep\s+up\s+(?:a|the|their|your|my)\s+(?:\w+\s+)?pace\s+for\s+(?:a\s+)?longer",
        r"time\s+to\s+exhaustion|exhaustion",
        r"before\s+(?:you|they|i|my\s+legs|your\s+legs)\s+(?:tire|give\s+out|fade)|before\s+fatiguing",
        r"keep\s+going|go\s+the\s+distance",
    ),
    concept(
        "economy",
        "effect",
        # efficiency of the runner, not of blood on its way ("move blood more efficiently",
        # "a more efficient calf muscle pump" say how blood flows, not what a run costs)
        r"efficiency|(?:run|runs|ran|running|runners?|stride\w*)\s+(?:\w+\s+){0,2}?efficient(?:ly)?"
        r"|(?:energy|oxygen)\s+more\s+efficiently",
        r"(?:running\s+|muscle\s+)?economy(?!\s+class)|economical(?:ly)?",
        r"(?:wast(?:ed|es|e|ing)\s+energy|energy\s+(?:is\s+)?(?:cost|wasted|saved|savings?))|save\s+energy",
        r"less\s+energy\s+is\s+wasted|energy\s+is\s+wasted",
        r"oxygen\s+(?:cost|consumption|uptake|use)|vo2(?:\s?max)?",
    ),
    concept(
        "mechanics",
        "effect",
        r"(?:your|my|their|his|her)\s+(?:running\s+)?strides?|strides?\s+(?:length|frequency)|gait|cadence"
        r"|ground\s+contact(?:\s+time)?",
        r"(?:running|your|my|their)\s+form",
        r"(?:running\s+)?mechanics|biomechanic\w*|kinematic\w*",
    ),
    concept(
        "strength",
        "effect",
        r"(?:regain\w*|recover\w*|restor\w*|keep\w*|preserv\w*)\s+(?:\w+\s+)?(?:strength|power)"
        r"(?:\s+(?:faster|quicker|sooner))?",
        r"(?<!compression\s)(?<!super\s)(?<!extra\s)(?<!full\s)strength|(?:muscle|leg|muscular)\s+(?:power|function)|powerful",
        r"(?:muscle\s+)?repair(?:s|ed|ing)?|rebuild\w*|jump\s+height",
    ),
    concept(
        "fatigue",
        "effect",
        r"fatigu(?:e|ed|es|ing)",
        LEG_SYMPTOMS,
        r"tired(?:ness)?|tir(?:e|es|ed|ing)(?:\s+(?:out|less))?|exerti?on|weary|dog(?:-|\s)tired|exhausted|worn\s+out",
        r"wrecked|trashed|shattered|dead\s+legs",
        polarity="problem",
    ),
    concept(
        "fatigue",
        "effect",
        r"(?:legs|calves|muscles|quads)\s+(?:feel|felt|feeling)\s+(?:\w+\s+)?(?:fresh\w*|light\w*|great|good|fine|normal|brand\s+new|like\s+new)",
        # a first-person account of feeling well ("I felt fine", "we felt great the next day")
        r"(?:i|we)\s+(?:\w+\s+)?(?:felt|feel)\s+(?:totally\s+|completely\s+|absolutely\s+|really\s+|so\s+|much\s+)?"
        r"(?:fine|great|good|fresh|amazing|normal|strong|brand\s+new|like\s+new)(?![\w])(?!\s+about)",
        r"fresh(?:er)?\s+legs|legs\s+fresh(?:er)?|feels?\s+easier|(?:is|was|felt|feel)\s+(?:\w+\s+)?easier(?!\s+for\b)",
    ),
    concept(
        "recovery",
        "effect",
        r"recover(?:y|ies|s|ed|ing)?(?:\s+(?:much\s+|even\s+)?(?:faster|quicker|sooner|more\s+quickly|better))?",
        r"(?:faster|quicker|speedier|better)\s+recovery|performance\s+recovery|recovery\s+of\s+performance",
        r"bounce\s+back|back\s+on\s+(?:your|my)\s+feet",
        r"ready\s+(?:for|to)" + W + r"(?:run|session|workout|day|race|training)",
        r"run\s+(?:\w+\s+){0,2}again|recuperat\w*"
        r"|(?:muscle|tissue)s?\s+regenerat\w*|regenerat\w*\s+(?:of\s+)?(?:the\s+|your\s+)?(?:muscles?|tissues?|legs?)",
        r"(?:post-?(?:run|race|exercise|workout|training)|recovery)\s+(?:benefits?|gains?|advantages?)",
        # waking up fit to run again: "woke up ready to go", "woke up feeling fresh"
        r"(?:woke|wake|wakes|waking)\s+up\s+(?:the\s+next\s+(?:day|morning)\s+)?(?:ready\s+to\s+(?:go|run|race)|feeling\s+(?:fresh|fine|great|good|normal))",
        # "we feel much better after our hard runs"
        r"(?:i|we|you)\s+(?:\w+\s+)?(?:felt|feel)\s+(?:much\s+|so\s+|a\s+lot\s+|far\s+)?better\s+after",
        # the run not felt the next day: "the next day I can't even tell I ran"
        r"(?:can[’']?t|couldn[’']?t|cannot|could\s+not)\s+(?:even\s+)?tell\s+(?:that\s+)?(?:i|we|you)\s+(?:had\s+)?(?:ran|run|raced)",
        # fresh again soon after the effort: "athletes feel fresher sooner after hard sessions"
        r"fe(?:el|els|lt|eling)\s+fresh(?:er)?\s+(?:sooner|faster|quicker|more\s+quickly|again|the\s+next\s+(?:day|morning))",
        r"regain\w*\s+(?:\w+\s+)?(?:performance|form|fitness)(?:\s+(?:faster|sooner|quicker|more\s+quickly))?",
    ),
    concept(
        "soreness",
        "effect",
        r"sore(?:ness)?(?!\s+marks)",
        r"doms|delayed(?:-|\s)onset(?:\s+muscle\s+soreness)?",
        r"ach(?:e|es|ing|y|iness)",
        r"stiff(?:ness)?",
        r"tender(?:ness)?",
        r"(?:muscle|leg|calf)\s+pain",
        r"beat\s+up|hobbl\w*",
        r"(?:calf|muscle|leg)\s+tightness|tight\s+(?:calves|muscles|hamstrings|legs)|knott?(?:s|ed)",
        polarity="problem",
    ),
    concept(
        "pain",
        "effect",
        r"pain(?:s|ful)?",
        r"(?:joint|foot|feet|knee|back|arthritis|arthritic)\s+pain|aching\s+joints|hurt(?:s|ing)?",
        polarity="problem",
    ),
    concept("pain", "effect", r"pain\s+relief|reliev\w*\s+(?:\w+\s+){0,3}pain"),
    concept(
        "lactate",
        "effect",
        r"lactic(?:\s+acid)?|lactates?|lactics",
        r"(?:metabolic\s+)?waste\s+products?|metabolic\s+waste|by-?products?|toxins?|(?:muscle\s+)?metabolites",
        r"acid(?:\s+build(?:-|\s)?up)?",
        polarity="problem",
    ),
    concept(
        "lactate",
        "effect",
        r"flush(?:es|ed|ing)?|clear(?:s|ing)?\s+(?:out|away)|wash(?:es)?\s+out|cleansed|clearance",
    ),
    concept(
        "circulation",
        "effect",
        DELIVERY,
        r"circulat(?:ion|ory|e|es|ed|ing)|circulatory",
        r"blood(?:\s+|-)?flow(?:ing)?|flow\s+of\s+blood|blood\s+(?:keeps?\s+)?flowing",
        r"venous\s+return|(?:blood|fluids?|it)\s+(?:back\s+)?(?:up\s+)?(?:to|toward|towards|back\s+to)\s+(?:the|your)\s+heart",
        r"(?:push|pushes|pushing|move|moves|moving|return\w*|speed\w*|squeez\w*|forc\w*|send\w*)\s+"
        r"(?:the\s+)?(?:venous\s+)?blood(?:\s+back)?(?:\s+up)?",
        r"return\s+of\s+(?:venous\s+)?blood|pump(?:s|ing)?\s+(?:blood|action)|muscle\s+pumps?|backflow\s+of\s+blood",
        r"(?:help|helps|helping)\s+(?:the\s+|your\s+)?blood|blood\s+(?:return|returning)",
        r"fluids?\s+to\s+move\s+upwards?",
        r"milk(?:s|ing)?\s+(?:the\s+)?blood",
        # "enhancing blood transport", "promoting venous flow", "shift blood along"
        r"blood\s+transport|venous\s+(?:blood\s+)?flow|shift(?:s|ed|ing)?\s+(?:the\s+)?blood",
        r"(?:movement|motion)\s+of\s+(?:the\s+)?blood|pump(?:ing)?\s+mechanism"
        r"|blood\s+(?:to\s+be\s+|is\s+|being\s+)?(?:pushed|pumped|moved|squeezed|forced|sent)\s+(?:back|up)",
        # blood stated as moving: "blood gets back to your heart", "easier for blood to travel up
        # your legs", "the blood that's flowing back to the heart", "keep the blood flowing"
        r"blood\s+(?:that[’']s\s+|that\s+is\s+|to\s+)?(?:gets?|goes|go|travel(?:s|ling)?|flow(?:s|ing)?|move(?:s)?"
        r"|moving|return(?:s|ing)?)\s+(?:\w+\s+){0,2}?(?:back|up|to\s+(?:the|your)\s+heart|towards?\s+(?:the|your)\s+heart)"
        r"(?:\s+(?:to\s+)?(?:the|your)\s+heart)?",
        r"(?:keep\w*|get\w*)\s+(?:the\s+|your\s+)?blood\s+(?:flowing|moving|circulating|pumping)",
        r"(?:prevent\w*|stop\w*|reduc\w*|keep\w*|avoid\w*)\s+(?:the\s+)?(?:chance\s+of\s+)?(?:blood|it)\s+"
        r"(?:from\s+)?(?:pool\w*|collect\w*|build\w*\s+up|stagnat\w*|accumulat\w*)",
    ),
    concept(
        "circulation",
        "effect",
        r"(?:poor|bad|sluggish|slow)\s+(?:blood\s+)?(?:circulation|blood\s+flow)",
        r"circulat\w*\s+(?:or\s+\w+\s+)?(?:conditions?|disorders?|diseases?|issues?|problems?|complications?)",
        # blood flow falling off ("on a long flight blood flow in the legs slows down")
        r"(?:blood\s+flow|circulation)(?:\s+\w+){0,3}?\s+(?:slows?|slowing|slowed|drops?|dropping|falls?|falling|decreas\w*"
        r"|declin\w*|stagnat\w*)(?:\s+down)?",
        polarity="problem",
    ),
    concept(
        "oxygen",
        "effect",
        DELIVERY,  # first: at one start, the whole delivery phrase and not "oxygen to"
        r"(?:more|extra|increased|improved|better)\s+oxygen|oxygen\s+(?:flow|delivery|delivered|supply|supplies|uptake\s+in\s+the\s+muscles|to)|oxygenat\w*",
        r"oxygen(?=\s+(?:back|is\s+carried|to\s+reach|reach))|nutrients\s+and\s+oxygen|flow\s+of\s+oxygen",
        r"(?:increas|boost|rais)\w*\s+(?:the\s+)?oxygen(?!\s+(?:cost|consumption|uptake|use|intake))",
        r"oxygen\s+and\s+nutrients?\s+(?:reach|get\s+to|flow\s+to|are\s+delivered)",
    ),
    concept(
        "vibration",
        "effect",
        r"vibrat(?:ion|ions|e|es|ing)",
        r"oscillat(?:ion|ions|e|es|ing)",
        r"wobbl(?:e|es|ing|y)|jiggl\w*|shak(?:e|es|ing)",
        r"muscle\s+(?:movement|motion|shake|shaking)",
        r"trauma\s+of\s+running|bounc(?:e|es|ing)(?:\s+around)?",
        r"(?:excess(?:ive)?|unnecessary|unwanted|extra)\s+(?:muscle\s+|leg\s+)?(?:movement|motion)",
        polarity="problem",
    ),
    concept(
        "vibration",
        "effect",
        r"muscle\s+containment",
        r"(?:hold|holds|keep|keeps)\s+(?:the\s+|your\s+)?(?:muscles?|calf|calves|them)\s+(?:\w+\s+)?(?:in\s+place|still)",
        r"damp(?:s|en|ens|ing)?",
        r"(?:more\s+)?compact\s+muscles|muscles\s+are\s+kept\s+(?:more\s+)?compact",
        r"(?:muscles?|tissues?)(?:\s+\w+){0,3}?\s+(?:snug|stabili[sz]ed|in\s+place)(?:\s+and\s+(?:snug|stabili[sz]ed|supported))?",
        # steadying the muscles themselves, not the runner's balance
        r"stabili[sz](?:e|es|ed|ing)\s+(?:the\s+|your\s+|their\s+)?(?:calf|calves|(?:leg\s+)?muscles?|soft\s+tissues?|muscle\s+tissues?)",
    ),
    concept(
        "balance",
        "effect",
        r"propriocept\w*",
        r"balance|agility|body\s+awareness|coordination",
        r"stabili[sz](?:e|es|ed|ing|ation)|stable|stability",
    ),
    concept(
        "swelling",
        "effect",
        r"swell(?:ing|ings|en|s|ed)?|swollen",
        r"puff(?:y|iness)|puff(?:s|ed|ing)?\s+up|bloat\w*",
        r"fluid\s+(?:build(?:-|\s)?up|retention)|(?:fluids?|liquids?)(?:\W+\w+){0,3}?\W+(?:from\s+)?(?:accumulat\w*|building\s+up|pool\w*)",
        r"cankles|(?:foot|feet|ankles?|legs?)\s+balloon(?:s|ed|ing)?|balloon(?:ing|ed)|deflat\w*",
        polarity="problem",
    ),
    concept("swelling", "effect", r"light\s+legs"),
    #: Oedema is swelling in a clinician's words: it also marks a medical setting.
    concept("edema", "effect", r"o?edema|oedematous|edematous", polarity="problem"),
    concept(
        "dvt",
        "effect",
        r"dvts?|deep(?:-|\s)(?:vein|venous)\s+thrombos[ie]s|thrombo\w*|thromb(?:i|us)|vtes?",
        r"(?:blood\s+)?clot(?:s|ting|ted)?|coagulat\w*",
        r"(?:pulmonary\s+)?embol(?:ism|isms|us|i)|economy\s+class\s+syndrome",
        polarity="problem",
    ),
    concept(
        "injury",
        "effect",
        r"injur(?:y|ies|ed|e)",
        r"shin\s+splints?",
        r"shins?\s+(?!(?:haven|havent|hasn|never|didn|don|dont|have\s+not)\b)(?:\w+\s+)?(?:hurt|ached|sore)\w*",
        r"(?:calf|muscle|hamstring)\s+(?:\w+\s+)?(?:strains?|tears?|pulls?)|strains?"
        r"|(?:strained|pulled|torn)\s+(?:calf|calves|muscles?|hamstrings?|achilles)",
        r"sprain\w*|achilles(?:\s+(?:tendon|problems?|injur\w*|tendinopathy))?|plantar\s+fasciitis",
        polarity="problem",
    ),
    concept(
        "injury",
        "effect",
        r"shins?\s+(?:haven[’']?t|havent|have\s+not|hasn[’']?t|never|didn[’']?t|don[’']?t|dont)\s+(?:\w+\s+)?(?:hurt|ached)\w*",
    ),
    concept(
        "rehab",
        "effect",
        r"rehab(?:ilitation|s|bing)?|convalesc\w*",
        r"(?:recover\w*|come\s+back|coming\s+back|return\w*|heal\w*)\s+(?:after|from)\s+(?:an?\s+|my\s+|your\s+|the\s+)?(?:\w+\s+)?"
        r"(?:injur\w*|strains?|sprains?|tears?|shin\s+splints)",
        r"back\s+into\s+shape|return\s+to\s+(?:running|training|sport)",
        r"treat(?:s|ed|ing)?\s+(?:\w+\s+){0,2}(?:injur\w*|shin\s+splints|strains?|sprains?|tears?)",
    ),
    concept(
        "muscle-damage",
        "effect",
        r"muscle(?:-|\s)damag\w*|muscular\s+damage|(?:markers\s+of\s+)?muscle\s+damage|creatine\s+kinase|ck|micro-?(?:tears|trauma)",
        r"inflamm\w*|soft\s+tissue\s+damage|muscles?\s+from\s+damage",
        polarity="problem",
    ),
    concept(
        "venous-disease",
        "effect",
        # (not varicose eczema, a skin condition)
        r"varicose(?:\s+veins?)?(?!\s+eczema)|varicosit(?:y|ies)|spider\s+veins|vein\s+(?:disease|problems?|ailments?|disorders?)",
        r"(?:chronic\s+)?venous\s+(?:insufficiency|disease|disorders?|reflux|hypertension)|cvi|cvd",
        LEG_SYMPTOMS,
        r"heaviness",
        r"(?:bulging|twisted|swollen)\s+veins|veins?\s+(?:coming|popping|sticking|bulging)\s+out",
        r"chronic\s+(?:leg\s+|ankle\s+)?(?:swelling|o?edema)|venous\s+(?:leg\s+|ankle\s+)?(?:swelling|o?edema)",
        r"(?:high\s+)?(?:blood\s+)?pressure\s+(?:in|inside|within)\s+(?:your\s+|the\s+)?(?:leg\s+)?veins",
        # the state of diseased veins: "venous pressure", "venous stagnation", "venous skin
        # disorders", "disorders of the veins"
        r"venous\s+(?:pressure|stagnation|stasis|congestion|pooling|skin\s+(?:disorders?|changes?|conditions?))",
        r"(?:disorders?|diseases?|problems?)\s+of\s+the\s+(?:leg\s+)?veins",
        polarity="problem",
    ),
    #: Symptoms with no condition named ("help relieve symptoms"): the matcher reads them as
    #: the symptoms of venous disease on a medical page, and as nothing elsewhere.
    concept("symptoms", "effect", r"symptoms?", polarity="problem"),
    #: Discomfort: a symptom of venous disease on a page about it, the garment's own
    #: discomfort when the garment brings it on, nothing claimed otherwise.
    concept("discomfort", "effect", r"discomfort", polarity="problem"),
    concept(
        "ulcer",
        "effect",
        r"(?:venous\s+|leg\s+)*ulcers?|wounds?|(?:open|leg|venous)\s+sores?",
        polarity="problem",
    ),
    concept(
        "ulcer",
        "effect",
        r"ulcer\s+healing|heal(?:s|ed|ing)?\s+(?:the\s+)?(?:ulcers?|(?:open\s+|leg\s+)?sores|wounds?)",
    ),
    concept(
        "cramp",
        "effect",
        r"cramp(?:s|ing|ed\s+up)?|spasms?|charley\s+horses?|seiz(?:e|es|ed|ing)\s+up",
        polarity="problem",
    ),
    concept(
        "placebo",
        "effect",
        # not the control arm of a trial ("the placebo group wore ordinary socks")
        r"placebos?(?!\s+(?:group|groups|arm|arms|condition|conditions|socks?|stockings?|garments?|tights|controlled|control))",
        r"in\s+(?:your|the|their|my)\s+head|mind\s+games?|psycholog\w*",
        r"believe\s+in\s+it|expect\w*\s+(?:\w+\s+){0,2}?to\s+work|who\s+believed",
        r"(?:because|as\s+long\s+as|if)\s+(?:you|they|runners|people|athletes|we|wearers)\s+believe",
    ),
    concept(
        "confidence",
        "effect",
        r"confiden(?:ce|t)|mental\s+(?:game|edge|boost|lift)|reassur\w*|mentally",
        r"(?:feel|feels|feeling|felt)\s+(?:more\s+)?(?:stable|supported|secure)|stable\s+feeling",
        r"feel\s+like\s+a\s+(?:pro|professional|real)",
        # "they make me feel like a strong and powerful runner", "they made me feel fast"
        r"(?:make|makes|made|making)\s+(?:me|you|them|us|runners)\s+feel\s+(?:like\s+)?(?:an?\s+)?(?:\w+\s+)?"
        r"(?:strong|powerful|fast|faster|invincible|unstoppable|pro)(?:\s+(?:and|or)\s+(?:strong|powerful|fast|faster))?(?:\s+runners?)?",
    ),
    concept(
        "history",
        "effect",
        r"ancient|antiquity|centur(?:y|ies)|millenni(?:a|um)|thousands\s+of\s+years",
        r"hippocrates|neolithic|egypt\w*|\d{3,4}\s*b\.?c",
        r"(?:not|nothing)\s+new|long\s+history|has\s+been\s+used\s+(?:for|since)",
    ),
    concept(
        "firmness",
        "effect",
        r"firm(?:er|est)?\s+(?:compression|pressure|socks?)|(?:stronger|higher|more)\s+(?:compression|pressure)"
        # not the gradient of one garment ("more compression toward the bottom of the sock")
        r"(?!\s+(?:at|toward|towards|near|around|in)\s+(?:the\s+)?(?:ankles?|bottom|foot|feet|lower))",
        r"the\s+tighter\s+the\s+better|tighter\s+is\s+better",
    ),
    concept(
        "comfort",
        "effect",
        r"comfort(?:able|ably)?|comfy|hardly\s+notice",
        r"(?:no|not\s+much|little|barely|hardly)\s+tighter|(?:don[’']t|doesn[’']t)\s+feel\s+tight",
    ),
    concept(
        "comfort",
        "effect",
        # not a problem called uncomfortable ("uncomfortable muscle soreness")
        r"uncomfortabl[ey](?!\s+(?:\w+\s+)?(?:soreness|swelling|symptoms?|pain|cramps?|aches?|legs|feet))|restrictive",
        r"(?:too|very|super|so|really)\s+tight",
        r"(?:getting|putting|pulling)\s+(?:them|it|\w+)\s+on\s+is\s+(?:a|an)\s+(?:\w+\s+)?(?:workout|battle|struggle|nightmare|chore|mission|pain)",
        r"(?:hard|difficult|tough|tricky|a\s+struggle|a\s+pain|a\s+(?:total\s+|real\s+)?(?:nightmare|hassle|mission)|(?:an?\s+)?(?:two|\d)(?:-|\s)(?:person|man|woman)\s+job"
        r"|a\s+(?:real\s+)?(?:battle|fight|workout|chore))\s+to\s+(?:get|put|pull)\s+(?:\w+\s+)?on",
        r"(?:like|feels?\s+like)\s+(?:an?\s+)?(?:\w+\s+)?(?:vice|stapler|tourniquet)",
        polarity="opposite",
    ),
    concept(
        "harm",
        "effect",
        r"harm(?:s|ed|ful)?|damag(?:e|es|ed|ing)\s+(?:the\s+|your\s+)?(?:skin|nerves?)",
        r"(?:skin|nerve)\s+(?:damage|trauma|breakdown|injur(?:y|ies)|irritation|problems|necrosis)",
        r"pressure\s+(?:sores?|ulcers?|injur(?:y|ies)|damage)|blisters?|necrosis",
        r"side(?:-|\s)effects?|adverse\s+(?:effects?|events?)|toenails?",
        # What the skin and nerves suffer from a garment that is too tight, badly fitted or
        # not kept clean: "skin irritation or chafing", "itching or rashes", "dig into your
        # skin", "press against the nerves", "fungal infections", "numb or tingling".
        r"irritat(?:e|es|ed|ion)|rash(?:es)?|itch(?:es|ing|y|iness)?|chaf(?:e|es|ed|ing)",
        r"(?:(?:bacterial|fungal|skin)\s+(?:or\s+(?:bacterial|fungal)\s+)?)infections?|numb(?:ness)?|tingl(?:e|es|ing)",
        r"tourniquet\s+effect|act(?:s|ing)?\s+(?:just\s+)?like\s+a\s+tourniquet",
        r"damage\s+to\s+(?:the\s+|your\s+)?(?:skin|nerves?)|too\s+much\s+(?:compression|pressure)"
        r"|(?:used|worn)\s+in\s+moderation",
        r"break(?:s|ing)?\s+(?:down\s+)?(?:the\s+|your\s+)?skin"
        r"|(?:can|could|may|might|will|often|also)\s+(?:caus|creat)\w*\s+(?:\w+\s+)?(?:problems|complications)"
        r"|(?:can|could|may|might|will|often|also)\s+make\s+(?:\w+\s+){0,4}?(?:conditions?|problems?)\s+worse",
        r"(?:dig|digs|digging|cut|cuts|cutting)\s+into\s+(?:the\s+|your\s+|their\s+)?(?:skin|legs?|calf|calves|flesh)",
        r"press(?:es|ing)?\s+(?:against|on)\s+(?:the\s+)?nerves?|nerve\s+(?:compression|pressure|palsy)"
        r"|(?:pinch|compress)\w*\s+(?:the\s+|a\s+)?nerves?",
        # Blood flow held back by the garment: "cut off blood flow", "interfere with correct
        # blood circulation", "blocking venous return", "limit circulation".
        # (not a condition the reader has: "people with impaired circulation")
        r"(?<!with\s)(?<!have\s)(?<!has\s)(?<!from\s)(?<!of\s)"
        r"(?:decreas|restrict|reduc|impair|imped|cut\w*\s+off|compromis|limit|block|obstruct|constrict|interfer\w*\s+with)\w*\s+"
        r"(?:(?:the|your|correct|normal|proper|healthy|good|arterial)\s+){0,2}(?:blood\s+flow|circulation|blood\s+circulation"
        r"|blood\s+supply|venous\s+return)",
        r"circulat\w*\s+(?:issues?|problems?)\s+(?:due\s+to|caused\s+by|from)\s+(?:\w+\s+){0,2}(?:incorrect|improper|poor|bad|wrong|ill|tight)\w*",
        r"(?:and\s+)?other\s+problems",
        # what a garment rolled down or rubbing does: "a tight band causing constriction",
        # "rubbed me behind the knees leaving welts", "pins and needles"
        r"welts?|pins\s+and\s+needles|tight\s+band|constriction",
        # marks the garment leaves: "redness and temporary dents in your skin", "sore marks"
        r"redness|dents?\s+in\s+(?:the\s+|your\s+)?skin|(?:sore|red|pressure)\s+marks",
        polarity="harm",
    ),
    concept(
        "harm",
        "effect",
        r"(?<!un)safe(?:ly|ty)?|harmless|risks?\s+(?:\w+\s+){0,5}(?:are|is)\s+(?:very\s+)?(?:low|small|minimal)",
        r"(?:can[’']t|cannot|won[’']t|couldn[’']t|wouldn[’']t)\s+hurt",
        polarity="opposite",
    ),
    concept(
        "pressure",
        "effect",
        r"mmhg|millimet(?:re|er)s?\s+of\s+mercury",
        r"pressure\s+(?:class|classes|level|levels|rating|grade|strengths?)|compression\s+(?:class|classes|levels?)",
        r"class\s+(?:i|ii|iii|1|2|3)",
    ),
    concept(
        "independence",
        "effect",
        r"independent(?:ly)?|third(?:-|\s)part(?:y|ies)|endors\w*|swear\s+by|affiliat\w*",
    ),
)
