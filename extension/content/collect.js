/* Collects the text a reader can see as "blocks" (one per paragraph-like box), each with a map from positions
 * in the block's text back to the DOM text nodes they came from. The block texts are what Caveat sends to the
 * server, so highlight offsets come back in exactly the coordinates this map understands. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  /* Elements whose text is never prose a reader is reading: code, form controls, embedded content, Caveat's UI. */
  const SKIP = new Set([
    "script", "style", "noscript", "template", "textarea", "input", "select", "option", "button", "pre", "code",
    "kbd", "samp", "svg", "math", "iframe", "object", "canvas", "video", "audio", "head", "title",
    "caveat-card",
  ]);
  const INLINE_DISPLAY = new Set(["inline", "contents", "ruby", "ruby-base", "ruby-text", ""]);
  /* Whitespace runs collapse to one space (as the browser renders them); soft hyphens and zero-width spaces are
   * invisible and dropped, so "stem\u00adcell" reads as the reader sees it. A lone plain space needs no change
   * and is copied as it is, which keeps the number of segments (and the work) small on long pages. */
  const SPACE_OR_INVISIBLE = /(\s{2,}|[^\S ])|([\u00ad\u200b]+)/g;
  const SPACE = 32;

  const EDITABLE = '[contenteditable]:not([contenteditable="false"])';

  function editable(el) {
    const value = el.getAttribute("contenteditable");
    return value !== null && value !== "false";
  }

  /** "skip" | "block" | "inline": how the walker treats an element. The walker passes the name and editability
   * it already knows: on a long page every DOM call per element counts. */
  function kindOf(el, view, name = el.localName, isEditable = editable(el)) {
    if (SKIP.has(name) || isEditable) return "skip"; // [hidden] is display: none by default
    const style = view.getComputedStyle(el);
    const display = style.display;
    if (display === "none") return "skip";
    const visibility = style.visibility;
    if (visibility === "hidden" || visibility === "collapse") return "skip";
    if (name === "br") return "block";
    return INLINE_DISPLAY.has(display) ? "inline" : "block";
  }

  /** A walker frame over the children as rendered: an open shadow root replaces the light children, and a slot
   * shows what is assigned to it (as an array) or else its own fallback children. */
  function frameOf(node, name, shadow, builder) {
    if (name === "slot" && typeof node.assignedNodes === "function") {
      const assigned = node.assignedNodes({ flatten: true });
      if (assigned.length) return { list: assigned, index: 0, next: null, builder };
    }
    return { list: null, index: 0, next: (shadow || node).firstChild, builder };
  }

  /** Takes the next child from a frame (siblings are followed directly: much faster than a NodeList). */
  function nextChild(frame) {
    if (frame.list) return frame.index < frame.list.length ? frame.list[frame.index++] : null;
    const child = frame.next;
    if (child) frame.next = child.nextSibling;
    return child;
  }

  class BlockBuilder {
    constructor(rootElement, onBlock) {
      this.rootElement = rootElement;
      this.onBlock = onBlock;
      this.reset();
    }

    reset() {
      this.text = "";
      this.at = [];   // start of each segment in the block text (UTF-16)
      this.nodes = []; // the text node each segment was copied from
      this.offs = []; // where the segment starts in that node (UTF-16)
      this.space = false;
    }

    addText(node) {
      const data = node.data;
      let last = 0;
      SPACE_OR_INVISIBLE.lastIndex = 0;
      for (let m = SPACE_OR_INVISIBLE.exec(data); m; m = SPACE_OR_INVISIBLE.exec(data)) {
        this.copy(node, data, last, m.index);
        if (m[1] && this.text.length && !this.space) this.push(node, m.index, " ");
        last = m.index + m[0].length;
      }
      this.copy(node, data, last, data.length);
    }

    /** Copies data[from, to) verbatim, except a leading space where the block already ends in one (or is empty). */
    copy(node, data, from, to) {
      if (from < to && data.charCodeAt(from) === SPACE && (this.space || !this.text)) from++;
      if (to > from) this.push(node, from, data.slice(from, to));
    }

    push(node, offset, piece) {
      this.at.push(this.text.length);
      this.nodes.push(node);
      this.offs.push(offset);
      this.text += piece;
      this.space = piece.charCodeAt(piece.length - 1) === SPACE;
    }

    flush() {
      if (this.space) {
        this.text = this.text.slice(0, -1);
        if (this.at[this.at.length - 1] >= this.text.length) {
          this.at.pop();
          this.nodes.pop();
          this.offs.pop();
        }
      }
      if (this.text) {
        this.onBlock({ text: this.text, at: this.at, nodes: this.nodes, offs: this.offs, root: this.rootElement });
      }
      this.reset();
    }
  }

  /**
   * Walks the visible text under `rootNode` (an element, a document or a shadow root) into blocks, in reading
   * order, a slice at a time: `step(deadline)` works until performance.now() passes `deadline` and returns true
   * once the walk is done, so a long page never blocks the main thread for long. `onShadowRoot` is told about
   * every open shadow root met, so the caller can watch it for changes.
   */
  class Collector {
    constructor(rootNode, options = {}) {
      this.blocks = [];
      this.onShadowRoot = options.onShadowRoot || (() => {});
      const start = rootNode.nodeType === 9 ? rootNode.body || rootNode.documentElement : rootNode;
      this.view = (rootNode.ownerDocument || rootNode).defaultView;
      this.stack = [];
      this.editables = new Set();
      if (!start || (start.nodeType === 1 && kindOf(start, this.view) === "skip")) return;
      this.noteEditables(start);
      this.enter(start, start.localName, new BlockBuilder(start.nodeType === 1 ? start : start.host, (b) => this.blocks.push(b)));
    }

    /** Finds editable areas with one query per tree instead of one attribute read per element. */
    noteEditables(treeRoot) {
      for (const el of treeRoot.querySelectorAll(EDITABLE)) this.editables.add(el);
    }

    enter(node, name, builder) {
      const shadow = node.shadowRoot;
      if (shadow) {
        this.onShadowRoot(shadow);
        this.noteEditables(shadow);
      }
      this.stack.push(frameOf(node, name, shadow, builder));
    }

    step(deadline = Infinity) {
      const stack = this.stack;
      let count = 0;
      while (stack.length) {
        if ((++count & 255) === 0 && performance.now() > deadline) return false;
        const frame = stack[stack.length - 1];
        const child = nextChild(frame);
        const type = child ? child.nodeType : 0;
        if (!child) {
          stack.pop();
          if (!stack.length || stack[stack.length - 1].builder !== frame.builder) frame.builder.flush();
        } else if (type === 3) {
          frame.builder.addText(child);
        } else if (type === 1) {
          const name = child.localName;
          const kind = kindOf(child, this.view, name, this.editables.has(child));
          if (kind === "inline") {
            this.enter(child, name, frame.builder);
          } else if (kind === "block") {
            frame.builder.flush();
            this.enter(child, name, new BlockBuilder(child, frame.builder.onBlock));
          }
        }
      }
      return true;
    }
  }

  /** All visible text blocks under `rootNode` at once (see Collector). */
  function collectBlocks(rootNode, options) {
    const collector = new Collector(rootNode, options);
    collector.step();
    return collector.blocks;
  }

  /** The element whose blocks must be collected again when `node` changes: its nearest block-level box. */
  function blockRootOf(node) {
    let el = node.nodeType === 1 ? node : node.parentNode;
    while (el && el.nodeType === 1) {
      const view = el.ownerDocument.defaultView;
      if (kindOf(el, view) !== "inline") return el;
      el = el.parentNode && el.parentNode.nodeType === 11 ? el.parentNode.host : el.parentNode;
    }
    return el && el.nodeType === 11 ? el.host : null;
  }

  Object.assign(Caveat, { Collector, collectBlocks, blockRootOf });
})(globalThis);
