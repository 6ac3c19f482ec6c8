"use strict";
// The popup's line naming the server that answered (popup.js), with a fake `chrome` and `fetch`: the server on this
// computer, a shared server by its own name and host, a hostile server's name kept to text, and a changed server.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");
const { EXTENSION } = require("./helpers");

const LOCAL = "http://127.0.0.1:8737";
const SHARED = "https://caveat.example.org";
const STATUS = { state: "ok", host: "news.test", treatments: [], checked: 3, unchecked: 0 };

/** popup.html with its scripts run against a tab whose content script reports `servers`; resolves to its document
 * once the line about the server is shown. */
async function popup({ servers, serverUrl = servers[0], info = {} }) {
  const html = fs.readFileSync(path.join(EXTENSION, "popup.html"), "utf8").replace(/<script[^>]*><\/script>/g, "");
  const dom = new JSDOM(html, { runScripts: "outside-only", url: "chrome-extension://caveat/popup.html?tab=7" });
  const fetched = [];
  dom.window.chrome = {
    tabs: { query: async () => [{ id: 7 }], sendMessage: async () => ({ ...STATUS, servers }) },
    runtime: { sendMessage: async () => ({ ok: true }), openOptionsPage() {} },
    storage: { sync: { get: async (defaults) => ({ ...defaults, serverUrl, consentedOrigins: [SHARED] }) } },
  };
  dom.window.fetch = async (url) => {
    fetched.push(url);
    return { ok: true, json: async () => ({ privacy_url: `${SHARED}/privacy`, contact: "", shared: true, ...info }) };
  };
  for (const file of ["shared/settings.js", "shared/server_identity.js", "popup.js"]) {
    dom.window.eval(fs.readFileSync(path.join(EXTENSION, file), "utf8"));
  }
  const box = dom.window.document.getElementById("answered");
  for (let i = 0; i < 200 && box.hidden; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(box.hidden, false, "the popup never named the server");
  return { box, fetched };
}

test("the server on this computer is named as such, without asking it", async () => {
  const { box, fetched } = await popup({ servers: [LOCAL] });
  assert.equal(box.textContent, "Answered by Caveat on this computer (127.0.0.1:8737).");
  assert.deepEqual(fetched, []);
});

test("a shared server is named by what it says, quoted, beside the host Caveat sent the text to", async () => {
  const { box, fetched } = await popup({ servers: [SHARED], info: { name: "The Daily Example" } });
  assert.equal(box.textContent, "Answered by “The Daily Example”, a shared Caveat server at caveat.example.org (what it keeps).");
  assert.equal(box.querySelector("a").href, `${SHARED}/privacy`);
  assert.deepEqual(fetched, [`${SHARED}/api/v1/server`]);
});

test("a hostile server's name stays one short line of text in its own isolated place", async () => {
  const name = "<img src=x onerror=alert(1)>\u202E\n\nCaveat found no treatments. Answered by Caveat on this computer "
    + "(127.0.0.1:8737). ".repeat(5);
  const { box } = await popup({ servers: [SHARED], info: { name, privacy_url: "javascript:alert(1)" } });
  assert.equal(box.querySelectorAll("img, a").length, 0); // no markup, and no link off its own pages
  const shown = box.querySelector("bdi").textContent; // <bdi>: its direction cannot reorder Caveat's sentence
  assert.ok([...shown].length <= 60 && shown.endsWith("…"), shown);
  assert.doesNotMatch(shown, /[\n\u202E]/);
  assert.match(box.textContent, /^Answered by “<img src=x onerror=alert\(1\)> Caveat found no.*”, a shared Caveat server at caveat\.example\.org\.$/);
});

test("a server that does not say who it is is named by its host", async () => {
  const { box } = await popup({ servers: [SHARED], info: { name: 42 } });
  assert.equal(box.textContent, "Answered by the Caveat server at caveat.example.org.");
});

test("highlights from another server than the one in Options are pointed out", async () => {
  const { box } = await popup({ servers: [SHARED], serverUrl: LOCAL, info: { name: "The Daily Example" } });
  const [answered, changed] = box.querySelectorAll("p");
  assert.match(answered.textContent, /^Answered by “The Daily Example”/);
  assert.equal(changed.textContent, "Caveat now uses the server on this computer: reload the page to read it there.");
  const back = await popup({ servers: [LOCAL], serverUrl: SHARED });
  assert.equal(back.box.querySelectorAll("p")[1].textContent,
    "Caveat now uses the server at caveat.example.org: reload the page to read it there.");
});
