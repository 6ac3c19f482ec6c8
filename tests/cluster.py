"""Real parts for the multi-instance tests and benchmark: a Redis server that keeps nothing on disk and an nginx
balancer from `caveat nginx-config`, each on a free loopback port and stopped after.

    with start_redis(tmp) as redis_url, start_nginx(tmp, [a.port, b.port]) as balancer:
        balancer.post_json(...)
"""
from __future__ import annotations

import contextlib
import http.client
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from caveat.server import config
from caveat.server.nginx_config import render

from browser import require
from live_server import LiveServer, free_port, wait_until

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PUBLIC_HOST = "caveat.test"
JSON = {"Content-Type": "application/json"}
CLIENTS = 8


def _answers(port: int, payload: bytes, expect: bytes) -> bool:
    with contextlib.suppress(OSError):
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(payload)
            return expect in sock.recv(64)
    return False


@contextlib.contextmanager
def start_redis(work: Path, *persistence: str):
    """redis-server with no RDB snapshots and no append-only file (cached answers quote pages), unless a test
    passes `persistence` options to see the server refuse it."""
    require(REDIS, "redis-server")
    port = free_port()
    options = list(persistence) or ["--save", "", "--appendonly", "no"]
    process = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(work),
                                "--daemonize", "no", *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: _answers(port, b"PING\r\n", b"+PONG"), 30, "redis-server to answer PING")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Balancer:
    port: int

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None, timeout: float = 120):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers={"Host": PUBLIC_HOST, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def post_json(self, path: str, payload) -> tuple[int, dict]:
        status, _, body = self.request("POST", path, json.dumps(payload).encode(), {"Content-Type": "application/json"})
        return status, json.loads(body)


@contextlib.contextmanager
def start_nginx(work: Path, upstream_ports: list[int]):
    """nginx in the foreground with the site `caveat nginx-config` prints, on loopback, its files under `work`."""
    require(NGINX, "nginx-light")
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    site = render([f"127.0.0.1:{p}" for p in upstream_ports], PUBLIC_HOST, f"127.0.0.1:{port}",
                  config.load()["MAX_CONTENT_LENGTH"], None)
    (work / "caveat.conf").write_text(site)
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\nworker_processes 1;\nevents {{}}\n"
        + f"http {{ {temp} include {work / 'caveat.conf'}; }}\n")
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: process.poll() is None and _answers(port, b"GET /healthz HTTP/1.0\r\n\r\n", b"HTTP/1."),
                   30, "nginx to listen")
        yield Balancer(port)
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful: finish requests in flight
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def kill_instance(server: LiveServer, sig: int = signal.SIGTERM) -> None:
    """`kill` (SIGTERM: gunicorn stops taking connections and finishes the requests it has), or with SIGKILL a
    crash of the master and its workers at once. After a crash, a response whose first bytes had reached the client
    cannot be retried by the balancer (docs/hosting.md)."""
    workers = server.worker_pids()
    for pid in [server.pid, *workers] if sig == signal.SIGKILL else [server.pid]:
        with contextlib.suppress(OSError):
            os.kill(pid, sig)
    server.process.wait(timeout=60)


REPO = Path(__file__).resolve().parents[1]


def realistic_bodies() -> list[dict]:
    """What the extension sends: the labelled corpus's real health articles as blocks (one per paragraph) with
    their titles, and the bundled example pages as HTML."""
    import yaml

    bodies = []
    for path in sorted((REPO / "tests" / "corpus" / "health").glob("*.yaml")):
        text = yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
        bodies.append({"blocks": [p for p in text.splitlines() if p.strip()], "title": path.stem.replace("-", " ")})
    bodies += [{"html": p.read_text(encoding="utf-8")} for p in sorted((REPO / "annotator" / "examples").glob("*.html"))]
    return bodies


def unique(body: dict, tag: str) -> dict:
    """The same article with one more paragraph of its own, so no two requests share a cache entry."""
    if "html" in body:
        return {"html": body["html"].replace("</body>", f"<p>Reader note {tag}.</p></body>")}
    return {**body, "blocks": [*body["blocks"], f"Reader note {tag}."]}


def shared_env(redis_url: str, **more) -> dict:
    return {"CAVEAT_REDIS_URL": redis_url, "CAVEAT_ALLOWED_HOSTS": PUBLIC_HOST, "CAVEAT_TRUSTED_PROXIES": "127.0.0.1",
            "CAVEAT_KB_POLL": "0.5", "CAVEAT_RATE_LIMIT": "off", **more}


class Clients:
    """CLIENTS threads posting unique real articles through the balancer until stopped; every answer is counted
    by status, and any exception (reset, timeout) is a failure too. `timeline` holds each request's (start, end,
    status) on time.monotonic()."""

    def __init__(self, balancer, bodies, count: int = CLIENTS):
        self.balancer, self.bodies = balancer, bodies
        self.statuses: Counter = Counter()
        self.versions: Counter = Counter()
        self.timeline: list[tuple[float, float, int | str]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._serial = itertools.count()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(count)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def _run(self):
        while not self.stop.is_set():
            n = next(self._serial)
            body = json.dumps(unique(self.bodies[n % len(self.bodies)], f"n{n}")).encode()
            start = time.monotonic()
            try:
                status, _, answer = self.balancer.request("POST", "/api/v1/annotate", body, JSON)
                version = json.loads(answer)["kb"]["version"] if status == 200 else None
            except Exception as exc:  # noqa: BLE001 - a failed request, whatever broke
                status, version = type(exc).__name__, None
            end = time.monotonic()
            with self._lock:
                self.timeline.append((start, end, status))
                self.statuses[status] += 1
                self.versions[version] += 1

    def answered(self) -> int:
        with self._lock:
            return sum(self.statuses.values())

    def wait_for(self, more: int) -> None:
        target = self.answered() + more
        wait_until(lambda: self.answered() >= target, 120, f"{more} more answers through the balancer")

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=180)
