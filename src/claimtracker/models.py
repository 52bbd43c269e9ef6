"""The record model: claims, studies and the links between them.

Pure data, no I/O. Every model forbids unknown keys and is frozen; scalar fields are
strict (a YAML ``no`` never becomes a string, a ``012345`` never becomes text), and free
text is normalised to NFC with control characters rejected. Rules *within* one record
live here as validators; rules *across* records live in ``checks`` and ``grading``.

The vocabularies (``Rating``, ``Certainty``, ``Flag`` ...) are the stable public scale:
they are written in the YAML files, the exports and the ClaimReview output.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

# --------------------------------------------------------------------------- scalars

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{2,63}$"
KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
URL_PATTERN = r"^https?://\S+$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def _clean_text(value: str) -> str:
    """Normalise to NFC and refuse control, bidi and zero-width characters."""
    text = unicodedata.normalize("NFC", value)
    bad = _CONTROL.search(text)
    if bad:
        raise ValueError(
            f"contains the control or invisible character U+{ord(bad.group()):04X}"
        )
    if not text.strip():
        raise ValueError("is empty")
    return text


def _iso_date(value: Any) -> Any:
    """Accept a YAML date or an ISO ``YYYY-MM-DD`` string, nothing else (no timestamps)."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    raise ValueError("must be a date written YYYY-MM-DD")


def _partial_date(value: Any) -> Any:
    """A YAML date becomes its ISO text; partial dates (``2016`` or ``2016-09``) stay text."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _number(value: Any) -> Any:
    """Numbers must be numbers: ``true`` or ``'0.4'`` are refused, ints are accepted as floats."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return float(value)


Text = Annotated[str, Field(strict=True, min_length=1), AfterValidator(_clean_text)]
ShortText = Annotated[
    str, Field(strict=True, min_length=1, max_length=300), AfterValidator(_clean_text)
]
RecordId = Annotated[str, Field(strict=True, pattern=ID_PATTERN)]
OutcomeKey = Annotated[str, Field(strict=True, pattern=KEY_PATTERN)]
Doi = Annotated[str, Field(strict=True, pattern=DOI_PATTERN)]
Url = Annotated[str, Field(strict=True, pattern=URL_PATTERN, max_length=2000)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    Field(strict=True, pattern=PARTIAL_DATE_PATTERN),
]
Number = Annotated[float, BeforeValidator(_number)]
Count = Annotated[StrictInt, Field(ge=0)]
Year = Annotated[StrictInt, Field(ge=1800, le=2100)]


# --------------------------------------------------------------------------- vocabularies


class Rating(StrEnum):
    """How well the evidence backs a claim (the published five-step scale)."""

    SUPPORTED = "supported"
    PARTLY_SUPPORTED = "partly-supported"
    UNPROVEN = "unproven"
    NOT_SUPPORTED = "not-supported"
    CONTRADICTED = "contradicted"

    @property
    def value_number(self) -> int:
        """The ClaimReview ``ratingValue``: 5 = supported ... 1 = contradicted."""
        return RATING_VALUES[self]


RATING_VALUES: dict[Rating, int] = {
    Rating.SUPPORTED: 5,
    Rating.PARTLY_SUPPORTED: 4,
    Rating.UNPROVEN: 3,
    Rating.NOT_SUPPORTED: 2,
    Rating.CONTRADICTED: 1,
}

RATING_MEANINGS: dict[Rating, str] = {
    Rating.SUPPORTED: "moderate or high certainty of a worthwhile effect, for the claimed outcome and population",
    Rating.PARTLY_SUPPORTED: "an effect on some outcomes or populations only, or only low certainty of an effect",
    Rating.UNPROVEN: "too little evidence, or only very-low-certainty evidence, either way",
    Rating.NOT_SUPPORTED: "the evidence points to no worthwhile effect, at low certainty",
    Rating.CONTRADICTED: "moderate or high certainty of no worthwhile effect, or of the opposite",
}


