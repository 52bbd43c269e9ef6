"""The reader library (answers, glossary, search) for the pages, kept per change of the files.

Built from the records the page already has (:func:`claimtracker.dashboard.data.load_library`)
and the reader files at the data root; a change to either builds them again. Nothing here
reads files on a rerun that changed nothing.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from claimtracker.answers import Answer, answers_at
from claimtracker.dashboard.data import (
    Library,
    current_fingerprint,
    load_library,
    parsed_records,
)
from claimtracker.datafiles import modified
from claimtracker.glossary import Glossary, load_glossary
from claimtracker.paths import find_root as data_root
from claimtracker.search import SearchIndex, load_synonyms


def _key(name: str, library: Library) -> str:
    return f"reader:{name}:{modified(library.root)}"


@st.cache_resource(max_entries=4, show_spinner=False)
def _glossary(root: str, stamps: tuple[int, ...]) -> Glossary:
    return load_glossary(Path(root))


def glossary(library: Library | None = None) -> Glossary:
    """The package's terms plus the data root's ``glossary.yaml`` (needs no records)."""
    root = library.root if library is not None else data_root()
    return _glossary(str(root), modified(root))


@st.cache_resource(max_entries=4, show_spinner="Reading the claims…")
def _early_answers(
    root: str, fingerprint: str, stamps: tuple[int, ...]
) -> list[Answer]:
    return answers_at(Path(root), parsed_records(Path(root)).claims)


def early_answers() -> list[Answer]:
    """The answers from the parsed records alone, before the library (frames, the engine)
    is built: on a cold start the overview shows them seconds sooner. The files parsed
    here are not parsed again by the library's build (one parse cache)."""
    root = data_root()
    return _early_answers(str(root), current_fingerprint(root), modified(root))


def answers(library: Library | None = None) -> list[Answer]:
    """The overview's questions, answered from the published verdicts."""
    library = library or load_library()
    return library.memo(
        _key("answers", library), lambda: answers_at(library.root, library.claims)
    )


def search_index(library: Library | None = None) -> SearchIndex:
    """Published claims and every study, with the data root's synonyms."""
    library = library or load_library()

    def build() -> SearchIndex:
        published = set(library.published_claims["id"])
        claims = [c for i, c in library.claims.items() if i in published]
        return SearchIndex.build(claims, library.studies, load_synonyms(library.root))

    return library.memo(_key("search", library), build)
