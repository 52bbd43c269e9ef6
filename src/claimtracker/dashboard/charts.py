"""Pure chart builders: a tidy DataFrame from ``frames`` in, a plotly Figure out.

No Streamlit here, so each chart can be built and checked in a test. Colours come from
``frames`` (beside the rating scale), every trace carries its label as text or legend entry,
and each page shows a table or sentence beside the chart as its text equivalent.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from claimtracker.frames import (
    DIRECTION_COLOURS,
    POOLED_COLOUR,
    RATING_COLOURS,
    RATING_ORDER,
    label,
)
from claimtracker.models import OUTCOME_DOMAINS, Direction, Rating

FONT = "Source Sans Pro, sans-serif"
#: Marker shapes of the evidence map, in the order of ``Direction`` and of the ratings (best
#: first), so the groups differ in shape as well as colour.
DIRECTION_SYMBOLS: tuple[str, ...] = ("circle", "square", "diamond", "triangle-down")
RATING_SYMBOLS: tuple[str, ...] = (
    "circle",
    "hexagon",
    "square",
    "diamond",
    "triangle-down",
)
#: Tick marks on a ratio (log) axis: 1, 2, 5 in each decade.
LOG_TICKS = [m * 10.0**e for e in range(-3, 4) for m in (1, 2, 5)]


def _layout_spec(*, height: int, title: str | None = None) -> dict[str, Any]:
    """The layout every chart shares, as a dictionary."""
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        "font": {"family": FONT, "size": 13},
        "title": {"text": title} if title else None,
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }


def _layout(fig: go.Figure, *, height: int, title: str | None = None) -> go.Figure:
    fig.update_layout(**_layout_spec(height=height, title=title))
    return fig


def ink(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG contrast of relative luminance)."""
    channels = [int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return (
        "#000000"
        if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05)
        else "#FFFFFF"
    )


def short(text: str, width: int = 60) -> str:
    """A one-line shortening for axis labels (the full text is in the hover and the table)."""
    return textwrap.shorten(text, width=width, placeholder="…")


def rating_bar(claims: pd.DataFrame) -> go.Figure:
    """How many claims have each rating: horizontal bars, best at the top, counts as text."""
    counts = (
        claims["rating"]
        .value_counts()
        .reindex([r.value for r in RATING_ORDER], fill_value=0)
    )
    fig = go.Figure()
    for rating in RATING_ORDER:
        n = int(counts[rating.value])
        fig.add_trace(
            go.Bar(
                x=[n],
                y=[label(rating)],
                orientation="h",
                name=label(rating),
                marker_color=RATING_COLOURS[rating],
                text=[f"{n} claim{'s' if n != 1 else ''}"],
                textposition="outside",
                hovertemplate=f"{label(rating)}: %{{x}} claims<extra></extra>",
                showlegend=False,
            )
        )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[label(r) for r in RATING_ORDER]
    )
    top = max(int(counts.max()), 1)
    fig.update_xaxes(
        title="claims",
        showgrid=True,
        gridcolor="#eeeeee",
        range=[0, top * 1.35],
        dtick=max(1, math.ceil(top / 5)),  # whole claims only
    )
    fig.update_traces(cliponaxis=False)
    return _layout(fig, height=230)


