"""Glossary: plain meanings of the terms pages use, found in text for tooltips."""

from __future__ import annotations

from pathlib import Path

from claimtracker.glossary import load_glossary, read_glossary
from conftest import REPO as PACKAGE_ROOT
from conftest import flatten


def test_the_terms_of_the_issue_have_plain_meanings() -> None:
    glossary = load_glossary(PACKAGE_ROOT)
    for term in (
        "surrogate outcome", "indirect evidence", "crossover trial", "SMD", "MD", "OR",
        "GRADE", "low certainty", "very low certainty", "match score",
        "deep vein thrombosis",
    ):  # fmt: skip
        found = glossary.get(term)
        assert found is not None and len(found.meaning) > 20, term


def test_terms_are_found_in_text_in_order_and_short_capitals_only_in_capitals() -> None:
    glossary = load_glossary(PACKAGE_ROOT)
    text = (
        "An rct crossover; SMD 0.4 or more (95% CI 0.1 to 0.7), surrogate-outcome, DVT"
    )
    assert [t.term for t in glossary.find(text)] == [
        "crossover trial", "SMD", "95% CI", "surrogate outcome", "deep vein thrombosis",
    ]  # fmt: skip
    assert glossary.find("wear them or not") == []
    assert [t.term for t in glossary.find("OR 0.1")] == ["OR"]


def test_a_tooltip_explains_every_term_once() -> None:
    glossary = load_glossary(PACKAGE_ROOT)
    tip = glossary.tooltip("low certainty", "Low certainty and SMD")
    assert tip is not None
    assert tip.count("low certainty:") == 1 and "SMD: Standardised" in tip
    assert glossary.tooltip("nothing here") is None


def test_the_data_root_adds_terms_and_rewords_the_packages(tmp_path: Path) -> None:
    (tmp_path / "glossary.yaml").write_text(
        "terms:\n"
        "  - {term: tempo run, meaning: A run at a comfortably hard pace.}\n"
        "  - {term: SMD, meaning: Our own wording of the standardised difference.}\n",
        encoding="utf-8",
    )
    glossary = load_glossary(tmp_path)
    assert glossary.get("tempo run") is not None
    assert glossary.get("SMD").meaning.startswith("Our own wording")  # type: ignore[union-attr]
    assert load_glossary(None).get("tempo run") is None


def test_plain_names_for_designs() -> None:
    glossary = load_glossary(None)
    assert glossary.name("rct-crossover") == "randomised crossover trial"
    assert glossary.name("meta-analysis") == "meta-analysis"
    assert glossary.name("not-blinded") == "not blinded"  # label() when not named


def test_a_bad_glossary_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "glossary.yaml").write_text("terms:\n  - term: DVT\n", encoding="utf-8")
    assert flatten(read_glossary(tmp_path).problems) == [
        ("glossary.yaml", 2, "missing-field")
    ]
    assert load_glossary(tmp_path).get("tempo run") is None  # the bad file is left out


def test_the_shipped_glossary_files_are_valid() -> None:
    assert read_glossary(PACKAGE_ROOT).problems == []
