"use strict";
// The background worker with a fake `chrome` and `fetch`: what it accepts from pages and what it sends.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { EXTENSION } = require("./helpers");

function worker({ settings = {}, local = {}, respond }) {
  const calls = []; // to the annotation endpoint
  const asked = []; // anything else: GET /api/v1/server
  const stored = { ...local };
  const listeners = [];
  const badge = {};
  const opened = [];
  const context = {
    URL, URLSearchParams, AbortController, Date, setTimeout, clearTimeout, console,
    chrome: {
      tabs: { create: async ({ url }) => { opened.push(url); }, onRemoved: { addListener() {} }, onUpdated: { addListener() {} } },
      runtime: { id: "caveat", getURL: (p) => `chrome-extension://caveat/${p}`, onMessage: { addListener: (f) => listeners.push(f) }, onInstalled: { addListener() {} } },
      storage: { sync: { get: async (defaults) => ({ ...defaults, ...settings }) },
        local: { get: async (defaults) => ({ ...defaults, ...stored }), set: async (items) => { Object.assign(stored, items); } } },
      action: {
        setBadgeText: async ({ text }) => { badge.text = text; },
        setBadgeBackgroundColor: async () => {},
        setTitle: async () => {},
      },
    },
    fetch: async (url, init) => {
      (url.endsWith("/api/v1/annotate") ? calls : asked).push({ url, init });
      return respond(url, init);
    },
  };
  context.globalThis = context;
  context.importScripts = (...files) => files.forEach((file) => vm.runInContext(fs.readFileSync(path.join(EXTENSION, file), "utf8"), context));
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(EXTENSION, "background.js"), "utf8"), context);
  const send = (message, sender = { id: "caveat", tab: { id: 7 } }) => new Promise((resolve) => {
    const async = listeners[0](message, sender, resolve);
    if (!async) resolve(undefined);
  });
  return { send, calls, asked, stored, badge, opened };
}

const OK = { kb: { version: "abc", entries: 1 }, highlights: [], treatments: {} };
const json = (status, body) => ({ ok: status < 400, status, json: async () => body });

test("sends only the blocks, to the configured server's fixed endpoint", async () => {
  const w = worker({ respond: () => json(200, OK) });
  const answer = await w.send({ type: "annotate", blocks: ["a", "b"], url: "https://evil.test/", method: "DELETE",
    headers: { Cookie: "x" } });
  assert.equal(answer.ok, true);
  assert.equal(w.calls.length, 1);
  assert.equal(w.calls[0].url, "http://127.0.0.1:8737/api/v1/annotate");
  assert.equal(w.calls[0].init.method, "POST");
  assert.deepEqual(JSON.parse(w.calls[0].init.body), { blocks: ["a", "b"] });
  assert.equal(w.calls[0].init.credentials, "omit");
  assert.deepEqual({ ...w.calls[0].init.headers }, { "Content-Type": "application/json" });
  assert.equal(answer.server, "http://127.0.0.1:8737"); // the popup names who answered
});

const SHARED = "https://caveat.example.org";
const TOKEN = "n3wsr00m-t0ken-0123456789";

test("an organisation's token goes to the shared server it was saved for, and never to the local one", async () => {
  const local = { accessTokens: { [SHARED]: TOKEN, "http://127.0.0.1:8737": TOKEN } };
  const shared = worker({ settings: { serverUrl: SHARED, consentedOrigins: [SHARED] }, local, respond: () => json(200, OK) });
  const answer = await shared.send({ type: "annotate", blocks: ["a"] });
  assert.equal(shared.calls[0].url, `${SHARED}/api/v1/annotate`);
  assert.equal(shared.calls[0].init.headers.Authorization, `Bearer ${TOKEN}`);
  assert.equal(answer.server, SHARED);
  const home = worker({ local, respond: () => json(200, OK) });
  await home.send({ type: "annotate", blocks: ["a"] });
  assert.equal(home.calls[0].init.headers.Authorization, undefined);
  const other = "https://other.example.org";
  const elsewhere = worker({ settings: { serverUrl: other, consentedOrigins: [other] }, local, respond: () => json(200, OK) });
  await elsewhere.send({ type: "annotate", blocks: ["a"] });
  assert.equal(elsewhere.calls[0].init.headers.Authorization, undefined);
});

