"""Where the card opens, in real Chromium at three screen sizes: beside the highlight, never over it nor over the
site's sticky header, always inside the viewport. The card is read from Caveat's content-script world (a page cannot
reach it). Screenshots at each size go to docs/."""
from __future__ import annotations

from pathlib import Path

import pytest

from extension_browser import MARKS

DOCS = Path(__file__).resolve().parents[2] / "docs"
SIZES = [(1366, 680), (1920, 1080), (390, 740)]


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def inside(card: dict, viewport: dict) -> bool:
    return (card["top"] >= 0 and card["left"] >= 0 and card["bottom"] <= viewport["height"] + 0.5
            and card["right"] <= viewport["width"] + 0.5)


def open_card_at(browser, page, mark_id: str, fraction: float, *, touch: bool) -> dict:
    """Scrolls so the highlight in #mark_id sits at `fraction` of the viewport's height, opens its card as a reader
    would (a tap on a phone, the pointer elsewhere) and returns what the card shows and where."""
    page.evaluate("([id, f]) => { const m = document.querySelector(`#${id} caveat-hl`);"
                  " scrollBy(0, m.getBoundingClientRect().top - innerHeight * f); }", [mark_id, fraction])
    # the middle of the first line box of the highlight (a name can wrap onto two lines on a phone)
    x, y = page.locator(f"#{mark_id} {MARKS}[data-first]").evaluate(
        "m => { const r = m.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }")
    if touch:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.move(x, y)
    return browser.card(page)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_card_opens_beside_the_highlight_never_over_it_or_the_sticky_header(browser, site, width, height):
    page = browser.open(f"{site}/sticky.html")
    page.set_viewport_size({"width": width, "height": height})
    narrow = width < 600
    for mark_id, fraction in [("m1", 0.12), ("m6", 0.5), ("m12", 0.85), ("m6", 0.3)]:
        shown = open_card_at(browser, page, mark_id, fraction, touch=narrow)
        assert shown["open"], f"no card for #{mark_id} at {fraction}"
        header = page.locator("#masthead").evaluate(
            "h => { const r = h.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")
        where = f"{width}x{height}, #{mark_id} at {fraction}: card {shown['card']} ({shown['side']}), highlight {shown['target']}"
        assert not overlaps(shown["card"], shown["target"]), where
        assert not overlaps(shown["card"], header), where
        assert inside(shown["card"], shown["viewport"]), where
        assert shown["target"]["top"] >= header["bottom"] and shown["target"]["bottom"] <= height, where  # in view
        assert shown["side"] == ("sheet" if narrow else shown["side"]) and shown["side"] in ("below", "above", "beside", "sheet")
        # the card says what it is about in its first line, and what is always in view is in view
        assert shown["headline"].startswith("Unproven for joint, knee, back and sports injuries · high risk"), where
        assert shown["meta"].endswith("Report a problem"), where
        meta = browser.in_content_world(page, "() => { const r = Caveat.page.popover.box.querySelector('.meta')"
                                        ".getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }")
        assert meta["bottom"] <= shown["card"]["bottom"], where  # visible without scrolling the card
        if narrow:
            assert shown["card"]["left"] == 0 and shown["card"]["right"] == width, where
        if narrow:  # a card a tap opened stays (the page scrolled under it) until a tap elsewhere
            page.touchscreen.tap(2, shown["target"]["top"] - 2)
        else:
            page.keyboard.press("Escape")
        assert not browser.card(page, "closed")["open"], where
        page.mouse.move(0, height - 1)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_screenshot_of_the_card_at_each_size(browser, site, width, height):
    page = browser.open(f"{site}/sticky.html")
    page.set_viewport_size({"width": width, "height": height})
    shown = open_card_at(browser, page, "m6", 0.45, touch=width < 600)
    assert shown["open"]
    page.screenshot(path=str(DOCS / f"card-{width}x{height}.png"))


def test_a_card_opened_by_hover_leaves_with_the_pointer_one_opened_by_a_click_stays(browser, site):
    page = browser.open(f"{site}/sticky.html")
    mark = page.locator(f"#m6 {MARKS}[data-first]")
    mark.hover()
    assert browser.card(page)["open"]
    page.mouse.move(2, 300)  # away, not onto the card
    assert not browser.card(page, "closed")["open"]

    mark.click()
    assert browser.card(page)["open"]
    page.mouse.move(2, 300)  # the pointer left: no close is even scheduled
    assert browser.in_content_world(page, "() => Caveat.page.popover.timer === null")
    assert browser.card(page, "now")["open"]
    page.mouse.click(2, 300)  # a click elsewhere closes it
    assert not browser.card(page, "closed")["open"]
