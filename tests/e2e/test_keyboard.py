"""Keyboard and focus, in real Chromium: one Tab stop per treatment and level, the other mentions reached from the
card; leaving the card goes on to what follows the highlight; a re-render keeps the open card and focus. The card is
read from Caveat's content-script world."""
from __future__ import annotations

from extension_browser import MARKS

FOCUSED = """() => { const el = document.activeElement;
  return el.localName === 'caveat-hl' ? `${el.textContent}|${el.dataset.level}|${el.closest('p').id}` : el.localName + '#' + el.id; }"""


def tab_until(page, condition, limit: int = 40) -> list[str]:
    """Presses Tab until the focused element's description satisfies `condition`; returns what was focused."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        if condition(seen[-1]):
            return seen
    raise AssertionError(f"never reached; focused: {seen}")


def test_one_tab_stop_per_treatment_and_level_and_the_rest_from_the_card(browser, site):
    page = browser.open(f"{site}/focus.html")
    assert [level for _, level in browser.highlights(page)] == ["established", "danger", "danger", "established",
                                                              "established"]
    stops = tab_until(page, lambda f: f == "a#")  # to "Back to the top", the last link
    assert stops == ["stem cell transplant|established|p1", "stem cell therapy|danger|p2", "a#after",
                     "sunscreen|established|p4", "a#"]  # a calm first mention does not hide the dangerous one
    for _ in range(3):  # back to the dangerous one: its card
        page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED) == "stem cell therapy|danger|p2"
    card = browser.card(page)
    assert card["mark"] == "stem cell therapy" and "Next mention (2 of 3)" in card["text"]
    browser.click_in_card(page, "button.next")  # the next mention, not a Tab stop of its own: its card, focus on Next
    card = browser.card(page)
    assert (card["markIn"], card["focused"]) == ("p3", "next") and "Next mention (3 of 3)" in card["text"]
    page.keyboard.press("Enter")  # and on round to the first
    card = browser.card(page)
    assert (card["markIn"], card["focused"], card["mark"]) == ("p1", "next", "stem cell transplant")


def test_leaving_the_card_goes_on_after_the_highlight_and_shift_tab_goes_back_to_it(browser, site):
    page = browser.open(f"{site}/focus.html")
    tab_until(page, lambda f: f.endswith("|p2"))
    page.keyboard.press("Enter")  # into the card
    assert browser.card(page)["focused"] == "next"
    passed = tab_until(page, lambda f: f != "caveat-card#")
    assert passed[-1] == "a#after" and len(passed) > 3  # the link right after the highlight, not the page's top
    assert not browser.card(page, "closed")["open"]

    page.keyboard.press("Shift+Tab")  # back onto the highlight: its card opens again
    assert page.evaluate(FOCUSED) == "stem cell therapy|danger|p2"
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # before the card's first control: back to its highlight
    assert page.evaluate(FOCUSED) == "stem cell therapy|danger|p2"


def test_a_rerender_keeps_the_open_card_and_focus_when_the_text_survives(browser, site):
    page = browser.open(f"{site}/focus.html")
    tab_until(page, lambda f: f.endswith("|p2"))
    assert browser.card(page)["mark"] == "stem cell therapy"
    old = page.evaluate_handle("() => document.activeElement")
    batches = len(browser.status(page)["perf"]["batches"])
    page.evaluate("rerender()")
    browser.wait_status(page, lambda s: len(s["perf"]["batches"]) > batches)
    page.wait_for_function("old => !old.isConnected && document.activeElement.localName === 'caveat-hl'", arg=old)
    assert page.evaluate(FOCUSED) == "stem cell therapy|danger|p2"  # the new highlight has focus
    card = browser.card(page, "now")
    assert card["open"] and card["mark"] == "stem cell therapy"

    page.keyboard.press("Enter")  # focus inside the card: kept there across a re-render
    assert browser.card(page)["focused"] == "next"
    batches = len(browser.status(page)["perf"]["batches"])
    page.evaluate("rerender()")
    browser.wait_status(page, lambda s: len(s["perf"]["batches"]) > batches)
    page.wait_for_function(f"() => document.querySelector('#p2 {MARKS}[aria-expanded=\"true\"]')")
    card = browser.card(page, "now")
    assert card["open"] and card["focused"] == "next"
    target = page.locator(f"#p2 {MARKS}").evaluate("m => { const r = m.getBoundingClientRect(); return r.top; }")
    assert abs(card["target"]["top"] - target) < 1  # placed beside the new highlight
