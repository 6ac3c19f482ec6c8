"""Drives Debian's Chromium with Caveat's unpacked extension through Playwright (recipe: shared/browser-e2e.md).

The extension is copied for each browser and its default server address rewritten to the test server's port,
so the real extension folder is never edited and the extension's first run already talks to the right server."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from browser import CHROMIUM

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
DEFAULT_SERVER = "http://127.0.0.1:8737"
MARKS = "caveat-hl"


HIGHLIGHTS_JS = (Path(__file__).resolve().parent / "highlights.js").read_text()
CARD_PROBE_JS = (Path(__file__).resolve().parent / "card_probe.js").read_text()


def extension_for(server_url: str, folder: Path, extension: Path = EXTENSION) -> Path:
    """A copy of the extension in `folder` whose default server is `server_url`."""
    shutil.copytree(extension, folder)
    settings = folder / "shared" / "settings.js"
    source = settings.read_text()
    assert DEFAULT_SERVER in source
    settings.write_text(source.replace(DEFAULT_SERVER, server_url))
    return folder


class ExtensionBrowser:
    def __init__(self, tmp_path: Path, server_url: str, *, extension: Path = EXTENSION, playwright=None,
                 content_script_matches: list[str] | None = None):
        """`extension`: the folder to load (the benchmark compares an older copy); `playwright`: a running
        Playwright to share (only one can run per thread), which this browser then leaves running;
        `content_script_matches`: other pages for the content scripts to run in by themselves."""
        self.ext = extension_for(server_url, tmp_path / "extension", extension)
        if content_script_matches is not None:
            manifest = json.loads((self.ext / "manifest.json").read_text())
            manifest["content_scripts"][0]["matches"] = content_script_matches
            (self.ext / "manifest.json").write_text(json.dumps(manifest))
        self._shared_pw = playwright
        self.profile = tmp_path / "profile"
        self.console_errors: list[str] = []
        self.server_url = server_url

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._pw = self._shared_pw or sync_playwright().start()
        self.context = self._pw.chromium.launch_persistent_context(
            str(self.profile), headless=True, executable_path=CHROMIUM, viewport={"width": 1100, "height": 900}, has_touch=True,
            args=["--headless=new", f"--disable-extensions-except={self.ext}", f"--load-extension={self.ext}",
                  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--host-resolver-rules=MAP *.test 127.0.0.1",  # a site not in host_permissions (test_run_modes)
                  "--enable-unsafe-extension-debugging",  # lets a test click the toolbar button (Extensions.triggerAction)
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        self.context.on("console", self._on_console)
        self.context.on("weberror", lambda error: self.console_errors.append(f"weberror: {error.error}"))
        self.worker = (self.context.service_workers[0] if self.context.service_workers
                       else self.context.wait_for_event("serviceworker"))
        self.worker.on("console", self._on_console)
        self.ext_id = self.worker.url.split("/")[2]
        self.options = self._first_run_page()
        return self

    def _first_run_page(self):
        """The options page Caveat opens on install; waiting for it keeps it from taking over a test's tab."""
        prefix = f"chrome-extension://{self.ext_id}/options.html"
        for _ in range(200):
            page = next((p for p in self.context.pages if p.url.startswith(prefix)), None)
            if page:
                break
            self.worker.evaluate("() => new Promise(r => setTimeout(r, 50))")
        else:
            raise AssertionError(f"Caveat did not open its options page on install; pages: {[p.url for p in self.context.pages]}")
        # the page is ready for a test to use once its first connection check has answered
        page.wait_for_function("() => /\\b(ok|error)\\b/.test(document.getElementById('connection').className)")
        return page

    def __exit__(self, *exc):
        self.context.close()
        if not self._shared_pw:
            self._pw.stop()

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.location.get('url', '')}: {message.text}")

    def open(self, url: str, *, wait_state: str = "ok"):
        """Opens a page and waits until Caveat reports `wait_state` for it (no sleeps: polls the real status)."""
        page = self.context.new_page()
        page.goto(url)
        self.wait_status(page, lambda s: s and s["state"] == wait_state)
        return page

    def tab_id(self, page) -> int:
        # Only a URL no other tab shows names one tab: two tabs on the same page would make status() read the
        # wrong one's state. A tab Caveat may not read has no URL for it either: then the page's own tab,
        # brought to the front.
        found = self.worker.evaluate(
            "url => chrome.tabs.query({}).then(ts => ts.filter(t => t.url === url))"
            ".then(ts => ts.length === 1 ? ts[0].id : null)", page.url)
        if found is None:
            page.bring_to_front()
            found = self.worker.evaluate("() => chrome.tabs.query({active: true, lastFocusedWindow: true}).then(([t]) => t.id)")
        return found

    def status(self, page) -> dict | None:
        return self.worker.evaluate(
            "id => chrome.tabs.sendMessage(id, {type: 'getStatus'}).catch(() => null)", self.tab_id(page))

    def wait_status(self, page, condition, timeout: float = 15_000) -> dict:
        """Polls the content script's status (through the worker) until `condition(status)` holds."""
        page.wait_for_load_state("load")
        deadline_polls = int(timeout / 50)
        for _ in range(deadline_polls):
            status = self.status(page)
            if condition(status):
                return status
            page.wait_for_timeout(50)
        raise AssertionError(f"Caveat status never matched; last: {status}")

    def highlights(self, page) -> list[tuple[str, str]]:
        """(text, level) of every highlight on the page, light and shadow DOM, in document order."""
        return page.evaluate(HIGHLIGHTS_JS)

    def in_content_world(self, page, func: str, arg=None):
        """Runs the JS function `func(arg)` in Caveat's content-script world of `page` (an isolated world a page's
        scripts cannot reach), through the service worker, and returns its result."""
        return self.worker.evaluate(
            "([tabId, arg]) => chrome.scripting.executeScript({target: {tabId}, world: 'ISOLATED', args: [arg], "
            f"func: {func}}}).then((results) => results[0].result)", [self.tab_id(page), arg])

    def card(self, page, want: str = "open", reveal: str | None = None) -> dict:
        """What Caveat's card shows and where, read from the content script's world once it is `want` ("open",
        "closed", or "now" without waiting); `reveal` names a part of the card to scroll into view (see
        card_probe.js)."""
        return self.in_content_world(page, CARD_PROBE_JS, {"want": want, "reveal": reveal})

    def click_in_card(self, page, selector: str) -> None:
        """A reader's click (a real, trusted one) on a part of the open card."""
        spot = self.card(page, reveal=selector)["revealed"]
        page.mouse.click(spot["x"], spot["y"])

    def withdraw_site_access(self) -> None:
        """What a reader does in chrome://extensions: Caveat's site access set to "on click" (every host withheld)."""
        page = self.context.new_page()
        page.goto(f"chrome://extensions/?id={self.ext_id}")
        page.evaluate("id => chrome.developerPrivate.updateExtensionConfiguration({extensionId: id, hostAccess: 'ON_CLICK'})",
                      self.ext_id)
        page.close()
        assert self.worker.evaluate("() => chrome.permissions.getAll()")["origins"] == []

    def click_toolbar_button(self, page) -> None:
        """Clicks Caveat's toolbar button on the tab showing `page`, as a reader does (it opens the popup and grants
        activeTab): Chromium's Extensions.triggerAction, allowed by --enable-unsafe-extension-debugging."""
        session = self.context.browser.new_browser_cdp_session()
        tabs = session.send("Target.getTargets", {"filter": [{"type": "tab"}]})["targetInfos"]
        tab = next(t["targetId"] for t in tabs if t["url"] == page.url)
        session.send("Extensions.triggerAction", {"id": self.ext_id, "targetId": tab})
        session.detach()

    def set_settings(self, **values):
        self.worker.evaluate("values => chrome.storage.sync.set(values)", values)

    def popup(self, page):
        popup = self.context.new_page()
        popup.goto(f"chrome-extension://{self.ext_id}/popup.html?tab={self.tab_id(page)}")
        return popup


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
