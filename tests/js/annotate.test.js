"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

const SCRIPTS = ["shared/settings.js", "content/align.js", "content/collect.js", "content/anchor.js", "content/wrap.js", "content/styles.js",
  "content/annotate.js"];

/** An Annotator whose server finds every `names` occurrence in the blocks it is sent. */
function annotator(w, names) {
  const send = async (texts) => {
    const highlights = [];
    texts.forEach((text, block) => {
      for (const name of names) {
        for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
          highlights.push({ block, start: i, end: i + name.length, exact: name, prefix: "", suffix: "",
            treatment: name.replace(/ /g, "-"), level: name === "kratom" ? "danger" : "warning",
            evidence: "unproven", risk: "high" });
        }
      }
    });
    return { highlights, treatments: {}, kb: { version: "test" } };
  };
  return new w.Caveat.Annotator({ send, quiet: (fn) => fn(), wanted: () => true });
}

test("marks carry the level, and only a highlight's first mark is focusable and described", async () => {
  const w = load("<p>Try <b>stem</b> cell therapy, then kratom.</p>", SCRIPTS);
  const a = annotator(w, ["stem cell therapy", "kratom"]);
  const batch = await a.annotate(w.document);
  assert.equal(batch.highlights, 2);
  const marks = Array.from(w.document.querySelectorAll("caveat-hl"));
  assert.deepEqual(marks.map((m) => [m.textContent, m.dataset.level, m.hasAttribute("data-first")]),
    [["stem", "warning", true], [" cell therapy", "warning", false], ["kratom", "danger", true]]);
  const [first, second, third] = marks;
  assert.equal(a.placedFor(first), a.placedFor(second));
  assert.notEqual(a.placedFor(first), a.placedFor(third));
  assert.equal(first.tabIndex, 0);
  assert.equal(first.getAttribute("role"), "button");
  assert.equal(first.getAttribute("aria-description"), "Caveat: unproven, high risk");
  assert.equal(second.hasAttribute("tabindex"), false);
  assert.equal(third.tabIndex, 0); // another treatment: a Tab stop of its own
  assert.equal(second.hasAttribute("aria-description"), false);
  assert.equal(a.placedFor(second).marks[0], first);
  assert.equal(w.document.querySelector("p").textContent, "Try stem cell therapy, then kratom.");
});

test("one Tab stop per treatment and level: its first mention at each level, across batches and removals", async () => {
  const w = load("<div id=b><p>stem cell therapy, then kratom</p></div><div id=c><p>kratom again and kratom</p></div>", SCRIPTS);
  const a = annotator(w, ["stem cell therapy", "kratom"]);
  await a.annotate(w.document.getElementById("c"));
  const stops = () => Array.from(a.live(), (p) => `${p.marks[0].parentElement.parentElement.id}:${p.treatment}:${p.marks[0].tabIndex}`);
  assert.deepEqual(stops(), ["c:kratom:0", "c:kratom:-1"]);
  await a.annotate(w.document.getElementById("b")); // an earlier mention arrives later: it becomes the stop
  assert.deepEqual(stops(), ["b:stem-cell-therapy:0", "b:kratom:0", "c:kratom:-1", "c:kratom:-1"]);
  a.clear([w.document.getElementById("b")]);
  assert.deepEqual(stops(), ["c:kratom:0", "c:kratom:-1"]);
  // a mention at another level is a stop of its own
  a.live()[1].level = "established";
  a.assignTabStops();
  assert.deepEqual(stops(), ["c:kratom:0", "c:kratom:0"]);
});

test("highlights stay in reading order across batches, and removed ones leave", async () => {
  const w = load("<div id=a><p>kratom here</p></div><div id=b><p>stem cell therapy there</p></div>", SCRIPTS);
  const a = annotator(w, ["stem cell therapy", "kratom"]);
  await a.annotate(w.document.getElementById("b"));
  await a.annotate(w.document.getElementById("a"));
  assert.deepEqual(Array.from(a.live(), (p) => p.treatment), ["kratom", "stem-cell-therapy"]);
  const gone = a.live()[0];
  w.document.getElementById("a").remove();
  assert.deepEqual(Array.from(a.live(), (p) => p.treatment), ["stem-cell-therapy"]);
  assert.equal(a.placedFor(gone.marks[0]), null);
});

test("text already inside a mark is not wrapped again", async () => {
  const w = load("<p id=p>kratom and kratom</p>", SCRIPTS);
  const a = annotator(w, ["kratom"]);
  await a.annotate(w.document);
  const again = await a.annotate(w.document.getElementById("p"));
  assert.equal(w.document.querySelectorAll("caveat-hl").length, 2);
  assert.equal(again.highlights, 2); // anchored, but the marks are there already
  assert.equal(a.live().length, 2);
});

test("a block is asked again when the page's title or headline changes, not otherwise", async () => {
  const w = load("<p id=p>She tried kratom.</p>", SCRIPTS);
  const asked = [];
  let context = { title: "Kratom for pain", headline: "", lang: "en" };
  const a = new w.Caveat.Annotator({
    send: async (texts, ctx) => {
      asked.push([texts.length, ctx.title]);
      return { highlights: [], treatments: {}, kb: { version: "test" } };
    },
    quiet: (fn) => fn(), wanted: () => true, context: () => context,
  });
  await a.annotate(w.document);
  await a.annotate(w.document);
  context = { ...context, title: "Kratom and opioid withdrawal" };
  await a.annotate(w.document);
  assert.deepEqual(asked, [[1, "Kratom for pain"], [1, "Kratom and opioid withdrawal"]]);
});

test("the summary counts each treatment's mentions by level and puts the most cautious first", async () => {
  const w = load("<p>calm kratom</p><p>sunscreen here</p><p>risky kratom</p>", SCRIPTS);
  const levels = { "calm kratom": "established", "risky kratom": "danger", sunscreen: "established" };
  const a = new w.Caveat.Annotator({
    send: async (texts) => {
      const highlights = [];
      texts.forEach((text, block) => {
        for (const [phrase, level] of Object.entries(levels)) {
          const i = text.indexOf(phrase);
          const name = phrase.replace(/^(calm|risky) /, "");
          if (i >= 0) highlights.push({ block, start: text.indexOf(name), end: text.indexOf(name) + name.length,
            exact: name, prefix: "", suffix: "", treatment: name, level, evidence: "unproven", risk: "high" });
        }
      });
      return { highlights, treatments: {}, kb: { version: "test" } };
    },
    quiet: (fn) => fn(), wanted: () => true,
  });
  await a.annotate(w.document);
  const summary = JSON.parse(JSON.stringify(a.summary().map((t) => [t.id, t.level, t.count, t.levels])));
  assert.deepEqual(summary, [["kratom", "danger", 2, { established: 1, danger: 1 }],
    ["sunscreen", "established", 1, { established: 1 }]]);
});
