"""The draft checker on wordings of effects that the lexicon's earlier phrases missed: blood or
oxygen delivered to the muscles, efficiency that is the blood's and not the runner's, muscles
steadied rather than balance, settings that are not effects, plural, past and everyday forms, and
sentences that claim nothing. Sentences written for this test (not taken from the evaluation
sets)."""

from __future__ import annotations

import pytest

from claimtracker.matching import Matcher
from matching_helpers import (
    BALANCE,
    COMFORT,
    CONFIDENCE,
    CRAMPS,
    ECONOMY,
    ENDURANCE,
    EXERCISE_SWELLING,
    FATIGUE,
    FLIGHT_DVT,
    FLIGHT_SWELLING,
    FLOW,
    HARM,
    HOSPITAL_DVT,
    LACTATE,
    MECHANICS,
    OXYGEN,
    PERFORMANCE,
    PLACEBO,
    RECOVERY,
    REHAB,
    SORENESS,
    ULCER,
    VARICOSE,
    VENOUS,
    VIBRATION,
    claims,
)


@pytest.mark.parametrize(
    "text",
    [
        "Compression sleeves deliver oxygen-rich blood to your calves during a long run.",
        "With the socks on, fresh blood is delivered faster to the working muscles.",
        "Graduated tights allow more blood and oxygen to be carried to the muscles.",
    ],
)
def test_blood_or_oxygen_delivered_to_the_muscles_is_both_claims(
    matcher: Matcher, text: str
) -> None:
    found = claims(matcher, text)
    assert found.get(OXYGEN) == "asserts"
    assert found.get(FLOW) == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "Compression socks help the veins move blood more efficiently.",
        "The stockings help your heart pump more efficiently while you sit.",
        "Compression leggings help clear waste products more efficiently after a race.",
    ],
)
def test_blood_moving_efficiently_is_not_running_economy(
    matcher: Matcher, text: str
) -> None:
    assert ECONOMY not in claims(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "Compression socks help you run more efficiently.",
        "Wearing compression tights improved running efficiency in our trial.",
    ],
)
def test_the_runner_s_efficiency_is_running_economy(
    matcher: Matcher, text: str
) -> None:
    assert claims(matcher, text).get(ECONOMY) == "asserts"


def test_milking_the_blood_upwards_is_the_blood_flow_claim(matcher: Matcher) -> None:
    text = "Each step with the stockings on milks the blood up towards the heart."
    assert claims(matcher, text).get(FLOW) == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "Compression calf sleeves stabilise the muscles on downhill stretches.",
        "The tights stabilize the calf, limiting excessive muscle movement.",
    ],
)
def test_steadying_the_muscles_is_vibration_not_balance(
    matcher: Matcher, text: str
) -> None:
    found = claims(matcher, text)
    assert found.get(VIBRATION) == "asserts"
    assert BALANCE not in found


def test_stability_of_the_ankle_is_still_balance(matcher: Matcher) -> None:
    text = "Compression socks improve stability in the ankles on rough trails."
    assert claims(matcher, text).get(BALANCE) == "asserts"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Flight socks lower the number of DVTs on long-haul trips.", FLIGHT_DVT),
        ("Wearing compression stockings helps heal open sores on the legs.", ULCER),
        ("After long runs my compression socks made me feel fresher sooner.", RECOVERY),
    ],
)
def test_plural_and_other_forms_of_an_effect(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "Compression socks are popular with endurance athletes and triathletes.",
        "In a study of endurance running, compression socks were worn by half the group.",
    ],
)
def test_endurance_as_a_kind_of_sport_is_not_the_endurance_claim(
    matcher: Matcher, text: str
) -> None:
    assert ENDURANCE not in claims(matcher, text)


def test_faster_recovery_is_recovery_not_performance(matcher: Matcher) -> None:
    found = claims(matcher, "Compression socks give you faster post-run recovery.")
    assert found.get(RECOVERY) == "asserts"
    assert PERFORMANCE not in found


def test_a_run_at_a_fast_pace_is_a_circumstance(matcher: Matcher) -> None:
    text = "After a 5k at a fast pace in compression socks, my calves were less sore."
    found = claims(matcher, text)
    assert found.get(SORENESS) == "asserts"
    assert PERFORMANCE not in found


def test_making_conditions_worse_is_a_harm(matcher: Matcher) -> None:
    text = "Badly fitted compression stockings can make skin conditions worse."
    assert claims(matcher, text).get(HARM) == "asserts"


