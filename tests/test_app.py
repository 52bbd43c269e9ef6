"""The dashboard under AppTest: every page on the shipped data and on broken records.

AppTest runs ``app.py`` in-process. Its ``switch_page`` only finds file pages and ours are
functions, so :func:`goto` selects a page the way the browser does, by the hash of its
``url_path``, and every test then checks the page's own title, so a wrong page cannot pass.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

from claimtracker import frames
from claimtracker.dashboard import data
from claimtracker.dashboard.routing import ERROR_MESSAGE, claim_url, study_url
from claimtracker.dashboard.text import md
from claimtracker.problems import format_problem
from claimtracker.store import load_corpus
from conftest import write_corpus
from dashboard_records import CLAIMS, DRAFT, PERFORMANCE, SORENESS, STUDIES

APP = Path(__file__).resolve().parents[1] / "app.py"
REPO = APP.parent
TITLES = {
    "overview": "Do compression socks work? What the evidence says",
    "map": "Evidence map",
    "browse": "Browse and search",
    "claim": "Claims",
    "study": "Studies",
    "methods": "How we rate claims",
    "problems": "Data problems",
}
COUNTS = r"[\d,]+ stud(y|ies) · [\d,]+ participants?"
XSS = "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> :red[spoof] $x$"


def goto(at: AppTest, url_path: str, **params: str) -> AppTest:
    """Open a page by its url_path with query parameters, and run it."""
    at.query_params.clear()
    at.query_params.update(params)
    at._page_hash = calc_hash(url_path)  # the hash st.Page derives from url_path
    return at.run()


def app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=120)


def assert_page_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert ERROR_MESSAGE not in [e.value for e in at.error]


def texts(at: AppTest) -> str:
    """Everything shown as Markdown, captions, titles and alerts, as one string."""
    parts = [
        e.value
        for kind in (
            "title",
            "subheader",
            "markdown",
            "caption",
            "warning",
            "info",
            "error",
            "success",
        )
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(REPO))
    return REPO


@pytest.fixture
def fixture_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_corpus(tmp_path / "records", CLAIMS, STUDIES)
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(root))
    return root


@pytest.fixture
def broken_root(fixture_root: Path) -> Path:
    """The fixture plus a YAML syntax error, an unknown field and a link to a missing study."""
    (fixture_root / "claims" / "broken-yaml.yaml").write_text(
        "id: broken-yaml\nproposition: [unclosed\n"
    )
    beta = (fixture_root / "studies" / "beta-2018.yaml").read_text()
    bad = beta.replace("beta-2018", "epsilon-2021").replace(
        "participants:", "populaton: x\nparticipants:"
    )
    (fixture_root / "studies" / "epsilon-2021.yaml").write_text(bad)
    return fixture_root


# --------------------------------------------------------------------------- every page


from claimtracker.dashboard.overview import families  # noqa: E402
from claimtracker.dashboard.style import STYLE  # noqa: E402


def test_every_page_runs_on_the_shipped_data(shipped: Path) -> None:
    at = app().run()
    assert_page_ok(at)
    assert at.title[0].value == TITLES["overview"]
    for url_path, title in TITLES.items():
        goto(at, url_path)
        assert_page_ok(at)
        assert at.title[0].value == title


def test_every_claim_and_study_page_runs_on_the_shipped_data(shipped: Path) -> None:
    corpus = load_corpus(shipped)
    assert corpus.claims and corpus.studies
    at = app().run()
    for claim in corpus.claims.values():
        goto(at, "claim", claim=claim.id)
        assert_page_ok(at)
        assert at.title[0].value == md(claim.proposition)
    for study in corpus.studies.values():
        goto(at, "study", study=study.id)
        assert_page_ok(at)
        assert at.title[0].value == md(study.title)


def _walk(node: object) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _cards(at: AppTest) -> dict[str, str]:
    """Claim id -> the counts line of its card (the caption after its link)."""
    cards: dict[str, str] = {}
    claim = None
    for node in _walk(at.main):
        kind = getattr(node, "type", None)
        if kind == "page_link":
            query = node.proto.query_string  # type: ignore[attr-defined]
            claim = query.removeprefix("claim=") if query.startswith("claim=") else None
        elif kind == "caption" and claim and re.fullmatch(COUNTS, node.value):  # type: ignore[attr-defined]
            cards[claim] = node.value  # type: ignore[attr-defined]
            claim = None
    return cards


def _counts(studies: int, participants: int) -> str:
    return f"{studies:,} stud{'y' if studies == 1 else 'ies'} · {participants:,} participant{'' if participants == 1 else 's'}"


def test_overview_cards_show_the_librarys_study_and_participant_counts(
    shipped: Path,
) -> None:
    corpus = load_corpus(shipped)
    table = frames.claims_frame(corpus.claims, corpus.studies)
    published = table[table["status"] == "published"]
    at = app().run()
    assert_page_ok(at)
    expected = {}
    for _, members in families(published):  # the surest verdicts first
        for row in members.head(6).itertuples():
            expected[row.id] = _counts(row.studies, row.participants)
    assert _cards(at) == expected
    assert f"We track {len(published)} claims" in texts(at)


def test_the_overview_forwards_a_short_permalink_to_the_claim(
    fixture_root: Path,
) -> None:
    at = app()
    at.query_params["claim"] = SORENESS
    at.run()
    assert_page_ok(at)
    assert at.title[0].value == md(
        "Wearing compression socks after a run reduces muscle soreness."
    )


# --------------------------------------------------------------------------- claim and study pages


def test_a_claim_permalink_shows_verdict_evidence_forest_plot_and_history(
    fixture_root: Path,
) -> None:
    at = goto(app(), "claim", claim=SORENESS)
    assert_page_ok(at)
    shown = texts(at)
    assert ":blue-badge[supported]" in shown
    assert "moderate certainty" in shown
    assert "placebo possible" in shown
    evidence = at.dataframe[0].value
    assert len(evidence) == 4
    assert set(evidence["study"]) == {
        "Alpha et al. 2015",
        "Beta 2018",
        "Gamma et al. 2020",
        "Delta 2019",
    }
    # the retracted study and the trials inside the review are not counted again
    assert "3 studies · 300 participants" in shown
    assert at.get(
        "plotly_chart"
    )  # the forest plot(s); what is pooled is the engine's call
    links = {(p.proto.page, p.proto.query_string) for p in at.get("page_link")}
    assert ("study", "study=gamma-2020") in links


def test_the_claim_page_shows_the_engine_view_when_it_differs(
    fixture_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from claimtracker import grading

    def assess(corpus: object) -> dict[str, object]:
        return {
            SORENESS: SimpleNamespace(
                rating="partly-supported",
                certainty="low",
                flags=[],
                reasons=[
                    SimpleNamespace(text="rated down for bias", studies=["alpha-2015"])
                ],
                safe_sentence="Compression socks may reduce soreness.",
                pooled=[],
            )
        }

    monkeypatch.setattr(grading, "assess_corpus", assess)
    at = goto(app(), "claim", claim=SORENESS)
    assert_page_ok(at)
    assert "reaches a different verdict" in texts(at)
    assert "rated down for bias" in texts(at)
    assert [c.value for c in at.code] == ["Compression socks may reduce soreness."]


def test_a_pooled_estimate_is_drawn_as_a_diamond_with_a_table(
    fixture_root: Path,
) -> None:
    at = goto(app(), "claim", claim=PERFORMANCE)
    assert_page_ok(at)
    spec = at.get("plotly_chart")[0].proto.spec
    assert '"fill":"toself"' in spec
    words = next(m.value for m in at.markdown if "Pooled \\(2 studies\\)" in m.value)
    lines = words.splitlines()  # the forest plot in words: two studies, then the pool
    assert len(lines) == 3
    assert lines[-1].startswith("- Pooled \\(2 studies\\): MD \\-1\\.54 \\(95\\% CI")


def test_the_engine_failing_leaves_the_editors_verdicts(
    fixture_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtracker import grading

    def broken(corpus: object) -> dict[str, object]:
        raise RuntimeError("engine down")

    monkeypatch.setattr(grading, "assess_corpus", broken)
    at = goto(app(), "claim", claim=PERFORMANCE)
    assert_page_ok(at)
    assert any("only the editors' verdicts are shown" in i.value for i in at.info)
    assert ":gray-badge[unproven]" in texts(at)


def test_a_study_page_links_to_the_claims_it_informs(fixture_root: Path) -> None:
    at = goto(app(), "study", study="alpha-2015")
    assert_page_ok(at)
    shown = texts(at)
    assert "](https://doi.org/10.5555/alpha.2015)" in shown
    assert f"**Risk of bias:** {md('high: unblinded, small')}" in shown
    assert len(at.dataframe[0].value) == 2
    links = {(p.proto.page, p.proto.query_string) for p in at.get("page_link")}
    assert {("claim", f"claim={PERFORMANCE}"), ("claim", f"claim={SORENESS}")} <= links


def test_a_review_links_to_the_tracked_studies_it_includes(fixture_root: Path) -> None:
    at = goto(app(), "study", study="gamma-2020")
    assert_page_ok(at)
    assert "**This review includes 2 of the studies we track:**" in texts(at)
    links = {(p.proto.page, p.proto.query_string) for p in at.get("page_link")}
    assert {("study", "study=alpha-2015"), ("study", "study=beta-2018")} <= links


def test_a_retracted_study_says_so(fixture_root: Path) -> None:
    at = goto(app(), "study", study="delta-2019")
    assert_page_ok(at)
    assert any(
        "retracted" in e.value and "left out of every verdict" in e.value
        for e in at.error
    )


def test_unknown_ids_get_a_message_and_a_chooser(fixture_root: Path) -> None:
    at = goto(app(), "claim", claim="no-such-claim")
    assert_page_ok(at)
    assert any("There is no claim 'no\\-such\\-claim'" in e.value for e in at.error)
    at.selectbox[0].set_value(SORENESS).run()
    assert at.title[0].value.startswith("Wearing compression socks after a run")
    goto(at, "study", study="nobody-1999")
    assert_page_ok(at)
    assert any("There is no study" in e.value for e in at.error)


def test_permalinks_are_query_parameters() -> None:
    assert claim_url("a-claim") == "claim?claim=a-claim"
    assert study_url("doe-2015") == "study?study=doe-2015"


# --------------------------------------------------------------------------- broken records


def test_every_page_runs_with_broken_records_and_says_how_many_failed(
    broken_root: Path,
) -> None:
    at = app().run()
    for url_path, title in TITLES.items():
        goto(at, url_path)
        assert_page_ok(at)
        assert at.title[0].value == title
        if url_path != "problems":
            banner = " ".join(w.value for w in at.warning)
            assert "2 records failed validation" in banner
            assert "1 record has errors in links between records" in banner


def test_the_problems_page_lists_every_problem_in_the_cli_format(
    broken_root: Path,
) -> None:
    problems = load_corpus(broken_root).problems
    assert {p.path for p in problems} >= {
        "claims/broken-yaml.yaml",
        "studies/epsilon-2021.yaml",
    }
    at = goto(app(), "problems")
    assert_page_ok(at)
    listing = at.code[0].value
    for p in problems:
        assert format_problem(p) in listing
    goto(at, "problems", severity="error")
    assert all(
        line.split(": ")[1].startswith("error[")
        for line in at.code[0].value.splitlines()
        if not line.startswith("    hint")
    )


def test_a_permalink_to_an_invalid_record_points_to_the_problems(
    broken_root: Path,
) -> None:
    at = goto(app(), "study", study="epsilon-2021")
    assert_page_ok(at)
    assert any("has problems" in e.value for e in at.error)


def test_records_that_failed_are_left_out_of_the_lists(broken_root: Path) -> None:
    at = goto(app(), "browse", table="studies", view="table")
    assert_page_ok(at)
    assert "epsilon-2021" not in set(at.dataframe[0].value["id"])
    assert len(at.dataframe[0].value) == 5


# --------------------------------------------------------------------------- browse, map, caching


def test_browse_filters_come_from_the_address_and_go_back_into_it(
    fixture_root: Path,
) -> None:
    at = goto(app(), "browse", table="studies", design="meta-analysis", view="table")
    assert_page_ok(at)
    assert list(at.dataframe[0].value["id"]) == ["gamma-2020"]
    assert "**1 study shown**. Select a row to open it." in texts(at)
    at.multiselect(key="browse:design").set_value(
        ["meta-analysis", "rct-parallel"]
    ).run()
    assert set(at.dataframe[0].value["id"]) == {"gamma-2020", "beta-2018"}
    assert at.query_params["design"] == ["meta-analysis", "rct-parallel"]
    at.radio(key="browse:table").set_value("Claims").run()
    at.text_input(key="browse:q").input("soreness").run()
    assert list(at.dataframe[0].value["id"]) == [SORENESS]
    assert at.query_params.get("q") == "soreness"
    assert DRAFT not in set(
        at.dataframe[0].value["id"]
    )  # drafts are reachable by link only


def test_the_evidence_map_has_a_table_and_opens_a_claim(fixture_root: Path) -> None:
    at = goto(app(), "map")
    assert_page_ok(at)
    assert len(at.get("plotly_chart")) == 1
    words = next(m.value for m in at.markdown if m.value.startswith("- **"))
    items = words.split("\n- ")  # the map as a list: one item per claim, in full
    assert len(items) == 2
    assert items[0].startswith("- **Wearing compression socks after a run reduces")
    assert "Recovery: 3 studies\\: 3 benefit" in items[0]
    at.selectbox(key="map:open").set_value(PERFORMANCE).run()
    assert at.title[0].value == md(
        "Wearing compression socks while running makes runners faster."
    )


def _save_like_the_app(path: Path, text: str) -> None:
    """Write a new file beside the old one and rename it over (as the saving module and git do)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


