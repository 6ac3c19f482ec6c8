// The maintainers' playground. Page text and KB text reach the DOM only through textContent, never as markup.
"use strict";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// The text the offsets count in, as paragraphs (blank lines between them, as the annotator writes them), with a
// <caveat-hl> per highlight. Offsets count Unicode code points, JavaScript strings count UTF-16 units: slice an
// array of code points.
function renderText(text, highlights, onPick) {
  const chars = Array.from(text);
  const paragraphs = [el("p")];
  const seen = new Set();
  const addText = (from, to) => {
    chars.slice(from, to).join("").split(/\n\s*\n/).forEach((part, i) => {
      if (i > 0) paragraphs.push(el("p"));
      paragraphs[paragraphs.length - 1].append(document.createTextNode(part));
    });
  };
  let at = 0;
  for (const h of highlights) {
    if (h.start < at) continue;  // overlapping highlight: keep the first
    addText(at, h.start);
    paragraphs[paragraphs.length - 1].append(renderMark(h, chars.slice(h.start, h.end).join(""), onPick, seen));
    at = h.end;
  }
  addText(at, chars.length);
  return paragraphs.filter((p) => p.childNodes.length && p.textContent.trim());
}

function renderMark(h, exact, onPick, seen) {
  const mark = el("caveat-hl", null, exact);
  mark.dataset.level = h.level;
  mark.dataset.treatment = h.treatment;
  if (!seen.has(h.treatment)) mark.dataset.first = "";
  seen.add(h.treatment);
  mark.tabIndex = 0;
  mark.addEventListener("click", () => onPick(h));
  mark.addEventListener("keydown", (e) => { if (e.key === "Enter") onPick(h); });
  return mark;
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

// `text` is what the offsets count in: the server's extracted text for a page, the pasted text itself otherwise.
function show(result, text) {
  const cards = document.getElementById("cards");
  cards.replaceChildren();
  const firstHighlight = {};
  const pick = (h) => {
    for (const picked of cards.querySelectorAll(".picked")) picked.classList.remove("picked");
    const target = document.getElementById(`card-${h.treatment}`);
    if (target) { target.scrollIntoView({block: "nearest"}); target.classList.add("picked"); }
  };
  for (const h of result.highlights) firstHighlight[h.treatment] = firstHighlight[h.treatment] || h;
  document.getElementById("article").replaceChildren(...renderText(text, result.highlights, pick));
  for (const [id, card] of Object.entries(result.treatments)) cards.append(renderCard(card, firstHighlight[id]));
  const message = `${count(result.highlights.length, "highlight")}, ` +
    `${count(Object.keys(result.treatments).length, "treatment")}, KB ${result.kb.version}`;
  document.getElementById("message").textContent = message;
  document.body.dataset.state = "done";
}

// The server extracts a page's text (the same code as `caveat annotate`) and sends it back with the offsets.
async function run() {
  const source = document.getElementById("source").value;
  const mode = document.querySelector("input[name=mode]:checked").value;
  document.body.dataset.state = "busy";
  try {
    const result = await api("/api/v1/annotate", {[mode]: source});
    show(result, mode === "html" ? result.text : source);
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
