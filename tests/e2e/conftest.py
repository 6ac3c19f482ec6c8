"""End-to-end fixtures: the real Caveat server, the fixture pages on a loopback HTTP server, and Debian's
Chromium (through Playwright) with the unpacked extension loaded. See docs/extension.md for what is tested."""
from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from extension_browser import CHROMIUM, ExtensionBrowser

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "test-artifacts"
STRICT_CSP = "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'"


@pytest.fixture(autouse=True)
def _chromium_required():
    """Without a browser the e2e tests skip on a laptop, but fail under CI=true so a missing install step shows."""
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


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


def serve_folder(folder: Path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(FixtureHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="session")
def site():
    """Base URL of the fixture pages."""
    httpd = serve_folder(FIXTURES)
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def browser(caveat_server, tmp_path):
    """A fresh Chromium profile with the extension pointed at the session's real server. Any console error from a
    page, the content script or the service worker fails the test."""
    with ExtensionBrowser(tmp_path, caveat_server.url) as b:
        yield b
        assert b.console_errors == [], "console errors:\n" + "\n".join(b.console_errors)
