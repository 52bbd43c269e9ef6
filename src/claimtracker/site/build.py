"""``claimtracker site build OUT``: the whole site, or only what a change touched.

A **full build** reads and assesses every record, builds the summary rows from the library's
frames, renders every page and writes the files whose bytes changed. An **incremental
build** (the default once a build has left its state, see :mod:`claimtracker.site.state`)
finds the record files whose content changed (a stat of each file, a hash of those whose
stat changed), works out which pages show them:

- a changed claim: its page, and the pages of the studies it links to (before and after);
- a changed study: its page, the pages of the claims that cite it, and of reviews that
  include it;
- the lists (home, claims, the study years concerned, the map, the sitemap) every time,

reads just those records (and their linked studies), recomputes their summary rows with the
same frame functions, renders those pages and rewrites the files whose bytes changed. The
result is byte for byte what a full build would write (the tests build both ways and
compare). A change of code, templates or settings makes the next build a full one.
"""

from __future__ import annotations

import gc
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock

from claimtracker.datafiles import GLOSSARY, QUESTIONS, SYNONYMS
from claimtracker.paths import CLAIMS, STUDIES
from claimtracker.problems import ClaimtrackerError, Problem
from claimtracker.site import lists
from claimtracker.site.assets import write_assets
from claimtracker.site.pages import Pages
from claimtracker.site.records import (
    assess,
    digest,
    key_of,
    load_all,
    read_some,
    scan,
)
from claimtracker.site.render import Output, Renderer
from claimtracker.site.searchindex import SearchIndex, remove_all
from claimtracker.site.settings import SiteSettings, load_settings
from claimtracker.site.state import (
    BuildState,
    code_version,
    default_state_dir,
    load_state,
    reader_files,
    save_state,
)
from claimtracker.site.summary import Summary, build_summary
from claimtracker.site.workers import render_records

SynonymSource = Callable[[Path], list[list[str]]]


class SiteBuildError(ClaimtrackerError):
    """The site cannot be built as asked (an output folder that holds something else)."""


@dataclass
class BuildReport:
    """What a build did."""

    mode: str  # "full", "incremental" or "unchanged"
    pages: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed_records: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    shards_indexed: list[int] = field(default_factory=list)
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each step (load, summary, pages, lists, search, state)."""
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds of each step, this process's and its workers' (a shared machine's
    other work does not count here, as it does in ``phases``)."""

    def lap(self, phase: str, started: float) -> float:
        """Record the time since ``started`` under ``phase``; return the time now."""
        now = time.perf_counter()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - started
        cpu = _cpu_seconds()
        self.cpu[phase] = self.cpu.get(phase, 0.0) + cpu - self._cpu_mark
        self._cpu_mark = cpu
        return now

    _cpu_mark: float = field(default_factory=lambda: _cpu_seconds())


