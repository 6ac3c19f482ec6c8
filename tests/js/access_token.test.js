"use strict";
// An organisation's access token: checked as typed, sent only to the server it was saved for.
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

const C = load("<p></p>", ["shared/settings.js", "shared/access_token.js"]).Caveat;
const SHARED = "https://caveat.example.org";
const TOKEN = "n3wsr00m-t0ken-0123456789";

test("a token is 16 to 512 header-safe characters; an empty field removes it", () => {
  assert.deepEqual({ ...C.checkToken(`  ${TOKEN}\n`) }, { token: TOKEN });
  assert.deepEqual({ ...C.checkToken("   ") }, { token: "" });
  for (const bad of ["short", "has a space in it 0123", "x".repeat(513), `${TOKEN}\r\nX-Evil: 1`, "tökén-0123456789abc"]) {
    assert.match(C.checkToken(bad).error, /16 to 512/, bad);
  }
});

test("the token goes to the server it was saved for and nowhere else, never to this computer", () => {
  const tokens = { [SHARED]: TOKEN, "http://127.0.0.1:8737": TOKEN };
  assert.deepEqual({ ...C.tokenHeaders(SHARED, tokens) }, { Authorization: `Bearer ${TOKEN}` });
  assert.deepEqual({ ...C.tokenHeaders("https://other.example.org", tokens) }, {});
  assert.deepEqual({ ...C.tokenHeaders("http://caveat.example.org", tokens) }, {}); // not over plain http either
  assert.deepEqual({ ...C.tokenHeaders("http://127.0.0.1:8737", tokens) }, {});
  assert.deepEqual({ ...C.tokenHeaders(SHARED, { [SHARED]: "bad token" }) }, {});
  assert.deepEqual({ ...C.tokenHeaders(SHARED, undefined) }, {});
  assert.deepEqual({ ...C.tokenHeaders("__proto__", {}) }, {});
});
