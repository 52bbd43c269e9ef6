"""Shared by the tests of the draft checker's reading rules: the shipped claims' matcher and
what it finds in a text."""

from __future__ import annotations

from functools import cache

from claimtracker.exports import is_reviewable
from claimtracker.matching import Matcher
from claimtracker.store import load_corpus
from conftest import REPO

HARM = "compression-stockings-can-cause-harm"
COMFORT = "compression-socks-feel-no-tighter-than-normal-socks"
CONFIDENCE = "compression-gives-runners-confidence"
FLOW = "compression-increases-blood-flow"
VENOUS = "compression-relieves-chronic-venous-disease-symptoms"
SORENESS = "compression-reduces-muscle-soreness-after-running"
FLIGHT_DVT = "flight-socks-prevent-dvt"
BALANCE = "compression-improves-balance-and-stability"
CRAMPS = "compression-prevents-leg-cramps"
ECONOMY = "compression-improves-running-economy"
ENDURANCE = "compression-increases-running-endurance"
FATIGUE = "compression-reduces-fatigue-during-running"
FLIGHT_SWELLING = "compression-reduces-leg-swelling-on-flights"
EXERCISE_SWELLING = "compression-reduces-leg-swelling-after-exercise"
HOSPITAL_DVT = "compression-stockings-prevent-dvt-in-hospital"
INJURIES = "compression-prevents-running-injuries"
LACTATE = "compression-flushes-lactic-acid"
MECHANICS = "compression-improves-running-mechanics"
OXYGEN = "compression-increases-oxygen-delivery-to-muscles"
PERFORMANCE = "compression-socks-improve-running-performance"
PLACEBO = "compression-benefits-are-placebo"
RECOVERY = "compression-speeds-recovery-after-running"
REHAB = "compression-speeds-return-from-leg-injury"
STANDING = "compression-prevents-leg-swelling-in-standing-workers"
STRENGTH = "compression-speeds-recovery-of-strength"
ULCER = "compression-heals-venous-leg-ulcers"
VARICOSE = "compression-prevents-varicose-veins"
VIBRATION = "compression-reduces-muscle-vibration"


@cache
def shipped_matcher() -> Matcher:
    """A matcher over the repository's published claims."""
    return Matcher(c for c in load_corpus(REPO).claims.values() if is_reviewable(c))


def claims(matcher: Matcher, text: str) -> dict[str, str]:
    """Claim -> stance of every finding in ``text``."""
    return {m.claim: m.stance for m in matcher.match_text(text)}


def last(matcher: Matcher, text: str) -> dict[str, str]:
    """Claim -> stance of the findings on the last sentence of ``text``."""
    matches = matcher.match_text(text)
    end = max((m.sentence.end for m in matches), default=-1)
    final = len(text.rstrip())
    return {m.claim: m.stance for m in matches if m.sentence.end == end == final}
