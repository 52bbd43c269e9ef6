"""The draft checker's reading rules for blood flow, venous symptoms, falling risks, physiology,
testimonials and topics (claimtracker.context, claimtracker.subjects, the lexicon), on sentences
written for this test (not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from claimtracker.matching import Matcher
from claimtracker.reading import read
from matching_helpers import (
    FLIGHT_DVT,
    FLOW,
    SORENESS,
    VENOUS,
    claims,
    last,
)

# --------------------------------------------------------------------------- blood flow


@pytest.mark.parametrize(
    "text",
    [
        "I wear compression sleeves. They help my blood get back to my heart more easily.",
        "Compression socks keep the blood moving up out of your feet.",
        "With compression stockings it is easier for blood to flow back up to the heart.",
        "Compression tights increase the blood that is returning to the heart.",
    ],
)
def test_blood_stated_as_moving_back_is_the_blood_flow_claim(
    matcher: Matcher, text: str
) -> None:
    assert last(matcher, text) == {FLOW: "asserts"}


def test_the_pressure_as_subject_goes_on_about_the_garment(matcher: Matcher) -> None:
    text = (
        "Our compression socks are graduated. "
        "The pressure helps push blood up from the ankle towards the heart."
    )
    assert last(matcher, text) == {FLOW: "asserts"}


@pytest.mark.parametrize(
    "text",
    [
        "I bought compression socks for my trip. Blood pools in the feet when you sit still.",
        "I bought compression socks for my trip. On a plane, blood flow in the legs slows down.",
        "Compression socks come in many colours. The valves close as blood flows towards the heart.",
        "After a marathon the vessels widen, so it is harder for blood to return from the legs.",
    ],
)
def test_the_blood_acting_on_its_own_is_physiology_not_a_claim(
    matcher: Matcher, text: str
) -> None:
    assert claims(matcher, text) == {}


# --------------------------------------------------------------------------- venous symptoms


def test_symptoms_on_a_page_about_venous_disease_are_its_symptoms(
    matcher: Matcher,
) -> None:
    text = (
        "Spider veins and varicose veins are common after pregnancy. "
        "Compression stockings can ease the symptoms."
    )
    assert last(matcher, text) == {VENOUS: "asserts"}


def test_aching_and_painful_symptoms_of_varicose_veins_are_not_the_general_pain_claim(
    matcher: Matcher,
) -> None:
    text = "Compression stockings can relieve the painful symptoms of varicose veins."
    assert claims(matcher, text) == {VENOUS: "asserts"}
    medical = (
        "Our clinic treats patients with venous insufficiency. "
        "Compression stockings help the swelling and the aching."
    )
    assert last(matcher, medical) == {VENOUS: "asserts"}


def test_aching_after_a_run_stays_soreness(matcher: Matcher) -> None:
    text = "After my long run on Sunday, compression sleeves eased the aching in my calves."
    assert claims(matcher, text) == {SORENESS: "asserts"}


def test_may_not_be_as_effective_compares_and_does_not_deny(
    matcher: Matcher,
) -> None:
    text = (
        "Shop-bought compression socks may not be as effective as prescription "
        "stockings for relieving symptoms of varicose veins."
    )
    assert claims(matcher, text) == {VENOUS: "asserts"}


def test_a_problem_named_as_a_treatments_target_is_a_circumstance(
    matcher: Matcher,
) -> None:
    text = "Compression stockings are worn for a week after surgery to close varicose veins."
    assert VENOUS not in claims(matcher, text)


# --------------------------------------------------------------------------- risks


def test_a_falling_risk_with_no_problem_named_reduces_the_problem_before(
    matcher: Matcher,
) -> None:
    text = (
        "Sitting for ten hours on a plane raises the chance of a clot in the calf. "
        "Travellers in flight socks saw that risk fall from 4 in 100 to under 1 in 100."
    )
    assert last(matcher, text) == {FLIGHT_DVT: "asserts"}


def test_a_risk_of_something_named_carries_nothing(matcher: Matcher) -> None:
    text = (
        "Long flights raise the chance of a clot in the legs. "
        "Washable compression socks reduce the risk of odour."
    )
    assert last(matcher, text) == {}


def test_a_clot_that_does_not_form_is_prevented(matcher: Matcher) -> None:
    text = "On a long flight, compression socks keep blood moving so it does not clot."
    assert claims(matcher, text)[FLIGHT_DVT] == "asserts"


# --------------------------------------------------------------------------- testimonials and topics


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "I got compression socks last month. I haven't woken up with a calf cramp since.",
            "compression-prevents-leg-cramps",
        ),
        (
            "I slept in my compression socks after the 20 miler and could run 10 again on Monday.",
            "compression-speeds-recovery-after-running",
        ),
        (
            "With my compression sleeves on I could keep running for longer on the hills.",
            "compression-increases-running-endurance",
        ),
        (
            "Compression tights reduce the tiredness you feel post exercise.",
            "compression-speeds-recovery-after-running",
        ),
        (
            "Compression socks speed lactic acid removal.",
            "compression-flushes-lactic-acid",
        ),
    ],
)
def test_everyday_wordings_of_tracked_effects(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claim in claims(matcher, text)


def test_recovery_naming_an_outfit_or_routine_is_a_topic(matcher: Matcher) -> None:
    text = "Compression socks are everywhere. Many runners wear them as part of a recovery routine."
    assert claims(matcher, text) == {}


def test_a_semicolon_inside_brackets_does_not_end_a_whether_clause(
    matcher: Matcher,
) -> None:
    text = (
        "Researchers asked whether flight socks reduce clots (DVT; a clot in a deep vein) "
        "and other circulation problems in passengers."
    )
    assert claims(matcher, text) == {}


def test_an_excerpt_opening_on_they_takes_the_garment_named_after_it(
    matcher: Matcher,
) -> None:
    text = (
        "They are prescribed to treat aching and swelling from varicose veins. "
        "Most pharmacies sell compression stockings."
    )
    assert VENOUS in claims(matcher, text)
    people = (
        "These people are at lower risk of a clot than longer stays. "
        "Most pharmacies sell compression stockings."
    )
    assert claims(matcher, people) == {}


def test_reading_marks_the_body_acting_and_a_fallen_risk() -> None:
    assert read("Blood pools in the lower leg when you sit.").body_acts
    assert not read("Compression socks keep blood flowing.").body_acts
    assert read("Stockings cut that risk by half.").risk_reduced
    assert not read("Stockings cut the risk of clots by half.").risk_reduced


def test_the_garments_pressure_with_an_adjective_is_still_its_subject(
    matcher: Matcher,
) -> None:
    text = (
        "I now wear compression socks on every run. "
        "The steady pressure helps clear lactic acid from my calves."
    )
    assert last(matcher, text) == {"compression-flushes-lactic-acid": "asserts"}


def test_stopping_this_from_happening_reduces_the_problem_before(
    matcher: Matcher,
) -> None:
    text = (
        "Clots can form in the legs of passengers on long-haul flights. "
        "Flight socks help stop this from happening."
    )
    assert last(matcher, text) == {FLIGHT_DVT: "asserts"}


def test_not_superior_to_carries_the_claim_before_as_denied(matcher: Matcher) -> None:
    text = (
        "Some brands say compression socks make you faster. "
        "In our trial the compression socks were not superior to ordinary socks."
    )
    assert last(matcher, text) == {
        "compression-socks-improve-running-performance": "denies"
    }


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "If your ankles swell on long flights, flight socks are worth a try.",
            "compression-reduces-leg-swelling-on-flights",
        ),
        (
            "If you get cramps at night, compression socks might help.",
            "compression-prevents-leg-cramps",
        ),
    ],
)
def test_a_recommendation_for_the_readers_problem_reduces_it(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text) == {claim: "asserts"}


def test_if_you_have_a_problem_without_a_recommendation_claims_nothing(
    matcher: Matcher,
) -> None:
    text = "If you have varicose veins, talk to your doctor before buying compression socks."
    assert claims(matcher, text) == {}


def test_clots_in_patients_are_not_contradicted_by_the_hospital_setting(
    matcher: Matcher,
) -> None:
    text = "Compression stockings lower the risk of deep vein thrombosis in high-risk patients."
    assert claims(matcher, text) == {
        "compression-stockings-prevent-dvt-in-hospital": "asserts"
    }


def test_not_for_a_problem_denies_it(matcher: Matcher) -> None:
    text = "Compression socks are great for recovery but not for cramps."
    assert claims(matcher, text) == {
        "compression-speeds-recovery-after-running": "asserts",
        "compression-prevents-leg-cramps": "denies",
    }


def test_pouring_cold_water_on_a_claim_denies_it(matcher: Matcher) -> None:
    text = "A new trial pours cold water on the idea that compression socks make you faster."
    assert claims(matcher, text) == {
        "compression-socks-improve-running-performance": "denies"
    }


def test_oedema_is_venous_disease_among_patients_and_swelling_on_a_flight(
    matcher: Matcher,
) -> None:
    medical = (
        "Our patients with vein disease wear compression stockings. "
        "The stockings reduce oedema in the lower leg."
    )
    assert last(matcher, medical) == {VENOUS: "asserts"}
    flight = "On a long-haul flight, flight socks reduce ankle oedema."
    assert claims(matcher, flight) == {
        "compression-reduces-leg-swelling-on-flights": "asserts"
    }


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "I wore my compression socks after the marathon. The next day I felt fine.",
            "compression-speeds-recovery-after-running",
        ),
        (
            "I wore my compression sleeves for the 10k. "
            "My calves were not even sore the next morning.",
            SORENESS,
        ),
    ],
)
def test_a_first_person_account_of_feeling_well_after_a_run(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert last(matcher, text) == {claim: "asserts"}


def test_feeling_good_about_something_is_not_an_account_of_the_legs(
    matcher: Matcher,
) -> None:
    text = "My compression socks came today. I feel good about the purchase."
    assert claims(matcher, text) == {}


def test_a_limb_as_subject_still_goes_on_about_the_garment_a_condition_does_not(
    matcher: Matcher,
) -> None:
    limb = "Compression socks are great after a long run. Your legs feel fresher the next day."
    assert last(matcher, limb) == {
        "compression-speeds-recovery-after-running": "asserts"
    }
    condition = (
        "I wore compression socks on the trip. "
        "Mild varicose veins that cause no symptoms don't need treatment."
    )
    assert claims(matcher, condition) == {}


def test_keeping_blood_from_collecting_is_the_blood_flow_claim(
    matcher: Matcher,
) -> None:
    text = "Compression stockings keep blood from collecting in the deep veins of the calf."
    assert claims(matcher, text) == {FLOW: "asserts"}


def test_the_short_answer_carries_the_question_before(matcher: Matcher) -> None:
    text = (
        "Runners often ask whether compression tights improve race times. "
        "The short answer is no."
    )
    assert last(matcher, text) == {
        "compression-socks-improve-running-performance": "denies"
    }


def test_they_will_not_make_a_problem_go_is_no_reduction(matcher: Matcher) -> None:
    text = (
        "Compression stockings are worn for venous disease. "
        "They will not make existing spider veins vanish."
    )
    assert last(matcher, text).get(VENOUS) != "asserts"
