"""The extension with a shared server (issue 16 item 4), in real Chromium against a second real instance on another
port, reached under a name that is not loopback (`shared.test`, mapped to 127.0.0.1 by the browser's resolver):
the popup names the server that answered, the organisation's access token goes to that server only and is
counted there as the organisation, and a token the server does not know is explained."""
from __future__ import annotations

import json
import re

import pytest
from live_server import start_server

from pinned_kb import pinned_kb

TOKEN = "n3wsr00m-t0ken-0123456789"
ADDRESS_LIMIT = 2  # a minute, per client address: the extension's requests alone would pass it


@pytest.fixture
def shared(tmp_path):
    """A fresh instance per test: each starts with empty rate-limit counters."""
    work = tmp_path / "shared-instance"
    work.mkdir()
    tokens = work / "tokens"
    tokens.write_text(f"{TOKEN} The Daily Example newsroom\n")
    env = {"CAVEAT_ALLOWED_HOSTS": "shared.test", "CAVEAT_NAME": "The Daily Example",
           "CAVEAT_CONTACT": "caveat@daily.example", "CAVEAT_ACCESS_TOKENS_FILE": str(tokens),
           "CAVEAT_RATE_LIMIT": f"{ADDRESS_LIMIT} per minute", "CAVEAT_TOKEN_RATE_LIMIT": "1000 per minute"}
    with start_server(kb_path=pinned_kb(work / "kb"), env=env, log_dir=work) as server:
        server.origin = f"http://shared.test:{server.port}"
        yield server


def use_shared_server(browser, shared):
    """What a reader does: Caveat's options, the shared server's address, yes to the consent text and to the
    browser's permission prompt. Headless Chromium cannot show that prompt, so the test grants the host first as
    chrome://extensions does (then the extension's own permission request is answered at once)."""
    extensions = browser.context.new_page()
    extensions.goto(f"chrome://extensions/?id={browser.ext_id}")
    extensions.evaluate("([id, host]) => new Promise((done) => chrome.developerPrivate.addHostPermission(id, host, done))",
                        [browser.ext_id, f"{shared.origin}/*"])
    extensions.close()
    options = browser.options
    options.fill("#server", shared.origin)
    options.get_by_role("button", name="Save and check").click()
    options.get_by_text(f"{shared.origin} is not on this computer").wait_for()
    options.get_by_role("button", name="Yes, send page text to this server").click()
    options.get_by_text(f"Connected to the Caveat server at {shared.origin}.").wait_for()
    options.locator("#server-info").get_by_text("This server is run by The Daily Example").wait_for()
    options.locator("#token-box").wait_for()


def save_token(browser, token: str) -> str:
    options = browser.options
    options.fill("#token", token)
    options.get_by_role("button", name="Save token").click()
    saved = options.locator("#token-saved")
    saved.filter(has_text=re.compile(r"\S")).wait_for()
    return saved.inner_text()


def annotate_requests(shared) -> list[str]:
    """The shared server's log lines for the extension's annotate requests and their preflights."""
    return [line for line in shared.log().splitlines() if "/api/v1/annotate" in line]


def test_the_popup_names_the_server_that_answered(browser, site, shared, artifacts):
    page = browser.open(f"{site}/celebrity.html")
    popup = browser.popup(page)
    popup.get_by_text(f"Answered by Caveat on this computer ({browser.server_url.split('//')[1]}).").wait_for()
    found = popup.locator("#treatments li").count()

    use_shared_server(browser, shared)
    assert save_token(browser, TOKEN) == f"Saved. Caveat sends it to shared.test:{shared.port} only."
    browser.wait_status(page, lambda s: s["state"] == "ok" and s["servers"] == [shared.origin])  # read again there
    popup.set_viewport_size({"width": 372, "height": 420})
    popup.reload()
    answered = popup.locator("#answered")
    answered.get_by_text(f"a shared Caveat server at shared.test:{shared.port}").wait_for()
    assert answered.inner_text() == (f"Answered by “The Daily Example”, a shared Caveat server at "
                                     f"shared.test:{shared.port} (what it keeps).")
    assert answered.get_by_role("link", name="what it keeps").get_attribute("href") == f"{shared.origin}/privacy"
    assert popup.locator("#treatments li").count() == found  # the same KB, the same answers
    popup.screenshot(path=str(artifacts / "popup-shared-server.png"), full_page=True)

    # the reader goes back to the server on this computer: the page is read there again, and the popup says so
    browser.options.fill("#server", browser.server_url)
    browser.options.get_by_role("button", name="Save and check").click()
    browser.wait_status(page, lambda s: s["state"] == "ok" and s["servers"] == [browser.server_url])
    assert not browser.options.locator("#token-box").is_visible()
    popup.reload()
    popup.get_by_text("Answered by Caveat on this computer").wait_for()
    assert "reload the page" not in popup.locator("#answered").inner_text()


def test_the_token_goes_to_the_shared_server_and_is_counted_as_the_organisation(browser, site, shared):
    use_shared_server(browser, shared)
    assert save_token(browser, TOKEN).startswith("Saved.")
    before = len(annotate_requests(shared))
    pages = [browser.open(f"{site}/{name}") for name in ("celebrity.html", "news.html", "tricky.html")]
    for page in pages:
        assert browser.status(page)["servers"] == [shared.origin]
    posts = [line for line in annotate_requests(shared)[before:] if " POST " in line]
    assert len(posts) > ADDRESS_LIMIT and all(" 200 " in line for line in posts), posts
    # none of them was counted for this address: a client here without the token still has its whole allowance
    for _ in range(ADDRESS_LIMIT):
        assert shared.request("GET", "/api/v1/kb", headers={"Host": "shared.test"})[0] == 200
    status, _, body = shared.request("GET", "/api/v1/kb", headers={"Host": "shared.test"})
    assert status == 429 and json.loads(body)["error"]["code"] == "rate_limited"
    # ...while the organisation's counter holds the extension's requests (and the options page's check of the token)
    status, headers, _ = shared.request("GET", "/api/v1/kb", headers={"Host": "shared.test",
                                                                      "Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert 1000 - int(headers["X-RateLimit-Remaining"]) >= len(posts) + 2


def test_a_token_the_server_does_not_know_is_not_saved_and_a_revoked_one_is_explained(browser, site, shared):
    use_shared_server(browser, shared)
    assert save_token(browser, "not-the-right-token-123") == (
        f"shared.test:{shared.port} does not know this token, so it was not saved. Check it with whoever runs the server.")
    refused = f"{shared.origin}/api/v1/kb: Failed to load resource: the server responded with a status of 401 (UNAUTHORIZED)"
    browser.console_errors.remove(refused)  # Chromium logs every 4xx; this one is the answer the options page wants
    assert browser.worker.evaluate("() => chrome.storage.local.get('accessTokens')") == {}
    assert save_token(browser, "too short").startswith("An access token is 16 to 512")
    # a token saved once and revoked since by the server's operator
    browser.worker.evaluate("tokens => chrome.storage.local.set({accessTokens: tokens})",
                            {shared.origin: "revoked-token-0123456789"})
    page = browser.open(f"{site}/celebrity.html", wait_state="error")
    popup = browser.popup(page)
    popup.get_by_text(f"The server at shared.test:{shared.port} does not accept the access token saved in Caveat's "
                      "options. Correct it there, or remove it to be counted as one reader.").wait_for()
