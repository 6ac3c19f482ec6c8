"""The content script's text collection against what a real browser renders (Debian's Chromium, no extension):
which text a reader sees, where lines end, and that every character of a block leads back to the DOM text it came
from. The collector relies on the browser's innerText; jsdom has none, so these cases run here."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser import CHROMIUM

CONTENT = Path(__file__).resolve().parents[2] / "extension" / "content"
SCRIPTS = [CONTENT / name for name in ("align.js", "collect.js", "anchor.js")]

# For each block: its text, and every character mapped back to the text node (whitespace may map to nothing).
COLLECT = """() => {
  const blocks = Caveat.collectBlocks(document);
  const wrong = [];
  for (const block of blocks) {
    for (let i = 0; i < block.text.length; i++) {
      const pieces = Caveat.piecesFor(block, i, i + 1);
      const got = pieces && pieces.map((p) => p.node.data.slice(p.start, p.end)).join("").replace(/[\\u00ad\\u200b]/g, "");
      const want = block.text[i];
      const fine = want === " " ? got !== null && /^\\s*$/.test(got) : got !== null && got.toLowerCase() === want.toLowerCase();
      if (!fine) wrong.push([block.text, i, want, got]);
    }
  }
  return { texts: blocks.map((b) => b.text), wrong };
}"""


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--headless=new", "--no-sandbox"])
        yield browser.new_page()
        browser.close()


def collect(page, body: str, setup: str = "") -> list[str]:
    page.set_content(f"<!doctype html><html><body>{body}</body></html>")
    if setup:
        page.evaluate(setup)
    for script in SCRIPTS:
        page.add_script_tag(path=str(script))
    result = page.evaluate(COLLECT)
    assert result["wrong"] == []
    return result["texts"]


def test_one_block_per_rendered_line_inline_tags_joined(page):
    assert collect(page, "<h1>Title</h1><p>A <b>stem</b> cell <i>thera</i>py story.</p><ul><li>one</li><li>two</li></ul>"
                   "<p>first line<br>second line</p><table><tr><td>cell one</td><td>cell two</td></tr></table>") == [
        "Title", "A stem cell therapy story.", "one", "two", "first line", "second line", "cell one", "cell two"]


def test_code_form_controls_editable_hidden_and_invisible_text_never_sent(page):
    texts = collect(page, """<p>keep</p><pre>pre text</pre><p>x <code>code()</code> y</p><input value="input">
        <textarea>area</textarea><select><option>opt</option></select><p contenteditable="true">editing</p>
        <p><span contenteditable>typed</span> after</p><p hidden>hidden attr</p><p style="display:none">display none</p>
        <p style="visibility:hidden">invisible</p><script>var s = "script";</script><style>p{}</style>
        <noscript>nojs</noscript><button>Buy</button><details><summary>more</summary>folded away</details>
        <nav class=drawer><ul><li><a href=#>menu link</a></li></ul></nav><style>.drawer { display: none }</style>""")
    assert texts == ["keep", "x y", "after", "more"]


def test_whitespace_no_break_spaces_and_invisible_characters(page):
    assert collect(page, "<p>\n  colloidal \u00a0\n silver&nbsp;and stem\u00adcell \u200b  </p>") == [
        "colloidal silver and stemcell"]


def test_a_visible_child_of_a_hidden_element_and_display_contents(page):
    assert collect(page, """<div style="visibility:hidden">secret <span style="visibility:visible">shown</span></div>
        <div style="display:contents"><p>in contents</p></div><p>a <span style="visibility:collapse">gone</span> b</p>""") == [
        "shown", "in contents", "a b"]


def test_text_transform_is_read_as_shown_and_still_maps_back(page):
    assert collect(page, "<p style='text-transform:uppercase'>Statins work</p><p><span style='text-transform:uppercase'>"
                   "straße</span> then stem cell therapy</p>") == ["STATINS WORK", "then stem cell therapy"]


def test_a_hidden_twin_does_not_take_the_visible_words(page):
    texts = collect(page, "<p><span style='display:none'>stem cell therapy</span><span id=v>stem cell therapy</span></p>")
    assert texts == ["stem cell therapy"]
    owner = page.evaluate("() => Caveat.piecesFor(Caveat.collectBlocks(document)[0], 0, 4)[0].node.parentNode.id")
    assert owner == "v"


