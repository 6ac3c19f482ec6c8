// The maintainers' playground. Page text and KB text reach the DOM only through textContent, never as markup.
"use strict";

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "HEAD", "TITLE", "IFRAME", "OBJECT",
  "CANVAS", "INPUT", "TEXTAREA", "SELECT", "OPTION", "BUTTON", "DATALIST"]);
const BLOCKS = new Set(["ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "BR", "CAPTION", "CENTER", "DD",
  "DETAILS", "DIALOG", "DIR", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2",
  "H3", "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "HTML", "LI", "MAIN", "MENU", "NAV", "OL", "P", "PRE", "SECTION",
  "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL", "LEGEND"]);
const LEVEL_WORDS = {danger: "Danger", warning: "Warning", caution: "Caution", established: "Established"};

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

function textBlocks(text) {
  return text.split(/\n\s*\n/).map((b) => b.replace(/\s+/g, " ").trim()).filter(Boolean);
}

function renderBlock(text, highlights, onPick) {
  const p = el("p");
  let at = 0;
  for (const h of highlights) {
    if (h.start < at) continue;  // overlapping highlight: keep the first
    p.append(document.createTextNode(text.slice(at, h.start)));
    const mark = el("mark", `caveat caveat-${h.level}`, text.slice(h.start, h.end));
    mark.tabIndex = 0;
    mark.title = `${LEVEL_WORDS[h.level] || h.level}: evidence ${h.evidence}, risk ${h.risk}`;
    mark.addEventListener("click", () => onPick(h));
    mark.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(h); });
    p.append(mark);
    at = h.end;
  }
  p.append(document.createTextNode(text.slice(at)));
  return p;
}

function sourceLink(source) {
  const li = el("li");
  const label = `${source.title} — ${source.publisher}${source.year ? `, ${source.year}` : ""}`;
  if (typeof source.url === "string" && source.url.startsWith("https://")) {
    const a = el("a", null, label);
    a.href = source.url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    li.append(a);
  } else {
    li.textContent = label;
  }
  return li;
}

function section(title, ...children) {
  const s = el("section", "card-section");
  s.append(el("h4", null, title), ...children);
  return s;
}

function list(items, render) {
  const ul = el("ul");
  for (const item of items) ul.append(render(item));
  return ul;
}

// One treatment's card: the fields the extension's popover shows, verdict first.
function renderCard(card, highlight) {
  const level = highlight ? highlight.level : card.level;
  const box = el("div", `card card-${level}`);
  box.id = `card-${card.id}`;
  const head = el("div", "card-head");
  head.append(el("span", `badge badge-${level}`, LEVEL_WORDS[level] || level), el("h3", null, card.name));
  box.append(head, el("p", "muted", `${card.category} · evidence: ${card.evidence} · risk: ${card.risk}`));
  if (highlight && highlight.indication) {
    box.append(el("p", "indication", `For ${highlight.indication}: evidence ${highlight.evidence}, risk ${highlight.risk}`));
  }
  box.append(el("p", "summary", card.summary));
  if (card.details) box.append(el("p", null, card.details));
  if (card.indications && card.indications.length) {
    box.append(section("By condition", list(card.indications, (i) => {
      const li = el("li");
      li.append(el("strong", null, i.condition), document.createTextNode(
        ` — evidence ${i.evidence}, risk ${i.risk}. ${i.note || ""}`));
      return li;
    })));
  }
  const regulatory = Object.entries(card.regulatory || {});
  if (regulatory.length) {
    box.append(section("Regulators", list(regulatory, ([where, r]) => {
      const li = el("li");
      li.append(el("strong", null, where), document.createTextNode(`: ${r.note}`));
      return li;
    })));
  }
  if (card.risks && card.risks.length) box.append(section("Risks", list(card.risks, (r) => el("li", null, r))));
  if (card.cost) box.append(section("Cost", el("p", null, card.cost.note)));
  if (card.sources && card.sources.length) box.append(section("Sources", list(card.sources, sourceLink)));
  if (card.reviewed) box.append(el("p", "muted", `Reviewed ${card.reviewed}`));
  return box;
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
  const pick = (h) => {
    const target = document.getElementById(`card-${h.treatment}`);
    if (target) { target.scrollIntoView({block: "nearest"}); target.classList.add("picked"); }
  };
  blocks.forEach((text, index) => {
    const mine = result.highlights.filter((h) => h.block === index).sort((a, b) => a.start - b.start);
    for (const h of mine) firstHighlight[h.treatment] = firstHighlight[h.treatment] || h;
    article.append(renderBlock(text, mine, pick));
  });
  for (const [id, card] of Object.entries(result.treatments)) cards.append(renderCard(card, firstHighlight[id]));
  const n = result.highlights.length;
  const message = `${n} highlight${n === 1 ? "" : "s"}, ${Object.keys(result.treatments).length} treatment(s), ` +
    `KB ${result.kb.version}`;
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
  document.getElementById("run").addEventListener("click", run);
  document.getElementById("sample").addEventListener("change", loadSample);
  try {
    const kb = await api("/api/v1/kb");
    const problems = kb.errors.length ? ` — last reload failed: ${kb.errors.length} problem(s)` : "";
    document.getElementById("kb-status").textContent =
      `Knowledge base ${kb.version}: ${kb.entries} treatments, loaded ${kb.loaded_at}${problems}`;
  } catch (err) {
    document.getElementById("kb-status").textContent = `Could not read the knowledge base: ${err.message}`;
  }
  document.body.dataset.state = "ready";
}

init();
