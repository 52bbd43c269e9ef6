"""Pages, their addresses and the links between them.

``dashboard/app.py`` lists every page with one call of :func:`page`, e.g.::

    page("draft:render_draft", "Check a draft", ":material/edit_note:", "draft"),

The target ``"module:function"`` is looked up in ``claimtracker.dashboard`` (or give a full
dotted module path) when the page runs, so a broken page shows a message instead of taking
the app down, and every page runs inside the same guard: the data-problems banner first,
then the page, and any error becomes a short message (the traceback goes to the server log,
never to the reader).

Permalinks are query parameters on a page's path, relative to the app's base URL:
``claim?claim=<id>``, ``study?study=<id>``, ``browse?table=studies&design=rct-crossover``.
The overview also accepts ``?claim=<id>`` and ``?study=<id>`` and forwards to the page.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

logger = logging.getLogger("claimtracker.dashboard")

# url_path of the reader pages other code links to.
OVERVIEW = "overview"
EVIDENCE_MAP = "map"
BROWSE = "browse"
CLAIM = "claim"
STUDY = "study"
METHODS = "methods"
PROBLEMS = "problems"

#: The app's name in every browser tab title when the project names none
#: (``[site] title`` of ``claimtracker.toml`` does): ``Claim: <proposition> · claimtracker``.
SITE_TITLE = "claimtracker"
#: Served by the app itself (a ``:material/...:`` icon would be fetched from a font CDN).
FAVICON = str(Path(__file__).with_name("favicon.png"))

ERROR_MESSAGE = (
    "Sorry, this page could not be shown because of an error on our side. "
    "The error has been logged; the other pages still work."
)


def page(
    target: str,
    title: str,
    icon: str,
    url_path: str,
    *,
    default: bool = False,
    banner: bool = True,
) -> st.Page:
    """A navigation entry that runs ``target`` ("module:function") inside the page guard."""

    def run() -> None:
        set_title(title)
        run_guarded(target, banner=banner)

    run.__name__ = f"page_{url_path.replace('-', '_')}"
    return st.Page(run, title=title, icon=icon, url_path=url_path, default=default)


def set_title(*parts: str) -> None:
    """The browser tab's title: ``parts`` (most specific first), then the app's name.

    Pages call it again with what they show (a claim's proposition), so every permalink has
    a title of its own."""
    words = [" ".join(str(p).split()) for p in parts if p and str(p).strip()]
    words = [w if len(w) <= 90 else w[:89].rstrip() + "…" for w in words]
    from claimtracker.dashboard.data import site_title

    st.set_page_config(page_title=" · ".join([*words, site_title()]))


def resolve(target: str) -> Callable[[], None]:
    """The render function named by ``"module:function"`` (modules under ``dashboard``)."""
    module, _, function = target.partition(":")
    if "." not in module:
        module = f"claimtracker.dashboard.{module}"
    render: Callable[[], None] = getattr(importlib.import_module(module), function)
    return render


def run_guarded(target: str, *, banner: bool = True) -> None:
    """Run one page; an error becomes a message, never a traceback in the browser."""
    from claimtracker.dashboard.data import one_look_per_run, show_problem_banner
    from claimtracker.dashboard.style import apply_style
    from claimtracker.dashboard.text import md
    from claimtracker.problems import ConfigError, ProjectNotFound

    try:
        apply_style()
        # The banner's place is kept at the top but filled after the page: a page can draw
        # its first lines (the overview's answers) before the whole library is loaded.
        top = st.container()
        with one_look_per_run():
            resolve(target)()
            if banner:
                with top:
                    show_problem_banner()
    except (ProjectNotFound, ConfigError) as exc:
        st.error(
            f"No evidence to show here: {md(str(exc))}", icon=":material/folder_off:"
        )
    except Exception:
        logger.exception("page %s failed", target)
        st.error(ERROR_MESSAGE, icon=":material/error:")


# --------------------------------------------------------------------------- addresses


def page_url(
    url_path: str, params: Mapping[str, str | Sequence[str]] | None = None
) -> str:
    """A page's address relative to the app's base URL, with query parameters."""
    query = urlencode(dict(params or {}), doseq=True)
    return url_path + (f"?{query}" if query else "")


def claim_url(claim_id: str) -> str:
    """``claim?claim=<id>``: the claim's permalink, relative to the app's base URL."""
    return page_url(CLAIM, {"claim": claim_id})


def study_url(study_id: str) -> str:
    """``study?study=<id>``: the study's permalink, relative to the app's base URL."""
    return page_url(STUDY, {"study": study_id})


@functools.lru_cache(maxsize=64)
def _stub(url_path: str) -> st.Page:
    # Streamlit identifies a page by its url_path alone, so any callable page with the
    # same path links to (and switches to) the registered one. Made once per path: an
    # st.Page costs about a millisecond to build, and a page may hold dozens of links.
    def target() -> None:  # pragma: no cover - never run; the registered page runs
        pass

    return st.Page(
        target, title=url_path, url_path=url_path, default=url_path == OVERVIEW
    )


def link_to(
    url_path: str,
    label: str,
    params: Mapping[str, str | Sequence[str]] | None = None,
    *,
    icon: str | None = None,
    help: str | None = None,
) -> None:
    """A link to another page of the app; ``label`` is Markdown the caller has escaped."""
    st.page_link(
        _stub(url_path),
        label=label,
        query_params=dict(params or {}),
        icon=icon,
        help=help,
    )


def link_to_claim(
    claim_id: str, label: str | None = None, *, icon: str | None = None
) -> None:
    """A link to a claim page; ``label`` is untrusted text (escaped here), the id by default."""
    from claimtracker.dashboard.text import md

    link_to(CLAIM, md(label or claim_id), {"claim": claim_id}, icon=icon)


def link_to_study(
    study_id: str, label: str | None = None, *, icon: str | None = None
) -> None:
    """A link to a study page; ``label`` is untrusted text (escaped here), the id by default."""
    from claimtracker.dashboard.text import md

    link_to(STUDY, md(label or study_id), {"study": study_id}, icon=icon)


def open_page(
    url_path: str, params: Mapping[str, str | Sequence[str]] | None = None
) -> None:
    """Go to another page now (ends this run)."""
    st.switch_page(_stub(url_path), query_params=dict(params or {}))


def open_claim(claim_id: str) -> None:
    open_page(CLAIM, {"claim": claim_id})


def open_study(study_id: str) -> None:
    open_page(STUDY, {"study": study_id})


# --------------------------------------------------------------------------- query parameters


def param(name: str) -> str | None:
    """One query parameter, or None."""
    value = st.query_params.get(name)
    return value if value else None


def params(name: str) -> list[str]:
    """Every value of a repeated query parameter (``?design=a&design=b``)."""
    return [v for v in st.query_params.get_all(name) if v]


def current_params() -> dict[str, list[str]]:
    """The whole query string as lists of values (repeated parameters kept)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def set_params(values: Mapping[str, str | Sequence[str] | None]) -> None:
    """Write the page's state into the address bar, dropping empty values; only on change."""
    wanted: dict[str, list[str]] = {}
    for key, value in values.items():
        items = [value] if isinstance(value, str) else list(value or ())
        items = [v for v in items if v]
        if items:
            wanted[key] = items
    if current_params() != wanted:
        st.query_params.from_dict(
            {k: v if len(v) > 1 else v[0] for k, v in wanted.items()}
        )
