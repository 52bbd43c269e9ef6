"""A learned second opinion on the lexical matcher: one logistic regression per claim.

The lexical matcher (:mod:`claimtracker.matching`) reads effects, settings, stance and subject
from a curated lexicon; written from a few hundred sentences, it misses ordinary wordings it was
not shown. This layer is trained on hand-labelled real sentences (tests/data/real-text/) and
gives, for every claim it knows, the probability that a sentence makes the claim. Its inputs are
the sentence's stemmed words and word pairs, the lexicon's reading of it (each effect with its
stance, settings, places, the settings of the sentences before, question, first person, other
agent, pronoun and garment cues) and the subject the lexical matcher found for it; not the
lexical matcher's own scores, so that it is an independent opinion (trained on the lexical
scores, it learned to trust a lexicon that was written from the same sentences). The matcher
adds a claim it missed when the probability reaches the threshold in a sentence with a subject;
it never drops a lexical finding (cross-validation: vetoing lost more right findings than
false alarms).

The weights ship as ``matcher_model.json`` beside this module, written by
``python -m benchmarks.train_matcher`` (deterministic: the same data gives the same file), read
with the standard library and numpy; nothing is downloaded. A claim is scored by the model only
when the model was trained with it and its proposition is unchanged (a fingerprint is stored);
any other claim, such as a new record or another project's claim, keeps the lexical decision.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claimtracker.phrases import normalise, stem
from claimtracker.reading import Reading

MODEL_FILE = Path(__file__).with_name("matcher_model.json")
#: A claim needs this many labelled sentences making it to get a model of its own.
MIN_POSITIVES = 3
#: A feature must occur in this many training sentences to be kept.
MIN_COUNT = 2
#: Weights smaller than this are set to zero, and all are rounded to this many decimals, when
#: training ends (so the shipped file is small and holds exactly the model that was measured).
PRUNE = 0.05
DECIMALS = 3
#: Regularisation and optimisation (full-batch Adam; deterministic).
L2 = 0.5
ITERATIONS = 300
LEARNING_RATE = 0.05
#: A claim is reported when its probability is at least this (chosen by grouped
#: cross-validation on the development sentences: docs/matching.md).
DEFAULT_THRESHOLD = 0.35

_WORDS = re.compile(r"[a-z0-9]+")
Array = npt.NDArray[np.float64]


def fingerprint(proposition: str) -> str:
    """A short hash of a claim's proposition: weights apply only to the wording trained on."""
    text = " ".join(normalise(proposition).split())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def sentence_features(
    text: str, reading: Reading, factor: float, before: frozenset[str]
) -> list[str]:
    """The features of one sentence in its draft (see the module docstring)."""
    words = [stem(w) for w in _WORDS.findall(normalise(text))]
    features = {f"w:{w}" for w in words}
    features.update(f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False))
    for key, stance in reading.effects.items():
        features.add(f"e:{key}")
        features.add(f"{stance}:{key}")
    features.update(f"s:{key}" for key in reading.settings)
    features.update(f"p:{place}" for place in reading.places)
    features.update(f"ctx:{place}" for place in before - reading.places)
    flags = {
        "garment": reading.garment,
        "bare_garment": reading.bare_garment,
        "pronoun_subject": reading.pronoun_subject,
        "first_person": reading.first_person,
        "benefit_lead": reading.benefit_lead,
        "question": reading.question or reading.asks,
        "other_agent": reading.other_agent,
        "body_subject": reading.body_subject,
        "anaphora": reading.anaphora is not None,
    }
    features.update(f"f:{name}" for name, on in flags.items() if on)
    features.add(
        "subject:full" if factor >= 1 else "subject:weak" if factor else "subject:none"
    )
    return sorted(features)


@dataclass(frozen=True)
class Example:
    """One training sentence: its features and its labels."""

    features: Sequence[str]
    labels: Mapping[str, str]  # claims the sentence makes -> asserts | denies
    excused: frozenset[str]  # claims neither required nor wrong (the label's ``also``)


