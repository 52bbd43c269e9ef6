"""A small, hand-made evidence base for the dashboard tests (frames, charts, app, browser).

Five studies and three claims, chosen so each counting rule shows: a review that includes
two trials (their people are not counted twice), a retracted study (left out of counts and
plots), two trials the engine pools (a forest plot with its diamond), a claim link to a
study that does not exist (a data problem, left out), and a draft claim (reachable by link
only). The records are the pydantic models; ``conftest.write_corpus(root, CLAIMS, STUDIES)``
writes them as real YAML files under a folder.
"""

from __future__ import annotations

from typing import Any

from claimtracker.models import Claim, Study

#: The data root's ``claimtracker.toml``: the overview opens with the site's question.
CONFIG = """\
[site]
title = "claimtracker"
topic = "compression socks and sleeves"
question = "Do compression socks work?"
"""


def _study(**fields: Any) -> Study:
    base: dict[str, Any] = {
        "design": "rct-crossover",
        "participants": {"n": 10, "population": "trained-runners"},
        "garment": {"type": "socks", "worn": "during"},
        "comparator": "no-garment",
        "blinding": "none",
    }
    data = {**base, **fields}
    if data["design"] == "rct-crossover":
        # these placeholder crossover trials report paired (within-subject) estimates
        for outcome in data.get("outcomes", []):
            if "effect" in outcome:
                outcome["effect"] = {"paired": True, **outcome["effect"]}
    return Study.model_validate(data)


STUDIES: dict[str, Study] = {
    s.id: s
    for s in [
        _study(
            id="alpha-2015",
            title="Calf sleeves and a treadmill time trial in trained runners",
            authors=["Alpha, A.", "Other, O."],
            year=2015,
            doi="10.5555/alpha.2015",
            participants={"n": 16, "population": "trained-runners", "sex": "male"},
            garment={"type": "sleeves", "pressure_mmhg": [15, 20], "worn": "during"},
            risk_of_bias={"rating": "high", "note": "unblinded, small"},
            outcomes=[
                {
                    "key": "time-trial",
                    "name": "5 km time trial",
                    "domain": "performance",
                    "measure": "objective",
                    "direction": "no-difference",
                    "effect": {
                        "metric": "md",
                        "value": 3.1,
                        "ci": [-8.0, 14.2],
                        "unit": "s",
                    },
                },
                {
                    "key": "soreness",
                    "name": "muscle soreness at 24 h",
                    "domain": "recovery",
                    "measure": "self-reported",
                    "direction": "benefit",
                    "effect": {
                        "metric": "smd",
                        "value": -0.5,
                        "ci": [-0.9, -0.1],
                        "benefit_sign": -1,
                    },
                },
            ],
            summary="Sleeves did not change time-trial speed; soreness was lower a day later.",
        ),
        _study(
            id="beta-2018",
            title="Compression socks after a marathon",
            authors=["Beta, B."],
            year=2018,
            design="rct-parallel",
            participants={"n": 40, "population": "recreational-runners"},
            blinding="participants",
            comparator="sham-garment",
            risk_of_bias={"rating": "low"},
            funding={"source": "A sock maker", "industry": True},
            outcomes=[
                {
                    "key": "soreness",
                    "name": "perceived soreness",
                    "domain": "recovery",
                    "measure": "self-reported",
                    "direction": "benefit",
                    "effect": {
                        "metric": "smd",
                        "value": -0.3,
                        "ci": [-0.6, 0.0],
                        "benefit_sign": -1,
                    },
                }
            ],
        ),
        _study(
            id="gamma-2020",
            title="Compression garments and recovery: a meta-analysis",
            authors=["Gamma, G.", "Delta, D."],
            authors_truncated=True,
            year=2020,
            design="meta-analysis",
            included_studies=12,
            includes=["alpha-2015", "beta-2018"],
            participants={"n": 300, "population": "mixed"},
            garment={"type": "mixed"},
            comparator="mixed",
            blinding="not-applicable",
            outcomes=[
                {
                    "key": "soreness",
                    "name": "delayed-onset muscle soreness",
                    "domain": "recovery",
                    "measure": "self-reported",
                    "direction": "benefit",
                    "effect": {
                        "metric": "smd",
                        "value": -0.4,
                        "ci": [-0.6, -0.2],
                        "studies": 12,
                    },
                }
            ],
        ),
        _study(
            id="eta-2021",
            title="Knee-high socks and 10 km race pace",
            authors=["Eta, E."],
            year=2021,
            participants={"n": 20, "population": "recreational-runners"},
            risk_of_bias={"rating": "some-concerns"},
            outcomes=[
                {
                    "key": "time-trial",
                    "name": "10 km time trial",
                    "domain": "performance",
                    "measure": "objective",
                    "direction": "no-difference",
                    "effect": {
                        "metric": "md",
                        "value": -4.0,
                        "ci": [-12.0, 4.0],
                        "unit": "s",
                    },
                }
            ],
        ),
        _study(
            id="delta-2019",
            title="A retracted trial of recovery socks",
            authors=["Delta, D."],
            year=2019,
            participants={"n": 50, "population": "athletes"},
            integrity={"status": "retracted", "note": "data could not be verified"},
            outcomes=[
                {
                    "key": "soreness",
                    "name": "soreness",
                    "domain": "recovery",
                    "measure": "self-reported",
                    "direction": "benefit",
                    "effect": {"metric": "smd", "value": -1.2, "ci": [-1.6, -0.8]},
                }
            ],
        ),
    ]
}

