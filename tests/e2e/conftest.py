"""End-to-end fixtures: the real Caveat server, the fixture pages on a loopback HTTP server, and Debian's
Chromium (through Playwright) with the unpacked extension loaded. See docs/extension.md for what is tested."""
from __future__ import annotations

from pathlib import Path

import pytest
from live_server import start_server

from browser import require_chromium
from extension_browser import ExtensionBrowser
from fixture_site import serve_folder
from pinned_kb import pinned_kb

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(autouse=True)
def _chromium_required():
    require_chromium()


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


@pytest.fixture(scope="session")
def e2e_server(tmp_path_factory):
    """The real Caveat server (gunicorn, loopback) on the pinned KB, for the whole session."""
    work = tmp_path_factory.mktemp("e2e-server")
    with start_server(kb_path=pinned_kb(work / "kb"), log_dir=work) as server:
        yield server


@pytest.fixture
def browser(e2e_server, tmp_path):
    """A fresh Chromium profile with the extension pointed at the session's real server. Any console error from a
    page, the content script or the service worker fails the test."""
    with ExtensionBrowser(tmp_path, e2e_server.url) as b:
        yield b
        assert b.console_errors == [], "console errors:\n" + "\n".join(b.console_errors)
