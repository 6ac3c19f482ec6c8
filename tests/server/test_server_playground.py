"""The playground page in a real headless Chromium, against the real gunicorn server: a bundled sample renders
with highlights and the extension's cards, and hostile KB and page text stays text."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from browser import CHROMIUM, require_chromium
from tiny_kb import copy_kb
from live_server import start_server

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Chromium checks the page's CSP while DOMParser parses pasted HTML into its inert document, and reports the inline
# styles and event handlers of that HTML as blocked: proof that the policy holds, not an error of the playground.
# The hostile-input tests check separately that nothing ran and no element reached the live page.
CSP_REPORT = "violates the following Content Security Policy directive"
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and CSP_REPORT not in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
    yield page
    context.close()
    assert problems == [], problems


def open_playground(page, url):
    page.goto(url + "/")
    page.wait_for_selector("body[data-state=ready]")


def test_sample_article_renders_highlights_and_the_extensions_cards(caveat_server, page):
    open_playground(page, caveat_server.url)
    assert "treatments" in page.text_content("#kb-status")
    page.select_option("#sample", "celebrity-stem-cells")
    page.wait_for_selector("body[data-state=done]")
    marks = page.locator("#article caveat-hl")
    assert marks.count() >= 3
    treatments = set(marks.evaluate_all("ms => ms.map(m => m.dataset.treatment)"))
    cards = page.locator("#cards .card-host")
    assert cards.count() == len(treatments)
    first = cards.first.evaluate("h => h.shadowRoot.textContent")
    assert "Sources (" in first and " · reviewed " in first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "playground.png"))
    marks.nth(2).click()
    picked = page.locator("#cards .card-host.picked")
    assert picked.count() == 1 and picked.get_attribute("id") == f"card-{marks.nth(2).get_attribute('data-treatment')}"


def test_pasted_text_with_astral_characters_keeps_offsets(caveat_server, page):
    open_playground(page, caveat_server.url)
    page.check("input[name=mode][value=text]")
    page.fill("#source", "😀😀 My aunt took ivermectin for covid.")
    page.click("#run")
    page.wait_for_selector("body[data-state=done]")
    assert page.locator("#article caveat-hl").all_text_contents() == ["ivermectin"]


@pytest.fixture
def hostile_kb(tmp_path):
    kb = copy_kb(tmp_path / "kb", ["ivermectin"])
    entry = yaml.safe_load((kb / "ivermectin.yaml").read_text())
    entry["summary"] = f"Hostile summary {HOSTILE}"
    entry["risks"] = [HOSTILE]
    (kb / "ivermectin.yaml").write_text(yaml.safe_dump(entry, allow_unicode=True))
    return kb


@pytest.mark.parametrize("mode", ["html", "text"])
def test_hostile_kb_and_page_text_stay_text(hostile_kb, tmp_path, page, mode):
    with start_server(kb_path=hostile_kb, log_dir=tmp_path) as server:
        open_playground(page, server.url)
        page.check(f"input[name=mode][value={mode}]")
        page.fill("#source", f"<p>{HOSTILE} Some take ivermectin for covid {HOSTILE}</p>")
        page.click("#run")
        page.wait_for_selector("body[data-state=done]")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#output script, #output img").count() == 0
        card = page.locator("#cards .card-host").first.evaluate(
            "h => ({text: h.shadowRoot.textContent, tags: h.shadowRoot.querySelectorAll('script, img').length})")
        assert HOSTILE in card["text"] and card["tags"] == 0
        if mode == "text":
            assert HOSTILE in page.text_content("#article")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"playground-hostile-{mode}.png"), full_page=True)
