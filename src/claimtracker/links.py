"""Addresses made from record fields: only http(s) URLs become links; DOI, PubMed and PMC pages.

Record URLs are untrusted: :func:`safe_url` passes an ``http``/``https`` URL with a host
(percent-encoded where a character could break out of a link) and refuses anything else
(``javascript:``, ``data:``, relative paths), so every face makes links the same way.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit


def safe_url(url: object) -> str | None:
    """The URL if it is http(s) with a host, percent-encoded for a link; else None."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe=":/?#@!$&'*+,;=%~-._")


def doi_url(doi: str) -> str:
    """``https://doi.org/<doi>``."""
    return "https://doi.org/" + quote(doi, safe="/:;()._-")


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{quote(pmid)}/"


def pmc_url(pmcid: str) -> str:
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{quote(pmcid)}/"
