"use strict";
// What a server says about itself, as the options page and the popup show it, and which server answered a page.
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

const window = load("<p></p>", ["shared/settings.js", "shared/server_identity.js"]);
const C = window.Caveat;
const SHARED = "https://caveat.example.org";

test("a server's name is one short line: no controls, line breaks, bidi or zero-width characters", () => {
  assert.equal(C.cleanText("  The Daily\n\tExample  ", 60), "The Daily Example");
  assert.equal(C.cleanText("Evil\u202Eelpmaxe\u2066 x\u200B\u0000y", 60), "Evil elpmaxe x y");
  assert.equal(C.cleanText("Caveat found 0 treatments\u2028Answered by Caveat on this computer", 60).includes("\u2028"), false);
  const long = C.cleanText("N".repeat(500), 60);
  assert.equal([...long].length, 60);
  assert.ok(long.endsWith("…"));
  assert.equal([...C.cleanText("😀".repeat(100), 10)].length, 10); // counted in characters, never half a pair
  for (const notText of [undefined, null, 5, { toString: () => "x" }, ["x"]]) assert.equal(C.cleanText(notText, 60), "");
});

test("the identity keeps a privacy link only to a page of the same server", () => {
  const info = { name: "The Daily Example", contact: "caveat@daily.example", privacy_url: `${SHARED}/privacy` };
  assert.deepEqual({ ...C.identity(SHARED, info) },
    { name: "The Daily Example", contact: "caveat@daily.example", privacyUrl: `${SHARED}/privacy` });
  for (const elsewhere of ["https://evil.example/privacy", "javascript:alert(1)", "http://caveat.example.org/privacy",
    "data:text/html,<b>x</b>", 42]) {
    assert.equal(C.identity(SHARED, { ...info, privacy_url: elsewhere }).privacyUrl, null, String(elsewhere));
  }
  assert.equal(C.identity(SHARED, { ...info, privacy_url: "/privacy" }).privacyUrl, `${SHARED}/privacy`);
  assert.equal(C.identity(SHARED, { name: "\u200B \n" }), null); // no name: nothing to show
  assert.equal(C.identity(SHARED, null), null);
  assert.equal(C.identity(SHARED, { name: "<img src=x onerror=alert(1)>" }).name, "<img src=x onerror=alert(1)>"); // text, shown as text
});

test("which servers answered, whether on this computer, and whether another one is configured now", () => {
  const local = "http://127.0.0.1:8737";
  assert.deepEqual(JSON.parse(JSON.stringify(C.answeredBy([local, local], local))),
    { servers: [{ origin: local, host: "127.0.0.1:8737", local: true }], changed: false });
  const switched = C.answeredBy([SHARED], local);
  assert.deepEqual(JSON.parse(JSON.stringify(switched)),
    { servers: [{ origin: SHARED, host: "caveat.example.org", local: false }], changed: true });
  assert.equal(C.answeredBy([local, SHARED], SHARED).changed, true); // some highlights came from the old one
  assert.equal(C.answeredBy([], local).changed, false);
});

test("only a server on this computer's start command is kept, per address, as one line; none forgets it", async () => {
  const stored = {};
  window.chrome = { storage: { local: { get: async (defaults) => ({ ...defaults, ...stored }),
    set: async (items) => { Object.assign(stored, items); } } } };
  const LOCAL = "http://127.0.0.1:8737";
  await C.rememberStartCommand(LOCAL, { start_command: "make\nrun" });
  await C.rememberStartCommand("http://localhost:8800", { start_command: "caveat serve" });
  await C.rememberStartCommand(SHARED, { start_command: "ssh in and restart it" }); // its readers cannot start it
  assert.deepEqual({ ...stored.startCommands }, { [LOCAL]: "make run", "http://localhost:8800": "caveat serve" });
  assert.equal(await C.startAdvice(LOCAL), 'Is it running? Start it with "make run".');
  await C.rememberStartCommand(LOCAL, { name: "Caveat on this computer" }); // an older Caveat says nothing
  await C.rememberStartCommand("http://localhost:8800", { start_command: "c".repeat(201) }); // cut short it would not work
  assert.deepEqual({ ...stored.startCommands }, {});
  assert.equal(await C.startAdvice(LOCAL), 'Is it running? Start it with "caveat serve", or "make run" in a clone of Caveat.');
});