class Certainty(StrEnum):
    """GRADE certainty of the body of evidence."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"


CERTAINTY_ORDER: tuple[Certainty, ...] = (
    Certainty.VERY_LOW,
    Certainty.LOW,
    Certainty.MODERATE,
    Certainty.HIGH,
)

CERTAINTY_MEANINGS: dict[Certainty, str] = {
    Certainty.HIGH: "further research is very unlikely to change our confidence in the estimate",
    Certainty.MODERATE: "further research is likely to have an important impact and may change the estimate",
    Certainty.LOW: "further research is very likely to change the estimate",
    Certainty.VERY_LOW: "any estimate of effect is very uncertain",
}


class Flag(StrEnum):
    """Caveats shown beside a rating."""

    PLACEBO_POSSIBLE = "placebo-possible"
    INDIRECT_EVIDENCE = "indirect-evidence"
    SMALL_STUDIES = "small-studies"
    INDUSTRY_FUNDED = "industry-funded"
    SURROGATE_OUTCOME = "surrogate-outcome"
    CONFLICTING_EVIDENCE = "conflicting-evidence"
    RETRACTED_SOURCE = "retracted-source"


FLAG_MEANINGS: dict[Flag, str] = {
    Flag.PLACEBO_POSSIBLE: "the benefit shows only in self-reported outcomes without a sham control",
    Flag.INDIRECT_EVIDENCE: "the studies are on other people or other garments than the claim is about",
    Flag.SMALL_STUDIES: "the evidence comes from small studies, which overstate effects more often",
    Flag.INDUSTRY_FUNDED: "some of the evidence was funded by, or has authors tied to, garment makers",
    Flag.SURROGATE_OUTCOME: "the studies measured a stand-in (a blood marker, a flow reading), not what the claim promises",
    Flag.CONFLICTING_EVIDENCE: "the studies point in different directions",
    Flag.RETRACTED_SOURCE: "a study cited for this claim has been retracted and is left out",
}


class Domain(StrEnum):
    """What an outcome measures, or what a claim is about."""

    PERFORMANCE = "performance"
    PHYSIOLOGY = "physiology"
    RECOVERY = "recovery"
    PERCEPTION = "perception"
    INJURY = "injury"
    MEDICAL = "medical"
    HISTORY = "history"
    PRODUCT = "product"


OUTCOME_DOMAINS: tuple[Domain, ...] = (
    Domain.PERFORMANCE,
    Domain.PHYSIOLOGY,
    Domain.RECOVERY,
    Domain.PERCEPTION,
    Domain.INJURY,
    Domain.MEDICAL,
)


class Design(StrEnum):
    """Study design, from strongest body-of-evidence role to weakest."""

    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic-review"
    SCOPING_REVIEW = "scoping-review"
    NARRATIVE_REVIEW = "narrative-review"
    RCT_PARALLEL = "rct-parallel"
    RCT_CROSSOVER = "rct-crossover"
    NON_RANDOMISED = "non-randomised"
    OBSERVATIONAL = "observational"


REVIEW_DESIGNS = frozenset(
    {
        Design.META_ANALYSIS,
        Design.SYSTEMATIC_REVIEW,
        Design.SCOPING_REVIEW,
        Design.NARRATIVE_REVIEW,
    }
)
RANDOMISED_DESIGNS = frozenset({Design.RCT_PARALLEL, Design.RCT_CROSSOVER})


class Population(StrEnum):
    """Who took part (a study) or who a claim is about."""

    RUNNERS = "runners"
    TRAINED_RUNNERS = "trained-runners"
    RECREATIONAL_RUNNERS = "recreational-runners"
    ATHLETES = "athletes"
    ACTIVE_ADULTS = "active-adults"
    INACTIVE_ADULTS = "inactive-adults"
    PATIENTS = "patients"
    STANDING_WORKERS = "standing-workers"
    AIR_TRAVELLERS = "air-travellers"
    GENERAL = "general"
    MIXED = "mixed"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    MIXED = "mixed"
    NOT_REPORTED = "not-reported"


class GarmentType(StrEnum):
    SOCKS = "socks"
    SLEEVES = "sleeves"
    STOCKINGS = "stockings"
    TIGHTS = "tights"
    BANDAGE = "bandage"
    PNEUMATIC = "pneumatic"
    MIXED = "mixed"
    OTHER = "other"


class Worn(StrEnum):
    DURING = "during"
    AFTER = "after"
    DURING_AND_AFTER = "during-and-after"
    DAILY = "daily"
    TRAVEL = "travel"
    NOT_REPORTED = "not-reported"


class Comparator(StrEnum):
    NO_GARMENT = "no-garment"
    REGULAR_SOCKS = "regular-socks"
    SHAM_GARMENT = "sham-garment"
    CONTRALATERAL_LIMB = "contralateral-limb"
    LOWER_PRESSURE = "lower-pressure"
    OTHER_TREATMENT = "other-treatment"
    USUAL_CARE = "usual-care"
    MIXED = "mixed"
    NOT_REPORTED = "not-reported"


class Blinding(StrEnum):
    NONE = "none"
    PARTICIPANTS = "participants"
    ASSESSORS = "assessors"
    DOUBLE = "double"
    NOT_REPORTED = "not-reported"
    NOT_APPLICABLE = "not-applicable"


class Bias(StrEnum):
    LOW = "low"
    SOME_CONCERNS = "some-concerns"
    HIGH = "high"
    NOT_ASSESSED = "not-assessed"


class Integrity(StrEnum):
    PUBLISHED = "published"
    CORRECTED = "corrected"
    RETRACTED = "retracted"
    EXPRESSION_OF_CONCERN = "expression-of-concern"


class Measure(StrEnum):
    OBJECTIVE = "objective"
    SELF_REPORTED = "self-reported"


class Direction(StrEnum):
    """What the study found for this outcome, from the wearer's point of view."""

    BENEFIT = "benefit"
    NO_DIFFERENCE = "no-difference"
    HARM = "harm"
    MIXED = "mixed"


