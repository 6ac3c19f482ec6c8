"""The extension when things go wrong: the server is down, or a knowledge-base card carries hostile HTML."""
from __future__ import annotations

from pathlib import Path

import yaml
from live_server import start_server

from extension_browser import MARKS, ExtensionBrowser
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
        popup.get_by_text(f"Caveat cannot reach its server at {url}").wait_for()
        browser.options.get_by_text(f"Cannot reach a Caveat server at {url}.").wait_for()
        # Chromium itself logs the refused connection of the options page's health check; nothing else may appear.
        refused = f"{url}/healthz: Failed to load resource: net::ERR_CONNECTION_REFUSED"
        assert [e for e in browser.console_errors if e != refused] == []


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
        card = page.locator("caveat-card .card")
        card.wait_for(state="visible")
        assert XSS in card.text_content()
        assert card.locator("img").count() == 0
        assert page.evaluate("() => document.images.length") == 0
        assert page.title() == "Hostile text"
        assert browser.console_errors == []