test("a token the server does not know is explained: where to fix it, and what removing it means", async () => {
  const w = worker({ settings: { serverUrl: SHARED, consentedOrigins: [SHARED] }, local: { accessTokens: { [SHARED]: TOKEN } },
    respond: () => json(401, { error: { code: "invalid_token", message: "unknown access token: send ..." } }) });
  const answer = await w.send({ type: "annotate", blocks: ["a"] });
  assert.equal(answer.error.code, "invalid_token");
  assert.match(answer.error.message, /caveat\.example\.org does not accept the access token saved in Caveat's options/);
});

test("rejects anything but a list of strings, without calling the server", async () => {
  const w = worker({ respond: () => json(200, OK) });
  for (const blocks of [undefined, "text", [1, 2], [{ html: "<b>" }]]) {
    const answer = await w.send({ type: "annotate", blocks });
    assert.equal(answer.error.code, "bad_request");
  }
  assert.equal(w.calls.length, 0);
});

test("ignores messages from other extensions and unknown types", async () => {
  const w = worker({ respond: () => json(200, OK) });
  assert.equal(await w.send({ type: "annotate", blocks: ["a"] }, { id: "other", tab: { id: 1 } }), undefined);
  assert.equal(await w.send({ type: "fetch", url: "https://x.test" }), undefined);
  assert.equal(w.calls.length, 0);
});

test("server errors, unreachable servers and time-outs become readable problems", async () => {
  const refused = worker({ respond: () => { throw new TypeError("Failed to fetch"); } });
  const down = (await refused.send({ type: "annotate", blocks: ["a"] })).error;
  assert.equal(down.code, "unreachable");
  assert.equal(down.message, "Caveat cannot reach its server at http://127.0.0.1:8737. Is it running? Start it with "
    + '"caveat serve", or "make run" in a clone of Caveat.'); // it never said how it was installed: both ways
  const failing = worker({ respond: () => json(422, { error: { code: "invalid", message: "bad field" } }) });
  assert.match((await failing.send({ type: "annotate", blocks: ["a"] })).error.message, /bad field/);
  const slow = worker({ respond: () => { throw Object.assign(new Error("aborted"), { name: "AbortError" }); } });
  assert.match((await slow.send({ type: "annotate", blocks: ["a"] })).error.message, /did not answer within 5 seconds/);
});

test("a remote server without consent is never called", async () => {
  const w = worker({ settings: { serverUrl: "https://caveat.example.org" }, respond: () => json(200, OK) });
  assert.equal((await w.send({ type: "annotate", blocks: ["a"] })).error.code, "consent");
  assert.equal(w.calls.length, 0);
});

test("status messages set the badge: the count, or ! on error", async () => {
  const w = worker({ respond: () => json(200, OK) });
  await w.send({ type: "status", state: "ok", count: 3 });
  assert.equal(w.badge.text, "3");
  await w.send({ type: "status", state: "error", count: 0 });
  assert.equal(w.badge.text, "!");
});

test("the report page opens only for a well-formed treatment id", async () => {
  const w = worker({ respond: () => json(200, OK) });
  await w.send({ type: "report", treatment: "stem-cell-therapy", kb: "09165b347ffa" });
  await w.send({ type: "report", treatment: "javascript:alert(1)", kb: "" });
  await w.send({ type: "report", treatment: "x", kb: "<b>" });
  assert.deepEqual(w.opened, ["chrome-extension://caveat/report.html?treatment=stem-cell-therapy&kb=09165b347ffa"]);
});

test("sends the page's title, headline and language with the blocks, and refuses bad ones", async () => {
  const w = worker({ respond: () => json(200, OK) });
  const page = { title: "Back pain cured abroad", headline: "The clinic that fixed his back", lang: "en-GB" };
  assert.equal((await w.send({ type: "annotate", blocks: ["a"], page })).ok, true);
  assert.deepEqual(JSON.parse(w.calls[0].init.body), { blocks: ["a"], ...page });
  assert.equal((await w.send({ type: "annotate", blocks: ["a"], page: { title: "", lang: "" } })).ok, true);
  assert.deepEqual(JSON.parse(w.calls[1].init.body), { blocks: ["a"] });
  for (const bad of [{ title: 5 }, { headline: "x".repeat(1001) }, { lang: "en; DROP" }, "title", [1]]) {
    const answer = await w.send({ type: "annotate", blocks: ["a"], page: bad });
    assert.equal(answer.ok, false, JSON.stringify(bad));
    assert.equal(answer.error.code, "bad_request");
  }
  assert.equal(w.calls.length, 2);
});

const LOCAL = "http://127.0.0.1:8737";
const down = () => { throw new TypeError("Failed to fetch"); };

test("a server on this computer is asked once how it starts again, and the message when it is down names that", async () => {
  let up = true;
  const info = { name: "Caveat on this computer", start_command: "systemctl --user start caveat" };
  const w = worker({ respond: (url) => (url.endsWith("/api/v1/server") ? json(200, info) : up ? json(200, OK) : down()) });
  assert.equal((await w.send({ type: "annotate", blocks: ["a"] })).ok, true);
  assert.equal((await w.send({ type: "annotate", blocks: ["b"] })).ok, true);
  assert.deepEqual(w.asked.map((c) => [c.url, c.init.credentials]), [[`${LOCAL}/api/v1/server`, "omit"]]); // once
  for (let i = 0; i < 100 && !w.stored.startCommands; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual({ ...w.stored.startCommands }, { [LOCAL]: "systemctl --user start caveat" });
  up = false;
  assert.equal((await w.send({ type: "annotate", blocks: ["c"] })).error.message,
    `Caveat cannot reach its server at ${LOCAL}. Is it running? Start it with "systemctl --user start caveat".`);
});

test("a remembered command is shown as one line of text only; a shared server's advice names no command", async () => {
  const hostile = "<b>make</b> run\u202E\n\nrm -rf ~";
  const w = worker({ local: { startCommands: { [LOCAL]: hostile, "http://127.0.0.1:9000": "x".repeat(201) } }, respond: down });
  const { message } = (await w.send({ type: "annotate", blocks: ["a"] })).error;
  assert.equal(message, `Caveat cannot reach its server at ${LOCAL}. Is it running? Start it with "<b>make</b> run rm -rf ~".`);
  const long = worker({ settings: { serverUrl: "http://127.0.0.1:9000" }, local: w.stored, respond: down });
  assert.match((await long.send({ type: "annotate", blocks: ["a"] })).error.message, /Start it with "caveat serve", or "make run"/);
  const shared = worker({ settings: { serverUrl: SHARED, consentedOrigins: [SHARED] }, local: { startCommands: { [SHARED]: "x" } }, respond: down });
  assert.equal((await shared.send({ type: "annotate", blocks: ["a"] })).error.message,
    `Caveat cannot reach its server at ${SHARED}. It may be down, or the address in Caveat's options may be wrong.`);
});
