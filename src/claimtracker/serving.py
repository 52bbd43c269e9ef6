"""Serve the dashboard from several identical Streamlit processes behind nginx.

A Streamlit process runs every script rerun under one GIL, so it uses about one core
(a few dozen page reruns a second; docs/performance.md). More readers need more processes,
and because a Streamlit session lives in the memory of the process that opened it, the
proxy must keep each reader on one process (sticky sessions). ``deploy/nginx.conf`` does
that with a route cookie; this module fills in its ports, starts the replicas and nginx,
waits until they answer, and stops them all. Every replica reads the same checkout and
shares one cookie secret, so a cookie one replica signed (XSRF) is good at all of them.

Each replica is started through :func:`run_replica` (``python -m claimtracker.serving APP
...``), which is ``streamlit run`` with three measured fixes (docs/performance.md):

- Nagle's algorithm is turned off on the connections Streamlit accepts. Streamlit binds its
  listening socket with ``proto`` 0, and asyncio sets ``TCP_NODELAY`` only on sockets whose
  ``proto`` is TCP, so every rerun that writes two small websocket frames in a row waited for
  the peer's delayed ACK: about 40 ms added to every rerun, on an empty page as on any other.
- The process is warmed up before it listens: the first reader no longer waits for pandas
  and the records to load (``claimtracker.dashboard.warm``).
- ``runner.postScriptGC`` is off: Streamlit otherwise runs a full garbage collection after
  every rerun, which walks every object the cached records hold (0.7 s a rerun at 10,000
  studies).

    with Cluster(repo, replicas=2, port=8600) as cluster:
        print(cluster.url)
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pwd
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from claimtracker.problems import ClaimtrackerError

NGINX_TEMPLATE = Path("deploy") / "nginx.conf"
#: Where the dashboard is served behind the proxy; the static site is at ``/``.
APP_PATH = "app"
STREAMLIT_FLAGS = (
    "--server.headless=true",
    "--browser.gatherUsageStats=false",
    "--server.fileWatcherType=none",
    "--server.runOnSave=false",
    "--runner.postScriptGC=false",
    "--client.disableDataExport=true",  # no unguarded CSV download (.streamlit/config.toml)
)


class ServingError(ClaimtrackerError):
    """A replica or the proxy could not be started."""


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_healthy(url: str, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers 200, or raise :class:`ServingError`."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError as exc:
            last = str(exc)
        time.sleep(0.2)
    raise ServingError(f"{url} did not answer within {timeout:.0f} s ({last})")


def enable_nodelay() -> None:
    """Make asyncio set ``TCP_NODELAY`` on every TCP socket it wraps, whatever its ``proto``.

    asyncio skips sockets whose ``proto`` is 0, which is what a listener made with
    ``socket.socket(family)`` hands to the connections it accepts (Streamlit's, uvicorn's
    with ``--workers``: https://github.com/Kludex/uvicorn/issues/3149)."""
    import asyncio.base_events

    def set_nodelay(sock: socket.socket) -> None:
        if (
            sock.family in {socket.AF_INET, socket.AF_INET6}
            and sock.type == socket.SOCK_STREAM
        ):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass

    if hasattr(asyncio.base_events, "_set_nodelay"):
        setattr(asyncio.base_events, "_set_nodelay", set_nodelay)  # noqa: B010


def run_replica(argv: list[str]) -> None:
    """``streamlit run *argv`` in this process, with Nagle's algorithm off (see the module),
    warmed up first: the pages' modules imported and the records being read before the first
    visit (``claimtracker.dashboard.warm``)."""
    enable_nodelay()
    # by name: this module (the deployment) does not import the dashboard's code itself
    importlib.import_module("claimtracker.dashboard.warm").warm_up()
    sys.argv = ["streamlit", "run", *argv]
    runpy.run_module("streamlit", run_name="__main__", alter_sys=True)


def streamlit_command(
    app: Path, port: int, *, address: str = "127.0.0.1", base_path: str = ""
) -> list[str]:
    """The command line that starts one dashboard process (a replica); ``base_path``
    (``app``) serves it under ``/app/``, as behind the proxy."""
    return [
        sys.executable,
        "-m",
        "claimtracker.serving",
        str(app),
        f"--server.port={port}",
        f"--server.address={address}",
        *([f"--server.baseUrlPath={base_path}"] if base_path else []),
        *STREAMLIT_FLAGS,
    ]


#: The types the static site serves (written beside nginx's configuration, so no system
#: file is needed).
MIME_TYPES = """types {
    text/html html;
    text/css css;
    application/javascript js mjs;
    application/json json;
    text/xml xml;
    text/plain txt;
    image/svg+xml svg;
    image/png png;
    image/x-icon ico;
}
"""


def render_nginx_conf(
    template: str,
    *,
    listen: int,
    upstreams: list[int],
    prefix: Path,
    site: Path | None = None,
) -> str:
    """Fill the nginx template's placeholders (``site``: the static site's folder)."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=0;" for port in upstreams
    )
    return (
        template.replace("@LISTEN@", f"127.0.0.1:{listen}")
        .replace("@UPSTREAMS@", servers)
        .replace("@SITE@", str(site if site is not None else prefix / "site"))
        .replace("@MIME_TYPES@", str(prefix / "mime.types"))
        .replace("@USER@", pwd.getpwuid(os.geteuid()).pw_name)
        .replace("@PREFIX@", str(prefix))
    )


def stop_process(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Stop one process: SIGTERM, then SIGKILL if it has not exited within ``timeout``."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Cluster:
    """Replicas of ``app.py`` in ``repo`` behind one nginx, started on enter, stopped on exit.

    Everything listens on 127.0.0.1. nginx's files (configuration, logs, pid) and the
    replicas' logs go to a fresh temporary folder, removed on :meth:`stop`; :meth:`logs`
    reads them before that (a failed start puts their tail in the error)."""

    repo: Path
    replicas: int = 2
    port: int = 0
    data_root: Path | None = None
    site: Path | None = None
    """The static site to serve at ``/`` (``claimtracker site build``); none: ``/`` is empty."""
    cookie_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    upstream_ports: list[int] = field(default_factory=list)
    startup_timeout: float = 120.0
    _processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _workdir: Path | None = None

    @property
    def url(self) -> str:
        """The static site (``/``)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def app_url(self) -> str:
        """The dashboard (``/app``)."""
        return f"{self.url}/{APP_PATH}"

    @property
    def pids(self) -> list[int]:
        """The replicas' process ids (nginx not included)."""
        return [p.pid for p in self._processes[: self.replicas]]

    def _spawn(self, command: list[str], log_name: str, **kwargs: Any) -> None:
        assert self._workdir is not None
        with open(self._workdir / log_name, "wb") as log:
            self._processes.append(
                subprocess.Popen(
                    command,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    **kwargs,
                )
            )

    def start(self) -> Cluster:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise ServingError(
                "nginx is not installed: apt-get install nginx-light (or nginx)"
            )
        self._workdir = Path(tempfile.mkdtemp(prefix="claimtracker-serve-"))
        self._workdir.chmod(0o755)  # nginx's workers may run as another user
        self.port = self.port or free_port()
        self.upstream_ports = [free_port() for _ in range(self.replicas)]
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": self.cookie_secret}
        env.setdefault("CLAIMTRACKER_BASE_URL", self.url)
        if self.data_root is not None:
            env["CLAIMTRACKER_ROOT"] = str(self.data_root)
        (self._workdir / "site").mkdir()
        (self._workdir / "mime.types").write_text(MIME_TYPES, encoding="utf-8")
        try:
            for i, port in enumerate(self.upstream_ports):
                self._spawn(
                    streamlit_command(self.repo / "app.py", port, base_path=APP_PATH),
                    f"replica-{i}.log",
                    cwd=self.repo,
                    env=env,
                )
            template = (self.repo / NGINX_TEMPLATE).read_text(encoding="utf-8")
            conf = self._workdir / "nginx.conf"
            conf.write_text(
                render_nginx_conf(
                    template,
                    listen=self.port,
                    upstreams=self.upstream_ports,
                    prefix=self._workdir,
                    site=self.site.resolve() if self.site is not None else None,
                ),
                encoding="utf-8",
            )
            self._spawn(
                [
                    nginx,
                    "-p",
                    str(self._workdir),
                    "-c",
                    str(conf),
                    "-e",
                    str(self._workdir / "error.log"),
                ],
                "nginx.log",
            )
            deadline = time.monotonic() + self.startup_timeout
            for port in self.upstream_ports:
                self._wait(
                    f"http://127.0.0.1:{port}/{APP_PATH}/_stcore/health", deadline
                )
            self._wait(f"{self.app_url}/_stcore/health", deadline)
        except BaseException as exc:
            logs = self.logs()
            self.stop()
            if isinstance(exc, ServingError):
                raise ServingError(f"{exc}\n{logs[-4000:]}") from None
            raise
        return self

    def _wait(self, url: str, deadline: float) -> None:
        """Like :func:`wait_until_healthy`, but fails at once when a process has exited."""
        while True:
            dead = [p.args for p in self._processes if p.poll() is not None]
            if dead:
                raise ServingError(f"exited during start-up: {dead[0]!r}")
            try:
                wait_until_healthy(
                    url, timeout=min(2.0, max(0.1, deadline - time.monotonic()))
                )
                return
            except ServingError:
                if time.monotonic() >= deadline:
                    raise

    def stop(self) -> None:
        """Stop nginx and the replicas (SIGTERM, then SIGKILL after 10 s); remove the files."""
        for process in reversed(self._processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self._processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self._processes.clear()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def logs(self) -> str:
        """Everything the replicas and nginx printed so far (for a failing test's message)."""
        if self._workdir is None:
            return ""
        parts = [
            f"== {p.name}\n{p.read_text(errors='replace')}"
            for p in sorted(self._workdir.glob("*.log"))
        ]
        return "\n".join(parts)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


if __name__ == "__main__":
    run_replica(sys.argv[1:])
