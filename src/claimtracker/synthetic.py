"""Realistic synthetic corpora for benchmarks and load tests.

``generate_corpus(root, studies=N, claims=M, seed=S)`` writes ``claims/`` and ``studies/``
under ``root`` with records that validate, in proportions like the shipped evidence base:
mostly crossover and parallel trials with a fifth reviews, one to six outcomes each, small
samples, claims linking one to eight outcomes with two or three appearances. Every study is
cited by some claim when there are enough links to go round. Identifiers, DOIs (under the
``10.5555`` example prefix) and URLs (``example.org``) are plainly synthetic: nothing here
may be mistaken for a real citation.

    python -m claimtracker.synthetic OUT_DIR --studies 10000 --claims 500 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimtracker.models import (
    Certainty,
    Claim,
    ClaimantType,
    Design,
    Direction,
    Domain,
    Flag,
    GarmentType,
    Measure,
    Metric,
    Population,
    Rating,
    Study,
)

STUDY_MODELINE = "# yaml-language-server: $schema=../schemas/study.schema.json\n"
CLAIM_MODELINE = "# yaml-language-server: $schema=../schemas/claim.schema.json\n"

# Weights follow the shipped data: 17 crossover, 7 parallel, 2 non-randomised, 18 reviews.
DESIGN_WEIGHTS: dict[Design, int] = {
    Design.RCT_CROSSOVER: 17,
    Design.RCT_PARALLEL: 7,
    Design.NON_RANDOMISED: 2,
    Design.META_ANALYSIS: 12,
    Design.SYSTEMATIC_REVIEW: 4,
    Design.SCOPING_REVIEW: 1,
    Design.NARRATIVE_REVIEW: 1,
}
GARMENT_WEIGHTS: dict[GarmentType, int] = {
    GarmentType.STOCKINGS: 15,
    GarmentType.MIXED: 17,
    GarmentType.SOCKS: 6,
    GarmentType.SLEEVES: 4,
    GarmentType.TIGHTS: 2,
}
POPULATIONS = [
    Population.TRAINED_RUNNERS,
    Population.RECREATIONAL_RUNNERS,
    Population.RUNNERS,
    Population.ATHLETES,
    Population.ACTIVE_ADULTS,
    Population.PATIENTS,
    Population.AIR_TRAVELLERS,
]
SURNAMES = [
    "alder", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "hazel", "ilex", "juniper",
    "kauri", "larch", "maple", "nutmeg", "oak", "poplar", "quince", "rowan", "spruce", "teak",
    "ulmus", "vine", "willow", "yew", "zelkova",
]  # fmt: skip
WORDS = (
    "compression socks sleeves stockings runners recovery soreness performance economy oxygen "
    "lactate blood flow calf muscle damage strength power marathon treadmill trial crossover "
    "randomised trained recreational perceived exertion fatigue swelling volume pressure graduated "
    "kinematics vibration oscillation stiffness comfort placebo sham control condition session"
).split()
OUTCOME_NAMES: dict[Domain, list[str]] = {
    Domain.PERFORMANCE: [
        "time trial",
        "time to exhaustion",
        "5 km race time",
        "jump height",
        "sprint time",
    ],
    Domain.PHYSIOLOGY: [
        "submaximal oxygen uptake",
        "blood lactate",
        "heart rate",
        "muscle oxygenation",
    ],
    Domain.RECOVERY: [
        "muscle soreness at 24 h",
        "creatine kinase",
        "strength recovery",
        "power recovery",
    ],
    Domain.PERCEPTION: ["perceived exertion", "comfort rating", "perceived recovery"],
    Domain.INJURY: ["injury incidence", "ankle swelling"],
    Domain.MEDICAL: ["deep vein thrombosis", "ulcer healing", "leg oedema"],
    Domain.SAFETY: ["skin damage", "adverse events"],
}
#: How often each outcome domain is drawn: mostly running outcomes, few adverse events.
OUTCOME_WEIGHTS: dict[Domain, int] = {
    Domain.PERFORMANCE: 5,
    Domain.PHYSIOLOGY: 4,
    Domain.RECOVERY: 5,
    Domain.PERCEPTION: 2,
    Domain.INJURY: 1,
    Domain.MEDICAL: 2,
    Domain.SAFETY: 1,
}
SELF_REPORTED_HINTS = ("soreness", "perceived", "comfort")


@dataclass(frozen=True)
class CorpusSize:
    """How many records :func:`generate_corpus` wrote."""

    studies: int
    claims: int
    links: int


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _outcome(
    rng: random.Random, index: int, source_url: str, *, paired: bool = False
) -> dict[str, Any]:
    domain = _pick(rng, OUTCOME_WEIGHTS)
    name = rng.choice(OUTCOME_NAMES[domain])
    measure = (
        Measure.SELF_REPORTED
        if any(h in name for h in SELF_REPORTED_HINTS)
        else Measure.OBJECTIVE
    )
    direction = rng.choices(list(Direction), weights=[4, 6, 1, 2])[0]
    outcome: dict[str, Any] = {
        "key": f"o{index + 1}-{name.replace(' ', '-')}",
        "name": name,
        "domain": domain.value,
        "measure": measure.value,
        "direction": direction.value,
    }
    if rng.random() < 0.4:
        value = round(
            rng.gauss(0.25 if direction is Direction.BENEFIT else 0.0, 0.2), 2
        )
        half = round(rng.uniform(0.1, 0.6), 2)
        outcome["effect"] = {
            "metric": Metric.SMD.value,
            "value": value,
            "ci": [value - half, value + half],
        }
        if paired:  # a crossover trial reports its within-subject estimate
            outcome["effect"]["paired"] = True
        outcome["reported"] = (
            f"SMD {value} (95% CI {value - half:.2f} to {value + half:.2f})"
        )
        outcome["source"] = {"kind": "abstract", "url": source_url}
    return outcome


def make_study(rng: random.Random, index: int) -> Study:
    """One synthetic study, validated by the model."""
    design = _pick(rng, DESIGN_WEIGHTS)
    year = rng.randint(1995, 2025)
    is_review = design in {
        Design.META_ANALYSIS,
        Design.SYSTEMATIC_REVIEW,
        Design.SCOPING_REVIEW,
    }
    surname = rng.choice(SURNAMES)
    data: dict[str, Any] = {
        "id": f"{surname}-{year}-{index:06d}",
        "title": _sentence(rng, 8, 18).rstrip("."),
        "authors": [
            f"{rng.choice(SURNAMES).title()}, {chr(65 + rng.randrange(26))}."
            for _ in range(rng.randint(1, 6))
        ],
        "year": year,
        "journal": "Journal of Synthetic Sport Science",
        "doi": f"10.5555/synthetic.{index:06d}",
        "design": design.value,
        "participants": {
            "n": rng.randint(200, 3000) if is_review else rng.randint(8, 60),
            "population": rng.choice(POPULATIONS).value,
        },
        "garment": {
            "type": _pick(rng, GARMENT_WEIGHTS).value,
            "worn": rng.choice(["during", "after"]),
        },
        "comparator": rng.choice(["no-garment", "regular-socks", "sham-garment"]),
        "blinding": "not-applicable"
        if is_review
        else rng.choice(["none", "none", "not-reported", "double"]),
        "risk_of_bias": {
            "rating": rng.choice(["low", "some-concerns", "high"]),
            "note": _sentence(rng, 5, 12),
        },
        "outcomes": [
            _outcome(
                rng,
                i,
                f"https://example.org/synthetic/{index:06d}",
                paired=design is Design.RCT_CROSSOVER,
            )
            for i in range(rng.randint(1, 6))
        ],
        "summary": " ".join(_sentence(rng, 10, 25) for _ in range(rng.randint(1, 3))),
        "sources": [f"https://example.org/synthetic/{index:06d}"],
    }
    if is_review:
        data["included_studies"] = rng.randint(5, 40)
    return Study.model_validate(data)


def make_claim(
    rng: random.Random, index: int, links: Sequence[tuple[str, str]]
) -> Claim:
    """One synthetic published claim linking the given (study id, outcome key) pairs."""
    domain = rng.choice(
        [
            Domain.PERFORMANCE,
            Domain.RECOVERY,
            Domain.PHYSIOLOGY,
            Domain.PERCEPTION,
            Domain.MEDICAL,
        ]
    )
    rating = rng.choice(list(Rating))
    certainty = rng.choice(list(Certainty))
    reviewed = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
    words = rng.sample(WORDS, 4)
    data: dict[str, Any] = {
        "id": f"claim-{index:05d}-{'-'.join(words[:2])}",
        "proposition": f"Wearing compression garments changes {' '.join(words)} in runners.",
        "family": domain.value,
        "aliases": [
            " ".join(rng.sample(WORDS, rng.randint(3, 7)))
            for _ in range(rng.randint(1, 4))
        ],
        "domain": domain.value,
        "about": {"populations": ["runners"], "garments": ["socks", "sleeves"]},
        "appearances": [
            {
                "claimant": f"Example Brand {rng.randint(1, 200)}",
                "claimant_type": rng.choice(
                    [ClaimantType.MANUFACTURER, ClaimantType.RETAILER]
                ).value,
                "quote": _sentence(rng, 4, 12),
                "url": f"https://example.org/product/{index}/{i}",
                "seen": "2026-11",
            }
            for i in range(rng.randint(1, 4))
        ],
        "evidence": [{"study": s, "outcome": o} for s, o in links],
        "verdict": {
            "rating": rating.value,
            "certainty": certainty.value,
            "flags": [f.value for f in rng.sample(list(Flag), rng.randint(0, 2))],
            "summary": " ".join(_sentence(rng, 12, 30) for _ in range(2)),
            "reviewed": reviewed,
            "reviewer": "synthetic-editor",
        },
        "history": [
            {
                "date": reviewed,
                "editor": "synthetic-editor",
                "rating": rating.value,
                "certainty": certainty.value,
                "reason": "first published verdict",
            }
        ],
    }
    return Claim.model_validate(data)


def dump_record(record: Study | Claim) -> str:
    """YAML text of a record as an editor would write it: modeline, model field order, no defaults."""
    modeline = STUDY_MODELINE if isinstance(record, Study) else CLAIM_MODELINE
    data = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"id": data.pop("id"), **data}
    body = (
        yaml.dump(  # libyaml's emitter: the same text as safe_dump, five times faster
            data,
            Dumper=yaml.CSafeDumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=False,
        )
    )
    return modeline + body


def generate_corpus(
    root: Path, *, studies: int, claims: int, seed: int = 0
) -> CorpusSize:
    """Write ``studies`` study files and ``claims`` claim files under ``root``; return the counts."""
    rng = random.Random(seed)
    (root / "studies").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(parents=True, exist_ok=True)
    made = [make_study(rng, i) for i in range(studies)]
    for study in made:
        (root / "studies" / f"{study.id}.yaml").write_text(
            dump_record(study), encoding="utf-8"
        )
    outcomes = [(s.id, o.key) for s in made for o in s.outcomes]
    rng.shuffle(outcomes)
    # Deal out every study's first outcome first, so that no study is left uncited if links suffice.
    firsts = [(s.id, s.outcomes[0].key) for s in made]
    rng.shuffle(firsts)
    first_of = dict(firsts)
    pool = firsts + [o for o in outcomes if o[1] != first_of.get(o[0])]
    cursor = total_links = 0
    for i in range(claims):
        k = rng.randint(1, 8)
        if cursor < len(pool):
            chosen = pool[cursor : cursor + k]
            cursor += k
        else:
            chosen = rng.sample(outcomes, min(k, len(outcomes)))
        if not chosen:
            continue
        claim = make_claim(rng, i, chosen)
        total_links += len(chosen)
        (root / "claims" / f"{claim.id}.yaml").write_text(
            dump_record(claim), encoding="utf-8"
        )
    return CorpusSize(studies=studies, claims=claims, links=total_links)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m claimtracker.synthetic", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "out", type=Path, help="folder to write claims/ and studies/ into"
    )
    parser.add_argument("--studies", type=int, default=440)
    parser.add_argument("--claims", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    size = generate_corpus(
        args.out, studies=args.studies, claims=args.claims, seed=args.seed
    )
    print(
        f"wrote {size.studies} studies and {size.claims} claims ({size.links} evidence links) to {args.out}"
    )


if __name__ == "__main__":
    main()
