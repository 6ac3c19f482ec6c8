"use strict";
// The background worker's request scheduler (extension/traffic.js) on a test clock: how many requests run at once,
// how queued work is merged and split, back-off, and what a closed tab or a new page drops.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { EXTENSION } = require("./helpers");

function loadTraffic() {
  const context = { AbortController, setTimeout, Promise, JSON };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(EXTENSION, "traffic.js"), "utf8"), context);
  return context.Caveat.Traffic;
}

/** A scheduler whose requests wait until the test answers them, on a clock the test moves. */
function scheduler(limits = {}) {
  const Traffic = loadTraffic();
  const clock = { time: 0, timers: [] };
  const timers = {
    now: () => clock.time,
    setTimeout: (fn, ms) => clock.timers.push({ at: clock.time + ms, fn }),
  };
  const requests = [];
  const run = (blocks, context, signal) => new Promise((answer) => requests.push({ blocks, context, signal, answer }));
  const overloaded = (r) => r.error.code === "timeout" || r.error.status === 503;
  const fits = (blocks) => blocks.length <= 10;
  const traffic = new Traffic({ run, overloaded, fits, limits, timers });
  const advance = async (ms) => {
    clock.time += ms;
    for (const t of clock.timers.filter((x) => x.at <= clock.time)) {
      clock.timers.splice(clock.timers.indexOf(t), 1);
      t.fn();
    }
    await settle();
  };
  return { traffic, requests, advance };
}

const plain = (x) => JSON.parse(JSON.stringify(x)); // objects made in the vm context, compared as data
const settle = () => new Promise((resolve) => setImmediate(resolve));
const ok = (highlights = []) => ({ ok: true, data: { kb: { version: "v" }, highlights, treatments: {} } });
const busy = { ok: false, error: { code: "server_error", status: 503, message: "busy" } };

test("at most two requests per tab run at once; what waits behind them is merged into one", async () => {
  const { traffic, requests } = scheduler();
  const answers = [];
  for (let i = 0; i < 6; i++) answers.push(traffic.submit(1, "g", [`a${i}`, `b${i}`], { title: "t" }));
  await settle();
  assert.equal(requests.length, 2);
  assert.deepEqual({ ...traffic.pending(1) }, { queued: 4, inFlight: 2 });
  requests[0].answer(ok());
  await settle();
  assert.equal(requests.length, 3);
  assert.deepEqual(requests[2].blocks, ["a2", "b2", "a3", "b3", "a4", "b4", "a5", "b5"]);
  // each merged job gets its own highlights, numbered from its own first block
  requests[2].answer({ ...ok([{ block: 1, exact: "x" }, { block: 4, exact: "y" }, { block: 7, exact: "z" }]), server: "https://s.test" });
  requests[1].answer(ok());
  const results = await Promise.all(answers);
  assert.deepEqual(plain(results[2].data.highlights), [{ block: 1, exact: "x" }]);
  assert.deepEqual(plain(results[3].data.highlights), []);
  assert.deepEqual(plain(results[4].data.highlights), [{ block: 0, exact: "y" }]);
  assert.deepEqual(plain(results[5].data.highlights), [{ block: 1, exact: "z" }]);
  assert.deepEqual(results.slice(2).map((r) => r.server), Array(4).fill("https://s.test")); // who answered, for each
  assert.equal(traffic.sent, 3);
});

test("merging stops at the request limits and at a change of page context", async () => {
  const { traffic, requests } = scheduler({ maxInFlight: 1 });
  traffic.submit(1, "g", ["first"], {});
  for (let i = 0; i < 3; i++) traffic.submit(1, "g", Array(4).fill(`x${i}`), {});
  traffic.submit(1, "g", ["other"], { title: "new" });
  await settle();
  requests[0].answer(ok());
  await settle();
  assert.equal(requests[1].blocks.length, 8); // a third list would pass the limit of 10
  requests[1].answer(ok());
  await settle();
  assert.equal(requests[2].blocks.length, 4);
  requests[2].answer(ok());
  await settle();
  assert.deepEqual([requests[3].blocks, requests[3].context], [["other"], { title: "new" }]);
});

test("tabs do not wait for each other's requests", async () => {
  const { traffic, requests } = scheduler();
  for (const tab of [1, 1, 1, 2]) traffic.submit(tab, "g", ["a"], {});
  await settle();
  assert.equal(requests.length, 3);
});

test("an overloaded server is backed off exponentially, up to the cap; a success ends it", async () => {
  const { traffic, requests, advance } = scheduler({ backoffMs: 1000, backoffCapMs: 4000 });
  const waits = [];
  for (let i = 0; i < 5; i++) {
    traffic.submit(1, "g", [`t${i}`], {});
    await settle();
    let waited = 0;
    while (requests.length === i) {
      await advance(500);
      waited += 500;
    }
    waits.push(waited);
    requests[i].answer(busy);
    await settle();
  }
  assert.deepEqual(waits, [0, 1000, 2000, 4000, 4000]);
  await advance(4000);
  traffic.submit(1, "g", ["ok"], {});
  await settle();
  requests[5].answer(ok());
  await settle();
  traffic.submit(1, "g", ["next"], {});
  await settle();
  assert.equal(requests.length, 7); // no waiting after the success
});

test("a refusal of the page itself (422) is no reason to back off", async () => {
  const { traffic, requests } = scheduler();
  traffic.submit(1, "g", ["a"], {});
  await settle();
  requests[0].answer({ ok: false, error: { code: "server_error", status: 422, message: "bad" } });
  await settle();
  traffic.submit(1, "g", ["b"], {});
  await settle();
  assert.equal(requests.length, 2);
});

test("a closed tab's queued work is dropped and its requests aborted; nothing more is sent for it", async () => {
  const { traffic, requests, advance } = scheduler();
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(traffic.submit(1, "g", [`a${i}`], {}));
  await settle();
  traffic.drop(1);
  assert.ok(requests.every((r) => r.signal.aborted));
  for (const r of requests) r.answer({ ok: false, error: { code: "unreachable", message: "aborted" } });
  const results = await Promise.all(answers);
  assert.ok(results.every((r) => r.error.code === "cancelled"));
  await advance(60000);
  assert.equal(requests.length, 2);
  assert.deepEqual({ ...traffic.pending(1) }, { queued: 0, inFlight: 0 });
});

test("a new page in the tab drops the old page's queued work", async () => {
  const { traffic, requests } = scheduler({ maxInFlight: 1 });
  traffic.submit(1, "old", ["a"], {});
  const queued = traffic.submit(1, "old", ["b"], {});
  traffic.submit(1, "new", ["c"], {});
  assert.equal((await queued).error.code, "cancelled");
  requests[0].answer(ok());
  await settle();
  assert.deepEqual(requests.map((r) => r.blocks), [["a"], ["c"]]);
});
