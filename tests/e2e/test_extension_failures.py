"""The extension when things go wrong: the server is down, hangs, fails, or a knowledge-base card carries hostile
HTML."""
from __future__ import annotations

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

import yaml
from live_server import start_server

from extension_browser import MARKS, ExtensionBrowser
from fixture_site import serve
from pinned_kb import pinned_kb

XSS = "<img src=x onerror=\"document.title='pwned'\">"


def test_server_down_leaves_the_page_untouched_and_the_popup_explains(site, tmp_path):
    with start_server(log_dir=tmp_path) as server:
        url = server.url
    with ExtensionBrowser(tmp_path, url) as browser:
        page = browser.open(f"{site}/celebrity.html", wait_state="error")
        assert page.locator(MARKS).count() == 0
        status = browser.status(page)
        assert status["error"]["code"] == "unreachable"
        badge = browser.worker.evaluate("id => chrome.action.getBadgeText({tabId: id})", browser.tab_id(page))
        assert badge == "!"
        popup = browser.popup(page)
        # never reached, so it cannot know how Caveat was installed: both common ways
        popup.get_by_text(f'Caveat cannot reach its server at {url}. Is it running? Start it with "caveat serve", '
                          'or "make run" in a clone of Caveat.').wait_for()
        browser.options.get_by_text(f"Cannot reach a Caveat server at {url}.").wait_for()
        # Chromium itself logs the refused connection of the options page's health check; nothing else may appear.
        refused = f"{url}/healthz: Failed to load resource: net::ERR_CONNECTION_REFUSED"
        assert [e for e in browser.console_errors if e != refused] == []


@contextlib.contextmanager
def faulty_server(annotate_status: int | None):
    """A server on loopback that is healthy but answers /api/v1/annotate with `annotate_status` (and a JSON error
    body), or (None) not at all until the test is over: what a hung or broken Caveat server looks like."""
    over = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # the options page's health check
            self.reply(200, {"status": "ok"})

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if annotate_status is None:
                over.wait()
                return
            self.reply(annotate_status, {"error": {"code": "internal", "message": "The knowledge base failed to load."}})

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = serve(Handler)
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        over.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(("annotate_status", "code", "says"), [
    (None, "timeout", "did not answer within 5 seconds"),
    (500, "server_error", "The knowledge base failed to load."),
])
def test_a_hung_or_failing_server_leaves_the_page_untouched_and_the_popup_explains(site, tmp_path, annotate_status, code, says):
    with faulty_server(annotate_status) as url, ExtensionBrowser(tmp_path, url) as browser:
        page = browser.open(f"{site}/celebrity.html", wait_state="error")
        assert page.locator(MARKS).count() == 0
        assert browser.status(page)["error"]["code"] == code
        assert browser.worker.evaluate("id => chrome.action.getBadgeText({tabId: id})", browser.tab_id(page)) == "!"
        browser.popup(page).get_by_text(says).wait_for()
        assert browser.console_errors == []


def hostile_kb(folder: Path) -> Path:
    """A small KB whose kratom card carries HTML in every text field the card shows."""
    pinned_kb(folder, ("kratom", "stem-cell-therapy"))
    entry = yaml.safe_load((folder / "kratom.yaml").read_text())
    entry["summary"] = f"Kratom {XSS} summary."
    entry["risks"] = [f"Risk {XSS}"]
    (folder / "kratom.yaml").write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False))
    return folder


def test_hostile_card_and_page_text_stay_text(site, tmp_path):
    with start_server(kb_path=hostile_kb(tmp_path / "kb"), log_dir=tmp_path) as server, \
            ExtensionBrowser(tmp_path, server.url) as browser:
        page = browser.open(f"{site}/hostile.html")
        assert browser.highlights(page) == [["kratom", "danger"]]
        page.hover(MARKS)
        card = browser.card(page)
        assert XSS in card["text"]
        assert card["images"] == 0
        assert page.evaluate("() => document.images.length") == 0
        assert page.title() == "Hostile text"
        assert browser.console_errors == []
