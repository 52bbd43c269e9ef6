"""The draft checker on wordings of effects that the lexicon's earlier phrases missed: blood or
oxygen delivered to the muscles, efficiency that is the blood's and not the runner's, muscles
steadied rather than balance, questions that take the effect as given, garments used for
conditions, results told in figures, and plural and past forms. Sentences written for this test
(not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from claimtracker.matching import Matcher
from matching_helpers import FLIGHT_DVT, FLOW, SORENESS, VENOUS, claims, shipped_matcher

OXYGEN = "compression-increases-oxygen-delivery-to-muscles"
ECONOMY = "compression-improves-running-economy"
VIBRATION = "compression-reduces-muscle-vibration"
BALANCE = "compression-improves-balance-and-stability"
INJURIES = "compression-prevents-running-injuries"
RECOVERY = "compression-speeds-recovery-after-running"
ULCERS = "compression-heals-venous-leg-ulcers"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return shipped_matcher()


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
        ("How do compression socks reduce muscle soreness?", SORENESS),
        ("Q3: How do compression sleeves prevent injuries?", INJURIES),
        ("Why does compression improve blood flow in the legs?", FLOW),
    ],
)
def test_a_how_or_why_question_takes_its_effect_as_given(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "asserts"


@pytest.mark.parametrize(
    "text",
    [
        "Do compression socks reduce muscle soreness?",
        "How do compression socks affect muscle soreness?",
        "Can compression sleeves prevent injuries?",
    ],
)
def test_a_question_that_asks_whether_claims_nothing(
    matcher: Matcher, text: str
) -> None:
    assert claims(matcher, text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Doctors use compression stockings to treat conditions like varicose veins.",
        "Compression stockings are used in clinics for conditions such as chronic venous insufficiency.",
    ],
)
def test_garments_used_for_conditions_relieve_them(matcher: Matcher, text: str) -> None:
    assert claims(matcher, text).get(VENOUS) == "asserts"


def test_conditions_with_no_garment_used_for_them_are_only_named(
    matcher: Matcher,
) -> None:
    text = (
        "Compression socks are popular. Conditions like varicose veins run in families."
    )
    assert VENOUS not in claims(matcher, text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Clots were four times more likely in travellers who did not wear flight socks.",
            FLIGHT_DVT,
        ),
        (
            "Of the runners who did not wear the sleeves 60% had sore calves, but only 20% of "
            "those who wore them.",
            SORENESS,
        ),
    ],
)
def test_a_problem_found_more_in_non_wearers_is_reduced(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "asserts"


def test_a_problem_found_more_in_wearers_is_not_reduced(matcher: Matcher) -> None:
    text = "Clots were more likely in travellers who sat still for the whole flight in their socks."
    assert FLIGHT_DVT not in claims(matcher, text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Flight socks lower the number of DVTs on long-haul trips.", FLIGHT_DVT),
        ("Wearing compression stockings helps heal open sores on the legs.", ULCERS),
        ("After long runs my compression socks made me feel fresher sooner.", RECOVERY),
    ],
)
def test_plural_and_other_forms_of_an_effect(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "asserts"


COMFORT = "compression-socks-feel-no-tighter-than-normal-socks"
ENDURANCE = "compression-increases-running-endurance"
PERFORMANCE = "compression-socks-improve-running-performance"
STANDING = "compression-prevents-leg-swelling-in-standing-workers"
FATIGUE = "compression-reduces-fatigue-during-running"


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


def test_a_paragraph_after_a_colon_goes_on_about_its_lead_in(matcher: Matcher) -> None:
    text = (
        "Every nurse on our ward wears compression socks, because:\n\n"
        "They reduce leg swelling by the end of a twelve-hour shift."
    )
    assert claims(matcher, text).get(STANDING) == "asserts"


def test_an_answer_goes_on_about_the_garment_its_question_named(
    matcher: Matcher,
) -> None:
    text = (
        "Q1: Do compression sleeves help on long runs?\n\n"
        "A1: Yes, they reduce fatigue during the last miles."
    )
    found = claims(matcher, text)
    assert found.get(FATIGUE) == "asserts"


def test_an_unrelated_paragraph_after_a_question_has_no_garment(
    matcher: Matcher,
) -> None:
    text = (
        "Do compression sleeves help?\n\nFoam rolling reduces fatigue after long runs."
    )
    assert claims(matcher, text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "I wore flight socks to Tokyo. They were uncomfortable and a struggle to put on.",
        "Hospital stockings after my operation were very tight and hard to get on.",
    ],
)
def test_the_feel_of_the_garment_is_the_comfort_claim_in_any_setting(
    matcher: Matcher, text: str
) -> None:
    assert claims(matcher, text).get(COMFORT) == "denies"


HARM = "compression-stockings-can-cause-harm"
HOSPITAL_DVT = "compression-stockings-prevent-dvt-in-hospital"
VARICOSE = "compression-prevents-varicose-veins"


def test_a_new_paragraph_goes_on_about_the_garment_just_named(
    matcher: Matcher,
) -> None:
    text = (
        "Like any treatment, compression stockings have drawbacks.\n\n"
        "Common side effects include rashes and itching."
    )
    assert claims(matcher, text).get(HARM) == "asserts"


def test_a_new_paragraph_about_the_body_does_not(matcher: Matcher) -> None:
    text = (
        "Like any treatment, compression stockings have drawbacks.\n\n"
        "Blood pools in the lower legs when the valves fail."
    )
    assert claims(matcher, text) == {}


def test_a_reason_with_no_comma_is_its_own_clause(matcher: Matcher) -> None:
    text = "People with arterial disease should not wear stockings as they can cause skin damage."
    assert claims(matcher, text).get(HARM) == "asserts"


def test_making_conditions_worse_is_a_harm(matcher: Matcher) -> None:
    text = "Badly fitted compression stockings can make skin conditions worse."
    assert claims(matcher, text).get(HARM) == "asserts"


def test_they_with_a_contraction_is_a_pronoun_subject(matcher: Matcher) -> None:
    text = (
        "Compression socks are nothing new in medicine. "
        "They’ve long been used for patients with chronic leg swelling."
    )
    assert claims(matcher, text).get(VENOUS) == "asserts"


def test_controlling_a_condition_relieves_it(matcher: Matcher) -> None:
    text = "Compression stockings prevent new varicose veins and control venous hypertension."
    found = claims(matcher, text)
    assert found.get(VARICOSE) == "asserts"
    assert found.get(VENOUS) == "asserts"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "It may be unnecessary to wear compression stockings after surgery to prevent "
            "blood clots.",
            HOSPITAL_DVT,
        ),
        (
            "In the trial, runners performed the same with and without compression socks.",
            PERFORMANCE,
        ),
    ],
)
def test_unnecessary_and_the_same_with_and_without_deny(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "denies"


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


def test_helpful_during_a_long_effort_reduces_its_problem(matcher: Matcher) -> None:
    text = "Compression socks are helpful on race day, during long efforts where fatigue builds."
    assert claims(matcher, text).get(FATIGUE) == "asserts"


def test_a_pronoun_subject_passes_the_garment_on(matcher: Matcher) -> None:
    text = (
        "Compression sleeves squeeze the calf. "
        "This keeps the muscle compact during a run. "
        "For runners, the result is less muscle vibration."
    )
    assert claims(matcher, text).get(VIBRATION) == "asserts"


def test_a_bare_no_reduces_only_a_problem_close_by(matcher: Matcher) -> None:
    text = (
        "I wear compression socks at work. No colleague of mine escapes swollen ankles."
    )
    assert claims(matcher, text) == {}


MECHANICS = "compression-improves-running-mechanics"
PLACEBO = "compression-benefits-are-placebo"
CRAMPS = "compression-prevents-leg-cramps"
FLIGHT_SWELLING = "compression-reduces-leg-swelling-on-flights"
REHAB = "compression-speeds-return-from-leg-injury"
LACTATE = "compression-flushes-lactic-acid"


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
    ("text", "claim"),
    [
        (
            "I used to wake up with calf cramps every night. Compression socks fixed that.",
            CRAMPS,
        ),
        (
            "Compression socks come in many colours. Many runners get calf cramps at night. "
            "Compression socks fixed that for me.",
            CRAMPS,
        ),
        (
            "My feet swelled on every flight. Then I tried flight socks, and they solved it.",
            FLIGHT_SWELLING,
        ),
    ],
)
def test_a_garment_that_fixed_the_problem_just_told_reduces_it(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "asserts"


def test_something_else_that_fixed_it_claims_nothing(matcher: Matcher) -> None:
    text = (
        "Compression socks come in many colours. Many runners get calf cramps at night. "
        "Stretching fixed that for me."
    )
    assert claims(matcher, text) == {}


def test_keeping_a_problem_down_reduces_it(matcher: Matcher) -> None:
    text = "Our nurse socks are made for long shifts. They keep swelling down all day."
    assert claims(matcher, text).get(STANDING) == "asserts"


def test_a_nurse_who_speaks_is_not_the_setting(matcher: Matcher) -> None:
    text = (
        "After my knee replacement, the hospital gave me white stockings. "
        "The nurse said they stop clots forming in my legs."
    )
    assert claims(matcher, text).get(HOSPITAL_DVT) == "asserts"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Do compression socks make you faster? Sadly, the evidence says no.",
            PERFORMANCE,
        ),
        (
            "Will compression socks help you recover? The research is mixed at best.",
            RECOVERY,
        ),
    ],
)
def test_an_answer_that_the_evidence_says_no_denies_the_question(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "denies"


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
    "text",
    [
        "The study measured soreness, swelling and jump height for three days.",
        "Hydration and sleep are the foundations of recovery.",
    ],
)
def test_what_a_study_measured_or_another_thing_is_claims_nothing(
    matcher: Matcher, text: str
) -> None:
    assert claims(matcher, text) == {}


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
    "text",
    [
        "Before buying compression socks, measure your calves.\n\n"
        "Your calf muscles pump blood back to your heart when you walk.",
        "Compression socks won't fix bad training. "
        "Rest, sleep and good food matter more for recovery.",
    ],
)
def test_the_body_or_other_things_acting_claim_nothing(
    matcher: Matcher, text: str
) -> None:
    assert claims(matcher, text) == {}


ULCER = "compression-heals-venous-leg-ulcers"
STRENGTH = "compression-speeds-recovery-of-strength"


def test_items_under_a_reducing_lead_in_are_reduced(matcher: Matcher) -> None:
    text = (
        "Compression hosiery is a treatment that can help prevent:\n"
        "- Leg ulcers\n"
        "- Skin infections\n"
        "- Varicose eczema"
    )
    found = claims(matcher, text)
    assert found.get(ULCER) == "asserts"
    assert HARM not in found
    assert VARICOSE not in found


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        (
            "Do compression socks make you faster?\n\nNo, not really.",
            PERFORMANCE,
            "denies",
        ),
        (
            "Do compression sleeves reduce fatigue on long runs? Possibly.",
            FATIGUE,
            "asserts",
        ),
    ],
)
def test_a_short_answer_takes_the_question(
    matcher: Matcher, text: str, claim: str, stance: str
) -> None:
    assert claims(matcher, text).get(claim) == stance


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        (
            "Stockings are given to stroke patients to prevent blood clots. "
            "A large trial now shows they do not work.",
            HOSPITAL_DVT,
            "denies",
        ),
        (
            "Compression socks are said to improve circulation and ease soreness. "
            "Research on these benefits has produced mixed results.",
            SORENESS,
            "denies",
        ),
        (
            "Patients who wore the stockings were more likely to suffer blisters and skin "
            "damage.",
            HARM,
            "asserts",
        ),
    ],
)
def test_what_a_sentence_says_of_the_claims_before_it_or_of_wearers(
    matcher: Matcher, text: str, claim: str, stance: str
) -> None:
    assert claims(matcher, text).get(claim) == stance


@pytest.mark.parametrize(
    "text",
    [
        "I wear compression socks. The loss of muscle strength after a marathon lasts days.",
        "I wear compression socks. Hard races may affect performance for days.",
        "I wear compression socks. The trial was published in the Journal of Sports "
        "Performance and Recovery, which is well read.",
        "Compression stockings can help to ease pain caused by varicose veins.",
        "Patients who wore the stockings were more likely to suffer cuts or abrasions.",
    ],
)
def test_losses_titles_and_causes_that_are_not_the_garment_s(
    matcher: Matcher, text: str
) -> None:
    found = claims(matcher, text)
    assert STRENGTH not in found and PERFORMANCE not in found
    assert RECOVERY not in found and ULCER not in found
    assert found.get(HARM) != "asserts" or "abrasions" in text
