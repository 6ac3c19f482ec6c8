/* Puts Caveat's own inline element around highlighted text, and takes it away again, without ever moving or
 * removing a text node the page owns. Frameworks such as React keep references to their text nodes: the page's
 * node stays where it was (holding the text before the highlight, possibly ""), and everything Caveat adds sits
 * after it. Undo appends the text back to the page's node, so the page gets back the very node it had. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});
  const MARK = "caveat-hl";

  class Wrapper {
    constructor() {
      this.owner = new WeakMap(); // node Caveat created -> the page's text node it was split from
      this.created = new Map(); // the page's text node -> Set of nodes Caveat created after it
    }

    adopt(original, node) {
      this.owner.set(node, original);
      if (!this.created.has(original)) this.created.set(original, new Set());
      this.created.get(original).add(node);
    }

    /** True for nodes Caveat made (marks and the text pieces around them). */
    isOurs(node) {
      return this.owner.has(node) || (node.nodeType === 1 && node.localName === MARK);
    }

    /** The page's text node that `node` was split from, or `node` itself. */
    originalOf(node) {
      return this.owner.get(node) || node;
    }

    /** Wraps [start, end) of text node `node` in `mark` (a new, detached mark element: its attributes are set
     * before it enters the page, which costs no style invalidation) and returns the mark. */
    wrapPiece(node, start, end, mark = node.ownerDocument.createElement(MARK)) {
      const original = this.originalOf(node);
      let middle = node;
      if (start > 0 || node === original) {
        middle = node.splitText(start);
        this.adopt(original, middle);
      }
      if (end - start < middle.length) this.adopt(original, middle.splitText(end - start));
      middle.parentNode.insertBefore(mark, middle);
      mark.appendChild(middle);
      this.adopt(original, mark);
      return mark;
    }

    /** Wraps every piece of one highlight (empty pieces get no mark); the caller goes through a node's highlights
     * from last to first. `makeMark(first)` makes each mark, told whether it is the highlight's first. */
    wrap(pieces, makeMark = null) {
      const marks = [];
      let first = 0;
      while (first < pieces.length && pieces[first].end <= pieces[first].start) first++;
      for (let i = pieces.length - 1; i >= first; i--) {
        const { node, start, end } = pieces[i];
        if (end > start) marks.push(this.wrapPiece(node, start, end, makeMark ? makeMark(i === first) : undefined));
      }
      return marks.reverse();
    }

    /** Removes one mark but keeps its text where it is (used when the reader dismisses a treatment). */
    unwrapMark(mark) {
      if (!mark.parentNode) return;
      const children = Array.from(mark.childNodes);
      mark.replaceWith(...children);
    }

    /** Gives the page's text node back its full text and removes every node Caveat added after it. */
    restore(original) {
      const ours = this.created.get(original);
      if (!ours) return;
      let text = "";
      for (let sib = original.nextSibling; sib && ours.has(sib); ) {
        const next = sib.nextSibling;
        text += sib.textContent;
        sib.remove();
        sib = next;
      }
      if (text) original.appendData(text);
      for (const node of ours) if (node.nodeType === 1 && node.parentNode) this.unwrapMark(node);
      this.created.delete(original);
    }

    /** The page rewrote or removed its text node: Caveat's pieces after it are stale and go. */
    discard(original) {
      const ours = this.created.get(original);
      if (!ours) return;
      for (const node of ours) if (node.parentNode && !(node.parentNode.localName === MARK)) node.remove();
      this.created.delete(original);
    }

    /** True when `node` is a page text node that Caveat has split. */
    hasPieces(node) {
      return this.created.has(node);
    }

    originals() {
      return Array.from(this.created.keys());
    }

    restoreAll() {
      for (const original of this.originals()) this.restore(original);
    }
  }

  Object.assign(Caveat, { Wrapper, MARK });
})(globalThis);
