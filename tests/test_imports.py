"""BibTeX, RIS and Crossref imports: every entry imported or reported, counts that add up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import vcr
import yaml

from claimtracker.audit import read_audit
from claimtracker.auth import cli_actor
from claimtracker.imports import ImportStatus, plan_import, run_import, study_id
from claimtracker.models import Design, Status, Study
from claimtracker.references import (
    Citation,
    ImportFailed,
    format_author,
    lookup_doi,
    read_bibtex,
    read_import_file,
    read_ris,
)

HERE = Path(__file__).parent / "data"
IMPORTS = HERE / "imports"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(HERE / "editors", tmp_path / "store")
    return tmp_path / "store"


def outcomes(report: object) -> list[tuple[int, str, str]]:
    return [(i.line, i.key, i.status.value) for i in report.items]  # type: ignore[attr-defined]


def test_a_clean_bibtex_file_imports_drafts_and_reports_the_doi_already_in_studies(
    root: Path,
) -> None:
    citations, rejected = read_import_file(IMPORTS / "studies.bib")
    report = plan_import(root, citations, rejected, "studies.bib")
    assert outcomes(report) == [
        (4, "ali2007", "imported"),
        (16, "menetrier2011", "imported"),
        (27, "kemmler2009", "duplicate"),
        (38, "partsch2004", "imported"),
        (50, "engel2016", "imported"),
    ]
    assert report.reconciles and report.summary() == (
        "studies.bib: 5 entries: 4 imported, 0 rejected, 1 duplicates"
    )
    dup = report.items[2]
    assert (
        dup.record_id == "kemmler-2009"
        and "already in studies/kemmler-2009.yaml" in dup.reason
    )
    ids = [i.record_id for i in report.items if i.status is ImportStatus.IMPORTED]
    assert ids == ["ali-2007", "menetrier-2011", "partsch-2004", "engel-2016"]


def test_drafts_carry_the_citation_and_name_what_is_left_to_complete(
    root: Path,
) -> None:
    citations, rejected = read_import_file(IMPORTS / "studies.bib")
    by_key = {
        i.key: i.study
        for i in plan_import(root, citations, rejected, "studies.bib").items
    }
    ali, men, partsch = (
        by_key["ali2007"],
        by_key["menetrier2011"],
        by_key["partsch2004"],
    )
    assert ali is not None and men is not None and partsch is not None
    assert ali.status is Status.DRAFT
    assert ali.authors == ["Ali, A.", "Caine, M. P.", "Snow, B. G."]
    assert (ali.year, ali.journal, ali.volume, ali.issue, ali.pages) == (
        2007,
        "Journal of Sports Sciences",
        "25",
        "4",
        "413-419",
    )
    assert (ali.doi, ali.pmid) == ("10.1080/02640410600718376", "17365528")
    assert men.authors[0] == "Ménétrier, A." and men.doi == "10.1055/s-0031-1283181"
    assert partsch.authors == ["Partsch, H."] and partsch.authors_truncated
    assert ali.notes is not None and "studies.bib (line 4, 'ali2007')" in ali.notes
    assert (
        "design, participants, garment, comparator, blinding and outcomes" in ali.notes
    )


def test_a_broken_bibtex_file_loses_nothing(root: Path) -> None:
    citations, rejected = read_import_file(IMPORTS / "broken.bib")
    report = plan_import(root, citations, rejected, "broken.bib")
    got = {(i.line, i.key): (i.status.value, i.reason) for i in report.items}
    assert report.total == 8 and report.reconciles
    assert got[(2, "ali2007")][0] == "imported"
    assert got[(10, "ali2007")] == (
        "rejected",
        "citation key 'ali2007' is used twice (first at line 2)",
    )
    assert got[(16, "sperlich2010")][0] == "rejected"
    assert "does not parse" in got[(16, "sperlich2010")][1]
    assert (
        got[(22, "rider2014")][0] == "rejected"
        and "field is given twice" in got[(22, "rider2014")][1]
    )
    assert got[(28, "bovenschen2013")] == (
        "rejected",
        "it has no four-digit year (got None)",
    )
    assert got[(34, "areces2015")] == (
        "rejected",
        "'not a doi' is not a DOI (10.NNNN/...)",
    )
    assert (
        got[(41, "ali2007b")][0] == "duplicate"
        and "already imported above as ali-2007" in got[(41, "ali2007b")][1]
    )
    assert got[(48, "brown2017")][0] == "imported"
    assert (
        report.count(ImportStatus.IMPORTED),
        report.count(ImportStatus.REJECTED),
    ) == (2, 5)


def test_an_entry_the_parser_skips_without_a_word_is_still_reported() -> None:
    text = "@article{a, title={T}, year={2001}}\n@article{b, title={U}, year={2002}}\n"
    citations, rejected = read_bibtex(text)
    assert [c.key for c in citations] == ["a", "b"] and rejected == []
    # bibtexparser 2.1 reads "@ article{" (a space after the @) as a comment, without a word
    citations, rejected = read_bibtex(text + "@ article{c, title={V}, year={2003}}\n")
    assert [c.key for c in citations] == ["a", "b"]
    assert [(r.line, r.key, r.reason) for r in rejected] == [
        (3, "c", "the parser skipped this entry")
    ]


def test_ris_with_a_bom_crlf_junk_and_a_missing_end_line_loses_nothing(
    root: Path,
) -> None:
    raw = (IMPORTS / "endnote.ris").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    ty_lines = [
        n
        for n, line in enumerate(raw.decode("utf-8-sig").splitlines(), 1)
        if line.startswith("TY  - ")
    ]
    citations, rejected = read_import_file(IMPORTS / "endnote.ris")
    report = plan_import(root, citations, rejected, "endnote.ris")
    assert [i.line for i in report.items] == ty_lines  # one report line per TY line
    assert outcomes(report) == [
        (1, "record 1", "imported"),
        (18, "record 2", "imported"),
        (30, "record 3", "rejected"),
        (35, "record 4", "duplicate"),
    ]
    assert report.items[2].reason == "the record has no 'ER  -' end line"
    brown, mota = report.items[0].study, report.items[1].study
    assert brown is not None and mota is not None
    assert (
        brown.id == "brown-2017"
        and brown.design is Design.META_ANALYSIS
        and brown.pages == "2245-2267"
    )
    assert mota.authors == ["Mota, G. R.", "Simim, M. A. M.", "dos Santos, I. A."]
    assert (mota.year, mota.journal, mota.design) == (
        2020,
        "Open Access Journal of Sports Medicine",
        Design.SYSTEMATIC_REVIEW,
    )


def test_rispy_alone_would_have_dropped_everything_from_this_file() -> None:
    """Why the RIS reader does its own record splitting (the pitfall this guards against)."""
    import rispy

    text = (
        (IMPORTS / "endnote.ris").read_bytes().decode("utf-8")
    )  # the BOM kept, as a naive reader would
    titles = [r.get("title") or r.get("primary_title") for r in rispy.loads(text)]
    assert len(titles) < 4  # four TY records in, fewer out, and no error
    assert (
        "Compression garments and recovery from exercise: a meta-analysis" not in titles
    )


def test_running_an_import_saves_drafts_through_the_audited_save_path(
    root: Path,
) -> None:
    citations, rejected = read_import_file(IMPORTS / "studies.bib")
    report = run_import(
        root, plan_import(root, citations, rejected, "studies.bib"), cli_actor("ed")
    )
    assert report.count(ImportStatus.IMPORTED) == 4 and report.reconciles
    saved = Study.model_validate(
        yaml.safe_load((root / "studies" / "ali-2007.yaml").read_text())
    )
    assert saved == report.items[0].study
    assert [(e["action"], e["file"]) for e in read_audit(root)] == [
        ("import", "studies/ali-2007.yaml"),
        ("import", "studies/menetrier-2011.yaml"),
        ("import", "studies/partsch-2004.yaml"),
        ("import", "studies/engel-2016.yaml"),
    ]
    # importing the same file again duplicates nothing
    again = plan_import(root, *read_import_file(IMPORTS / "studies.bib"), "studies.bib")
    assert (
        again.count(ImportStatus.DUPLICATE) == 5
        and again.count(ImportStatus.IMPORTED) == 0
    )


def test_ids_take_the_first_author_and_year_with_a_letter_on_collision() -> None:
    citation = Citation(
        line=1, key="k", title="T", authors=("Köckritz, C.",), year="2009"
    )
    assert study_id(citation, set()) == "kockritz-2009"
    assert study_id(citation, {"kockritz-2009", "kockritz-2009b"}) == "kockritz-2009c"
    assert format_author("Holmberg", "Hans-Christer") == "Holmberg, H.-C."
    assert format_author("van Someren", "K. A.") == "van Someren, K. A."


CASSETTE = str(IMPORTS / "cassettes" / "crossref.yaml")


def test_a_doi_lookup_builds_a_draft_from_the_crossref_record(root: Path) -> None:
    with vcr.use_cassette(CASSETTE, record_mode="none"):
        citation = lookup_doi("https://doi.org/10.1007/s40279-017-0728-9")
    assert (
        citation.title
        == "Compression garments and recovery from exercise: a meta-analysis"
    )
    assert (
        citation.authors[:2] == ("Brown, F.", "Gissane, C.")
        and len(citation.authors) == 6
    )
    assert (citation.year, citation.journal, citation.pages) == (
        "2017",
        "Sports Medicine",
        "2245-2267",
    )
    report = plan_import(root, [citation], [], "Crossref")
    (item,) = report.items
    assert item.status is ImportStatus.IMPORTED and item.study is not None
    assert item.study.id == "brown-2017" and item.study.design is Design.META_ANALYSIS


def test_a_doi_crossref_does_not_know_is_a_clear_error() -> None:
    with (
        vcr.use_cassette(CASSETTE, record_mode="none"),
        pytest.raises(ImportFailed, match="no record of DOI"),
    ):
        lookup_doi("10.0000/no-such-record")
    with pytest.raises(ImportFailed, match="is not a DOI"):
        lookup_doi("ISBN 978-0")


def test_files_too_large_or_not_utf8_are_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.bib"
    big.write_bytes(b"%" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ImportFailed, match="larger than 5 MB"):
        read_import_file(big)
    latin = tmp_path / "latin.ris"
    latin.write_bytes("TY  - JOUR\nAU  - Ménétrier\n".encode("latin-1"))
    with pytest.raises(ImportFailed, match="not UTF-8"):
        read_import_file(latin)


def test_ris_reader_counts_match_ty_lines_for_generated_files() -> None:
    for n in range(1, 6):
        body = "".join(
            f"TY  - JOUR\nTI  - Title {i}\nPY  - 2001\n" + ("ER  - \n" if i % 2 else "")
            for i in range(n)
        )
        citations, rejected = read_ris(body)
        assert len(citations) + len(rejected) == n
