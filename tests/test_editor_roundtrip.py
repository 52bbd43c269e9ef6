"""Every shipped record opened in its form and saved unchanged: no file changes.

One AppTest session over a copy of the repository's ``claims/`` and ``studies/`` opens each
record in its edit page (by its address, one after another), takes the text the form
would save ("The file as it would be saved") and saves it through ``saving.save_record``,
the one save path. Each save must be a no-op and every file must keep its bytes. The
browser tests (``test_browser_editors.py``) prove the same for records picked one after
another in Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.navigation.page import calc_hash
from streamlit.testing.v1 import AppTest

from claimtracker.audit import read_audit
from claimtracker.auth import cli_actor, hash_password
from claimtracker.dashboard.routing import ERROR_MESSAGE
from claimtracker.saving import read_current, save_record
from claimtracker.sessions import Sessions

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app.py"
PAGES = {"claims": ("edit-claim", "claim"), "studies": ("edit-study", "study")}

pytestmark = pytest.mark.slow


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "store"
    for kind in PAGES:
        shutil.copytree(REPO / kind, root / kind)
    monkeypatch.setenv("CLAIMTRACKER_ROOT", str(root))
    return root


def test_every_shipped_record_opens_in_its_form_and_saves_unchanged(
    shipped: Path,
) -> None:
    before = {p: p.read_bytes() for p in shipped.rglob("*.yaml")}
    assert len(before) > 50
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.secrets["editors"] = {"alice": hash_password("x", salt=b"fixed-salt-16byt")}
    at.session_state["ct_session"] = Sessions(shipped).issue("alice")
    opened = 0
    for kind, (url_path, param) in PAGES.items():
        for path in sorted((shipped / kind).glob("*.yaml")):
            at.query_params.clear()
            at.query_params[param] = path.stem
            at._page_hash = calc_hash(url_path)
            at.run()
            assert not at.exception, (path.name, [e.value for e in at.exception])
            assert ERROR_MESSAGE not in [e.value for e in at.error], path.name
            assert "No changes yet." in [c.value for c in at.caption], path.name
            shown = next(c.value for c in at.code if c.language == "yaml")
            form_text = shown + "\n"  # a code block drops the final line break
            text, sha = read_current(shipped, kind, path.stem)
            assert form_text == text, path.name
            result = save_record(
                shipped,
                kind,
                form_text,
                base_sha256=sha,
                actor=cli_actor("alice"),
                record_id=path.stem,
            )
            assert result.action == "unchanged", path.name
            opened += 1
    assert opened == len(before)
    assert {p: p.read_bytes() for p in shipped.rglob("*.yaml")} == before
    assert read_audit(shipped) == []