def test_open_shadow_roots_and_text_directly_in_them(page):
    setup = """() => {
      document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p>in the <b>shadow</b></p>';
      document.getElementById('bare').attachShadow({ mode: 'open' }).append('bare shadow text');
      document.getElementById('gone').attachShadow({ mode: 'open' }).append('hidden host text');
    }"""
    assert collect(page, "<p>light</p><div id=host></div><div id=bare></div><div id=gone style='visibility:hidden'></div>",
                   setup) == ["light", "in the shadow", "bare shadow text"]


# Where the pieces of `exact` (its first occurrence in each block holding it) lie: the id of each piece's parent.
OWNERS = """(exact) => Caveat.collectBlocks(document).filter((b) => b.text.includes(exact)).map((b) => {
  const start = b.text.indexOf(exact);
  const pieces = Caveat.piecesFor(b, start, start + exact.length);
  return pieces && pieces.map((p) => p.node.parentNode.id || p.node.parentNode.localName);
})"""


def owners(page, exact: str):
    return page.evaluate(OWNERS, exact)


def test_a_hidden_shorter_copy_and_repeated_words_map_to_the_visible_text(page):
    assert collect(page, "<h2><span style='display:none'>Stem cell therapy</span><span id=v>Stem cell therapy for "
                   "knees</span></h2><p id=p>Stem cell therapy for knees is sold by many clinics.</p>") == [
        "Stem cell therapy for knees", "Stem cell therapy for knees is sold by many clinics."]
    assert owners(page, "Stem cell therapy") == [["v"], ["p"]]
    collect(page, "<p><span style='display:none'>stem cell therapy</span><span id=v1>stem cell therapy</span></p>"
            "<p id=p2>stem cell therapy</p>")
    assert owners(page, "stem cell therapy") == [["v1"], ["p2"]]


def test_text_no_node_gives_exactly_does_not_pull_later_text_out_of_place(page):
    page.set_content("")
    texts = collect(page, "<h3 lang=de style='text-transform:uppercase'>Weißdorn</h3>"
                    "<p id=p>Weißdorn wird bei Herzschwäche empfohlen.</p>")
    assert texts == ["Weißdorn wird bei Herzschwäche empfohlen."]
    assert owners(page, "Weißdorn") == [["p"]]
    labels = "".join(f"<text x=0 y={i * 12}>Label number {i}</text>" for i in range(30))
    assert collect(page, f"<p>Intro.</p><svg height=400>{labels}</svg><p>Stem cell therapy is unproven.</p>"
                   "<textarea>stem cell therapy</textarea><p>Second paragraph.</p>") == [
        "Intro.", "Stem cell therapy is unproven.", "Second paragraph."]


def test_a_hidden_copy_of_drawn_or_editable_text_takes_nothing(page):
    collect(page, "<figure><span id=tip style='display:none'>Statins</span><svg><text>Statins</text></svg></figure>")
    assert owners(page, "Statins") == []
    texts = collect(page, "<div style='display:none'>my private diary entry</div><div contenteditable><p>my private "
                    "diary entry</p></div><p>after</p>")
    assert texts == ["after"]
    editor = """() => customElements.define('x-editor', class extends HTMLElement {
      constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<div contenteditable><slot></slot></div>'; }
    })"""
    assert collect(page, "<x-editor><p>typed private text</p></x-editor><p>after</p>", editor) == ["after"]


def test_spaces_are_never_taken_from_editable_code_or_list_whitespace(page):
    collect(page, "<p id=p><b>stem</b><span id=ed contenteditable> </span><i>cell</i> <b>therapy</b><code> </code>"
            "<i>works</i></p>")
    assert all(owner not in ("ed", "code") for pieces in owners(page, "stem cell therapy works") for owner in pieces)


def test_display_contents_text_shows_and_a_design_mode_page_is_not_read(page):
    collect(page, "<my-note id=n style='display:contents'>stem cell therapy works</my-note>")
    assert page.evaluate("() => Caveat.shows(document.getElementById('n').firstChild)") is True
    assert collect(page, "<p>typed in design mode</p>", "() => { document.designMode = 'on'; }") == []


def test_a_change_inside_a_drawing_is_collected_from_the_html_box_around_it(page):
    collect(page, "<div id=box><svg><text id=tx>Visitors: 10</text></svg></div>")
    assert page.evaluate("() => Caveat.blockRootOf(document.getElementById('tx').firstChild).id") == "box"
