"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, blocksOf } = require("./helpers");

const texts = (window, root) => Array.from(blocksOf(window, root), (b) => b.text);

test("one block per paragraph-like box, inline tags joined", () => {
  const w = load("<h1>Title</h1><p>A <b>stem</b> cell <i>therapy</i> story.</p><ul><li>one</li><li>two</li></ul>");
  assert.deepEqual(texts(w), ["Title", "A stem cell therapy story.", "one", "two"]);
});

test("skips code, pre, form controls, contenteditable, hidden and invisible elements", () => {
  const w = load(`<p>keep</p><pre>pre text</pre><p>x <code>code()</code> y</p><input value="input">
    <textarea>area</textarea><select><option>opt</option></select><p contenteditable="true">editing</p>
    <p hidden>hidden attr</p><p style="display:none">display none</p><p style="visibility:hidden">invisible</p>
    <script>var s = "script";</script><style>p{}</style><noscript>nojs</noscript><button>Buy</button>`);
  assert.deepEqual(texts(w), ["keep", "x y"]);
});

test("collapses whitespace runs, nbsp and newlines to one space and drops soft hyphens", () => {
  const w = load("<p>\n  colloidal \u00a0\n silver&nbsp;and stem\u00adcell   </p>");
  assert.deepEqual(texts(w), ["colloidal silver and stemcell"]);
});

test("text around a nested block forms separate blocks, in reading order", () => {
  const w = load("<div>before<div>inside</div>after</div>");
  assert.deepEqual(texts(w), ["before", "inside", "after"]);
});

test("a line break ends a block", () => {
  const w = load("<p>first line<br>second line</p>");
  assert.deepEqual(texts(w), ["first line", "second line"]);
});

test("walks open shadow roots and reports them", () => {
  const w = load("<p>light</p><div id=host></div>");
  const host = w.document.getElementById("host");
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = "<p>in the <b>shadow</b></p>";
  const seen = [];
  const blocks = w.Caveat.collectBlocks(w.document, { onShadowRoot: (r) => seen.push(r) });
  assert.deepEqual(Array.from(blocks, (b) => b.text), ["light", "in the shadow"]);
  assert.deepEqual(seen, [shadow]);
});

test("the segment map points every block character back at its text node", () => {
  const w = load("<p>A <b>stem</b>\n   cell</p>");
  const [block] = blocksOf(w);
  assert.equal(block.text, "A stem cell");
  for (let i = 0; i < block.text.length; i++) {
    const pieces = w.Caveat.piecesFor(block, i, i + 1);
    const ch = pieces[0].node.data.slice(pieces[0].start, pieces[0].end);
    assert.equal(block.text[i] === " " ? /\s/.test(ch) : ch === block.text[i], true, `position ${i}`);
  }
});

test("blockRootOf finds the nearest block box", () => {
  const w = load("<div id=d><p id=p>some <b id=b>bold</b> text</p></div>");
  const bold = w.document.getElementById("b").firstChild;
  assert.equal(w.Caveat.blockRootOf(bold).id, "p");
});

test("visibility is read where text is: a visible child of a hidden element shows, its hidden parent's text not", () => {
  const w = load(`<div style="visibility:hidden">secret <span style="visibility:visible">shown</span>
    <p>hidden para</p></div><p>a <span style="visibility:collapse">gone</span> b</p>`);
  assert.deepEqual(texts(w), ["shown", "a b"]);
});

test("text directly in an open shadow root follows its host's visibility", () => {
  const w = load("<div id=shown></div><div id=hidden style='visibility:hidden'></div>");
  for (const id of ["shown", "hidden"]) w.document.getElementById(id).attachShadow({ mode: "open" }).append(`${id} text`);
  assert.deepEqual(texts(w), ["shown text"]);
});
