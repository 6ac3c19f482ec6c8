"""The extension in a real headless Chromium against the real Caveat server, on the fixture pages."""
from __future__ import annotations

from extension_browser import MARKS



def wait_highlights(browser, page, expected):
    """Waits (by polling the page) until the highlights are exactly `expected`; returns them."""
    page.wait_for_function(f"() => document.querySelectorAll('{MARKS}').length > 0 || {len(expected)} === 0")
    for _ in range(200):
        found = browser.highlights(page)
        if found == expected:
            return found
        page.wait_for_timeout(50)
    assert browser.highlights(page) == expected


def test_article_is_highlighted_with_levels_and_the_card_opens_on_hover(browser, site, artifacts):
    page = browser.open(f"{site}/celebrity.html")
    assert browser.highlights(page) == [
        ["stem cell therapy", "danger"], ["umbilical cord stem cells", "danger"], ["IV vitamin drips", "warning"],
        ["ozone therapy", "caution"], ["sunscreen", "established"]]
    status = browser.status(page)
    assert (status["perf"]["unanchored"], status["perf"]["hidden"]) == (0, 0)
    page.screenshot(path=str(artifacts / "celebrity-highlights.png"))

    page.hover(f"{MARKS}[data-first] >> nth=0")
    card = browser.card(page)
    assert card["headline"].startswith("Unproven for joint, knee, back and sports injuries · high risk")
    for part in ("What regulators say", "Main risks", "Sources (", " sources · reviewed ", "Not medical advice",
                 "Report a problem", "Don't show Stem cell therapy again"):
        assert part in card["text"]
    assert card["hrefs"] and all(h.startswith("https://") for h in card["hrefs"])
    assert page.evaluate("() => document.querySelector('caveat-card').shadowRoot") is None  # closed to the page
    page.screenshot(path=str(artifacts / "celebrity-card.png"))

    with browser.context.expect_page() as report_page:
        browser.click_in_card(page, "button.report")
    report = report_page.value
    report.wait_for_load_state()
    assert report.url.startswith(f"chrome-extension://{browser.ext_id}/report.html?treatment=stem-cell-therapy")
    assert "Caveat card problem: stem-cell-therapy" in report.input_value("#report")
    report.close()

    spot = card["card"]  # the pointer can move onto the card and it stays
    page.mouse.move((spot["left"] + spot["right"]) / 2, spot["top"] + 20)
    assert browser.card(page, "now")["open"]
    page.keyboard.press("Escape")
    assert not browser.card(page, "closed")["open"]


def test_tab_reaches_each_treatment_and_focus_opens_its_card(browser, site):
    page = browser.open(f"{site}/celebrity.html")
    names = []
    for _ in range(5):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.localName + ':' + document.activeElement.textContent")
        assert focused.startswith(f"{MARKS}:")
        names.append(browser.card(page)["name"])
    assert names == ["Stem cell therapy", "Umbilical cord and Wharton's jelly products", "IV vitamin drips",
                     "Ozone therapy", "Sunscreen"]
    page.keyboard.press("Enter")  # into the card: its first control has focus
    assert page.evaluate("() => document.activeElement.localName") == "caveat-card"
    page.keyboard.press("Escape")  # closes it and gives focus back to the highlight, without reopening
    assert not browser.card(page, "closed")["open"]
    assert page.evaluate("() => document.activeElement.localName") == MARKS
    assert not browser.card(page, "now")["open"]


