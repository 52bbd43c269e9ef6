"""The warm-up a dashboard process does before its first visit (claimtracker.dashboard.warm)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from claimtracker.dashboard import data, warm
from conftest import REPO


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped records, as the data root of this process."""
    for folder in ("claims", "studies"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "claimtracker.toml", tmp_path / "claimtracker.toml")
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(tmp_path))
    return tmp_path


def test_the_records_are_read_into_the_cache_the_pages_read_from(root: Path) -> None:
    files = {
        p.relative_to(root).as_posix()
        for folder in ("claims", "studies")
        for p in (root / folder).rglob("*.yaml")
    }
    warm.warm_up().join(timeout=120)
    kept = data._kept[str(root)]
    assert files and set(kept.parsed) == files
    # the page's own read finds every file parsed: the same objects, nothing read twice
    before = dict(kept.parsed)
    data.parsed_records(root)
    assert all(kept.parsed[rel] is before[rel] for rel in files)


def test_a_folder_with_no_project_does_not_stop_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(tmp_path / "nowhere"))
    with caplog.at_level(logging.INFO, logger="claimtracker.dashboard"):
        warm.read_records()  # raises nothing; the page shows what was looked for
    assert "records not read ahead" in caplog.text


def test_a_module_that_fails_to_import_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(warm, "MODULES", ("claimtracker.no_such_module",))
    with caplog.at_level(logging.WARNING, logger="claimtracker.dashboard"):
        warm.import_pages()
    assert "could not import claimtracker.no_such_module" in caplog.text
