"""Plain labels for the record fields, and the sections the editor forms are split into.

A label is keyed by the field's names from the record down, without list positions
(``outcomes.effect.value``); a field without one here is labelled by its name, in words.
The field name itself is shown in each widget's help, beside the field's description.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

LABELS: dict[str, str] = {
    # studies
    "id": "Study id",
    "status": "Status",
    "title": "Title",
    "authors": "Authors",
    "authors_truncated": "The author list is cut short (et al.)",
    "year": "Year",
    "journal": "Journal",
    "volume": "Volume",
    "issue": "Issue",
    "pages": "Pages",
    "doi": "DOI",
    "pmid": "PubMed id",
    "pmcid": "PubMed Central id",
    "url": "Web address",
    "design": "Design",
    "included_studies": "Studies included (reviews)",
    "includes": "Tracked studies it includes",
    "participants": "Participants",
    "participants.n": "Participants analysed",
    "participants.population": "Population",
    "participants.description": "Who took part",
    "participants.sex": "Sex",
    "participants.sex_note": "Split by sex",
    "garment": "Garment",
    "garment.type": "Garment",
    "garment.pressure_mmhg": "Pressure (mmHg)",
    "garment.pressure_note": "Pressure in words",
    "garment.worn": "When worn",
    "comparator": "Compared with",
    "comparator_note": "The comparison in words",
    "blinding": "Blinding",
    "risk_of_bias": "Risk of bias",
    "risk_of_bias.rating": "Risk of bias",
    "risk_of_bias.note": "Why (risk of bias)",
    "funding": "Funding",
    "funding.source": "Funded by",
    "funding.industry": "Funded by a garment maker",
    "funding.conflicts": "Conflicts of interest",
    "integrity": "Publication status",
    "integrity.status": "Publication status",
    "integrity.date": "Date of the notice",
    "integrity.note": "What the notice says",
    "integrity.url": "Address of the notice",
    "outcomes": "Outcomes",
    "outcomes.key": "Outcome key",
    "outcomes.name": "What was measured",
    "outcomes.domain": "Domain",
    "outcomes.measure": "Measured how",
    "outcomes.direction": "Finding",
    "outcomes.reported": "Figures as reported",
    "outcomes.timepoint": "When measured",
    "outcomes.effect": "Effect estimate",
    "outcomes.effect.metric": "Effect metric",
    "outcomes.effect.value": "Estimate",
    "outcomes.effect.ci": "95% confidence interval",
    "outcomes.effect.unit": "Unit",
    "outcomes.effect.studies": "Studies pooled",
    "outcomes.effect.participants": "Participants behind the estimate",
    "outcomes.effect.benefit_sign": "Which sign favours compression",
    "outcomes.effect.certainty": "Certainty the review gives it",
    "outcomes.effect.note": "What the estimate compares",
    "outcomes.arms": "Per-arm figures",
    "outcomes.arms.compression": "Compression arm",
    "outcomes.arms.control": "Control arm",
    "outcomes.arms.compression.mean": "Mean (compression)",
    "outcomes.arms.compression.sd": "SD (compression)",
    "outcomes.arms.compression.n": "Participants (compression)",
    "outcomes.arms.control.mean": "Mean (control)",
    "outcomes.arms.control.sd": "SD (control)",
    "outcomes.arms.control.n": "Participants (control)",
    "outcomes.arms.higher_is_better": "Higher is better for the wearer",
    "summary": "Summary",
    "sources": "Pages where the facts were checked",
    "notes": "Editorial notes",
    # claims
    "claims.id": "Claim id",
    "proposition": "The claim, in one neutral sentence",
    "family": "Family",
    "aliases": "Other ways people say it",
    "domain": "Domain",
    "about": "What the claim is about",
    "about.populations": "About whom",
    "about.garments": "About which garments",
    "about.worn": "When worn",
    "withdrawn_reason": "Why it was withdrawn",
    "appearances": "Appearances",
    "appearances.ref": "Reference id",
    "appearances.claimant": "Who said it",
    "appearances.claimant_type": "Kind of claimant",
    "appearances.product": "Product",
    "appearances.quote": "Exact quote",
    "appearances.paraphrase": "What was said, in our words",
    "appearances.url": "Address where it was said",
    "appearances.source": "Where it was said (no address)",
    "appearances.seen": "Seen on",
    "appearances.note": "Note on the appearance",
    "rulings": "Rulings",
    "rulings.ref": "Reference id (ruling)",
    "rulings.body": "Regulator or court",
    "rulings.subject": "Company or product ruled on",
    "rulings.outcome": "Decision",
    "rulings.date": "Decided on",
    "rulings.case": "Case reference",
    "rulings.summary": "What was decided and why",
    "rulings.quote": "Quote from the ruling",
    "rulings.url": "Address of the ruling",
    "evidence": "Evidence",
    "evidence.study": "Study",
    "evidence.outcome": "Outcome",
    "evidence.note": "How well it applies",
    "verdict": "Verdict",
    "verdict.rating": "Rating",
    "verdict.certainty": "Certainty",
    "verdict.flags": "Flags",
    "verdict.summary": "Rationale",
    "verdict.safe_wording": "Safe wording",
    "verdict.reviewed": "Reviewed on",
    "verdict.reviewer": "Reviewed by",
    "history": "Verdict history",
}

#: The sections (tabs) of each form: a title and the record's top-level fields in it.
SECTIONS: dict[str, list[tuple[str, list[str]]]] = {
    "studies": [
        (
            "Citation",
            [
                "id",
                "status",
                "title",
                "authors",
                "authors_truncated",
                "year",
                "journal",
                "volume",
                "issue",
                "pages",
                "doi",
                "pmid",
                "pmcid",
                "url",
                "design",
                "included_studies",
                "includes",
            ],
        ),
        ("Participants", ["participants"]),
        (
            "Garment and comparison",
            ["garment", "comparator", "comparator_note", "blinding"],
        ),
        ("Outcomes", ["outcomes"]),
        ("Risk of bias and funding", ["risk_of_bias", "funding", "integrity"]),
        ("Summary and notes", ["summary", "sources", "notes"]),
    ],
    "claims": [
        (
            "Claim",
            [
                "id",
                "status",
                "proposition",
                "family",
                "aliases",
                "domain",
                "about",
                "withdrawn_reason",
            ],
        ),
        ("Appearances and rulings", ["appearances", "rulings"]),
        ("Evidence", ["evidence"]),
        ("Verdict", ["verdict"]),
    ],
}
#: Fields the form never edits: a claim's history is written from its verdict changes.
DERIVED = {"claims": frozenset({"history"}), "studies": frozenset()}


def sections(kind: str, model: type[BaseModel]) -> list[tuple[str, list[str]]]:
    """The form's sections; fields missing from :data:`SECTIONS` go into a last "Other"."""
    listed = [(title, list(fields)) for title, fields in SECTIONS[kind]]
    placed = {f for _, fields in listed for f in fields} | DERIVED[kind]
    rest = [f for f in model.model_fields if f not in placed]
    return listed + ([("Other", rest)] if rest else [])


def label(kind: str, names: Sequence[str]) -> str:
    """The plain label of a field, from its names (``("outcomes", "effect", "value")``)."""
    dotted = ".".join(names)
    found = LABELS.get(f"{kind}.{dotted}") or LABELS.get(dotted)
    if found:
        return found
    return names[-1].replace("_", " ").capitalize() if names else kind


def help_text(names: Sequence[str], description: str | None) -> str:
    """A widget's help: the field's description and its name in the file."""
    field = ".".join(names)
    return f"{description}\n\nField `{field}`" if description else f"Field `{field}`"
