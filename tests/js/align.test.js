"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

const { Caveat } = load("<p></p>", ["content/align.js"]);

/** Where each node's text was placed in `rendered`, as the rendered text there ("" for not placed). */
function placed(datas, rendered) {
  const { starts, ends } = Caveat.alignAll(datas, rendered);
  return datas.map((_, k) => (starts[k] < 0 ? "" : rendered.slice(starts[k], ends[k])));
}

test("text nodes line up with the rendered text, whitespace aside; hidden ones are left out", () => {
  const datas = ["\n  A ", "stem", "\n cell   therapy ", "hidden words", " story.", "   "];
  assert.deepEqual(placed(datas, "A stem cell therapy story."), ["A", "stem", "cell therapy", "", "story.", ""]);
  const aligned = Caveat.alignAll(datas, "A stem cell therapy story.");
  assert.deepEqual(Array.from(aligned.order), [0, 1, 2, 4]);
  assert.deepEqual([aligned.exact[1], aligned.exact[2]], [1, 0]); // "cell   therapy" was collapsed
  assert.equal(aligned.missed, 1);
  assert.equal(aligned.blank[4], -1);
});

test("case may differ (text-transform), and a whitespace-only node between two is remembered", () => {
  const aligned = Caveat.alignAll(["Stem", " ", "Cells"], "STEM CELLS");
  assert.deepEqual([aligned.starts[0], aligned.starts[2], aligned.blank[2]], [0, 5, 1]);
});

test("rendered text no node gives is skipped over, a little way only", () => {
  // an uppercase transform that changes a word's length: the node misses, the next finds its place further on
  assert.deepEqual(placed(["straße", " and kratom"], "STRASSE and kratom"), ["", "and kratom"]);
  const far = `${"x".repeat(300)} kratom`;
  assert.deepEqual(placed(["kratom"], far), [""]);
});

test("a node repeating the one before is not looked for further on, but noted as its twin", () => {
  const datas = ["Menu", "Menu", "News", "Menu"];
  const aligned = Caveat.alignAll(datas, "Menu News Menu");
  assert.deepEqual(Array.from(aligned.order), [0, 2, 3]);
  assert.deepEqual(Array.from(aligned.twins), [0, 1]);
  Caveat.movePlaces(aligned, datas, "Menu News Menu", [0], [1]); // when node 0 turns out hidden
  assert.deepEqual([aligned.starts[0], aligned.starts[1]], [-1, 0]);
  assert.deepEqual(Array.from(aligned.order), [1, 2, 3]);
});

test("a longer twin takes the place of a hidden shorter copy, re-matched to its own length", () => {
  const datas = ["Stem cell therapy", "Stem cell therapy for knees", "Clinics sell it."];
  const rendered = "Stem cell therapy for knees\nClinics sell it.";
  const aligned = Caveat.alignAll(datas, rendered);
  assert.deepEqual(Array.from(aligned.twins), [0, 1]);
  assert.equal(aligned.starts[2], rendered.indexOf("Clinics")); // the next line kept its own place
  Caveat.movePlaces(aligned, datas, rendered, [0], [1]);
  assert.deepEqual([aligned.starts[1], aligned.ends[1]], [0, "Stem cell therapy for knees".length]);
});

test("a place found further on is undone when the next node does not follow it", () => {
  // the heading is rendered uppercase, "ß" as "SS": its own words are not there, but the paragraph's are
  const datas = ["Weißdorn", "Weißdorn wird empfohlen."];
  const rendered = "WEISSDORN\nWeißdorn wird empfohlen.";
  assert.deepEqual(placed(datas, rendered), ["", "Weißdorn wird empfohlen."]);
});

test("offsetIn maps a rendered position back into a node whose whitespace was collapsed", () => {
  const data = "  colloidal \n\t  silver";
  const rendered = "x colloidal silver";
  const offset = (at) => Caveat.offsetIn(data, 2, data.length, rendered, 2, at);
  assert.equal(data.slice(offset(2), offset(11)), "colloidal");
  assert.equal(data.slice(offset(12), offset(18)), "silver");
  assert.equal(data.slice(offset(2), offset(18)), "colloidal \n\t  silver");
});

test("offsetIn resumed from an earlier answer gives what a walk from the start gives", () => {
  const data = "  a  b\n\n cc   ddd \t e  ";
  const rendered = "a b cc ddd e";
  const fresh = (at) => Caveat.offsetIn(data, 2, data.length - 2, rendered, 0, at);
  for (let from = 0; from <= rendered.length; from++) {
    for (let at = from; at <= rendered.length; at++) {
      assert.equal(Caveat.offsetIn(data, fresh(from), data.length - 2, rendered, from, at), fresh(at), `${from} -> ${at}`);
    }
  }
});
