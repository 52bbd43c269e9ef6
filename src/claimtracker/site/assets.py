"""The site's own files: stylesheets, scripts, plotly.js and the search synonyms.

Each is written under ``assets/`` with a short content hash in its name
(``site-3f2a9c1e.css``), so a host can cache it for a year (``Cache-Control: immutable``)
and a new version is a new address. plotly.js comes from the installed plotly package, the
same version that draws the dashboard's charts: the site never loads code from a CDN.
The rating and direction colours (``scale.css``) are generated from
:mod:`claimtracker.scale`, the one place colours are defined.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources

from claimtracker.scale import DIRECTION_COLOURS, RATING_COLOURS
from claimtracker.site.render import STATIC, Output

SCRIPTS = ("site.css", "charts.js", "search.js")


def ink(fill: str) -> str:
    """Black or white text on ``fill``, whichever reads better (the dashboard charts' rule)."""
    from claimtracker.dashboard.charts import ink as chart_ink

    return chart_ink(fill)


def scale_css() -> str:
    """Badge colours for each rating, and a coloured edge for each direction of results."""
    lines = [
        "/* Generated from claimtracker.scale: the rating and direction colours. */"
    ]
    for rating, colour in RATING_COLOURS.items():
        lines.append(
            f".rating-{rating.value} {{ background: {colour}; color: {ink(colour)}; }}"
        )
    for direction, colour in DIRECTION_COLOURS.items():
        lines.append(
            f".direction-{direction.value} {{ border-left: 0.45rem solid {colour}; "
            "padding-left: 0.35rem; white-space: nowrap; }"
        )
    return "\n".join(lines) + "\n"


def plotly_js() -> tuple[str, bytes]:
    """plotly.js as the installed plotly package ships it, and its version."""
    import plotly

    data = (
        resources.files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    )
    return str(plotly.__version__), data


def _hashed(name: str, data: bytes) -> str:
    stem, _, ext = name.rpartition(".")
    return f"assets/{stem}-{hashlib.blake2b(data, digest_size=4).hexdigest()}.{ext}"


def write_assets(output: Output, synonyms: Sequence[Sequence[str]]) -> dict[str, str]:
    """Write every asset; return logical name -> site path (``site.css`` -> ``assets/site-….css``)."""
    found: dict[str, str] = {}
    files: dict[str, bytes] = {name: (STATIC / name).read_bytes() for name in SCRIPTS}
    files["scale.css"] = scale_css().encode()
    files["synonyms.json"] = (
        json.dumps([list(g) for g in synonyms], ensure_ascii=False) + "\n"
    ).encode()
    for name, data in files.items():
        found[name] = _hashed(name, data)
        output.put(found[name], data)
    version, data = plotly_js()
    found["plotly.js"] = f"assets/plotly-{version}.min.js"
    output.put(found["plotly.js"], data)
    return found
