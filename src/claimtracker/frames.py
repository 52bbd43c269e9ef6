"""Records -> tidy pandas DataFrames: the one place tables are built.

The dashboard, the exports and the benchmarks read claims, studies and their links through
these frames, so every face shows the same numbers. Ratings and certainty are ordered
categoricals in the model's scale order (worst to best), from :mod:`claimtracker.scale`, so
every table and chart sorts the same way; the frames the two summary charts draw are in
:mod:`claimtracker.chartframes`.

Engine results are optional: pass the mapping ``assess_corpus`` returns, or nothing. Any
attribute an assessment lacks is read as missing, never as an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from claimtracker.models import (
    RATING_VALUES,
    Claim,
    Domain,
    Effect,
    Status,
    Study,
)
from claimtracker.provenance import source_label

# The scale is re-exported: pages and tests read it through frames.
from claimtracker.scale import (
    BIAS_DTYPE as BIAS_DTYPE,
)
from claimtracker.scale import (
    CERTAINTY_DTYPE as CERTAINTY_DTYPE,
)
from claimtracker.scale import (
    DESIGN_DTYPE as DESIGN_DTYPE,
)
from claimtracker.scale import (
    DIRECTION_COLOURS as DIRECTION_COLOURS,
)
from claimtracker.scale import (
    DIRECTION_DTYPE as DIRECTION_DTYPE,
)
from claimtracker.scale import (
    DOMAIN_DTYPE as DOMAIN_DTYPE,
)
from claimtracker.scale import (
    POOLED_COLOUR as POOLED_COLOUR,
)
from claimtracker.scale import (
    RATING_COLOURS as RATING_COLOURS,
)
from claimtracker.scale import (
    RATING_DTYPE as RATING_DTYPE,
)
from claimtracker.scale import (
    RATING_ORDER as RATING_ORDER,
)
from claimtracker.scale import (
    categorical as categorical,
)
from claimtracker.scale import (
    label as label,
)

# --------------------------------------------------------------------------- small readers


def study_label(study: Study) -> str:
    """Short citation: ``Stickford et al. 2015`` (``Hill 2014b`` when the id has a letter)."""
    tail = study.id.rsplit("-", 1)[-1]
    letter = tail[-1] if tail[:-1] == str(study.year) and tail[-1].isalpha() else ""
    if study.authors:
        surname = study.authors[0].split(",")[0].strip()
        more = len(study.authors) > 1 or study.authors_truncated
        return f"{surname}{' et al.' if more else ''} {study.year}{letter}"
    surname = study.id.split("-")[0]
    return f"{surname.title()} {study.year}{letter}"


def effect_text(effect: Effect | None) -> str:
    """``SMD -0.42 (95% CI -0.80 to -0.05)``; empty when there is no effect."""
    if effect is None:
        return ""
    unit = f" {effect.unit}" if effect.unit else ""
    text = f"{effect.metric.value.upper()} {effect.value:g}{unit}"
    if effect.ci is not None:
        text += f" (95% CI {effect.ci[0]:g} to {effect.ci[1]:g})"
    return text


def field_of(obj: object, *names: str) -> Any:
    """The first attribute of ``obj`` that exists and is not None (engine results vary)."""
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    return None


def value_of(item: object) -> str | None:
    if item is None:
        return None
    return str(getattr(item, "value", item))


def _flag_values(flags: Iterable[object] | None) -> tuple[str, ...]:
    return tuple(v for v in (value_of(f) for f in flags or ()) if v)


def counted_studies(claim: Claim, studies: Mapping[str, Study]) -> list[Study]:
    """The distinct studies a claim links to that count: not retracted, not drafts."""
    seen: dict[str, Study] = {}
    for link in claim.evidence:
        study = studies.get(link.study)
        if (
            study is not None
            and not study.is_retracted
            and study.status is not Status.DRAFT
        ):
            seen.setdefault(study.id, study)
    return list(seen.values())


def participants_total(linked: Sequence[Study]) -> int:
    """People in the linked studies, each counted once as far as the records tell.

    A primary study that a linked review (with a known size) includes is covered by the
    review's number and not added again.
    """
    covered = {
        sid
        for s in linked
        if s.is_review and s.participants.n is not None
        for sid in s.includes
    }
    return sum(s.participants.n or 0 for s in linked if s.id not in covered)


# --------------------------------------------------------------------------- frames


CLAIM_COLUMNS = [
    "id", "proposition", "group", "family", "domain", "status", "rating", "certainty",
    "flags", "flag_list", "rating_value", "studies", "reviews", "participants", "links",
    "appearances", "rulings", "populations", "population_list", "garments",
    "garment_list", "reviewed", "engine_rating",
    "engine_certainty", "engine_flags", "drift", "aliases",
]  # fmt: skip


def claims_frame(
    claims: Mapping[str, Claim],
    studies: Mapping[str, Study],
    assessments: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """One row per claim: verdict, counts, and the engine's view where there is one."""
    assessments = assessments or {}
    rows = []
    for claim in claims.values():
        linked = counted_studies(claim, studies)
        verdict = claim.verdict
        assessed = assessments.get(claim.id)
        engine_rating = value_of(field_of(assessed, "rating"))
        engine_certainty = value_of(field_of(assessed, "certainty"))
        engine_flags = _flag_values(field_of(assessed, "flags"))
        rating = verdict.rating.value if verdict else None
        certainty = verdict.certainty.value if verdict else None
        flags = _flag_values(verdict.flags) if verdict else ()
        drift = (
            assessed is not None
            and verdict is not None
            and (
                (engine_rating is not None and engine_rating != rating)
                or (engine_certainty is not None and engine_certainty != certainty)
            )
        )
        rows.append(
            {
                "id": claim.id,
                "proposition": claim.proposition,
                "group": claim.group,
                "family": claim.family,
                "domain": claim.domain.value,
                "status": claim.status.value,
                "rating": rating,
                "certainty": certainty,
                "flags": ", ".join(label(f) for f in flags),
                "flag_list": flags,
                "rating_value": RATING_VALUES[verdict.rating] if verdict else None,
                "studies": len(linked),
                "reviews": sum(s.is_review for s in linked),
                "participants": participants_total(linked),
                "links": len(claim.evidence),
                "appearances": len(claim.appearances),
                "rulings": len(claim.rulings),
                "populations": ", ".join(label(p) for p in claim.about.populations),
                "population_list": tuple(p.value for p in claim.about.populations),
                "garments": ", ".join(label(g) for g in claim.about.garments),
                "garment_list": tuple(g.value for g in claim.about.garments),
                "reviewed": verdict.reviewed if verdict else None,
                "engine_rating": engine_rating,
                "engine_certainty": engine_certainty,
                "engine_flags": engine_flags,
                "drift": bool(drift),
                "aliases": " | ".join(claim.aliases),
            }
        )
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    frame["studies"] = frame["studies"].astype("int64")
    frame["participants"] = frame["participants"].astype("int64")
    frame["rating_value"] = frame["rating_value"].astype("Int64")
    return categorical(
        frame,
        {
            "rating": RATING_DTYPE,
            "certainty": CERTAINTY_DTYPE,
            "engine_rating": RATING_DTYPE,
            "engine_certainty": CERTAINTY_DTYPE,
            "domain": DOMAIN_DTYPE,
        },
    )