def _cpu_seconds() -> float:
    """CPU time (user and system) of this process and the children it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def no_synonyms(root: Path) -> list[list[str]]:
    return []


def build_site(
    root: Path,
    out: Path,
    *,
    state_dir: Path | None = None,
    settings: SiteSettings | None = None,
    search: bool = True,
    full: bool = False,
    synonyms: SynonymSource | None = None,
    workers: int | None = None,
) -> BuildReport:
    """Build the site for the records under ``root`` into ``out`` (see the module).

    ``workers``: processes that render pages (default: one per core, two at most, when
    there are many pages to render)."""
    started = time.perf_counter()
    root, out = Path(root), Path(out)
    settings = settings or load_settings(root)
    state_dir = state_dir or default_state_dir(out)
    state_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(state_dir / "build.lock")), _collector_paused():
        version = code_version(
            settings.fingerprint(), search, reader_files(root, (GLOSSARY,))
        )
        state = None if full else load_state(state_dir)
        if state is not None and (
            state.version != version
            or state.out != str(out.resolve())
            or not (out / "index.html").exists()
        ):
            state = None
        if state is None:
            _check_out(out, state_dir)
        builder = _Builder(root, out, state_dir, settings, search, synonyms, workers)
        report = (
            builder.full(version, previous=load_state(state_dir))
            if state is None
            else builder.incremental(state)
        )
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the build: the build makes millions of
    small objects (records, rows, pages) and few cycles, and a collection pass over them
    all (many times, as they are made) cost more than any step (ten times the unpickling
    of the state, measured). One collection at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect()


def _check_out(out: Path, state_dir: Path) -> None:
    """Refuse to write into a folder holding things an earlier build did not write."""
    if not out.exists() or not any(out.iterdir()):
        return
    previous = load_state(state_dir)
    if previous is None or previous.out != str(out.resolve()):
        raise SiteBuildError(
            f"{out} is not empty and no earlier site build wrote it; "
            "choose an empty or new folder (the build deletes pages it no longer makes)"
        )


class _Builder:
    def __init__(
        self,
        root: Path,
        out: Path,
        state_dir: Path,
        settings: SiteSettings,
        search: bool,
        synonyms: SynonymSource | None,
        workers: int | None = None,
    ) -> None:
        self.workers = workers
        self.root = root
        self.out = out
        self.state_dir = state_dir
        self.settings = settings
        self.search = search
        self.synonyms = synonyms or default_synonyms

    # ------------------------------------------------------------------ full

    def full(self, version: str, previous: BuildState | None) -> BuildReport:
        report = BuildReport("full")
        lap = time.perf_counter()
        records = load_all(self.root)
        report.problems = records.problems
        state = BuildState(version=version, out=str(self.out.resolve()))
        state.readers = reader_files(self.root, (QUESTIONS, SYNONYMS))
        state.files = {
            rel: (stat, digest(self.root / rel))
            for rel, stat in scan(self.root).items()
        }
        lap = report.lap("load", lap)
        summary = build_summary(records.claims, records.studies, records.assessments)
        state.summary = summary
        lap = report.lap("summary", lap)
        same_out = previous is not None and previous.out == state.out
        output = Output(self.out, previous.pages if previous and same_out else {})
        pages = self._pages(output, summary)
        owned, documents = render_records(
            pages,
            records,
            sorted(records.claims),
            sorted(records.studies),
            search=self.search,
            workers=self.workers,
        )
        state.owned.update(owned)
        lap = report.lap("pages", lap)
        self._lists(pages, None)
        lap = report.lap("lists", lap)
        if self.search:
            bundles = self.out / "pagefind" / "shards.json"
            if previous is not None and same_out and bundles.exists():
                state.search = previous.search  # keep the shards nothing changed in
            index = SearchIndex(self.state_dir / "search", self.out, state.search)
            index.reset(documents)
            report.shards_indexed = index.finish()
        else:
            remove_all(self.out)
        lap = report.lap("search", lap)
        stale = set(output.previous) - set(output.digests)
        report.removed = output.remove(stale)
        return self._finish(state, output, report, lap)

    # ------------------------------------------------------------------ incremental

    def incremental(self, state: BuildState) -> BuildReport:
        lap = time.perf_counter()
        changed: dict[str, set[str]] = {CLAIMS: set(), STUDIES: set()}
        now = scan(self.root)
        for rel in set(state.files) - set(now):
            state.files.pop(rel)
            _note(changed, rel)
        for rel, stat in now.items():
            old = state.files.get(rel)
            if old is not None and old[0] == stat:
                continue
            found = digest(self.root / rel)
            state.files[rel] = (stat, found)
            if old is None or old[1] != found:
                _note(changed, rel)
        report = BuildReport(
            "unchanged",
            changed_records=sorted(
                f"{f}/{i}" for f, ids in changed.items() for i in ids
            ),
        )
        readers = reader_files(self.root, (QUESTIONS, SYNONYMS))
        readers_changed = readers != state.readers
        state.readers = readers
        lap = report.lap("scan", lap)
        if readers_changed and not report.changed_records:
            return self._lists_only(state, report)
        if not report.changed_records:
            save_state(self.state_dir, state)
            report.pages = sum(1 for p in state.pages if p.endswith(".html"))
            return report
        report.mode = "incremental"
        summary = state.summary
        records = read_some(
            self.root,
            [(CLAIMS, c) for c in changed[CLAIMS]]
            + [(STUDIES, s) for s in changed[STUDIES]],
        )
        report.problems = list(records.problems)
        changed_claims, changed_studies = changed[CLAIMS], changed[STUDIES]
        claims = set(changed_claims) | summary.citing(changed_studies)
        studies = set(changed_studies) | summary.including(changed_studies)
        for claim_id in changed_claims:
            studies |= set(summary.links.get(claim_id, ()))
            if claim_id in records.claims:
                studies |= {e.study for e in records.claims[claim_id].evidence}
        read_some(self.root, [(CLAIMS, c) for c in claims], into=records)
        linked = {
            e.study
            for c in claims
            if c in records.claims
            for e in records.claims[c].evidence
        }
        read_some(self.root, [(STUDIES, s) for s in studies | linked], into=records)
        old_years = {
            int(summary.studies[s]["year"]) for s in studies if s in summary.studies
        }
        # Claims first: the studies' rows count the claims that cite them.
        present = {c: records.claims[c] for c in sorted(claims) if c in records.claims}
        assessments = assess(present, records.studies)
        claims_changed = summary.update_claims(
            present, records.studies, assessments, removed=claims - set(present)
        )
        citing_ids = summary.citing(studies)
        read_some(self.root, [(CLAIMS, c) for c in citing_ids], into=records)
        kept = {s: records.studies[s] for s in sorted(studies) if s in records.studies}
        studies_changed = summary.update_studies(
            kept,
            {c: records.claims[c] for c in citing_ids if c in records.claims},
            removed=studies - set(kept),
        )
        lap = report.lap("records", lap)
        output = Output(self.out, state.pages)
        output.digests = dict(state.pages)
        pages = self._pages(output, summary)
        old_files: set[str] = set()
        for claim_id in claims:
            old_files |= set(state.owned.pop(f"{CLAIMS}/{claim_id}", []))
        for study_id in studies:
            old_files |= set(state.owned.pop(f"{STUDIES}/{study_id}", []))
        records.assessments = assessments
        owned, documents = render_records(
            pages,
            records,
            sorted(present),
            sorted(kept),
            search=self.search,
            workers=self.workers,
        )
        state.owned.update(owned)
        new_files = {f for files in owned.values() for f in files}
        new_years = {int(summary.studies[s]["year"]) for s in kept}
        lap = report.lap("pages", lap)
        list_files = self._lists(
            pages,
            old_years | new_years,
            claims=bool(claims_changed) or readers_changed,
            studies=bool(studies_changed),
        )
        lap = report.lap("lists", lap)
        stale = old_files - new_files - set(list_files)
        gone_years = old_years - set(lists.study_years(pages))
        stale |= {f"studies/{y}/index.html" for y in gone_years}
        report.removed = output.remove(stale)
        if self.search:
            index = SearchIndex(self.state_dir / "search", self.out, state.search)
            for key in [f"claim/{c}/" for c in claims] + [
                f"study/{s}/" for s in studies
            ]:
                index.document(key, documents.get(key))
            report.shards_indexed = index.finish()
        lap = report.lap("search", lap)
        return self._finish(state, output, report, lap)

    def _lists_only(self, state: BuildState, report: BuildReport) -> BuildReport:
        """Only the reader files changed (questions, synonyms): the home and search pages."""
        report.mode = "incremental"
        output = Output(self.out, state.pages)
        output.digests = dict(state.pages)
        pages = self._pages(output, state.summary)
        self._lists(pages, (), claims=True, studies=False)
        return self._finish(state, output, report, None)

    # ------------------------------------------------------------------ shared

    def _finish(
        self,
        state: BuildState,
        output: Output,
        report: BuildReport,
        lap: float | None,
    ) -> BuildReport:
        """Keep what was written as the next build's state; report the pages."""
        state.pages = output.digests
        save_state(self.state_dir, state)
        if lap is not None:
            report.lap("state", lap)
        report.written = output.written
        report.pages = sum(1 for p in output.digests if p.endswith(".html"))
        return report

    def _pages(self, output: Output, summary: Summary) -> Pages:
        from claimtracker.glossary import load_glossary

        assets = write_assets(output, self.synonyms(self.root))
        stale = {
            p
            for p in output.previous
            if p.startswith("assets/") and p not in assets.values()
        }
        output.remove(stale)  # an asset of an earlier version (synonyms changed ...)
        renderer = Renderer(self.settings, assets, load_glossary(self.root))
        return Pages(renderer, output, summary)

    def _answers(self) -> list[Any]:
        """The headline questions' answers (``questions.yaml``), from the claims they name."""
        from claimtracker.answers import answers, questions_of

        questions = questions_of(self.root)
        named = {q.claim for q in questions} | {
            p.claim for q in questions for p in q.parts
        }
        records = read_some(self.root, [(CLAIMS, c) for c in sorted(named)])
        return answers(questions, records.claims)

    def _lists(
        self,
        pages: Pages,
        years: Iterable[int] | None,
        *,
        claims: bool = True,
        studies: bool = True,
    ) -> list[str]:
        """The list pages; after a change, those drawn from claim rows only if a claim's
        rows changed (``claims``), and the study lists only if a study's row did."""
        written = lists.write_fixed(pages)
        if claims:
            written += lists.write_home(pages, self._answers())
            written += lists.write_claims(pages)
            written += lists.write_map(pages)
        if studies:
            written += lists.write_studies(pages, years)
        if claims or studies:
            written += lists.write_sitemap(pages)
        return written


def _note(changed: dict[str, set[str]], rel: str) -> None:
    key = key_of(rel)
    if key is not None:
        changed[key[0]].add(key[1])


def default_synonyms(root: Path) -> list[list[str]]:
    """Groups of words that mean the same for search: the data root's ``synonyms.yaml``
    (the reader library's search reads the same file), lower-cased for ``search.js``."""
    from claimtracker.search import read_synonyms

    found = read_synonyms(root).value
    if found is None:
        return []
    return [[" ".join(t.lower().split()) for t in group] for group in found.groups]
