"""Frames shaped for the two summary charts: the evidence map and the forest plot.

Built from the tables in :mod:`claimtracker.frames` and the engine's pooled estimates; the
chart functions in the dashboard draw them and the pages show the same frames as tables,
the charts' text equivalent.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from claimtracker.frames import field_of, value_of
from claimtracker.models import OUTCOME_DOMAINS, RATIO_METRICS, Direction
from claimtracker.scale import (
    DIRECTION_DTYPE,
    DOMAIN_DTYPE,
    RATING_DTYPE,
    categorical,
    label,
)

MAP_COLUMNS = [
    "claim", "proposition", "domain", "studies", "outcomes", "participants", "benefit",
    "no-difference", "mixed", "harm", "direction", "rating", "summary",
]  # fmt: skip


def evidence_map_frame(evidence: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Claims x outcome domains: studies, outcomes and directions per cell.

    Only counted evidence (not retracted, not draft) of the claims in ``claims`` is used.
    """
    used = evidence[evidence["counted"] & evidence["claim"].isin(claims["id"])]
    if used.empty:
        return categorical(
            pd.DataFrame(columns=MAP_COLUMNS),
            {
                "domain": DOMAIN_DTYPE,
                "direction": DIRECTION_DTYPE,
                "rating": RATING_DTYPE,
            },
        )
    directions = (
        used.pivot_table(
            index=["claim", "domain"], columns="direction", values="outcome",
            aggfunc="count", fill_value=0, observed=True,
        )
        .reindex(columns=[d.value for d in Direction], fill_value=0)
    )  # fmt: skip
    directions.columns = [str(c) for c in directions.columns]
    per_study = used.drop_duplicates(["claim", "domain", "study"])
    sizes = per_study.groupby(["claim", "domain"], observed=True).agg(
        studies=("study", "nunique"), participants=("n", "sum")
    )
    outcomes = (
        used.groupby(["claim", "domain"], observed=True).size().rename("outcomes")
    )
    cells = sizes.join(outcomes).join(directions).reset_index()
    counts = cells[[d.value for d in Direction]]
    cells["direction"] = counts.idxmax(axis=1)
    meta = claims.set_index("id")[["proposition", "rating"]]
    cells = cells.join(meta, on="claim", how="inner")
    cells["summary"] = [
        ", ".join(f"{int(row[d.value])} {label(d)}" for d in Direction if row[d.value])
        for _, row in cells.iterrows()
    ]
    for column in (
        "studies",
        "outcomes",
        "participants",
        *[d.value for d in Direction],
    ):
        cells[column] = cells[column].astype("int64")
    frame = cells[MAP_COLUMNS].copy()
    return categorical(
        frame,
        {"domain": DOMAIN_DTYPE, "direction": DIRECTION_DTYPE, "rating": RATING_DTYPE},
    )


FOREST_COLUMNS = [
    "group", "row", "kind", "study", "label", "outcome", "metric", "value", "ci_low",
    "ci_high", "weight", "log_scale", "favours", "unit", "text",
]  # fmt: skip


def _ci_text(metric: str, value: float, low: float, high: float) -> str:
    return f"{metric.upper()} {value:.2f} (95% CI {low:.2f} to {high:.2f})"


def _favours(sign: object) -> str:
    if sign == 1:
        return "right of the line favours compression"
    if sign == -1:
        return "left of the line favours compression"
    return ""