class Metric(StrEnum):
    SMD = "smd"
    MD = "md"
    RR = "rr"
    OR = "or"
    HR = "hr"
    RD = "rd"
    ES = "es"


RATIO_METRICS = frozenset({Metric.RR, Metric.OR, Metric.HR})


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class ClaimantType(StrEnum):
    BLOG_AUTHOR = "blog-author"
    COMMENTER = "commenter"
    MANUFACTURER = "manufacturer"
    RETAILER = "retailer"
    MEDICAL_BODY = "medical-body"
    REGULATOR = "regulator"
    RESEARCHER = "researcher"
    JOURNALIST = "journalist"
    OTHER = "other"


class RulingOutcome(StrEnum):
    UPHELD = "upheld"
    NOT_UPHELD = "not-upheld"
    SETTLED = "settled"
    PENALTY = "penalty"
    RESOLVED = "resolved"


# --------------------------------------------------------------------------- parts


class Part(BaseModel):
    """Base of every model: unknown keys are errors, values cannot be changed after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Participants(Part):
    n: Count | None = Field(
        None,
        description="Number of participants analysed (for a review: across its studies).",
    )
    population: Population = Field(description="Who took part.")
    description: Text | None = Field(
        None, description="Who took part, in a few words (training level, age)."
    )
    sex: Sex = Field(Sex.NOT_REPORTED, description="Sex of the participants.")
    sex_note: ShortText | None = Field(
        None, description="The split by sex where it was reported."
    )


class Garment(Part):
    type: GarmentType = Field(description="Kind of compression garment tested.")
    pressure_mmhg: Annotated[list[Number], Field(min_length=1, max_length=2)] | None = (
        Field(
            None,
            description="Pressure in mmHg as [value] or [low, high], only when reported.",
        )
    )
    pressure_note: ShortText | None = Field(
        None, description="Pressure or class as reported, in words."
    )
    worn: Worn = Field(Worn.NOT_REPORTED, description="When the garment was worn.")

    @model_validator(mode="after")
    def _pressure_order(self) -> Garment:
        p = self.pressure_mmhg
        if p is not None and (len(p) == 2 and p[0] > p[1] or any(x < 0 for x in p)):
            raise ValueError("pressure_mmhg must be [low, high] with 0 <= low <= high")
        return self


class RiskOfBias(Part):
    rating: Bias = Field(
        Bias.NOT_ASSESSED, description="Overall risk of bias for this study."
    )
    note: Text | None = Field(
        None, description="Why (unblinded, small, unclear randomisation ...)."
    )


class Funding(Part):
    source: Text | None = Field(
        None, description="Who paid for the study, as reported."
    )
    industry: StrictBool | None = Field(
        None, description="True when a garment maker funded it or employs an author."
    )
    conflicts: Text | None = Field(None, description="Declared conflicts of interest.")


class IntegrityStatus(Part):
    status: Integrity = Field(
        Integrity.PUBLISHED,
        description="Published, corrected, retracted or under concern.",
    )
    date: Date | None = Field(None, description="When the notice appeared.")
    note: Text | None = Field(None, description="What the notice says.")
    url: Url | None = Field(None, description="Link to the notice.")


class Arm(Part):
    mean: Number = Field(description="Mean of the arm.")
    sd: Annotated[Number, Field(ge=0)] = Field(
        description="Standard deviation of the arm."
    )
    n: Annotated[StrictInt, Field(ge=1)] = Field(description="Participants in the arm.")


class Arms(Part):
    compression: Arm = Field(description="The compression arm or condition.")
    control: Arm = Field(description="The control arm or condition.")
    higher_is_better: StrictBool | None = Field(
        None,
        description="True when a higher value is better for the wearer (time to exhaustion), "
        "false when a lower one is (race time); sets which way a pooled SMD favours compression.",
    )


class Effect(Part):
    metric: Metric = Field(
        description="smd (incl. Hedges g), md, rr, or, hr, rd, or es when unspecified."
    )
    value: Number = Field(description="Point estimate as reported.")
    ci: Annotated[list[Number], Field(min_length=2, max_length=2)] | None = Field(
        None, description="95% confidence interval [low, high]."
    )
    unit: ShortText | None = Field(
        None, description="Unit for mean differences (s, %, mL/kg/min ...)."
    )
    studies: Count | None = Field(
        None, description="For a pooled estimate: number of studies pooled."
    )
    participants: Count | None = Field(
        None, description="Participants behind this estimate."
    )
    benefit_sign: Annotated[int, Field(strict=True)] | None = Field(
        None,
        description="+1 when a positive value favours compression, -1 when a negative value does.",
    )
    certainty: Certainty | None = Field(
        None,
        description="For a review's estimate: the GRADE certainty the review itself gives it, where it reports one.",
    )
    note: Text | None = Field(
        None, description="What the estimate compares, as reported."
    )

    @model_validator(mode="after")
    def _ci_holds_value(self) -> Effect:
        if self.ci is not None:
            low, high = self.ci
            if low > high:
                raise ValueError("ci must be [low, high] with low <= high")
            if not low <= self.value <= high:
                raise ValueError(
                    f"value {self.value:g} lies outside its ci [{low:g}, {high:g}]"
                )
        if self.metric in RATIO_METRICS and (
            self.value <= 0 or (self.ci is not None and self.ci[0] <= 0)
        ):
            raise ValueError(f"a {self.metric.value} and its ci must be above 0")
        if self.benefit_sign not in (None, 1, -1):
            raise ValueError("benefit_sign must be 1 or -1")
        return self


class Outcome(Part):
    key: OutcomeKey = Field(
        description="Short key, unique within the study; evidence links use it."
    )
    name: Text = Field(description="What was measured, in words.")
    domain: Domain = Field(
        description="Performance, physiology, recovery, perception, injury or medical."
    )
    measure: Measure = Field(
        description="Objective, or self-reported by the participants."
    )
    direction: Direction = Field(description="What the study found for this outcome.")
    reported: Text | None = Field(
        None, description="The figures as the source reports them."
    )
    effect: Effect | None = Field(
        None, description="The effect estimate, where the source gives one."
    )
    arms: Arms | None = Field(
        None, description="Per-arm means, SDs and sizes, where the source gives them."
    )
    timepoint: ShortText | None = Field(
        None, description="When it was measured (during, 24 h after ...)."
    )

    @model_validator(mode="after")
    def _testable_domain(self) -> Outcome:
        if self.domain not in OUTCOME_DOMAINS:
            raise ValueError(f"an outcome's domain cannot be '{self.domain.value}'")
        return self


# --------------------------------------------------------------------------- records


class Study(Part):
    """One published study, review or trial."""

    id: RecordId = Field(
        description="First author and year, a letter on collision; equals the file name."
    )
    status: Status = Field(
        Status.PUBLISHED,
        description="draft while being completed; withdrawn, never deleted.",
    )
    title: Text = Field(description="Title as published.")
    authors: list[ShortText] = Field(
        default_factory=list, description="Authors as 'Surname, I.'; empty if unseen."
    )
    authors_truncated: StrictBool = Field(
        False, description="True when the author list is cut (et al.)."
    )
    year: Year = Field(description="Year of publication.")
    journal: ShortText | None = Field(None, description="Journal or publisher.")
    volume: ShortText | None = None
    issue: ShortText | None = None
    pages: ShortText | None = None
    doi: Doi | None = Field(
        None, description="DOI, only when confirmed; unique across studies."
    )
    pmid: Annotated[str, Field(strict=True, pattern=r"^\d{1,9}$")] | None = Field(
        None, description="PubMed id."
    )
    pmcid: Annotated[str, Field(strict=True, pattern=r"^PMC\d{3,9}$")] | None = None
    url: Url | None = Field(
        None, description="Where the paper or its abstract can be read."
    )
    design: Design = Field(description="Study design.")
    included_studies: Count | None = Field(
        None, description="For a review: how many studies it includes."
    )
    includes: list[RecordId] = Field(
        default_factory=list,
        description="For a review: the tracked studies it includes (so they are not double counted).",
    )
    participants: Participants
    garment: Garment
    comparator: Comparator = Field(description="What compression was compared with.")
    comparator_note: Text | None = Field(None, description="The comparator in words.")
    blinding: Blinding = Field(
        description="Who did not know which condition was which."
    )
    risk_of_bias: RiskOfBias = Field(default_factory=RiskOfBias)
    funding: Funding = Field(default_factory=Funding)
    integrity: IntegrityStatus = Field(default_factory=IntegrityStatus)
    outcomes: list[Outcome] = Field(
        default_factory=list, description="What was measured and found."
    )
    summary: Text | None = Field(
        None, description="What the study did and found, in our own words."
    )
    sources: list[Url] = Field(
        default_factory=list, description="Pages where these facts were checked."
    )
    notes: Text | None = Field(
        None, description="Editorial notes: what is unverified, what was left out."
    )

    @model_validator(mode="after")
    def _unique_outcome_keys(self) -> Study:
        seen: set[str] = set()
        for outcome in self.outcomes:
            if outcome.key in seen:
                raise ValueError(f"outcome key '{outcome.key}' is used twice")
            seen.add(outcome.key)
        if self.status is not Status.DRAFT and not self.outcomes:
            raise ValueError(
                "a published study needs at least one outcome (or status: draft)"
            )
        return self

    def outcome(self, key: str) -> Outcome | None:
        """The outcome with this key, if any."""
        return next((o for o in self.outcomes if o.key == key), None)

    @property
    def is_review(self) -> bool:
        return self.design in REVIEW_DESIGNS

    @property
    def is_retracted(self) -> bool:
        return self.integrity.status is Integrity.RETRACTED


class About(Part):
    populations: Annotated[list[Population], Field(min_length=1)] = Field(
        description="Who the claim is about."
    )
    garments: Annotated[list[GarmentType], Field(min_length=1)] = Field(
        description="Which garments it is about."
    )
    worn: Worn | None = Field(
        None, description="When the garment is worn, if the claim says."
    )


class Appearance(Part):
    """Someone making the claim, somewhere."""

    ref: Annotated[str, Field(strict=True, pattern=r"^[A-Z]\d{2,3}$")] | None = Field(
        None, description="Reference id in the source list (B01, M12 ...)."
    )
    claimant: ShortText = Field(description="Who said it.")
    claimant_type: ClaimantType = Field(
        description="Blog author, manufacturer, retailer, regulator ..."
    )
    product: ShortText | None = Field(
        None, description="The product the claim was made for."
    )
    quote: Text | None = Field(
        None, description="A short exact quote, where we have one."
    )
    paraphrase: Text | None = Field(None, description="What was said, in our words.")
    url: Url | None = Field(None, description="Where it was said.")
    source: ShortText | None = Field(
        None, description="Where it was said, when there is no URL."
    )
    seen: PartialDate | None = Field(
        None, description="When we saw it: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _has_words(self) -> Appearance:
        if self.quote is None and self.paraphrase is None:
            raise ValueError("an appearance needs a quote or a paraphrase")
        return self


class Ruling(Part):
    """A regulator's decision about this kind of claim."""

    ref: Annotated[str, Field(strict=True, pattern=r"^[A-Z]\d{2,3}$")] | None = None
    body: ShortText = Field(description="The regulator or court.")
    subject: ShortText = Field(description="The company or product ruled on.")
    outcome: RulingOutcome = Field(
        description="Upheld, not upheld, settled, penalty or resolved informally."
    )
    date: PartialDate | None = Field(None, description="When it was decided.")
    case: ShortText | None = Field(None, description="Case or ruling reference.")
    summary: Text = Field(description="What was decided and why, in our words.")
    quote: Text | None = None
    url: Url | None = None


