/* Collects the text a reader can see as "blocks": one per line of rendered text (a paragraph, a heading, a list
 * item, a table cell). What is visible, and where a line ends, is the browser's own answer: the innerText of the
 * element being collected. Its text nodes are lined up with that text (align.js), so a block position leads back
 * to the text node it came from (anchor.js), and only text that came from prose nodes is kept: code, form
 * controls and editable areas never reach the server. Reading each element's computed style instead cost several
 * times as much on long pages. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  /* Elements whose content is never rendered as text (or is Caveat's own card, or a text box's typed text): not
   * walked at all. */
  const NEVER_TEXT = new Set(["script", "style", "noscript", "template", "head", "title", "desc", "metadata",
    "annotation", "annotation-xml", "iframe", "canvas", "video", "audio", "textarea", "caveat-card"]);
  /* Text a reader may see but that is not prose: code, form controls, and the labels of drawings and formulas.
   * It is walked only to keep the alignment in step with the rendered text, and acts as a word break. Editable
   * areas (what the reader types) are treated the same, and never sent. */
  const NOT_PROSE = new Set(["input", "select", "option", "button", "pre", "code", "kbd", "samp", "svg", "math",
    "object"]);
  const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
  const NOT_READ = [EDITABLE, ...NOT_PROSE].join(",");
  /* Containers that pages often hide whole (menus, dialogs, drawers): one visibility check skips all their nodes,
   * which the alignment would otherwise have to find missing one by one. */
  const OFTEN_HIDDEN = new Set(["nav", "ul", "ol", "menu", "dialog", "header", "footer", "form"]);
  /* Only these elements (and custom elements, whose names hold a "-") can host a shadow root: reading
   * `shadowRoot` on any other element is a DOM call that cannot find one. */
  const SHADOW_HOSTS = new Set(["article", "aside", "blockquote", "body", "div", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "main", "nav", "p", "section", "span"]);
  const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;
  const SHOW_TEXT = 0x4;
  const CELL_OR_RETURN = /[\t\r]/g; // a tab parts table cells: a line ends there too
  const ODD_SPACE = /[^\S\n\t\r ]/g; // no-break and other spaces: a plain space for the server, same length
  /* Dropped from a block: soft hyphens and zero-width spaces ("stem\u00adcell" reads "stemcell"), and all but the
   * last space of a run (left where code or a no-break space was). */
  const DROPPED = /[\u00ad\u200b]| (?= )/g;
  /* One scan that says whether the three above may find anything: a space other than a plain one or a line break
   * (JavaScript's \s, spelled out), or a soft hyphen or zero-width space; a run of spaces is looked for apart. A
   * single class of characters is what the engine's first, interpreted run of a regular expression scans fastest. */
  const ODD_CHARACTER = /[\t\v\f\r\u00a0\u00ad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;
  const NOT_SPACE = /\S/g;
  const SPACE_OR_INVISIBLE = new Set([32, 0xad, 0x200b]); // trimmed from both ends of a line
  const INLINE_DISPLAY = new Set(["inline", "contents", ""]);
  const NONE = Object.freeze([]);

  /** The element a node sits in, across a shadow root's edge to its host; null at the top. */
  const parentOf = (node) => node.parentElement || (node.parentNode && node.parentNode.host) || null;

  /** True for an HTML element (innerText is theirs alone: SVG and MathML elements have none). Asked with `in`:
   * reading innerText would lay out and read the element's whole text. */
  const isHtml = (node) => node.nodeType === 1 && "innerText" in node;

  /** True when `el` has a box, or is display: contents inside one (innerText of an element that is not rendered
   * would be its raw text, hidden parts and all). */
  function rendered(el) {
    if (el.checkVisibility()) return true;
    const parent = parentOf(el);
    return !!parent && el.ownerDocument.defaultView.getComputedStyle(el).display === "contents" && rendered(parent);
  }

  /** The rendered text of a shadow root: each child HTML element's innerText, a line break around block boxes;
   * text directly in the root shows when its host does. */
  function shadowText(shadow) {
    const view = shadow.host.ownerDocument.defaultView;
    let text = "";
    for (let child = shadow.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) text += shows(shadow.host) ? child.data : "";
      if (!isHtml(child) || NEVER_TEXT.has(child.localName) || !rendered(child)) continue;
      const inline = view.getComputedStyle(child).display.startsWith("inline");
      text += inline ? child.innerText : `\n${child.innerText}\n`;
    }
    return text;
  }

  /** Moves a walker past the current node's descendants; returns the next node, or null at the end. */
  function skipSubtree(walker) {
    while (!walker.nextSibling()) if (!walker.parentNode()) return null;
    return walker.currentNode;
  }

  /**
   * Walks the visible text under `rootNode` (an element, a document or an open shadow root) into blocks, in
   * reading order, a slice at a time: `step(deadline)` works until performance.now() passes `deadline` and returns
   * true once the walk is done, so a long page never blocks the main thread for long. Each tree is done in three
   * passes: a walk that only gathers its text nodes, lining their text up with the rendered text (align.js), and
   * cutting the prose out of it in lines. Open shadow roots met on the way are collected after the tree they are
   * in; `onShadowRoot` is told about each, so the caller can watch it. `onHidden` is told about elements holding
   * prose that did not show (a folded menu, a closed tab; now and then one that does show, whose words were lined
   * up elsewhere), so the caller can watch for them to appear.
   * A block is {text, tree, base, removed}: `text` starts at position `base` of the tree's rendered text, less the
   * characters at positions `removed` of that line (null when none were).
   */
  class Collector {
    constructor(rootNode, options = {}) {
      this.blocks = [];
      this.onShadowRoot = options.onShadowRoot || (() => {});
      this.onHidden = options.onHidden || (() => {});
      const roots = Array.isArray(rootNode) ? rootNode : [rootNode]; // several: one batch for many changed regions
      this.queue = roots.map((r) => (r.nodeType === 9 ? r.body || r.documentElement : r)).filter(Boolean);
      this.tree = null;
    }

    step(deadline = Infinity) {
      for (;;) {
        const tree = this.tree;
        if (!tree) {
          if (!this.queue.length) return true;
          this.tree = this.open(this.queue.shift());
        } else if (tree.next) {
          if (!this.walk(tree, deadline)) return false;
        } else if (!tree.aligned) {
          tree.alignment = tree.alignment || new Caveat.Alignment(tree.datas, tree.rendered);
          if (!tree.alignment.step(deadline)) return false;
          tree.aligned = tree.alignment.result;
          tree.rendered = tree.alignment.text; // the same text, in the engine's own string: read faster from now on
          if (tree.aligned.missed) { // else every node with text lined up: no twins, no missed text
            sortOutTwins(tree);
            dropHiddenBeforeMissedText(tree);
            this.tellHidden(tree);
          }
        } else {
          this.cutLines(tree);
          this.tree = null;
        }
        if (performance.now() > deadline) return false;
      }
    }

    /** Starts on one tree: its rendered text and a walker over its nodes (null when nothing in it shows). */
    open(treeRoot) {
      const isElement = treeRoot.nodeType === 1;
      if (treeRoot.ownerDocument.designMode === "on") return null; // the whole page is an editor
      if (isElement && (!isHtml(treeRoot) || treeRoot.closest(NOT_READ))) return null;
      if (isElement && !rendered(treeRoot)) { // a page that shows its body once scripts ran, a closed panel
        this.onHidden(treeRoot);
        return null;
      }
      const walker = treeRoot.ownerDocument.createTreeWalker(treeRoot, SHOW_ELEMENT_AND_TEXT);
      return {
        root: isElement ? treeRoot.getRootNode() : treeRoot, // the document or shadow root it is in
        rendered: isElement ? treeRoot.innerText : shadowText(treeRoot),
        walker,
        next: walker.nextNode(),
        editables: new Set(treeRoot.querySelectorAll(EDITABLE)),
        nodes: [], // its text nodes, in document order
        datas: [], // their text
        prose: [], // false for text that is not prose (code, form controls, editable areas)
        notProse: false, // whether any is not
        alignment: null, // lining the nodes up, a slice at a time (Caveat.Alignment)
        aligned: null, // its result
      };
    }

    /** Pass 1: gathers the text nodes. Returns true once the tree is walked. */
    walk(tree, deadline) {
      const { walker, nodes, datas, prose } = tree;
      let node = tree.next;
      for (let count = 1; node; count++) {
        if ((count & 255) === 0 && performance.now() > deadline) break;
        if (node.nodeType === 3) {
          nodes.push(node);
          datas.push(node.data);
          prose.push(true);
          node = walker.nextNode();
        } else {
          node = this.element(tree, node);
        }
      }
      tree.next = node;
      return !node;
    }

    /** Handles an element met by the walk; returns the next node to visit. */
    element(tree, el) {
      const name = el.localName;
      if (NEVER_TEXT.has(name)) return skipSubtree(tree.walker);
      if (NOT_PROSE.has(name) || (tree.editables.size && tree.editables.has(el))) return this.notProse(tree, el);
      if (OFTEN_HIDDEN.has(name) && !rendered(el)) {
        this.onHidden(el);
        return skipSubtree(tree.walker);
      }
      const shadow = SHADOW_HOSTS.has(name) || name.includes("-") ? el.shadowRoot : null;
      if (shadow) {
        this.onShadowRoot(shadow);
        this.queue.push(shadow);
        // a component whose shadow root is an editor shows the host's own children in it: what the reader types
        const slot = (el.firstElementChild || el.firstChild)?.assignedSlot;
        if (slot && slot.isContentEditable) return this.notProse(tree, el);
      }
      return tree.walker.nextNode();
    }

    /** Gathers the text under `el` as not prose (kept in step with the rendered text, never sent); returns the
     * next node to visit after it. */
    notProse(tree, el) {
      const all = el.textContent;
      if (Caveat.allSpace(all, 0, all.length)) return skipSubtree(tree.walker); // an icon: nothing to line up
      tree.notProse = true;
      const texts = el.ownerDocument.createTreeWalker(el, SHOW_TEXT);
      for (let text = texts.nextNode(); text; text = texts.nextNode()) {
        tree.nodes.push(text);
        tree.datas.push(text.data);
        tree.prose.push(false);
      }
      return skipSubtree(tree.walker);
    }

    /** Tells `onHidden` about the element around each prose node that did not line up, once each. */
    tellHidden(tree) {
      const { nodes, prose } = tree;
      const { starts, froms, tos } = tree.aligned;
      let told = null;
      for (let k = 0; k < nodes.length; k++) {
        if (starts[k] >= 0 || !prose[k] || froms[k] === tos[k]) continue;
        const el = parentOf(nodes[k]);
        if (el && el !== told) this.onHidden(el);
        told = el;
      }
    }

    /** Pass 3: keeps, of the rendered text, what prose nodes gave and the whitespace between them (anything else
     * becomes spaces, so positions stay those of the rendered text), and makes a block of each line. */
    cutLines(tree) {
      let kept = keptText(tree);
      let dropping = false;
      if (ODD_CHARACTER.test(kept) || kept.includes("  ")) {
        // (search, not test: these regular expressions are global, and test would leave them mid-string)
        if (kept.search(ODD_SPACE) >= 0) kept = kept.replace(ODD_SPACE, " ");
        if (kept.search(CELL_OR_RETURN) >= 0) kept = kept.replace(CELL_OR_RETURN, "\n"); // same length: positions hold
        dropping = kept.search(DROPPED) >= 0;
      }
      let base = 0;
      for (const line of kept.split("\n")) {
        let from = 0;
        let to = line.length;
        while (from < to && SPACE_OR_INVISIBLE.has(line.charCodeAt(from))) from++;
        while (to > from && SPACE_OR_INVISIBLE.has(line.charCodeAt(to - 1))) to--;
        const text = to - from === line.length ? line : line.slice(from, to);
        if (from < to) this.blocks.push(blockOf(tree, text, base + from, dropping));
        base += line.length + 1;
      }
    }
  }

  /** The rendered text with everything but prose and whitespace turned into spaces: usually there is nothing to
   * turn, and the text is kept as it is (asked of the alignment first, without a pass over every node). */
  function keptText({ rendered: text, aligned, prose, notProse }) {
    const { starts, ends, order, missed, further } = aligned;
    const lastEnd = order.length ? ends[order[order.length - 1]] : 0;
    if (!missed && !further && !notProse && Caveat.allSpace(text, lastEnd, text.length)) return text;
    const spans = []; // [from, to) of text that no prose node gave, and that is not all whitespace
    const note = (from, to) => !Caveat.allSpace(text, from, to) && spans.push(from, to);
    let pos = 0;
    for (const k of order) {
      if (!prose[k]) continue;
      if (starts[k] > pos) note(pos, starts[k]);
      pos = ends[k];
    }
    note(pos, text.length);
    if (!spans.length) return text;
    const parts = [];
    let from = 0;
    for (let i = 0; i < spans.length; i += 2) {
      parts.push(text.slice(from, spans[i]), text.slice(spans[i], spans[i + 1]).replace(NOT_SPACE, " "));
      from = spans[i + 1];
    }
    return parts.join("") + text.slice(from);
  }

  /** Where a node missed its place because a hidden node with the same words took it (a label written twice,
   * one copy for narrow screens), the places go to the copies a reader sees. One style check per copy. */
  function sortOutTwins(tree) {
    const { aligned, nodes, datas, rendered: text } = tree;
    const { twins, order, starts, froms, tos } = aligned;
    const words = (k) => datas[k].slice(froms[k], tos[k]);
    for (let i = 0; i < twins.length; i += 2) {
      const [holder, missed] = [twins[i], twins[i + 1]];
      const at = order.indexOf(holder);
      if (at < 0 || starts[missed] >= 0) continue;
      let first = at; // the run of aligned copies with the same words, ending at the holder
      while (first > 0 && words(order[first - 1]) === words(holder)) first--;
      const holders = order.slice(first, at + 1);
      const takers = [...holders, missed].filter((k) => shows(nodes[k])).slice(0, holders.length);
      if (takers.some((k, n) => k !== holders[n])) Caveat.movePlaces(aligned, datas, text, holders, takers);
    }
  }

  /** Text that is not prose (code, an editable area) and found no place: if the prose node placed just before it
   * is hidden, it may have taken that text, which must then not be sent. One style check per such node. */
  function dropHiddenBeforeMissedText(tree) {
    const { aligned, prose, nodes } = tree;
    const { order, starts, froms, tos } = aligned;
    for (let k = 0, at = 0; k < nodes.length; k++) {
      while (at < order.length && order[at] < k) at++;
      if (starts[k] >= 0 || prose[k] || froms[k] === tos[k]) continue;
      const before = order[at - 1];
      if (before === undefined || !prose[before] || shows(nodes[before])) continue;
      starts[before] = -1;
      order.splice(at - 1, 1);
      at--;
    }
  }

  /** A block of `line` (found at `base` in the tree's rendered text), less the DROPPED characters (`dropping`:
   * whether the page has any at all, asked once rather than for each line). */
  function blockOf(tree, line, base, dropping) {
    const removed = dropping ? Array.from(line.matchAll(DROPPED), (m) => m.index) : NONE;
    if (!removed.length) return { text: line, tree, base, removed: null };
    return { text: line.replace(DROPPED, ""), tree, base, removed };
  }

  /** All visible text blocks under `rootNode` at once (see Collector). */
  function collectBlocks(rootNode, options) {
    const collector = new Collector(rootNode, options);
    collector.step();
    return collector.blocks;
  }

  /** True when text in `node` (a text node or an element) can be seen: rendered (display: contents inside a
   * rendered parent counts), and not visibility: hidden. Checked for each highlight before it is wrapped where
   * some text did not line up: the alignment cannot tell a hidden node from a visible one with the same words. */
  function shows(node) {
    const el = node.nodeType === 1 ? node : parentOf(node);
    if (!el) return false;
    if (el.checkVisibility({ visibilityProperty: true })) return true;
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    return style.display === "contents" && style.visibility === "visible" && rendered(el);
  }

  /** The element whose blocks must be collected again when `node` changes: its nearest block-level HTML box
   * (not a box inside a drawing or formula). */
  function blockRootOf(node) {
    for (let el = node.nodeType === 1 ? node : parentOf(node); el; el = parentOf(el)) {
      if (!isHtml(el) || el.closest("svg, math")) continue;
      const display = el.ownerDocument.defaultView.getComputedStyle(el).display;
      if (el.localName === "br" || !INLINE_DISPLAY.has(display)) return el; // hidden ones too: open() skips them
    }
    return null;
  }

  /** A test of whether a node is one of `nodes` or inside one, as Node.contains asks it (within one tree), by a
   * walk up from the node: asking each of them in turn cost a page that rewrote 19,000 paragraphs 19,000 squared
   * calls, half a minute of its main thread. */
  function insideAny(nodes) {
    const set = new Set(nodes);
    return (node) => {
      for (let n = node; n; n = n.parentNode) if (set.has(n)) return true;
      return false;
    };
  }

  /** The nodes of `nodes` (each given once) that no other of them contains, in their order. */
  function outermost(nodes) {
    const inside = insideAny(nodes);
    return nodes.filter((n) => !n.parentNode || !inside(n.parentNode));
  }

  Object.assign(Caveat, { Collector, collectBlocks, rendered, shows, blockRootOf, insideAny, outermost });
})(globalThis);
