// Loads the extension's plain scripts into a jsdom window, the way the browser loads content scripts.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");

const EXTENSION = path.resolve(__dirname, "../../extension");
const CONTENT_SCRIPTS = ["shared/settings.js", "content/collect.js", "content/anchor.js", "content/wrap.js",
  "content/styles.js", "content/card.js"];

/** A jsdom window holding `html`, with Caveat's content-script modules loaded (window.Caveat). */
function load(html, scripts = CONTENT_SCRIPTS) {
  const dom = new JSDOM(html, { runScripts: "outside-only", url: "https://example.test/article" });
  for (const file of scripts) dom.window.eval(fs.readFileSync(path.join(EXTENSION, file), "utf8"));
  return dom.window;
}

/** The text of one collected block as the server would receive it, and the blocks themselves. */
function blocksOf(window, root = window.document) {
  return window.Caveat.collectBlocks(root);
}

module.exports = { load, blocksOf, EXTENSION };
