"""Incremental site builds: after a record changes, only the files that show it are
rewritten, and the site is byte for byte what a full build makes."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from claimtracker.site import build_site
from claimtracker.site.settings import SiteSettings
from conftest import REPO
from site_helpers import SETTINGS, copy_records, edit_yaml, tree


def build(root: Path, out: Path, **kw):
    return build_site(root, out, settings=SETTINGS, **kw)


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the shipped records and a full build of them."""
    root = copy_records(REPO, tmp_path / "data")
    out = tmp_path / "public"
    assert build(root, out).mode == "full"
    return root, out


def same_as_full_build(root: Path, out: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    build(root, fresh, state_dir=tmp_path / "fresh-state")
    assert tree(out) == tree(fresh)
    # Pagefind numbers pages in the order it finds the files, so its page list may differ;
    # the indexed documents (fragments, named by their content) must be the same.
    assert fragments(out) == fragments(fresh)


def fragments(out: Path) -> set[str]:
    return {p.name for p in (out / "pagefind").rglob("*.pf_fragment")}


def pages(report) -> set[str]:
    return {p for p in report.written if p.endswith(".html")}


def test_a_rebuild_with_no_change_writes_nothing(site):
    root, out = site
    (root / "studies" / "scurr-2001.yaml").touch()  # a new stat, the same content
    report = build(root, out)
    assert report.mode == "unchanged"
    assert report.written == [] and report.removed == []


def test_a_study_title_change_rewrites_only_the_files_that_show_the_title(
    site, tmp_path
):
    root, out = site
    edit_yaml(
        root / "studies" / "scurr-2001.yaml", lambda d: d.update(title="A new title")
    )
    report = build(root, out)
    assert report.mode == "incremental"
    assert report.changed_records == ["studies/scurr-2001"]
    assert pages(report) == {
        "study/scurr-2001/index.html",
        "studies/index.html",
        "studies/2001/index.html",
    }
    # The citation files of the claims that cite it carry the title.
    assert set(report.written) - pages(report) == {
        "claim/flight-socks-prevent-dvt/flight-socks-prevent-dvt.bib",
        "claim/flight-socks-prevent-dvt/flight-socks-prevent-dvt.ris",
        "claim/flight-socks-prevent-dvt/flight-socks-prevent-dvt.csl.json",
    }
    same_as_full_build(root, out, tmp_path)


def test_a_verdict_change_rewrites_the_claim_its_studies_and_the_lists(site, tmp_path):
    root, out = site
    claim = "compression-reduces-muscle-soreness-after-running"

    def change(data):
        assert data["verdict"]["rating"] != "unproven"
        data["verdict"]["rating"] = "unproven"
        # a day after the record's last change, so the sitemap's lastmod moves
        last = max(date.fromisoformat(str(h["date"])) for h in data["history"])
        data["history"].append(
            {
                "date": (last + timedelta(days=1)).isoformat(),
                "editor": "editor-name",
                "rating": "unproven",
                "certainty": data["verdict"]["certainty"],
                "reason": "A test of the site's incremental build.",
            }
        )

    edit_yaml(root / "claims" / f"{claim}.yaml", change)
    linked = {
        e["study"]
        for e in __import__("yaml").safe_load(
            (root / "claims" / f"{claim}.yaml").read_text()
        )["evidence"]
    }
    report = build(root, out)
    written = pages(report)
    assert f"claim/{claim}/index.html" in written
    allowed = {
        f"claim/{claim}/index.html",
        "index.html",
        "claims/index.html",
        "map/index.html",
    }
    allowed |= {f"study/{s}/index.html" for s in linked}
    assert written <= allowed
    assert {f"study/{s}/index.html" for s in linked} <= written  # they show its rating
    assert "sitemap.xml" in report.written  # the new lastmod
    same_as_full_build(root, out, tmp_path)


def test_removed_added_and_broken_records_leave_what_a_full_build_leaves(
    site, tmp_path
):
    root, out = site
    (root / "studies" / "scurr-2001.yaml").unlink()
    shutil.copy(
        root / "claims" / "flight-socks-prevent-dvt.yaml",
        root / "claims" / "flight-socks-prevent-dvt-copy.yaml",
    )
    edit_yaml(
        root / "claims" / "flight-socks-prevent-dvt-copy.yaml",
        lambda d: d.update(id="flight-socks-prevent-dvt-copy", proposition="A copy."),
    )
    (root / "studies" / "ali-2007.yaml").write_text("id: ali-2007\ntitle: [broken\n")
    report = build(root, out)
    assert report.mode == "incremental"
    assert "study/scurr-2001/index.html" in report.removed
    assert "study/ali-2007/index.html" in report.removed
    assert (out / "claim" / "flight-socks-prevent-dvt-copy" / "index.html").exists()
    assert [p.code for p in report.problems] == ["yaml-syntax"]
    same_as_full_build(root, out, tmp_path)


def test_new_settings_or_a_lost_output_mean_a_full_build(site):
    root, out = site
    other = SiteSettings(**{**SETTINGS.__dict__, "title": "Another title"})
    assert build_site(root, out, settings=other).mode == "full"
    (out / "index.html").unlink()
    assert build_site(root, out, settings=other).mode == "full"
    assert (out / "index.html").exists()


def test_a_change_of_the_headline_questions_rewrites_the_home_page_only(site, tmp_path):
    root, out = site
    for name in ("questions.yaml", "synonyms.yaml", "glossary.yaml"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, root / name)
    build(root, out, full=True)
    text = (root / "questions.yaml").read_text(encoding="utf-8")
    (root / "questions.yaml").write_text(
        text.replace(
            "Do flight socks prevent blood clots?", "Do flight socks stop clots?"
        ),
        encoding="utf-8",
    )
    report = build(root, out)
    assert report.mode == "incremental" and report.changed_records == []
    assert pages(report) == {"index.html"}
    assert "Do flight socks stop clots?" in (out / "index.html").read_text()
    same_as_full_build(root, out, tmp_path)


def test_pages_rendered_by_two_worker_processes_are_the_same_as_by_one(tmp_path):
    root = copy_records(REPO, tmp_path / "data")
    one, two = tmp_path / "one", tmp_path / "two"
    build(root, one, workers=1, search=False)
    report = build(root, two, workers=2, search=False)
    assert report.pages == len([p for p in tree(two) if p.endswith(".html")])
    assert tree(one) == tree(two)
