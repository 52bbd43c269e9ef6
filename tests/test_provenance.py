"""Where numbers come from: outcome sources, funding basis, paired-design fields, and the
warnings that ask for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from claimtracker.models import Funding, FundingBasis, Study
from claimtracker.problems import CATALOGUE, Severity, has_errors
from claimtracker.provenance import describe_funding, describe_source
from claimtracker.store import load_corpus
from conftest import WriteRecord

DOE = "studies/doe-2015.yaml"
SOURCE = "    source: {kind: abstract, url: https://example.org/placeholder/doe-2015}\n"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _study(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "poe-2001",
        "title": "A placeholder trial",
        "year": 2001,
        "design": "rct-crossover",
        "participants": {"n": 10, "population": "runners"},
        "garment": {"type": "socks"},
        "comparator": "no-garment",
        "blinding": "none",
        "outcomes": [
            {
                "key": "time",
                "name": "Time trial",
                "domain": "performance",
                "measure": "objective",
                "direction": "no-difference",
            }
        ],
    }
    data.update(changes)
    return data


def _with_outcome(**fields: Any) -> dict[str, Any]:
    data = _study()
    data["outcomes"][0].update(fields)
    return data


ARMS = {
    "compression": {"mean": 7.0, "sd": 2.38, "n": 10},
    "control": {"mean": 6.5, "sd": 2.21, "n": 10},
}


def test_a_published_outcome_with_figures_and_no_source_is_warned(
    corpus_dir: Path,
) -> None:
    _edit(corpus_dir, DOE, SOURCE, "")
    (found,) = load_corpus(corpus_dir).problems
    assert (found.path, found.line, found.code, found.field) == (
        DOE,
        20,
        "number-without-source",
        "outcomes[0]",
    )
    assert found.severity is Severity.WARNING
    assert "'race-time' has figures (effect)" in found.message
    assert "kind" in found.hint and "url" in found.hint
    assert has_errors([found], strict=True) and not has_errors([found])


def test_a_draft_may_leave_its_sources_for_later(corpus_dir: Path) -> None:
    _edit(corpus_dir, DOE, SOURCE, "")
    _edit(
        corpus_dir, DOE, "design: rct-crossover", "status: draft\ndesign: rct-crossover"
    )
    assert load_corpus(corpus_dir).problems == []


def test_an_outcome_without_figures_needs_no_source(corpus_dir: Path) -> None:
    # doe-2015's running-economy outcome has a direction only
    corpus = load_corpus(corpus_dir)
    assert corpus.studies["doe-2015"].outcomes[1].source is None
    assert corpus.problems == []


def test_reported_text_alone_counts_as_a_figure(
    corpus_dir: Path, write_record: WriteRecord
) -> None:
    _edit(
        corpus_dir,
        DOE,
        "    direction: no-difference\nsummary",
        "    direction: no-difference\n    reported: 2% lower at 12 km/h\nsummary",
    )
    (found,) = load_corpus(corpus_dir).problems
    assert (found.code, found.field) == ("number-without-source", "outcomes[1]")
    assert "(reported)" in found.message


def test_funding_without_a_basis_is_warned(corpus_dir: Path) -> None:
    _edit(corpus_dir, "studies/roe-2019.yaml", "  basis: paper\n", "")
    (found,) = load_corpus(corpus_dir).problems
    assert (found.path, found.line, found.code, found.field) == (
        "studies/roe-2019.yaml",
        20,
        "funding-without-basis",
        "funding",
    )


def test_both_codes_are_catalogued_as_warnings() -> None:
    for code in ("number-without-source", "funding-without-basis"):
        assert CATALOGUE[code].severity is Severity.WARNING


def test_a_source_needs_a_kind_from_the_list_and_a_url() -> None:
    with pytest.raises(ValidationError, match="url"):
        Study.model_validate(_with_outcome(reported="1 s", source={"kind": "abstract"}))
    with pytest.raises(ValidationError, match="full-text"):
        Study.model_validate(
            _with_outcome(
                reported="1 s", source={"kind": "press-release", "url": "https://a.b/c"}
            )
        )
    study = Study.model_validate(
        _with_outcome(
            reported="1 s",
            source={"kind": "full-text", "url": "https://a.b/c", "locator": "Table 2"},
        )
    )
    source = study.outcomes[0].source
    assert source is not None
    assert describe_source(source) == "full text, Table 2: https://a.b/c"


def test_paired_arms_take_a_correlation_strictly_between_minus_one_and_one() -> None:
    ok = Study.model_validate(_with_outcome(arms={**ARMS, "within_subject_r": 0.68}))
    assert ok.outcomes[0].arms is not None
    assert ok.outcomes[0].arms.within_subject_r == 0.68
    for bad in (1, 1.2, -1):
        with pytest.raises(ValidationError, match="within_subject_r"):
            Study.model_validate(_with_outcome(arms={**ARMS, "within_subject_r": bad}))


def test_paired_arms_with_a_correlation_need_the_same_people_in_both() -> None:
    arms = {**ARMS, "control": {"mean": 6.5, "sd": 2.21, "n": 9}}
    with pytest.raises(ValidationError, match="same n"):
        Study.model_validate(_with_outcome(arms={**arms, "within_subject_r": 0.5}))
    with pytest.raises(ValidationError, match="paired is false"):
        Study.model_validate(
            _with_outcome(arms={**ARMS, "paired": False, "within_subject_r": 0.5})
        )


def test_a_parallel_trial_or_a_review_cannot_carry_a_paired_comparison() -> None:
    paired_effect = {"metric": "md", "value": 1.0, "ci": [0.0, 2.0], "paired": True}
    for design in ("rct-parallel", "meta-analysis"):
        data = _with_outcome(effect=paired_effect)
        data["design"] = design
        with pytest.raises(ValidationError, match="independent groups"):
            Study.model_validate(data)
        data = _with_outcome(arms={**ARMS, "within_subject_r": 0.5})
        data["design"] = design
        with pytest.raises(ValidationError, match="independent groups"):
            Study.model_validate(data)


def test_which_arms_count_as_paired() -> None:
    crossover = Study.model_validate(_with_outcome(arms=ARMS))
    assert crossover.within_subject
    assert crossover.arms_paired(crossover.outcomes[0].arms)  # type: ignore[arg-type]
    first_period = Study.model_validate(_with_outcome(arms={**ARMS, "paired": False}))
    assert not first_period.arms_paired(first_period.outcomes[0].arms)  # type: ignore[arg-type]
    parallel = Study.model_validate(
        {**_with_outcome(arms=ARMS), "design": "rct-parallel"}
    )
    assert not parallel.within_subject
    assert not parallel.arms_paired(parallel.outcomes[0].arms)  # type: ignore[arg-type]
    limb = Study.model_validate(
        {
            **_with_outcome(arms=ARMS),
            "design": "non-randomised",
            "comparator": "contralateral-limb",
        }
    )
    assert limb.arms_paired(limb.outcomes[0].arms)  # type: ignore[arg-type]


def test_funding_from_metadata_only_is_said_to_be_so() -> None:
    metadata = Funding(source="Nike", industry=True, basis=FundingBasis.METADATA)
    assert describe_funding(metadata) == (
        "funding: Nike (from catalogue metadata only; not confirmed in the paper)"
    )
    paper = Funding(conflicts="An author works for the maker", basis=FundingBasis.PAPER)
    assert describe_funding(paper) == (
        "conflicts: An author works for the maker (as stated in the paper)"
    )
    assert describe_funding(Funding()) is None
    assert describe_funding(Funding(industry=False)) == (
        "no garment-maker ties (basis not recorded)"
    )
