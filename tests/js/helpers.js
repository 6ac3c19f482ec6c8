// Loads the extension's plain scripts into a jsdom window, the way the browser loads content scripts.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");

const EXTENSION = path.resolve(__dirname, "../../extension");
const CONTENT_SCRIPTS = ["shared/settings.js", "shared/verdicts.js", "content/align.js", "content/collect.js", "content/anchor.js", "content/wrap.js",
  "content/styles.js", "content/card.js"];

/* jsdom lays nothing out, so it has neither innerText nor checkVisibility. These stand-ins follow the rules the
 * collector relies on, from jsdom's computed display and visibility: hidden text left out, whitespace collapsed, a
 * line break around block boxes and at <br>, a tab after a table cell. What real browsers do is checked in
 * Chromium (tests/e2e/test_collect_in_chromium.py). */
const NOT_RENDERED = new Set(["script", "style", "noscript", "template", "head", "title", "textarea", "input"]);

function addRendering(window) {
  const style = (el) => window.getComputedStyle(el);
  const parentOf = (el) => el.parentElement || (el.parentNode && el.parentNode.host) || null;
  function checkVisibility(options = {}) {
    for (let el = this; el; el = parentOf(el)) if (style(el).display === "none") return false;
    return !options.visibilityProperty || !["hidden", "collapse"].includes(style(this).visibility);
  }
  function innerText() {
    if (!this.checkVisibility()) return this.textContent;
    let out = "";
    const visit = (node) => {
      if (node.nodeType === 3) {
        if (style(node.parentElement).visibility === "visible") out += node.data.replace(/[ \t\n\r\f]+/g, " ");
        return;
      }
      if (node.nodeType !== 1 || NOT_RENDERED.has(node.localName)) return;
      const display = style(node).display;
      if (display === "none") return;
      if (node.localName === "br") out += "\n";
      const block = !["inline", "contents", ""].includes(display);
      if (block) out += "\n";
      for (const child of node.childNodes) visit(child);
      if (block) out += "\n";
      if (["td", "th"].includes(node.localName)) out += "\t";
    };
    for (const child of this.childNodes) visit(child);
    return out.replace(/ *\n[ \n]*/g, "\n").trim();
  }
  Object.defineProperty(window.HTMLElement.prototype, "innerText", { get: innerText, configurable: true });
  window.Element.prototype.checkVisibility = checkVisibility;
}

/** A jsdom window holding `html`, with Caveat's content-script modules loaded (window.Caveat). */
function load(html, scripts = CONTENT_SCRIPTS) {
  const dom = new JSDOM(html, { runScripts: "outside-only", url: "https://example.test/article" });
  addRendering(dom.window);
  for (const file of scripts) dom.window.eval(fs.readFileSync(path.join(EXTENSION, file), "utf8"));
  return dom.window;
}

/** The text of one collected block as the server would receive it, and the blocks themselves. */
function blocksOf(window, root = window.document) {
  return window.Caveat.collectBlocks(root);
}

module.exports = { load, blocksOf, EXTENSION };
