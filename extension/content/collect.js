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

  /** The computed style of an element that may show text, or null when it never does (skipped by name or
   * editable: no style is read for those). The walker passes the name and editability it already knows: on a
   * long page every DOM call per element counts. */
  function styleOf(el, view, name, isEditable) {
    return SKIP.has(name) || isEditable ? null : view.getComputedStyle(el);
  }

  /** True when text in an element with this style shows (visibility is inherited, so a text node's own
   * visibility is its parent's). */
  function shows(style) {
    const visibility = style.visibility;
    return visibility !== "hidden" && visibility !== "collapse";
  }

  const blockLevel = (display, name) => name === "br" || !INLINE_DISPLAY.has(display);

  /** "skip" | "block" | "inline": how an element is laid out, for blockRootOf (hidden counts as "skip"). */
  function kindOf(el, view) {
    const name = el.localName;
    const style = styleOf(el, view, name, editable(el));
    const display = style ? style.display : "none"; // [hidden] is display: none by default
    if (display === "none" || !shows(style)) return "skip";
    return blockLevel(display, name) ? "block" : "inline";
  }

  /* Only these elements (and custom elements, whose names hold a "-") can host a shadow root: reading
   * `shadowRoot` on any other element is a DOM call that cannot find one. */
  const SHADOW_HOSTS = new Set(["article", "aside", "blockquote", "body", "div", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "main", "nav", "p", "section", "span"]);

  /** A walker frame over the children as rendered: an open shadow root replaces the light children, and a slot
   * shows what is assigned to it (as an array) or else its own fallback children (both inherit from `node`).
   * `style` is the element's computed style (null when not read yet); whether its text shows is read from it
   * only once a text node is met, so elements that hold only elements never pay for that. */
  function frameOf(node, name, shadow, builder, style) {
    if (name === "slot" && typeof node.assignedNodes === "function") {
      const assigned = node.assignedNodes({ flatten: true });
      if (assigned.length) return { list: assigned, index: 0, next: null, builder, node, style, shows: undefined };
    }
    return { list: null, index: 0, next: (shadow || node).firstChild, builder, node, style, shows: undefined };
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
      const element = start.nodeType === 1 ? start : start.host;
      this.enter(start, start.localName, new BlockBuilder(element, (b) => this.blocks.push(b)), null);
      this.stack[0].node = element; // a shadow root's text inherits from its host
    }

    /** Finds editable areas with one query per tree instead of one attribute read per element. */
    noteEditables(treeRoot) {
      for (const el of treeRoot.querySelectorAll(EDITABLE)) this.editables.add(el);
    }

    enter(node, name, builder, style) {
      const shadow = SHADOW_HOSTS.has(name) || name.includes("-") ? node.shadowRoot : null;
      if (shadow) {
        this.onShadowRoot(shadow);
        this.noteEditables(shadow);
      }
      this.stack.push(frameOf(node, name, shadow, builder, style));
    }

    /** Whether the text nodes directly in this frame show (read once per frame, on its first text node). */
    textShows(frame) {
      if (frame.shows === undefined) frame.shows = shows(frame.style || this.view.getComputedStyle(frame.node));
      return frame.shows;
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
          if (this.textShows(frame)) frame.builder.addText(child);
        } else if (type === 1) {
          const name = child.localName;
          const style = styleOf(child, this.view, name, this.editables.has(child));
          const display = style ? style.display : "none";
          if (display === "none") continue;
          if (!blockLevel(display, name)) {
            this.enter(child, name, frame.builder, style);
          } else {
            frame.builder.flush();
            this.enter(child, name, new BlockBuilder(child, frame.builder.onBlock), style);
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
