"""The deployment for many readers: two dashboard processes behind nginx, sticky by cookie.

One cluster (nginx and two real Streamlit replicas on the small fixture corpus, loopback
only) serves every test in this module. Functional checks only, never timings.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import shutil
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from claimtracker.serving import Cluster, render_nginx_conf, streamlit_command
from claimtracker.site import build_site
from conftest import REPO

pytestmark = pytest.mark.slow

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
needs_nginx = pytest.mark.skipif(
    not Path(NGINX).exists(),
    reason="nginx is not installed (apt-get install nginx-light)",
)


@functools.cache
def _loadtest() -> ModuleType:
    """benchmarks/loadtest.py, imported from its file (benchmarks/ is not on sys.path)."""
    spec = importlib.util.spec_from_file_location(
        "claimtracker_loadtest", REPO / "benchmarks" / "loadtest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a GET, redirects not followed, errors returned."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get(url: str, route: str | None = None) -> tuple[int, str, list[str]]:
    """(status, replica that answered, Set-Cookie headers) of a GET through the proxy."""
    headers = {"Cookie": f"claimtracker_route={route}"} if route else {}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return (
            response.status,
            response.headers.get("X-Claimtracker-Upstream", ""),
            response.headers.get_all("Set-Cookie") or [],
        )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    root = tmp_path_factory.mktemp("serving") / "repo"
    shutil.copytree(REPO / "tests" / "data" / "valid", root)
    site = root / "public"
    build_site(root, site, search=False)
    with Cluster(REPO, replicas=2, data_root=root, site=site) as running:
        yield running


def test_the_nginx_template_renders_every_placeholder(tmp_path: Path) -> None:
    template = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    conf = render_nginx_conf(
        template, listen=8600, upstreams=[9001, 9002], prefix=tmp_path
    )
    assert "@" not in conf.replace("$", "")
    assert "server 127.0.0.1:9001" in conf and "server 127.0.0.1:9002" in conf
    assert "listen 127.0.0.1:8600;" in conf
    # Server lines only inside the upstream block, never inside a comment.
    assert all(
        not line.lstrip().startswith("#") or "server 127.0.0.1" not in line
        for line in conf.splitlines()
    )


def test_a_replica_runs_streamlit_through_the_serving_module() -> None:
    command = streamlit_command(REPO / "app.py", 9001)
    assert command[1:3] == ["-m", "claimtracker.serving"]
    assert "--server.address=127.0.0.1" in command
    assert "--runner.postScriptGC=false" in command


@needs_nginx
def test_the_proxy_answers_the_health_endpoint(cluster: Cluster) -> None:
    status, upstream, cookies = get(f"{cluster.app_url}/_stcore/health")
    assert status == 200
    assert upstream.startswith("127.0.0.1:")
    assert any(c.startswith("claimtracker_route=") for c in cookies)


@needs_nginx
def test_readers_reach_both_replicas_and_each_always_the_same(cluster: Cluster) -> None:
    replicas = {f"127.0.0.1:{port}" for port in cluster.upstream_ports}
    seen: dict[str, set[str]] = {}
    for i in range(24):
        route = f"reader-{i}"
        for _ in range(3):
            _, upstream, cookies = get(f"{cluster.app_url}/_stcore/health", route)
            seen.setdefault(route, set()).add(upstream)
        assert (
            f"claimtracker_route={route}; Path=/app/; HttpOnly; SameSite=Lax" in cookies
        )
    assert all(len(upstreams) == 1 for upstreams in seen.values()), seen
    assert set().union(*seen.values()) == replicas


@needs_nginx
def test_a_new_reader_keeps_the_route_the_proxy_gave_them(cluster: Cluster) -> None:
    _, first, cookies = get(f"{cluster.app_url}/")
    route = next(
        c.split(";")[0].split("=", 1)[1]
        for c in cookies
        if c.startswith("claimtracker_route=")
    )
    assert route
    for _ in range(5):
        assert get(f"{cluster.app_url}/_stcore/health", route)[1] == first


@needs_nginx
def test_pages_rerun_over_the_websocket_through_the_proxy(cluster: Cluster) -> None:
    loadtest = _loadtest()
    claim = sorted(p.stem for p in (REPO / "tests/data/valid/claims").glob("*.yaml"))[0]
    visits = [
        loadtest.Visit("overview"),
        loadtest.Visit("browse"),
        loadtest.Visit("claim", f"claim={claim}"),
    ]
    result = asyncio.run(
        loadtest.run_load(
            cluster.app_url, sessions=3, duration=3, think=0.4, visits=visits
        )
    )
    assert result.errors == 0, result.error_samples
    assert result.reruns >= 3


@needs_nginx
def test_each_replica_reruns_a_page_for_its_readers(cluster: Cluster) -> None:
    loadtest = _loadtest()
    routes: dict[str, str] = {}
    for i in range(100):
        routes.setdefault(get(f"{cluster.app_url}/_stcore/health", f"r{i}")[1], f"r{i}")
    assert len(routes) == 2

    async def rerun(route: str) -> float:
        async with loadtest.connect(cluster.app_url, route) as ws:
            seconds: float = await loadtest._rerun(ws, loadtest.Visit("overview"), 120)
            return seconds

    async def both() -> list[float]:
        return await asyncio.gather(*(rerun(r) for r in routes.values()))

    assert all(seconds > 0 for seconds in asyncio.run(both()))


def test_the_load_harness_refuses_addresses_off_this_machine() -> None:
    loadtest = _loadtest()
    with pytest.raises(ValueError, match="loopback"):
        asyncio.run(
            loadtest.run_load(
                "http://example.org", sessions=1, duration=1, think=1, visits=[]
            )
        )


CLAIM = "compression-flushes-lactate"


@needs_nginx
def test_the_static_site_is_at_the_root_with_caching_headers(cluster: Cluster) -> None:
    status, headers, body = fetch(f"{cluster.url}/")
    assert status == 200 and b"<title>" in body
    assert headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    status, headers, body = fetch(f"{cluster.url}/claim/{CLAIM}/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    assert headers.get("ETag") and headers.get("Last-Modified")
    assert b"application/ld+json" in body
    css = next(
        line.split('href="')[1].split('"')[0]
        for line in body.decode().splitlines()
        if "stylesheet" in line and "site-" in line
    )
    status, headers, _ = fetch(f"{cluster.url}/claim/{CLAIM}/{css}")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, _ = fetch(f"{cluster.url}/claim/{CLAIM}/{CLAIM}.jsonld")
    assert status == 200 and headers["Content-Type"] == "application/ld+json"


@needs_nginx
def test_dashboard_permalinks_redirect_to_the_static_pages(cluster: Cluster) -> None:
    status, headers, _ = fetch(f"{cluster.url}/?claim={CLAIM}")
    assert status == 301 and headers["Location"].endswith(f"/claim/{CLAIM}/")
    status, headers, _ = fetch(f"{cluster.url}/?study=doe-2015")
    assert status == 301 and headers["Location"].endswith("/study/doe-2015/")
    status, _, body = fetch(f"{cluster.url}/?claim=../../etc/passwd")
    assert status == 200 and b"Do they work?" in body  # not an id: just the home page


@needs_nginx
def test_unknown_addresses_get_the_sites_error_page(cluster: Cluster) -> None:
    status, _, body = fetch(f"{cluster.url}/claim/no-such-claim/")
    assert status == 404 and b"Page not found" in body


@needs_nginx
def test_the_dashboard_is_at_app(cluster: Cluster) -> None:
    status, headers, _ = fetch(f"{cluster.url}/app")
    assert status == 301 and headers["Location"].endswith("/app/")
    status, _, body = fetch(f"{cluster.app_url}/")
    assert status == 200 and b"streamlit" in body.lower()
