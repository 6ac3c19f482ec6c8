"""Start the REAL server (`caveat serve`, run as `python -m caveat.annotator serve`, under gunicorn) on a free loopback
port for a test, and stop it after.

    with start_server(kb_path=tmp_kb, workers=2) as server:
        urllib.request.urlopen(server.url + "/healthz")

The server's stdout and stderr go to `server.log_path`, so a test can search everything the server wrote.
"""
from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    port: int
    log_path: Path
    process: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None, timeout: float = 120):
        """One raw HTTP request on a fresh connection -> (status, headers, body bytes); any Host or Origin goes."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def get_json(self, path: str) -> dict:
        status, _, body = self.request("GET", path)
        assert status == 200, (status, body)
        return json.loads(body)

    def post_json(self, path: str, payload) -> tuple[int, dict]:
        status, _, body = self.request("POST", path, json.dumps(payload).encode(),
                                       {"Content-Type": "application/json"})
        return status, json.loads(body)

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def stop(self) -> None:
        """SIGTERM lets gunicorn finish in-flight requests; workers still alive after that are killed, so a test
        never leaves a worker behind (not even one stuck in a request)."""
        if self.process.poll() is not None:
            return
        workers = self.worker_pids()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for pid in workers:
            with contextlib.suppress(OSError):  # gone already; the cmdline check skips a reused pid
                if "serve" in Path(f"/proc/{pid}/cmdline").read_text():
                    os.kill(pid, signal.SIGKILL)


def wait_until(condition, timeout: float, what: str, interval: float = 0.05):
    """Poll `condition` until it returns something truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def _healthy(server: LiveServer) -> bool:
    if server.process.poll() is not None:
        raise RuntimeError(f"the server exited with {server.process.returncode}:\n{server.log()}")
    try:
        with urllib.request.urlopen(server.url + "/healthz", timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextlib.contextmanager
def start_server(kb_path=None, env=None, workers=1, log_dir=None, options=(), port=None, command=None):
    """`port`: a given one (to restart an instance where a balancer expects it); `command`: another `caveat`
    (an installed one) instead of this checkout's `python -m caveat.annotator`."""
    log_dir = Path(log_dir or tempfile.mkdtemp(prefix="caveat-server-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log_path = log_dir / f"server-{port}.log"
    child_env = {**os.environ, **(env or {})}
    command = list(command or [sys.executable, "-m", "caveat.annotator"]) + [
               "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers)] + (["--kb", str(kb_path)] if kb_path else []) + list(options)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=child_env,
                                   cwd=Path(__file__).resolve().parents[1])
    server = LiveServer(url=f"http://127.0.0.1:{port}", port=port, log_path=log_path, process=process)
    try:
        wait_until(lambda: _healthy(server), START_TIMEOUT, "GET /healthz")
        yield server
    finally:
        server.stop()
