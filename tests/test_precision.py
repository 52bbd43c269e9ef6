"""Imprecision: participants counted once, worthwhile intervals, and precision that cannot
be judged. One row per rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from claimtracker.models import About, Study
from claimtracker.precision import rate_imprecision
from claimtracker.sources import Source

ABOUT = About.model_validate({"populations": ["runners"], "garments": ["socks"]})


def source(
    sid: str,
    design: str = "rct-crossover",
    n: int | None = 40,
    effect: dict[str, Any] | None = None,
) -> Source:
    outcome: dict[str, Any] = {
        "key": "swelling",
        "name": "Calf swelling",
        "domain": "recovery",
        "measure": "objective",
        "direction": "benefit",
    }
    if effect is not None:
        outcome["effect"] = effect
    study = Study.model_validate(
        {
            "id": sid,
            "title": f"Study {sid}",
            "year": 2016,
            "design": design,
            "participants": {"population": "runners", **({"n": n} if n else {})},
            "garment": {"type": "socks"},
            "comparator": "no-garment",
            "blinding": "none",
            "outcomes": [outcome],
        }
    )
    return Source(study=study, outcomes=tuple(study.outcomes))


#: A narrow SMD interval, clear of no effect.
NARROW = {"metric": "smd", "value": -0.7, "ci": [-0.9, -0.5]}
#: An SMD interval spanning no effect and a worthwhile one.
WIDE = {"metric": "smd", "value": -0.3, "ci": [-0.8, 0.2]}
#: An interval in seconds: given, but not judged against a worthwhile change.
SECONDS = {"metric": "md", "value": -2.0, "ci": [-9.0, 5.0], "unit": "s"}
#: An estimate with no interval.
NO_CI = {"metric": "smd", "value": -0.73, "studies": 5}


@dataclass
class Row:
    sources: list[Source]
    steps: int
    says: str = ""


ROWS: dict[str, Row] = {
    "a review of unknown size with no interval cannot be judged precise": Row(
        [source("review", "meta-analysis", None, NO_CI)],
        1,
        "precision cannot be judged: participants not known for review",
    ),
    "unknown size beside small trials, no interval anywhere": Row(
        [
            source("review", "meta-analysis", None, NO_CI),
            source("trial-a", n=12),
            source("trial-b", n=18),
        ],
        1,
        "(the others hold 30, fewer than 400)",
    ),
    "only narrative reviews: no participants counted, no interval": Row(
        [source("narrative", "narrative-review", None)],
        1,
        "no participants counted",
    ),
    "unknown size with a narrow interval is not rated down": Row(
        [source("review", "meta-analysis", None, NARROW)], 0
    ),
    "unknown size with an interval the engine does not judge is not rated down": Row(
        [source("review", "meta-analysis", None, SECONDS)], 0
    ),
    "unknown size with a wide interval: one step, for the interval": Row(
        [source("review", "meta-analysis", None, WIDE)],
        1,
        "spans both no effect and a worthwhile effect",
    ),
    "known sizes reaching 400 are enough beside an unknown one": Row(
        [
            source("review", "meta-analysis", None, NO_CI),
            source("big-trial", "rct-parallel", 450),
        ],
        0,
    ),
    "a known size under 400 with no interval: one step, for the size": Row(
        [source("trial-a", n=150), source("trial-b", n=150)],
        1,
        "only 300 participants in all (fewer than 400)",
    ),
    "a known size under 100: two steps": Row(
        [source("trial-a", n=12)], 2, "only 12 participants in all (fewer than 100)"
    ),
    "a known size of 400 or more with no interval is precise enough": Row(
        [source("review", "meta-analysis", 900, NO_CI)], 0
    ),
}


@pytest.mark.parametrize("name", list(ROWS))
def test_rate_imprecision(name: str) -> None:
    row = ROWS[name]
    found = rate_imprecision(row.sources, [], ABOUT)
    assert (found.steps if found else 0) == row.steps, found
    if row.says:
        assert found is not None and row.says in found.text