class Evidence(Part):
    """A link from a claim to one outcome of one study."""

    study: RecordId = Field(description="Id of the study (a file in studies/).")
    outcome: OutcomeKey = Field(description="Key of the outcome within that study.")
    note: Text | None = Field(None, description="How well it applies to the claim.")


class Verdict(Part):
    rating: Rating = Field(
        description="supported | partly-supported | unproven | not-supported | contradicted"
    )
    certainty: Certainty = Field(description="high | moderate | low | very-low")
    flags: list[Flag] = Field(
        default_factory=list, description="Caveats shown beside the rating."
    )
    summary: Text = Field(description="The rationale, in plain words.")
    safe_wording: Text | None = Field(
        None, description="A sentence a writer can use; the engine's is used if empty."
    )
    reviewed: Date = Field(description="When an editor last reviewed this verdict.")
    reviewer: ShortText = Field(description="Who reviewed it.")

    @model_validator(mode="after")
    def _unique_flags(self) -> Verdict:
        if len(set(self.flags)) != len(self.flags):
            raise ValueError("a flag is listed twice")
        return self


class HistoryEntry(Part):
    date: Date = Field(description="When the verdict changed.")
    editor: ShortText = Field(description="Who changed it.")
    rating: Rating
    certainty: Certainty
    reason: Text = Field(description="Why.")


