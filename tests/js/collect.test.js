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