def test_news_page_popup_lists_treatments_and_badge_counts_them(browser, site):
    page = browser.open(f"{site}/news.html")
    found = browser.highlights(page)
    for expected in (["chlorine dioxide", "danger"], ["colloidal silver", "warning"], ["ivermectin", "depends"]):
        assert expected in found
    popup = browser.popup(page)
    popup.locator("#treatments li").first.wait_for()
    items = popup.locator("#treatments li").all_inner_texts()
    assert any("Chlorine dioxide" in item and "1 danger" in item for item in items)
    assert any("Sunscreen" in item and "2 established" in item for item in items)
    assert items.index(next(i for i in items if "Chlorine dioxide" in i)) < items.index(
        next(i for i in items if "Sunscreen" in i))  # the most cautious first
    popup.get_by_role("button", name="Colloidal silver").click()
    page.wait_for_function("() => document.activeElement.textContent === 'colloidal silver'")
    seen = []
    for _ in range(2):  # a level's count jumps to the next mention at that level
        popup.get_by_title("Show the next established mention of Sunscreen").click()
        page.wait_for_function("seen => document.activeElement.localName === 'caveat-hl' && "
                               "document.activeElement.dataset.level === 'established' && "
                               "!seen.includes(document.activeElement.textContent)", arg=seen)
        seen.append(page.evaluate("() => document.activeElement.textContent"))
    assert sorted(seen) == ["SPF", "sunscreen"]
    count = len(browser.status(page)["treatments"])
    badge = browser.worker.evaluate("id => chrome.action.getBadgeText({tabId: id})", browser.tab_id(page))
    assert badge == str(count)


def test_tricky_markup_split_names_emoji_entities_links_shadow_and_skipped_places(browser, site):
    page = browser.open(f"{site}/tricky.html")
    found = browser.highlights(page)
    assert ["stem cell therapy", "depends"] in found  # split by <b>; its sentence names no use
    assert ["colloidal   silver", "warning"] in found  # after emoji, &amp; and &nbsp;, odd spaces kept in the page
    assert ["ivermectin", "warning"] in found  # inside a link
    assert ["sunscreen", "established"] in found  # in an open shadow root
    texts = {text for text, _ in found}
    assert not texts & {"chlorine dioxide", "raw milk", "kratom", "methylene blue", "laetrile"}
    assert page.locator("#code caveat-hl, #editable caveat-hl, #hidden caveat-hl, #invisible caveat-hl").count() == 0
    assert page.input_value("#box") == "raw milk" and page.input_value("#notes") == "raw milk"
    assert page.locator("#split b caveat-hl").inner_text() == "stem"
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0  # the XSS text stayed text
    perf = browser.status(page)["perf"]
    assert (perf["unanchored"], perf["hidden"]) == (0, 0)

    page.tap("#emoji caveat-hl")  # a tap opens the card too
    assert browser.card(page)["name"] == "Colloidal silver"

    page.click("#ivm-link caveat-hl")
    page.wait_for_url("**#explainer")  # the link still works


def test_strict_csp_page_gets_highlights_and_a_styled_card(browser, site):
    page = browser.open(f"{site}/csp.html")
    assert browser.highlights(page) == [["stem cell therapy", "danger"], ["hyperbaric oxygen", "depends"]]
    decoration = page.eval_on_selector(f"{MARKS}[data-first]", "m => getComputedStyle(m).textDecorationLine")
    assert decoration == "underline"
    page.hover(f"{MARKS}[data-first] >> nth=0")
    assert browser.card(page)["position"] == "fixed"


def test_content_added_later_and_spa_navigation_are_annotated_without_resending(browser, site):
    page = browser.open(f"{site}/dynamic.html")
    wait_highlights(browser, page, [["cupping therapy", "depends"], ["kratom", "danger"]])
    page.evaluate("loadMore(2)")
    wait_highlights(browser, page, [["cupping therapy", "depends"], ["kratom", "danger"], ["coffee enemas", "danger"]])
    assert browser.status(page)["perf"]["batches"][-1]["sent"] == 1  # only the new post went to the server
    page.evaluate("navigate()")
    # the headline "Wellness feed" names ozone therapy's wellness use (danger)
    shown = [["cupping therapy", "depends"], ["kratom", "danger"], ["coffee enemas", "danger"], ["ozone therapy", "danger"]]
    wait_highlights(browser, page, shown)
    page.evaluate("reveal()")
    shown += [["chlorine dioxide", "danger"], ["hyperbaric oxygen", "warning"]]
    wait_highlights(browser, page, shown)
    page.evaluate("showTab()")
    shown += [["ivermectin", "warning"]]  # shown by a class: caught when its box appears
    wait_highlights(browser, page, shown)
    page.locator("#far").scroll_into_view_if_needed()  # content-visibility: auto, skipped until near the viewport
    wait_highlights(browser, page, shown + [["homeopathy", "warning"]])


