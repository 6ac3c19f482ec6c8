/* The card's life on the page: one host element with a Shadow DOM (page CSS cannot reach in, card CSS cannot leak
 * out), opened by hover, focus or tap on a highlight, kept open while the pointer is on the highlight or the card,
 * closed by Esc, the close button or moving away (WCAG 1.4.13: dismissable, hoverable, persistent). */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});
  const CLOSE_DELAY_MS = 300;

  class Popover {
    /** `render(mark)` returns the card content for a mark, or null when there is none. */
    constructor(doc, render) {
      this.doc = doc;
      this.render = render;
      this.mark = null;
      this.timer = null;
      this.host = null;
      this.returningTo = null;
    }

    ensureHost() {
      if (this.host && this.host.isConnected) return;
      const host = this.doc.createElement("caveat-card");
      for (const [prop, value] of [["position", "fixed"], ["top", "0"], ["left", "0"], ["width", "0"], ["height", "0"],
        ["z-index", "2147483647"], ["display", "block"]]) host.style.setProperty(prop, value, "important");
      const shadow = host.attachShadow({ mode: "open" });
      Caveat.adoptCss(shadow, Caveat.CARD_CSS);
      this.box = this.doc.createElement("div");
      this.box.className = "card";
      this.box.setAttribute("role", "dialog");
      this.box.hidden = true;
      this.box.addEventListener("mouseenter", () => this.cancelClose());
      this.box.addEventListener("mouseleave", () => this.scheduleClose());
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
      this.ensureHost();
      this.setExpanded(false);
      this.mark = mark;
      this.box.replaceChildren(content.element);
      this.box.style.setProperty("--level", Caveat.LEVEL_STYLE[content.level].color);
      this.box.setAttribute("aria-label", `Caveat: ${content.title}`);
      this.box.hidden = false;
      this.setExpanded(true);
      this.place();
    }

    setExpanded(value) {
      if (this.mark) this.mark.setAttribute("aria-expanded", String(value));
    }

    /** Below the highlight, or above it when there is no room below; always inside the viewport. */
    place() {
      if (!this.mark || !this.mark.isConnected) return this.close();
      const view = this.doc.defaultView;
      const rect = this.mark.getBoundingClientRect();
      const box = this.box.getBoundingClientRect();
      const below = rect.bottom + 6;
      const top = below + box.height <= view.innerHeight - 8 ? below : Math.max(8, rect.top - box.height - 6);
      const left = Math.min(Math.max(8, rect.left), Math.max(8, view.innerWidth - box.width - 8));
      this.box.style.top = `${top}px`;
      this.box.style.left = `${left}px`;
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
      if (!this.box || this.box.hidden) return;
      const hadFocus = this.host.shadowRoot.activeElement !== null;
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

    /** Moves keyboard focus into the open card (Enter on a highlight). */
    focusCard() {
      const first = this.box && this.box.querySelector("button, a[href]");
      if (first) first.focus();
    }

    contains(node) {
      return !!(this.host && node && (node === this.host || this.host.shadowRoot.contains(node)));
    }

    remove() {
      this.close();
      if (this.host) this.host.remove();
      this.host = null;
    }
  }

  Object.assign(Caveat, { Popover });
})(globalThis);
