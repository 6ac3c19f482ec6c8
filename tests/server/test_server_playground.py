"""The playground page in a real headless Chromium, against the real gunicorn server: a bundled sample renders
with highlights and the extension's cards, and hostile KB and page text stays text."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from caveat.annotator import KnowledgeBase, annotate
from caveat.server.playground import EXAMPLES

from browser import CHROMIUM, require_chromium
from tiny_kb import copy_kb
from live_server import start_server

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
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
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
    yield page
    context.close()
    assert problems == [], problems


def open_playground(page, url):
    page.goto(url + "/")
    page.wait_for_selector("body[data-state=ready]")


def annotate_requests(page) -> list[dict]:
    """The bodies the playground posts to /api/v1/annotate, as they leave the browser."""
    bodies: list[dict] = []
    page.on("request", lambda r: bodies.append(json.loads(r.post_data))
            if r.method == "POST" and r.url.endswith("/api/v1/annotate") else None)
    return bodies


def test_sample_article_renders_highlights_and_the_extensions_cards(caveat_server, page):
    sent = annotate_requests(page)
    open_playground(page, caveat_server.url)
    assert "treatments" in page.text_content("#kb-status")
    page.select_option("#sample", "celebrity-stem-cells")
    page.wait_for_selector("body[data-state=done]")
    sample = (EXAMPLES / "celebrity-stem-cells.html").read_text("utf-8")
    assert sent == [{"html": sample}], "the page goes to the server as it is: the server extracts its text"
    extracted = annotate(sample.encode(), KnowledgeBase.load()).text
    shown = page.locator("#article p").all_text_contents()
    assert shown == extracted.split("\n\n")
    marks = page.locator("#article caveat-hl")
    assert marks.count() >= 3
    treatments = set(marks.evaluate_all("ms => ms.map(m => m.dataset.treatment)"))
    cards = page.locator("#cards .card-host")
    assert cards.count() == len(treatments)
    first = cards.first.evaluate("h => h.shadowRoot.textContent")
    assert " sources · reviewed " in first  # the line a reader sees without opening anything
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "playground.png"))
    marks.nth(2).click()
    picked = page.locator("#cards .card-host.picked")
    assert picked.count() == 1 and picked.get_attribute("id") == f"card-{marks.nth(2).get_attribute('data-treatment')}"


def test_pasted_text_with_astral_characters_keeps_offsets(caveat_server, page):
    open_playground(page, caveat_server.url)
    page.check("input[name=mode][value=text]")
    sent = annotate_requests(page)
    text = "😀😀 My aunt took ivermectin for covid.\n\nA second paragraph 😀 on ivermectin."
    page.fill("#source", text)
    page.click("#run")
    page.wait_for_selector("body[data-state=done]")
    assert sent == [{"text": text}]
    assert page.locator("#article caveat-hl").all_text_contents() == ["ivermectin", "ivermectin"]
    assert page.locator("#article p").all_text_contents() == text.split("\n\n")


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


@pytest.fixture(scope="module")
def installed_wheel(built_wheel, tmp_path_factory):
    """A fresh venv with only the built wheel and its dependencies (from the configured package index): no checkout
    on its path, no editable install."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(built_wheel[0])],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return venv


def test_installed_wheel_serves_a_working_playground(installed_wheel, tmp_path, page):
    """`caveat serve` from the installed wheel: the playground, the extension's card.js and a sample all load, and
    the sample is annotated with cards, as from a checkout."""
    code = "import caveat.server; from caveat.annotator.kb import bundled_kb_path as p; print(caveat.server.__file__, p())"
    where = subprocess.run([str(installed_wheel / "bin" / "python"), "-c", code],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    assert all(path.startswith(str(installed_wheel)) for path in where), where
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # the wheel's own KB, named outright: an earlier test of this session may have left CAVEAT_KB in os.environ
    with start_server(log_dir=tmp_path, env={"CAVEAT_KB": where[1]},
                      command=[str(installed_wheel / "bin" / "caveat")]) as server:
        open_playground(page, server.url)
        page.select_option("#sample", "celebrity-stem-cells")
        page.wait_for_selector("body[data-state=done]")
        treatments = set(page.locator("#article caveat-hl").evaluate_all("ms => ms.map(m => m.dataset.treatment)"))
        assert {"muse-cells", "ivermectin"} <= treatments
        cards = page.locator("#cards .card-host")
        assert cards.count() == len(treatments)
        assert "Sources" in cards.first.evaluate("h => h.shadowRoot.textContent")
    assert failed == []
