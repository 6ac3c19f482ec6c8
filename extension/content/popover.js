/* The card's life on the page: one host element with a Shadow DOM (page CSS cannot reach in, card CSS cannot leak
 * out), opened by hover, focus or tap on a highlight, kept open while the pointer is on the highlight or the card,
 * closed by Esc, the close button or moving away (WCAG 1.4.13: dismissable, hoverable, persistent). */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});
  const CLOSE_DELAY_MS = 300;
  const NARROW = 600; // narrower viewports get a sheet at the bottom
  const GAP = 10; // between the highlight and the card (room for a wavy underline below the text box)
  const MARGIN = 8; // between the card and the viewport's edges
  const WIDTH = 380;
  /* inline and !important, so no page style sheet can hide, move, fade or disable the card's host */
  const HOST_STYLE = [["position", "fixed"], ["top", "0"], ["left", "0"], ["width", "0"], ["height", "0"],
    ["z-index", "2147483647"], ["display", "block"], ["visibility", "visible"], ["opacity", "1"], ["transform", "none"],
    ["filter", "none"], ["clip-path", "none"], ["mask", "none"], ["pointer-events", "auto"], ["contain", "none"]];
  const ENOUGH = 180; // a card shorter than its content but this tall still reads well (it scrolls inside)

  /** The bottom of the page's own fixed or sticky elements at the top edge of the viewport (a site's header), which
   * the card must not cover. Measured when the card is placed, from what is at the top edge now. */
  function topInset(doc, skip) {
    const view = doc.defaultView;
    const width = doc.documentElement.clientWidth || view.innerWidth;
    let inset = 0;
    for (const x of [2, width / 2, width - 3]) {
      for (let el of doc.elementsFromPoint(x, 1)) {
        for (; el && el !== doc.body && el !== doc.documentElement && el !== skip; el = el.parentElement) {
          const position = view.getComputedStyle(el).position;
          if (position !== "fixed" && position !== "sticky") continue;
          const rect = el.getBoundingClientRect();
          if (rect.top <= 1 && rect.height < view.innerHeight / 2) inset = Math.max(inset, rect.bottom);
          break;
        }
      }
    }
    return inset;
  }

  /** The first element after `node` in the page that Tab would reach (Caveat's own card aside), or null. */
  function nextTabStop(doc, node) {
    const walker = doc.createTreeWalker(doc.body || doc.documentElement, 0x1); // elements
    walker.currentNode = node;
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      if (el.localName === "caveat-card") continue;
      if (el.tabIndex >= 0 && !el.disabled && el.checkVisibility({ visibilityProperty: true })) return el;
    }
    return null;
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(value, high));
  }

  /**
   * Where the card goes, from the viewport's size, the highlight's rectangle, the header's bottom (`topInset`) and
   * the card's natural size: {top, left, width, maxHeight, side}, or {scrollBy} when the page should first scroll
   * (only if `mayScroll`). Below the highlight if the card fits there, else above, else beside it, else in the larger
   * of the spaces above and below; it never overlaps the highlight or the header and stays inside the viewport.
   * Narrow viewports get a full-width sheet at the bottom, under the highlight.
   */
  function cardPlacement({ viewport, target, topInset: inset, natural, mayScroll }) {
    const minTop = Math.max(MARGIN, inset + GAP);
    const below = viewport.height - MARGIN - (target.bottom + GAP);
    const above = target.top - GAP - minTop;
    if (viewport.width < NARROW) {
      // bring the highlight up under the header, with the start of its sentence (`lead` above it) still in view
      const lead = Math.min(target.lead || 0, viewport.height * 0.15);
      if (mayScroll && below < Math.min(natural.height, viewport.height / 2) && target.top > minTop + 2 * GAP + lead) {
        return { scrollBy: Math.round(target.top - minTop - 2 * GAP - lead) };
      }
      // at most 60% of the screen, so the lines around the highlight still show
      const height = Math.min(natural.height, Math.max(below, above), viewport.height * 0.6);
      const top = below >= above ? viewport.height - height : minTop;
      return { top, left: 0, width: viewport.width, maxHeight: height, side: "sheet" };
    }
    const width = Math.min(WIDTH, viewport.width - 2 * MARGIN);
    const left = clamp(target.left, MARGIN, viewport.width - width - MARGIN);
    const vertical = (side) => {
      const height = Math.max(0, Math.min(natural.height, side === "below" ? below : above));
      return { top: side === "below" ? target.bottom + GAP : target.top - GAP - height, left, width, maxHeight: height, side };
    };
    if (below >= natural.height) return vertical("below");
    if (above >= natural.height) return vertical("above");
    if (Math.max(below, above) >= ENOUGH) return vertical(below >= above ? "below" : "above");
    const right = viewport.width - MARGIN - (target.right + GAP);
    const leftSpace = target.left - GAP - MARGIN;
    if (Math.max(right, leftSpace) >= Math.min(width, 260)) {
      const sideWidth = Math.min(width, Math.max(right, leftSpace));
      const height = Math.min(natural.height, viewport.height - MARGIN - minTop);
      const top = clamp(target.top, minTop, viewport.height - MARGIN - height);
      const x = right >= leftSpace ? target.right + GAP : target.left - GAP - sideWidth;
      return { top, left: x, width: sideWidth, maxHeight: height, side: "beside" };
    }
    return vertical(below >= above ? "below" : "above");
  }

  class Popover {
    /** `render(mark)` returns the card content for a mark, or null when there is none. */
    constructor(doc, render) {
      this.doc = doc;
      this.render = render;
      this.mark = null;
      this.timer = null;
      this.host = null;
      this.returningTo = null;
      this.focusedMark = null; // the highlight that has (or had, until the page removed it) keyboard focus
      /* opened by a click or a tap: it stays when the pointer leaves (on a phone the page scrolls under the sheet,
       * and the browser then reports the tapped word as left), until Esc, the close button or a click elsewhere */
      this.pinned = false;
    }

    ensureHost() {
      if (this.host && this.host.isConnected) return;
      const host = this.doc.createElement("caveat-card");
      for (const [prop, value] of HOST_STYLE) host.style.setProperty(prop, value, "important");
      // closed: a page's scripts get no way in (host.shadowRoot is null), so they can neither read the card nor press
      // its buttons; Caveat keeps its own reference
      const shadow = host.attachShadow({ mode: "closed" });
      this.shadow = shadow;
      Caveat.adoptCss(shadow, Caveat.CARD_CSS);
      this.box = this.doc.createElement("div");
      this.box.className = "card";
      this.box.setAttribute("role", "dialog");
      this.box.hidden = true;
      this.box.addEventListener("mouseenter", () => this.cancelClose());
      this.box.addEventListener("mouseleave", () => !this.pinned && this.scheduleClose());
      this.box.addEventListener("keydown", (e) => this.onTab(e));
      this.box.addEventListener("focusout", (e) => {
        if (!this.box.contains(e.relatedTarget) && e.relatedTarget !== this.mark) this.scheduleClose();
      });
      shadow.appendChild(this.box);
      this.doc.documentElement.appendChild(host);
      this.host = host;
    }

    isOpenFor(mark) {
      return this.mark === mark && this.box && !this.box.hidden;
    }

    open(mark) {
      this.cancelClose();
      if (mark === this.returningTo) return;
      if (this.isOpenFor(mark)) return;
      const content = this.render(mark);
      if (!content) return;
      this.pinned = false;
      this.ensureHost();
      this.setExpanded(false);
      this.mark = mark;
      this.marks = content.marks || [mark];
      this.key = content.key;
      this.box.replaceChildren(content.element);
      this.box.style.setProperty("--level", Caveat.LEVEL_STYLE[content.level].color);
      this.box.setAttribute("aria-label", `Caveat: ${content.title}`);
      this.box.hidden = false;
      this.setExpanded(true);
      this.place({ mayScroll: true });
    }

    setExpanded(value) {
      if (this.mark) this.mark.setAttribute("aria-expanded", String(value));
    }

    /** Beside the highlight, never over it nor over a sticky header (see cardPlacement). On a narrow screen the card
     * is a sheet at the bottom; when opening (`mayScroll`), the page is scrolled to leave the highlight above it. */
    place({ mayScroll = false } = {}) {
      if (!this.mark || !this.mark.isConnected) return this.close();
      const { mark } = this;
      const view = this.doc.defaultView;
      const viewport = { width: this.doc.documentElement.clientWidth || view.innerWidth, height: view.innerHeight };
      const box = this.box.style;
      box.maxHeight = "none";
      box.width = "";
      box.top = "0px";
      box.left = "0px";
      this.box.classList.toggle("sheet", viewport.width < NARROW);
      const natural = this.box.getBoundingClientRect();
      const spot = cardPlacement({ viewport, target: this.targetRect(), topInset: topInset(this.doc, this.host),
        natural: { width: natural.width, height: natural.height }, mayScroll });
      if (spot.scrollBy) { // in the next frame: the rest of a tap (its click) must still reach the word tapped
        this.box.style.visibility = "hidden";
        view.requestAnimationFrame(() => {
          this.box.style.visibility = "";
          if (this.mark !== mark) return;
          view.scrollBy(0, spot.scrollBy);
          this.place();
        });
        return undefined;
      }
      box.top = `${spot.top}px`;
      box.left = `${spot.left}px`;
      box.width = `${spot.width}px`;
      box.maxHeight = `${spot.maxHeight}px`;
      this.box.dataset.side = spot.side;
      return undefined;
    }

    /** The rectangle around every piece of the open highlight (a name split by tags or across lines), and `lead`:
     * how far above it its paragraph starts. */
    targetRect() {
      const rects = this.marks.filter((m) => m.isConnected).map((m) => m.getBoundingClientRect());
      const top = Math.min(...rects.map((r) => r.top));
      const block = Caveat.blockRootOf(this.mark);
      return {
        top, bottom: Math.max(...rects.map((r) => r.bottom)),
        left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)),
        lead: block ? Math.max(0, top - block.getBoundingClientRect().top) : 0,
      };
    }

    scheduleClose() {
      this.cancelClose();
      this.timer = setTimeout(() => this.close(), CLOSE_DELAY_MS);
    }

    cancelClose() {
      clearTimeout(this.timer);
      this.timer = null;
    }

    /** Closes the card; with `returnFocus`, focus goes back to the highlight if it was inside the card. */
    close({ returnFocus = false } = {}) {
      this.cancelClose();
      this.pinned = false;
      if (!this.box || this.box.hidden) return;
      const hadFocus = this.shadow.activeElement !== null;
      this.box.hidden = true;
      this.box.replaceChildren();
      this.setExpanded(false);
      const mark = this.mark;
      this.mark = null;
      if (returnFocus && hadFocus && mark.isConnected) {
        this.returningTo = mark; // the focus event this causes must not open the card again
        mark.focus();
        this.returningTo = null;
      }
    }

    /** Moves keyboard focus into the open card (Enter on a highlight): to `selector`'s control if it has one, else
     * its first control. */
    focusCard(selector = null) {
      const target = this.box && ((selector && this.box.querySelector(selector)) || this.stops()[0]);
      if (target) target.focus();
    }

    /** The card's controls a Tab reaches, in order (links in a folded section are not shown, so not reached). */
    stops() {
      return [...this.box.querySelectorAll("button, a[href], summary")].filter((el) => el.checkVisibility());
    }

    /** Tab past the card's last control goes on to what follows the highlight in the page, Shift+Tab before its
     * first goes back to the highlight: the card sits in the reading order right after its highlight. */
    onTab(e) {
      if (e.key !== "Tab" || !e.isTrusted || !this.mark) return;
      const stops = this.stops();
      if (this.shadow.activeElement !== stops[e.shiftKey ? 0 : stops.length - 1]) return;
      e.preventDefault();
      if (e.shiftKey) return this.close({ returnFocus: true });
      const after = nextTabStop(this.doc, this.marks[this.marks.length - 1]);
      this.close({ returnFocus: !after });
      if (after) after.focus();
      return undefined;
    }

    /** What the card shows before the page changes (see resume): its highlight, and where focus is. */
    holding() {
      if (!this.box || this.box.hidden) return null;
      // a focused highlight the page removed has lost focus already: focusedMark says it had it
      const focus = this.shadow.activeElement ? "card" : this.focusedMark === this.mark ? "mark" : null;
      return { key: this.key, focus };
    }

    /** After the page re-rendered the highlight's text (and Caveat placed it again), the card stays open on the new
     * highlight, and focus on it if it was there. `live` are the highlights now placed. */
    resume(held, live) {
      if (!held || (this.mark && this.mark.isConnected)) return;
      const placed = live.find((p) => p.highlight === held.key);
      if (!placed) return this.close();
      this.cancelClose();
      if (this.box.hidden) {
        this.open(placed.marks[0]);
      } else {
        this.mark = placed.marks[0];
        this.marks = placed.marks;
        this.setExpanded(true);
        this.place();
      }
      if (held.focus === "mark") this.mark.focus({ preventScroll: true });
      return undefined;
    }

    contains(node) {
      return !!(this.host && node && (node === this.host || this.shadow.contains(node)));
    }

    remove() {
      this.close();
      if (this.host) this.host.remove();
      this.host = null;
    }
  }

  Object.assign(Caveat, { Popover, cardPlacement });
})(globalThis);
