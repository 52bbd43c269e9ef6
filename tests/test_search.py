"""One search over claims, aliases and studies: synonyms, stemming, typos, the other table.

The examples are the ones readers tried on the shipped evidence (issue 15): each must find
what a reader means. Record sets are the real files (``claims/``, ``studies/``) or small
hand-made records written as YAML in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtracker.models import Claim, Study
from claimtracker.search import SearchIndex, Synonyms, load_synonyms, read_synonyms
from claimtracker.store import load_corpus
from conftest import REPO as PACKAGE_ROOT
from dashboard_records import CLAIMS, STUDIES


@pytest.fixture(scope="module")
def shipped() -> tuple[dict[str, Claim], dict[str, Study], SearchIndex]:
    corpus = load_corpus(PACKAGE_ROOT)
    index = SearchIndex.build(
        corpus.claims, corpus.studies, load_synonyms(PACKAGE_ROOT)
    )
    return corpus.claims, corpus.studies, index


def _with_title(studies: dict[str, Study], *words: str) -> set[str]:
    return {
        s.id
        for s in studies.values()
        if any(w in s.title.lower().replace("-", " ") for w in words)
    }


def test_dvt_finds_the_studies_whose_titles_say_deep_vein_thrombosis(shipped) -> None:
    _, studies, index = shipped
    titled = _with_title(studies, "deep vein thrombosis")
    assert titled  # the shipped evidence has such titles
    assert titled <= set(index.search("DVT").ids("study"))


def test_lactic_finds_the_studies_that_measured_lactate(shipped) -> None:
    _, studies, index = shipped
    measured = {
        s.id
        for s in studies.values()
        if any("lactate" in o.name.lower() for o in s.outcomes)
    }
    found = set(index.search("lactic").ids("study"))
    assert measured and measured <= found
    assert "compression-flushes-lactic-acid" in index.search("lactic").ids("claim")


def test_blood_clots_finds_thrombosis_studies_and_the_flight_socks_claim(
    shipped,
) -> None:
    _, studies, index = shipped
    result = index.search("blood clots")
    assert _with_title(studies, "thrombosis") <= set(result.ids("study"))
    assert "flight-socks-prevent-dvt" in result.ids("claim")
    assert "deep vein thrombosis" in result.expansions["blood clots"]


def test_an_author_name_finds_no_claim_but_offers_the_study(shipped) -> None:
    _, _, index = shipped
    result = index.search("Stickford")
    assert result.ids("claim") == []
    assert result.ids("study") == [
        "stickford-2015"
    ]  # the page offers it: "1 study matches"


def test_recovery_finds_every_claim_in_the_recovery_family(shipped) -> None:
    claims, _, index = shipped
    family = {c.id for c in claims.values() if c.group == "recovery"}
    assert len(family) >= 7
    assert family <= set(index.search("recovery").ids("claim"))


def test_a_stem_finds_other_forms_of_the_word(shipped) -> None:
    _, _, index = shipped
    recover = set(index.search("recover").ids("claim"))
    assert (
        "compression-speeds-recovery-of-strength" in recover
    )  # "recovery" in its text
    assert set(index.search("clots").ids("study")) == set(
        index.search("clot").ids("study")
    )


def test_a_typo_is_read_as_the_nearest_word_and_the_result_says_so(shipped) -> None:
    _, _, index = shipped
    result = index.search("Stickfrod")
    assert result.ids("study") == ["stickford-2015"]
    assert result.corrections == {"stickfrod": "stickford"}
    assert set(index.search("recovry").ids("claim")) == set(
        index.search("recovery").ids("claim")
    )


def test_the_start_of_a_word_finds_it_as_typed(shipped) -> None:
    _, _, index = shipped
    assert index.search("stick").ids("study") == ["stickford-2015"]


def test_every_word_must_match_unless_no_record_has_them_all() -> None:
    index = SearchIndex.build(CLAIMS, STUDIES)
    both = index.search("race pace")
    assert both.ids("study") == ["eta-2021"] and not both.partial
    some = index.search("race zebra")
    assert some.partial and "eta-2021" in some.ids("study")
    assert index.search("zebra").hits == ()


def test_a_title_match_ranks_above_an_outcome_match() -> None:
    index = SearchIndex.build(CLAIMS, STUDIES)
    hits = index.search("meta-analysis").of("study")
    assert hits[0].id == "gamma-2020"  # "a meta-analysis" in its title


def test_synonyms_come_from_the_data_root_file(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [TT, time trial]\n", encoding="utf-8"
    )
    index = SearchIndex.build(CLAIMS, STUDIES, load_synonyms(tmp_path))
    assert "alpha-2015" in index.search("TT").ids("study")
    assert SearchIndex.build(CLAIMS, STUDIES).search("TT").hits == ()


def test_a_bad_synonyms_file_names_its_line_and_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [DVT, deep vein thrombosis]\n  - clots\n", encoding="utf-8"
    )
    found = read_synonyms(tmp_path)
    assert [(p.path, p.line, p.code) for p in found.problems] == [
        ("synonyms.yaml", 3, "invalid-type")
    ]
    assert load_synonyms(tmp_path) == Synonyms()


def test_the_shipped_synonyms_file_is_valid() -> None:
    assert read_synonyms(PACKAGE_ROOT).problems == []
