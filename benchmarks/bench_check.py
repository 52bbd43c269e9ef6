"""Draft-check time: a 5,000-word draft against 2,000 synthetic claims, against baselines.

A synthetic corpus (``claimtracker.synthetic.generate_corpus``) is written and loaded once.
The draft mixes the labelled passages of ``tests/data/labelled-sentences.yaml`` with
sentences built from the synthetic claims' vocabulary, so many sentences do match. Timings,
each the best of ``--repeat`` runs, in the same process:

- ``split``: cutting the draft into sentences (the floor: the checker cannot do less);
- ``fuzzy``: the naive alternative, rapidfuzz ``token_set_ratio`` of every sentence against
  every proposition and alias (``process.cdist``, all cores);
- ``match``: the matcher on the draft (index built beforehand);
- ``check``: the whole ``check_draft`` (matching plus verdicts and citations);
- ``index``: building the matcher's index once per corpus (the dashboard caches it).

Ratios are to ``split`` and to ``fuzzy``, so they compare across machines. Not a test.

    python -m benchmarks.bench_check [--claims 2000] [--studies 500] [--words 5000] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import tempfile
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from benchmarks.corpora import REPO, best_of
from claimtracker.drafts import build_matcher, check_draft
from claimtracker.grading import assess_corpus
from claimtracker.matching import normalise
from claimtracker.sentences import split_sentences
from claimtracker.store import load_corpus
from claimtracker.synthetic import WORDS, generate_corpus

LABELLED = REPO / "tests" / "data" / "labelled-sentences.yaml"
TEMPLATES = (
    "Our compression socks improve {a} and {b} for every runner.",
    "I wore graduated sleeves and my {a} felt better after the marathon.",
    "Reviews say compression changes {a} {b} in trained runners.",
    "The weather on race day was cold and windy.",
    "Coaches rarely talk about {a} when they plan a training block.",
)


def make_draft(words: int, seed: int) -> str:
    """About ``words`` words: labelled passages and vocabulary sentences, in paragraphs."""
    rng = random.Random(seed)
    passages = [p["text"] for p in yaml.safe_load(LABELLED.read_text(encoding="utf-8"))]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        if rng.random() < 0.5:
            paragraph = rng.choice(passages)
        else:
            paragraph = " ".join(
                rng.choice(TEMPLATES).format(a=rng.choice(WORDS), b=rng.choice(WORDS))
                for _ in range(5)
            )
        paragraphs.append(paragraph.strip())
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def run(
    claims: int, studies: int, words: int, repeat: int, seed: int
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate_corpus(root, studies=studies, claims=claims, seed=seed)
        corpus = load_corpus(root)
    assessments = assess_corpus(corpus)
    draft = make_draft(words, seed)
    sentences = split_sentences(draft)
    index_s, matcher = best_of(repeat, lambda: build_matcher(corpus.claims))
    expressions = [
        normalise(e)
        for c in corpus.claims.values()
        for e in (c.proposition, *c.aliases)
    ]
    split_s, _ = best_of(repeat, lambda: split_sentences(draft))
    fuzzy_s, _ = best_of(
        repeat,
        lambda: process.cdist(
            [normalise(s.text) for s in split_sentences(draft)],
            expressions,
            scorer=fuzz.token_set_ratio,
            score_cutoff=70,
            workers=-1,
        ),
    )
    match_s, matches = best_of(repeat, lambda: matcher.match_text(draft))
    check_s, report = best_of(
        repeat,
        lambda: check_draft(
            draft, corpus.claims, corpus.studies, assessments, matcher=matcher
        ),
    )
    return {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "claims": len(corpus.claims),
        "expressions": len(expressions),
        "words": len(draft.split()),
        "sentences": len(sentences),
        "matches": len(matches),
        "findings": len(report.findings),
        "index_s": round(index_s, 4),
        "split_s": round(split_s, 4),
        "fuzzy_s": round(fuzzy_s, 4),
        "match_s": round(match_s, 4),
        "check_s": round(check_s, 4),
        "check_over_split": round(check_s / split_s, 1),
        "check_over_fuzzy": round(check_s / fuzzy_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--studies", type=int, default=500)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = run(args.claims, args.studies, args.words, args.repeat, args.seed)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['words']:,} words ({result['sentences']} sentences) against {result['claims']:,} claims"
    )
    print(
        f"  ({result['expressions']:,} propositions and aliases) on {result['machine']}"
    )
    for key, name in (
        ("split_s", "split into sentences (baseline)"),
        ("fuzzy_s", "naive fuzzy scan (baseline)"),
        ("match_s", "match"),
        ("check_s", "check_draft (per draft)"),
        ("index_s", "build the index (once per corpus)"),
    ):
        print(f"  {name:<36} {result[key] * 1000:9.1f} ms")
    print(
        f"  per draft: {result['check_over_split']}x splitting, {result['check_over_fuzzy']}x the fuzzy scan; "
        f"{result['findings']} findings"
    )


if __name__ == "__main__":
    main()