PERFORMANCE = "compression-socks-make-runners-faster"
SORENESS = "compression-socks-reduce-soreness"
DRAFT = "compression-socks-cure-everything"


def _claim(**fields: Any) -> Claim:
    base: dict[str, Any] = {
        "about": {"populations": ["runners"], "garments": ["socks", "sleeves"]},
        "appearances": [
            {
                "claimant": "Example Sock Co.",
                "claimant_type": "manufacturer",
                "quote": "Run faster, recover sooner",
                "url": "https://example.org/product",
                "seen": "2026-11",
            }
        ],
    }
    return Claim.model_validate({**base, **fields})


def _verdict(rating: str, certainty: str, flags: list[str]) -> dict[str, Any]:
    return {
        "rating": rating,
        "certainty": certainty,
        "flags": flags,
        "summary": "Our reasons, in plain words.",
        "reviewed": "2026-11-01",
        "reviewer": "an-editor",
    }


CLAIMS: dict[str, Claim] = {
    c.id: c
    for c in [
        _claim(
            id=PERFORMANCE,
            proposition="Wearing compression socks while running makes runners faster.",
            family="performance",
            domain="performance",
            evidence=[
                {"study": "alpha-2015", "outcome": "time-trial"},
                {"study": "eta-2021", "outcome": "time-trial"},
            ],
            verdict=_verdict("unproven", "low", ["small-studies"]),
            history=[
                {
                    "date": "2026-10-01",
                    "editor": "an-editor",
                    "rating": "not-supported",
                    "certainty": "low",
                    "reason": "first verdict",
                },
                {
                    "date": "2026-11-01",
                    "editor": "an-editor",
                    "rating": "unproven",
                    "certainty": "low",
                    "reason": "one small trial only",
                },
            ],
        ),
        _claim(
            id=SORENESS,
            proposition="Wearing compression socks after a run reduces muscle soreness.",
            family="recovery",
            domain="recovery",
            evidence=[
                {"study": "alpha-2015", "outcome": "soreness"},
                {"study": "beta-2018", "outcome": "soreness"},
                {"study": "gamma-2020", "outcome": "soreness"},
                {"study": "delta-2019", "outcome": "soreness"},
            ],
            verdict=_verdict("supported", "moderate", ["placebo-possible"]),
        ),
        _claim(
            id=DRAFT,
            status="draft",
            proposition="Compression socks cure every ailment.",
            domain="medical",
            evidence=[{"study": "ghost-2000", "outcome": "anything"}],
        ),
    ]
}
