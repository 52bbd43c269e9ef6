"""Small, plainly synthetic claims and studies for the writers' tools tests.

DOIs use the 10.5555 example prefix and URLs example.org: nothing here is a real citation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from claimtracker.models import Claim, Study


def make_study(study_id: str = "alder-2015", **overrides: Any) -> Study:
    data: dict[str, Any] = {
        "id": study_id,
        "title": "Calf sleeves and running economy in trained runners",
        "authors": ["Alder, J.", "Birch, K. L.", "Cedar, M."],
        "year": 2015,
        "journal": "Journal of Synthetic Sport Science",
        "volume": "12",
        "issue": "3",
        "pages": "101-109",
        "doi": f"10.5555/{study_id}",
        "url": f"https://example.org/{study_id}",
        "design": "rct-crossover",
        "participants": {"n": 16, "population": "trained-runners"},
        "garment": {"type": "sleeves", "pressure_mmhg": [15, 20], "worn": "during"},
        "comparator": "no-garment",
        "blinding": "none",
        "outcomes": [
            {
                "key": "economy",
                "name": "Submaximal oxygen uptake",
                "domain": "physiology",
                "measure": "objective",
                "direction": "no-difference",
            },
            {
                "key": "soreness",
                "name": "Muscle soreness at 24 h",
                "domain": "recovery",
                "measure": "self-reported",
                "direction": "benefit",
            },
        ],
    }
    data.update(overrides)
    return Study.model_validate(data)


def make_claim(
    claim_id: str,
    proposition: str,
    aliases: list[str],
    *,
    rating: str = "unproven",
    certainty: str = "low",
    domain: str = "performance",
    evidence: list[tuple[str, str]] | None = None,
    **overrides: Any,
) -> Claim:
    reviewed = dt.date(2026, 3, 2)
    data: dict[str, Any] = {
        "id": claim_id,
        "proposition": proposition,
        "aliases": aliases,
        "domain": domain,
        "about": {"populations": ["runners"], "garments": ["socks", "sleeves"]},
        "appearances": [
            {
                "claimant": "Example Sock Co.",
                "claimant_type": "manufacturer",
                "quote": "Run faster, recover sooner",
                "url": f"https://example.org/product/{claim_id}",
                "seen": "2026-01",
            },
            {
                "claimant": "A commenter",
                "claimant_type": "commenter",
                "paraphrase": "Said so in a comment.",
            },
        ],
        "evidence": [
            {"study": s, "outcome": o}
            for s, o in (evidence or [("alder-2015", "economy")])
        ],
        "verdict": {
            "rating": rating,
            "certainty": certainty,
            "flags": ["small-studies"],
            "summary": "Small crossover trials found no change.",
            "reviewed": reviewed,
            "reviewer": "editor-a",
        },
        "history": [
            {
                "date": dt.date(2025, 11, 5),
                "editor": "editor-a",
                "rating": "not-supported",
                "certainty": "low",
                "reason": "first verdict",
            },
            {
                "date": reviewed,
                "editor": "editor-b",
                "rating": rating,
                "certainty": certainty,
                "reason": "new trial",
            },
        ],
    }
    data.update(overrides)
    return Claim.model_validate(data)


def sample_claims() -> dict[str, Claim]:
    claims = [
        make_claim(
            "compression-socks-improve-running-performance",
            "Wearing compression socks or calf sleeves while running makes runners faster.",
            [
                "compression socks make you run faster",
                "compression improves race times",
            ],
        ),
        make_claim(
            "compression-reduces-muscle-soreness-after-running",
            "Wearing compression after running reduces muscle soreness over the following days.",
            ["compression socks reduce DOMS", "less sore legs with compression"],
            rating="supported",
            certainty="moderate",
            domain="recovery",
            evidence=[("alder-2015", "soreness"), ("birch-2019", "soreness")],
        ),
        make_claim(
            "compression-flushes-lactic-acid",
            "Compression garments flush lactic acid out of the muscles after exercise.",
            ["compression removes lactate", "socks clear waste products from muscles"],
            rating="not-supported",
            domain="physiology",
        ),
        make_claim(
            "flight-socks-prevent-dvt",
            "Compression stockings worn on long flights prevent deep vein thrombosis.",
            ["flight socks prevent blood clots"],
            rating="supported",
            certainty="high",
            domain="medical",
        ),
    ]
    return {c.id: c for c in claims}


def sample_studies() -> dict[str, Study]:
    studies = [
        make_study("alder-2015"),
        make_study(
            "birch-2019",
            title="Graduated socks & soreness after a marathon: a {pilot} trial",
            authors=["Birch, A.", "Elm, B."],
            year=2019,
            authors_truncated=True,
            doi=None,
            integrity={"status": "retracted", "date": dt.date(2021, 4, 1)},
        ),
    ]
    return {s.id: s for s in studies}
