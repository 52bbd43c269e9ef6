"""Start a new evidence base: ``claimtracker init DIR``.

:func:`init_project` writes what a data root needs so that the tools find it, validate it
and show it: ``claimtracker.toml`` with the site's and the publisher's settings, empty
``claims/`` and ``studies/``, the JSON Schemas and the generated reference pages
(:func:`claimtracker.scaffold.write_generated`), a README for the team, a ``.gitignore``
(audit log, locks, secrets) and the editor settings that map the schemas onto the records.
With ``example=True`` (the default) it also writes one draft claim that validates, so
``claimtracker validate`` has a record to check and the dashboard has one to show until the
team writes its own.

It never overwrites: a folder that already holds a project is refused, and files of other
kinds that are already there (a README, a ``.gitignore``) are kept and reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from claimtracker import paths
from claimtracker.config import Config, config_text
from claimtracker.problems import StoreError
from claimtracker.scaffold import new_record, write_generated

EXAMPLE_CLAIM = "example-claim"
GITIGNORE = """\
# claimtracker: the audit log and lock files stay on the server; secrets never leave it
.claimtracker/
*.lock
.streamlit/secrets.toml
"""
VSCODE = {
    "yaml.schemas": {
        "./schemas/study.schema.json": "studies/*.yaml",
        "./schemas/claim.schema.json": "claims/*.yaml",
    },
    "yaml.customTags": [],
}


@dataclass
class InitReport:
    """What :func:`init_project` did, as paths relative to the new root."""

    root: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \\uXXXX included).
    return json.dumps(value, ensure_ascii=False)


def config_file_text(
    title: str, topic: str, base_url: str, publisher: str, publisher_url: str | None
) -> str:
    """The text of a new ``claimtracker.toml``, with a comment on every setting."""
    url_line = (
        f"url = {_toml_string(publisher_url)}"
        if publisher_url
        else '# url = "https://example.org"   # the publisher\'s home page'
    )
    return f"""\
# claimtracker's settings for this evidence base. The tools find the base by looking for
# this file from the working folder upwards; claimtracker's docs/configuration.md
# describes every setting.

[site]
title = {_toml_string(title)}
# What the claims are about, as it reads after "claims about".
topic = {_toml_string(topic)}
# Where the claim pages are published ({{base_url}}/?claim={{id}}); used in ClaimReview
# exports. CLAIMTRACKER_BASE_URL or `claimtracker export --base-url` override it.
base_url = {_toml_string(base_url)}

[publisher]
# Who publishes the verdicts (the ClaimReview author).
name = {_toml_string(publisher)}
{url_line}

[audit]
# Every change saved through claimtracker is appended here (relative to this folder).
log = ".claimtracker/audit.jsonl"
"""


def readme_text(config: Config) -> str:
    """The new base's README: what is where, and the commands a team uses."""
    return f"""\
# {config.site.title}

An evidence base of claims about {config.site.topic}, kept with
claimtracker: each claim is linked to the studies
that test it and to a verdict that says how well the evidence backs it, and why.

| where | what |
| --- | --- |
| `claimtracker.toml` | the site's title and topic, the publisher, the audit log |
| `claims/<id>.yaml` | one claim per file; the file name is the id |
| `studies/<id>.yaml` | one study per file (first author and year: `doe-2015`) |
| `schemas/` | JSON Schemas of the records, for completion and live errors in editors (generated) |
| `docs/` | every record field and every problem code (generated: `claimtracker schema`) |

`claims/{EXAMPLE_CLAIM}.yaml` is a draft to show the shape of a claim: edit it into your
first claim (rename the file to the new id) or delete it once you have others.

```sh
claimtracker new claim some-claim-id    # a draft skeleton that validates
claimtracker new study doe-2015
claimtracker validate                   # every problem, with file, line and a hint
claimtracker dashboard                  # the dashboard on this folder
claimtracker check draft.md             # which sentences of a draft make tracked claims
```

Run the commands anywhere inside this folder: they find it by its `claimtracker.toml`.
To check every commit with [pre-commit](https://pre-commit.com), using the claimtracker
installed beside it, put this in `.pre-commit-config.yaml`:

```yaml
repos:
  - repo: local
    hooks:
      - id: claimtracker-validate
        name: claimtracker validate
        entry: claimtracker validate
        language: system
        files: ^(claims|studies)/.*\\.ya?ml$|^claimtracker\\.toml$
        pass_filenames: false
      - id: claimtracker-check
        name: claimtracker check (drafts)
        entry: claimtracker check
        language: system
        files: ^drafts/.*\\.(md|markdown|txt)$
```
"""


def _write(root: Path, rel: str, text: str, report: InitReport) -> None:
    target = root / rel
    if target.exists():
        report.kept.append(rel)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as f:
        f.write(text)
    report.written.append(rel)


def init_project(
    folder: Path,
    *,
    title: str | None = None,
    topic: str | None = None,
    base_url: str | None = None,
    publisher: str | None = None,
    publisher_url: str | None = None,
    example: bool = True,
) -> InitReport:
    """Make ``folder`` (created if needed) a new, valid evidence base.

    Settings left out take the defaults of :class:`claimtracker.config.Config`; the title
    defaults to the folder's name. Raises :class:`StoreError` when ``folder`` is a file or
    already a data root, and :class:`claimtracker.problems.ConfigError` (before anything is
    written) when a setting is not valid."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a folder")
    if folder.is_dir() and (
        (folder / paths.CONFIG_FILE).exists()
        or (folder / paths.CLAIMS).exists()
        or (folder / paths.STUDIES).exists()
    ):
        raise StoreError(
            f"{folder} already holds a claimtracker project ({paths.CONFIG_FILE}, "
            f"{paths.CLAIMS}/ or {paths.STUDIES}/); not touching it"
        )
    defaults = Config()
    text = config_file_text(
        title=title or folder.resolve().name or defaults.site.title,
        topic=topic or defaults.site.topic,
        base_url=base_url or defaults.site.base_url,
        publisher=publisher or defaults.publisher.name,
        publisher_url=publisher_url,
    )
    config = config_text(text, folder / paths.CONFIG_FILE)  # raises before any write
    folder.mkdir(parents=True, exist_ok=True)
    report = InitReport(root=folder)
    _write(folder, paths.CONFIG_FILE, text, report)
    for sub in (paths.CLAIMS, paths.STUDIES):
        (folder / sub).mkdir()
    report.written += [f"{paths.CLAIMS}/", f"{paths.STUDIES}/"]
    report.written += write_generated(folder)
    _write(folder, "README.md", readme_text(config), report)
    _write(folder, ".gitignore", GITIGNORE, report)
    _write(folder, ".vscode/settings.json", json.dumps(VSCODE, indent=2) + "\n", report)
    if example:
        created = new_record(folder, "claim", EXAMPLE_CLAIM)
        report.written.append(created.relative_to(folder).as_posix())
    return report
