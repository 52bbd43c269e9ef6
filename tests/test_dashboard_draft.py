"""The "Check a draft" page run headless (AppTest): findings, labels beside colours, no HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import write_corpus
from writers_corpus import sample_claims, sample_studies

DRAFT = "Compression socks will shave minutes off your marathon. Flight socks stop blood clots on long flights."


def _page() -> None:
    from claimtracker.dashboard.draft import render_draft

    render_draft()


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    root = write_corpus(tmp_path / "data", sample_claims(), sample_studies())
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(root))
    return AppTest.from_function(_page, default_timeout=60)


def test_an_empty_page_asks_for_a_draft(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert "Paste a draft" in app.info[0].value


def test_a_draft_shows_each_finding_with_its_rating_written_out(app: AppTest) -> None:
    app.session_state["draft_text"] = DRAFT
    app.run()
    assert not app.exception
    assert app.warning[0].value == (
        "2 findings in 2 of 2 sentences; 1 rated unproven or worse; "
        "0 sentences make no claim we track."
    )
    markdown = [m.value for m in app.markdown]
    highlighted = next(m for m in markdown if "-background[" in m)
    assert (
        ":gray-background[Compression socks will shave minutes off your marathon\\.]"
        in highlighted
    )
    assert "1 · unproven]" in highlighted and "2 · supported]" in highlighted
    assert all(not getattr(m, "allow_html", False) for m in app.markdown)
    assert any(
        "Tracked claim: Compression stockings worn on long flights" in m
        for m in markdown
    )


def test_a_draft_with_markdown_or_html_is_shown_as_text(app: AppTest) -> None:
    app.session_state["draft_text"] = (
        "<script>alert(1)</script> **Compression socks flush lactic acid.** [x](javascript:y)"
    )
    app.run()
    assert not app.exception
    highlighted = next(m.value for m in app.markdown if "-background[" in m.value)
    assert "<script>" not in highlighted and "\\<script\\>" in highlighted
    assert "](javascript" not in highlighted


def test_a_denial_is_shown_as_safe_when_it_agrees_with_the_verdict(
    app: AppTest,
) -> None:
    app.session_state["draft_text"] = (
        "Compression socks won't make you run faster, whatever the box says."
    )
    app.run()
    assert not app.exception
    markdown = [m.value for m in app.markdown]
    highlighted = next(m for m in markdown if "-background[" in m)
    assert "1 · unproven · denied]" in highlighted
    assert any(
        "denies this claim, as our verdict (unproven) does: it is safe as it stands"
        in m.replace("\\", "")
        for m in markdown
    )


def test_a_draft_with_no_tracked_claim_says_what_the_checker_can_miss(
    app: AppTest,
) -> None:
    app.session_state["draft_text"] = (
        "I ran ten miles in the rain. The cafe was closed."
    )
    app.run()
    assert not app.exception
    message = app.success[0].value
    assert message.startswith("No tracked claims found in 2 sentences.")
    assert "misses many wordings" in message and "check any factual claim" in message
    # the sentences without a finding carry the same warning
    assert any("misses many wordings" in c.value for c in app.caption)