class Claim(Part):
    """A claim people make, the evidence that tests it, and our verdict."""

    id: RecordId = Field(
        description="A slug that states the claim; equals the file name; never changes."
    )
    status: Status = Field(
        Status.PUBLISHED, description="draft | published | withdrawn"
    )
    proposition: Text = Field(
        description="The claim in one neutral sentence, with no verdict in it."
    )
    family: Annotated[str, Field(strict=True, pattern=KEY_PATTERN)] | None = Field(
        None,
        description="Group of related claims shown together (performance, recovery, medical ...).",
    )
    aliases: list[ShortText] = Field(
        default_factory=list, description="Other ways people say it, for matching."
    )
    domain: Domain = Field(description="What the claim is about.")
    about: About
    appearances: list[Appearance] = Field(default_factory=list)
    rulings: list[Ruling] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    verdict: Verdict | None = Field(
        None, description="The published editorial verdict."
    )
    history: list[HistoryEntry] = Field(
        default_factory=list, description="Every change of rating or certainty."
    )
    withdrawn_reason: Text | None = None

    @model_validator(mode="after")
    def _publishable(self) -> Claim:
        if self.status is Status.PUBLISHED and self.verdict is None:
            raise ValueError("a published claim needs a verdict (or status: draft)")
        if self.status is Status.WITHDRAWN and self.withdrawn_reason is None:
            raise ValueError("a withdrawn claim needs a withdrawn_reason")
        links = [(e.study, e.outcome) for e in self.evidence]
        if len(set(links)) != len(links):
            raise ValueError("the same study outcome is linked twice")
        return self

    @property
    def group(self) -> str:
        """The family used to group claims on the overview (the domain when none is set)."""
        return self.family or self.domain.value


RECORD_KINDS: dict[str, type[Study] | type[Claim]] = {"studies": Study, "claims": Claim}
