"""Helpers for the static site's tests: build a site, read its pages, crawl its links."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from claimtracker.site import SiteSettings

BASE = "https://facts.example.org/"
SETTINGS = SiteSettings(
    title="Sock facts",
    topic="compression socks and sleeves",
    base_url="https://facts.example.org",
    organisation="Sock Facts Desk",
    organisation_url="https://facts.example.org/about",
)
#: Record text that must come out as text on every page.
HOSTILE = 'Socks </script><img src=x onerror="alert(1)"><!-- & \u2028 line'


def pages(out: Path) -> Iterator[Path]:
    """Every HTML page of a built site (the search bundle has none)."""
    yield from sorted(out.rglob("*.html"))


def site_path(out: Path, file: Path) -> str:
    """``claim/x/`` for ``OUT/claim/x/index.html``."""
    rel = file.relative_to(out).as_posix()
    return rel.removesuffix("index.html")


class Links(HTMLParser):
    """Every href and src of a page, with the element they are on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "data-plotly", "data-index", "data-synonyms"):
                if value is not None:
                    self.found.append((tag, name, value))


def links_of(html: str) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(html)
    return parser.found


def resolve(out: Path, page: Path, link: str) -> Path | None:
    """The file an internal link points to (None for links to other sites)."""
    here = "http://site.test/" + page.relative_to(out).as_posix()
    target = urlsplit(urljoin(here, link))
    if target.netloc != "site.test":
        return None
    path = unquote(target.path).lstrip("/")
    file = out / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    return file


def copy_records(source: Path, target: Path) -> Path:
    for folder in ("claims", "studies"):
        shutil.copytree(source / folder, target / folder)
    return target


def edit_yaml(file: Path, change: Any) -> None:
    """Load a record file, let ``change(data)`` edit it, and write it back."""
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )


def tree(out: Path, *, skip: tuple[str, ...] = ("pagefind/",)) -> dict[str, bytes]:
    """Every file of a built site and its bytes (the search bundle left out)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.relative_to(out).as_posix().startswith(skip)
    }
