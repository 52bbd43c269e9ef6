"""BibTeX in and out: bounded work per entry, a dry run as strict as the save, braced authors.

Issue 11, items 6 and 10. LaTeX decoding grows faster than the text (a 4 MB entry took about
five minutes), so an entry's size and its fields' lengths are checked on the raw text before
anything is decoded, and only the fields a study record keeps are decoded. The dry run applies
the very checks a save applies. An author whose name holds the word "and" is braced on
export, so BibTeX reads one author back, not two. The time bound itself is measured as a
ratio in ``benchmarks/bench_bibtex.py`` (``make bench``), not here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtracker import references
from claimtracker.auth import cli_actor
from claimtracker.citations import bibtex_entry
from claimtracker.imports import ImportStatus, plan_import, run_import
from claimtracker.models import Study
from claimtracker.references import read_bibtex, read_import_file

DATA = Path(__file__).parent / "data"
ED = "ed"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "editors", tmp_path / "store")
    return tmp_path / "store"


def entry(key: str, title: str, author: str = "Doe, J.", **more: str) -> str:
    fields = {
        "author": author,
        "title": title,
        "journal": "J Sports Sci",
        "year": "2020",
    }
    fields |= more
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@article{{{key},\n{body}\n}}\n\n"


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every string handed to the LaTeX decoder."""
    seen: list[int] = []
    from pylatexenc.latex2text import LatexNodes2Text

    real = LatexNodes2Text.latex_to_text

    def spy(self: Any, text: str, *args: Any, **kwargs: Any) -> str:
        seen.append(len(text))
        return str(real(self, text, *args, **kwargs))

    monkeypatch.setattr(LatexNodes2Text, "latex_to_text", spy)
    return seen


def test_a_4_mb_entry_is_rejected_before_anything_is_decoded(
    tmp_path: Path, decoded: list[int]
) -> None:
    huge = '{\\"o}{a} ' * (4 * 1024 * 1024 // 9)  # the slowest kind of text to decode
    bib = tmp_path / "refs.bib"
    bib.write_text(
        entry("small2019", 'Compression {\\"o} socks', year="2019")
        + entry("huge2020", huge)
        + entry("after2021", "Sleeves and {GPS}", year="2021")
    )
    assert 4 * 1024 * 1024 < bib.stat().st_size < references.MAX_BYTES
    citations, rejected = read_import_file(bib)
    assert [c.key for c in citations] == ["small2019", "after2021"]
    assert [(r.line, r.key) for r in rejected] == [(8, "huge2020")]
    assert "4,096 KB" in rejected[0].reason and "64 KB" in rejected[0].reason
    assert citations[0].title == "Compression ö socks"
    assert citations[1].line == 15  # line numbers after the rejected entry still hold
    assert max(decoded) < 1000  # only the small entries' fields were decoded


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("title", "Long words " * 500, "the title is 5,500 characters"),
        ("journal", "J" * 1200, "the journal is 1,200 characters"),
        ("author", " and ".join(["Doe, J."] * 1500), "the author list is"),
    ],
)
def test_an_over_long_field_is_rejected_before_decoding(
    decoded: list[int], field: str, value: str, reason: str
) -> None:
    fields = {"title": "A title", "author": "Doe, J.", field: value}
    citations, rejected = read_bibtex(entry("long2020", **fields))
    assert citations == []
    assert len(rejected) == 1 and reason in rejected[0].reason
    assert decoded == []


def test_only_the_fields_a_study_keeps_are_decoded(decoded: list[int]) -> None:
    abstract = '{\\"o}' * 10_000
    citations, rejected = read_bibtex(entry("a2020", "Title", abstract=abstract))
    assert rejected == [] and len(citations) == 1
    assert all(n < 100 for n in decoded)


def test_the_dry_run_rejects_what_the_save_rejects(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with the per-entry limits lifted, the plan applies the save's own checks."""
    monkeypatch.setattr(references, "MAX_ENTRY_BYTES", 1024 * 1024)
    monkeypatch.setattr(references, "MAX_TITLE_CHARS", 1024 * 1024)
    title = "Compression socks and running " * 10_000  # a record over 256 KB
    citations, rejected = read_bibtex(
        entry("big2020", title) + entry("ok2021", "Fine", year="2021")
    )
    assert rejected == []
    plan = plan_import(root, citations, rejected, "refs.bib")
    done = run_import(root, plan, cli_actor(ED))
    assert [(i.key, i.status) for i in plan.items] == [
        (i.key, i.status) for i in done.items
    ]
    assert [i.status for i in plan.items] == [
        ImportStatus.REJECTED,
        ImportStatus.IMPORTED,
    ]
    assert "larger than 256 KB" in plan.items[0].reason


def test_the_dry_run_reports_an_oversized_entry_as_rejected(
    root: Path, tmp_path: Path
) -> None:
    """The reproduction: a 300 KB entry was 'imported' by the dry run, refused by the save."""
    bib = tmp_path / "refs.bib"
    bib.write_text(entry("big2020", "Compression socks and running " * 10_000))
    citations, rejected = read_import_file(bib)
    plan = plan_import(root, citations, rejected, "refs.bib")
    assert [i.status for i in plan.items] == [ImportStatus.REJECTED]


# --------------------------------------------------------------------------- authors


def study(authors: list[str]) -> Study:
    return Study.model_validate(
        {
            "id": "doe-2020",
            "status": "draft",
            "title": "A title",
            "authors": authors,
            "year": 2020,
            "design": "rct-parallel",
            "participants": {"population": "mixed"},
            "garment": {"type": "socks"},
            "comparator": "not-reported",
            "blinding": "none",
        }
    )


@pytest.mark.parametrize(
    "name",
    [
        "Evil, X. AND Other, Y.",
        "Evil, X. and Other, Y.",
        "Evil, X. And Other, Y.",
        "Evil, X.\tand Other, Y.",
        "Group and Co",
        "A, B, C",
        "others",
        "Doe}, J.",
        "Doe{, J.",
    ],
)
def test_an_author_is_read_back_as_one_author(name: str) -> None:
    citations, rejected = read_bibtex(bibtex_entry(study([name, "Roe, R."])))
    assert rejected == []
    assert len(citations[0].authors) == 2, citations[0].authors
    assert not citations[0].truncated
    assert citations[0].authors[1] == "Roe, R."


names = (
    st.lists(
        st.text(
            st.characters(
                exclude_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp")
            ),
            max_size=8,
        )
        | st.sampled_from([" and ", " AND ", "\tAnd ", "{", "}", ", ", "\\", "%", "~"]),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    # a name has a letter or digit ("{" alone is not one); "others" means et al. in BibTeX
    .filter(lambda s: any(c.isalnum() for c in s))
    .filter(lambda s: s.strip().lower() not in {"others", "et al", "et al."})
)


@settings(max_examples=200, deadline=None)
@given(st.lists(names, min_size=1, max_size=4))
def test_any_author_list_reads_back_with_as_many_authors(authors: list[str]) -> None:
    try:
        record = study(authors)
    except ValueError:
        return
    citations, rejected = read_bibtex(bibtex_entry(record))
    assert rejected == []
    assert len(citations[0].authors) == len(record.authors), bibtex_entry(record)
