"""Pages from Jinja2 templates, written only when their bytes change.

Templates live in ``site/templates`` as files. Autoescaping is on for every template, so
record text (propositions, quotes, summaries, names) is always HTML-escaped; the only
unescaped insertions are the JSON-LD and chart data, which go through
:func:`claimtracker.exports.script_body` (``< > &``, U+2028 and U+2029 as ``\\uXXXX``), so
no record text can end a script element or start markup.

Links between pages are relative (``../../study/x/``), so the site works from any folder of
any host (a domain's root, a GitHub Pages project path, a bucket prefix); canonical and
OpenGraph addresses are absolute, from the settings' base URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from claimtracker.exports import jsonld_script, script_body
from claimtracker.glossary import Glossary
from claimtracker.links import doi_url, pmc_url, pubmed_url, safe_url
from claimtracker.scale import CERTAINTY_SYMBOL, label
from claimtracker.site.settings import SiteSettings

TEMPLATES = Path(__file__).parent / "templates"
#: The error page: hosts serve it at whatever address was not found.
NOT_FOUND = "404.html"
#: A text symbol beside each rating's colour and name (colour is never the only cue).
RATING_ICON = {
    "supported": "✔",
    "partly-supported": "◐",
    "unproven": "?",
    "not-supported": "−",
    "contradicted": "✖",
}
STATIC = Path(__file__).parent / "static"


def page_file(path: str) -> str:
    """The file a site path is written to: ``claim/x/`` -> ``claim/x/index.html``."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path`` (both site paths)."""
    depth = page_file(from_path).count("/")
    return "../" * depth + to_path if depth or to_path else "./"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 study``, ``3 studies``, with thousands separators."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def paragraphs(text: object) -> list[str]:
    """Prose split at blank lines, each paragraph's whitespace folded."""
    parts = re.split(r"\n\s*\n", str(text or "").strip())
    return [" ".join(p.split()) for p in parts if p.strip()]


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Renderer:
    """The Jinja2 environment with the site's filters; renders one page to bytes."""

    def __init__(
        self,
        settings: SiteSettings,
        assets: Mapping[str, str],
        glossary: Glossary | None = None,
    ) -> None:
        self.settings = settings
        self.glossary = glossary
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            label=label,
            plural=plural,
            safe_url=safe_url,
            jsonld=lambda obj: Markup(jsonld_script(obj)),
            script_json=lambda obj: Markup(script_body(obj)),
            number=lambda n: "" if n is None else f"{n:,}",
            paragraphs=paragraphs,
            # A vocabulary value's plain name, as the dashboard shows it (the glossary's).
            name=glossary.name if glossary is not None else label,
        )
        self._path = ""
        self.env.globals.update(
            href=self.href,
            site=settings,
            assets=dict(assets),
            rating_icon=RATING_ICON,
            doi_url=doi_url,
            pubmed_url=pubmed_url,
            pmc_url=pmc_url,
            certainty_symbol={c.value: s for c, s in CERTAINTY_SYMBOL.items()},
        )
        self._templates: dict[str, jinja2.Template] = {}
        self.base_path = urlsplit(settings.base_url).path.rstrip("/") + "/"

    def render(self, template: str, path: str, **context: Any) -> bytes:
        """The page at site path ``path`` from ``template``, as UTF-8 bytes."""
        found = self._templates.get(template)
        if found is None:
            found = self._templates[template] = self.env.get_template(template)

        self._path = path
        text = found.render(path=path, **context)
        return text.encode("utf-8")

    def href(self, to_path: str) -> str:
        """A link from the page being rendered to ``to_path`` (a template global, so the
        macros need not be imported with the page's context, which Jinja cannot cache)."""
        if self._path == NOT_FOUND:  # served at any address: links from the site's root
            return self.base_path + to_path
        return relative(self._path, to_path)


def template_sources() -> bytes:
    """Every template and static file, for the build's fingerprint."""
    parts = []
    for folder in (TEMPLATES, STATIC):
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                parts.append(file.relative_to(folder.parent).as_posix().encode())
                parts.append(file.read_bytes())
    return b"\0".join(parts)


class Output:
    """Writes files under the output folder, skipping any whose bytes are unchanged.

    ``previous`` is the last build's ``{path: digest}``; ``digests`` becomes this build's.
    A file is written (to a temporary name, then renamed, so a reader never sees half a page)
    when its digest differs or the file is gone."""

    def __init__(self, out: Path, previous: Mapping[str, str]) -> None:
        self.out = out
        self.previous = dict(previous)
        self.digests: dict[str, str] = {}
        self.written: list[str] = []

    def put(self, path: str, data: bytes) -> None:
        found = digest(data)
        self.digests[path] = found
        target = self.out / path
        if self.previous.get(path) == found and target.exists():
            return
        write_atomic(target, data)
        self.written.append(path)

    def put_json(self, path: str, obj: Any) -> None:
        self.put(path, (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode())

    def remove(self, paths: set[str]) -> list[str]:
        """Delete files an earlier build wrote that this one no longer makes."""
        gone = []
        for path in sorted(paths):
            self.digests.pop(path, None)
            try:
                (self.out / path).unlink()
                gone.append(path)
            except FileNotFoundError:
                continue
        return gone


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` by way of a temporary file in the same folder, renamed
    over it, so a reader never sees half a file."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(data)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