def forest_frame(
    evidence: pd.DataFrame,
    pooled: Iterable[object] = (),
    body_labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Rows of the forest plots for one claim's evidence, one ``group`` per plot.

    Each pooled estimate from the engine (``synthesis.PooledEffect``) is a group, named by
    ``body_labels`` (body key -> words) where given: the study rows it pooled (on its display
    scale and sign) and then the pooled ``kind``. Effects with
    a CI that no pool used follow, grouped by metric, without a diamond. Retracted and draft
    studies are left out. Missing engine fields are skipped, never an error.
    (:func:`forest_rows` is the same as plain rows, for evidence given as plain rows.)
    """
    rows = forest_rows(_records(evidence, EVIDENCE_FIELDS), pooled, body_labels)
    frame = pd.DataFrame(rows, columns=FOREST_COLUMNS)
    frame["row"] = frame["row"].astype("int64")
    for column in ("value", "ci_low", "ci_high", "weight"):
        frame[column] = frame[column].astype("float64")
    frame["log_scale"] = frame["log_scale"].astype(bool)
    return frame


#: The columns of ``frames.evidence_frame`` the forest plots read.
EVIDENCE_FIELDS = (
    "study", "study_label", "name", "outcome", "metric", "value", "ci_low",
    "ci_high", "unit", "effect", "year", "benefit_sign", "counted",
)  # fmt: skip


def _records(frame: pd.DataFrame, columns: Iterable[str]) -> list[dict[str, Any]]:
    """Some columns of a frame as plain rows (``tolist``, faster than ``to_dict``)."""
    names = list(columns)
    return [
        dict(zip(names, values, strict=True))
        for values in zip(*(frame[c].tolist() for c in names), strict=True)
    ]


def forest_rows(
    evidence: Iterable[Mapping[str, Any]],
    pooled: Iterable[object] = (),
    body_labels: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """:func:`forest_frame` as plain rows, from one claim's evidence rows as plain rows
    (rows of ``frames.evidence_frame``; missing values as None, NaN or NA)."""
    evidence = list(evidence)
    labels = {
        (r["study"], r["outcome"]): f"{r['study_label']} · {r['name']}"
        for r in evidence
    }
    rows: list[dict[str, Any]] = []
    used: set[tuple[str, str]] = set()
    for number, p in enumerate(pooled, start=1):
        head = _pooled_row(p)
        if head is None:
            continue
        body = str(head["outcome"])
        name = (body_labels or {}).get(body, body)
        group = f"{number}. Pooled: {name} · {str(head['metric']).upper()}"
        for r in field_of(p, "rows") or ():
            key = (str(field_of(r, "study")), str(field_of(r, "outcome")))
            value, low, high = (
                field_of(r, n) for n in ("estimate", "ci_low", "ci_high")
            )
            if None in (value, low, high):
                continue
            used.add(key)
            rows.append(
                {
                    "group": group,
                    "kind": "study",
                    "study": key[0],
                    "label": labels.get(key) or str(field_of(r, "label") or key[0]),
                    "outcome": key[1],
                    "metric": head["metric"],
                    "value": float(value),
                    "ci_low": float(low),
                    "ci_high": float(high),
                    "weight": field_of(r, "weight"),
                    "log_scale": head["log_scale"],
                    "favours": head["favours"],
                    "unit": head["unit"],
                    "text": _ci_text(
                        head["metric"], float(value), float(low), float(high)
                    ),
                }
            )
        rows.append({**head, "group": group})
    rest = [
        r
        for r in evidence
        if r["counted"]
        and not _missing(r["value"])
        and not _missing(r["ci_low"])
        and (r["study"], r["outcome"]) not in used
    ]
    for metric in sorted({str(r["metric"]) for r in rest}):
        part = sorted(
            (r for r in rest if str(r["metric"]) == metric),
            key=lambda r: (r["year"], r["study"]),
        )
        signs = {r["benefit_sign"] for r in part if not _missing(r["benefit_sign"])}
        for r in part:
            rows.append(
                {
                    "group": f"Reported effects, not pooled · {metric.upper()}",
                    "kind": "study",
                    "study": r["study"],
                    "label": f"{r['study_label']} · {r['name']}",
                    "outcome": r["outcome"],
                    "metric": metric,
                    "value": float(r["value"]),
                    "ci_low": float(r["ci_low"]),
                    "ci_high": float(r["ci_high"]),
                    "weight": None,
                    "log_scale": metric in {m.value for m in RATIO_METRICS},
                    "favours": _favours(next(iter(signs))) if len(signs) == 1 else "",
                    "unit": r["unit"] or "",
                    "text": r["effect"],
                }
            )
    counts: dict[str, int] = {}
    for (
        row
    ) in rows:  # the row's place within its group (a groupby cumcount, without pandas)
        row["row"] = counts.get(row["group"], 0)
        counts[row["group"]] = row["row"] + 1
    return [{c: row.get(c) for c in FOREST_COLUMNS} for row in rows]


#: The forest plot's text equivalent: its columns and their headings.
FOREST_TABLE_COLUMNS = {
    "label": "row",
    "kind": "kind",
    "text": "estimate (95% CI)",
    "weight": "weight",
}


def forest_groups(
    evidence: pd.DataFrame, assessment: object | None
) -> list[tuple[str, pd.DataFrame]]:
    """One claim's forest plots: (heading, rows of :func:`forest_frame`) for each.

    ``evidence`` is the claim's rows of ``frames.evidence_frame``; the engine's assessment
    gives the pooled estimates and names their bodies of evidence (missing: no pools)."""
    forest = forest_frame(evidence, *_pools(assessment))
    groups = list(dict.fromkeys(forest["group"]))
    return [(str(g), forest[forest["group"] == g]) for g in groups]


def forest_row_groups(
    evidence: Iterable[Mapping[str, Any]], assessment: object | None
) -> list[tuple[str, list[dict[str, Any]]]]:
    """:func:`forest_groups` as plain rows, from the claim's evidence as plain rows."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in forest_rows(evidence, *_pools(assessment)):
        groups.setdefault(str(row["group"]), []).append(row)
    return list(groups.items())


def _pools(assessment: object | None) -> tuple[list[Any], dict[str, str]]:
    bodies = field_of(assessment, "bodies") or []
    labels = {
        str(field_of(b, "key") or ""): str(field_of(b, "label") or "") for b in bodies
    }
    return list(field_of(assessment, "pooled") or []), labels


def forest_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One forest plot as the table shown beside it."""
    return rows[list(FOREST_TABLE_COLUMNS)].rename(columns=FOREST_TABLE_COLUMNS)


def forest_table_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """:func:`forest_table` as plain rows."""
    return [{h: r[c] for c, h in FOREST_TABLE_COLUMNS.items()} for r in rows]


def _missing(value: object) -> bool:
    """A missing cell as ``tolist()`` gives it: None, NaN or pandas' NA."""
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, float) and math.isnan(value))
    )


