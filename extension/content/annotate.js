/* The page's annotation state: which block texts the server has already answered (so unchanged text is never
 * sent again), the highlights placed in the page, and the timings of each batch of work for the benchmark. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  /** 0 for the most cautious level (Caveat.LEVELS is ordered so); unknown levels last. */
  function rank(level) {
    const i = Caveat.LEVELS.indexOf(level);
    return i < 0 ? Caveat.LEVELS.length : i;
  }

  const SLICE_MS = 12; // wrap in slices this long, then let the page breathe
  const NOTHING = Object.freeze([]); // the answer for most blocks: one shared empty list

  const yieldToPage = () => (root.scheduler && typeof root.scheduler.yield === "function"
    ? root.scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));

  /** Runs `step(deadline)` in slices of SLICE_MS until it returns true, letting the page run in between.
   * Resolves to {totalMs, longestMs}: the main-thread time spent and the longest single slice. */
  async function runSliced(step) {
    const timing = { totalMs: 0, longestMs: 0 };
    for (;;) {
      const start = performance.now();
      const done = step(start + SLICE_MS);
      const spent = performance.now() - start;
      timing.totalMs += spent;
      timing.longestMs = Math.max(timing.longestMs, spent);
      if (done) return timing;
      await yieldToPage();
    }
  }

  class Annotator {
    /**
     * `send(texts, context)` resolves to the server's Annotations for those block texts read in that page context
     * (or throws); `quiet(fn)` runs DOM changes without the mutation observer seeing them; `context()` gives the
     * page's {title, headline, lang} now.
     */
    constructor({ send, quiet, wanted, context = () => ({}) }) {
      this.send = send;
      this.context = context;
      this.contextKey = null; // the context the answers were given in
      this.quiet = quiet;
      this.wanted = wanted; // (highlight) -> bool: level shown and treatment not dismissed
      this.wrapper = new Caveat.Wrapper();
      this.answers = new Map(); // block text -> highlights the server found in it, in the context of contextKey
      this.cards = new Map(); // treatment id -> card
      this.placed = []; // {treatment, level, highlight, marks}
      this.byMark = new WeakMap(); // mark -> its entry in placed (a map, not an attribute: one DOM write less each)
      this.inOrder = true; // placed is in reading order
      this.templates = new Map(); // see template()
      this.styled = new WeakSet();
      this.unstyle = [];
      this.batches = [];
      this.unanchored = 0;
      this.hidden = 0; // anchored to text that turned out not to show (see Caveat.shows)
    }

    /** Collects the blocks under `rootNode` (a node or a list of them; in slices), asks the server about texts it has not seen, then
     * highlights. Resolves to this batch's figures. `watchers` are the collector's onShadowRoot and onHidden. */
    async annotate(rootNode, watchers = {}) {
      const collector = new Caveat.Collector(rootNode, watchers);
      const collected = await runSliced((deadline) => collector.step(deadline));
      const blocks = collector.blocks;
      const batch = { blocks: blocks.length, sent: 0, collectMs: collected.totalMs, anchorMs: 0, wrapMs: 0,
        longestSliceMs: collected.longestMs, highlights: 0 };
      // Picking the new texts, handing them to the messaging API (which copies them now, on this thread) and
      // filing the answer are main-thread work too; waiting for the server is not.
      let start = performance.now();
      const context = this.context();
      const key = JSON.stringify(context);
      if (key !== this.contextKey) { // a block is not read again under another title or headline
        this.answers.clear();
        this.contextKey = key;
      }
      const unseen = new Set();
      for (const block of blocks) if (!this.answers.has(block.text)) unseen.add(block.text);
      const fresh = [...unseen];
      let messageMs = 0;
      if (fresh.length) {
        const answer = this.send(fresh, context);
        messageMs = performance.now() - start;
        const data = await answer;
        start = performance.now();
        batch.sent = fresh.length;
        if (this.contextKey !== key) return batch; // the page changed its title meanwhile: a newer pass reads it
        this.remember(fresh, data);
      }
      batch.messageMs = messageMs + performance.now() - start;
      batch.longestSliceMs = Math.max(batch.longestSliceMs, batch.messageMs);
      await this.place(blocks, batch);
      batch.mainThreadMs = batch.collectMs + batch.messageMs + batch.anchorMs + batch.wrapMs;
      this.batches.push(batch);
      return batch;
    }

    remember(texts, data) {
      for (const text of texts) this.answers.set(text, NOTHING);
      for (const h of data.highlights) {
        const text = texts[h.block];
        if (text === undefined) continue;
        if (this.answers.get(text) === NOTHING) this.answers.set(text, []);
        this.answers.get(text).push(h);
      }
      for (const [id, card] of Object.entries(data.treatments || {})) this.cards.set(id, card);
      this.kbVersion = data.kb && data.kb.version;
    }

    /** Anchors every wanted highlight of these blocks, then wraps them from the end of the page backwards (so
     * earlier offsets in a split text node stay valid); both in time-boxed slices. */
    async place(blocks, batch) {
      const jobs = [];
      const roots = new Set();
      let b = 0;
      const anchoring = await runSliced((deadline) => {
        for (; b < blocks.length; b++) {
          if ((b & 63) === 63 && performance.now() > deadline) return false;
          this.anchorBlock(blocks[b], jobs, roots);
        }
        for (const rootNode of roots) this.styleRoot(rootNode); // after anchorBlock, which may read styles
        return true;
      });
      batch.anchorMs = anchoring.totalMs;
      batch.longestSliceMs = Math.max(batch.longestSliceMs, anchoring.longestMs);
      let i = jobs.length - 1;
      const added = [];
      const wrapped = await runSliced((deadline) => {
        this.quiet(() => {
          for (; i >= 0 && performance.now() < deadline; i--) {
            const placed = this.wrapJob(jobs[i]);
            if (placed) added.push(placed);
          }
        });
        return i < 0;
      });
      // wrapped last to first: reversed, this batch's highlights are in reading order; only a later batch can be
      // out of order with the ones already placed
      if (this.placed.length && added.length) this.inOrder = false;
      this.placed.push(...added.reverse());
      const start = performance.now();
      if (added.length) this.quiet(() => this.assignTabStops());
      const stopsMs = performance.now() - start; // counted as wrapping: it is part of marking the page
      batch.wrapMs = wrapped.totalMs + stopsMs;
      batch.longestSliceMs = Math.max(batch.longestSliceMs, wrapped.longestMs, stopsMs);
      batch.highlights = jobs.length;
    }

    /** Adds a job to `jobs` for each wanted highlight of `block` that anchors (overlapping ones: the first), and
     * notes the document or shadow root it is in. */
    anchorBlock(block, jobs, roots) {
      const answer = this.answers.get(block.text);
      const found = answer && answer.length ? answer.filter(this.wanted) : NOTHING;
      if (!found.length) return;
      roots.add(block.tree.root);
      // Text nodes that did not line up with the rendered text may be hidden twins of visible ones: then, and
      // only then, ask whether the highlighted text shows.
      const unsure = block.tree.aligned.missed > 0;
      let lastEnd = -1;
      for (const h of found) {
        const anchored = Caveat.anchorHighlight(block, h);
        if (!anchored) this.unanchored++;
        else if (unsure && !anchored.pieces.every((p) => Caveat.shows(p.node))) this.hidden++;
        else if (anchored.start >= lastEnd) {
          jobs.push({ highlight: h, pieces: anchored.pieces });
          lastEnd = anchored.end;
        }
      }
    }

    /** True when the text nodes still hold the highlighted words (the page may have changed them meanwhile). */
    static stillThere(highlight, pieces) {
      if (!pieces.every((p) => p.node.isConnected && p.end <= p.node.length)) return false;
      if (pieces.length === 1 && pieces[0].node.data.slice(pieces[0].start, pieces[0].end) === highlight.exact) return true;
      // whitespace aside (a space between two nodes may be in neither), and case aside (text-transform)
      const squash = (s) => s.replace(/[\s\u00ad\u200b]+/g, "").toLowerCase();
      return squash(pieces.map((p) => p.node.data.slice(p.start, p.end)).join("")) === squash(highlight.exact);
    }

    /** Wraps one anchored highlight, unless the page or a newer pass of Caveat changed that text meanwhile.
     * Returns its entry for `placed` (the caller adds it), or null. */
    wrapJob({ highlight, pieces }) {
      if (!this.wanted(highlight) || !Annotator.stillThere(highlight, pieces)) return null;
      if (pieces.some((p) => this.wrapper.isOurs(p.node.parentNode))) return null; // wrapped already: marks hold our text
      const doc = pieces[0].node.ownerDocument;
      const marks = this.wrapper.wrap(pieces, (first) => this.template(doc, highlight, first).cloneNode(false));
      if (!marks.length) return null; // only empty pieces (whitespace the page no longer renders)
      const placed = { treatment: highlight.treatment, level: highlight.level, highlight, marks };
      for (const mark of marks) this.byMark.set(mark, placed);
      return placed;
    }

    /** A detached mark carrying every attribute a highlight's mark needs: cloning it copies them in one DOM call.
     * One per level, first-or-not and description (a handful on any page). */
    template(doc, highlight, first) {
      const description = first ? `Caveat: ${highlight.evidence}, ${highlight.risk} risk` : "";
      const key = `${highlight.level}\n${description}`;
      let mark = this.templates.get(key);
      if (!mark || mark.ownerDocument !== doc) {
        mark = doc.createElement(Caveat.MARK);
        mark.setAttribute("data-level", highlight.level);
        if (first) {
          mark.setAttribute("data-first", "");
          mark.setAttribute("tabindex", "-1"); // a Tab stop only if assignTabStops makes it one
          mark.setAttribute("role", "button");
          mark.setAttribute("aria-haspopup", "dialog");
          mark.setAttribute("aria-expanded", "false");
          mark.setAttribute("aria-description", description);
        }
        this.templates.set(key, mark);
      }
      return mark;
    }

    /** Marks inside a page's open shadow root need Caveat's CSS adopted there too. */
    styleRoot(rootNode) {
      if (this.styled.has(rootNode)) return;
      this.styled.add(rootNode);
      this.unstyle.push(Caveat.adoptCss(rootNode, Caveat.MARK_CSS));
    }

    /** The placed highlight a mark belongs to, while it is in the page. */
    placedFor(mark) {
      const placed = this.byMark.get(mark);
      return placed && placed.marks[0].isConnected ? placed : null;
    }

    /** The highlights still in the page, in reading order. */
    live() {
      const before = (a, b) => (a.marks[0].compareDocumentPosition(b.marks[0]) & 4 ? -1 : 1); // 4: FOLLOWING
      if (this.placed.some((p) => !p.marks[0].isConnected)) this.placed = this.placed.filter((p) => p.marks[0].isConnected);
      if (!this.inOrder) this.placed.sort(before);
      this.inOrder = true;
      return this.placed;
    }

    /** One Tab stop per treatment and level on the page: its first mention at each level (so a calm first mention
     * never hides a dangerous one). The other mentions can be focused from the card and the popup. */
    assignTabStops() {
      const seen = new Set();
      for (const p of this.live()) {
        const key = `${p.treatment}\n${p.level}`;
        const tabIndex = seen.has(key) ? -1 : 0;
        seen.add(key);
        if (p.marks[0].tabIndex !== tabIndex) p.marks[0].tabIndex = tabIndex;
      }
    }

    /** Treatments on the page now: [{id, name, level, count, levels}], `levels` counting the mentions at each level
     * (a treatment can be established in one paragraph and dangerous in the next) and `level` the most cautious of
     * them; the most cautious treatments first, then in order of first appearance. */
    summary() {
      const byId = new Map();
      for (const p of this.live()) {
        const entry = byId.get(p.treatment) || { id: p.treatment, name: (this.cards.get(p.treatment) || {}).name || p.treatment, level: p.level, count: 0, levels: {} };
        entry.count++;
        entry.levels[p.level] = (entry.levels[p.level] || 0) + 1;
        if (rank(p.level) < rank(entry.level)) entry.level = p.level;
        byId.set(p.treatment, entry);
      }
      return [...byId.values()].sort((a, b) => rank(a.level) - rank(b.level));
    }

    /** Takes every highlight under the nodes `roots` (or all of them) out of the page, giving text nodes back
     * whole; one pass for all the roots of a batch. */
    clear(roots = null) {
      const inside = roots && Caveat.insideAny(roots);
      this.quiet(() => {
        for (const original of this.wrapper.originals()) {
          if (!inside || inside(original)) this.wrapper.restore(original);
        }
        this.assignTabStops(); // a first mention may have gone
      });
    }

    clearAll() {
      this.clear();
      this.unstyle.splice(0).forEach((undo) => undo());
      this.styled = new WeakSet();
    }
  }

  Object.assign(Caveat, { Annotator });
})(globalThis);