def evidence_map(cells: pd.DataFrame, colour_by: str = "direction") -> go.Figure:
    """Claims (rows) x outcome domains (columns); marker size = studies, colour = direction or rating.

    ``cells`` is ``chartframes.evidence_map_frame``. Each point's ``customdata[0]`` is the claim id,
    so a selection leads to the claim page. The number of studies is printed in each marker.
    """
    fig = go.Figure()
    claims = list(dict.fromkeys(cells["claim"]))
    first = cells.drop_duplicates("claim")
    ylabels: dict[str, str] = {}
    for claim, text in zip(first["claim"], first["proposition"], strict=True):
        name, n = short(str(text), 55), 1
        while name in ylabels.values():  # two claims must never share a row
            n += 1
            name = f"{short(str(text), 50)} ({n})"
        ylabels[claim] = name
    biggest = max(int(cells["studies"].max()), 1) if len(cells) else 1
    if colour_by == "rating":
        groups: list[tuple[str, str, pd.DataFrame]] = [
            (label(r), RATING_COLOURS[r], cells[cells["rating"] == r.value])
            for r in reversed(RATING_ORDER)
        ]
        symbols = RATING_SYMBOLS
    else:
        groups = [
            (label(d), DIRECTION_COLOURS[d], cells[cells["direction"] == d.value])
            for d in Direction
        ]
        symbols = DIRECTION_SYMBOLS
    for (name, colour, part), symbol in zip(groups, symbols, strict=False):
        if part.empty:
            continue
        size = [14 + 30 * math.sqrt(int(s) / biggest) for s in part["studies"]]
        fig.add_trace(
            go.Scatter(
                x=[label(d) for d in part["domain"]],
                y=[ylabels[c] for c in part["claim"]],
                mode="markers+text",
                name=name,
                text=[str(int(s)) for s in part["studies"]],
                textfont={"color": ink(colour), "size": 11},
                marker={
                    "size": size,
                    "color": colour,
                    "symbol": symbol,  # a shape per group: colour is never the only cue
                    "line": {"color": "#333333", "width": 1},
                },
                customdata=part[
                    ["claim", "proposition", "summary", "participants"]
                ].to_numpy(),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>%{x}: %{text} studies, "
                    "%{customdata[3]} participants<br>%{customdata[2]}<extra>"
                    + name
                    + "</extra>"
                ),
            )
        )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=[label(d) for d in OUTCOME_DOMAINS],
        range=[
            -0.5,
            len(OUTCOME_DOMAINS) - 0.5,
        ],  # every domain is a column, even if empty
        side="top",
        showgrid=True,
        gridcolor="#eeeeee",
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[ylabels[c] for c in reversed(claims)],
        showgrid=True,
        gridcolor="#eeeeee",
    )
    fig = _layout(fig, height=max(280, 90 + 38 * len(claims)))
    # The domain names sit on top, so the legend goes underneath.
    fig.update_layout(
        clickmode="event+select",
        dragmode=False,
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        margin={"t": 30, "b": 40},
    )
    return fig


def forest_plot(rows: pd.DataFrame) -> go.Figure:
    """Effects with 95% CIs as squares and whiskers; a pooled estimate as a black diamond.

    ``rows`` is one ``group`` of ``chartframes.forest_frame`` (one metric). Ratio metrics (RR, OR,
    HR) use a log axis with the line of no effect at 1, the others at 0. The figure is
    :func:`forest_spec`, checked by plotly.
    """
    return go.Figure(forest_spec(rows))


