"""Reloading with the parse cache equals a fresh load; the dashboard re-assesses only what an edit touches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimtracker import store
from claimtracker.store import ParseCache, load_corpus
from conftest import WriteRecord, flatten


def same_as_fresh(root: Path, cache: ParseCache) -> store.Corpus:
    cached, fresh = load_corpus(root, cache=cache), load_corpus(root)
    assert cached.claims == fresh.claims
    assert cached.studies == fresh.studies
    assert flatten(cached.problems) == flatten(fresh.problems)
    assert cached.files == fresh.files
    assert cached.paths == fresh.paths
    return cached


def test_unchanged_files_give_back_the_same_records(corpus_dir: Path) -> None:
    cache: ParseCache = {}
    first = load_corpus(corpus_dir, cache=cache)
    again = same_as_fresh(corpus_dir, cache)
    assert set(cache) == set(first.files)
    assert all(again.studies[i] is first.studies[i] for i in first.studies)
    assert all(again.claims[i] is first.claims[i] for i in first.claims)


def test_an_edited_file_is_read_again(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache: ParseCache = {}
    first = load_corpus(corpus_dir, cache=cache)
    study_id = sorted(first.studies)[0]
    path = first.paths[f"studies/{study_id}"]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Revised ", 1), encoding="utf-8")
    reads: list[str] = []
    real_read = store._read

    def counting_read(fs_path: str, rel: str) -> store.RecordResult:
        reads.append(rel)
        return real_read(fs_path, rel)

    monkeypatch.setattr(store, "_read", counting_read)
    again = load_corpus(corpus_dir, cache=cache)
    monkeypatch.undo()
    assert reads == [f"studies/{path.name}"]
    assert again.studies[study_id].title.startswith("Revised ")
    assert again.studies[study_id] is not first.studies[study_id]
    same_as_fresh(corpus_dir, cache)


def test_a_file_rewritten_with_the_same_size_and_time_is_read_again(
    corpus_dir: Path,
) -> None:
    cache: ParseCache = {}
    first = load_corpus(corpus_dir, cache=cache)
    study_id = sorted(first.studies)[0]
    path = first.paths[f"studies/{study_id}"]
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    swapped = text.replace("title: ", "title: X", 1).replace(" ", "", 1)
    assert len(swapped.encode()) == stat.st_size
    tmp = path.with_suffix(".tmp")
    tmp.write_text(swapped, encoding="utf-8")
    os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(tmp, path)  # a new inode, as every save through the app makes
    again = same_as_fresh(corpus_dir, cache)
    assert again.studies[study_id] is not first.studies[study_id]


def test_added_removed_and_broken_files_match_a_fresh_load(
    corpus_dir: Path, write_record: WriteRecord
) -> None:
    cache: ParseCache = {}
    first = load_corpus(corpus_dir, cache=cache)
    gone = first.paths[f"claims/{sorted(first.claims)[0]}"]
    gone.unlink()
    write_record("studies/broken-2020.yaml", "id: broken-2020\ntitle: [unclosed\n")
    again = same_as_fresh(corpus_dir, cache)
    assert f"claims/{gone.name}" not in cache
    assert "studies/broken-2020.yaml" in cache
    assert any(p.path == "studies/broken-2020.yaml" for p in again.problems)
    # Fixing the broken file clears its problems on the next reload.
    write_record("studies/broken-2020.yaml", "id: broken-2020\ntitle: [closed]\n")
    fixed = same_as_fresh(corpus_dir, cache)
    assert not any(
        p.code == "yaml-syntax" and p.path == "studies/broken-2020.yaml"
        for p in fixed.problems
    )


def test_the_dashboard_assesses_again_only_claims_an_edit_touches(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimtracker import grading
    from claimtracker.dashboard.data import _Kept, assess_changed

    kept = _Kept()
    first = load_corpus(corpus_dir, cache=kept.parsed)
    assert assess_changed(first, kept) == grading.assess_corpus(first)
    study_id = sorted(first.studies)[0]
    linking = {
        c.id
        for c in first.claims.values()
        if any(e.study == study_id for e in c.evidence)
    }
    assert linking and linking != set(first.claims)
    path = first.paths[f"studies/{study_id}"]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Revised ", 1), encoding="utf-8")

    asked: list[set[str]] = []
    real = grading.assess_corpus

    def spy(corpus: grading.HasRecords) -> dict[str, grading.Assessment]:
        asked.append(set(corpus.claims))
        return real(corpus)

    monkeypatch.setattr(grading, "assess_corpus", spy)
    kept.engine = spy  # the same engine as before, seen through the spy
    again = load_corpus(corpus_dir, cache=kept.parsed)
    assert assess_changed(again, kept) == real(again)
    assert asked == [linking]
