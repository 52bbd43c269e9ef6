"""Safe sentences in GRADE's wording style, built from a claim's proposition.

GRADE words a finding by its certainty: high "reduces", moderate "probably reduces", low
"may reduce", very low "the evidence is very uncertain whether ...". Propositions are plain
sentences ("Compression socks reduce muscle soreness after exercise."), so the hedge goes in
front of the main verb, found with a small verb list; when no verb is found the sentence
falls back to "... evidence suggests that <proposition>".
"""

from __future__ import annotations

from claimtracker.models import Certainty, Rating

#: Verbs that claims use, in their base form (the 3rd person forms are derived).
VERBS = frozenset(
    """accelerate add aid allow avoid benefit boost bring calm cause change clear come counter
    cure cut damp decrease delay deliver ease enhance feel fight flush give hasten heal help
    improve increase keep lead lessen let lift limit lower maintain make mean minimise minimize
    narrow offer optimise optimize prevent promote protect provide pump push raise reduce
    relieve remove restore run shorten speed squeeze stabilise stabilize stop support sustain
    treat work""".split()
)
#: A word after one of these is a noun ("the benefits", "at work"), not the main verb.
NOT_BEFORE_VERB = frozenset(
    """a an the its their these those this that his her our your my some any no each every
    at in on of for to with by from after before during while""".split()
)
MODALS = frozenset({"can", "could", "will", "would", "might", "may", "should"})
COPULAS = {"is": "does", "are": "do"}
_IRREGULAR = {"has": "have", "does": "do"}


def _clause(proposition: str) -> str:
    text = " ".join(proposition.split()).rstrip(" .")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _base(word: str) -> tuple[str, bool] | None:
    """The base form of a verb and whether the word was 3rd person singular; None if not a verb."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w], True
    if w in VERBS or w in ("have", "do"):
        return w, False
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in VERBS:
            return w[: -len(suffix)] + repl, True
    return None


def _split(proposition: str) -> tuple[list[str], int] | None:
    """Words of the clause and the index of its main verb (not the first word)."""
    words = _clause(proposition).split(" ")
    for i, word in enumerate(words[1:], start=1):
        bare = word.strip(",;:").lower()
        if words[i - 1].lower() in NOT_BEFORE_VERB:
            continue
        if bare in MODALS or bare in COPULAS or _base(bare):
            return words, i
    return None


def hedge(proposition: str, certainty: Certainty, positive: bool) -> str:
    """The proposition worded for this certainty, affirmed (``positive``) or denied."""
    if certainty is Certainty.VERY_LOW:
        return f"The evidence is very uncertain whether {_clause(proposition)}."
    found = _split(proposition)
    if found is None:
        return _fallback(proposition, certainty, positive)
    words, i = found
    verb = words[i].lower()
    if i + 1 < len(words) and words[i + 1].lower() == "not":
        return _fallback(proposition, certainty, positive)
    head, tail = words[:i], words[i + 1 :]
    if verb in MODALS:
        middle = _modal(verb, certainty, positive)
    elif verb in COPULAS:
        middle = _copula(verb, certainty, positive)
    else:
        base_found = _base(verb)
        if base_found is None:
            return _fallback(proposition, certainty, positive)
        base, singular = base_found
        middle = _verb(verb, base, singular, certainty, positive)
    return _sentence(" ".join([*head, middle, *tail]))


def _modal(modal: str, certainty: Certainty, positive: bool) -> str:
    if certainty is Certainty.LOW:
        return "may" if positive else "may not"
    adverb = "probably " if certainty is Certainty.MODERATE else ""
    return f"{modal} {adverb}{'' if positive else 'not '}".rstrip()


def _copula(verb: str, certainty: Certainty, positive: bool) -> str:
    if certainty is Certainty.LOW:
        return "may be" if positive else "may not be"
    adverb = " probably" if certainty is Certainty.MODERATE else ""
    return f"{verb}{adverb}{'' if positive else ' not'}"


def _verb(
    word: str, base: str, singular: bool, certainty: Certainty, positive: bool
) -> str:
    if certainty is Certainty.LOW:
        return f"may {base}" if positive else f"may not {base}"
    adverb = "probably " if certainty is Certainty.MODERATE else ""
    if positive:
        return f"{adverb}{word}"
    return f"{adverb}{'does' if singular else 'do'} not {base}"


def _fallback(proposition: str, certainty: Certainty, positive: bool) -> str:
    lead = {
        Certainty.HIGH: "High-certainty evidence shows",
        Certainty.MODERATE: "Moderate-certainty evidence suggests",
        Certainty.LOW: "Low-certainty evidence suggests",
    }[certainty]
    return f"{lead} that {'' if positive else 'it is not true that '}{_clause(proposition)}."


def safe_sentence(
    proposition: str,
    rating: Rating | None,
    certainty: Certainty | None,
    *,
    split: bool = False,
    placebo: bool = False,
    indirect: bool = False,
) -> str:
    """A sentence a writer can use for this rating and certainty, with its main caveats."""
    if rating is None or certainty is None:
        return "Not rated: this claim is about history or a product, not about an effect that studies test."
    if rating is Rating.UNPROVEN or certainty is Certainty.VERY_LOW:
        text = f"The evidence is very uncertain whether {_clause(proposition)}."
    elif rating in (Rating.SUPPORTED, Rating.PARTLY_SUPPORTED):
        text = hedge(proposition, certainty, positive=True)
        if split:
            text = text.rstrip(".") + ", though only on some of the outcomes studied."
    else:
        text = hedge(proposition, certainty, positive=False)
    extras = []
    if placebo:
        extras.append(
            "The benefit shows only in how people felt, in studies without a sham garment, "
            "so part of it may be a placebo effect."
        )
    if indirect:
        extras.append(
            "Most of the studies used other garments or other people than the claim is about."
        )
    return " ".join([text, *extras])
