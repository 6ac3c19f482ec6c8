"""Where Caveat runs, chosen by the reader (Chromium): on every page by default, from a plain unpacked install; or
only on a page whose toolbar button the reader clicked, which also works when the reader withdrew Caveat's access
to all sites (the popup then injects the content scripts into that tab through activeTab and scripting)."""
from __future__ import annotations

import pytest

from extension_browser import MARKS, ExtensionBrowser

CELEBRITY = [["stem cell therapy", "danger"], ["umbilical cord stem cells", "danger"], ["IV vitamin drips", "warning"],
             ["ozone therapy", "caution"], ["sunscreen", "established"]]


def test_by_default_caveat_reads_every_page_by_itself(browser, site):
    page = browser.open(f"{site}/celebrity.html")
    assert browser.highlights(page) == CELEBRITY
    assert browser.worker.evaluate("() => chrome.storage.sync.get('runMode')") == {}  # the default


def test_only_when_clicked_reads_nothing_until_the_button_is_clicked_on_that_page(browser, site):
    browser.options.get_by_label("Only when I click Caveat's toolbar button on a page").check()
    browser.worker.evaluate("() => new Promise(r => chrome.storage.sync.get('runMode').then(v => v.runMode === 'click' && r()))")
    page = browser.open(f"{site}/celebrity.html", wait_state="waiting")
    assert page.locator(MARKS).count() == 0
    assert browser.status(page)["perf"] is None  # nothing read, nothing sent
    title = browser.worker.evaluate("id => chrome.action.getTitle({tabId: id})", browser.tab_id(page))
    assert title == "Caveat: click to check this page"

    browser.popup(page)  # the reader clicks the toolbar button: its popup starts Caveat on this page
    browser.wait_status(page, lambda s: s["state"] == "ok")
    assert browser.highlights(page) == CELEBRITY

    other = browser.open(f"{site}/news.html", wait_state="waiting")  # another page: not until clicked there too
    assert other.locator(MARKS).count() == 0
    page.reload()
    browser.wait_status(page, lambda s: s and s["state"] == "waiting")
    assert page.locator(MARKS).count() == 0


@pytest.mark.parametrize("mode", ["everywhere", "click"])
def test_with_site_access_withdrawn_the_toolbar_button_starts_caveat_on_that_tab(browser, site, mode):
    browser.set_settings(runMode=mode)
    browser.withdraw_site_access()
    url = site.replace("127.0.0.1", "news.test")  # a site Caveat has no host permission for (see extension_browser)
    page = browser.context.new_page()
    page.goto(f"{url}/celebrity.html")
    page.wait_for_load_state("load")
    assert browser.status(page) is None  # the browser kept Caveat out of the page: nothing read

    browser.click_toolbar_button(page)  # the popup opens and, through activeTab, starts Caveat here
    browser.wait_status(page, lambda s: s and s["state"] == "ok")
    assert browser.highlights(page) == CELEBRITY

    other = browser.context.new_page()  # another tab: still not read
    other.goto(f"{url}/news.html")
    other.wait_for_load_state("load")
    assert browser.status(other) is None and other.locator(MARKS).count() == 0


def test_in_a_tab_without_caveat_the_toolbar_button_injects_it(e2e_server, site, tmp_path):
    """A tab with no content script of Caveat's (one opened before Caveat was installed, or in a browser that ran
    none): the button's popup has the worker inject them into that tab alone, started even in "only when I click"
    mode. Here the content scripts are declared for another site only."""
    with ExtensionBrowser(tmp_path, e2e_server.url, content_script_matches=["https://example.invalid/*"]) as browser:
        browser.set_settings(runMode="click")
        page = browser.context.new_page()
        page.goto(f"{site.replace('127.0.0.1', 'news.test')}/celebrity.html")
        page.wait_for_load_state("load")
        assert browser.status(page) is None

        browser.click_toolbar_button(page)
        browser.wait_status(page, lambda s: s and s["state"] == "ok")
        assert browser.highlights(page) == CELEBRITY
        assert browser.console_errors == []
