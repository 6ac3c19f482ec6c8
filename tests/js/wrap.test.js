"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, blocksOf } = require("./helpers");

function wrapAll(w, exacts) {
  const wrapper = new w.Caveat.Wrapper();
  const [block] = blocksOf(w);
  const jobs = exacts.map((exact) => {
    const start = block.text.indexOf(exact);
    return w.Caveat.piecesFor(block, start, start + exact.length);
  });
  const marks = [];
  for (let i = jobs.length - 1; i >= 0; i--) marks.unshift(wrapper.wrap(jobs[i])); // last to first
  return { wrapper, marks };
}

test("wrapping keeps the text identical and the page's own text node in place", () => {
  const w = load("<p id=p>Try stem cell therapy and ozone therapy today.</p>");
  const p = w.document.getElementById("p");
  const original = p.firstChild;
  const { wrapper, marks } = wrapAll(w, ["stem cell therapy", "ozone therapy"]);
  assert.equal(p.textContent, "Try stem cell therapy and ozone therapy today.");
  assert.deepEqual(marks.map((m) => m[0].textContent), ["stem cell therapy", "ozone therapy"]);
  assert.equal(p.firstChild, original);
  assert.equal(original.data, "Try ");
  wrapper.restoreAll();
  assert.equal(p.childNodes.length, 1);
  assert.equal(p.firstChild, original);
  assert.equal(original.data, "Try stem cell therapy and ozone therapy today.");
});

test("a highlight split by tags gets one mark per text node, and undo restores the markup", () => {
  const w = load("<p id=p>A <b>stem</b> cell therapy</p>");
  const p = w.document.getElementById("p");
  const before = p.innerHTML;
  const { wrapper, marks } = wrapAll(w, ["stem cell therapy"]);
  assert.equal(marks[0].length, 2);
  assert.equal(p.querySelector("b caveat-hl").textContent, "stem");
  wrapper.restoreAll();
  assert.equal(p.innerHTML, before);
});

test("a highlight at the very start leaves the page's node in place, empty", () => {
  const w = load("<p id=p>kratom sellers</p>");
  const p = w.document.getElementById("p");
  const original = p.firstChild;
  wrapAll(w, ["kratom"]);
  assert.equal(p.firstChild, original);
  assert.equal(original.data, "");
  assert.equal(p.textContent, "kratom sellers");
});

test("when the page rewrites its text node, Caveat's stale pieces are discarded", () => {
  const w = load("<p id=p>Version one: ivermectin here.</p>");
  const p = w.document.getElementById("p");
  const original = p.firstChild;
  const { wrapper } = wrapAll(w, ["ivermectin"]);
  original.nodeValue = "Version two: nothing.";
  assert.ok(wrapper.hasPieces(original));
  wrapper.discard(original);
  assert.equal(p.textContent, "Version two: nothing.");
  assert.equal(p.querySelector("caveat-hl"), null);
});

test("unwrapping one mark keeps its text in place", () => {
  const w = load("<p id=p>a kratom b</p>");
  const p = w.document.getElementById("p");
  const { wrapper, marks } = wrapAll(w, ["kratom"]);
  wrapper.unwrapMark(marks[0][0]);
  assert.equal(p.querySelector("caveat-hl"), null);
  assert.equal(p.textContent, "a kratom b");
  wrapper.restoreAll();
  assert.equal(p.childNodes.length, 1);
});

test("wrap takes the caller's detached marks and says which one is first", () => {
  const w = load("<p id=p>A <b>stem</b> cell therapy</p>");
  const [block] = blocksOf(w);
  const start = block.text.indexOf("stem");
  const pieces = w.Caveat.piecesFor(block, start - 1, start + "stem cell therapy".length); // starts on a space
  pieces[0].start = pieces[0].end; // an empty first piece gets no mark
  const made = [];
  const marks = new w.Caveat.Wrapper().wrap(pieces, (first) => {
    const mark = w.document.createElement("caveat-hl");
    made.push([mark.isConnected, first]);
    if (first) mark.setAttribute("data-first", "");
    return mark;
  });
  assert.deepEqual(made, [[false, false], [false, true]]); // made last to first, before entering the page
  assert.deepEqual(Array.from(marks, (m) => [m.textContent, m.hasAttribute("data-first")]), [["stem", true], [" cell therapy", false]]);
});
