"""Everything generated from the models and the catalogue is up to date, and the schemas
agree with the models on real records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from claimtracker.problems import CATALOGUE
from claimtracker.scaffold import json_schema, skeleton, stale_files
from conftest import REPO, VALID


def test_generated_files_are_up_to_date() -> None:
    stale = stale_files(REPO)
    assert not stale, f"out of date: {', '.join(stale)}; run: claimtracker schema"


def test_every_code_is_documented() -> None:
    page = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    assert [c for c in CATALOGUE if f"\n## {c}\n" not in page] == []


def _as_json(path: Path) -> Any:
    """A record as an editor's schema validator sees it (dates as text)."""
    return json.loads(
        json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)
    )


@pytest.mark.parametrize("kind", ["study", "claim"])
def test_the_schemas_accept_valid_records_and_skeletons(kind: str) -> None:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    folder = "studies" if kind == "study" else "claims"
    records = [_as_json(p) for p in sorted((REPO / folder).glob("*.yaml"))]
    records += [_as_json(p) for p in sorted((VALID / folder).glob("*.yaml"))]
    records.append(yaml.safe_load(skeleton(kind, "doe-2016")))
    problems = [
        f"{r.get('id')}: {e.message}" for r in records for e in validator.iter_errors(r)
    ]
    assert problems == []


def test_the_schema_rejects_an_unknown_key_and_a_bad_choice() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("study"))
    record = _as_json(VALID / "studies" / "doe-2015.yaml")
    assert not list(validator.iter_errors(record))
    record["populaton"] = "runners"
    record["blinding"] = "single"
    assert sorted(e.validator for e in validator.iter_errors(record)) == [
        "additionalProperties",
        "enum",
    ]


def test_the_packaged_streamlit_settings_are_the_repositorys() -> None:
    """``claimtracker dashboard`` runs the packaged script, whose folder's settings apply."""
    packaged = (
        REPO / "src" / "claimtracker" / "dashboard" / ".streamlit" / "config.toml"
    )
    shipped = REPO / ".streamlit" / "config.toml"
    assert packaged.read_text(encoding="utf-8") == shipped.read_text(
        encoding="utf-8"
    ), "run: cp .streamlit/config.toml src/claimtracker/dashboard/.streamlit/"
