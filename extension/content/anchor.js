/* Turns a highlight from the server (code-point offsets and a quote into one block's text) into the exact
 * stretches of DOM text nodes it covers. Offsets are trusted only when the quote agrees with them; otherwise the
 * quote (prefix, exact, suffix) is searched for, and a highlight that cannot be placed is dropped, never guessed. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});
  const SURROGATE = /[\uD800-\uDBFF]/;

  /** UTF-16 index of code point `cp` in `text` (the server counts code points, the DOM counts UTF-16 units). */
  function cpToUtf16(text, cp) {
    if (!SURROGATE.test(text)) return cp;
    let units = 0;
    for (let seen = 0; seen < cp && units < text.length; seen++) {
      const code = text.charCodeAt(units);
      const next = text.charCodeAt(units + 1); // a pair only when a low surrogate follows, as Python counts
      units += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    }
    return units;
  }

  /** Where `exact` occurs in `text`, preferring the occurrence whose neighbours match prefix and suffix, then the
   * one nearest to `hint`. -1 when it does not occur at all. */
  function findQuote(text, quote, hint = 0) {
    const { exact, prefix = "", suffix = "" } = quote;
    if (!exact) return -1;
    let best = -1;
    let bestScore = -1;
    for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) {
      const context = (text.slice(0, i).endsWith(prefix) ? 2 : 0) + (text.startsWith(suffix, i + exact.length) ? 2 : 0);
      const score = context * text.length - Math.abs(i - hint);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  }

  /** Where block position `pos` is in the tree's rendered text (the block dropped `removed` characters). */
  function renderedAt(block, pos) {
    let at = pos;
    if (block.removed) for (const r of block.removed) if (r <= at) at++;
    return block.base + at;
  }

  /** The aligned node holding rendered position `at` or the first one after it (binary search: ends increase). */
  function firstNodeFrom(aligned, at) {
    const { order, ends } = aligned;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[order[mid]] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /* Containers whose own whitespace is not text a reader sees between words: a mark must not go in them. */
  const NOT_BETWEEN_WORDS = new Set(["ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "select"]);

  /** A whitespace character that stands for the space in the rendered text between aligned nodes order[i - 1]
   * and order[i]: the end of the one before, a whitespace-only node between them (in an element around one of
   * them, not in an element of its own that may be hidden or editable), or the start of the next one; only prose
   * nodes. null when no node holds one (nothing to underline there). */
  function spacePiece(tree, i) {
    const { order, froms, tos, blank } = tree.aligned;
    const { nodes, datas, prose } = tree;
    const before = order[i - 1];
    const after = order[i];
    if (before !== undefined && prose[before] && tos[before] < datas[before].length) {
      return { node: nodes[before], start: tos[before], end: tos[before] + 1 };
    }
    const space = after === undefined ? -1 : blank[after];
    const around = space >= 0 && prose[space] && nodes[space].parentNode;
    if (around && !NOT_BETWEEN_WORDS.has(around.localName)
      && (around.contains(nodes[after]) || (before !== undefined && around.contains(nodes[before])))) {
      return { node: nodes[space], start: 0, end: 1 };
    }
    if (after !== undefined && prose[after] && froms[after] > 0) return { node: nodes[after], start: froms[after] - 1, end: froms[after] };
    return null;
  }

  /** The [start, end) stretches of text nodes that block positions [start, end) came from, one per node; null
   * when part of it came from no prose node. */
  function piecesFor(block, start, end) {
    const { tree } = block;
    const { rendered } = tree;
    const { order, starts, ends } = tree.aligned;
    const from = renderedAt(block, start);
    const to = renderedAt(block, end - 1) + 1;
    const pieces = [];
    let pos = from;
    for (let i = firstNodeFrom(tree.aligned, from); pos < to; i++) {
      const k = order[i];
      const nodeStart = k === undefined ? to : Math.min(starts[k], to);
      if (nodeStart > pos) { // a gap between nodes: only whitespace may be in it
        if (!Caveat.allSpace(rendered, pos, nodeStart)) return null;
        addPiece(pieces, spacePiece(tree, i));
        pos = nodeStart;
      }
      if (k === undefined || pos >= to) break;
      if (!tree.prose[k]) return null;
      const stop = Math.min(to, ends[k]);
      addPiece(pieces, { node: tree.nodes[k], start: offsetOf(tree, k, pos), end: offsetOf(tree, k, stop) });
      pos = ends[k];
    }
    return pieces;
  }

  /** Appends a piece, or lengthens the last one when it continues it. */
  function addPiece(pieces, piece) {
    if (!piece) return;
    const last = pieces[pieces.length - 1];
    if (last && last.node === piece.node && last.end === piece.start) last.end = piece.end;
    else pieces.push(piece);
  }

  /** The offset in aligned node k's text that rendered position `at` stands for. Where the node's whitespace was
   * collapsed, its text is walked alongside the rendered text, from where the last question about the same node
   * left off (highlights come in reading order: a long node is walked once, not once per highlight). */
  function offsetOf(tree, k, at) {
    const { starts, froms, tos, exact } = tree.aligned;
    if (exact[k]) return froms[k] + at - starts[k];
    const last = tree.lastOffset;
    const resume = last && last.k === k && last.at <= at;
    const offset = Caveat.offsetIn(tree.datas[k], resume ? last.offset : froms[k], tos[k], tree.rendered,
      resume ? last.at : starts[k], at);
    tree.lastOffset = { k, at, offset };
    return offset;
  }

  /** The text-node pieces of one server highlight in `block`, or null when its quote is not in the block (or not
   * all of it came from prose text nodes). */
  function anchorHighlight(block, highlight) {
    let start = cpToUtf16(block.text, highlight.start);
    let end = cpToUtf16(block.text, highlight.end);
    if (block.text.slice(start, end) !== highlight.exact) {
      start = findQuote(block.text, highlight, start);
      if (start < 0) return null;
      end = start + highlight.exact.length;
    }
    const pieces = piecesFor(block, start, end);
    return pieces && { start, end, pieces };
  }

  /** A DOM Range over the pieces (for callers that want one, e.g. to measure or select the highlight). */
  function rangeOf(pieces) {
    const range = pieces[0].node.ownerDocument.createRange();
    range.setStart(pieces[0].node, pieces[0].start);
    const last = pieces[pieces.length - 1];
    range.setEnd(last.node, last.end);
    return range;
  }

  Object.assign(Caveat, { cpToUtf16, findQuote, piecesFor, anchorHighlight, rangeOf });
})(globalThis);
