"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, blocksOf } = require("./helpers");

/** A highlight as the server sends it: code-point offsets into the block plus the quote. */
function highlight(text, exact, { nth = 0, prefixLen = 32, suffixLen = 32 } = {}) {
  const cps = Array.from(text);
  let from = -1;
  for (let i = 0; i <= nth; i++) from = text.indexOf(exact, from + 1);
  const start = Array.from(text.slice(0, from)).length;
  const end = start + Array.from(exact).length;
  return { exact, start, end, prefix: cps.slice(Math.max(0, start - prefixLen), start).join(""),
    suffix: cps.slice(end, end + suffixLen).join("") };
}

function rangeText(w, block, h) {
  const anchored = w.Caveat.anchorHighlight(block, h);
  return anchored && w.Caveat.rangeOf(anchored.pieces).toString();
}

test("code points become UTF-16 offsets past emoji", () => {
  const w = load("<p></p>");
  assert.equal(w.Caveat.cpToUtf16("abc", 2), 2);
  assert.equal(w.Caveat.cpToUtf16("😀🎉 x", 3), 5);
  assert.equal(w.Caveat.cpToUtf16("😀", 1), 2);
  assert.equal(w.Caveat.cpToUtf16("\ud83d stem", 3), 3); // a lone high surrogate is one code point, as in Python
});

test("anchors across element boundaries", () => {
  const w = load("<p>Her <b>stem</b> cell <i>thera</i>py failed.</p>");
  const [block] = blocksOf(w);
  const h = highlight(block.text, "stem cell therapy");
  assert.equal(rangeText(w, block, h), "stem cell therapy");
  assert.equal(w.Caveat.anchorHighlight(block, h).pieces.length, 4);
});

test("anchors after emoji and entities, with odd whitespace inside the match", () => {
  const w = load("<p>😀🎉 Wow &amp; wow: my aunt swears by&nbsp;colloidal \n\t  silver for colds.</p>");
  const [block] = blocksOf(w);
  assert.equal(block.text, "😀🎉 Wow & wow: my aunt swears by colloidal silver for colds.");
  const h = highlight(block.text, "colloidal silver");
  assert.equal(h.start, 32); // code points, not UTF-16 units
  assert.equal(rangeText(w, block, h), "colloidal \n\t  silver");
});

test("wrong offsets fall back to the quote, and prefix and suffix pick the right occurrence", () => {
  const w = load("<p>kratom is sold here; they say kratom is safe; kratom again</p>");
  const [block] = blocksOf(w);
  const h = { ...highlight(block.text, "kratom", { nth: 1 }), start: 0, end: 3 };
  const anchored = w.Caveat.anchorHighlight(block, h);
  assert.equal(anchored.start, block.text.indexOf("kratom", 1));
});

test("findQuote prefers context over nearness and returns -1 when absent", () => {
  const w = load("<p></p>");
  const text = "aa X bb X cc X";
  assert.equal(w.Caveat.findQuote(text, { exact: "X", prefix: "bb ", suffix: " cc" }, 0), 8);
  assert.equal(w.Caveat.findQuote(text, { exact: "X" }, 13), 13);
  assert.equal(w.Caveat.findQuote(text, { exact: "Y" }, 0), -1);
});

test("a highlight whose quote is not in the block is dropped, not guessed", () => {
  const w = load("<p>nothing relevant</p>");
  const [block] = blocksOf(w);
  assert.equal(w.Caveat.anchorHighlight(block, { exact: "ivermectin", start: 0, end: 10, prefix: "", suffix: "" }), null);
});
