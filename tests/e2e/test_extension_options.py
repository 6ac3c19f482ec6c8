"""The options page: first-run connection check, consent before a remote server, levels, on/off."""
from __future__ import annotations

from extension_browser import MARKS


def test_first_run_opens_options_and_says_the_server_is_connected(browser):
    browser.options.get_by_text(f"Connected to the Caveat server at {browser.server_url}.").wait_for()


def test_a_remote_server_needs_consent_and_is_not_saved_without_it(browser):
    options = browser.options
    options.fill("#server", "https://caveat.example.org")
    options.get_by_role("button", name="Save and check").click()
    options.get_by_text("https://caveat.example.org is not on this computer").wait_for()
    options.get_by_role("button", name="No, keep it on this computer").click()
    assert options.input_value("#server") == browser.server_url
    saved = browser.worker.evaluate("() => chrome.storage.sync.get('serverUrl')")
    assert saved == {}  # still the default, which is the test server


def test_a_bad_address_is_named_as_such(browser):
    browser.options.fill("#server", "http://127.0.0.1:8737/api/v1")
    browser.options.get_by_role("button", name="Save and check").click()
    browser.options.get_by_text("without a path").wait_for()


def test_hiding_a_level_and_the_master_switch_apply_to_open_pages(browser, site):
    page = browser.open(f"{site}/celebrity.html")
    options = browser.options
    # each level is explained where it is chosen
    options.get_by_text("Danger little or no evidence it helps, and a high or severe risk of harm.").wait_for()
    options.locator("#levels label", has_text="Established good evidence").locator("input").uncheck()
    browser.wait_status(page, lambda s: s["state"] == "ok" and len(s["treatments"]) == 4)
    assert "sunscreen" not in [t for t, _ in browser.highlights(page)]
    options.uncheck("#enabled")
    browser.wait_status(page, lambda s: s["state"] == "off")
    assert page.locator(MARKS).count() == 0


def test_a_shared_server_says_whose_it_is_and_links_its_privacy_page(browser, tmp_path):
    """A second local instance on another port, named as a newsroom would name its shared server."""
    from live_server import start_server

    env = {"CAVEAT_NAME": "The Daily Example", "CAVEAT_CONTACT": "caveat@daily.example"}
    with start_server(env=env, log_dir=tmp_path) as shared:
        options = browser.options
        options.get_by_text(f"Connected to the Caveat server at {browser.server_url}.").wait_for()
        options.get_by_text("This server is run by Caveat on this computer").wait_for()
        options.fill("#server", shared.url)
        options.get_by_role("button", name="Save and check").click()
        options.get_by_text(f"Connected to the Caveat server at {shared.url}.").wait_for()
        info = options.locator("#server-info")
        info.get_by_text("This server is run by The Daily Example (caveat@daily.example)").wait_for()
        with browser.context.expect_page() as opened:
            info.get_by_role("link", name="what it keeps (privacy)").click()
        privacy = opened.value
        privacy.wait_for_load_state()
        assert privacy.url == f"{shared.url}/privacy"
        assert privacy.locator("h1").inner_text() == "Privacy: The Daily Example"
        privacy.close()
        saved = browser.worker.evaluate("() => chrome.storage.sync.get('serverUrl')")
        assert saved == {"serverUrl": shared.url}