STUDY_COLUMNS = [
    "id", "label", "title", "authors", "year", "journal", "doi", "design", "is_review",
    "n", "population", "sex", "garment", "pressure", "worn", "comparator", "blinding",
    "risk_of_bias", "industry", "integrity", "status", "outcomes", "domains", "domain_list",
    "claims", "ratings",
]  # fmt: skip


def _pressure(study: Study) -> str:
    p = study.garment.pressure_mmhg
    if p:
        return "–".join(f"{x:g}" for x in p) + " mmHg"
    return study.garment.pressure_note or ""


def studies_frame(
    studies: Mapping[str, Study], claims: Mapping[str, Claim] | None = None
) -> pd.DataFrame:
    """One row per study, with how many claims cite it and the ratings of the published ones."""
    cited: dict[str, set[str]] = {}
    ratings: dict[str, set[str]] = {}
    for claim in (claims or {}).values():
        for link in claim.evidence:
            cited.setdefault(link.study, set()).add(claim.id)
            if claim.verdict is not None and claim.status is Status.PUBLISHED:
                ratings.setdefault(link.study, set()).add(claim.verdict.rating.value)
    rows = []
    for s in studies.values():
        domains = sorted({o.domain for o in s.outcomes}, key=list(Domain).index)
        rows.append(
            {
                "id": s.id,
                "label": study_label(s),
                "title": s.title,
                "authors": "; ".join(s.authors)
                + (" et al." if s.authors_truncated else ""),
                "year": s.year,
                "journal": s.journal or "",
                "doi": s.doi or "",
                "design": s.design.value,
                "is_review": s.is_review,
                "n": s.participants.n,
                "population": s.participants.population.value,
                "sex": s.participants.sex.value,
                "garment": s.garment.type.value,
                "pressure": _pressure(s),
                "worn": s.garment.worn.value,
                "comparator": s.comparator.value,
                "blinding": s.blinding.value,
                "risk_of_bias": s.risk_of_bias.rating.value,
                "industry": s.funding.industry,
                "integrity": s.integrity.status.value,
                "status": s.status.value,
                "outcomes": len(s.outcomes),
                "domains": ", ".join(d.value for d in domains),
                "domain_list": tuple(d.value for d in domains),
                "claims": len(cited.get(s.id, ())),
                "ratings": tuple(sorted(ratings.get(s.id, ()))),
            }
        )
    frame = pd.DataFrame(rows, columns=STUDY_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    frame["n"] = frame["n"].astype("Int64")
    frame["claims"] = frame["claims"].astype("int64")
    return categorical(frame, {"design": DESIGN_DTYPE, "risk_of_bias": BIAS_DTYPE})


OUTCOME_COLUMNS = [
    "study", "outcome", "name", "domain", "measure", "direction", "metric", "value",
    "ci_low", "ci_high", "unit", "effect", "benefit_sign", "timepoint", "reported",
    "source", "source_url",
]  # fmt: skip


def _outcome_row(study: Study, key: str) -> dict[str, Any] | None:
    o = study.outcome(key)
    if o is None:
        return None
    e = o.effect
    return {
        "study": study.id,
        "outcome": o.key,
        "name": o.name,
        "domain": o.domain.value,
        "measure": o.measure.value,
        "direction": o.direction.value,
        "metric": e.metric.value if e else None,
        "value": e.value if e else None,
        "ci_low": e.ci[0] if e and e.ci else None,
        "ci_high": e.ci[1] if e and e.ci else None,
        "unit": (e.unit or "") if e else "",
        "effect": effect_text(e),
        "benefit_sign": e.benefit_sign if e else None,
        "timepoint": o.timepoint or "",
        "reported": o.reported or "",
        "source": source_label(o.source) if o.source else "",
        "source_url": o.source.url if o.source else "",
    }


def _outcome_types(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("value", "ci_low", "ci_high"):
        frame[column] = frame[column].astype("float64")
    frame["benefit_sign"] = frame["benefit_sign"].astype("Int64")
    return categorical(frame, {"domain": DOMAIN_DTYPE, "direction": DIRECTION_DTYPE})


def outcomes_frame(studies: Mapping[str, Study]) -> pd.DataFrame:
    """One row per study outcome (long format), with its effect where reported."""
    rows = [_outcome_row(s, o.key) for s in studies.values() for o in s.outcomes]
    frame = pd.DataFrame([r for r in rows if r], columns=OUTCOME_COLUMNS)
    return _outcome_types(frame)


EVIDENCE_COLUMNS = [
    "claim", "study", "outcome", "study_label", "title", "year", "design", "is_review",
    "n", "population", "garment", "comparator", "blinding", "risk_of_bias", "industry",
    "integrity", "counted", "name", "domain", "measure", "direction", "metric", "value",
    "ci_low", "ci_high", "unit", "effect", "benefit_sign", "note",
]  # fmt: skip


def evidence_frame(
    claims: Mapping[str, Claim], studies: Mapping[str, Study]
) -> pd.DataFrame:
    """One row per claim -> study outcome link that resolves (broken links are data problems)."""
    rows = []
    for claim in claims.values():
        for link in claim.evidence:
            study = studies.get(link.study)
            found = _outcome_row(study, link.outcome) if study else None
            if study is None or found is None:
                continue
            found.pop("study")
            found.pop("reported")
            found.pop("timepoint")
            rows.append(
                {
                    "claim": claim.id,
                    "study": study.id,
                    "study_label": study_label(study),
                    "title": study.title,
                    "year": study.year,
                    "design": study.design.value,
                    "is_review": study.is_review,
                    "n": study.participants.n,
                    "population": study.participants.population.value,
                    "garment": study.garment.type.value,
                    "comparator": study.comparator.value,
                    "blinding": study.blinding.value,
                    "risk_of_bias": study.risk_of_bias.rating.value,
                    "industry": study.funding.industry,
                    "integrity": study.integrity.status.value,
                    "counted": not study.is_retracted
                    and study.status is not Status.DRAFT,
                    "note": link.note or "",
                    **found,
                }
            )
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    frame["n"] = frame["n"].astype("Int64")
    frame = _outcome_types(frame)
    return categorical(frame, {"design": DESIGN_DTYPE, "risk_of_bias": BIAS_DTYPE})


def appearances_frame(claim: Claim) -> pd.DataFrame:
    """Who makes the claim, where and when."""
    rows = [
        {
            "claimant": a.claimant,
            "type": a.claimant_type.value,
            "product": a.product or "",
            "words": a.quote or a.paraphrase or "",
            "quoted": a.quote is not None,
            "seen": a.seen or "",
            "url": a.url or "",
            "source": a.source or "",
        }
        for a in claim.appearances
    ]
    cols = ["claimant", "type", "product", "words", "quoted", "seen", "url", "source"]
    return pd.DataFrame(rows, columns=cols)


def history_frame(claim: Claim) -> pd.DataFrame:
    """Every change of the verdict, newest first."""
    rows = [
        {
            "date": h.date,
            "editor": h.editor,
            "rating": h.rating.value,
            "certainty": h.certainty.value,
            "reason": h.reason,
        }
        for h in claim.history
    ]
    frame = pd.DataFrame(
        rows, columns=["date", "editor", "rating", "certainty", "reason"]
    )
    frame = categorical(frame, {"rating": RATING_DTYPE, "certainty": CERTAINTY_DTYPE})
    # Newest first; of two changes on one day, the one written later in the file first.
    newest = frame.iloc[::-1].sort_values("date", ascending=False, kind="stable")
    return newest.reset_index(drop=True)


PROBLEM_COLUMNS = [
    "path",
    "line",
    "column",
    "severity",
    "code",
    "field",
    "message",
    "hint",
    "text",
]


def problem_text(problem: object) -> str:
    """One problem in the CLI's compiler format: ``path:line:col: severity[code]: field: message``."""
    path = str(field_of(problem, "path") or "?")
    line, column = field_of(problem, "line") or 0, field_of(problem, "column") or 0
    severity = value_of(field_of(problem, "severity")) or "error"
    code = value_of(field_of(problem, "code")) or "problem"
    field = field_of(problem, "field")
    message = field_of(problem, "message") or ""
    return (
        f"{path}:{line}:{column}: {severity}[{code}]: "
        + (f"{field}: " if field else "")
        + str(message)
    )


def problems_frame(problems: Iterable[object]) -> pd.DataFrame:
    """Problems from the store and the checks, one row each, in the order given."""
    rows = [
        {
            "path": str(field_of(p, "path") or ""),
            "line": int(field_of(p, "line") or 0),
            "column": int(field_of(p, "column") or 0),
            "severity": value_of(field_of(p, "severity")) or "error",
            "code": value_of(field_of(p, "code")) or "",
            "field": str(field_of(p, "field") or ""),
            "message": str(field_of(p, "message") or ""),
            "hint": str(field_of(p, "hint") or ""),
            "text": problem_text(p),
        }
        for p in problems
    ]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def failed_files(problems: pd.DataFrame) -> int:
    """How many record files have at least one error."""
    return int(problems.loc[problems["severity"] == "error", "path"].nunique())


# --------------------------------------------------------------------------- filtering


def haystack(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """The text :func:`search` looks in: the columns joined, lower-cased (build it once)."""
    joined = pd.Series("", index=frame.index, dtype="string")
    for column in columns:
        joined = joined + " " + frame[column].astype("string").fillna("")
    return joined.str.lower()


def search(
    frame: pd.DataFrame,
    text: str,
    columns: Sequence[str],
    within: pd.Series | None = None,
) -> pd.DataFrame:
    """Rows where every word of ``text`` appears (case-insensitively) in one of ``columns``.

    ``within`` is a :func:`haystack` of a frame these rows come from, built beforehand.
    """
    words = text.lower().split()
    if not words:
        return frame
    hay = haystack(frame, columns) if within is None else within.reindex(frame.index)
    keep = pd.Series(True, index=frame.index)
    for word in words:
        keep &= hay.str.contains(word, regex=False).fillna(False).astype(bool)
    return frame[keep]


def keep_values(
    frame: pd.DataFrame, column: str, values: Sequence[str]
) -> pd.DataFrame:
    """Rows whose ``column`` is one of ``values`` (all rows when ``values`` is empty).

    A tuple column (``flag_list``, ``domain_list`` ...) matches when any member is wanted.
    """
    if not values:
        return frame
    wanted = set(values)
    series = frame[column]
    if series.map(lambda v: isinstance(v, tuple)).any():
        return frame[series.map(lambda v: bool(wanted & set(v)))]
    return frame[series.astype("string").isin(wanted)]
