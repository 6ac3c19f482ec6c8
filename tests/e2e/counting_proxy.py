"""A loopback proxy in front of the real Caveat server that counts the annotate requests reaching it, as they arrive,
by a word in their text: what the storm tests (test_traffic.py) measure. Everything is passed on unchanged."""
from __future__ import annotations

import collections
import contextlib
import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from fixture_site import serve


class Counts:
    """Annotate requests seen so far, by the markers their bodies hold; `texts` counts the marker's occurrences (the
    paragraphs the requests carried); `open` is how many are being answered."""

    def __init__(self, markers: tuple[str, ...]):
        self.markers = markers
        self.by_marker: collections.Counter[str] = collections.Counter()
        self.texts: collections.Counter[str] = collections.Counter()
        self.open = 0
        self.last = 0.0  # time.monotonic() of the latest arrival
        self.lock = threading.Lock()

    def arrived(self, body: bytes) -> None:
        with self.lock:
            self.open += 1
            self.last = time.monotonic()
            for marker in self.markers:
                if marker.encode() in body:
                    self.by_marker[marker] += 1
                    self.texts[marker] += body.count(marker.encode())

    def answered(self) -> None:
        with self.lock:
            self.open -= 1

    def __getitem__(self, marker: str) -> int:
        with self.lock:
            return self.by_marker[marker]


@contextlib.contextmanager
def counting_proxy(upstream: str, markers: tuple[str, ...]):
    """Yields (proxy URL, Counts) for a proxy to `upstream` that counts POSTs by `markers`."""
    target = urlsplit(upstream)
    counts = Counts(markers)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.forward(b"")

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            counts.arrived(body)
            try:
                self.forward(body)
            finally:
                counts.answered()

        def forward(self, body: bytes) -> None:
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                connection.request(self.command, self.path, body=body or None, headers=headers)
                response = connection.getresponse()
                data = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the extension aborted the request (its tab closed)
            finally:
                connection.close()

        def log_message(self, *args):
            pass

    httpd = serve(Handler)
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", counts
    finally:
        httpd.shutdown()
