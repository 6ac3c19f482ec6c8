"""A page cannot touch Caveat (Chromium; Firefox in test_extension_firefox.py): its own script fires synthetic
events at a highlight, tries to reach into the card, clicks every button it can find, hides the card with CSS and
messages the extension. Nothing changes: storage, tabs, what the extension sends, the open card. The card is read
from Caveat's content-script world, which the page cannot reach."""
from __future__ import annotations

from pathlib import Path

from extension_browser import MARKS

ATTACK_JS = (Path(__file__).resolve().parent / "attack.js").read_text()
COUNT_FETCHES = """() => {
  if (!globalThis.fetchCount) {
    globalThis.fetchCount = 0;
    const original = globalThis.fetch;
    globalThis.fetch = (...args) => { globalThis.fetchCount++; return original(...args); };
  }
  return globalThis.fetchCount;
}"""


def snapshot(browser, page) -> dict:
    return {
        "storage": browser.worker.evaluate("() => Promise.all([chrome.storage.sync.get(null), chrome.storage.local.get(null)])"),
        "tabs": browser.worker.evaluate("() => chrome.tabs.query({}).then(tabs => tabs.map(t => t.url).sort())"),
        "fetches": browser.worker.evaluate(COUNT_FETCHES),  # every request the extension makes goes through fetch
        "batches": len(browser.status(page)["perf"]["batches"]),
        "highlights": browser.highlights(page),
    }


def test_a_page_script_cannot_open_read_dismiss_report_or_hide_the_card(browser, site):
    page = browser.open(f"{site}/celebrity.html")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    before = snapshot(browser, page)

    seen = page.evaluate(ATTACK_JS, browser.ext_id)
    assert not browser.card(page, "now")["open"]  # synthetic hover, focus, click or Enter open nothing
    assert seen["runtime"] == "TypeError"  # no chrome.runtime for this page: it cannot message Caveat

    page.hover(f"{MARKS}[data-first] >> nth=0")  # the reader's own hover opens the card ...
    assert browser.card(page)["name"] == "Stem cell therapy"
    seen = page.evaluate(ATTACK_JS, browser.ext_id)  # ... which the page can neither close, press nor hide
    assert seen["shadowRoot"] is None and seen["attach"] == "NotSupportedError" and seen["buttons"] == 0
    assert seen["hostStyle"] == ["block", "visible", "1"]
    assert browser.card(page, "now")["open"]
    assert snapshot(browser, page) == before
    assert requests == []
