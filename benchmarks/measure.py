"""The in-process benchmarks, each against a baseline measured in the same run.

- ``load``: ``load_corpus`` (read, strict YAML, model validation, cross-record checks) against
  bare ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same files; and a reload after one
  file changed, when the store can reuse what it parsed before.
- ``engine``: ``assess_corpus`` (every claim) against loading the corpus.
- ``dashboard build``: what a dashboard process does on its first page and after an edit
  (load, assess, build the frames), against loading the corpus.
- ``draft``: checking a 5,000-word draft (``check_draft``, index built beforehand) against
  cutting it into sentences; the target is absolute (under a second).
- ``exports``: every export format of the whole corpus against bare ``json.dumps`` of every
  record's ``model_dump``.

Every timing is the best of ``repeat`` runs.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from benchmarks.corpora import Size, best_of
from claimtracker.store import Corpus, load_corpus


@dataclass
class Timing:
    """One measured thing at one size: seconds, its baseline's seconds, and notes."""

    component: str
    size: str
    studies: int
    claims: int
    seconds: float
    baseline: str
    baseline_seconds: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else 0.0


def _files(root: Path) -> list[Path]:
    return sorted(p for f in ("studies", "claims") for p in (root / f).glob("*.yaml"))


def bare_parse(files: list[Path]) -> int:
    """The baseline: libyaml parsing of every file, nothing else."""
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 (CSafeLoader)
    return len(files)


def load(size: Size, repeat: int) -> tuple[list[Timing], Corpus]:
    files = _files(size.root)
    total_bytes = sum(p.stat().st_size for p in files)
    # Alternate the two, so that both see the same machine (it may be shared).
    bare_s = load_s = float("inf")
    for _ in range(max(1, repeat)):
        gc.collect()
        seconds, _ = best_of(1, lambda: bare_parse(files))
        bare_s = min(bare_s, seconds)
        gc.collect()
        seconds, corpus = best_of(1, lambda: load_corpus(size.root))
        load_s = min(load_s, seconds)
    problems = len(corpus.problems)
    rows = [
        Timing(
            "load and validate",
            size.label,
            size.studies,
            size.claims,
            load_s,
            "bare libyaml parse",
            bare_s,
            {
                "files": len(files),
                "MB": round(total_bytes / 1e6, 1),
                "problems": problems,
            },
        )
    ]
    reload = _reload(size.root, repeat)
    if reload is not None:
        rows.append(
            Timing(
                "reload after one edit",
                size.label,
                size.studies,
                size.claims,
                reload,
                "bare libyaml parse",
                bare_s,
            )
        )
    return rows, corpus


def _reload(root: Path, repeat: int) -> float | None:
    """Reload with the store's parse cache (and the summary rule's memo, as the dashboard
    keeps them) after one file changed, if the store has them.

    Works on a copy, so neither the checkout nor the cached corpus is touched."""
    import inspect

    if "cache" not in inspect.signature(load_corpus).parameters:
        return None
    with tempfile.TemporaryDirectory(prefix="claimtracker-reload-") as tmp:
        copy = Path(tmp) / "root"
        for folder in ("studies", "claims"):
            shutil.copytree(root / folder, copy / folder)
        kept: dict[str, Any] = {"cache": {}}
        if "summary_memo" in inspect.signature(load_corpus).parameters:
            from claimtracker.summaries import SummaryMemo

            kept["summary_memo"] = SummaryMemo()
        load_corpus(copy, **kept)
        victim = _files(copy)[0]

        def edit_and_load() -> Corpus:
            stat = victim.stat()
            os.utime(victim, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1000))
            return load_corpus(copy, **kept)

        seconds, _ = best_of(repeat, edit_and_load)
    return seconds


def engine(size: Size, corpus: Corpus, load_s: float, repeat: int) -> Timing:
    from claimtracker.grading import assess_corpus

    seconds, found = best_of(repeat, lambda: assess_corpus(corpus))
    return Timing(
        "engine, every claim",
        size.label,
        size.studies,
        size.claims,
        seconds,
        "load and validate",
        load_s,
        {
            "ms per claim": round(1000 * seconds / max(1, len(corpus.claims)), 2),
            "pooled estimates": sum(len(a.pooled) for a in found.values()),
        },
    )


