"""Loading records: strict YAML, problems at the right file, line and column, one pass."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtracker.models import Claim, Study
from claimtracker.problems import Severity, StoreError, format_problem
from claimtracker.store import MAX_BYTES, load_corpus, parse_record, read_record
from conftest import INVALID, VALID, WriteRecord, flatten

# fixture file (under tests/data/invalid/, named after its code) -> (line, column, field)
FIXTURES: dict[str, tuple[int, int, str]] = {
    "studies/yaml-syntax.yaml": (6, 8, ""),
    "studies/duplicate-key.yaml": (10, 1, "year"),
    "studies/yaml-anchor.yaml": (7, 10, ""),
    "studies/merge-conflict.yaml": (4, 1, ""),
    "studies/encoding.yaml": (3, 28, ""),
    "studies/nul-byte.yaml": (8, 16, ""),
    "studies/too-deep.yaml": (3, 31, ""),
    "studies/not-a-mapping.yaml": (2, 1, ""),
    "studies/unknown-field.yaml": (6, 23, "participants.populaton"),
    "studies/missing-field.yaml": (2, 1, "design"),
    "studies/invalid-value.yaml": (9, 11, "blinding"),
    "studies/invalid-type.yaml": (5, 7, "pmid"),
    "studies/invalid-format.yaml": (5, 6, "doi"),
    "studies/invalid-record.yaml": (16, 13, "outcomes[0].effect"),
    "studies/duplicate-doi.yaml": (5, 6, "doi"),
    "studies/orphan-study.yaml": (2, 1, ""),
    "claims/id-mismatch.yaml": (2, 5, "id"),
    "claims/unknown-study.yaml": (7, 12, "evidence[0].study"),
    "claims/unknown-outcome.yaml": (8, 14, "evidence[0].outcome"),
    "claims/no-evidence.yaml": (2, 1, "evidence"),
    "claims/withdrawn-cited.yaml": (7, 12, "evidence[0].study"),
    "claims/retracted-cited.yaml": (7, 12, "evidence[0].study"),
    "claims/stray-file.yml": (1, 1, ""),
}
ALSO = {"studies/yaml-anchor.yaml": [(16, 8, "")]}  # the alias, after its anchor


def test_every_fixture_file_is_listed() -> None:
    on_disk = {
        p.relative_to(INVALID).as_posix() for p in INVALID.rglob("*") if p.is_file()
    }
    assert on_disk == set(FIXTURES)


@pytest.mark.parametrize("rel", sorted(FIXTURES))
def test_each_problem_kind_is_found_at_its_line(corpus_dir: Path, rel: str) -> None:
    shutil.copy(INVALID / rel, corpus_dir / rel)
    code = Path(rel).stem
    line, column, field = FIXTURES[rel]
    corpus = load_corpus(corpus_dir)
    mine = [p for p in corpus.problems if p.path == rel]
    found = [(p.line, p.column, p.field) for p in mine if p.code == code]
    assert found == [(line, column, field), *ALSO.get(rel, [])]
    # nothing else is wrong with the fixture but its own code (and the warning a new study gets)
    assert {p.code for p in mine} - {"orphan-study", "missing-field"} <= {code}
    assert all(p.path == rel for p in corpus.problems), "the valid records stay valid"
    assert len(corpus.claims) + len(corpus.studies) >= 10


def test_the_valid_mini_repo_is_clean() -> None:
    corpus = load_corpus(VALID)
    assert corpus.problems == []
    assert (len(corpus.claims), len(corpus.studies), corpus.files_checked) == (5, 5, 10)
    assert corpus.paths["studies/doe-2015"] == VALID / "studies" / "doe-2015.yaml"
    assert all(isinstance(s, Study) for s in corpus.studies.values())
    assert all(isinstance(c, Claim) for c in corpus.claims.values())


def test_all_bad_files_in_one_pass_and_the_good_ones_still_load(
    corpus_dir: Path,
) -> None:
    for rel in FIXTURES:
        shutil.copy(INVALID / rel, corpus_dir / rel)
    corpus = load_corpus(corpus_dir)
    errors = {p.path for p in corpus.problems if p.severity is Severity.ERROR}
    assert len(errors) == 20
    assert set(corpus.studies) >= {
        "doe-2015",
        "roe-2019",
        "poe-2020",
        "moe-2012",
        "zoe-2010",
    }
    assert corpus.problems == sorted(corpus.problems, key=lambda p: p.sort_key)


# --------------------------------------------------------------------------- golden wording


def test_golden_unknown_field() -> None:
    result = read_record(INVALID / "studies" / "unknown-field.yaml", INVALID)
    assert result.record is None
    assert [format_problem(p) for p in result.problems] == [
        "studies/unknown-field.yaml:6:15: error[missing-field]: participants.population: "
        "missing required field 'population'\n    hint: add population: (who took part)",
        "studies/unknown-field.yaml:6:23: error[unknown-field]: participants.populaton: "
        "not a field of participants\n    hint: did you mean 'population'?",
    ]


def test_golden_yaml_octal_number() -> None:
    (found,) = read_record(INVALID / "studies" / "invalid-type.yaml", INVALID).problems
    assert format_problem(found) == (
        "studies/invalid-type.yaml:5:7: error[invalid-type]: pmid: expected text, "
        "found 012345, which YAML reads as 5349\n    hint: if you mean the text, put it in quotes: '012345'"
    )


def test_golden_duplicate_key() -> None:
    (found,) = read_record(INVALID / "studies" / "duplicate-key.yaml", INVALID).problems
    assert format_problem(found) == (
        "studies/duplicate-key.yaml:10:1: error[duplicate-key]: year: duplicate key 'year' (first at line 4)"
        "\n    hint: keep one of them: YAML would silently use the last one"
    )


def test_golden_yes_no_in_a_choice() -> None:
    text = (
        (VALID / "studies" / "doe-2015.yaml")
        .read_text()
        .replace("sex: male", "sex: no")
    )
    (found,) = parse_record(text, "studies/doe-2015.yaml").problems
    assert format_problem(found) == (
        "studies/doe-2015.yaml:12:57: error[invalid-value]: participants.sex: expected one of male, "
        "female, mixed, not-reported, found no, which YAML reads as false"
        "\n    hint: if you mean the text, put it in quotes: 'no'"
    )


# --------------------------------------------------------------------------- positions


STUDY = """\
    # yaml-language-server: $schema=../schemas/study.schema.json
    id: doe-2016
    title: A placeholder
    year: 2016
    design: rct-parallel
    participants:
      n: 10
      population: runners
    garment:
      type: socks
    comparator: no-garment
    blinding: none
    outcomes:
      - key: race-time
        name: Race time
        domain: performance
        measure: objective
        direction: benefit
        effect:
          metric: md
          value: -2.0
          ci: [-4.0, 0.5]
