"""Where the data folders are. Imports nothing local."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root: the folder holding ``claims/`` and ``studies/``.
#: ``CLAIMTRACKER_ROOT`` overrides it (tests, benchmarks, a second checkout).
PACKAGE_ROOT = Path(__file__).resolve().parents[2]

CLAIMS = "claims"
STUDIES = "studies"
SCHEMAS = "schemas"
AUDIT_LOG = ".claimtracker/audit.jsonl"


def data_root() -> Path:
    """The data root in force: ``$CLAIMTRACKER_ROOT`` or the repository this package sits in."""
    override = os.environ.get("CLAIMTRACKER_ROOT")
    return Path(override).resolve() if override else PACKAGE_ROOT
