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
      units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
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

  /** Index of the segment holding block position `pos` (binary search over segment starts). */
  function segmentAt(block, pos) {
    let lo = 0;
    let hi = block.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (block.at[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The [start, end) stretches of text nodes that block positions [start, end) came from, one per node. */
  function piecesFor(block, start, end) {
    const pieces = [];
    for (let i = segmentAt(block, start); i < block.at.length && block.at[i] < end; i++) {
      const segEnd = i + 1 < block.at.length ? block.at[i + 1] : block.text.length;
      const node = block.nodes[i];
      const from = block.offs[i] + Math.max(start, block.at[i]) - block.at[i];
      const to = block.offs[i] + Math.min(end, segEnd) - block.at[i];
      const last = pieces[pieces.length - 1];
      if (last && last.node === node) last.end = to;
      else pieces.push({ node, start: from, end: to });
    }
    return pieces;
  }

  /** The text-node pieces of one server highlight in `block`, or null when its quote is not in the block. */
  function anchorHighlight(block, highlight) {
    let start = cpToUtf16(block.text, highlight.start);
    let end = cpToUtf16(block.text, highlight.end);
    if (block.text.slice(start, end) !== highlight.exact) {
      start = findQuote(block.text, highlight, start);
      if (start < 0) return null;
      end = start + highlight.exact.length;
    }
    return { start, end, pieces: piecesFor(block, start, end) };
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
