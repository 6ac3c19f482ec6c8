"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

// What text is collected, against real rendering, is tested in Chromium (tests/e2e/test_collect_in_chromium.py).

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

test("blockRootOf finds the nearest block box", () => {
  const w = load("<div id=d><p id=p>some <b id=b>bold</b> text</p></div>");
  const bold = w.document.getElementById("b").firstChild;
  assert.equal(w.Caveat.blockRootOf(bold).id, "p");
});

test("the rendered text is read once per tree, and never to find the block a change is in", () => {
  const w = load("<article><div><p id=p>some <b id=b>bold</b> text</p></div><p>more</p></article>");
  const proto = w.HTMLElement.prototype;
  const { get } = Object.getOwnPropertyDescriptor(proto, "innerText");
  const reads = [];
  Object.defineProperty(proto, "innerText", { get() { reads.push(this.localName); return get.call(this); }, configurable: true });
  w.Caveat.blockRootOf(w.document.getElementById("b").firstChild);
  assert.deepEqual(reads, []); // laying out and reading text to learn what an element is would cost a page's worth
  w.Caveat.collectBlocks(w.document);
  assert.deepEqual(reads, ["body"]);
});

test("elements holding prose that does not show are told, so the page can be watched for them to appear", () => {
  const w = load(`<p>shown</p><div style="display:none"><p id=a>a closed <b id=b>tab</b></p><p id=c>more</p></div>
    <nav hidden id=menu><a>menu</a></nav><pre style="display:none">code</pre>`);
  const hidden = [];
  const blocks = w.Caveat.collectBlocks(w.document, { onHidden: (el) => hidden.push(el.id) });
  assert.deepEqual(Array.from(blocks, (b) => b.text), ["shown"]);
  assert.deepEqual(hidden, ["menu", "a", "b", "c"]); // the code is not prose: nobody waits for it
  const panel = w.document.querySelector("div");
  hidden.length = 0;
  w.Caveat.collectBlocks(panel, { onHidden: (el) => hidden.push(el.localName) });
  assert.deepEqual(hidden, ["div"]); // a root that does not show at all
});

test("outermost keeps the changed regions no other one holds, in their order, walking up from each", () => {
  const w = load("<div id=a><p id=a1>one</p><p id=a2>two</p></div><p id=b>three</p><div id=host></div>");
  const shadow = w.document.getElementById("host").attachShadow({ mode: "open" });
  shadow.innerHTML = "<p id=s>in the shadow</p>";
  const byId = (id) => w.document.getElementById(id) || shadow.getElementById(id);
  const contains = w.Node.prototype.contains;
  let asked = 0;
  w.Node.prototype.contains = function (other) { asked += 1; return contains.call(this, other); };
  const nodes = ["a1", "b", "a", "a2", "s", "host"].map(byId);
  assert.deepEqual(w.Caveat.outermost(nodes).map((n) => n.id), ["b", "a", "s", "host"]); // a shadow root is a tree of its own
  const inside = w.Caveat.insideAny([byId("a")]);
  assert.deepEqual([byId("a2").firstChild, byId("a"), byId("b")].map(inside), [true, true, false]);
  assert.equal(asked, 0); // no node is compared with every other: 19,000 changed paragraphs made that 19,000 squared calls
});