"""


def _problems(write_record: WriteRecord, text: str) -> list[tuple[int, int, str, str]]:
    path = write_record("studies/doe-2016.yaml", text)
    return [(p.line, p.column, p.code, p.field) for p in read_record(path).problems]


def test_a_present_value_is_placed_at_the_value(write_record: WriteRecord) -> None:
    text = STUDY.replace("measure: objective", "measure: measured")
    assert _problems(write_record, text) == [
        (17, 14, "invalid-value", "outcomes[0].measure")
    ]


def test_a_list_item_is_placed_at_the_item(write_record: WriteRecord) -> None:
    text = STUDY.replace("ci: [-4.0, 0.5]", "ci: [-4.0, yes]")
    assert _problems(write_record, text) == [
        (22, 18, "invalid-type", "outcomes[0].effect.ci[1]")
    ]


def test_an_unknown_key_is_placed_at_the_key(write_record: WriteRecord) -> None:
    text = STUDY.replace("      type: socks", "      type: socks\n      colour: black")
    assert _problems(write_record, text) == [(11, 3, "unknown-field", "garment.colour")]


def test_a_missing_field_is_placed_at_the_enclosing_mapping(
    write_record: WriteRecord,
) -> None:
    text = STUDY.replace("        direction: benefit\n", "")
    assert _problems(write_record, text) == [
        (14, 5, "missing-field", "outcomes[0].direction")
    ]


def test_positions_survive_crlf_and_a_byte_order_mark(
    write_record: WriteRecord,
) -> None:
    text = STUDY.replace("measure: objective", "measure: measured")
    path = write_record("studies/doe-2016.yaml", "")
    path.write_bytes(
        b"\xef\xbb\xbf"
        + text.replace("\n    ", "\n")
        .removeprefix("    ")
        .replace("\n", "\r\n")
        .encode()
    )
    assert [(p.line, p.code) for p in read_record(path).problems] == [
        (17, "invalid-value")
    ]


def test_yaml_base_60_time_in_text_field(write_record: WriteRecord) -> None:
    found = _problems(
        write_record, STUDY.replace("title: A placeholder", "title: 12:30:00")
    )
    assert found == [(3, 8, "invalid-type", "title")]
    (problem,) = read_record(
        write_record(
            "studies/doe-2016.yaml", STUDY.replace("A placeholder", "12:30:00")
        )
    ).problems
    assert problem.message == "expected text, found 12:30:00, which YAML reads as 45000"


def test_a_quoted_number_is_the_wrong_type(write_record: WriteRecord) -> None:
    (problem,) = read_record(
        write_record("studies/doe-2016.yaml", STUDY.replace("n: 10", "n: '10'"))
    ).problems
    assert (problem.code, problem.field, problem.hint) == (
        "invalid-type",
        "participants.n",
        "write it without quotes",
    )


def test_nested_duplicate_key_names_its_field(write_record: WriteRecord) -> None:
    text = STUDY.replace(
        "          metric: md\n", "          metric: md\n          metric: smd\n"
    )
    assert _problems(write_record, text) == [
        (21, 7, "duplicate-key", "outcomes[0].effect.metric")
    ]


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "yaml-anchor", 1),
        ("id: doe-2016\n<<: {title: merged}\n", "yaml-anchor", 2),
        (
            "id: doe-2016\nnotes: !!python/object/apply:os.system ['true']\n",
            "yaml-syntax",
            2,
        ),
        ("id: doe-2016\n---\nid: doe-2017\n", "yaml-syntax", 2),
        ("id: doe-2016\nparticipants:\n\tn: 3\n", "yaml-syntax", 3),
        ("[" * 100_000 + "]" * 100_000, "too-deep", 1),
        ("- " * 100_000 + "x", "too-deep", 1),
        ("{a: " * 30_000 + "1" + "}" * 30_000, "too-deep", 1),
        ("", "not-a-mapping", 1),
        ("just text\n", "not-a-mapping", 1),
    ],
)
def test_hostile_yaml_is_a_problem_not_a_crash(text: str, code: str, line: int) -> None:
    result = parse_record(text, "studies/doe-2016.yaml")
    assert result.record is None
    assert [(p.code, p.line) for p in result.problems][:1] == [(code, line)]


def test_the_python_tag_hint() -> None:
    (found,) = parse_record(
        "id: x\nn: !!python/name:os.system\n", "studies/doe-2016.yaml"
    ).problems
    assert (
        found.hint
        == "tags (!!python/..., !custom) are not allowed; write a plain value"
    )


def test_a_symlink_is_refused(corpus_dir: Path) -> None:
    os.symlink(
        corpus_dir / "studies" / "doe-2015.yaml",
        corpus_dir / "studies" / "doe-2015b.yaml",
    )
    corpus = load_corpus(corpus_dir)
    assert ("studies/doe-2015b.yaml", 1, "symlink") in flatten(corpus.problems)
    assert "doe-2015b" not in corpus.studies


def test_a_file_over_the_cap_is_refused_unread(write_record: WriteRecord) -> None:
    path = write_record(
        "studies/big-2020.yaml", b"id: big-2020\nnotes: " + b"x" * MAX_BYTES + b"\n"
    )
    assert flatten(read_record(path).problems) == [
        ("studies/big-2020.yaml", 1, "file-too-large")
    ]


def test_ids_equal_without_case_collide(corpus_dir: Path) -> None:
    text = (
        (corpus_dir / "studies" / "doe-2015.yaml")
        .read_text()
        .replace("id: doe-2015", "id: DOE-2015")
    )
    (corpus_dir / "studies" / "DOE-2015.yaml").write_text(text)
    found = flatten(load_corpus(corpus_dir).problems)
    assert (
        "studies/doe-2015.yaml",
        3,
        "duplicate-id",
    ) in found  # the later file in name order
    assert ("studies/DOE-2015.yaml", 3, "invalid-format") in found


def test_hidden_files_other_files_and_folders_are_ignored(
    corpus_dir: Path, write_record: WriteRecord
) -> None:
    write_record("studies/.tmp-doe-2015.yaml", "not: [valid")
    write_record("studies/README.md", "# studies\n")
    write_record("studies/old/doe-2001.yaml", "not: [valid")
    corpus = load_corpus(corpus_dir)
    assert corpus.problems == []
    assert corpus.files_checked == 10


def test_missing_folders_are_an_empty_corpus(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path)
    assert (corpus.files_checked, corpus.problems, corpus.claims) == (0, [], {})


def test_a_missing_root_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no data folder"):
        load_corpus(tmp_path / "nowhere")


def test_parse_record_needs_a_kind_folder() -> None:
    with pytest.raises(StoreError, match="claims/ or studies/"):
        parse_record("id: x\n", "notes/x.yaml")


def test_read_record_returns_the_model() -> None:
    record, problems = read_record(
        VALID / "claims" / "compression-reduces-muscle-soreness.yaml"
    )
    assert problems == []
    assert isinstance(record, Claim)
    assert record.evidence[1].study == "poe-2020"


def test_an_impossible_date_is_reported_at_its_field(write_record: WriteRecord) -> None:
    rel = "claims/compression-flushes-lactate.yaml"
    path = write_record(
        rel, (VALID / rel).read_text().replace("2026-11-27", "2026-13-27")
    )
    (found,) = read_record(path).problems
    assert (found.line, found.code, found.field) == (
        20,
        "invalid-value",
        "verdict.reviewed",
    )


@pytest.mark.parametrize(
    "text", ["a: !!int abc\n", "a: !!float x\n", "a: !!timestamp soon\n"]
)
def test_a_tag_that_cannot_be_built_is_a_problem(text: str) -> None:
    result = parse_record(text, "studies/doe-2016.yaml")
    assert result.record is None
    assert result.problems


_EDITS = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.sampled_from(
            [
                *" :-[]{},&*!|>'\"#?\n\t%@`~09yn.<=é\u2028\x85\ufeff",
                "!!int ",
                "<<: ",
                "---\n",
                "&a ",
                "*a",
            ]
        ),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(VALID.rglob("*.yaml"))), _EDITS)
def test_no_edit_of_a_record_makes_loading_raise(
    source: Path, edits: list[tuple[float, str]]
) -> None:
    text = source.read_text(encoding="utf-8")
    for where, piece in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at + 1 :]
    result = parse_record(text, source.relative_to(VALID).as_posix())
    assert (result.record is None) == any(
        p.severity is Severity.ERROR for p in result.problems
    )
    assert all(p.line >= 1 and p.column >= 1 and p.code for p in result.problems)


def test_a_file_that_cannot_be_read_is_a_problem(corpus_dir: Path) -> None:
    folder = (
        corpus_dir / "studies" / "doe-2016.yaml"
    )  # a folder: open() fails even for root
    folder.mkdir()
    assert flatten(read_record(folder).problems) == [
        ("studies/doe-2016.yaml", 1, "unreadable")
    ]
    assert load_corpus(corpus_dir).problems == []  # folders in studies/ are not records


def test_read_record_of_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such file"):
        read_record(tmp_path / "studies" / "doe-2015.yaml")
