"""The static site built from the shipped records: ClaimReview in every claim page, valid
HTML5, no broken links, page metadata, sitemap and robots, citation files, and record text
that stays text."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import extruct
import html5lib
import pytest
from typer.testing import CliRunner

from claimtracker.cli import app
from claimtracker.exports import claim_download, claim_review, is_reviewable
from claimtracker.site import build_site
from claimtracker.site.summary import claim_dates
from claimtracker.store import load_corpus
from conftest import REPO
from site_helpers import (
    BASE,
    HOSTILE,
    SETTINGS,
    copy_records,
    edit_yaml,
    links_of,
    pages,
    resolve,
    site_path,
)

DATA = Path(__file__).parent / "data" / "valid"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped records, built once for this module."""
    out = tmp_path_factory.mktemp("site") / "public"
    build_site(REPO, out, settings=SETTINGS)
    return out


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPO)


def test_every_claim_page_carries_the_claimreview_export_for_that_claim(
    shipped, corpus
):
    checked = 0
    for claim_id, claim in corpus.claims.items():
        page = shipped / "claim" / claim_id / "index.html"
        if claim.status.value == "draft":
            assert not page.exists()
            continue
        found = extruct.extract(
            page.read_text(encoding="utf-8"),
            base_url=f"{BASE}claim/{claim_id}/",
            syntaxes=["json-ld"],
            uniform=True,
        )["json-ld"]
        if is_reviewable(claim):
            assert found == [claim_review(claim, SETTINGS.publisher)]
            assert found[0]["url"] == f"{BASE}claim/{claim_id}/"
            checked += 1
        else:
            assert found == []
    assert checked >= 25


def test_the_claimreview_and_citation_files_beside_each_claim_page_are_the_exports(
    shipped, corpus
):
    for claim_id, claim in corpus.claims.items():
        if claim.status.value == "draft":
            continue
        kinds = ["bibtex", "ris", "csl-json"]
        if is_reviewable(claim):
            kinds.append("claimreview")
        for kind in kinds:
            export = claim_download(kind, claim, corpus.studies, SETTINGS.publisher)
            beside = shipped / "claim" / claim_id / export.file_name
            assert beside.read_bytes() == export.data, (claim_id, kind)
            html = (shipped / "claim" / claim_id / "index.html").read_text()
            assert f'href="{export.file_name}"' in html


def test_every_page_is_valid_html5(shipped):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    checked = 0
    for page in pages(shipped):
        try:
            parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as exc:
            pytest.fail(f"{page.relative_to(shipped)}: {exc}")
        checked += 1
    assert checked > 80


def test_no_internal_link_is_broken_and_every_page_is_linked(shipped):
    broken = []
    linked: set[Path] = set()
    for page in pages(shipped):
        for tag, attribute, link in links_of(page.read_text(encoding="utf-8")):
            target = resolve(shipped, page, link)
            if target is None:
                continue
            if not target.exists():
                broken.append(
                    f"{page.relative_to(shipped)}: <{tag} {attribute}={link}>"
                )
            linked.add(target)
    assert broken == []
    orphans = [
        p.relative_to(shipped).as_posix()
        for p in pages(shipped)
        if p not in linked and p.name != "404.html"
    ]
    assert orphans == []


def test_each_page_has_its_own_title_description_canonical_and_preview_tags(shipped):
    titles: dict[str, str] = {}
    for page in pages(shipped):
        doc = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        head = doc.find("head")
        title = head.find("title").text
        path = site_path(shipped, page)
        assert title and title not in titles, (path, titles.get(title))
        titles[title] = path
        meta = {
            (m.get("name") or m.get("property")): m.get("content")
            for m in head.iter("meta")
            if m.get("name") or m.get("property")
        }
        canonical = next(
            e.get("href") for e in head.iter("link") if e.get("rel") == "canonical"
        )
        assert canonical == BASE + path
        assert meta["description"] and len(meta["description"]) <= 160
        assert meta["og:title"] == title and meta["twitter:title"] == title
        assert meta["og:url"] == canonical
        assert meta["og:description"] == meta["description"]
        assert meta["twitter:card"] == "summary"
        assert doc.get("lang") == "en"


