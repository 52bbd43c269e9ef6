"""Train the draft checker's learned layer (claimtracker.learned) from the labelled real text.

The training data is every sentence of tests/data/real-text/sentences.yaml (its ``train`` and
``test`` splits: the development data); heldout2.yaml is never read here. Each passage goes
through the lexical matcher as one draft, exactly as ``claimtracker check`` reads it; each
sentence the checker cut is labelled with the claims of the hand-labelled sentences it overlaps.
The result is deterministic and is written to src/claimtracker/matcher_model.json.

    python -m benchmarks.train_matcher             # write the shipped model
    python -m benchmarks.train_matcher --check     # fail if the shipped model is out of date
    python -m benchmarks.realtext --cv 5 --split dev --learned   # judge the method
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from benchmarks.realtext import (
    DATA,
    SPLITS,
    Fit,
    Training,
    labelled_sentences,
    load,
)
from claimtracker.exports import is_reviewable
from claimtracker.learned import MODEL_FILE, Example, LearnedModel, fit
from claimtracker.matching import Matcher, Traced
from claimtracker.models import Claim
from claimtracker.sentences import split_sentences


def examples(
    data: Mapping[str, Any], passages: Iterable[str], claims: Mapping[str, Claim]
) -> list[Example]:
    """Training examples from the named passages: one per sentence the checker cuts."""
    wanted = set(passages)
    kinds = {s["id"]: s["kind"] for s in data["sources"]}
    matcher = Matcher(c for c in claims.values() if is_reviewable(c))
    out: list[Example] = []
    for passage in data["passages"]:
        if passage["id"] not in wanted:
            continue
        labelled = labelled_sentences(passage, kinds[passage["source"]])
        trace: list[Traced] = []
        matcher.match_sentences(split_sentences(passage["text"]), trace=trace)
        for t in trace:
            covered = [
                s
                for s in labelled
                if s.start < t.sentence.end and t.sentence.start < s.end
            ]
            labels: dict[str, str] = {}
            excused: set[str] = set()
            for s in covered:
                labels.update(s.claims)
                excused |= s.also
            out.append(Example(t.features, labels, frozenset(excused)))
    return out


def train(
    data: Mapping[str, Any],
    passages: Iterable[str],
    claims: Mapping[str, Claim],
    **options: Any,
) -> LearnedModel:
    reviewable = {cid: c.proposition for cid, c in claims.items() if is_reviewable(c)}
    return fit(examples(data, passages, claims), reviewable, **options)


def learned_fit(data: Mapping[str, Any] | None = None) -> Fit:
    """A fit for :func:`benchmarks.realtext.cross_validate`: trains the learned layer on the
    training folds' passages only."""
    loaded = data if data is not None else load()

    def fit_fold(claims: Mapping[str, Claim], training: Training) -> Matcher:
        passages = {s.passage for s in training.sentences}
        model = train(loaded, passages, claims)
        return Matcher((c for c in claims.values() if is_reviewable(c)), model=model)

    return fit_fold


def development_passages(data: Mapping[str, Any]) -> list[str]:
    splits = SPLITS["dev"]
    sources = {s["id"] for s in data["sources"] if s["split"] in splits}
    return [p["id"] for p in data["passages"] if p["source"] in sources]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.corpora import REPO
    from claimtracker.store import load_corpus

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.train_matcher", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="fail if the shipped model is out of date"
    )
    args = parser.parse_args(argv)
    data = load(DATA)
    claims = load_corpus(REPO).claims
    model = train(data, development_passages(data), claims)
    text = json.dumps(model.to_json(), separators=(",", ":")) + "\n"
    if args.check:
        current = MODEL_FILE.read_text(encoding="utf-8") if MODEL_FILE.exists() else ""
        if current != text:
            print(
                f"{MODEL_FILE} is out of date: run python -m benchmarks.train_matcher"
            )
            return 1
        print(f"{MODEL_FILE} is up to date")
        return 0
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(
        f"wrote {MODEL_FILE}: {len(model.claims)} claims, {len(model.vocab)} features "
        f"({len(text) // 1024} KiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
