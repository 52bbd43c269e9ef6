"""Shared fixtures: a small, valid data root in a temporary folder, and a way to add files to it.

- ``corpus_dir``: a fresh copy of ``tests/data/valid`` (``claims/`` and ``studies/``, 5 of
  each, all valid, no warnings) in ``tmp_path``. Change it freely.
- ``write_record(rel, content)``: write ``content`` to ``corpus_dir / rel`` and return the
  path. ``content`` is YAML text (dedented, so triple-quoted blocks may be indented), bytes
  (written as they are), or a mapping (dumped as YAML in key order).
- ``long_tmp``: an empty folder whose path is over 150 characters long.
- ``flatten(problems)``: ``(path, line, code)`` tuples, for asserting on structure rather
  than wording.
- ``claim_table``, ``evidence``: ``frames.claims_frame`` and ``frames.evidence_frame`` of the
  dashboard's hand-made records (``dashboard_records``), built once per test module.
- ``write_corpus(root, claims, studies)``: write pydantic records as YAML files (as an editor
  would) under ``root/claims`` and ``root/studies``; the hand-made record sets are in
  ``dashboard_records`` and ``writers_corpus``.
- ``tmpfs(path, size)``: a context manager mounting a real tmpfs of ``size`` at ``path`` (a
  full disk, or read-only after ``remount,ro``; root ignores file modes, so chmod would not
  do), skipping the test where mounting is not allowed.

Browser tests (``@pytest.mark.browser``) use pytest-playwright's ``page`` (and ``new_context``
for a second reader) with the settings below, plus:

- ``streamlit_app(root, env=..., args=...)``: a context manager that runs ``streamlit run
  app.py`` on a free loopback port over the data root ``root``, waits for
  ``/_stcore/health``, yields the base URL and always stops the server.
- ``screenshot(page_or_locator, name)``: save ``tests/screenshots/<name>.png`` (git-ignored),
  to be looked at.
- ``READY``: the selector of a rendered page whose script is idle; ``Shot`` and
  ``StreamlitApp``: the types of the two fixtures above, for annotations.

Playwright's sync API keeps an asyncio loop marked as running in the main thread from the
first browser test to the end of the session, so ``asyncio.run`` fails in any test after it:
browser tests are therefore collected last.

Test data is found relative to this file, never the working directory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from playwright.sync_api import BrowserContext, Locator, Page, expect

from claimtracker import frames
from claimtracker.matching import Matcher
from claimtracker.models import Claim, Study
from claimtracker.problems import Problem
from claimtracker.serving import (
    ServingError,
    free_port,
    stop_process,
    wait_until_healthy,
)
from claimtracker.synthetic import dump_record
from dashboard_records import CLAIMS, STUDIES

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
SCREENSHOTS = REPO / "tests" / "screenshots"
#: Streamlit has rendered the page and its script is idle.
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: How long a browser action or an auto-retrying ``expect`` waits: a rerun on a busy
#: two-core machine can take seconds. Only a failing test waits this long.
BROWSER_TIMEOUT_MS = 60_000
STARTUP_SECONDS = 90

WriteRecord = Callable[[str, "str | bytes | Mapping[str, Any]"], Path]


def flatten(problems: Iterable[Problem]) -> list[tuple[str, int, str]]:
    """``(path, line, code)`` for each problem, in order."""
    return [(p.path, p.line, p.code) for p in problems]


def write_corpus(
    root: Path, claims: Mapping[str, Claim], studies: Mapping[str, Study]
) -> Path:
    """Write the records as YAML files under ``root/claims`` and ``root/studies``; return ``root``."""
    for kind, records in (("claims", claims), ("studies", studies)):
        (root / kind).mkdir(parents=True, exist_ok=True)
        for record in records.values():
            (root / kind / f"{record.id}.yaml").write_text(
                dump_record(record), encoding="utf-8"
            )
    return root


@contextlib.contextmanager
def tmpfs(mount: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (``64k``, ``4m``) mounted at ``mount`` for the block."""
    mount.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    """The draft checker's matcher over the repository's published claims (the tests of its
    reading rules share it; a module that needs another defines its own)."""
    from matching_helpers import shipped_matcher

    return shipped_matcher()


@pytest.fixture(scope="module")
def claim_table() -> pd.DataFrame:
    return frames.claims_frame(CLAIMS, STUDIES)