def test_the_sitemap_lists_published_claims_with_the_date_their_verdict_last_changed(
    shipped, corpus
):
    root = ET.parse(shipped / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {
        u.find("s:loc", ns).text: (
            u.find("s:lastmod", ns).text
            if u.find("s:lastmod", ns) is not None
            else None
        )
        for u in root.findall("s:url", ns)
    }
    for claim_id, claim in corpus.claims.items():
        url = f"{BASE}claim/{claim_id}/"
        if claim.status.value != "published":
            assert url not in entries
            continue
        assert entries[url] == claim_dates(claim).modified.isoformat()
        if is_reviewable(claim):
            review = claim_review(claim, SETTINGS.publisher)
            assert entries[url] == review["dateModified"]
    for loc in entries:
        path = loc.removeprefix(BASE)
        assert (shipped / path / "index.html").exists() or (shipped / path).is_file(), (
            loc
        )
    robots = (shipped / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots
    assert "Disallow: /app/" in robots


def test_pages_link_to_the_dashboard_and_its_editor(shipped):
    html = (shipped / "claim" / "flight-socks-prevent-dvt" / "index.html").read_text()
    assert (
        'href="https://facts.example.org/app/claim?claim=flight-socks-prevent-dvt"'
        in html
    )
    assert (
        'href="https://facts.example.org/app/edit-claim?claim=flight-socks-prevent-dvt"'
        in html
    )
    html = (shipped / "study" / "scurr-2001" / "index.html").read_text()
    assert 'href="https://facts.example.org/app/edit-study?study=scurr-2001"' in html


def test_charts_have_their_data_plotly_from_the_site_and_a_table_beside_them(shipped):
    html = (
        shipped / "claim" / "compression-speeds-recovery-of-strength" / "index.html"
    ).read_text()
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    charts = [d for d in doc.iter("div") if d.get("class") == "chart"]
    assert charts
    for chart in charts:
        table = next(
            t for t in doc.iter("table") if t.get("id") == chart.get("aria-describedby")
        )
        assert len(table.find("tbody")) >= 1
        data = next(
            s for s in doc.iter("script") if s.get("id") == chart.get("id") + "-data"
        )
        figure = json.loads(data.text)
        assert figure["data"] and figure["layout"]
    script = next(s for s in doc.iter("script") if s.get("data-plotly"))
    assert not script.get("data-plotly").startswith(("http:", "https:", "//"))
    assert (shipped / "claim" / "x" / script.get("data-plotly")).resolve().is_file()
    for page in pages(shipped):
        assert "cdn." not in page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose records carry markup, a script end tag and U+2028 in every kind of text."""
    root = copy_records(DATA, tmp_path_factory.mktemp("hostile"))

    def claim(data):
        data["proposition"] = f"{HOSTILE} make you faster."
        data["aliases"] = [HOSTILE]
        data["verdict"]["summary"] = HOSTILE
        data["appearances"][0]["quote"] = HOSTILE
        data["appearances"][0]["claimant"] = HOSTILE

    def study(data):
        data["title"] = HOSTILE
        data["summary"] = HOSTILE
        data["outcomes"][0]["name"] = HOSTILE

    edit_yaml(
        root / "claims" / "compression-socks-improve-running-performance.yaml", claim
    )
    edit_yaml(root / "studies" / "doe-2015.yaml", study)
    out = root / "public"
    report = build_site(root, out, settings=SETTINGS)
    assert not report.problems
    return out


def test_record_text_with_markup_and_script_ends_stays_text_on_every_page(hostile):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    seen = 0
    for page in pages(hostile):
        raw = page.read_bytes()
        doc = parser.parse(raw)
        assert not [i for i in doc.iter("img")], page
        assert not [
            e for e in doc.iter() if any(a.startswith("on") for a in e.attrib)
        ], page
        for script in doc.iter("script"):
            kind = script.get("type")
            if kind in ("application/ld+json", "application/json"):
                json.loads(script.text)  # still JSON, and still one element
                assert "\u2028" not in script.text and "</" not in script.text
            else:
                assert script.get("src") or "className" in (script.text or ""), page
        text = "".join(doc.itertext())
        if "Socks </script>" in text:
            seen += 1
            assert '<img src=x onerror="alert(1)">' in text
            assert "\u2028" in text
    assert seen >= 4  # home, claims, the claim, the study ... show it as text


def test_the_hostile_claims_jsonld_reads_back_as_the_export(hostile):
    claim = load_corpus(hostile.parent).claims[
        "compression-socks-improve-running-performance"
    ]
    page = hostile / "claim" / claim.id / "index.html"
    found = extruct.extract(
        page.read_text(encoding="utf-8"),
        base_url=BASE,
        syntaxes=["json-ld"],
        uniform=True,
    )["json-ld"]
    assert found == [claim_review(claim, SETTINGS.publisher)]
    assert HOSTILE in found[0]["claimReviewed"]


def test_the_cli_builds_the_site_and_refuses_a_folder_it_did_not_write(tmp_path):
    root = copy_records(DATA, tmp_path / "data")
    out = tmp_path / "public"
    runner = CliRunner()
    done = runner.invoke(
        app, ["site", "build", str(out), "--root", str(root), "--no-search"]
    )
    assert done.exit_code == 0, done.output
    assert "full build of" in done.output
    assert (out / "claim" / "compression-flushes-lactate" / "index.html").exists()
    again = runner.invoke(
        app, ["site", "build", str(out), "--root", str(root), "--no-search"]
    )
    assert again.exit_code == 0 and "unchanged build" in again.output
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    refused = runner.invoke(
        app, ["site", "build", str(other), "--root", str(root), "--no-search"]
    )
    assert refused.exit_code == 2
    assert "not empty" in refused.stderr and (other / "keep.txt").exists()


def test_a_withdrawn_claim_keeps_its_page_out_of_lists_search_engines_and_the_sitemap(
    tmp_path,
):
    root = copy_records(DATA, tmp_path / "data")
    claim_file = root / "claims" / "compression-flushes-lactate.yaml"

    def withdraw(data):
        data["status"] = "withdrawn"
        data["withdrawn_reason"] = "merged into another claim"
        data.pop("verdict", None)

    edit_yaml(claim_file, withdraw)
    out = tmp_path / "public"
    build_site(root, out, settings=SETTINGS, search=False)
    page = (out / "claim" / "compression-flushes-lactate" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page
    assert "merged into another claim" in page
    assert (
        "compression-flushes-lactate" not in (out / "claims" / "index.html").read_text()
    )
    assert "compression-flushes-lactate" not in (out / "sitemap.xml").read_text()
    assert dt.date  # the module's date import is used by other tests


def test_the_cli_claimreview_export_for_site_pages_is_what_the_page_carries(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("CLAIMTRACKER_BASE_URL", "https://facts.example.org")
    monkeypatch.setenv("CLAIMTRACKER_ORGANISATION", "Sock Facts Desk")
    root = copy_records(DATA, tmp_path / "data")
    out = tmp_path / "public"
    build_site(root, out, search=False)  # settings from the project and the environment
    claim = "compression-socks-improve-running-performance"
    done = CliRunner().invoke(
        app,
        ["export", "--format", "claimreview", "--claim", claim, "--site-pages",
         "--root", str(root)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    page = (out / "claim" / claim / "index.html").read_text(encoding="utf-8")
    (found,) = extruct.extract(page, base_url=BASE, syntaxes=["json-ld"], uniform=True)[
        "json-ld"
    ]
    assert json.loads(done.stdout) in (found, [found])
    assert found["url"] == f"{BASE}claim/{claim}/"


def test_home_page_answers_the_headline_questions_from_the_reader_library(
    shipped, corpus
):
    from claimtracker.answers import answers_at

    html = (shipped / "index.html").read_text(encoding="utf-8")
    found = answers_at(REPO, corpus.claims)
    assert found
    for answer in found:
        assert html_text(answer.question) in html
        assert html_text(answer.sentence) in html
        assert f'href="claim/{answer.claim_id}/"' in html


def test_the_glossary_page_and_each_claims_terms_come_from_the_reader_glossary(shipped):
    from claimtracker.glossary import load_glossary

    glossary = load_glossary(REPO)
    page = (shipped / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in glossary.terms:
        assert html_text(term.meaning) in page
    claim = (shipped / "claim" / "flight-socks-prevent-dvt" / "index.html").read_text()
    assert "Terms on this page" in claim
    assert html_text(glossary.get("DVT").meaning) in claim


def html_text(text: str) -> str:
    """Text as the templates escape it."""
    from markupsafe import escape

    return str(escape(text))


def test_the_dashboard_links_each_claim_to_its_static_page(monkeypatch, corpus):
    from claimtracker.dashboard.claim import public_page

    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(REPO))
    monkeypatch.setenv("CLAIMTRACKER_BASE_URL", "https://facts.example.org")
    claim = corpus.claims["flight-socks-prevent-dvt"]
    assert public_page(claim) == f"{BASE}claim/flight-socks-prevent-dvt/"
    assert public_page(claim) == claim_review(claim, SETTINGS.publisher)["url"]
