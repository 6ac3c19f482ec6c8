/* Caveat's content script: reads the settings, annotates the page once it has loaded, keeps up with content the
 * page adds later, answers the popup, and takes everything away again when the reader pauses Caveat here.
 * It never throws into the page: failures become a status the popup and the badge explain. */
(function (root) {
  "use strict";
  const Caveat = root.Caveat;
  if (Caveat.page) return; // injected again by the popup (see popup.js) after the page's own copy started
  /* Page changes are sent in batches: once the page has been quiet for DEBOUNCE_MS, or MAX_WAIT_MS after the first
   * change of a page that never stops changing, and never sooner than MIN_GAP_MS after the previous batch. */
  const DEBOUNCE_MS = 250;
  const MAX_WAIT_MS = 2000;
  const MIN_GAP_MS = 1000;
  /* This page's id for the background worker, which drops a tab's queued work when a new page takes its place. */
  const GENERATION = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(16)).join(""); // randomUUID needs https
  const MAX_WAITING = 500; // hidden elements watched at once for showing up (each costs the page a little)
  /* Text added or changed, and text shown or hidden by the attributes made for that (a folded <details>, an
   * accordion's [hidden] panel). Class and style changes are not watched: pages make them all the time. Hidden
   * text they show is caught when its box appears (awaitShowing). */
  const OBSERVE = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["hidden", "open"] };
  const startedAt = performance.now();

  const page = {
    settings: null,
    state: "starting", // starting | working | ok | error | paused | off
    error: null,
    annotator: null,
    observer: null,
    observed: new Set(), // the document body and every open shadow root met
    resizer: null, // a ResizeObserver on hidden elements that hold prose: a box appearing means they show
    waiting: new Set(), // the elements it watches
    /* Hidden elements that keep their box (visibility: hidden, on themselves or an ancestor: an anti-flicker style
     * on <body>): no box appears when they show, so a change of class or style on them or an ancestor, or a style
     * sheet leaving <head>, is what makes Caveat look again. */
    unseen: new Set(),
    styleWatch: null, // a MutationObserver on those elements' and their ancestors' class and style, and on <head>
    styleWatched: new WeakSet(),
    dirty: new Set(),
    timer: null,
    dirtySince: null, // when the oldest change not yet sent was seen
    flushedAt: -Infinity, // when the previous batch started
    sending: 0, // batches collected, sent or placed now
    paintedAt: null,
    activated: !!Caveat.clicked, // the reader clicked Caveat's button on this page (see verdict, background.js)
    cardNodes: null,
    servers: new Set(), // the origins of the servers whose answers made the highlights here (the popup names them)
  };

  function report() {
    const treatments = page.annotator ? page.annotator.summary() : [];
    chrome.runtime.sendMessage({ type: "status", state: page.state, count: treatments.length }).catch(() => {});
  }

  function fail(error) {
    page.state = "error";
    page.error = error;
    report();
  }

  /** What the page says about itself, read as context when a block names no use: the title, the first
   * headline's text (textContent: no layout) and the declared language (left out unless a plain tag). */
  function pageContext() {
    const h1 = document.querySelector("h1");
    const lang = (document.documentElement.getAttribute("lang") || "").trim();
    return {
      title: String(document.title || "").replace(/\s+/g, " ").trim().slice(0, 1000),
      headline: h1 ? String(h1.textContent || "").replace(/\s+/g, " ").trim().slice(0, 1000) : "",
      lang: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang) && lang.length <= 35 ? lang : "",
    };
  }

  async function send(texts, context) {
    const answer = await chrome.runtime.sendMessage({ type: "annotate", blocks: texts, page: context, generation: GENERATION });
    if (!answer || !answer.ok) {
      const error = (answer && answer.error) || { code: "no_answer", message: "Caveat's background worker did not answer." };
      throw Object.assign(new Error(error.message), { caveat: error });
    }
    if (typeof answer.server === "string") page.servers.add(answer.server);
    return answer.data;
  }

  /** Runs DOM changes of Caveat's own without the observer seeing them: pending page changes are handled first,
   * then the observer is off while Caveat works (cheaper than recording and discarding every change). */
  function quiet(fn) {
    const observer = page.observer;
    if (observer) {
      handleMutations(observer.takeRecords());
      observer.disconnect();
    }
    try {
      fn();
    } finally {
      if (observer && page.observer === observer) for (const rootNode of page.observed) observer.observe(rootNode, OBSERVE);
    }
  }

  function wanted(h) {
    return page.settings.levels.includes(h.level) && !page.settings.dismissed.includes(h.treatment);
  }

  function watch(rootNode) {
    if (page.observer && !page.observed.has(rootNode)) {
      page.observed.add(rootNode);
      page.observer.observe(rootNode, OBSERVE);
    }
  }

  /** Text hidden now may be shown later by a change no mutation record reveals (a class or a style that stops
   * hiding a tab, a menu, a "read more"): the outermost hidden element around it (the one a page usually toggles)
   * is watched for getting a box. Inline elements report no size changes, so one shown as inline is not caught. */
  function awaitShowing(el) {
    if (!page.resizer || page.waiting.size + page.unseen.size >= MAX_WAITING) return;
    if (Caveat.rendered(el)) {
      awaitVisible(el);
      return;
    }
    let outer = el;
    for (let up = outer.parentElement; up && !Caveat.rendered(up); up = up.parentElement) outer = up;
    if (page.waiting.has(outer)) return;
    page.waiting.add(outer);
    page.resizer.observe(outer);
  }

  /** An element with a box whose text does not show (visibility: hidden here or above): its outermost such ancestor
   * (the one a page usually toggles) is looked at again whenever a class or style on it or above it changes. */
  function awaitVisible(el) {
    if (Caveat.shows(el)) return; // it shows: its words were lined up elsewhere (a twin)
    let outer = el;
    for (let up = outer.parentElement; up && !Caveat.shows(up); up = up.parentElement) outer = up;
    if (page.unseen.has(outer)) return;
    page.unseen.add(outer);
    for (let n = outer; n; n = n.parentElement) {
      if (page.styleWatched.has(n)) break; // and so are its ancestors
      page.styleWatched.add(n);
      page.styleWatch.observe(n, { attributes: true, attributeFilter: ["class", "style"] });
    }
  }

  /** A class or style changed, or a style sheet left: the hidden elements that show now are collected again. */
  function onStyleChange() {
    for (const el of page.unseen) {
      if (el.isConnected && !Caveat.shows(el)) continue;
      page.unseen.delete(el);
      if (el.isConnected) markDirty(el);
    }
    scheduleFlush();
  }

  function stopAwaiting(el) {
    page.resizer.unobserve(el);
    page.waiting.delete(el);
  }

  /** Chromium reports each element's size once when watching starts, box or not: only a box means it shows. */
  function onShown(entries) {
    for (const { target } of entries) {
      if (target.isConnected && !Caveat.rendered(target)) continue;
      stopAwaiting(target);
      markDirty(target);
    }
    scheduleFlush();
  }

  /** Collects, sends and highlights the blocks under `rootNode` (or a list of them); a failure leaves the page
   * untouched. Work the background worker dropped (the tab's address changed, as a single-page site does) is queued
   * again: if the page is still here, it still wants its highlights. */
  async function annotateUnder(rootNode) {
    page.sending += 1;
    try {
      await page.annotator.annotate(rootNode, { onShadowRoot: watch, onHidden: awaitShowing });
    } catch (err) {
      if (err.caveat && err.caveat.code === "cancelled" && page.annotator) return again(rootNode);
      return fail(err.caveat || { code: "internal", message: String(err && err.message) });
    } finally {
      page.sending -= 1;
    }
    if (page.state === "paused" || page.state === "off") return undefined;
    page.state = "ok";
    page.error = null;
    report();
    requestAnimationFrame(() => setTimeout(() => { page.paintedAt = performance.now(); }, 0));
    return undefined;
  }

  function isCaveatNode(node) {
    return node.nodeType === 1 ? node.localName === "caveat-card" || node.localName === Caveat.MARK
      : page.annotator.wrapper.isOurs(node);
  }

  /** Queues the block box around `node` (the node itself if it is one) to be collected again. */
  function markDirty(node) {
    const target = Caveat.blockRootOf(node);
    if (target) page.dirty.add(target);
  }

  /** Page changes: a rewritten or removed text node loses Caveat's pieces; changed text is collected again. */
  function handleMutations(records) {
    const wrapper = page.annotator.wrapper;
    for (const r of records) {
      if (r.type === "characterData") {
        if (wrapper.isOurs(r.target)) continue;
        if (wrapper.hasPieces(r.target)) wrapper.discard(r.target);
        markDirty(r.target);
        continue;
      }
      if (isCaveatNode(r.target) || (r.target.closest && r.target.closest(Caveat.MARK))) continue;
      if (r.type === "attributes") {
        markDirty(r.target);
        continue;
      }
      // New block boxes (a post appended to a feed) are collected on their own; anything else (text, inline
      // elements, removals) changes the text of the block around the change.
      let aroundChanged = false;
      for (const n of r.removedNodes) {
        if (isCaveatNode(n)) continue;
        if (wrapper.hasPieces(n)) wrapper.discard(n);
        aroundChanged = true;
      }
      for (const n of r.addedNodes) {
        if (isCaveatNode(n)) continue;
        if (n.nodeType === 1 && Caveat.blockRootOf(n) === n) page.dirty.add(n);
        else aroundChanged = true;
      }
      if (aroundChanged) markDirty(r.target.nodeType === 11 ? r.target.host : r.target);
    }
    scheduleFlush();
  }

  function again(rootNode) {
    for (const n of [rootNode].flat()) page.dirty.add(n.nodeType === 9 ? n.body || n.documentElement : n);
    scheduleFlush();
  }

  /** Sets the batch timer: see DEBOUNCE_MS. */
  function scheduleFlush() {
    if (!page.dirty.size) return;
    const now = performance.now();
    if (page.dirtySince === null) page.dirtySince = now;
    const due = Math.max(Math.min(now + DEBOUNCE_MS, page.dirtySince + MAX_WAIT_MS), page.flushedAt + MIN_GAP_MS);
    clearTimeout(page.timer);
    page.timer = setTimeout(flushDirty, due - now);
  }

  /** A `content-visibility: auto` box came near the viewport: the browser now renders (and innerText gives) the
   * text it skipped before, though no node changed. */
  function onContentShown(event) {
    if (event.skipped || !page.annotator) return;
    markDirty(event.target);
    scheduleFlush();
  }

  /** One debounced batch: every changed region is collected again, together; only text the server has not seen is
   * sent, in one message. */
  function flushDirty() {
    const roots = [...page.dirty].filter((n) => n.isConnected);
    page.dirty.clear();
    page.dirtySince = null;
    page.flushedAt = performance.now();
    for (const el of page.waiting) if (!el.isConnected) stopAwaiting(el); // gone from the page
    for (const el of page.unseen) if (!el.isConnected) page.unseen.delete(el);
    const outer = Caveat.outermost(roots);
    const held = page.popover && page.popover.holding(); // the open card, kept if its highlight's text survives
    if (outer.length) page.annotator.clear(outer);
    const done = outer.length ? annotateUnder(outer) : Promise.resolve();
    if (held) done.then(() => page.annotator && page.popover.resume(held, page.annotator.live()));
  }

  function startObserving() {
    page.observer = new MutationObserver((records) => quiet(() => handleMutations(records)));
    page.resizer = new ResizeObserver(onShown);
    page.styleWatch = new MutationObserver(onStyleChange);
    if (document.head) page.styleWatch.observe(document.head, { childList: true });
    watch(document.body || document.documentElement);
    document.addEventListener("contentvisibilityautostatechange", onContentShown, true);
  }

  function stopObserving() {
    if (page.observer) page.observer.disconnect();
    if (page.resizer) page.resizer.disconnect();
    page.resizer = null;
    page.waiting.clear();
    if (page.styleWatch) page.styleWatch.disconnect();
    page.styleWatch = null;
    page.unseen.clear();
    page.styleWatched = new WeakSet();
    document.removeEventListener("contentvisibilityautostatechange", onContentShown, true);
    page.observer = null;
    page.observed = new Set();
    clearTimeout(page.timer);
    page.dirty.clear();
    page.dirtySince = null;
  }

  async function start() {
    page.annotator = new Caveat.Annotator({ send, quiet, wanted, context: pageContext });
    page.state = "working";
    startObserving();
    await annotateUnder(document);
  }

  function stop(state) {
    stopObserving();
    if (page.popover) page.popover.remove();
    if (page.annotator) page.annotator.clearAll();
    page.annotator = null;
    page.servers = new Set();
    page.state = state;
    report();
  }

  /** What the settings say Caveat should do on this page: "run", "paused" (site blocked), "off", or "waiting" (it
   * runs only where the reader clicks its button, and has not been clicked here). */
  function verdict(settings) {
    if (!settings.enabled) return "off";
    if (Caveat.siteBlocked(location.hostname, settings.blockedSites)) return "paused";
    return settings.runMode === "click" && !page.activated ? "waiting" : "run";
  }

  async function applySettings() {
    const previous = page.settings;
    page.settings = await Caveat.loadSettings();
    const want = verdict(page.settings);
    if (want !== "run") return stop(want);
    if (!Caveat.serverAllowed(page.settings)) {
      stop("error");
      return fail({ code: "consent", message: "Caveat's server is not on this computer and you have not agreed to send page text to it. Open Caveat's options." });
    }
    if (!page.annotator || (previous && previous.serverUrl !== page.settings.serverUrl)) {
      if (page.annotator) stop("working");
      return start();
    }
    if (page.popover) page.popover.close();
    page.annotator.clear();
    return annotateUnder(document);
  }

  Caveat.page = page;
  Caveat.contentMain = { applySettings, report, startedAt };
})(globalThis);
