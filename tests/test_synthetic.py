"""The synthetic benchmark corpus draws from the whole vocabulary of outcome domains."""

from __future__ import annotations

import random

from claimtracker.models import OUTCOME_DOMAINS, Domain
from claimtracker.synthetic import OUTCOME_NAMES, OUTCOME_WEIGHTS, make_study


def test_every_outcome_domain_has_a_weight_and_names() -> None:
    assert set(OUTCOME_WEIGHTS) == set(OUTCOME_DOMAINS) == set(OUTCOME_NAMES)
    assert all(weight > 0 for weight in OUTCOME_WEIGHTS.values())


def test_generated_studies_include_adverse_event_outcomes() -> None:
    rng = random.Random(7)
    domains = {o.domain for i in range(300) for o in make_study(rng, i).outcomes}
    assert Domain.SAFETY in domains
