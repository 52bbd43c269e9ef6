"""Showing untrusted record text safely, and the labels beside every colour.

Everything in a record (propositions, quotes, summaries, names) is untrusted: it is shown as
escaped Markdown, never through ``unsafe_allow_html`` or ``st.html``, and a link is made
only from an ``http``/``https`` URL. Vocabulary values (ratings, certainty, flags) get a
text label and an icon beside their colour, so colour is never the only cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st

from claimtracker.frames import label
from claimtracker.links import doi_url as doi_url
from claimtracker.links import safe_url as safe_url
from claimtracker.models import (
    CERTAINTY_MEANINGS,
    FLAG_MEANINGS,
    RATING_MEANINGS,
    Certainty,
    Flag,
    Rating,
)
from claimtracker.scale import CERTAINTY_SYMBOL as CERTAINTY_SYMBOL

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all
# of them also stops Streamlit's extensions (``:red[...]`` directives, ``$`` maths).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_SPACE = re.compile(r"\s+")

#: Streamlit's named colour slots for each rating; ``.streamlit/config.toml`` sets those slots
#: to ``frames.RATING_COLOURS`` (the "violet" slot is sky blue there).
RATING_BADGE: dict[Rating, tuple[str, str]] = {
    Rating.SUPPORTED: ("blue", ":material/check_circle:"),
    Rating.PARTLY_SUPPORTED: ("violet", ":material/contrast:"),
    Rating.UNPROVEN: ("gray", ":material/help:"),
    Rating.NOT_SUPPORTED: ("orange", ":material/remove_circle:"),
    Rating.CONTRADICTED: ("red", ":material/cancel:"),
}


def md(text: object) -> str:
    """One line of untrusted text as inert Markdown: punctuation escaped, whitespace folded."""
    return _PUNCTUATION.sub(r"\\\1", _SPACE.sub(" ", str(text)).strip())


def md_block(text: object) -> str:
    """Untrusted prose as inert Markdown, keeping its paragraphs."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    return "\n\n".join(md(p) for p in paragraphs if p.strip())


def md_link(text: object, url: object) -> str:
    """A Markdown link with an escaped label, or just the escaped label when the URL is unsafe."""
    target = safe_url(url)
    return f"[{md(text)}]({target})" if target else md(text)


def show(text: object) -> None:
    """Untrusted prose, escaped, as a paragraph (or several)."""
    if text:
        st.markdown(md_block(text))


# --------------------------------------------------------------------------- vocabulary labels


def rating_badge(rating: object) -> str:
    """``:blue-badge[supported]``; a grey "no verdict" when missing.

    The word is the cue beside the colour. No icon: Markdown icons are read out by screen
    readers as their names ("check_circle icon supported")."""
    try:
        r = Rating(str(getattr(rating, "value", rating)))
    except ValueError:
        return ":gray-badge[no verdict]"
    colour, _icon = RATING_BADGE[r]
    return f":{colour}-badge[{label(r)}]"


def certainty_text(certainty: object) -> str:
    """``low certainty``, in words (GRADE's ⊕◯ symbols are read out as "circled plus ..."
    and mean nothing to most readers; the Methods page explains them); empty when missing."""
    try:
        c = Certainty(str(getattr(certainty, "value", certainty)))
    except ValueError:
        return ""
    return f"{label(c)} certainty"


def flag_badges(flags: Iterable[object] | None) -> str:
    """Each flag as a grey badge: ``caveat: small studies``."""
    return " ".join(
        f":gray-badge[caveat: {md(label(f))}]" for f in (flags or ()) if str(f)
    )


def rating_meaning(rating: object) -> str:
    try:
        return RATING_MEANINGS[Rating(str(getattr(rating, "value", rating)))]
    except ValueError:
        return ""


def certainty_meaning(certainty: object) -> str:
    try:
        return CERTAINTY_MEANINGS[
            Certainty(str(getattr(certainty, "value", certainty)))
        ]
    except ValueError:
        return ""


def flag_meaning(flag: object) -> str:
    try:
        return FLAG_MEANINGS[Flag(str(getattr(flag, "value", flag)))]
    except ValueError:
        return ""


def tip(*texts: object) -> str | None:
    """A tooltip (``help=``) explaining the glossary terms the texts use, or None."""
    from claimtracker.dashboard.reader import glossary

    found = glossary().tooltip(*(str(t) for t in texts if t))
    if not found:
        return None
    lines = []
    for entry in found.split("\n\n"):
        term, _, meaning = entry.partition(": ")
        lines.append(f"**{md(term)}**: {md(meaning)}")
    return "\n\n".join(lines)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 study``, ``3 studies``, with thousands separators."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