def test_a_saved_edit_shows_on_the_next_rerun(fixture_root: Path) -> None:
    at = goto(app(), "claim", claim=PERFORMANCE)
    assert ":gray-badge[unproven]" in texts(at)
    path = fixture_root / "claims" / f"{PERFORMANCE}.yaml"
    _save_like_the_app(
        path, path.read_text().replace("rating: unproven", "rating: contradicted")
    )
    at.run()
    assert ":red-badge[contradicted]" in texts(at)


def test_a_file_edited_in_place_shows_after_the_sweep_interval(
    fixture_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "SWEEP_SECONDS", 0.05)
    at = goto(app(), "claim", claim=PERFORMANCE)
    path = fixture_root / "claims" / f"{PERFORMANCE}.yaml"
    path.write_text(
        path.read_text().replace("rating: unproven", "rating: contradicted")
    )
    time.sleep(
        0.1
    )  # longer than the sweep interval: the next rerun retakes the fingerprint
    at.run()
    assert ":red-badge[contradicted]" in texts(at)


def test_nothing_is_reread_while_the_files_are_unchanged(
    fixture_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = []
    real = data.build_library
    monkeypatch.setattr(data, "build_library", lambda *a: builds.append(a) or real(*a))
    at = goto(app(), "claim", claim=PERFORMANCE)
    for page in ("overview", "map", "browse", "study"):
        goto(at, page)
    assert len(builds) == 1


def test_record_text_is_shown_escaped_never_as_html(fixture_root: Path) -> None:
    path = fixture_root / "claims" / f"{SORENESS}.yaml"
    text = path.read_text().replace(
        "proposition: Wearing compression socks after a run reduces muscle soreness.",
        f"proposition: '{XSS}'",
    )
    path.write_text(text.replace("Run faster, recover sooner", XSS.replace("'", "")))
    for page, params in (
        ("overview", {}),
        ("claim", {"claim": SORENESS}),
        ("map", {}),
        ("browse", {}),
    ):
        at = goto(app(), page, **params)
        assert_page_ok(at)
        assert [h.proto.body for h in at.get("html")] == [STYLE.strip()]  # ours
        assert all(not m.proto.allow_html for m in at.markdown)
        for m in at.markdown:
            assert not re.search(r"(?<!\\)<(script|img)", m.value)
            assert "](javascript" not in m.value
            assert not re.search(r"(?<!\\):red\[", m.value)


def test_a_failing_page_shows_a_message_not_a_traceback() -> None:
    def script() -> None:
        from claimtracker.dashboard.routing import run_guarded

        run_guarded("claimtracker.no_such_module:render", banner=False)

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [ERROR_MESSAGE]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test reads its own records (the loader's cache is process-wide)."""
    import streamlit as st

    st.cache_resource.clear()
    yield
    st.cache_resource.clear()
