"""Where numbers came from, as readers and citers see it: the study page (AppTest on the
shipped records) and the citation exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy
from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

from claimtracker.citations import bibtex_entry, csl_item, ris_record, to_ris
from claimtracker.dashboard.text import md
from claimtracker.exports import study_rows
from claimtracker.models import Study
from claimtracker.store import load_corpus
from conftest import REPO

APP = Path(__file__).resolve().parents[1] / "app.py"


@pytest.fixture(scope="module")
def shipped() -> dict[str, Study]:
    return dict(load_corpus(REPO).studies)


def _study_page(monkeypatch: pytest.MonkeyPatch, study_id: str) -> AppTest:
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(REPO))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"study": study_id})
    at._page_hash = calc_hash("study")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_study_page_shows_where_each_outcomes_figures_were_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = _study_page(monkeypatch, "cochrane-2021")
    table = at.dataframe[0].value
    row = table[table["outcome"].str.startswith("Proportion of ulcers")].iloc[0]
    assert row["read in"] == "Cochrane summary, summary of findings table 1"
    assert row["source page"] == (
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC8407020/table/CD013397-tbl-0001"
    )


def test_the_study_page_says_funding_comes_from_metadata_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = _study_page(monkeypatch, "engel-2016")
    shown = "\n".join(m.value for m in at.markdown)
    assert "**Funding and conflicts:**" in shown
    assert md("from catalogue metadata only; not confirmed in the paper") in shown


def test_bibtex_and_csl_annotate_where_the_figures_were_read(
    shipped: dict[str, Study],
) -> None:
    study = shipped["engel-2016"]
    entry = bibtex_entry(study)
    assert (
        "annote = {Figures read from: abstract, journal abstract, reproduced:" in entry
    )
    assert "funding known from catalogue metadata only}" in entry
    item = csl_item(study)
    assert item["annote"].startswith("Figures read from: abstract")
    assert json.loads(json.dumps(item)) == item


def test_ris_carries_the_provenance_as_a_note(shipped: dict[str, Study]) -> None:
    study = shipped["leabeater-2022"]
    record = ris_record(study)
    assert any(
        n.startswith("Figures read from: full text, section 5, Conclusions:")
        for n in record["notes"]
    )
    [parsed] = rispy.loads(to_ris([study]))
    assert any("full text" in n for n in parsed["notes"])


def test_the_study_table_export_lists_sources_and_funding_basis(
    shipped: dict[str, Study],
) -> None:
    rows = {r["id"]: r for r in study_rows(shipped)}
    assert rows["engel-2016"]["funding_basis"] == "metadata"
    assert rows["kerherve-2017"]["funding_basis"] == "paper"
    assert rows["ali-2011"]["figure_sources"] == (
        "abstract: https://journals.lww.com/nsca-jscr/Abstract/2011/05000/"
        "The_Effect_of_Graduated_Compression_Stockings_on.28.aspx"
    )
