"""Serve the dashboard from several identical Streamlit processes behind nginx.

A Streamlit process runs every script rerun under one GIL, so one process serves a few
reruns a second. More readers need more processes, and because a Streamlit session lives in
the memory of the process that opened it, the proxy must keep each reader on one process
(sticky sessions). ``deploy/nginx.conf`` does that with a route cookie; this module fills
in its ports, starts the replicas and nginx, waits until they answer, and stops them all.
Every replica reads the same checkout and shares one cookie secret, so a signed-in editor
stays signed in whichever process serves them.

    with Cluster(repo, replicas=2, port=8600) as cluster:
        print(cluster.url)
"""

from __future__ import annotations

import os
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

from claimtracker.problems import ClaimtrackerError

NGINX_TEMPLATE = Path("deploy") / "nginx.conf"
STREAMLIT_FLAGS = (
    "--server.headless=true",
    "--browser.gatherUsageStats=false",
    "--server.fileWatcherType=none",
    "--server.runOnSave=false",
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


def streamlit_command(app: Path, port: int, *, address: str = "127.0.0.1") -> list[str]:
    """The command line that starts one dashboard process."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        f"--server.port={port}",
        f"--server.address={address}",
        *STREAMLIT_FLAGS,
    ]


def render_nginx_conf(
    template: str, *, listen: int, upstreams: list[int], prefix: Path
) -> str:
    """Fill the nginx template's placeholders."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=0;" for port in upstreams
    )
    return (
        template.replace("@LISTEN@", f"127.0.0.1:{listen}")
        .replace("@UPSTREAMS@", servers)
        .replace("@PREFIX@", str(prefix))
    )


@dataclass
class Cluster:
    """Replicas of ``app.py`` in ``repo`` behind one nginx, started on enter, stopped on exit."""

    repo: Path
    replicas: int = 2
    port: int = 0
    data_root: Path | None = None
    cookie_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    upstream_ports: list[int] = field(default_factory=list)
    _processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _workdir: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Cluster:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise ServingError(
                "nginx is not installed: apt-get install nginx-light (or nginx)"
            )
        self._workdir = Path(tempfile.mkdtemp(prefix="claimtracker-serve-"))
        self.port = self.port or free_port()
        self.upstream_ports = [free_port() for _ in range(self.replicas)]
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": self.cookie_secret}
        if self.data_root is not None:
            env["CLAIMTRACKER_ROOT"] = str(self.data_root)
        try:
            for i, port in enumerate(self.upstream_ports):
                log = open(self._workdir / f"replica-{i}.log", "wb")  # noqa: SIM115 (closed with the process)
                self._processes.append(
                    subprocess.Popen(
                        streamlit_command(self.repo / "app.py", port),
                        cwd=self.repo,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            template = (self.repo / NGINX_TEMPLATE).read_text(encoding="utf-8")
            conf = self._workdir / "nginx.conf"
            conf.write_text(
                render_nginx_conf(
                    template,
                    listen=self.port,
                    upstreams=self.upstream_ports,
                    prefix=self._workdir,
                ),
                encoding="utf-8",
            )
            nginx_log = open(self._workdir / "nginx.out", "wb")  # noqa: SIM115
            self._processes.append(
                subprocess.Popen(
                    [nginx, "-p", str(self._workdir), "-c", str(conf)],
                    stdout=nginx_log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            for port in self.upstream_ports:
                wait_until_healthy(f"http://127.0.0.1:{port}/_stcore/health")
            wait_until_healthy(f"{self.url}/_stcore/health")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in self._processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self._processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self._processes.clear()

    def logs(self) -> str:
        """Everything the replicas and nginx printed (for a failing test's message)."""
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
