"""The cue words of the sentence reader: clause breaks, negators, doubt, hypotheses, reducers,
pronouns and the other signs :mod:`claimtracker.reading` reads a sentence's stance and subject by.

Regular expressions over normalised (lower-cased) text; no logic. Each says, in its comment, what
it is for and an example from real text.
"""

from __future__ import annotations

import re


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])")


#: Where a clause ends: contrast words and semicolons.
CONTRAST = _rx(
    r"but|however|although|though|even\s+though|whereas|while|yet|except|instead"
    # not "I don't know if ...", which doubts what follows
    r"|(?<!know\s)(?<!sure\s)(?<!wonder\s)if|unless"
)
#: A reason clause after a comma (", as this could restrict blood flow") starts a new clause.
REASON = re.compile(
    r",\s*(?=as\s+(?:this|it|they|that|these)\b)"
    # with no comma, when a modal follows: "should not wear stockings as they may cause ..."
    r"|\s(?=as\s+(?:this|it|they|these)\s+(?:can|could|may|might|will|would|often|also)\b)"
)
#: Clauses opened by these end at their first comma.
SUBORDINATOR = _rx(
    r"while|although|though|even\s+though|whereas|whether|(?<!know\s)(?<!sure\s)(?<!wonder\s)if|even\s+if|unless"
    r"|as\s+far\s+as"
)
#: Where a negator's reach ends inside a clause: dashes, brackets, colons.
SCOPE_BREAK = re.compile(r"\s[—–-]\s|—|–|[():\[\]]")
INTERROGATIVE = _rx(
    r"do|does|did|can|could|will|would|should|is|are|was|were|have|has|how|what|why|which|who"
    r"|when|where|must|may|might|isn't|aren't|don't|doesn't|won't|can't"
)
NEGATOR = re.compile(
    r"(?<![\w-])(?:not|never|cannot|neither|nor|hardly|barely|nothing|none|no\s+amount|no\s+one"
    r"|nobody|fail(?:s|ed)?\s+to|unable\s+to|no)(?![\w])(?!\s+(?:only|just|until|longer|doubt|matter|forget|more\b|(?:be\s+)?as\s+\w+\s+(?:as|for)\b))"
    r"|n[’']t(?![\w])(?!\s+(?:only|just|until|forget|(?:be\s+)?as\s+\w+\s+(?:as|for)\b))"
)
#: The negators a problem's reducer can stand under ("no amount of compression could prevent
#: cramps"); a bare "no" before a problem is itself the reducer ("no more swelling").
PROBLEM_NEGATOR = re.compile(
    r"(?<![\w-])(?:not|never|cannot|neither|nor|hardly|barely|nothing|no\s+amount|fail(?:s|ed)?\s+to"
    r"|unable\s+to)(?![\w])(?!\s+(?:only|just|until|had|have|get|got|forget|(?:be\s+)?as\s+\w+\s+(?:as|for)\b))|n[’']t(?![\w])(?!\s+(?:only|just|until|had|have|forget|(?:be\s+)?as\s+\w+\s+(?:as|for)\b))"
)
#: The evidence judged thin: "little evidence", "the evidence is rather lightweight", "little
#: in the way of definitive proof", "doesn't prove that it has any effect", "the jury is still out".
THIN_EVIDENCE_BODY = (
    r"(?:no|little|limited|weak|scant|scarce|insufficient|thin|mixed|conflicting|inconclusive|not\s+enough"
    r"|lack\s+of|lacks|lacking)\s+(?:(?:good|real|solid|strong|scientific|conclusive|clear|convincing|hard|reliable"
    r"|high-quality|consistent|published|peer-reviewed|clinical|definitive|\w+-based)\s+)*(?:evidence|proof|data|research|science|support"
    r"|results|findings)"
    r"|(?:evidence|proof|research|science|support|data|results|findings|studies)(?:\s+\w+){0,4}?\s+(?:is|are|was|were|remains?|seems?)\s+(?:\w+\s+)?"
    r"(?:lightweight|flimsy|shaky|sketchy|patchy|weak|thin|limited|lacking|scant|sparse|hypothetical|anecdotal|dubious"
    r"|contradictory|conflicting|equivocal|murky|inconclusive|mixed)"
    r"|little\s+in\s+the\s+way\s+of\s+(?:\w+\s+)?(?:proof|evidence|support|data)"
    r"|(?:doesn[’']?t|does\s+not|don[’']?t|do\s+not|didn[’']?t|did\s+not|can[’']?t|cannot)\s+(?:\w+\s+)?prove"
    r"|jury\s+(?:is\s+|remains\s+)?(?:still\s+)?out"
    r"|(?:not|never|hasn[’']t|haven[’']t|wasn[’']t|weren[’']t)\s+(?:been\s+)?(?:proven|shown|demonstrated|established)"
    r"|yet\s+to\s+be\s+(?:proven|shown|demonstrated|established|confirmed)|unproven|unsubstantiated"
)
#: Doubt about the effect or its evidence, anywhere in a clause: the clause denies its effects.
DOUBT = _rx(
    r"(?:no|little|limited|weak|scant|scarce|insufficient|thin|mixed|conflicting|inconclusive|not\s+enough"
    r"|lack\s+of|lacks|lacking)\s+(?:(?:good|real|solid|strong|scientific|conclusive|clear|convincing|hard|reliable"
    r"|high-quality|consistent|published|peer-reviewed|clinical|\w+-based)\s+)*(?:evidence|proof|data|research|science|support"
    r"|results|findings)"
    r"|no\s+science|myths?|debunk\w*|unproven|unsubstantiated|misleading|overhyped|hype|false\s+claims?|snake\s+oil"
    r"|(?:not|never|hasn[’']t|haven[’']t|wasn[’']t|weren[’']t)\s+(?:been\s+)?(?:proven|shown|demonstrated|established)"
    r"|sceptic\w*|skeptic\w*|doubt(?:s|ful|ed)?|debat(?:able|ed)|room\s+for\s+debate|questionable|controversial"
    r"|pour(?:s|ed|ing)?\s+cold\s+water"
    r"|unclear|uncertain|no\s+(?:study|studies|trial|trials)\s+(?:has|have)|(?:difficult|hard|impossible)\s+to\s+(?:determine|say|tell|know)"
    r"|all\s+over\s+the\s+map|no\s+(?:(?:real|significant|statistical|statistically\s+significant|measurable|meaningful|clear"
    r"|noticeable|substantial|added|additional|further|extra|obvious)\s+)*(?:difference|differences|effect|effects|benefit|benefits"
    r"|improvement|improvements|change|changes|advantage|impact)"
    r"|(?:hardly|barely|scarcely)\s+any\s+(?:\w+\s+)?(?:benefit|difference|effect)\w*"
    r"|exactly\s+the\s+same|(?:was|were|is|are|showed|had|have|has)\s+(?:\w+\s+)?the\s+same\s+(?:as|with|loss|in)|unchanged"
    r"|not\s+(?:superior|better|more\s+effective)|no\s+better|did\s+not\s+differ|no\s+added\s+value"
    r"|(?:do|does|did)\s+not\s+need|(?:don|doesn|didn)[’']t\s+need|not\s+(?:necessary|needed)|no\s+need"
    r"|not\s+(?:entirely\s+|really\s+|fully\s+)?(?:convinced|sure)|may\s+not\s+be(?!\s+as\b)|waste\s+of|not\s+enough\s+to"
    r"|(?:is|are)\s+(?:just\s+|mostly\s+|all\s+|pure\s+)?(?:nonsense|marketing)|don[’']t\s+(?:fully\s+)?support"
    r"|(?:highly\s+|very\s+)?unlikely\s+to|little\s+to\s+(?:indicate|suggest|show|support)"
    r"|(?:did|does|do)\s+not\s+(?:significantly\s+)?(?:change|alter|affect)|(?:didn|doesn|don)[’']t\s+(?:change|alter|affect)"
    # "it may be unnecessary for patients to wear compression stockings", "a new study begs to
    # differ", "runners performed the same with and without compression tights"
    r"|(?:is|are|be|was|were|seems?|it[’']s|deemed)\s+(?:\w+\s+)?(?:unnecessary|needless)|unnecessary\s+(?:to|for)|begs?\s+to\s+differ|the\s+same\s+with(?:\s+\w+)?\s+and\s+without"
    r"|(?:no|little|minimal|limited)\s+(?:real\s+|extra\s+|added\s+)?(?:protection|help|value|use)(?![\w-])"
    r"|(?:is|are|remains?)\s+(?:\w+\s+)?(?:mixed|inconclusive|divided)|(?:does|do|did)\s+(?:very\s+)?little\s+(?:to|for)|no\s+(?:real\s+|significant\s+)?(?:reduction|reductions|decrease|increase)"
    r"|(?:were|was|is|are)\s+no\s+different|not\s+(?:any\s+|significantly\s+)?different"
    r"|(?:just\s+)?as\s+\w+\s+with\s+(?:or|and)\s+without|(?:did|does|do)\s+nothing\s+(?:for|to)"
    r"|yet\s+to\s+be\s+(?:proven|shown|demonstrated|established|confirmed)|no\s+less\s+likely|not\s+(?:any\s+)?less\s+likely"
    r"|(?:do|does|did)\s+not\s+work|(?:don|doesn|didn)[’']t\s+work|ineffective|not\s+(?:effective|helpful)"
    r"|(?:not|isn[’']t|aren[’']t|no)\s+(?:a\s+)?(?:miracle|magic)\s+(?:cure|bullet|solution|fix)"
    r"|the\s+same\s+(?:chance|risk|rate|likelihood|odds|incidence)"
    r"|(?:don[’']t|do\s+not|doesn[’']t|does\s+not)\s+know\s+(?:if|whether)\s+(?:they|it|(?:the|my|these|those|compression)\s+\w+)"
    r"\s+(?:really\s+)?(?:do|does|did|work|works|worked|help|helps|helped|make|makes|made)\b"
    r"|(?:didn[’']t|did\s+not|don[’']t|do\s+not|doesn[’']t|does\s+not)\s+do\s+(?:anything|much)\s+for"
    r"|(?:can[’']?t|cannot|couldn[’']?t|could\s+not|didn[’']?t|did\s+not|don[’']?t|do\s+not)\s+(?:\w+\s+)?(?:tell|see|notice|feel)\s+(?:any|a|much)\s+"
    r"(?:real\s+)?difference"
    r"|benefits?\s+(?:\w+\s+){0,4}?(?:is|are|was|were)\s+(?:very\s+|only\s+|likely\s+)?(?:small|tiny|minimal|modest|negligible|trivial)"
    r"|"
    + THIN_EVIDENCE_BODY
    + r"|(?:slightly\s+|rather\s+|somewhat\s+)?dubious|found\s+nothing"
)
#: The evidence judged thin, the doubt a "but" clause can cast back on the clause before it
#: ("They may flush lactate, but the evidence is thin").
THIN_EVIDENCE = _rx(THIN_EVIDENCE_BODY)
#: A hypothesis, a plan or a question-like framing: the clause names its effects without asserting.
TOPIC = _rx(
    r"in\s+theory|theoretical\w*|(?:is|are|was|were|it[’']s)\s+(?:often\s+|widely\s+|generally\s+)?assumed"
    r"|assum(?:e|es|ption)\s+(?:is\s+)?that|hypothes\w+|the\s+notion|the\s+idea(?:\s+(?:of|behind)(?:\s+\w+){1,4}?)?\s+(?:is\s+)?that|suppos(?:ed|edly)"
    r"|purported\w*|alleged\w*|suspect\w*|hop(?:e|es|ing)\s+(?:that|they|it|to|the)|in\s+the\s+hope"
    r"|investigat\w+|set\s+out\s+to|aim(?:s|ed|ing)?\s+(?:was\s+)?(?:to|at)|(?:tak\w+|hav\w+)\s+a\s+(?:\w+\s+)?look\s+at"
    r"|(?:the|a|one|main|primary|leading|popular)\s+(?:\w+\s+)?theory(?:\s+(?:as\s+to|about|on)(?:\s+\w+){1,5}?)?\s+(?:is|that)|(?:goal|aim|purpose|objective)\s+of\s+(?:the|this|our)"
    r"\s+(?:trial|study|review|research)|examin\w+|evaluat\w+|(?:test|tested|testing|assess\w*|see|find\s+out)\s+(?:whether|if)"
    r"|looked\s+at\s+how|(?:measured|recorded|monitored|tracked|to\s+(?:measure|record|monitor|track))(?=\s+(?!(?:by|in|with)\b))"
    # a trial's design: "were randomly assigned to wear stockings or no stockings"
    r"|randomly\s+(?:assigned|allocated)\s+to|randomi[sz]ed\s+to"
    r"|(?:study|studies|trial|trials|research|researchers|review|paper|article)\s+(?:\w+\s+)?(?:looked|looks)\s+at"
    r"|(?:article|study|paper|piece|post|review|story)\s+(?:\w+\s+)?discuss\w*|whether|(?:a|the|one)\s+(?:common|popular|frequent|big)\s+claim|claims?\s+(?:such\s+as|like)"
    r"|phrases\s+such\s+as|(?:want|wants|wanted|plan|plans|planning|would\s+like)\s+to|for\s+(?:\w+\s+){0,4}(?:purposes|reasons)|effects?\s+of\s+(?:\w+\s+){0,4}on"
    r"|(?:even\s+)?if\s+(?:that|it|they)\s+(?:makes?|helps?|is|works?)|(?:even\s+)?if\s+it[’']s"
    r"|(?<!support\s)(?<!supports\s)(?<!supported\s)(?<!back\s)(?<!backs\s)(?<!backed\s)(?:an?|the)\s+(?:assertion|statement|claim|promise)s?\s+that"
)
#: A relative clause that defines a term (", which is a measure of efficiency tied to endurance
#: performance,"): its effects are named, not claimed.
DEFINITION = re.compile(r",\s*which\s+(?:is|are|means|includes?|refers)\b[^,]*,")
#: Words that reduce a problem when they stand before it.
REDUCER = _rx(
    r"reduc\w*|prevent\w*|lower(?:s|ed|ing)?(?!\s+(?:legs?|limbs?|body|back|calf|calves|extremit))|less|fewer|decreas\w*|minimi[sz]\w*|eliminat\w*|eas(?:e|es|ed|ing)"
    r"|reliev\w*|relief|combat\w*|fight\w*|stop\w*|avoid\w*|cut(?:s|ting)?(?!\s*(?:or|and|,|\)))|limit\w*|lessen\w*|alleviat\w*"
    r"|sooth\w*|treat\w*|manag\w*|heal\w*|recover(?:y|s|ed|ing)?\s+from|help(?:s|ed|ing)?|against|protect\w*|guard\w*|delay\w*|no\s+longer|no|without"
    r"|free\s+(?:of|from)|banish\w*|goodbye|tackl\w*|improv\w*|control\w*|dampen\w*|counter\w*|resist\w*"
    # "keep swelling down", "kept her varicose veins from getting worse": the keeping, with
    # the problem after it
    r"|(?:keep\w*|kept)(?=\s+(?:\w+\s+){0,3}?(?:from|at\s+bay|away|down|under\s+control|in\s+check|to\s+a\s+(?:\w+\s+)?minimum"
    r"|(?:to|at)\s+a\s+manageable\s+level)(?![\w-]))|clear\w*|remov\w*|rid|zero|take\s+the\s+edge\s+off"
    r"|ward\w*\s+off|shift(?:s|ed|ing)?"
    r"|(?:never|not|\w+n[’']t)\s+(?:had|have(?!\s+to\b)|get|got|experienced?|suffered(?:\s+from)?|woken\s+up\s+with|woke\s+up\s+with)|recommend\w*\s+for|prescri\w+|(?:used|worn|designed|made)\s+(?:to|for)"
    r"|lessen\w*|shorten\w*|speed\w*\s+(?:up\s+)?(?:the\s+)?(?:removal|clearance)|(?:solution|answer|remedy)\s+(?:to|for)"
    r"|(?:positive|beneficial|favou?rable|good)\s+(?:\w+\s+)?effects?\s+on|benefits?\s+(?:for|on)|slow(?:s|ed|ing)?"
    r"|so\s+(?:that\s+)?(?:it|they|blood|the\s+blood)\s+(?:doesn[’']t|does\s+not|don[’']t|do\s+not|won[’']t|will\s+not"
    r"|can[’']t|cannot|is\s+less\s+likely\s+to|are\s+less\s+likely\s+to)"
)
#: Words that keep a harm away ("the socks stop blisters").
HARM_REDUCER = _rx(
    r"prevent\w*|stop\w*|avoid\w*|reduc\w*|protect\w*|no|without|free\s+(?:of|from)|minimi[sz]\w*|less|fewer"
)
#: Words that treat what would be a harm ("copper sleeves relieve numbness"): a symptom
#: relieved, not a harm done or kept away.
HARM_RELIEF = _rx(
    r"reliev\w*|relief|eas(?:e|es|ed|ing)|sooth\w*|alleviat\w*|treat\w*|heal\w*|combat\w*|lessen\w*|calm\w*"
)
#: Words that reduce a problem when they come after it ("cramp prevention", "the pain was gone").
POST_REDUCER = _rx(
    r"prevention|relief|reduction|reducers?|(?:was|were|is|are|has|have)\s+(?:\w+\s+)?(?:gone|better|reduced|eased|relieved"
    r"|lessened|decreased|diminished|dampened|minimi[sz]ed"
    r"|lower|improved|less|disappeared|stopped|vanished|ceased|cleared\s+up)|went\s+away|disappear\w*|subsided|ease\s+up|eased|deflated|heal(?:s|ed)?\b|free|removal"
    r"|(?:goes|went|go|going|come|comes|came)\s+down"
    r"|(?:will|would|did|does|do)\s+not\s+(?:develop|form|occur|happen)|(?:won|didn|doesn|don)[’']t\s+(?:develop|form|occur|happen)"
)
#: A clause that recommends or prescribes the garment for a problem names the problem as its purpose.
PURPOSE = _rx(
    r"recommend\w*|prescri\w+|(?:used|worn)\s+to\s+treat|(?:particularly\s+|very\s+|especially\s+)?"
    r"(?:useful|helpful|beneficial)\s+(?:\w+\s+){0,3}?(?:if|for|when|in|during|where|on|after)|(?:find|get|gives?|provides?)\s+(?:\w+\s+)?relief"
    # used for conditions: "widely used in medical settings for conditions like varicose veins",
    # "physicians use them to treat conditions such as swelling", "used to aid in conditions"
    r"|(?:used|use|uses|worn)\s+(?:\w+\s+){0,4}?(?:for|to\s+(?:treat|aid\s+in|help\s+with|manage))\s+"
    r"(?:\w+\s+){0,2}?(?:conditions?|disorders?)(?![\w-])"
)
#: A problem found more often in those who did not wear the garment: a result told in
#: figures ("DVTs were nearly 25 times more likely in people who did not wear stockings",
#: "93% of runners who did not wear the socks had calf soreness, but only 14% of those who
#: wore them") reduces the problem as a reducer would.
NON_WEARERS_WORSE = _rx(
    r"(?:more\s+likely|more\s+common|more\s+often|higher|greater)\s+(?:\w+\s+){0,5}?(?:who|that)\s+"
    r"(?:did\s+not|didn[’']t|do\s+not|don[’']t|were\s+not|weren[’']t)\s+(?:wear|wearing)"
    r"|(?:who|that)\s+(?:did\s+not|didn[’']t|were\s+not|weren[’']t)\s+(?:wear|wearing)\s+[^.;]{0,120}?,?\s+but\s+only"
    r"|(?:who\s+wore|wearing)\s+(?:the\s+|their\s+)?(?:\w+\s+){0,3}?(?:socks?|stockings?|sleeves?|tights|garments?),?\s+"
    r"(?:just|only)\s+(?:one|two|three|a\s+few|\d+)"
)
PRONOUN_SUBJECT = re.compile(
    r"(?:^|[,;:—–(\"“]\s*|(?<![\w-])(?:and|but|so|because|as|since|that|when|if|yes|well|also|now|plus|then|where|though"
    r"|although|while|ok|okay|what|says?|said|claims?|(?:wear|wearing|put|putting|slip|try|trying|use|using)(?:\s+on)?"
    r"|believe|think|thinks|thought|find|found|feel|felt|know|knew|reckon|swear|guess|bet|agree|noticed|notice)\s+)(?:they[’'](?:ve|re|ll|d)|they|them|these|those|this|it|(?:the|this|that|their|its)\s+(?:(?:gentle|constant|consistent|graduated|graded|extra"
    r"|added|external|light|firm|mild|steady)\s+)?(?:pressure|squeeze|squeezing|compression|process"
    r"|goal|purpose|aim|idea|point|result|effect|benefits?))"
    r"(?:\s+(?:socks?|stockings?|garments?|items?|things|sleeves|tights))?"
    r"(?![\w'’])(?!\s+(?:is(?!\s+what)|was|can\s+take|takes|took|had\s+been|happens|means|seems\s+that|to|of|way|year|week|day|time"
    r"|morning|evening|spring|summer|autumn|winter)\b)"
)
#: Comfort words that can be said of anything ("swelling is uncomfortable", "comfortable
#: clothes"): they speak of the garment only when :data:`GARMENT_FEELS` or
#: :data:`WORN_AFTER` says so.
COMFORT_WORD = re.compile(r"(?:un)?comfort(?:able|ably|abl[ey])?|comfy")
#: The garment, or a pronoun for it, before a comfort word in its clause.
GARMENT_FEELS = _rx(
    r"they|them|these|those|it|socks?|stockings?|sleeves?|tights|hose|hosiery|garments?|leggings"
    r"|wraps?|bandages?|pairs?|treatment|wearing|compression"
)
#: The wearing after a comfort word: "uncomfortable to wear", "comfortable to put on".
WORN_AFTER = re.compile(
    r"\s+(?:to\s+(?:wear|put\s+on|get\s+on|pull\s+on|sleep\s+in|run\s+in)|in\s+(?:them|it)"
    # a comparison with another garment: "as comfortable as regular socks"
    r"|(?:as|than)\s+(?:\w+\s+){0,3}?(?:socks?|stockings?|sleeves?|tights|hosiery))\b"
)
#: A loss named just before a gain ("the loss of muscle strength", "reductions in power",
#: "may affect athletic performance", "take away competitive edge"): the gain is only named.
LOSS = re.compile(
    r"(?<![\w-])(?:loss\s+of|(?:reductions?|decreases?|declines?|drops?|deficits?|impairments?)\s+in|reduced|decreased"
    r"|impaired|diminished|lost|poorer|worse|affect(?:s|ed|ing)?|hamper\w*|hinder\w*|compromis\w*|take\s+away|takes\s+away)"
    r"\s+(?:[\w-]+\s+){0,2}$"
)
#: A loss itself reduced ("less loss of strength"): the gain is claimed after all.
LOSS_REDUCED = re.compile(
    r"(?<![\w-])(?:less|no|reduc\w*|prevent\w*|minimi[sz]\w*|limit\w*|lower\w*|fewer)\s+$"
)
#: The name of a journal or a book, read as no words ("published in the International
#: Journal of Sports Physiology and Performance"): blanked before reading.
TITLE = re.compile(
    r"(?<![\w-])(?:journal|annals|archives|proceedings|bulletin)\s+of\s+[^,.;:()\"“”]{0,80}"
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
#: A sentence whose subject is the body, a condition or the effect itself, not a garment ("Your
#: veins are like highways carrying blood back to the heart", "Good circulation matters").
BODY_SUBJECT = re.compile(
    r"^\W*(?:(?:the|your|our|their|his|her|these|those|its|tiny|small|healthy|damaged|weak|leg|calf|mild|severe"
    r"|large|swollen|existing|new|bulging"
    r"|most|many|some|one-way|deep|superficial)\s+)*(?:veins?|valves?|vessels?|arter(?:y|ies)|blood"
    r"|heart|muscles?|legs?|calves|feet|ankles|body|bodies|condition|symptoms?|dvt|clots?"
    r"|exhaustion|fatigue|swelling|varicose\s+veins|gravity"
    r"|(?:good|better|poor|healthy|proper|normal|reduced|restricted|impaired|decreased|insufficient|low|slow|sluggish)"
    r"\s+(?:blood\s+)?(?:circulation|blood\s+flow|recovery))\b"
)
#: The end of a :data:`BODY_SUBJECT` that is a limb or the body, which can feel a garment's
#: effect ("Your legs will feel fresher"), unlike a condition or a vessel.
LIMB = re.compile(r"(?:legs?|calves|feet|ankles|muscles?|body|bodies)$")
#: The blood, a vessel or a muscle doing something itself ("blood pools in the lower leg",
#: "as blood flows toward the heart", "difficult for blood to return"): physiology, not what a
#: garment named before does.
BODY_ACTS = _rx(
    r"(?:blood|veins?|valves?|(?:blood\s+)?vessels?|arter(?:y|ies))\s+(?:normally\s+|then\s+)?(?:(?:is|are|was|were)(?!\s+\w+ed\b)|can|cannot"
    r"|can[’']t|has|have|flows|pools|expands?|expanding|returns|returning|gets|moves|travels|carr(?:y|ies)|leaks)"
    r"|for\s+(?:the\s+)?blood\s+to\s+(?:return|flow|move|travel|circulate|get|pool)"
    # the body's own pump: "your calf muscles pump blood back to your heart"
    r"|(?:muscles?|calf|calves|heart)\s+(?:\w+\s+)?(?:pump|pumps|pumping|push|pushes|squeeze|squeezes)\s+(?:the\s+)?blood"
)
#: A sentence opening on a thing named and what it is ("Hydration and sleep are the
#: foundations of recovery"): it is about that thing, not a garment left unnamed.
NAMED_SUBJECT = re.compile(
    r"^\W*(?!(?:they|these|those|it|this|that|there|here|what|which|who|you|we|i|he|she|compression|the\s+(?:pressure"
    r"|compression|squeeze|benefits?|result|effect|goal|idea|point))\b)(?:[(a-z][\w'()-]*\s+){1,6}?(?:is|are|was|were)\s+"
    r"(?:the|a|an|one|key|essential|important|vital|crucial|central|that|what|when)\b"
)
#: A sentence opening on "they" or on the pressure, as the first sentence of an excerpt can
#: before the garment is named ("They can be used to treat ...").
OPENING_THEY = re.compile(
    r"^\W*(?:(?:and|but|so|also)\W+)?(?:they|(?:the\s+|gentle\s+|graduated\s+)?(?:pressure|compression))\b"
    r"(?!\s+(?:is|was)\b)(?![’']s)"
)
#: Any pronoun that can stand for a garment named before ("I put them on after the run").
PRONOUN_ANY = _rx(r"they|them|these|those")
FIRST_PERSON = _rx(r"i|i[’']m|i[’']ve|i[’']d|my|me|mine|we|our|us")
#: A list's lead-in that names what the garment does to the problems listed under it
#: ("Compression hosiery is a prescribed treatment that can help prevent:").
REDUCING_LEAD = re.compile(
    r"(?:prevent\w*|reduc\w*|reliev\w*|eas(?:e|es|ing)|treat\w*|manag\w*|help(?:s|ing)?\s+with|protect\w*\s+against"
    r"|guard\w*\s+against|fight\w*|lower\w*\s+the\s+risk\s+of|useful\s+for|used\s+(?:to\s+treat|for))\W*:\s*$"
)
#: A short answer standing alone after a question: "No, not really.", "Possibly.", "Out for
#: debate." It takes the claims the question asked about, denied or asserted.
SHORT_ANSWER = re.compile(
    r"^\W*(?:a\d*\s*[:.)]\s*)?(?:(?P<no>no|nope|not\s+really|no,?\s+not\s+really|(?:it[’']s\s+)?(?:out\s+for|up\s+for|open\s+to)\s+debate"
    r"|debatable|doubtful|unlikely|probably\s+not|not\s+(?:much|at\s+all))"
    r"|(?P<yes>yes|yep|absolutely|definitely|possibly|probably|maybe|perhaps|likely|it\s+seems\s+so|they\s+do|it\s+does))"
    r"\W*$"
)
#: A sentence that points back at the claims of the sentence before it.
ANAPHORA = _rx(
    r"none\s+of\s+(?:that|this|these|it|them)|(?:these|those|such|the\s+\w+)\s+claims|(?:support|back)\w*\s+"
    r"(?:this|that|it|these|those)(?:\s+up)?|(?:these|those|this|that)\s+claims\s+up|(?:did|do|does)(?:n[’']t|\s+not)\s+think\s+so"
    r"|(?:short|simple|quick|honest|real)\s+answer\s+is\s+(?:yes|no|probably\s+not|not\s+really)"
    r"|(?:the\s+)?(?:evidence|research|science|data|studies|jury)\s+(?:is|are|says?|suggests?|remains?)\s+(?:\w+\s+)?(?:no|not\s+really|mixed|out|unclear|inconclusive|divided)"
    r"|not\s+the\s+case|(?:this|that|it)\s+(?:is|was|has\s+been|isn[’']t|is\s+not|wasn[’']t)\s+(?:\w+\s+)?(?:true|shown|proven"
    r"|the\s+case|correct)|(?:shown|proven)\s+not\s+to\s+happen"
)
#: A sentence opening on another agent that acts ("Foam rolling may reduce soreness"): it does
#: not go on about the garment named before it.
OTHER_AGENT = re.compile(
    r"^\W*(?:(?:and|but|so|also|yet)\s+)?(?!(?:they|it|these|those|this|that|which|you|we|i|when|if|as|while"
    r"|because|since|once|after|before|(?:the\s+|this\s+|that\s+)?(?:(?:gentle|graduated|graded|constant|consistent|steady"
    r"|external|extra|added|light|firm|mild)\s+)?(?:pressure|compression|squeeze|squeezing))\b)((?:(?!(?:is|are|was|were|be|been|being|says?|said|claims?|tells?|told"
    r"|reports?)\b)[a-z][\w'-]*,?\s+){1,5}?)(?:(?:may|can|could|will|might|would|should|does|do|did)\s+"
    r"(?:also\s+|really\s+)?(?:help|reduce|improve|prevent|boost|ease|relieve|speed|cut|lower|increase|enhance|work"
    r"|make|keep|stop|aid|promote|give|offer|provide|let|allow)|helps|helped|reduces|reduced|improves|improved"
    r"|prevents|prevented|boosts|eases|relieves|speeds|cuts|lowers|increases|enhances|works|worked|makes|made|keeps"
    r"|stops|aids|promotes|gives|offers|provides|lets|allows|do(?:es)?\s+more|fixe[sd]|solve[sd]|cure[sd]|matters?"
    # a cause of the problem: "being on your feet all day will cause swelling", "training
    # results in muscle damage"
    r"|(?:will|can|may|could|often|frequently|usually)?\s*(?:cause|causes|caused|results?\s+in|resulted\s+in|leads?\s+to|led\s+to|produces?)"
    # two things named as acting together: "ice and rest help", "massage and stretching reduce"
    r"|(?<=\sand\s)(?:[a-z][\w'-]*\s+){1,3}?(?:help|reduce|improve|prevent|ease|relieve|speed|lower|aid|promote|matter))\b"
)
#: Another cause named for the effect ("I recovered faster by sleeping more").
MEANS = _rx(r"(?:by|thanks\s+to|due\s+to|because\s+of)\s+\w+ing")
#: The garment named as not the cause ("that's from the intervals, not the socks"): the
#: sentence denies what it says of it.
NOT_THE_GARMENT = _rx(
    r"not\s+(?:from\s+|because\s+of\s+|due\s+to\s+|thanks\s+to\s+)?(?:the|my|your|these|those|any)\s+"
    r"(?:compression\s+)?(?:socks?|sleeves?|stockings?|tights|garments?|compression)"
)
#: A state negated just before it ("my calves were not even sore"): the problem is reduced.
NOT_STATE = re.compile(
    r"(?<![\w-])(?:not|never|no\s+longer|\w+n[’']t)(?:\s+(?:even|at\s+all|that|too|very|so|(?:nearly|quite|anywhere\s+near)\s+as|as))?"
    r"(?:\s+(?:get|got|feel|felt|go|went|become|became|turn|turned))?\s+$"
)
STATE = re.compile(
    r"sore|stiff|achy|aching|aches?|hurts?|tired|swollen|swell|cramping|cramp"
)
#: A problem the garment is said not to be for ("a definite purpose, but not for edema").
NOT_FOR = re.compile(r"(?<![\w-])not\s+(?:for|against)\s+(?:\w+\s+){0,2}$")
#: A problem named as the circumstance ("swelling in the days after the injury").
CIRCUMSTANCE = re.compile(
    r"(?<![\w-])(?:after|following|since|during)\s+(?:\w+\s+){0,2}$"
    r"|(?<![\w-])(?:after|following)\s+(?:\w+\s+){0,6}(?:treatments?|surgery|surger(?:y|ies)|procedures?|operations?)"
    r"\s+(?:to\s+(?:remove|treat|close)\s+|for\s+)(?:\w+\s+){0,4}$"
)
#: A problem the garment brings on: a cause word before it ("can lead to skin itching", "can
#: worsen varicose vein problems", "could result in discomfort") or "make ... worse" around it.
CAUSE = _rx(
    r"caus(?:e|es|ed|ing)|lead(?:s|ing)?\s+to|led\s+to|result(?:s|ed|ing)?\s+in|trigger(?:s|ed|ing)?|give\s+rise\s+to"
    r"|worsen(?:s|ed|ing)?|aggravat\w*|exacerbat\w*|contribut\w*\s+to|mak(?:e|es|ing)|made"
    # wearers worse off: "patients who wore the stockings were more likely to suffer blisters"
    r"|(?:were|was|are|is)\s+more\s+likely\s+to\s+(?:suffer|develop|get|have|experience|report)(?:\s+from)?"
)
#: A cause word of :data:`CAUSE` that needs "worse" after the problem ("make edema worse").
CAUSE_NEEDS_WORSE = _rx(r"mak(?:e|es|ing)|made")
WORSE_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?worse(?![\w])")
#: Who brings a problem on: the garment, a pronoun for it, or the way it is worn.
GARMENT_AGENT = _rx(
    r"they|them|(?:these|those)(?=\s+(?:can|could|may|might|will|would|often|also|are|do|does|did|have))"
)
#: A relative clause between the garment and a cause word brings its own subject ("treatment
#: for varicose veins that are causing symptoms").
RELATIVE = _rx(r"that|which|who|whose|where|when")
#: How a garment comes to harm: worn too tight, badly fitted, rolled or bunched.
MISFIT = _rx(
    r"too\s+tight|(?:incorrect|improper|wrong|poor|bad|ill)(?:ly)?(?:\s+|-)(?:fit\w*|siz\w*|size|worn)|wrong\s+size"
    r"|improperly|incorrectly|badly\s+fitt?\w*|roll(?:s|ed|ing)?\s+(?:down|over)|bunch(?:es|ed|ing)?(?:\s+up)?|twist\w*"
    r"|slip(?:s|ped|ping)?\s+down|worn\s+too\s+long"
)
#: A warning that names who should not wear the garment ("should not be used in patients with
#: peripheral arterial disease"): a contraindication, which says the garment can harm.
_FORBID = r"(?:should\s+not|shouldn[’']t|must\s+not|mustn[’']t|do\s+not|don[’']t|never|avoid|not\s+(?:suitable|recommended|advised))"
_CONDITION = (
    r"(?:(?:peripheral\s+)?arter(?:ial|y)\s+(?:disease|problems?|insufficiency)|pad|(?:peripheral\s+)?neuropathy"
    r"|loss\s+of\s+sensation|heart\s+failure|skin\s+(?:infections?|grafts?)|fragile\s+skin|open\s+(?:wounds?|sores?))"
)
CONTRAINDICATION = _rx(
    rf"{_FORBID}(?:\W+\w+){{0,8}}?\W+{_CONDITION}"
    # the condition first: "people with peripheral artery disease should not wear them"
    rf"|(?:with|have|has)\s+(?:\w+\s+){{0,2}}?{_CONDITION}(?:\W+\w+){{0,4}}?\W+{_FORBID}\s+(?:\w+\s+)?(?:wear|use|be\s+(?:given|fitted))"
)
#: A recommendation for a problem the reader has: "If you get cramps at night, compression
#: socks are worth a try" (the opening "if you ..." clause, then the garment recommended).
IF_YOU = re.compile(r"^\W*(?:\d+[.)]\s*)?if\s+(?:you|your)(?![\w])")
RECOMMENDS = _rx(
    r"help(?:s|ful)?|worth|consider|try|recommend\w*|good\s+idea|smart|ideal|great\s+(?:option|choice)|solution|answer"
    r"|(?:may|might|could|can)\s+(?:\w+\s+)?benefit|useful|make\s+a\s+difference"
)
#: Tightness that belongs to another thing ("my shoes are too tight"): not the garment's.
OTHER_TIGHT = re.compile(
    r"(?:shoes?|trainers|laces|boots?|waistband|belt|muscles?|calves|hamstrings)\s+(?:\w+\s+)?(?:are|is|feel|feels|felt|were|was)"
    r"\s+(?:\w+\s+)?too\s+tight"
)
#: A warning against wearing a garment ("Avoid elastic bandages for varicose veins"): what it
#: is for is not claimed.
AVOID_GARMENT = _rx(
    r"(?:avoid|don[’']t\s+(?:use|wear|buy)|do\s+not\s+(?:use|wear|buy)|never\s+(?:use|wear)|stay\s+away\s+from)"
    r"\s+(?:\w+\s+){0,2}(?:socks?|stockings?|bandages?|wraps?|sleeves?|hose|hosiery|tights|garments?)"
)
#: Risk said to fall ("stockings reduced risk from 30 cases per 1,000 down to 3", "a reduction
#: in the risk"): the problem the passage is about is reduced.
RISK_REDUCED = _rx(
    r"(?:reduc\w*|lower\w*|cut(?:s|ting)?|decreas\w*|halv\w*|minimi[sz]\w*)\s+(?:the\s+|their\s+|your\s+|this\s+)?"
    r"(?:\w+\s+)?risks?|(?:reduction|decrease|drop|fall|fell)\s+in\s+(?:the\s+)?(?:\w+\s+)?risks?"
    r"|(?:prevent\w*|stop\w*|keep\w*|avoid\w*)\s+(?:this|that|it)\s+from\s+(?:happening|occurring)"
    r"|risks?\s+(?:was\s+|were\s+|is\s+)?(?:reduced|lowered|cut|halved|fell|dropped|falls?|drops?|went\s+down|declined)"
)
#: A sentence that says the garment works, naming no effect ("compression was better than no
#: compression"): it makes the claims the sentence before was about.
EFFICACY = _rx(
    r"(?:was|were|is|are)\s+(?:\w+\s+)?(?:better|more\s+effective|superior)\s+than|work(?:s|ed)?\s+(?:well|better)"
    # the garment dealing with the problem just told: "compression socks fixed that"
    r"|(?:fix|fixed|fixes|solved|solves|solve|cured|cures|sorted)\s+(?:that|this|it|the\s+problem)(?![\w-])"
    r"|took\s+care\s+of\s+(?:that|this|it)|(?:help|helps|helped)\s+with\s+(?:that|this)(?![\w-])"
    # the benefits just named: "research on these benefits has produced mixed results"
    r"|(?:these|those|such)\s+(?:benefits|effects)"
    # working or not, helping or not, protecting or not: "stockings do not work for stroke
    # patients", "an ineffective treatment", "wearing the stockings will not protect them"
    r"|(?:do|does|did)\s+not\s+work|(?:don|doesn|didn)[’']t\s+work|ineffective|not\s+(?:effective|helpful)"
    r"|(?:will|would|do|does|did)\s+not\s+protect|(?:won|don|doesn|didn)[’']t\s+protect"
    # the garment doing something or nothing: "it's not going to do anything for you"
    r"|(?:it|they|these|those)(?:[’']s|[’']re)?\s+(?:\w+\s+){0,4}?(?:do|does|did)\s+(?:anything|nothing|a\s+thing)"
    r"|(?:was|were|is|are)\s+(?:\w+\s+)?superior\s+to"
    r"|(?:is|are|was|were)\s+(?:very\s+|highly\s+|particularly\s+)?effective"
)
#: A "how" or "why" question whose premise is the effect: "How do compression socks improve
#: blood circulation?", "Why does compression reduce swelling?" take the effect as given, so
#: they state it (not "How do compression socks affect performance?", which asks).
PRESUPPOSING = re.compile(
    r"(?:how|why)\s+(?:exactly\s+)?(?:do|does|did|can|could|would|will|might)\s+(?:[\w-]+\s+){1,4}?"
    r"(?:improve|help|boost|increase|reduce|prevent|enhance|speed|relieve|ease|stop|lower|aid|promote"
    r"|decrease|keep|protect|lessen|minimi[sz]e)(?:s|d)?(?![\w])"
)
#: A numbered question or answer on a questions page ("Q1:", "A2.").
QA_LABEL = re.compile(r"^(?:q|a|question|answer)\s*\d*\s*[:.)]\s*")
#: A short list item or heading that names a benefit: "Improved circulation", "Speeding recovery".
BENEFIT_LEAD = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:improv\w*|reduc\w*|better|faster|quicker|less|lower\w*|speed\w*|prevent\w*|minimi[sz]\w*"
    r"|increas\w*|enhanc\w*|decreas\w*|relie\w*|boost\w*|no\s+more|fewer|support\w*|promot\w*|aid\w*)(?![\w])"
)
DID_YOU_KNOW = _rx(r"did\s+you\s+know")
#: A gain that can be lowered ("seem to decrease performance"), and the verbs that lower it
#: right before it: the gain is denied. (Not times or recovery time, which fall as they improve.)
LOWERABLE = re.compile(r"perform\w*|endurance|strength|power|economy|efficiency")
LOWERED = re.compile(
    r"(?:decreas|reduc|impair|hurt|hamper|worsen|lower|harm|hinder|diminish)\w*\s+(?:\w+\s+)?$"
)
#: A clause conceded before the main one ("While there is some evidence ...,").
CONCESSION = re.compile(
    r"\W*(?:while|whilst|although|though|even\s+though|granted|admittedly)\b"
)
#: A clause that answers the one before it ("..., but there is little proof").
BUT = re.compile(r"\W*(?:but|yet|however)\b")

#: Comfort a garment brings, not how the garment feels ("to improve patient comfort").
COMFORT_BROUGHT = re.compile(
    r"(?:improv|increas|enhanc|boost|maximi[sz])\w*\s+(?:(?:the|your|their|patient|patients[’']?|overall|leg)\s+)*$"
)

#: A sentence opening on what the garment just named does ("By preventing or reducing swelling,
#: nurses can ..."), whatever its grammatical subject.
BY_DOING = re.compile(r"\W*by\s+(?:\w+ing\b)", re.IGNORECASE)
