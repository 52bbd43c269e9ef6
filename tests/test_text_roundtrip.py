"""Property: every text a save accepts, in any text field, reads back equal, and stays editable.

Any Unicode may be typed into a form or passed to ``--summary``: line and paragraph separators
(U+2028, U+2029), NEL, noncharacters, lone surrogates, control characters, emoji. The model
refuses some of them with a validation error; whatever it accepts, the save must write so that
the store reads back the same record, and so that the next save of the record (which reads the
file with the round-trip writer) works too.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.functional_validators import AfterValidator

from claimtracker import vocab
from claimtracker.auth import cli_actor
from claimtracker.models import RECORD_KINDS, Claim, Study
from claimtracker.saving import read_current, save_record
from claimtracker.store import load_corpus

DATA = Path(__file__).parent / "data" / "editors"
ED = cli_actor("ed")

# A claim and a study with every text field filled in (a list holds one item).
CLAIM: dict[str, Any] = {
    "id": "compression-text-probe",
    "status": "withdrawn",
    "proposition": "Compression socks make runners faster.",
    "aliases": ["faster in socks"],
    "domain": "performance",
    "about": {"populations": ["runners"], "garments": ["socks"]},
    "appearances": [
        {
            "claimant": "Example Sock Co.",
            "claimant_type": "manufacturer",
            "product": "Sock One",
            "quote": "Run faster",
            "paraphrase": "Says the socks make you faster.",
            "source": "A leaflet",
            "note": "Seen in a shop.",
        }
    ],
    "rulings": [
        {
            "body": "A regulator",
            "subject": "Example Sock Co.",
            "outcome": "upheld",
            "case": "A/1",
            "summary": "The claim was not substantiated.",
            "quote": "not substantiated",
        }
    ],
    "evidence": [
        {"study": "kemmler-2009", "outcome": "time-to-exhaustion", "note": "socks"}
    ],
    "verdict": {
        "rating": "unproven",
        "certainty": "low",
        "summary": "Too little evidence.",
        "safe_wording": "It is unclear whether they help.",
        "reviewed": "2026-11-27",
        "reviewer": "ed",
    },
    "history": [
        {
            "date": "2026-11-27",
            "editor": "ed",
            "rating": "unproven",
            "certainty": "low",
            "reason": "First review.",
        }
    ],
    "withdrawn_reason": "Merged into another claim.",
}
STUDY: dict[str, Any] = {
    "id": "probe-2020",
    "status": "draft",
    "title": "A trial of compression socks",
    "authors": ["Doe, J."],
    "year": 2020,
    "journal": "A Journal",
    "volume": "1",
    "issue": "2",
    "pages": "3-4",
    "design": "rct-parallel",
    "participants": {
        "n": 20,
        "population": "recreational-runners",
        "sex": "mixed",
        "description": "Club runners.",
        "sex_note": "Ten of each.",
    },
    "garment": {"type": "socks", "pressure_note": "Not measured."},
    "comparator": "regular-socks",
    "comparator_note": "Ordinary sports socks.",
    "blinding": "none",
    "risk_of_bias": {"rating": "high", "note": "Not blinded."},
    "funding": {"source": "None declared.", "conflicts": "None."},
    "integrity": {"status": "corrected", "note": "A table was corrected."},
    "outcomes": [
        {
            "key": "race-time",
            "name": "5 km time",
            "domain": "performance",
            "measure": "objective",
            "direction": "no-difference",
            "reported": "No difference (p = 0.4).",
            "effect": {
                "metric": "md",
                "value": 1.0,
                "unit": "s",
                "note": "socks - none",
            },
            "arms": {
                "compression": {"mean": 1200.0, "sd": 60.0, "n": 10},
                "control": {"mean": 1199.0, "sd": 58.0, "n": 10},
                "note": "Means of the two groups.",
            },
            "timepoint": "During the run",
            "source": {
                "kind": "abstract",
                "url": "https://example.org/abstract",
                "locator": "Results, second paragraph",
            },
        }
    ],
    "summary": "No difference in race time.",
    "notes": "Checked against the abstract.",
}
BASES = {"claims": CLAIM, "studies": STUDY}


# --------------------------------------------------------------------------- the text fields


def _is_text(metadata: list[Any]) -> bool:
    return any(
        isinstance(m, AfterValidator) and m.func is vocab._clean_text for m in metadata
    )


def _paths(annotation: Any, metadata: list[Any], path: tuple[str, ...]) -> list[Any]:
    if _is_text(metadata):
        return [path]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _paths(args[0], [*args[1:], *metadata], path)
    if origin in (typing.Union, types.UnionType):
        return [p for a in args for p in _paths(a, [], path)]
    if origin is list:
        return _paths(args[0], [], (*path, "[]"))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [
            p
            for name, info in annotation.model_fields.items()
            for p in _paths(info.annotation, info.metadata, (*path, name))
        ]
    return []


def text_fields(model: type[BaseModel]) -> list[tuple[str, ...]]:
    """Every free-text field of a record, as paths (``"[]"``: the first item of a list)."""
    return _paths(model, [], ())


FIELDS = [(kind, p) for kind, model in RECORD_KINDS.items() for p in text_fields(model)]


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        data = data[0] if step == "[]" else data[step]
    return data


def _set(data: dict[str, Any], path: tuple[str, ...], value: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    *parents, last = path
    holder: Any = data
    for step in parents:
        holder = holder[0] if step == "[]" else holder[step]
    if last == "[]":
        holder[0] = value
    else:
        holder[last] = value
    return data


def test_the_probe_records_fill_every_text_field() -> None:
    """A new text field in the models must be added to CLAIM or STUDY above."""
    assert len(FIELDS) > 30
    for kind, path in FIELDS:
        assert isinstance(_get(BASES[kind], path), str), (kind, path)
    for kind, base in BASES.items():
        RECORD_KINDS[kind].model_validate(base)


# --------------------------------------------------------------------------- the property

LONG = (
    "A sentence long enough to be folded over two lines by the writer. " * 2
).strip()
SEPARATORS = (
    "\u2028\u2029\x85\r\n\t\x0b\x0c\ufeff\ufffe\uffff\ud800\udfff\x00\x7f\u200b"
)
# any character at all; and any the model may accept, with the separators mixed in often
any_char = st.characters(exclude_categories=()) | st.sampled_from(SEPARATORS)
accepted_char = st.characters(exclude_categories=("Cc", "Cs", "Cf")) | st.sampled_from(
    "\u2028\u2029\t\n\ufffe\uffff\ue000 '\"#:-"
)
texts = st.one_of(
    # text longer than a writer's line width, with runs of spaces (a wrap would lose them)
    st.lists(
        st.sampled_from(["word", " ", "  ", "y" * 700, "\u2028"]),
        min_size=4,
        max_size=24,
    ).map("".join),
    st.text(any_char, min_size=1, max_size=20),
    st.text(accepted_char, min_size=1, max_size=40),
    # long prose, which the writer folds over several lines
    st.lists(
        st.text(accepted_char, min_size=1, max_size=12) | st.just("word"),
        min_size=8,
        max_size=30,
    ).map(" ".join),
)


def _edit_again(kind: str, record: Study | Claim) -> Study | Claim:
    """A change of another field, as the next editor would make it."""
    data = record.model_dump(exclude_none=True)
    if isinstance(record, Claim):
        assert record.verdict is not None
        data["verdict"]["certainty"] = (
            "moderate" if record.verdict.certainty.value == "low" else "low"
        )
    else:
        data["year"] = record.year + 1
    return RECORD_KINDS[kind].model_validate(data)


def _read_back(root: Path, kind: str, record_id: str) -> Study | Claim:
    corpus = load_corpus(root, cross_checks=False)
    assert corpus.problems == [], corpus.problems
    return (corpus.claims if kind == "claims" else corpus.studies)[record_id]


def check_text(kind: str, path: tuple[str, ...], text: str) -> bool:
    """Save ``text`` in the field at ``path`` and check it; False when the model refuses it."""
    try:
        model = RECORD_KINDS[kind].model_validate(_set(BASES[kind], path, text))
    except ValidationError:
        return False  # refused up front, with the field named
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "store"
        shutil.copytree(DATA, root)
        # the file before: this field holds long prose, written as a folded block
        base = RECORD_KINDS[kind].model_validate(_set(BASES[kind], path, LONG))
        save_record(root, kind, base, base_sha256=None, actor=ED)
        assert ">-" in str(read_current(root, kind, model.id)[0])
        _, sha = read_current(root, kind, model.id)
        save_record(root, kind, model, base_sha256=sha, actor=ED)
        assert _read_back(root, kind, model.id) == model
        # the next save reads the file with the round-trip writer: it must work too
        again = _edit_again(kind, model)
        _, sha = read_current(root, kind, model.id)
        save_record(root, kind, again, base_sha256=sha, actor=ED)
        back = _read_back(root, kind, model.id)
        assert back == again
        assert _get(back.model_dump(), path) == _get(model.model_dump(), path)
        # and the file as written is accepted as an editor's text, unchanged
        written, sha = read_current(root, kind, model.id)
        assert written is not None
        result = save_record(
            root, kind, written, base_sha256=sha, actor=ED, record_id=model.id
        )
        assert not result.changed
    return True


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(field=st.sampled_from(FIELDS), text=texts)
@example(field=("claims", ("verdict", "summary")), text="x\u2028y")
@example(field=("claims", ("verdict", "summary")), text=" ".join(["word\u2029"] * 30))
@example(field=("studies", ("title",)), text="a\u2028" * 60)
# found by this test: a tab in a folded block
@example(field=("studies", ("title",)), text="\t0")
# found by the kill -9 runs: a plain line over the writer's width wrapped at a run of spaces
@example(field=("claims", ("proposition",)), text="Wearing  " + "y" * 6000)
def test_every_text_a_save_accepts_reads_back_equal(
    field: tuple[str, tuple[str, ...]], text: str
) -> None:
    kind, path = field
    event("saved" if check_text(kind, path, text) else "refused by the model")


@pytest.mark.parametrize(
    "text", ["x\u2028y", "x\u2029y", "a\u2028 " * 40, "\u2028x", "line\u2028\u2029end"]
)
def test_a_claim_with_a_line_separator_in_its_summary_can_be_edited_again(
    text: str,
) -> None:
    """Issue 11, item 2: the save succeeded, then every later verdict ended in a traceback."""
    assert check_text("claims", ("verdict", "summary"), text)


def test_a_text_save_the_round_trip_reader_cannot_read_is_refused(
    tmp_path: Path,
) -> None:
    """An editor's own YAML with a raw U+2028 in a plain scalar: libyaml reads it, the
    round-trip reader does not. It is refused with the line, not saved and then uneditable."""
    root = tmp_path / "store"
    shutil.copytree(DATA, root)
    claim = "compression-socks-improve-running-performance"
    text, sha = read_current(root, "claims", claim)
    assert text is not None
    # libyaml reads the folded block as 'first\u2028review'; the round-trip reader fails on it
    broken = text.replace(
        "    reason: first review\n", "    reason: >-\n      first\u2028      review\n"
    )
    assert broken != text
    assert yaml.load(broken, Loader=yaml.CSafeLoader)["history"][0]["reason"] == (
        "first\u2028review"
    )
    from claimtracker.saving import InvalidRecord

    try:
        save_record(root, "claims", broken, base_sha256=sha, actor=ED, record_id=claim)
    except InvalidRecord as err:
        assert "line" in str(err)
        assert read_current(root, "claims", claim)[1] == sha
        return
    # accepted: then it must stay editable
    record = _read_back(root, "claims", claim)
    again = _edit_again("claims", record)
    _, sha = read_current(root, "claims", claim)
    save_record(root, "claims", again, base_sha256=sha, actor=ED)
    assert _read_back(root, "claims", claim) == again
