"""The draft checker's reading of harms (claimtracker.harms): skin, nerve and blood-flow harms,
problems the garment brings on, tightness, warnings and contraindications, on sentences written
for this test (not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from claimtracker.matching import Matcher
from matching_helpers import COMFORT, HARM, claims, last


@pytest.mark.parametrize(
    "sentence",
    [
        "Wearing compression stockings day and night may irritate the skin.",
        "Cheap compression socks can leave you with itchy legs and a rash.",
        "Poorly fitted compression stockings can cut into your legs.",
        "A compression sleeve that is too small may press on the nerves behind the knee.",
        "Stockings left unwashed for weeks can lead to a fungal infection.",
        "If the top band of a compression sock is too tight it can limit circulation.",
        "These compression garments may cause numbness in your toes.",
    ],
)
def test_harms_of_the_skin_nerves_and_blood_flow_assert_the_harm_claim(
    matcher: Matcher, sentence: str
) -> None:
    assert claims(matcher, sentence) == {HARM: "asserts"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Compression stockings that bunch at the knee can worsen swelling in the lower leg.",
        "Compression stockings can make leg swelling worse if they roll down.",
        "Badly fitted compression socks may cause circulation problems.",
    ],
)
def test_a_problem_the_garment_brings_on_is_a_harm_not_a_benefit(
    matcher: Matcher, sentence: str
) -> None:
    assert claims(matcher, sentence) == {HARM: "asserts"}


def test_a_problem_the_garment_does_not_bring_on_denies_the_harm(
    matcher: Matcher,
) -> None:
    assert claims(matcher, "Compression socks do not cause blisters.") == {
        HARM: "denies"
    }


def test_tightness_with_a_harm_is_its_cause_not_a_comfort_verdict(
    matcher: Matcher,
) -> None:
    with_harm = "Knee socks that are too tight can cause skin irritation and chafing."
    assert claims(matcher, with_harm) == {HARM: "asserts"}
    alone = "My compression socks feel too tight around the calf."
    assert claims(matcher, alone) == {COMFORT: "denies"}


def test_a_reason_clause_keeps_its_own_negation(matcher: Matcher) -> None:
    """'not too tight' does not reach past ', as this could ...' into the harm."""
    text = "Check that your compression socks are not too tight, as this could cut off circulation."
    assert claims(matcher, text) == {HARM: "asserts"}


def test_discomfort_the_garment_brings_on_denies_comfort(matcher: Matcher) -> None:
    text = "My new compression socks caused a lot of discomfort on long runs."
    assert claims(matcher, text) == {COMFORT: "denies"}


def test_tightness_of_another_thing_is_not_the_garments(matcher: Matcher) -> None:
    text = "I wore compression socks today. My laces felt far too tight by mile five."
    assert COMFORT not in claims(matcher, text)


def test_a_problem_with_its_own_subject_in_a_relative_clause_is_not_brought_on(
    matcher: Matcher,
) -> None:
    text = "Compression stockings are a first treatment for varicose veins that are causing pain."
    assert HARM not in claims(matcher, text)


def test_a_contraindication_asserts_the_harm(matcher: Matcher) -> None:
    text = "Compression stockings should not be worn by people with peripheral arterial disease."
    assert claims(matcher, text) == {HARM: "asserts"}


def test_a_warning_against_a_garment_does_not_claim_its_use(matcher: Matcher) -> None:
    text = "Avoid tight elastic bandages for leg ulcers unless a nurse fits them."
    assert claims(matcher, text) == {}


def test_it_cant_hurt_denies_the_harm(matcher: Matcher) -> None:
    text = "It can't hurt to try a pair of compression socks."
    assert claims(matcher, text) == {HARM: "denies"}


def test_a_battle_to_pull_on_denies_comfort(matcher: Matcher) -> None:
    text = "I bought knee-high compression socks. It is a real battle to pull them on."
    assert last(matcher, text) == {COMFORT: "denies"}


def test_a_harm_word_relieved_is_a_symptom_treated_not_a_harm(
    matcher: Matcher,
) -> None:
    text = "Copper compression sleeves relieve numbness and tingling in the hands."
    assert HARM not in claims(matcher, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wearing compression stockings of the wrong size can break the skin.",
        "Compression socks can cause problems if you wear them for too long.",
    ],
)
def test_more_wordings_of_harm(matcher: Matcher, sentence: str) -> None:
    assert claims(matcher, sentence) == {HARM: "asserts"}


def test_a_problem_of_its_own_does_not_take_the_harm_from_a_conditional(
    matcher: Matcher,
) -> None:
    text = (
        "Compression stockings are hard to put on; if this causes you problems, "
        "ask a pharmacist for a frame."
    )
    assert claims(matcher, text) == {COMFORT: "denies"}


def test_a_condition_the_reader_has_is_not_a_harm_done(matcher: Matcher) -> None:
    text = "Compression socks help people with impaired circulation."
    assert HARM not in claims(matcher, text)