def test_controlling_a_condition_relieves_it(matcher: Matcher) -> None:
    text = "Compression stockings prevent new varicose veins and control venous hypertension."
    found = claims(matcher, text)
    assert found.get(VARICOSE) == "asserts"
    assert found.get(VENOUS) == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "After a 20 mile run in my compression socks, my legs felt totally fresh.",
        "After two weeks of hard training in compression tights, my legs felt fresh.",
        "I wore compression sleeves after the marathon and the next day I couldn't tell I had run.",
    ],
)
def test_feeling_fresh_after_running_is_recovery(matcher: Matcher, text: str) -> None:
    found = claims(matcher, text)
    assert found.get(RECOVERY) == "asserts"
    assert FATIGUE not in found


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Compression socks will make you quicker on race day.", PERFORMANCE),
        ("Compression tights help you run your best.", PERFORMANCE),
        ("Compression socks help you go the distance.", ENDURANCE),
        ("Compression sleeves make running more economical.", ECONOMY),
        ("Compression socks keep your legs from tiring during a marathon.", FATIGUE),
        ("Compression tights speed muscle regeneration after exercise.", RECOVERY),
        ("Compression socks enhance bloodflow in the calves.", FLOW),
        ("Compression socks increase the oxygen supply to your muscles.", OXYGEN),
        ("Compression socks work mostly because runners believe they work.", PLACEBO),
        ("Compression sleeves help you recover from a calf strain.", REHAB),
        (
            "Compression stockings stop your ankles ballooning on long-haul flights.",
            FLIGHT_SWELLING,
        ),
        ("Compression is the first-line treatment for venous leg swelling.", VENOUS),
        ("Since wearing compression sleeves I no longer get calf cramps.", CRAMPS),
        ("Compression socks that roll down can create a tourniquet effect.", HARM),
        (
            "People with peripheral artery disease should not wear compression stockings.",
            HARM,
        ),
        (
            "After the marathon I wore compression socks and woke up ready to go.",
            RECOVERY,
        ),
        (
            "My calves were never sore the day after a run in compression sleeves.",
            SORENESS,
        ),
        (
            "In my compression socks, my legs felt brand new the morning after my long run.",
            RECOVERY,
        ),
    ],
)
def test_everyday_wordings_of_tracked_claims(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "asserts"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Flight socks offer little protection against clots for most travellers.",
            FLIGHT_DVT,
        ),
        ("My compression socks were a nightmare to pull on.", COMFORT),
        (
            "A new study suggests compression gear does little to boost performance.",
            PERFORMANCE,
        ),
        (
            "The researchers saw no reduction in soreness with compression sleeves.",
            SORENESS,
        ),
        (
            "Trial: stockings gave no extra protection against clots after surgery.",
            HOSPITAL_DVT,
        ),
        (
            "Lactate levels were no different whether runners wore compression or not.",
            LACTATE,
        ),
    ],
)
def test_everyday_wordings_of_denials(matcher: Matcher, text: str, claim: str) -> None:
    assert claims(matcher, text).get(claim) == "denies"