def forest_spec(rows: pd.DataFrame | Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """:func:`forest_plot` as a plain figure dictionary (``{"data": [...], "layout": {...}}``).

    ``rows`` is one group of ``chartframes.forest_frame``, or the same as plain rows
    (``chartframes.forest_rows``). Building one dictionary costs a fraction of plotly's
    property-by-property updates, which matters where thousands are drawn (the static
    site); ``go.Figure(spec)`` checks it.
    """
    if isinstance(rows, pd.DataFrame):
        rows = [{str(k): v for k, v in r.items()} for r in rows.to_dict("records")]
    rows = list(rows)
    metric = str(rows[0]["metric"]) if rows else ""
    log = any(bool(r["log_scale"]) for r in rows)
    null = 1.0 if log else 0.0
    n = len(rows)
    ypos = {i: n - i for i in range(n)}  # first row at the top
    data: list[dict[str, Any]] = []
    studies = [(i, r) for i, r in enumerate(rows) if r["kind"] == "study"]
    if studies:
        value = [float(r["value"]) for _, r in studies]
        data.append(
            {
                "type": "scatter",
                "x": value,
                "y": [ypos[i] for i, _ in studies],
                "mode": "markers",
                "name": "study (95% CI)",
                "marker": {
                    "symbol": "square",
                    "size": 10,
                    "color": RATING_COLOURS[Rating.SUPPORTED],
                },
                "error_x": {
                    "type": "data",
                    "symmetric": False,
                    "array": [
                        float(r["ci_high"]) - v
                        for (_, r), v in zip(studies, value, strict=True)
                    ],
                    "arrayminus": [
                        v - float(r["ci_low"])
                        for (_, r), v in zip(studies, value, strict=True)
                    ],
                    "color": "#333333",
                    "thickness": 1.5,
                },
                "customdata": [[str(r["text"]), str(r["study"])] for _, r in studies],
                "hovertemplate": "%{customdata[0]}<extra></extra>",
            }
        )
    pooled_at = [i for i, r in enumerate(rows) if r["kind"] == "pooled"]
    for i in pooled_at:
        p = rows[i]
        y = ypos[i]
        low, mid, high = float(p["ci_low"]), float(p["value"]), float(p["ci_high"])
        data.append(
            {
                "type": "scatter",
                "x": [low, mid, high, mid, low],
                "y": [y, y + 0.35, y, y - 0.35, y],
                "fill": "toself",
                "mode": "lines",
                "name": "pooled estimate (95% CI)",
                "line": {"color": POOLED_COLOUR},
                "fillcolor": POOLED_COLOUR,
                "hoverinfo": "text",
                "text": str(p["text"]),
                "showlegend": i == pooled_at[0],
            }
        )
    favours = str(rows[0]["favours"]) if rows else ""
    units = {str(r["unit"]) for r in rows if r.get("unit")}
    unit = units.pop() if len(units) == 1 else ""
    xaxis: dict[str, Any] = {
        "title": {"text": f"{metric.upper()}{f' ({unit})' if unit else ''}, 95% CI"},
        "type": "log" if log else "linear",
        "showgrid": True,
        "gridcolor": "#eeeeee",
        "zeroline": False,
        "nticks": 6,
    }
    if n:  # the line of no difference is always in view
        low = min(min(float(r["ci_low"]) for r in rows), null)
        high = max(max(float(r["ci_high"]) for r in rows), null)
        if log:
            ticks = [t for t in LOG_TICKS if low / 1.5 <= t <= high * 1.5]
            if len(ticks) > 7:  # 1, 2, 5 per decade crowd a narrow axis: keep 1 and 5
                ticks = [t for t in ticks if str(f"{t:g}")[0] in "15"]
            xaxis["range"] = [math.log10(low / 1.2), math.log10(high * 1.2)]
            xaxis.update(
                tickmode="array", tickvals=ticks, ticktext=[f"{t:g}" for t in ticks]
            )
        else:
            pad = (high - low) * 0.05 or 1.0
            xaxis["range"] = [low - pad, high + pad]
    layout: dict[str, Any] = {
        **_layout_spec(height=max(220, 100 + 46 * n)),
        "shapes": [
            {
                "type": "line",
                "x0": null,
                "x1": null,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": "#666666", "dash": "dash", "width": 1},
            }
        ],
        # Stacked: each row's name is written above its line, across the whole width,
        # instead of as a y-axis label that takes half a phone's screen and gets cut off.
        "annotations": [
            {
                "x": 0,
                "xref": "paper",
                "y": ypos[i] + 0.42,
                "yref": "y",
                "text": _escape(short(str(r["label"]), 90)),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "font": {"size": 12, "color": "#111111"},
            }
            for i, r in enumerate(rows)
        ],
        "yaxis": {
            "tickmode": "array",
            "tickvals": [],
            "showticklabels": False,
            "range": [0.4, n + 0.95],
            "showgrid": False,
        },
        "xaxis": xaxis,
        # Said beside the chart (a caption), where a phone has room for it.
        "meta": "Dashed line = no difference" + (f"; {favours}." if favours else "."),
    }
    return {"data": data, "layout": layout}


def _escape(text: str) -> str:
    """Plain text for a plotly annotation (which reads a little HTML)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
