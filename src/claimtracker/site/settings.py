"""What the site says about itself: its title, subject, public address, publisher and the
address of the dashboard that editors use.

Read from the project's configuration (``claimtracker.toml``: ``[site]`` and ``[publisher]``),
each overridden by the environment variable the exports also read (``CLAIMTRACKER_BASE_URL``,
``CLAIMTRACKER_ORGANISATION``, ``CLAIMTRACKER_ORGANISATION_URL``), and
``CLAIMTRACKER_APP_URL`` for the dashboard's address. The base URL is where the static site
is published: canonical links, OpenGraph URLs, the sitemap and every ClaimReview's ``url``
start with it (``{base_url}/claim/<id>/``; behind ``claimtracker serve``'s nginx the
dashboard's ``{base_url}/?claim=<id>`` redirects there).
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
    """The settings for the project at ``root``: ``claimtracker.toml`` (``[site]``,
    ``[publisher]``), each overridden by its environment variable when that is set, as the
    exports read them (:data:`claimtracker.exports.PUBLISHER_ENV`). A base URL the file does
    not set is the address ``claimtracker serve`` uses, not the dashboard's."""
    from claimtracker.config import load_config
    from claimtracker.exports import PUBLISHER_ENV

    env = os.environ if environ is None else environ
    config = load_config(root)
    configured = "base_url" in config.site.model_fields_set
    return SiteSettings(
        title=config.site.title,
        topic=config.site.topic,
        base_url=env.get(PUBLISHER_ENV["base_url"])
        or (str(config.site.base_url) if configured else DEFAULT_BASE_URL),
        organisation=env.get(PUBLISHER_ENV["organisation"]) or config.publisher.name,
        organisation_url=env.get(PUBLISHER_ENV["organisation_url"])
        or (str(config.publisher.url) if config.publisher.url else None),
        app_url=env.get("CLAIMTRACKER_APP_URL") or None,
    )
