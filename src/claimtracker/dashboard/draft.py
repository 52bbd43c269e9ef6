"""Check a draft: paste or upload text, see which sentences make tracked claims.

The draft is shown with each matched sentence highlighted in its rating's colour *and* followed
by a badge naming the rating, so colour is never the only cue. Below it, one entry per finding:
the verdict, the wording a writer can use, what to cite, and a link to the claim page. The
report downloads as Markdown or JSON (the same JSON as ``claimtracker check --format json``).

The draft is the writer's own text, shown back to them only; it is still escaped like any
record text (``text.md``), and nothing is rendered as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import streamlit as st

from claimtracker import drafts
from claimtracker.citations import format_short_citation
from claimtracker.dashboard.data import Library, load_library
from claimtracker.dashboard.routing import link_to_claim
from claimtracker.dashboard.text import (
    RATING_BADGE,
    certainty_text,
    flag_badges,
    md,
    plural,
    rating_badge,
    tip,
)
from claimtracker.drafts import (
    DraftReport,
    Finding,
    build_matcher,
    check_draft,
    is_failing,
    report_json,
    report_markdown,
    summary,
)
from claimtracker.matching import Matcher
from claimtracker.models import Claim
from claimtracker.sentences import Sentence, split_sentences

#: Longest draft the page checks (characters); about 30,000 words.
MAX_CHARS = 200_000

EXAMPLE = """# Why I race in compression

I ran my first marathon in graduated compression socks last spring. They will shave minutes off
your marathon, or so the box said. I can't say they made me any faster.

The next day my calves were far less sore than after my previous race. Some brands also claim the
socks flush lactic acid out of your legs. If you fly to a race, wear flight socks: on long-haul
flights they cut the risk of blood clots.
"""


@st.cache_resource(max_entries=2, show_spinner=False)
def _matcher(fingerprint: str, _claims: Mapping[str, Claim]) -> Matcher:
    return build_matcher(_claims)


def _highlighted(text: str, report: DraftReport) -> str:
    """The draft as escaped Markdown, matched sentences highlighted with a numbered badge."""
    by_start: dict[int, list[tuple[int, Finding]]] = {}
    for number, finding in enumerate(report.findings, start=1):
        by_start.setdefault(finding.sentence.start, []).append((number, finding))
    out: list[str] = []
    cursor = 0
    for start in sorted(by_start):
        found = by_start[start]
        sentence = found[0][1].sentence
        out.append(_plain(text[cursor:start]))
        worst = min(found, key=lambda item: item[1].rating.value_number)[1]
        colour, _icon = RATING_BADGE[worst.rating]
        badges = " ".join(
            f":{RATING_BADGE[f.rating][0]}-badge[{RATING_BADGE[f.rating][1]} {n} · {f.rating.value}"
            f"{' · denied' if f.stance == 'denies' else ''}]"
            for n, f in found
        )
        out.append(f":{colour}-background[{md(sentence.text)}] {badges}")
        cursor = sentence.end
    out.append(_plain(text[cursor:]))
    return "".join(out).strip()


def _plain(chunk: str) -> str:
    """Unmatched text, escaped, keeping paragraph breaks."""
    paragraphs = chunk.replace("\r\n", "\n").split("\n\n")
    escaped = [md(p) for p in paragraphs]
    lead = " " if chunk[:1].isspace() and escaped and escaped[0] else ""
    tail = " " if chunk[-1:].isspace() and escaped and escaped[-1] else ""
    return lead + "\n\n".join(escaped) + tail


def _finding(number: int, finding: Finding) -> None:
    with st.container(border=True):
        s = finding.sentence
        st.markdown(
            f"**{number}.** {rating_badge(finding.rating)} {md(certainty_text(finding.certainty))} "
            f"{flag_badges(finding.flags)}  \nLine {s.line}, column {s.column}: “{md(s.text)}”"
        )
        st.markdown(
            f"Tracked claim: {md(finding.claim.proposition)} (match score {finding.score:.2f})",
            help=tip("match score"),
        )
        link_to_claim(
            finding.claim.id,
            f"Open the claim: {finding.claim.id}",
            icon=":material/open_in_new:",
        )
        st.markdown(
            f"{':material/check_circle:' if finding.agrees else ':material/error:'} "
            f"{md(drafts.stance_sentence(finding))}"
        )
        if finding.safe_wording:
            st.caption("Safe wording (copy it with the button on the right)")
            st.code(finding.safe_wording, language=None, wrap_lines=True)
        if finding.citations:
            st.caption("Cite")
            st.markdown(
                "\n".join(
                    f"- {md(format_short_citation(c))}" for c in finding.citations
                )
            )


def _draft_text() -> str | None:
    """The draft to check: what was last sent with the Check button (or an example)."""
    if st.button("Fill in an example draft", icon=":material/lightbulb:"):
        st.session_state["draft_text"] = EXAMPLE
    with st.form("draft-form", border=False, enter_to_submit=False):
        text = st.text_area(
            "Paste your draft (plain text or Markdown)",
            key="draft_text",
            height=220,
            max_chars=MAX_CHARS,
            placeholder="Compression socks help you recover faster after a long run…",
        )
        upload = st.file_uploader(
            "…or upload a .txt or .md file", type=["txt", "md", "markdown"]
        )
        st.form_submit_button("Check", type="primary", icon=":material/fact_check:")
    if upload is not None:
        try:
            return upload.getvalue().decode("utf-8-sig")[:MAX_CHARS]
        except UnicodeDecodeError:
            st.error(
                "That file is not UTF-8 text. Save it as UTF-8 (plain text) and upload it again."
            )
            return None
    return text or None


#: What a writer should know about what the checker misses (docs/matching.md has the figures).
MISSES = (
    "The checker misses many wordings: on real articles it was not written from it "
    "found between one half and seven in ten of the sentences that make a claim we "
    "track, so check any factual claim yourself."
)


def render_draft() -> None:
    """The "Check a draft" page."""
    st.title("Check a draft", anchor=False)
    st.markdown(
        "Paste a draft and press **Check** before you publish. Sentences that make a claim "
        "we track are highlighted with the published verdict, wording you can use instead, "
        "and what to cite."
    )
    text = _draft_text()
    if not text or not text.strip():
        st.info(
            "Paste a draft or upload a file, then press Check.",
            icon=":material/edit_note:",
        )
        return
    library: Library = load_library()
    matcher = _matcher(library.fingerprint, library.claims)
    report = check_draft(
        text, library.claims, library.studies, library.assessments, matcher=matcher
    )
    show_report(text, report)


def unmatched(text: str, report: DraftReport) -> list[Sentence]:
    """The draft's sentences (not headings) that make no claim we track."""
    matched = {f.sentence.start for f in report.findings}
    return [
        s for s in split_sentences(text) if s.start not in matched and not s.heading
    ]


