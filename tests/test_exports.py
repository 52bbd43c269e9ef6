"""Exports: CSV guard, JSON-LD encoders, ClaimReview as a consumer reads it, citations."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import bibtexparser
import extruct
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from hypothesis import given
from hypothesis import strategies as st

from claimtracker.citations import (
    bibtex_entry,
    csl_item,
    evidence_studies,
    format_short_citation,
    short_citation,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from claimtracker.exports import (
    CLAIM_COLUMNS,
    CLAIM_DOWNLOADS,
    FORMULA_STARTS,
    STUDY_COLUMNS,
    ExportError,
    Publisher,
    claim_download,
    claim_review,
    claim_rows,
    corpus_json,
    guard_cell,
    jsonld_script,
    jsonld_text,
    script_body,
    study_rows,
    table_download,
    to_csv,
)
from claimtracker.models import RATING_VALUES, Rating
from writers_corpus import make_claim, make_study, sample_claims, sample_studies

# Google's fact-check documentation lists these as required (docs/exports.md cites it).
GOOGLE_REQUIRED = ("claimReviewed", "reviewRating", "url")
GOOGLE_REQUIRED_RATING = ("alternateName",)

# Text without NUL (csv cannot carry it, and records refuse control characters anyway).
any_text = st.text(alphabet=st.characters(blacklist_characters="\x00"))


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --------------------------------------------------------------------------- CSV


@given(any_text)
def test_any_text_round_trips_the_csv_encoder_with_the_formula_guard(s: str) -> None:
    rows = read_back(to_csv([{"cell": s, "n": 3}], ["cell", "n"]))
    assert rows[0] == ["cell", "n"]
    got = rows[1][0]
    if s[:1] in FORMULA_STARTS:
        assert got == "'" + s
    else:
        assert got == s
    assert rows[1][1] == "3"


@given(any_text)
def test_raw_csv_gives_back_every_text_unchanged(s: str) -> None:
    assert read_back(to_csv([{"cell": s}], ["cell"], raw=True))[1][0] == s


@pytest.mark.parametrize(
    "payload",
    ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")'],
)
def test_formula_cells_get_a_quote_prefix(payload: str) -> None:
    assert guard_cell(payload) == "'" + payload
    assert read_back(to_csv([{"c": payload}], ["c"]))[1][0] == "'" + payload


def test_numbers_are_written_as_numbers_and_never_guarded() -> None:
    rows = read_back(
        to_csv([{"a": -5, "b": -0.25, "c": True, "d": None}], ["a", "b", "c", "d"])
    )
    assert rows[1] == ["-5", "-0.25", "true", ""]


def test_claim_and_study_tables_have_one_row_per_record_and_every_column() -> None:
    claims, studies = sample_claims(), sample_studies()
    claim_table = read_back(to_csv(claim_rows(claims), CLAIM_COLUMNS))
    study_table = read_back(to_csv(study_rows(studies, claims), STUDY_COLUMNS))
    assert claim_table[0] == list(CLAIM_COLUMNS)
    assert sorted(r[0] for r in claim_table[1:]) == sorted(claims)
    assert study_table[0] == list(STUDY_COLUMNS)
    birch = next(r for r in study_table[1:] if r[0] == "birch-2019")
    row = dict(zip(STUDY_COLUMNS, birch, strict=True))
    assert row["integrity"] == "retracted"
    assert row["doi"] == ""
    assert row["claims"] == "compression-reduces-muscle-soreness-after-running"


def test_a_proposition_that_starts_like_a_formula_is_guarded_in_the_claims_table() -> (
    None
):
    claim = make_claim(
        "formula-claim",
        '=HYPERLINK("http://evil.example","x") makes you faster',
        ["x y z"],
    )
    table = read_back(to_csv(claim_rows({claim.id: claim}), CLAIM_COLUMNS))
    assert table[1][CLAIM_COLUMNS.index("proposition")].startswith("'=HYPERLINK")


# --------------------------------------------------------------------------- JSON-LD encoders


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.scripts[-1] += data


@given(any_text)
def test_script_body_has_no_raw_angle_bracket_and_decodes_to_the_same_object(
    s: str,
) -> None:
    obj = {"claimReviewed": s, "nested": [s, {"k": s}], s: 1}
    body = script_body(obj)
    for ch in "<>&\u2028\u2029":
        assert ch not in body
    assert json.loads(body) == obj
    parser = _Scripts()
    parser.feed(jsonld_script(obj))
    parser.close()
    assert len(parser.scripts) == 1
    assert json.loads(parser.scripts[0]) == obj


def test_breakout_payloads_stay_inside_the_script() -> None:
    payload = '</script><script>alert(1)</script><!--<script> \u2028 & "quoted"'
    html = jsonld_script({"claimReviewed": payload})
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert "\\u003c/script\\u003e" in html


def test_standalone_jsonld_is_plain_json_without_html_escapes() -> None:
    text = jsonld_text({"claimReviewed": "a < b & c"})
    assert "a < b & c" in text
    assert json.loads(text) == {"claimReviewed": "a < b & c"}


# --------------------------------------------------------------------------- ClaimReview


def test_claim_review_carries_the_published_verdict_on_the_documented_scale() -> None:
    claim = sample_claims()["compression-reduces-muscle-soreness-after-running"]
    review = claim_review(
        claim,
        Publisher(base_url="https://facts.example.org/", organisation="Example Desk"),
    )
    rating = review["reviewRating"]
    assert rating["ratingValue"] == RATING_VALUES[Rating.SUPPORTED] == 5
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
    assert rating["alternateName"] == "supported"
    assert "Small crossover trials" in rating["ratingExplanation"]
    assert (
        review["url"]
        == "https://facts.example.org/?claim=compression-reduces-muscle-soreness-after-running"
    )
    assert review["author"] == {"@type": "Organization", "name": "Example Desk"}
    assert (review["datePublished"], review["dateModified"]) == (
        "2025-11-05",
        "2026-03-02",
    )
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Example Sock Co."}
    assert [a["url"] for a in item["appearance"]] == [
        "https://example.org/product/compression-reduces-muscle-soreness-after-running"
    ]


@pytest.mark.parametrize("rating", list(Rating))
def test_every_rating_maps_to_its_value_and_name(rating: Rating) -> None:
    claim = make_claim("some-claim-id", "A proposition.", [], rating=rating.value)
    got = claim_review(claim)["reviewRating"]
    assert got["ratingValue"] == rating.value_number
    assert got["alternateName"] == rating.value
    assert got["worstRating"] <= got["ratingValue"] <= got["bestRating"]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.example", "https://x.example/<script>", ""]
)
def test_base_urls_that_are_not_http_are_refused(url: str) -> None:
    with pytest.raises(ExportError, match="http"):
        Publisher(base_url=url)


def test_a_draft_claim_has_no_claim_review() -> None:
    claim = make_claim(
        "draft-claim", "A proposition.", [], status="draft", verdict=None, history=[]
    )
    with pytest.raises(ExportError, match="not published"):
        claim_review(claim)


def test_claim_review_read_back_by_extruct_has_googles_required_properties() -> None:
    nasty = make_claim(
        "nasty-claim",
        'Socks </script><script>alert("x")</script><!--<script> make you faster \u2028 & more',
        [],
        rating="partly-supported",
    )
    claims = {**sample_claims(), nasty.id: nasty}
    for claim in claims.values():
        review = claim_review(claim, Publisher(base_url="https://facts.example.org"))
        page = f"<!doctype html><html><head><title>t</title>{jsonld_script(review)}</head><body><p>x</p></body></html>"
        data = extruct.extract(
            page,
            base_url="https://facts.example.org/",
            syntaxes=["json-ld"],
            uniform=True,
        )
        (found,) = data["json-ld"]
        assert found == review
        assert found["@type"] == "ClaimReview"
        for key in GOOGLE_REQUIRED:
            assert found[key], key
        for key in GOOGLE_REQUIRED_RATING:
            assert found["reviewRating"][key], key
        rating = found["reviewRating"]
        assert rating["ratingValue"] == RATING_VALUES[Rating(rating["alternateName"])]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert found["url"].startswith("https://")


# --------------------------------------------------------------------------- JSON corpus


def test_corpus_json_has_every_record_with_verdict_and_assessment() -> None:
    claims, studies = sample_claims(), sample_studies()
    data = json.loads(json.dumps(corpus_json(claims, studies)))
    assert [c["id"] for c in data["claims"]] == sorted(claims)
    assert [s["id"] for s in data["studies"]] == sorted(studies)
    first = data["claims"][0]
    assert first["verdict"]["rating"] == claims[first["id"]].verdict.rating.value  # type: ignore[union-attr]
    assert first["assessment"] is None
    assert {k: v for k, v in first.items() if k != "assessment"} == claims[
        first["id"]
    ].model_dump(mode="json")


# --------------------------------------------------------------------------- citations


def test_evidence_studies_are_the_linked_ones_once_each_in_link_order() -> None:
    claim = sample_claims()["compression-reduces-muscle-soreness-after-running"]
    assert [s.id for s in evidence_studies(claim, sample_studies())] == [
        "alder-2015",
        "birch-2019",
    ]


def test_short_citations_carry_only_what_the_record_has() -> None:
    studies = sample_studies()
    assert short_citation(studies["alder-2015"]) == {
        "id": "alder-2015",
        "author": "Alder et al.",
        "year": 2015,
        "title": "Calf sleeves and running economy in trained runners",
        "doi": "10.5555/alder-2015",
    }
    birch = short_citation(studies["birch-2019"])
    assert birch["doi"] is None and birch["author"] == "Birch et al."
    assert format_short_citation(birch).startswith(
        "Birch et al. (2019). Graduated socks"
    )
    assert short_citation(make_study("solo-2001", authors=[]))["author"] is None


def test_bibtex_parses_back_to_the_same_facts() -> None:
    studies = list(sample_studies().values())
    library = bibtexparser.parse_string(
        to_bibtex(studies), append_middleware=[LatexDecodingMiddleware()]
    )
    assert library.failed_blocks == []
    entries = {e.key: e.fields_dict for e in library.entries}
    assert set(entries) == {"alder-2015", "birch-2019"}
    assert entries["alder-2015"]["doi"].value == "10.5555/alder-2015"
    assert (
        entries["alder-2015"]["pages"].value == "101\u2013109"
    )  # BibTeX "--" decodes to an en dash
    birch = entries["birch-2019"]
    assert (
        birch["title"].value
        == "Graduated socks & soreness after a marathon: a {pilot} trial"
    )
    assert birch["author"].value == "Birch, A. and Elm, B. and others"
    assert "doi" not in birch
    assert "Retracted" in birch["note"].value


def test_a_group_author_is_braced_in_bibtex() -> None:
    entry = bibtex_entry(
        make_study("group-2010", authors=["Vascular Group and Friends"])
    )
    assert "author = {{Vascular Group and Friends}}" in entry


def test_ris_parses_back_to_the_same_facts() -> None:
    records = rispy.loads(to_ris(sample_studies().values()))
    assert [r["id"] for r in records] == ["alder-2015", "birch-2019"]
    alder = records[0]
    assert alder["authors"] == ["Alder, J.", "Birch, K. L.", "Cedar, M."]
    assert (alder["start_page"], alder["end_page"], alder["doi"]) == (
        "101",
        "109",
        "10.5555/alder-2015",
    )
    assert "doi" not in records[1]


def test_csl_json_items_have_names_dates_and_no_invented_fields() -> None:
    items = json.loads(to_csl_json(sample_studies().values()))
    alder = items[0]
    assert alder["author"][1] == {"family": "Birch", "given": "K. L."}
    assert alder["issued"] == {"date-parts": [[2015]]}
    assert alder["DOI"] == "10.5555/alder-2015"
    assert "DOI" not in items[1]
    assert csl_item(make_study("solo-2001", journal=None))["type"] == "article"


# --------------------------------------------------------------------------- downloads


@pytest.mark.parametrize("kind", list(CLAIM_DOWNLOADS))
def test_every_claim_download_is_bytes_with_a_file_name_and_type(kind: str) -> None:
    claims, studies = sample_claims(), sample_studies()
    claim = claims["compression-reduces-muscle-soreness-after-running"]
    download = claim_download(kind, claim, studies)
    assert download.data and isinstance(download.data, bytes)
    assert download.file_name.startswith(claim.id)
    assert "/" in download.mime
    assert set(download._asdict()) == {"data", "file_name", "mime"}


def test_table_downloads_are_guarded_csv() -> None:
    download = table_download("claims", sample_claims(), sample_studies())
    assert download.file_name == "claims.csv" and download.mime == "text/csv"
    with pytest.raises(ExportError):
        table_download("nope", {}, {})
