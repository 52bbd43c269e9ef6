"""The draft checker's readings of stance and subject added with the fourth and fifth real-text
splits: questions that take an effect as given, short answers and sentences that point back,
lists under a reducing lead-in, results told by who wore the garment, losses, passives and
titles, comfort said of the garment, and the paragraphs, pronouns and other agents that decide
what a sentence is about. Sentences written for this test (not taken from the evaluation
sets)."""

from __future__ import annotations

import pytest

from claimtracker.matching import Matcher
from matching_helpers import (
    COMFORT,
    CRAMPS,
    ENDURANCE,
    EXERCISE_SWELLING,
    FATIGUE,
    FLIGHT_DVT,
    FLIGHT_SWELLING,
    FLOW,
    HARM,
    HOSPITAL_DVT,
    INJURIES,
    LACTATE,
    PERFORMANCE,
    RECOVERY,
    SORENESS,
    STANDING,
    STRENGTH,
    ULCER,
    VARICOSE,
    VENOUS,
    VIBRATION,
    claims,
    last,
)


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


def test_they_with_a_contraction_is_a_pronoun_subject(matcher: Matcher) -> None:
    text = (
        "Compression socks are nothing new in medicine. "
        "They’ve long been used for patients with chronic leg swelling."
    )
    assert claims(matcher, text).get(VENOUS) == "asserts"


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
    ("text", "absent"),
    [
        (
            "I wear compression socks. The loss of muscle strength after a marathon lasts days.",
            STRENGTH,
        ),
        (
            "I wear compression socks. Hard races may affect performance for days.",
            PERFORMANCE,
        ),
        (
            "I wear compression socks. The trial was published in the Journal of Sports "
            "Performance and Recovery, which is well read.",
            PERFORMANCE,
        ),
        ("Compression stockings can help to ease pain caused by varicose veins.", HARM),
        (
            "Patients who wore the stockings were more likely to suffer cuts or abrasions, "
            "ulcers and blisters.",
            ULCER,
        ),
    ],
)
def test_losses_titles_and_causes_that_are_not_the_garment_s(
    matcher: Matcher, text: str, absent: str
) -> None:
    assert absent not in claims(matcher, text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "From a recovery point of view the evidence for compression tights is rather lightweight.",
            RECOVERY,
        ),
        (
            "Compression socks may flush lactic acid, but there is little in the way of definitive proof.",
            LACTATE,
        ),
        (
            "The research I have read doesn't prove that compression sleeves speed recovery at all.",
            RECOVERY,
        ),
        (
            "The jury is still out on whether compression socks make you faster.",
            PERFORMANCE,
        ),
    ],
)
def test_evidence_judged_thin_denies_the_effect(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claims(matcher, text).get(claim) == "denies"


def test_a_conceded_clause_takes_the_doubt_of_the_main_clause(matcher: Matcher) -> None:
    found = claims(
        matcher,
        "While some compression socks may help flush lactic acid, there is little proof of it.",
    )
    assert found.get(LACTATE) == "denies"


def test_a_main_clause_doubting_its_own_effect_leaves_the_conceded_one(
    matcher: Matcher,
) -> None:
    found = claims(
        matcher,
        "While compression tights did reduce muscle soreness, there was no difference in performance.",
    )
    assert found.get(SORENESS) == "asserts"
    assert found.get(PERFORMANCE) == "denies"


def test_a_draft_about_veins_reads_a_bare_swelling_claim_in_its_setting(
    matcher: Matcher,
) -> None:
    text = (
        "Varicose veins affect about one adult in three.\n\n"
        "Your stockings were fitted at the clinic last week. "
        "They come in beige and black. "
        "The nurse showed you how to put them on. "
        "They should be washed by hand. "
        "They reduce swelling."
    )
    assert EXERCISE_SWELLING not in claims(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "Compression socks are worn by many runners. "
        "Reduced blood flow to the muscles can contribute to cramping.",
        "Compression stockings come in several lengths. "
        "Women were randomly assigned to wear compression stockings or no stockings.",
        "The runners wore calf sleeves on a treadmill. "
        "Then the team used monitors to measure the runners' gait.",
        "Leg veins work against gravity all day. "
        "They have to return blood to the heart from the feet.",
    ],
)
def test_causes_designs_and_vessels_claim_nothing(matcher: Matcher, text: str) -> None:
    assert claims(matcher, text) == {}


def test_a_sentence_opening_on_what_the_garment_does_goes_on_about_it(
    matcher: Matcher,
) -> None:
    text = (
        "Compression stockings keep fluid from collecting in the feet of nurses. "
        "By preventing or reducing swelling, nurses feel less discomfort during long shifts."
    )
    assert last(matcher, text).get(STANDING) == "asserts"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "There is enough research to support the claim that compression sleeves reduce soreness.",
            SORENESS,
        ),
        (
            "Compression sleeves hold the calf muscles together so the vibration of the leg on impact is lessened.",
            VIBRATION,
        ),
        (
            "The tights did not help the runners keep up a fast pace for a longer stretch.",
            ENDURANCE,
        ),
    ],
)
def test_claims_backed_reduced_or_denied_further_off(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claim in claims(matcher, text)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Compression stockings are often used after vein surgery to improve patient comfort.",
            COMFORT,
        ),
        (
            "The idea of compression socks is that they increase blood flow to the legs.",
            FLOW,
        ),
        (
            "Compression socks are worn for many reasons. "
            "One theory as to why runners like them is that they boost blood flow.",
            FLOW,
        ),
        (
            "Compression socks raise blood flow, which some say lifts the speed of recovery.",
            PERFORMANCE,
        ),
        (
            "Compression stockings have long been used in hospitals to aid post-surgery recovery.",
            RECOVERY,
        ),
    ],
)
def test_comfort_brought_ideas_theories_and_other_recoveries_are_not_the_claim(
    matcher: Matcher, text: str, claim: str
) -> None:
    assert claim not in claims(matcher, text)


def test_a_setting_named_elsewhere_in_the_draft_never_drops_the_only_claim(
    matcher: Matcher,
) -> None:
    """The draft's settings choose between claims sharing an effect; a performance claim has
    no rival in another setting, so a nurses' shift further on does not silence it."""
    text = (
        "Compression socks flush lactic acid and make you faster.\n\n"
        "Many nurses wear them at the end of a long shift."
    )
    found = claims(matcher, text)
    assert found.get(PERFORMANCE) == "asserts"
    assert found.get(LACTATE) == "asserts"


def test_an_article_discussing_a_claim_only_names_it(matcher: Matcher) -> None:
    text = "I read an article discussing compression performance wear for runners."
    assert PERFORMANCE not in claims(matcher, text)
