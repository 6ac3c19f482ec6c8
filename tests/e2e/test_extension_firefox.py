"""The same unpacked extension in Debian's Firefox (firefox-esr), driven over WebDriver BiDi by
tests/e2e/firefox_driver.js: the highlights and their levels on the fixture article and the tricky page (names
split by tags, after entities, in a link, in an open shadow root; nothing from code, form controls, editable or
hidden text), the card on keyboard focus, closed by Esc, text a page shows later (by a class, visibility, opacity,
content-visibility, an anti-flicker style on <body> removed after the first pass), and a hostile
page's script (attack.js) changing nothing. The full behaviour is tested in Chromium."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from browser import FIREFOX, require
from extension_browser import extension_for

DRIVER = Path(__file__).resolve().parent / "firefox_driver.js"


@pytest.fixture(autouse=True)
def _firefox_required():
    require(FIREFOX, "firefox-esr")


def test_highlights_and_card_in_firefox(e2e_server, site, tmp_path):
    extension = extension_for(e2e_server.url, tmp_path / "extension")
    pages = [{"url": f"{site}/celebrity.html", "count": 5, "hostile": True}, {"url": f"{site}/tricky.html", "count": 6},
             {"url": f"{site}/dynamic.html", "count": 2, "run": "showTab()", "after": 3},
             {"url": f"{site}/reveal.html", "count": 2, "run": "revealAll()", "after": 5},
             {"url": f"{site}/antiflicker.html", "count": 1, "run": "showBody()", "after": 3}]
    run = subprocess.run(["node", str(DRIVER), json.dumps({"firefox": FIREFOX, "extension": str(extension), "pages": pages})],
                         capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr
    celebrity, tricky, dynamic, reveal, antiflicker = json.loads(run.stdout)
    assert celebrity["highlights"] == [
        ["stem cell therapy", "danger"], ["umbilical cord stem cells", "danger"], ["IV vitamin drips", "warning"],
        ["ozone therapy", "caution"], ["sunscreen", "established"]]
    assert celebrity["card"] == {"opened": True, "shadowRoot": "null"}  # focus opens it; the page cannot look in
    attacked = celebrity["attacked"]  # the page's own script could not open, press, dismiss or report anything
    assert attacked["unopened"]["host"] is False and attacked["expandedBefore"] == "false"  # synthetic events: no card
    assert attacked["seen"]["shadowRoot"] is None and attacked["seen"]["buttons"] == 0
    assert attacked["seen"]["attach"] == "NotSupportedError"
    assert attacked["seen"]["hostStyle"] == ["block", "visible", "1"]
    assert attacked["expanded"] == "true"  # the open card stayed open: its close button is out of reach
    assert attacked["before"] == attacked["after"] and attacked["reloaded"] == attacked["before"]["highlights"]
    assert attacked["requests"] == []  # the page sent nothing anywhere
    assert tricky["highlights"] == [
        ["stem cell therapy", "depends"], ["colloidal   silver", "warning"], ["ivermectin", "warning"],
        ["statins", "established"], ["ketamine clinics", "depends"], ["sunscreen", "established"]]
    assert dynamic["later"] == [["cupping therapy", "depends"], ["kratom", "danger"], ["ivermectin", "warning"]]
    # shown later by visibility, a class on an ancestor, opacity and content-visibility; a body shown after the first pass
    assert reveal["highlights"] == [["acupuncture", "caution"], ["chlorine dioxide", "danger"]]
    assert reveal["later"] == [["acupuncture", "caution"], ["kratom", "danger"], ["colloidal silver", "warning"],
                               ["chlorine dioxide", "danger"], ["coffee enemas", "danger"]]
    assert antiflicker["highlights"] == [["sunscreen", "established"]]
    assert antiflicker["later"] == [["sunscreen", "established"], ["stem cell therapy", "danger"],
                                    ["ozone therapy", "depends"]]
    assert all(page["errors"] == [] for page in (celebrity, tricky, dynamic, reveal, antiflicker))
