"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

const C = load("<p></p>", ["shared/settings.js"]).Caveat;

test("loopback addresses are recognised; others are not", () => {
  for (const url of ["http://127.0.0.1:8737", "http://localhost:1", "http://[::1]:8737", "http://127.1.2.3/"]) {
    assert.equal(C.isLoopbackUrl(url), true, url);
  }
  for (const url of ["http://192.168.1.2:8737", "https://caveat.example.org", "http://127.0.0.1.evil.test/", "nonsense"]) {
    assert.equal(C.isLoopbackUrl(url), false, url);
  }
});

test("server addresses: origin only, http(s) only, no credentials", () => {
  assert.deepEqual({ ...C.parseServerUrl(" http://127.0.0.1:8737/ ") }, { origin: "http://127.0.0.1:8737" });
  assert.match(C.parseServerUrl("ftp://x").error, /http/);
  assert.match(C.parseServerUrl("http://u:p@127.0.0.1").error, /password/);
  assert.match(C.parseServerUrl("http://127.0.0.1:8737/api").error, /path/);
  assert.match(C.parseServerUrl("not a url").error, /not a URL/);
});

test("blocked sites cover their subdomains and www", () => {
  assert.equal(C.siteBlocked("mail.google.com", C.DEFAULT_BLOCKED_SITES), true);
  assert.equal(C.siteBlocked("www.chase.com", C.DEFAULT_BLOCKED_SITES), true);
  assert.equal(C.siteBlocked("secure.chase.com", C.DEFAULT_BLOCKED_SITES), true);
  assert.equal(C.siteBlocked("news.example.com", C.DEFAULT_BLOCKED_SITES), false);
  assert.equal(C.siteBlocked("notchase.com", C.DEFAULT_BLOCKED_SITES), false);
});

test("page text goes to a remote server only after consent", () => {
  const base = { ...C.DEFAULTS, serverUrl: "https://caveat.example.org" };
  assert.equal(C.serverAllowed(base), false);
  assert.equal(C.serverAllowed({ ...base, consentedOrigins: ["https://caveat.example.org"] }), true);
  assert.equal(C.serverAllowed({ ...C.DEFAULTS }), true);
});

test("a level added since the reader saved their level filter is shown, and their choices are kept", async () => {
  const w = load("<p></p>", ["shared/settings.js"]);
  const saved = { levels: ["danger", "warning"], levelsKnown: ["danger", "warning", "caution", "established"] };
  w.chrome = { storage: { sync: { get: async (defaults) => ({ ...defaults, ...saved }) } } };
  const settings = await w.Caveat.loadSettings();
  assert.deepEqual([...settings.levels], ["danger", "warning", "depends"]);
  saved.levelsKnown = [...w.Caveat.LEVELS];
  saved.levels = ["danger"];
  assert.deepEqual([...(await w.Caveat.loadSettings()).levels], ["danger"]);
});