def dashboard_build(size: Size, load_s: float) -> list[Timing]:
    """The dashboard's cached library (load, assess, build every frame): the first build,
    and the rebuild after one study file is edited (parse cache and kept assessments).

    Works on a fresh copy of the corpus, so that nothing is kept from an earlier build."""
    from claimtracker.dashboard.data import build_library

    with tempfile.TemporaryDirectory(prefix="claimtracker-build-") as tmp:
        root = Path(tmp) / "root"
        for folder in ("studies", "claims"):
            shutil.copytree(size.root / folder, root / folder)
        first_s, library = best_of(1, lambda: build_library(root))
        cited = sorted(
            {link.study for claim in library.claims.values() for link in claim.evidence}
        )
        study = root / "studies" / f"{cited[len(cited) // 2]}.yaml"
        text = study.read_text(encoding="utf-8")
        study.write_text(
            text.replace("title: ", "title: Revised ", 1), encoding="utf-8"
        )
        again_s, _ = best_of(1, lambda: build_library(root))
    common = (size.label, size.studies, size.claims)
    return [
        Timing(
            "dashboard build (first page of a process)",
            *common,
            first_s,
            "load and validate",
            load_s,
        ),
        Timing(
            "dashboard rebuild after one edit",
            *common,
            again_s,
            "load and validate",
            load_s,
        ),
    ]


def draft(size: Size, corpus: Corpus, repeat: int, words: int = 5000) -> Timing:
    from benchmarks.bench_check import make_draft
    from claimtracker.drafts import build_matcher, check_draft
    from claimtracker.grading import assess_corpus
    from claimtracker.sentences import split_sentences

    assessments = assess_corpus(corpus)
    text = make_draft(words, seed=1)
    index_s, matcher = best_of(1, lambda: build_matcher(corpus.claims))
    split_s, sentences = best_of(repeat, lambda: split_sentences(text))
    check_s, report = best_of(
        repeat,
        lambda: check_draft(
            text, corpus.claims, corpus.studies, assessments, matcher=matcher
        ),
    )
    return Timing(
        f"draft check ({words:,} words)",
        size.label,
        size.studies,
        size.claims,
        check_s,
        "split into sentences",
        split_s,
        {
            "sentences": len(sentences),
            "findings": len(report.findings),
            "index build s": round(index_s, 3),
        },
    )


def exports(size: Size, corpus: Corpus, repeat: int) -> list[Timing]:
    from claimtracker import exports as ex
    from claimtracker.citations import to_bibtex, to_csl_json, to_ris
    from claimtracker.grading import assess_corpus

    assessments = assess_corpus(corpus)
    claims, studies = corpus.claims, corpus.studies
    records = [*claims.values(), *studies.values()]
    bare_s, _ = best_of(
        repeat,
        lambda: json.dumps([r.model_dump(mode="json") for r in records]),
    )
    publisher = ex.Publisher()
    formats = {
        "json": lambda: ex.to_json(ex.corpus_json(claims, studies, assessments)),
        "csv (claims and studies)": lambda: (
            ex.to_csv(ex.claim_rows(claims, assessments), ex.CLAIM_COLUMNS)
            + ex.to_csv(ex.study_rows(studies, claims), ex.STUDY_COLUMNS)
        ),
        "ClaimReview JSON-LD": lambda: ex.jsonld_text(
            [
                ex.claim_review(c, publisher)
                for c in claims.values()
                if ex.is_reviewable(c)
            ]
        ),
        "BibTeX + RIS + CSL-JSON": lambda: (
            to_bibtex(studies.values())
            + to_ris(studies.values())
            + to_csl_json(studies.values())
        ),
    }
    rows = []
    for name, work in formats.items():
        seconds, text = best_of(repeat, work)
        rows.append(
            Timing(
                f"export: {name}",
                size.label,
                size.studies,
                size.claims,
                seconds,
                "json.dumps of model_dump",
                bare_s,
                {"MB": round(len(text.encode()) / 1e6, 2)},
            )
        )
    return rows


def saving(repeat: int) -> dict[str, Any]:
    """The editors' benchmark: one save's cost, and lost updates with and without the hash check."""
    from benchmarks.bench_saving import run, save_cost

    return {
        "save_over_plain_write": round(save_cost(max(10, repeat * 10)), 1),
        "cas": run("cas", 4, 10),
        "blind": run("blind", 4, 10),
    }


def bibtex(repeat: int) -> dict[str, Any]:
    """The import's bound on the work per BibTeX entry (benchmarks/bench_bibtex.py)."""
    from benchmarks.bench_bibtex import measure

    return measure(repeat)
