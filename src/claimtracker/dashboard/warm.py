"""Get a dashboard process ready before its first visitor arrives.

Streamlit runs the app's script only when a browser connects, so on a just-started server the
first reader waited for the imports (pandas alone takes most of a second) and for every record
to be read before the overview could answer anything. :func:`warm_up` does that work when the
process starts, in ``python -m claimtracker.serving`` (which ``claimtracker dashboard`` and the
replicas behind the proxy run):

- the modules the pages need are imported first, before the server listens (about a second);
- then the records are read and validated in a background thread, into the parse cache the
  pages read from (``data.parsed_records``), while the server starts and the browser loads
  Streamlit's own code. A visit that arrives before it is done waits on the same lock instead
  of reading the files a second time.

Nothing here may stop the server: a missing data root or a bad record is logged and left to
the page, which shows it as it would have without the warm-up.
"""

from __future__ import annotations

import importlib
import logging
import threading

logger = logging.getLogger("claimtracker.dashboard")

#: What the overview (the default page) imports, heaviest first.
MODULES = (
    "pandas",
    "plotly.graph_objects",
    "claimtracker.dashboard.overview",
    "claimtracker.dashboard.editor",
    "claimtracker.store",
    "claimtracker.grading",
)


def import_pages() -> None:
    """Import the modules the first page needs (into ``sys.modules``, shared with the script)."""
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the page will raise it again, and show it
            logger.warning("warm-up: could not import %s", name, exc_info=True)


def read_records() -> None:
    """Read and validate the data root's records into the pages' parse cache."""
    from claimtracker.dashboard.data import data_root, parsed_records

    try:
        parsed_records(data_root())
    except Exception:  # no project here yet, or a record the page will report
        logger.info("warm-up: records not read ahead", exc_info=True)


def warm_up() -> threading.Thread:
    """Import the pages now; read the records in a daemon thread, returned (for tests)."""
    import_pages()
    thread = threading.Thread(
        target=read_records, name="claimtracker-warm-up", daemon=True
    )
    thread.start()
    return thread