def _pooled_row(pooled: object) -> dict[str, Any] | None:
    """The diamond row of a pooled estimate from the engine, read defensively."""
    value = field_of(pooled, "estimate", "value")
    low, high = field_of(pooled, "ci_low"), field_of(pooled, "ci_high")
    metric = value_of(field_of(pooled, "metric"))
    if value is None or low is None or high is None or metric is None:
        return None
    k = field_of(pooled, "k")
    name = str(field_of(pooled, "body", "outcome", "label") or "pooled estimate")
    text = _ci_text(metric, float(value), float(low), float(high))
    i2, tau2 = field_of(pooled, "i2"), field_of(pooled, "tau2")
    if i2 is not None:
        text += f"; I² {float(i2) * 100:.0f}%"
    if tau2 is not None:
        text += f"; τ² {float(tau2):.3f}"
    log_scale = field_of(pooled, "log_scale")
    return {
        "kind": "pooled",
        "study": "",
        "label": f"Pooled ({k} studies)" if k else "Pooled",
        "outcome": name,
        "metric": metric,
        "value": float(value),
        "ci_low": float(low),
        "ci_high": float(high),
        "weight": None,
        "log_scale": bool(log_scale)
        if log_scale is not None
        else metric in {m.value for m in RATIO_METRICS},
        "favours": _favours(field_of(pooled, "benefit_sign")),
        "unit": str(field_of(pooled, "unit") or ""),
        "text": text,
    }


def map_table(cells: pd.DataFrame) -> pd.DataFrame:
    """One row per claim, one column per outcome domain: ``3 studies: 2 benefit, 1 no difference``."""
    text = cells.assign(
        cell=[
            f"{int(n):,} {'study' if int(n) == 1 else 'studies'}: {s}"
            for n, s in zip(cells["studies"], cells["summary"], strict=True)
        ]
    )
    wide = text.pivot_table(
        index=["claim", "proposition"],
        columns="domain",
        values="cell",
        aggfunc="first",
        observed=True,
    )
    wide = wide.reindex(
        columns=[d.value for d in OUTCOME_DOMAINS if d.value in set(wide.columns)]
    )
    wide.columns = [label(c) for c in wide.columns]
    order = list(dict.fromkeys(cells["claim"]))
    wide = wide.reset_index().set_index("claim").loc[order].reset_index()
    return (
        wide.drop(columns=["claim"]).rename(columns={"proposition": "claim"}).fillna("")
    )
