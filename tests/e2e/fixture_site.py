"""A loopback HTTP server for the fixture pages (and the benchmark's long page). Pages named csp*.html come with a
strict Content-Security-Policy header, like a hardened news site."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

STRICT_CSP = "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'"


class FixtureHandler(SimpleHTTPRequestHandler):
    """Serves the fixture pages; csp*.html comes with a strict Content-Security-Policy header."""

    def end_headers(self):
        if Path(self.path.split("?")[0]).name.startswith("csp"):
            self.send_header("Content-Security-Policy", STRICT_CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def serve(handler) -> ThreadingHTTPServer:
    """Runs an HTTP request handler class on a free loopback port, in the background."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def serve_folder(folder: Path) -> ThreadingHTTPServer:
    return serve(functools.partial(FixtureHandler, directory=str(folder)))


