/* Caveat's request scheduler (background worker): what keeps a hostile or busy page from driving a request storm.
 * Per tab, at most MAX_IN_FLIGHT requests run at once; what waits behind them is merged into one request (texts of
 * the same page generation and context), so a page that changes faster than the server answers costs a few
 * requests, not one per change. When the server is slow or failing (time-out, unreachable, 429, 503) every tab
 * waits: exponential back-off with a cap, back to normal after the first success. A closed or navigated tab's
 * queued work is dropped and its requests aborted, and a new page generation in a tab drops the old one's. */
"use strict";
(function (root) {
  const Caveat = (root.Caveat = root.Caveat || {});
  const LIMITS = Object.freeze({ maxInFlight: 2, backoffMs: 1000, backoffCapMs: 30000 });

  const REAL_TIME = { setTimeout: (fn, ms) => setTimeout(fn, ms), now: () => Date.now() };
  const cancelled = () => ({ ok: false, error: { code: "cancelled", message: "The page went away; its request was dropped." } });

  class Traffic {
    /**
     * `run(blocks, context, signal)` sends one request and resolves to {ok, data} or {ok: false, error}; `overloaded(result)`
     * says whether a failure means the server is slow or failing; `fits(blocks)` whether a merged request is
     * still within the request limits; `timers` is {setTimeout, now} (a test's clock).
     */
    constructor({ run, overloaded, fits, limits = {}, timers = REAL_TIME }) {
      Object.assign(this, { run, overloaded, fits, timers });
      this.limits = { ...LIMITS, ...limits };
      this.tabs = new Map(); // tab id -> {generation, queue: [job], inFlight: Set<AbortController>}
      this.failures = 0;
      this.resumeAt = 0; // no request starts before this time (ms, timers.now())
      this.wake = null;
      this.sent = 0;
    }

    /** Queues `blocks` of page `generation` in tab `tabId`; resolves to the server's answer for those blocks. */
    submit(tabId, generation, blocks, context) {
      const tab = this.tab(tabId);
      if (tab.generation !== generation) {
        this.dropQueued(tab);
        tab.generation = generation;
      }
      return new Promise((resolve) => {
        tab.queue.push({ blocks, context, key: JSON.stringify(context), resolve });
        this.pump();
      });
    }

    /** The tab closed or left its page: what waits is dropped, what runs is aborted. */
    drop(tabId) {
      const tab = this.tabs.get(tabId);
      if (!tab) return;
      this.dropQueued(tab);
      for (const controller of tab.inFlight) controller.abort();
      this.tabs.delete(tabId);
    }

    /** {queued, inFlight} for a tab (what the tests and the status read). */
    pending(tabId) {
      const tab = this.tabs.get(tabId);
      return { queued: tab ? tab.queue.length : 0, inFlight: tab ? tab.inFlight.size : 0 };
    }

    tab(tabId) {
      if (!this.tabs.has(tabId)) this.tabs.set(tabId, { generation: null, queue: [], inFlight: new Set() });
      return this.tabs.get(tabId);
    }

    dropQueued(tab) {
      for (const job of tab.queue.splice(0)) job.resolve(cancelled());
    }

    /** Starts what may start now; while backing off, wakes up when the back-off ends. */
    pump() {
      const wait = this.resumeAt - this.timers.now();
      if (wait > 0) {
        if (!this.wake) this.wake = this.timers.setTimeout(() => { this.wake = null; this.pump(); }, wait);
        return;
      }
      for (const [tabId, tab] of this.tabs) {
        while (tab.queue.length && tab.inFlight.size < this.limits.maxInFlight) this.start(tabId, tab, this.merged(tab));
      }
    }

    /** The first queued job and those behind it of the same context, as long as the request stays within limits. */
    merged(tab) {
      const jobs = [tab.queue.shift()];
      let blocks = jobs[0].blocks;
      while (tab.queue.length && tab.queue[0].key === jobs[0].key && this.fits(blocks.concat(tab.queue[0].blocks))) {
        blocks = blocks.concat(tab.queue[0].blocks);
        jobs.push(tab.queue.shift());
      }
      return { jobs, blocks };
    }

    async start(tabId, tab, { jobs, blocks }) {
      const controller = new AbortController();
      tab.inFlight.add(controller);
      this.sent += 1;
      const result = await this.run(blocks, jobs[0].context, controller.signal);
      tab.inFlight.delete(controller);
      if (controller.signal.aborted) {
        for (const job of jobs) job.resolve(cancelled());
        return;
      }
      this.settle(result);
      split(jobs, result);
      this.pump();
    }

    /** Success ends a back-off; an overloaded server doubles it, up to the cap. */
    settle(result) {
      if (result.ok || !this.overloaded(result)) {
        this.failures = 0;
        this.resumeAt = 0;
        return;
      }
      this.failures += 1;
      const delay = Math.min(this.limits.backoffCapMs, this.limits.backoffMs * 2 ** (this.failures - 1));
      this.resumeAt = this.timers.now() + delay;
    }
  }

  /** Gives each merged job its share of the answer: its highlights, with block indexes counted from its first block. */
  function split(jobs, result) {
    let offset = 0;
    for (const job of jobs) {
      if (!result.ok) {
        job.resolve(result);
        continue;
      }
      const end = offset + job.blocks.length;
      const highlights = result.data.highlights.filter((h) => h.block >= offset && h.block < end)
        .map((h) => (offset ? { ...h, block: h.block - offset } : h));
      job.resolve({ ...result, data: { ...result.data, highlights } });
      offset = end;
    }
  }

  Caveat.Traffic = Traffic;
  Caveat.TRAFFIC_LIMITS = LIMITS;
})(globalThis);
