"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

const XSS = '<img src=x onerror="globalThis.pwned=1">';

function card(overrides = {}) {
  return {
    id: "stem-cell-therapy", name: "Stem cell therapy", category: "regenerative", evidence: "unproven", risk: "high",
    level: "danger", summary: "Unproven outside a few blood cancers.", details: null,
    indications: [{ condition: "back pain", evidence: "unproven", risk: "high", level: "danger", note: "No good trials.", sources: ["a"] }],
    regulatory: { US: { note: "Not FDA-approved for this.", sources: ["a"] } },
    risks: ["Infection", "Tumours"], cost: { note: "$5,000 to $50,000", sources: ["a"] },
    sources: [
      { id: "a", title: "FDA warning", publisher: "FDA", url: "https://www.fda.gov/x", year: 2023 },
      { id: "b", title: "Plain http source", publisher: "Old site", url: "http://example.com/", year: 2010 },
      { id: "c", title: "Script source", publisher: "Bad", url: "javascript:alert(1)", year: 2020 },
    ],
    reviewed: "2026-11-01",
    ...overrides,
  };
}

const HIGHLIGHT = { treatment: "stem-cell-therapy", level: "danger", indication: "back pain", evidence: "unproven", risk: "high" };

function render(w, c = card(), h = HIGHLIGHT, extra = {}) {
  return w.Caveat.buildCard(w.document, { card: c, highlight: h, ...extra });
}

test("the card shows name, verdict for the indication, summary, regulators, risks, cost, sources, date", () => {
  const w = load("<p></p>");
  const text = render(w).textContent;
  for (const part of ["Stem cell therapy - for back pain: unproven", "Unproven outside a few blood cancers.",
    "No good trials.", "US: Not FDA-approved for this.", "Infection", "$5,000 to $50,000", "FDA warning",
    "Reviewed 2026-11-01", "Not medical advice", "Report a problem with this card", "Don't show Stem cell therapy again"]) {
    assert.ok(text.includes(part), part);
  }
});

test("without an indication the verdict is the default one", () => {
  const w = load("<p></p>");
  assert.equal(w.Caveat.verdictLine(card(), { ...HIGHLIGHT, indication: null, evidence: "unproven" }), "Stem cell therapy: unproven");
});

test("only https sources become links", () => {
  const w = load("<p></p>");
  const links = [...render(w).querySelectorAll("ol.sources a")].map((a) => a.getAttribute("href"));
  assert.deepEqual(links, ["https://www.fda.gov/x"]);
  assert.ok(render(w).textContent.includes("Plain http source"));
});

test("hostile strings from the KB or the page are shown as text, never parsed as HTML", () => {
  const w = load("<p></p>");
  const hostile = card({ name: XSS, summary: XSS, risks: [XSS], regulatory: { US: { note: XSS } },
    sources: [{ id: "a", title: XSS, publisher: XSS, url: "https://x.test/", year: 2020 }] });
  const el = render(w, hostile, { ...HIGHLIGHT, indication: XSS });
  w.document.body.appendChild(el);
  assert.equal(el.querySelector("img"), null);
  assert.equal(w.pwned, undefined);
  assert.ok(el.textContent.includes(XSS));
});

test("a page script's click() on dismiss, report or close does nothing (the reader's own clicks: e2e)", () => {
  const w = load("<p></p>");
  const calls = [];
  const el = render(w, card(), HIGHLIGHT, { onDismiss: (id) => calls.push(["dismiss", id]),
    onReport: (id) => calls.push(["report", id]), onClose: () => calls.push(["close"]) });
  el.querySelector("button.dismiss").click();
  el.querySelector("button.report").click();
  el.querySelector("button.close").dispatchEvent(new w.MouseEvent("click", { bubbles: true }));
  assert.deepEqual(calls, []);
});

test("a 'depends' card says no use is named and lists every use with its verdict", () => {
  const w = load("<p></p>");
  const uses = [
    { condition: "leukaemia", evidence: "established", risk: "high", level: "established", note: "Standard care.", sources: ["a"] },
    { condition: "back pain", evidence: "unproven", risk: "high", level: "danger", note: "No good trials.", sources: ["a"] },
  ];
  const body = render(w, card({ indications: uses }),
    { treatment: "stem-cell-therapy", level: "depends", indication: null, evidence: "unproven", risk: "high" });
  const text = body.textContent;
  assert.ok(text.includes("Stem cell therapy: depends on the use (no use named here)"), text);
  assert.ok(text.includes("It depends on the use"), text);
  const items = [...body.querySelectorAll("ul.uses li")].map((li) => li.textContent);
  assert.deepEqual(items, ["leukaemia: established · high risk → established", "back pain: unproven · high risk → danger"]);
});

test("a card for a named use does not list the other uses (it stays short)", () => {
  const w = load("<p></p>");
  const body = render(w);
  assert.equal(body.querySelector("ul.uses"), null);
  assert.ok(!body.textContent.includes("It depends on the use"));
});
