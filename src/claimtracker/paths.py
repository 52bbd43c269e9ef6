"""Where the data is: the project (data root) found from the working folder, and the names
of the folders and files inside it. Imports nothing local but the exception it raises.

A data root is a folder holding ``claimtracker.toml`` (the project's settings, see
:mod:`claimtracker.config`) or, failing that, both ``claims/`` and ``studies/``. Like git,
ruff or pre-commit, the tools look for it from the working folder upwards; the package's
own location plays no part, so an installed copy works on whatever folder it is run in.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimtracker.problems import ProjectNotFound

CLAIMS = "claims"
STUDIES = "studies"
SCHEMAS = "schemas"
CONFIG_FILE = "claimtracker.toml"
#: Names a data root and skips the search (tests, benchmarks, servers, a second checkout).
ROOT_ENV = "CLAIMTRACKER_ROOT"

__all__ = [
    "CLAIMS",
    "CONFIG_FILE",
    "ROOT_ENV",
    "SCHEMAS",
    "STUDIES",
    "ProjectNotFound",
    "find_root",
    "is_root",
]


def is_root(folder: Path) -> bool:
    """Whether ``folder`` is a data root: it holds ``claimtracker.toml``, or ``claims/`` and
    ``studies/``."""
    return (folder / CONFIG_FILE).is_file() or (
        (folder / CLAIMS).is_dir() and (folder / STUDIES).is_dir()
    )


def _named_root(value: str, source: str) -> Path:
    folder = Path(value).expanduser().resolve()
    if not folder.is_dir():
        raise ProjectNotFound(f"{source} names {folder}, which is not a folder")
    return folder


def find_root(start: Path | None = None) -> Path:
    """The data root in force.

    ``$CLAIMTRACKER_ROOT`` wins when set. Otherwise the nearest folder, from ``start``
    (default: the working folder; a file counts as its folder) upwards, that is a data root
    (:func:`is_root`: it holds ``claimtracker.toml``, or both ``claims/`` and ``studies/``),
    so a copy of the data inside another project is its own root. Raises
    :class:`ProjectNotFound` naming what was looked for, and where.
    """
    override = os.environ.get(ROOT_ENV)
    if override:
        return _named_root(override, ROOT_ENV)
    here = (Path.cwd() if start is None else Path(start)).expanduser().resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if is_root(folder):
            return folder
    raise ProjectNotFound(
        f"no claimtracker project in {here} or any folder above it: looked for "
        f"{CONFIG_FILE}, or {CLAIMS}/ and {STUDIES}/ side by side; "
        f"run inside your evidence folder, pass --root DIR (or set {ROOT_ENV}), "
        "or start one with: claimtracker init DIR"
    )
