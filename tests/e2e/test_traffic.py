"""The extension's traffic is bounded (issue 14): a page that rewrites thousands of paragraphs, or one paragraph every
300 ms, costs a few requests per batch of changes, not one per change; a closed tab's work is dropped. Requests are
counted as they arrive at the real server, through a counting proxy in front of it (counting_proxy.py)."""
from __future__ import annotations

import time

import pytest

from counting_proxy import counting_proxy
from extension_browser import ExtensionBrowser

DEADLINE_S = 60.0


@pytest.fixture
def counted(e2e_server, tmp_path):
    """(browser, counts): Chromium with the extension talking to the real server through the counting proxy."""
    with counting_proxy(e2e_server.url, ("storm paragraph", "drip", "brochure")) as (url, counts), \
            ExtensionBrowser(tmp_path, url) as browser:
        yield browser, counts
        assert browser.console_errors == [], "console errors:\n" + "\n".join(browser.console_errors)


def wait_until(condition, what: str):
    """Polls `condition()` (a real state: the page's marker, the extension's status) until it holds."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


def idle(browser, page) -> dict | None:
    """The content script's status once it has nothing queued or under way, else None."""
    status = browser.status(page)
    perf = status and status["perf"]
    return status if perf and status["state"] == "ok" and perf["pending"] == 0 and perf["sending"] == 0 else None


def test_a_storm_of_rewrites_costs_a_request_per_batch_not_per_paragraph(counted, site):
    browser, counts = counted
    page = browser.open(f"{site}/storm.html?n=5000&passes=4")
    wait_until(lambda: page.evaluate("document.documentElement.dataset.storm") == "done", "the page's rewrites end")
    wait_until(lambda: idle(browser, page), "Caveat catches up with the page")
    requests, batches = counts["storm paragraph"], len(browser.status(page)["perf"]["batches"])
    print(f"storm page: 5000 paragraphs x 4 rewrites -> {requests} requests, {batches} batches")
    assert requests <= 2 * batches  # a pass overtaken by a newer one is sent but records no batch
    assert requests <= 20
    assert browser.highlights(page)  # the last text is annotated


def test_a_paragraph_rewritten_every_300_ms_is_sent_at_most_once_a_second(counted, site):
    browser, counts = counted
    page = browser.open(f"{site}/drip.html?times=20")
    wait_until(lambda: page.evaluate("document.documentElement.dataset.drip"), "the page's rewrites end")
    took_s = int(page.evaluate("document.documentElement.dataset.drip")) / 1000
    wait_until(lambda: idle(browser, page), "Caveat catches up with the page")
    requests = counts["drip"]
    print(f"drip page: 20 rewrites in {took_s:.1f} s -> {requests} requests")
    assert requests <= 2 + took_s  # the first pass, then batches at least a second apart
    assert requests < 20


def test_nothing_arrives_once_the_tab_is_closed(counted, site):
    browser, counts = counted
    page = browser.open(f"{site}/storm.html?n=5000&passes=0")  # rewrites forever
    wait_until(lambda: counts["storm paragraph"] >= 3, "the storm reaches the server")
    tab = browser.tab_id(page)
    page.close()
    at_close = counts["storm paragraph"]
    # the worker has dropped the tab's work and the server has answered what had arrived
    wait_until(lambda: browser.worker.evaluate("id => !traffic.tabs.has(id)", tab) and counts.open == 0,
               "the worker forgets the tab")
    settled = counts["storm paragraph"]
    other = browser.open(f"{site}/celebrity.html")  # a full pass through the same worker and server
    wait_until(lambda: idle(browser, other), "another page is annotated")
    assert counts["brochure"] >= 1  # the other page's request went through the proxy ...
    assert counts["storm paragraph"] == settled  # ... and none of the closed tab's did
    assert settled - at_close <= 2  # at most what was already on its way when the tab closed