def summary_text(report: DraftReport) -> str:
    """``2 findings in 2 of 5 sentences; 1 rated unproven or worse; 3 sentences make no
    claim we track`` (the same counts as ``claimtracker check``)."""
    counts = summary(report)
    plain = report.sentences - counts["sentences_with_claims"]
    return (
        f"{plural(counts['findings'], 'finding')} in {counts['sentences_with_claims']} of "
        f"{plural(report.sentences, 'sentence')}; {counts['failing']} rated unproven or "
        f"worse; {plural(plain, 'sentence')} {'makes' if plain == 1 else 'make'} no claim we track."
    )


def show_report(text: str, report: DraftReport) -> None:
    """The highlighted draft, the findings and the downloads."""
    failing = sum(is_failing(f) for f in report.findings)
    if not report.findings:
        st.success(
            f"No tracked claims found in {plural(report.sentences, 'sentence')}. "
            f"{MISSES}",
            icon=":material/check_circle:",
        )
    elif failing:
        st.warning(summary_text(report), icon=":material/flag:")
    else:
        st.info(summary_text(report), icon=":material/flag:")
    st.header("Your draft", anchor=False)
    with st.container(border=True):
        st.markdown(_highlighted(text, report))
    left, right = st.columns(2)
    # The report is built from the writer's own draft, not from a table of records.
    left.download_button(
        "Download the report (Markdown)",
        report_markdown(report).encode(),
        file_name="draft-check.md",
        mime="text/markdown",
        icon=":material/download:",
    )
    right.download_button(
        "Download the report (JSON)",
        (json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n").encode(),
        file_name="draft-check.json",
        mime="application/json",
        icon=":material/download:",
    )
    if report.findings:
        st.header("Findings", anchor=False)
        for number, finding in enumerate(report.findings, start=1):
            _finding(number, finding)
    rest = unmatched(text, report)
    if rest:
        st.header(f"Sentences with no tracked claim ({len(rest)})", anchor=False)
        st.caption("We found no claim we track in these. " + MISSES)
        st.markdown(
            "\n".join(
                f"- Line {s.line}, column {s.column}: “{md(s.text)}”" for s in rest
            )
        )
