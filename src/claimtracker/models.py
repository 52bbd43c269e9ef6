"""The record model: claims, studies and the links between them.

Pure data, no I/O. Every model forbids unknown keys and is frozen; scalar fields are
strict (a YAML ``no`` never becomes a string, a ``012345`` never becomes text), and free
text is normalised to NFC with control characters rejected. Rules *within* one record
live here as validators; rules *across* records live in ``checks`` and ``grading``.

The vocabularies (``Rating``, ``Certainty``, ``Flag`` ...) are the stable public scale:
they are written in the YAML files, the exports and the ClaimReview output.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from claimtracker.vocab import (
    CERTAINTY_MEANINGS,
    CERTAINTY_ORDER,
    DOI_PATTERN,
    FLAG_MEANINGS,
    HARM_DOMAINS,
    ID_PATTERN,
    KEY_PATTERN,
    OUTCOME_DOMAINS,
    PARTIAL_DATE_PATTERN,
    RANDOMISED_DESIGNS,
    RATING_MEANINGS,
    RATING_VALUES,
    RATIO_METRICS,
    REVIEW_DESIGNS,
    SOURCE_KIND_MEANINGS,
    URL_PATTERN,
    Bias,
    Blinding,
    Certainty,
    ClaimantType,
    Comparator,
    Count,
    Date,
    Design,
    Direction,
    Doi,
    Domain,
    Flag,
    FundingBasis,
    GarmentType,
    Integrity,
    Measure,
    Metric,
    Number,
    OutcomeKey,
    PartialDate,
    Population,
    Rating,
    RecordId,
    RulingOutcome,
    Sex,
    ShortText,
    SourceKind,
    Status,
    Text,
    Url,
    Worn,
    Year,
)

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
    basis: FundingBasis | None = Field(
        None,
        description="paper when the funding and conflicts were read in the paper itself; "
        "metadata when they come from a catalogue record only, so they are stated as such "
        "wherever they are used.",
    )

    @property
    def from_metadata_only(self) -> bool:
        """True when the funding facts come from catalogue metadata, not the paper."""
        return self.basis is FundingBasis.METADATA


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
    paired: StrictBool | None = Field(
        None,
        description="True when the same people were measured in both conditions; when left "
        "out, true for a crossover trial or a contralateral-limb comparison. false only for "
        "independent groups (a crossover's first period alone).",
    )
    within_subject_r: Annotated[Number, Field(gt=-1, lt=1)] | None = Field(
        None,
        description="For paired arms: the correlation between a person's values in the two "
        "conditions, as the source states it (or as derived from a reported paired test, "
        "explained in note). Without it paired arms are shown but never pooled.",
    )
    note: Text | None = Field(
        None,
        description="What the arms hold (final values, changes from baseline) and where "
        "within_subject_r comes from.",
    )

    @model_validator(mode="after")
    def _paired_needs_pairs(self) -> Arms:
        if self.within_subject_r is not None:
            if self.paired is False:
                raise ValueError(
                    "within_subject_r is only for paired arms, but paired is false"
                )
            if self.compression.n != self.control.n:
                raise ValueError(
                    "paired arms with a within_subject_r need the same n in both "
                    "conditions (the people measured in both)"
                )
        return self


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
    paired: StrictBool | None = Field(
        None,
        description="True when the estimate is the within-subject (paired) comparison of a "
        "crossover or within-subject study, as the source reports it; false when it compares "
        "independent groups. A crossover trial's effect is pooled only when this says which.",
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


class Provenance(Part):
    """Where an outcome's numbers (``reported``, ``effect``, ``arms``) were read."""

    kind: SourceKind = Field(
        description="abstract | full-text | cochrane-summary | review | registry | metadata; "
        "review means the numbers as another review reports them."
    )
    url: Url = Field(
        description="The page the numbers were read on (for review: that review's page)."
    )
    locator: ShortText | None = Field(
        None, description="Where on that page: a table, figure, page or section."
    )


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
    source: Provenance | None = Field(
        None,
        description="Where the reported figures, effect and arms were read; required "
        "(as a warning) on a published study's outcomes that carry numbers.",
    )

    @property
    def has_numbers(self) -> bool:
        """True when the outcome carries figures: reported text, an effect or arms."""
        return (
            self.reported is not None
            or self.effect is not None
            or self.arms is not None
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
        if self.design is Design.RCT_PARALLEL or self.is_review:
            for outcome in self.outcomes:
                if _marked_paired(outcome):
                    raise ValueError(
                        f"outcome '{outcome.key}' is marked paired, but a "
                        f"{self.design.value} compares independent groups"
                    )
        return self

    @property
    def within_subject(self) -> bool:
        """True when the same people are measured with and without compression: a
        crossover trial or a contralateral-limb comparison."""
        return (
            self.design is Design.RCT_CROSSOVER
            or self.comparator is Comparator.CONTRALATERAL_LIMB
        )

    def arms_paired(self, arms: Arms) -> bool:
        """Are these arms the same people in two conditions? Their own ``paired``, else
        the study's design, else whether a within-subject correlation is given."""
        if arms.paired is not None:
            return arms.paired
        return self.within_subject or arms.within_subject_r is not None

    def outcome(self, key: str) -> Outcome | None:
        """The outcome with this key, if any."""
        return next((o for o in self.outcomes if o.key == key), None)

    @property
    def is_review(self) -> bool:
        return self.design in REVIEW_DESIGNS

    @property
    def is_retracted(self) -> bool:
        return self.integrity.status is Integrity.RETRACTED


def _marked_paired(outcome: Outcome) -> bool:
    effect, arms = outcome.effect, outcome.arms
    return bool(
        (effect is not None and effect.paired)
        or (arms is not None and (arms.paired or arms.within_subject_r is not None))
    )


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

# The vocabularies are part of the model's public face.
__all__ = [
    "Rating",
    "RATING_VALUES",
    "RATING_MEANINGS",
    "Certainty",
    "CERTAINTY_ORDER",
    "CERTAINTY_MEANINGS",
    "Flag",
    "FLAG_MEANINGS",
    "Domain",
    "OUTCOME_DOMAINS",
    "HARM_DOMAINS",
    "Design",
    "REVIEW_DESIGNS",
    "RANDOMISED_DESIGNS",
    "Population",
    "Sex",
    "GarmentType",
    "Worn",
    "Comparator",
    "Blinding",
    "Bias",
    "Integrity",
    "Measure",
    "Direction",
    "Metric",
    "RATIO_METRICS",
    "Status",
    "ClaimantType",
    "RulingOutcome",
    "ID_PATTERN",
    "KEY_PATTERN",
    "DOI_PATTERN",
    "URL_PATTERN",
    "PARTIAL_DATE_PATTERN",
    "Text",
    "ShortText",
    "RecordId",
    "OutcomeKey",
    "Doi",
    "Url",
    "Date",
    "PartialDate",
    "Number",
    "Count",
    "Year",
    "Part",
    "Participants",
    "Garment",
    "RiskOfBias",
    "Funding",
    "FundingBasis",
    "SourceKind",
    "SOURCE_KIND_MEANINGS",
    "Provenance",
    "IntegrityStatus",
    "Arm",
    "Arms",
    "Effect",
    "Outcome",
    "Study",
    "About",
    "Appearance",
    "Ruling",
    "Evidence",
    "Verdict",
    "HistoryEntry",
    "Claim",
    "RECORD_KINDS",
]
