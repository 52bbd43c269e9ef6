"""What the site says about itself: its title, subject, public address, publisher and the
address of the dashboard that editors use.

Read from the project's configuration (``claimtracker.toml``: ``[site]`` and ``[publisher]``)
when the project has one, else from the environment the exports already use
(``CLAIMTRACKER_BASE_URL``, ``CLAIMTRACKER_ORGANISATION``, ``CLAIMTRACKER_ORGANISATION_URL``,
and ``CLAIMTRACKER_APP_URL`` for the dashboard), else the defaults below. The base URL is where
the static site is published: canonical links, OpenGraph URLs, the sitemap and every
ClaimReview's ``url`` start with it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from claimtracker.exports import ExportError, Publisher
from claimtracker.links import safe_url

DEFAULT_BASE_URL = "http://127.0.0.1:8600"
DEFAULT_TITLE = "claimtracker"
DEFAULT_TOPIC = "compression socks and sleeves"


class SiteSettingsError(ExportError):
    """A setting the site cannot be built with (a base URL that is not http(s))."""


@dataclass(frozen=True)
class SiteSettings:
    """Everything about the site that does not come from the records."""

    title: str = DEFAULT_TITLE
    topic: str = DEFAULT_TOPIC
    base_url: str = DEFAULT_BASE_URL
    organisation: str = DEFAULT_TITLE
    organisation_url: str | None = None
    app_url: str | None = None
    """The dashboard, for "open in the dashboard" and editors' "edit" links (``None``:
    ``{base_url}/app/``, where ``claimtracker serve`` puts it)."""

    def __post_init__(self) -> None:
        for name in ("base_url", "organisation_url", "app_url"):
            value = getattr(self, name)
            if value is not None and safe_url(value) != value:
                raise SiteSettingsError(
                    f"{name} must be an http(s) URL with no spaces or quotes, got '{value}'"
                )

    @property
    def root_url(self) -> str:
        """The base URL with exactly one trailing slash."""
        return self.base_url.rstrip("/") + "/"

    @property
    def dashboard_url(self) -> str:
        """The dashboard's address, with a trailing slash."""
        return (self.app_url or self.root_url + "app/").rstrip("/") + "/"

    def url(self, path: str) -> str:
        """The absolute address of a site path (``claim/<id>/``)."""
        return self.root_url + path.lstrip("/")

    @property
    def publisher(self) -> Publisher:
        """The ClaimReview publisher: this site's claim pages, this organisation."""
        return Publisher(
            base_url=self.base_url.rstrip("/"),
            organisation=self.organisation,
            organisation_url=self.organisation_url,
            permalinks="path",
        )

    def fingerprint(self) -> str:
        """Everything here as one line (a change means every page is built again)."""
        return repr(self)


def load_settings(root: Path, environ: Mapping[str, str] | None = None) -> SiteSettings:
    """The settings for the project at ``root``: its configuration, the environment, defaults."""
    env = os.environ if environ is None else environ
    found: dict[str, str | None] = {}
    config = _project_config(root)
    if config is not None:
        site = getattr(config, "site", None)
        publisher = getattr(config, "publisher", None)
        found = {
            "title": getattr(site, "title", None),
            "topic": getattr(site, "topic", None),
            "base_url": getattr(site, "base_url", None),
            "organisation": getattr(publisher, "name", None),
            "organisation_url": getattr(publisher, "url", None),
            "app_url": getattr(site, "app_url", None),
        }
    title = found.get("title") or DEFAULT_TITLE
    return SiteSettings(
        title=title,
        topic=found.get("topic") or DEFAULT_TOPIC,
        base_url=found.get("base_url")
        or env.get("CLAIMTRACKER_BASE_URL")
        or DEFAULT_BASE_URL,
        organisation=found.get("organisation")
        or env.get("CLAIMTRACKER_ORGANISATION")
        or title,
        organisation_url=found.get("organisation_url")
        or env.get("CLAIMTRACKER_ORGANISATION_URL")
        or None,
        app_url=found.get("app_url") or env.get("CLAIMTRACKER_APP_URL") or None,
    )


def _project_config(root: Path) -> object | None:
    """The project's configuration, where this version of claimtracker reads one."""
    try:
        from claimtracker import config  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    load = getattr(config, "load_config", None)
    if load is None or not (root / "claimtracker.toml").exists():
        return None
    return load(root)  # type: ignore[no-any-return]