@dataclass
class LearnedModel:
    """Per-claim logistic regressions over shared sentence features, and a stance model."""

    vocab: dict[str, int]
    claims: tuple[str, ...]
    fingerprints: tuple[str, ...]
    weights: Array  # (features, claims)
    bias: Array  # (claims,)
    stance: Array  # (features,): log-odds that a claim sentence denies
    stance_bias: float
    threshold: float = DEFAULT_THRESHOLD

    def columns(self, claims: Mapping[str, str]) -> dict[str, int]:
        """The model's column for each of ``claims`` (id -> proposition) it can score."""
        own = {
            c: (i, fp)
            for i, (c, fp) in enumerate(
                zip(self.claims, self.fingerprints, strict=True)
            )
        }
        return {
            cid: own[cid][0]
            for cid, proposition in claims.items()
            if cid in own and own[cid][1] == fingerprint(proposition)
        }

    def rows(self, features: Iterable[str]) -> list[int]:
        return [self.vocab[f] for f in features if f in self.vocab]

    def probabilities(self, rows: Sequence[int], columns: Sequence[int]) -> Array:
        """Probability that the sentence (its feature ``rows``) makes each claim in
        ``columns``."""
        cols = np.asarray(columns, dtype=np.intp)
        return _sigmoid(self.weights[rows][:, cols].sum(axis=0) + self.bias[cols])

    def denies(self, rows: Sequence[int]) -> bool:
        return bool(self.stance[rows].sum() + self.stance_bias > 0)

    # ------------------------------------------------------------------ files

    def to_json(self) -> dict[str, Any]:
        names = sorted(self.vocab, key=self.vocab.__getitem__)

        def r(x: float) -> float:
            return round(float(x), DECIMALS)

        return {
            "format": 1,
            "threshold": self.threshold,
            "claims": [
                {
                    "id": cid,
                    "fingerprint": fp,
                    "bias": r(self.bias[j]),
                }
                for j, (cid, fp) in enumerate(
                    zip(self.claims, self.fingerprints, strict=True)
                )
            ],
            "stance_bias": r(self.stance_bias),
            # feature -> [stance weight, [[claim column, weight], ...]]; zero weights and
            # features with no weight left are left out.
            "features": {
                name: [
                    r(self.stance[i]),
                    [
                        [int(j), r(self.weights[i, j])]
                        for j in np.flatnonzero(self.weights[i])
                    ],
                ]
                for i, name in enumerate(names)
                if self.stance[i] or self.weights[i].any()
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LearnedModel:
        if data.get("format") != 1:
            raise ValueError(f"unknown matcher model format: {data.get('format')!r}")
        claims = data["claims"]
        features = data["features"]
        vocab = {name: i for i, name in enumerate(features)}
        weights = np.zeros((len(features), len(claims)))
        stance = np.zeros(len(features))
        for i, (s, row) in enumerate(features.values()):
            stance[i] = s
            for j, w in row:
                weights[i, j] = w
        return cls(
            vocab=vocab,
            claims=tuple(c["id"] for c in claims),
            fingerprints=tuple(c["fingerprint"] for c in claims),
            weights=weights,
            bias=np.array([c["bias"] for c in claims], dtype=np.float64),
            stance=stance,
            stance_bias=float(data["stance_bias"]),
            threshold=float(data["threshold"]),
        )

    def save(self, path: Path = MODEL_FILE) -> None:
        text = json.dumps(self.to_json(), separators=(",", ":"), sort_keys=False)
        path.write_text(text + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> LearnedModel | None:
    """The shipped model, or None when the file is absent."""
    if not path.exists():
        return None
    return LearnedModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def fit(
    examples: Sequence[Example],
    claims: Mapping[str, str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    l2: float = L2,
    iterations: int = ITERATIONS,
) -> LearnedModel:
    """Train the per-claim regressions and the stance model on labelled sentences.

    ``claims`` maps each claim id to its proposition. Claims with fewer than
    :data:`MIN_POSITIVES` labelled sentences get no column (they keep the lexical decision).
    """
    counts: dict[str, int] = {}
    for ex in examples:
        for f in set(ex.features):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    vocab = {f: i for i, f in enumerate(names)}
    positives: dict[str, int] = {}
    for ex in examples:
        for cid in ex.labels:
            positives[cid] = positives.get(cid, 0) + 1
    ids = tuple(c for c in sorted(claims) if positives.get(c, 0) >= MIN_POSITIVES)
    n, v, k = len(examples), len(vocab), len(ids)
    x = np.zeros((n, v))
    y = np.zeros((n, k))
    mask = np.ones((n, k))
    for r, ex in enumerate(examples):
        x[r, [vocab[f] for f in ex.features if f in vocab]] = 1.0
        for j, cid in enumerate(ids):
            y[r, j] = cid in ex.labels
            if cid in ex.excused and cid not in ex.labels:
                mask[r, j] = 0.0
    w = np.zeros((v, k))
    b = np.zeros(k)
    params = [w, b]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for step in range(1, iterations + 1):
        g = (_sigmoid(x @ w + b) - y) * mask / n
        grads = [x.T @ g + l2 * w / n, g.sum(axis=0)]
        _adam(params, grads, moments, step)
    # Stance: among sentences that make a claim, does it deny one?
    rows = [r for r, ex in enumerate(examples) if ex.labels]
    sx = x[rows]
    sy = np.array(
        [float("denies" in examples[r].labels.values()) for r in rows], dtype=np.float64
    )
    sw = np.zeros(v)
    sb = np.zeros(1)
    s_params = [sw, sb]
    s_moments = [(np.zeros_like(p), np.zeros_like(p)) for p in s_params]
    m = max(len(rows), 1)
    for step in range(1, iterations + 1):
        sg = (_sigmoid(sx @ sw + sb[0]) - sy) / m
        _adam(
            s_params, [sx.T @ sg + l2 * sw / m, np.array([sg.sum()])], s_moments, step
        )
    for p in (w, b, sw, sb):
        p[np.abs(p) < PRUNE] = 0.0
        np.round(p, DECIMALS, out=p)
    return LearnedModel(
        vocab=vocab,
        claims=ids,
        fingerprints=tuple(fingerprint(claims[c]) for c in ids),
        weights=w,
        bias=b,
        stance=sw,
        stance_bias=float(sb[0]),
        threshold=threshold,
    )


def _adam(
    params: list[Array],
    grads: list[Array],
    moments: list[tuple[Array, Array]],
    step: int,
    beta1: float = 0.9,
    beta2: float = 0.999,
) -> None:
    for p, g, (m1, m2) in zip(params, grads, moments, strict=True):
        m1 *= beta1
        m1 += (1 - beta1) * g
        m2 *= beta2
        m2 += (1 - beta2) * g * g
        p -= (
            LEARNING_RATE
            * (m1 / (1 - beta1**step))
            / (np.sqrt(m2 / (1 - beta2**step)) + 1e-8)
        )


def _sigmoid(z: Array) -> Array:
    out: Array = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return out
