"""The stable vocabularies: ratings, certainty, flags and the values records are coded with.

These strings are the public scale: they are written in the YAML files, the exports and the
ClaimReview output, and the methods page explains them from the meanings kept here. A value
is never renamed; add one instead. ``claimtracker.models`` re-exports everything here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt


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


def label(value: object) -> str:
    """A vocabulary value in plain words: ``partly-supported`` -> ``partly supported``."""
    text = str(getattr(value, "value", value))
    return text.replace("-", " ")
