"""No false all-clear: prose a page shows later, by visibility, opacity, content-visibility, a class on an ancestor,
or an anti-flicker style on <body> removed after Caveat's first pass, is annotated when it shows; until then the
popup says what it has not checked. (Firefox: test_extension_firefox.py.)"""
from __future__ import annotations

from test_extension import wait_highlights


def test_text_shown_by_visibility_a_class_opacity_or_content_visibility_is_annotated_when_it_shows(browser, site):
    page = browser.open(f"{site}/reveal.html")
    # opacity leaves the text laid out and read: it is annotated at once, and shows highlighted when it fades in
    shown = [["acupuncture", "caution"], ["chlorine dioxide", "danger"]]
    wait_highlights(browser, page, shown)
    status = browser.status(page)
    assert status["unchecked"] == 3  # the parts hidden by visibility, by a class and by content-visibility
    popup = browser.popup(page)
    popup.get_by_text("Not checked yet: 3 hidden parts of this page").wait_for()

    page.evaluate("showVisibility()")
    shown.insert(1, ["kratom", "danger"])
    wait_highlights(browser, page, shown)
    page.evaluate("unlock()")  # a class removed from an ancestor
    shown.insert(2, ["colloidal silver", "warning"])
    wait_highlights(browser, page, shown)
    page.evaluate("unskip()")
    shown.append(["coffee enemas", "danger"])
    wait_highlights(browser, page, shown)
    page.evaluate("fadeIn()")
    assert browser.wait_status(page, lambda s: s["unchecked"] == 0)["unchecked"] == 0
    popup.reload()
    popup.locator("#treatments li").first.wait_for()
    assert popup.locator("#unchecked").is_hidden()


def test_a_body_hidden_until_scripts_ran_is_annotated_once_shown_and_no_all_clear_before(browser, site):
    page = browser.open(f"{site}/antiflicker.html")
    assert browser.highlights(page) == [["sunscreen", "established"]]  # the one part shown despite the hidden body
    assert browser.status(page)["unchecked"] == 1
    popup = browser.popup(page)
    popup.get_by_text("Not checked yet: 1 hidden part of this page").wait_for()

    page.evaluate("showBody()")
    wait_highlights(browser, page, [["sunscreen", "established"], ["stem cell therapy", "danger"],
                                    ["ozone therapy", "depends"]])
    assert browser.status(page)["unchecked"] == 0


def test_a_page_with_nothing_hidden_and_nothing_found_says_what_it_checked(browser, site):
    page = browser.open(f"{site}/empty.html")
    popup = browser.popup(page)
    popup.get_by_text("Caveat found no treatments it knows in the text shown on this page").wait_for()
    assert popup.locator("#unchecked").is_hidden()