@pytest.fixture(scope="module")
def evidence() -> pd.DataFrame:
    return frames.evidence_frame(CLAIMS, STUDIES)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A copy of tests/data/valid: a data root with claims/ and studies/."""
    root = tmp_path / "repo"
    shutil.copytree(VALID, root)
    return root


@pytest.fixture
def long_tmp(tmp_path: Path) -> Path:
    """A fresh folder whose absolute path is longer than 150 characters (output that
    names it must not depend on its length)."""
    folder = tmp_path / "a-folder-with-a-rather-long-name"
    while len(str(folder)) <= 150:
        folder = folder / "a-folder-with-a-rather-long-name"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def write_record(corpus_dir: Path) -> WriteRecord:
    """Write a file under ``corpus_dir``: ``write_record("studies/doe-2016.yaml", text)``."""

    def write(rel: str, content: str | bytes | Mapping[str, Any]) -> Path:
        target = corpus_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        else:
            target.write_text(
                yaml.safe_dump(dict(content), sort_keys=False, allow_unicode=True),
                encoding="utf-8",
            )
        return target

    return write


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that drive a browser after all others (see the module docstring)."""
    items.sort(key=lambda item: "playwright" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> Iterator[dict[str, Any]]:
    """Debian's chromium (``make chromium``); Playwright's own browsers are never downloaded."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail(
            "Debian's chromium is needed for the browser tests: run `make chromium`"
        )
    short = _short_tmp()
    yield {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": CHROMIUM_ARGS,
        "env": {**os.environ, "TMPDIR": short},
    }
    if short != tempfile.gettempdir():
        shutil.rmtree(short, ignore_errors=True)


def _short_tmp() -> str:
    """A temporary folder for Chromium itself: it keeps a Unix socket there, whose path may
    not be longer than about 100 bytes, so a long $TMPDIR (a deep CI workspace) would make
    it abort at start. The tests' own files stay under $TMPDIR."""
    current = tempfile.gettempdir()
    if len(current) <= 60 or not Path("/tmp").is_dir():
        return current
    return tempfile.mkdtemp(prefix="claimtracker-chromium-", dir="/tmp")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Streamlit scrolls an inner container, so a tall viewport is the full-page screenshot.
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2400}}


@pytest.fixture
def new_context(
    new_context: Callable[..., BrowserContext],
) -> Callable[..., BrowserContext]:
    """pytest-playwright's context factory, with the suite's timeouts."""
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)

    def make(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        return context

    return make


Shot = Callable[[Page | Locator, str], Path]


@pytest.fixture(scope="session")
def screenshot() -> Shot:
    """``screenshot(page_or_locator, name)`` saves ``tests/screenshots/<name>.png``."""

    def save(target: Page | Locator, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        target.screenshot(path=str(path))
        return path

    return save


def _wait_for_health(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"streamlit exited with {process.returncode}:\n{log.read_text()}"
            )
        try:
            wait_until_healthy(f"{url}/_stcore/health", timeout=1)
            return
        except ServingError:
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit did not answer /_stcore/health:\n{log.read_text()}"
                )


StreamlitApp = Callable[..., contextlib.AbstractContextManager[str]]


@pytest.fixture(scope="session")
def streamlit_app(tmp_path_factory: pytest.TempPathFactory) -> StreamlitApp:
    """``with streamlit_app(root, env={...}, args=[...]) as url:`` a dashboard over ``root``.

    ``streamlit run app.py`` in a process of its own on a free loopback port, with
    ``CLAIMTRACKER_ROOT=root`` and ``env`` added to this environment and ``args`` appended to
    the command line (e.g. ``--secrets.files``). It is stopped when the block ends.
    """

    @contextlib.contextmanager
    def start(
        root: Path, *, env: Mapping[str, str] | None = None, args: Sequence[str] = ()
    ) -> Iterator[str]:
        port = free_port()
        log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
        command = [
            sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"),
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            *args,
        ]  # fmt: skip
        environment = {**os.environ, "CLAIMTRACKER_ROOT": str(root), **(env or {})}
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=REPO, env=environment, stdout=out, stderr=subprocess.STDOUT
            )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for_health(process, url, log)
            yield url
        finally:
            stop_process(process, timeout=15)

    return start