@pytest.mark.parametrize(
    "text",
    [
        "Nurses often stand for twelve hours a day.",
        "Ice and rest help a sprained ankle heal.",
        "This study looked at compression socks and recovery in marathon runners.",
        "Although compression wear began in surgical recovery, runners now wear it too.",
        "After a hard race the body needs time to regenerate blood cells.",
        "The placebo group wore ordinary socks.",
        "Drinking water and walking the aisle help prevent clots on long flights.",
    ],
)
def test_sentences_that_claim_nothing(matcher: Matcher, text: str) -> None:
    assert claims(matcher, text) == {}


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        ("Compression sleeves can improve your running stride.", MECHANICS, "asserts"),
        (
            "Runners felt just as tired with or without compression socks.",
            FATIGUE,
            "denies",
        ),
    ],
)
def test_strides_and_as_tired_with_or_without(
    matcher: Matcher, text: str, claim: str, stance: str
) -> None:
    assert claims(matcher, text).get(claim) == stance


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        (
            "The day after wearing them my legs weren't nearly as achy.",
            SORENESS,
            "asserts",
        ),
        (
            "My compression sleeves are surprisingly comfy, even on a hot day.",
            COMFORT,
            "asserts",
        ),
        (
            "I've run with and without compression socks and can't tell any difference in "
            "my times.",
            PERFORMANCE,
            "denies",
        ),
        (
            "The trial found that stockings did not reduce the rate of clots in stroke patients.",
            HOSPITAL_DVT,
            "denies",
        ),
    ],
)
def test_testimonials_and_trial_reports(
    matcher: Matcher, text: str, claim: str, stance: str
) -> None:
    found = claims(matcher, "I wear compression socks. " + text)
    assert found.get(claim) == stance


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        (
            "My mum swears her support stockings have kept her varicose veins from getting "
            "worse.",
            VARICOSE,
            "asserts",
        ),
        (
            "My husband gets calf cramps at night. He started wearing compression socks to bed "
            "and the cramps have mostly stopped.",
            CRAMPS,
            "asserts",
        ),
        (
            "Compression socks are my secret weapon. No more hobbling down the stairs the day "
            "after a race!",
            SORENESS,
            "asserts",
        ),
        (
            "My physio suggested recovery tights. Now I can run hard on back-to-back days "
            "without feeling wrecked.",
            RECOVERY,
            "asserts",
        ),
        (
            "I got calf sleeves for Christmas. After Sunday's 18-miler my calves felt totally "
            "fine on Monday.",
            RECOVERY,
            "asserts",
        ),
        (
            "I love my new compression socks. Getting them on is a workout in itself, though.",
            COMFORT,
            "denies",
        ),
        (
            "Compression socks? They did nothing for my sore calves.",
            SORENESS,
            "denies",
        ),
    ],
)
def test_accounts_of_wearing_the_garment(
    matcher: Matcher, text: str, claim: str, stance: str
) -> None:
    assert claims(matcher, text).get(claim) == stance


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Wearing the sleeves shifts lactics out of the calves after a session.",
            LACTATE,
        ),
        (
            "Race socks leave my legs less dog-tired on the morning of a long run.",
            FATIGUE,
        ),
        (
            "The graduated socks keep your legs from feeling exhausted on a long run.",
            FATIGUE,
        ),
        ("Compression tights improve blood transport in the legs.", FLOW),
        ("Graduated stockings promote venous flow out of the lower leg.", FLOW),
        (
            "Each band of the sleeve is meant to shift blood along towards the knee.",
            FLOW,
        ),
        (
            "Compression socks stop your calves from seizing up late in a marathon.",
            CRAMPS,
        ),
        ("Medical stockings stop legs feeling heavy and tired in the evening.", VENOUS),
        ("Stockings can stop bulging veins getting worse in later life.", VARICOSE),
    ],
)
def test_everyday_words_for_effects(matcher: Matcher, text: str, claim: str) -> None:
    assert claims(matcher, text).get(claim) == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "A rolled-down stocking makes a tight band that cuts in behind the knee.",
        "The seam of the tights rubbed my shins and left welts.",
        "After an hour in the stockings I had pins and needles in both feet.",
    ],
)
def test_what_a_badly_worn_garment_does_is_harm(matcher: Matcher, text: str) -> None:
    assert claims(matcher, text).get(HARM) == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "Compression stockings lower venous pressure and ease swelling and pain.",
        "Stockings help heal venous skin disorders and relieve swelling.",
        "Graduated hosiery helps with disorders of the veins such as aching and swelling.",
        "Compression socks ease swelling and pain by decreasing pressure inside your veins.",
    ],
)
def test_swelling_beside_the_state_of_the_veins_is_venous_disease(
    matcher: Matcher, text: str
) -> None:
    found = claims(matcher, text)
    assert found.get(VENOUS) == "asserts"
    assert EXERCISE_SWELLING not in found


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        (
            "Badly fitted compression socks leave redness and dents in your skin.",
            HARM,
            "asserts",
        ),
        (
            "Calf sleeves make me feel like a strong and powerful runner.",
            CONFIDENCE,
            "asserts",
        ),
        (
            "Compression sleeves increase oxygen to the working calves.",
            OXYGEN,
            "asserts",
        ),
        ("Compression socks aid the movement of blood up the legs.", FLOW, "asserts"),
        (
            "The stockings encourage the blood to be pushed back up the leg.",
            FLOW,
            "asserts",
        ),
        (
            "Compression socks boost the pump mechanism of the calf muscles.",
            FLOW,
            "asserts",
        ),
        (
            "Don't forget to pack compression socks to avoid DVT on a long flight.",
            FLIGHT_DVT,
            "asserts",
        ),
        (
            "Compression tights seem to decrease performance in trained runners.",
            PERFORMANCE,
            "denies",
        ),
    ],
)
def test_more_everyday_wordings(
    matcher: Matcher, text: str, claim: str, stance: str
) -> None:
    assert claims(matcher, text).get(claim) == stance


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Check your legs under the stockings each day for sore marks.", SORENESS),
        ("Shin splints heal slowly; compression socks help speed it up.", PERFORMANCE),
        (
            "I wore compression socks after my speed work sessions this week.",
            PERFORMANCE,
        ),
    ],
)
def test_marks_healing_and_training_are_not_those_claims(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claim not in claims(matcher, text)
