"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { load } = require("./helpers");

const XSS = '<img src=x onerror="globalThis.pwned=1">';
const REPO = path.resolve(__dirname, "../..");

function card(overrides = {}) {
  return {
    id: "stem-cell-therapy", name: "Stem cell therapy", category: "regenerative", evidence: "unproven", risk: "high",
    level: "danger", summary: "Unproven outside a few blood cancers.", details: null,
    indications: [
      { condition: "back pain", evidence: "unproven", risk: "high", level: "danger", note: "No good trials.", sources: ["a"] },
      { condition: "leukaemia", evidence: "established", risk: "high", level: "established", note: "Standard care.", sources: ["a"] },
    ],
    regulatory: { US: { note: "Not FDA-approved for this.", sources: ["a"], status: "approved-other-uses" },
      EU: { note: "Warned against.", sources: ["a"], status: "not-approved" },
      UK: { note: "Not licensed.", sources: ["a"], status: "not-approved" },
      WHO: { note: "A WHO note.", sources: ["a"], status: "warning-issued" } },
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

const text = (node, selector) => node.querySelector(selector).textContent;

test("the first line is the verdict for this use: evidence, risk and what regulators decided (from status data)", () => {
  const w = load("<p></p>");
  const body = render(w);
  assert.equal(text(body, ".badge"), "Danger");
  assert.equal(text(body, ".headline"), "Unproven for back pain · high risk · not approved for this use in the US,"
    + " the EU or the UK");
  assert.equal(text(body, ".summary"), "No good trials."); // the note about this use, not the general summary
  assert.equal(text(body, ".why"), "Danger: no good evidence it works; high risk of harm.");
  assert.ok(!text(body, ".headline").includes("Stem cell therapy")); // the name is above, not repeated
});

test("sources count, review date and Report a problem come before every section a reader opens", () => {
  const w = load("<p></p>");
  const body = render(w);
  const meta = body.querySelector(".meta");
  assert.equal(meta.textContent, "3 sources · reviewed 2026-11-01 · Report a problem");
  assert.ok(meta.compareDocumentPosition(body.querySelector("details")) & w.Node.DOCUMENT_POSITION_FOLLOWING);
  const sections = [...body.querySelectorAll("details")].map((d) => [d.querySelector("summary").textContent, d.open]);
  assert.deepEqual(sections, [["Other uses and their verdicts", false], ["About Stem cell therapy", false],
    ["What regulators say", false], ["Main risks", false], ["Typical cost", false], ["Sources (3)", false],
    ["How verdicts are chosen", false]]);
  const all = body.textContent;
  for (const part of ["US: Not FDA-approved for this.", "Infection", "$5,000 to $50,000", "FDA warning",
    "Unproven outside a few blood cancers.", "Not medical advice", "Don't show Stem cell therapy again"]) {
    assert.ok(all.includes(part), part);
  }
});

test("an entry with no regulator's statement says so in its regulators section", () => {
  const w = load("<p></p>");
  const body = render(w, card({ regulatory: {} }));
  const section = [...body.querySelectorAll("details")].find((d) => d.querySelector("summary").textContent === "What regulators say");
  assert.ok(section && section.textContent.includes("found no regulator's statement"));
});

test("regulators are named in the first line only on a card for the entry's own verdict", () => {
  const w = load("<p></p>");
  const leukaemia = { ...HIGHLIGHT, level: "established", indication: "leukaemia", evidence: "established" };
  assert.equal(w.Caveat.verdictLine(card(), leukaemia), "Established for leukaemia · high risk");
  const banned = card({ regulatory: { CA: { note: "x", sources: [], status: "banned-or-restricted" },
    US: { note: "y", sources: [], status: "warning-issued" }, EU: { note: "z", sources: [], status: "warning-issued" } } });
  assert.equal(w.Caveat.verdictLine(banned, HIGHLIGHT),
    "Unproven for back pain · high risk · banned or restricted in Canada · official warnings in the US and the EU");
});

test("without a named use the card says so", () => {
  const w = load("<p></p>");
  assert.equal(w.Caveat.verdictLine(card({ regulatory: {} }), { ...HIGHLIGHT, indication: null }),
    "Unproven (no use named here; every use it is known for rates the same) · high risk");
});

test("only https sources become links", () => {
  const w = load("<p></p>");
  const links = [...render(w).querySelectorAll("ol.sources a")].map((a) => a.getAttribute("href"));
  assert.deepEqual(links, ["https://www.fda.gov/x"]);
  assert.ok(render(w).textContent.includes("Plain http source"));
});

test("hostile strings from the KB or the page are shown as text, never parsed as HTML", () => {
  const w = load("<p></p>");
  const hostile = card({ name: XSS, summary: XSS, risks: [XSS], regulatory: { US: { note: XSS, status: XSS } },
    indications: [{ condition: XSS, evidence: "unproven", risk: "high", level: "danger", note: XSS }],
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

test("a 'depends' card says no use is named and opens the list of every use with its verdict", () => {
  const w = load("<p></p>");
  const body = render(w, card(), { ...HIGHLIGHT, level: "depends", indication: null });
  assert.equal(text(body, ".badge"), "Depends on the use");
  assert.equal(text(body, ".headline"), "No use named here · its uses have different verdicts");
  const uses = body.querySelector("details");
  assert.equal(uses.querySelector("summary").textContent, "Each use and its verdict");
  assert.ok(uses.open);
  assert.deepEqual([...uses.querySelectorAll("li")].map((li) => li.textContent),
    ["Danger back pain: unproven, high risk", "Established leukaemia: established, high risk"]);
});

/* ---- the wording table: every evidence x risk pair ---- */

const EVIDENCE = ["established", "promising", "limited", "unproven", "disproven"];
const RISKS = ["low", "moderate", "high", "severe"];

/** The card's opening for one pair, as a row of the table in docs/extension.md. */
function row(w, evidence, risk) {
  const level = w.Caveat.levelFor(evidence, risk);
  const body = render(w, card({ evidence, risk, regulatory: {} }), { ...HIGHLIGHT, level, evidence, risk });
  return `| ${evidence} | ${risk} | ${text(body, ".badge")} | ${text(body, ".headline")} | ${text(body, ".why")} |`;
}

test("the card's wording for every evidence x risk pair is the table in docs/extension.md", () => {
  const w = load("<p></p>");
  const docs = fs.readFileSync(path.join(REPO, "docs/extension.md"), "utf8");
  const rows = EVIDENCE.flatMap((e) => RISKS.map((r) => row(w, e, r)));
  assert.equal(rows.length, 20);
  for (const line of rows) assert.ok(docs.includes(line), `docs/extension.md lacks:\n${line}`);
});

test("level and evidence words never contradict: the why line names the level, the evidence and the risk", () => {
  const w = load("<p></p>");
  // one evidence word whatever the level: two levels for the same evidence differ by the risk shown beside it
  for (const evidence of EVIDENCE) assert.equal(new Set(RISKS.map((r) => w.Caveat.wording(evidence, r).head)).size, 1);
  for (const evidence of EVIDENCE) {
    for (const risk of RISKS) {
      const level = w.Caveat.levelFor(evidence, risk);
      const words = w.Caveat.wording(evidence, risk);
      assert.ok(words.why.startsWith(`${w.Caveat.LEVEL_WORDS[level].label}: `), words.why);
      assert.ok(words.why.includes(`${risk} risk`), words.why); // same evidence, other level: the risk says why
      // "Established" in the first line exactly when the level is established; a calmer level never says more
      assert.equal(words.head === "Established", level === "established", `${evidence}/${risk}: ${words.head}`);
    }
  }
});

test("the level matrix is annotator/levels.py's", () => {
  const w = load("<p></p>");
  const python = fs.readFileSync(path.join(REPO, "annotator/levels.py"), "utf8");
  for (const evidence of EVIDENCE) {
    const line = python.match(new RegExp(`"${evidence}": \\(([^)]*)\\)`))[1];
    assert.deepEqual(line.split(",").map((s) => s.trim().replace(/"/g, "")), RISKS.map((r) => w.Caveat.levelFor(evidence, r)));
  }
});

test.after(() => {
  if (process.env.CAVEAT_PRINT_WORDING) {
    const w = load("<p></p>");
    console.log(EVIDENCE.flatMap((e) => RISKS.map((r) => row(w, e, r))).join("\n"));
  }
});
