"""The reader library (answers, glossary, search) for the pages, kept per change of the files.

Built from the records the page already has (:func:`claimtracker.dashboard.data.load_library`)
and the reader files at the data root; a change to either builds them again. Nothing here
reads files on a rerun that changed nothing.
"""

from __future__ import annotations

from claimtracker.answers import Answer, answers_at
from claimtracker.dashboard.data import Library, load_library
from claimtracker.datafiles import modified
from claimtracker.glossary import Glossary, load_glossary
from claimtracker.search import SearchIndex, load_synonyms


def _key(name: str, library: Library) -> str:
    return f"reader:{name}:{modified(library.root)}"


def glossary(library: Library | None = None) -> Glossary:
    """The package's terms plus the data root's ``glossary.yaml``."""
    library = library or load_library()
    return library.memo(_key("glossary", library), lambda: load_glossary(library.root))


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
