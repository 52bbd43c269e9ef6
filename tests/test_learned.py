"""The draft checker's learned layer (claimtracker.learned): training, the shipped file, and
how the matcher uses it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from benchmarks.realtext import load
from benchmarks.train_matcher import development_passages, train

from claimtracker.drafts import build_matcher
from claimtracker.exports import is_reviewable
from claimtracker.learned import (
    MODEL_FILE,
    Example,
    LearnedModel,
    fingerprint,
    fit,
    load_model,
)
from claimtracker.matching import Matcher
from claimtracker.models import Claim
from claimtracker.store import load_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def claims() -> dict[str, Claim]:
    return dict(load_corpus(ROOT).claims)


def tiny_examples() -> list[Example]:
    """'frobnicate' makes claim a, 'wibble' denies claim b; the rest is noise."""
    out: list[Example] = []
    for i in range(12):
        out.append(
            Example(["w:frobnicate", f"w:n{i % 3}"], {"a": "asserts"}, frozenset())
        )
        out.append(
            Example(["w:wibble", "w:not", f"w:n{i % 4}"], {"b": "denies"}, frozenset())
        )
        out.append(Example([f"w:n{i % 5}", "w:other"], {}, frozenset()))
    return out


def test_fit_learns_which_words_make_which_claim_and_the_stance() -> None:
    model = fit(tiny_examples(), {"a": "Claim A.", "b": "Claim B.", "c": "Claim C."})
    assert model.claims == ("a", "b")  # c has no labelled sentence: no column
    cols = model.columns({"a": "Claim A.", "b": "Claim B."})
    a_row = model.rows(["w:frobnicate", "w:n1"])
    b_row = model.rows(["w:wibble", "w:not"])
    noise = model.rows(["w:other", "w:n2"])
    p_a = model.probabilities(a_row, [cols["a"], cols["b"]])
    p_b = model.probabilities(b_row, [cols["a"], cols["b"]])
    p_noise = model.probabilities(noise, [cols["a"], cols["b"]])
    assert p_a[0] > 0.5 > p_a[1]
    assert p_b[1] > 0.5 > p_b[0]
    assert p_noise.max() < 0.35
    assert model.denies(b_row) and not model.denies(a_row)


def test_fit_is_deterministic_and_the_file_round_trips(tmp_path: Path) -> None:
    claims = {"a": "Claim A.", "b": "Claim B."}
    first = fit(tiny_examples(), claims)
    second = fit(tiny_examples(), claims)
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())
    path = tmp_path / "model.json"
    first.save(path)
    again = LearnedModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    rows = again.rows(["w:frobnicate"])
    assert rows == first.rows(["w:frobnicate"])
    np.testing.assert_allclose(
        again.probabilities(rows, [0, 1]), first.probabilities(rows, [0, 1])
    )


def test_a_claim_whose_proposition_changed_is_left_to_the_lexical_matcher() -> None:
    model = fit(tiny_examples(), {"a": "Claim A.", "b": "Claim B."})
    assert set(model.columns({"a": "Claim A.", "b": "Claim B."})) == {"a", "b"}
    assert set(model.columns({"a": "Claim A, reworded.", "b": "claim  b."})) == {"b"}
    assert fingerprint("Claim B.") == fingerprint("claim   B.")


def test_the_shipped_model_is_the_one_the_labelled_sentences_train(
    claims: dict[str, Claim],
) -> None:
    """`python -m benchmarks.train_matcher` must be rerun when the labels, the claims or the
    reading change; a stale file would be a model nobody measured."""
    data = load()
    model = train(data, development_passages(data), claims)
    text = json.dumps(model.to_json(), separators=(",", ":")) + "\n"
    assert MODEL_FILE.read_text(encoding="utf-8") == text, (
        "src/claimtracker/matcher_model.json is out of date: "
        "run python -m benchmarks.train_matcher"
    )


def test_the_shipped_model_covers_the_shipped_claims_it_has_labels_for(
    claims: dict[str, Claim],
) -> None:
    model = load_model()
    assert model is not None
    reviewable = {cid: c.proposition for cid, c in claims.items() if is_reviewable(c)}
    covered = model.columns(reviewable)
    assert set(covered) == set(model.claims)
    assert len(covered) >= 20
    matcher = build_matcher(claims)
    assert sorted(matcher.learned_claims) == sorted(covered)


def test_the_matcher_adds_what_the_model_finds_only_in_a_sentence_with_a_subject(
    claims: dict[str, Claim],
) -> None:
    cid = "compression-reduces-muscle-soreness-after-running"
    reviewable = [c for c in claims.values() if is_reviewable(c)]
    proposition = claims[cid].proposition
    # Teach a model a word the lexicon does not know.
    examples = [
        Example(
            ["w:zorbly", "f:garment", "subject:full"], {cid: "asserts"}, frozenset()
        )
        for _ in range(6)
    ] + [Example(["w:plain", "subject:full"], {}, frozenset()) for _ in range(30)]
    model = fit(examples, {cid: proposition})
    text = "My compression socks are zorbly. Zorbly weather today."
    lexical = Matcher(reviewable).match_text(text)
    learned = Matcher(reviewable, model=model).match_text(text)
    assert not any(m.claim == cid for m in lexical)
    found = [m for m in learned if m.claim == cid]
    # Only the sentence about the garment gets the claim.
    assert [m.sentence.text for m in found] == ["My compression socks are zorbly."]
    assert found[0].stance == "asserts"
