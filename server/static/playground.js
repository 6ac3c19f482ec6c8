// The maintainers' playground. Page text and KB text reach the DOM only through textContent, never as markup.
"use strict";

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "HEAD", "TITLE", "IFRAME", "OBJECT",
  "CANVAS", "INPUT", "TEXTAREA", "SELECT", "OPTION", "BUTTON", "DATALIST"]);
const BLOCKS = new Set(["ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "BR", "CAPTION", "CENTER", "DD",
  "DETAILS", "DIALOG", "DIR", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2",
  "H3", "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "HTML", "LI", "MAIN", "MENU", "NAV", "OL", "P", "PRE", "SECTION",
  "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL", "LEGEND"]);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// HTML -> visible text blocks, the way the extension walks a page. DOMParser builds an inert document: its
// scripts never run and its images never load.
function htmlBlocks(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const blocks = [];
  let current = "";
  const flush = () => {
    const text = current.replace(/\s+/g, " ").trim();
    if (text) blocks.push(text);
    current = "";
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        current += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName.toUpperCase();
        if (SKIP.has(tag) || child.hasAttribute("hidden")) continue;
        const block = BLOCKS.has(tag);
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(doc.documentElement);
  flush();
  return blocks;
}

function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function textBlocks(text) {
  return text.split(/\n\s*\n/).map((b) => b.replace(/\s+/g, " ").trim()).filter(Boolean);
}

// Offsets count Unicode code points, JavaScript strings count UTF-16 units: slice an array of code points.
function renderBlock(text, highlights, onPick, seen) {
  const chars = Array.from(text);
  const p = el("p");
  let at = 0;
  for (const h of highlights) {
    if (h.start < at) continue;  // overlapping highlight: keep the first
    p.append(document.createTextNode(chars.slice(at, h.start).join("")));
    const mark = el("caveat-hl", null, chars.slice(h.start, h.end).join(""));
    mark.dataset.level = h.level;
    mark.dataset.treatment = h.treatment;
    if (!seen.has(h.treatment)) mark.dataset.first = "";
    seen.add(h.treatment);
    mark.tabIndex = 0;
    mark.addEventListener("click", () => onPick(h));
    mark.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(h); });
    p.append(mark);
    at = h.end;
  }
  p.append(document.createTextNode(chars.slice(at).join("")));
  return p;
}

// The extension's own card (content/card.js, content/styles.js) in a shadow root, laid out in a column here
// instead of floating next to the word.
const PLAYGROUND_CARD_CSS = `.card { position: static; width: auto; max-height: none; box-shadow: none; }
.close, .dismiss, .report { display: none; }`;

function renderCard(card, highlight) {
  const host = el("div", "card-host");
  host.id = `card-${card.id}`;
  const shadow = host.attachShadow({mode: "open"});
  Caveat.adoptCss(shadow, Caveat.CARD_CSS + PLAYGROUND_CARD_CSS);
  const box = el("div", "card");
  box.style.setProperty("--level", Caveat.LEVEL_STYLE[highlight.level].color);
  box.append(Caveat.buildCard(document, {card, highlight, reportUrl: "#"}));
  shadow.append(box);
  return host;
}

async function api(path, body) {
  const init = body === undefined ? {} :
    {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)};
  const response = await fetch(path, init);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ? data.error.message : `HTTP ${response.status}`);
  return data;
}

function show(result, blocks) {
  const article = document.getElementById("article");
  const cards = document.getElementById("cards");
  article.replaceChildren();
  cards.replaceChildren();
  const firstHighlight = {};
  const seen = new Set();
  const pick = (h) => {
    for (const picked of cards.querySelectorAll(".picked")) picked.classList.remove("picked");
    const target = document.getElementById(`card-${h.treatment}`);
    if (target) { target.scrollIntoView({block: "nearest"}); target.classList.add("picked"); }
  };
  blocks.forEach((text, index) => {
    const mine = result.highlights.filter((h) => h.block === index).sort((a, b) => a.start - b.start);
    for (const h of mine) firstHighlight[h.treatment] = firstHighlight[h.treatment] || h;
    article.append(renderBlock(text, mine, pick, seen));
  });
  for (const [id, card] of Object.entries(result.treatments)) cards.append(renderCard(card, firstHighlight[id]));
  const message = `${count(result.highlights.length, "highlight")}, ` +
    `${count(Object.keys(result.treatments).length, "treatment")}, KB ${result.kb.version}`;
  document.getElementById("message").textContent = message;
  document.body.dataset.state = "done";
}

async function run() {
  const source = document.getElementById("source").value;
  const mode = document.querySelector("input[name=mode]:checked").value;
  const blocks = mode === "html" ? htmlBlocks(source) : textBlocks(source);
  document.body.dataset.state = "busy";
  try {
    show(await api("/api/v1/annotate", {blocks}), blocks);
  } catch (err) {
    document.getElementById("message").textContent = `Error: ${err.message}`;
    document.body.dataset.state = "error";
  }
}

async function loadSample() {
  const name = document.getElementById("sample").value;
  if (!name) return;
  const response = await fetch(`/samples/${encodeURIComponent(name)}`);
  document.getElementById("source").value = await response.text();
  document.querySelector("input[name=mode][value=html]").checked = true;
  await run();
}

async function init() {
  Caveat.adoptCss(document, Caveat.MARK_CSS);
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("sample").addEventListener("change", loadSample);
  try {
    const kb = await api("/api/v1/kb");
    const problems = kb.errors.length ? ` — last reload failed: ${kb.errors.length} problem(s)` : "";
    document.getElementById("kb-status").textContent =
      `Knowledge base ${kb.version}: ${count(kb.entries, "treatment")}, loaded ${kb.loaded_at}${problems}`;
  } catch (err) {
    document.getElementById("kb-status").textContent = `Could not read the knowledge base: ${err.message}`;
  }
  document.body.dataset.state = "ready";
}

init();