def test_hidden_text_is_watched_without_collecting_it_again_and_again(browser, site):
    """Hidden prose is watched for showing up. Chromium reports an element's size once when it starts being watched,
    even with no box: that report must not queue the element to be collected again (it would repeat forever)."""
    page = browser.open(f"{site}/tricky.html")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    perf = browser.status(page)["perf"]
    assert perf["pending"] == 0 and len(perf["batches"]) == 1
    page.evaluate("() => { document.getElementById('invisible').style.display = 'block'; }")  # a style, no attribute
    shown = browser.wait_status(page, lambda s: len(s["perf"]["batches"]) == 2)["perf"]["batches"][-1]
    assert shown["sent"] == 1  # the paragraph that showed, and nothing else


def test_react_style_rerender_keeps_the_page_working(browser, site):
    page = browser.open(f"{site}/rerender.html")
    assert [t for t, _ in browser.highlights(page)] == ["ivermectin", "homeopathy"]
    page.evaluate("rerender()")
    wait_highlights(browser, page, [["colloidal silver", "warning"], ["acupuncture", "caution"]])
    assert page.evaluate("renderErrors") == []
    assert page.inner_text("#live") == "Version two mentions colloidal silver for colds instead."
    assert page.inner_text("#keyed") == "A new keyed item about acupuncture for back pain."


def test_pausing_on_the_site_removes_every_highlight_and_restores_the_page(browser, site):
    pristine = browser.context.new_page()
    browser.set_settings(blockedSites=["127.0.0.1"])
    pristine.goto(f"{site}/celebrity.html")
    browser.wait_status(pristine, lambda s: s and s["state"] == "paused")
    original_html = pristine.inner_html("body")
    pristine.close()
    browser.set_settings(blockedSites=[])

    page = browser.open(f"{site}/celebrity.html")
    assert page.locator(MARKS).count() == 5
    popup = browser.popup(page)
    popup.get_by_role("button", name="Pause Caveat on 127.0.0.1").click()
    browser.wait_status(page, lambda s: s["state"] == "paused")
    assert page.locator(MARKS).count() == 0
    assert page.inner_html("body") == original_html
    popup.reload()
    popup.get_by_text("Caveat is paused on 127.0.0.1.").wait_for()

    popup.get_by_role("button", name="Resume Caveat on 127.0.0.1").click()
    browser.wait_status(page, lambda s: s["state"] == "ok" and len(s["treatments"]) == 5)


def test_dismissing_a_treatment_hides_it(browser, site):
    page = browser.open(f"{site}/celebrity.html")
    page.hover(f"{MARKS}[data-first] >> nth=0")
    browser.click_in_card(page, "button.dismiss")
    wait_highlights(browser, page, [["umbilical cord stem cells", "danger"], ["IV vitamin drips", "warning"],
                                    ["ozone therapy", "caution"], ["sunscreen", "established"]])
    assert browser.worker.evaluate("() => chrome.storage.sync.get('dismissed')")["dismissed"] == ["stem-cell-therapy"]


def test_a_use_named_only_in_the_title_sets_the_verdict(browser, site, artifacts):
    """The page's title is context: the same paragraphs get the back-pain verdict under a title that names back
    pain, and 'depends on the use' under one that names no use."""
    page = browser.open(f"{site}/headline-use.html")
    assert wait_highlights(browser, page, [["stem cell treatment", "danger"]])
    page.hover(f"{MARKS}[data-first] >> nth=0")
    assert "Unproven for joint, knee, back and sports injuries · high risk" in browser.card(page)["headline"]

    page = browser.open(f"{site}/headline-none.html")
    assert wait_highlights(browser, page, [["stem cell treatment", "depends"]])
    page.hover(f"{MARKS}[data-first] >> nth=0")
    card = browser.card(page)
    assert card["badge"] == "Depends on the use"
    assert "No use named here" in card["text"] and "Each use and its verdict" in card["text"]
    page.screenshot(path=str(artifacts / "depends-card.png"))
