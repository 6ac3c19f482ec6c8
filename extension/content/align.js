/* Lines the text of DOM text nodes up with a page's rendered text (an element's innerText: the text as the browser
 * laid it out, with hidden text left out, whitespace collapsed, a line break after each block box and a tab between
 * table cells). The collector uses it to learn which text nodes a reader can see and where a line of text ends
 * without reading the computed style of every element, which cost most of its time on long pages.
 * Pure string work, no DOM: whitespace is ignored on both sides (the browser collapses it, or turns it into line
 * breaks) and letters may differ in case (text-transform). */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  /* How far past the expected place a text node's words are looked for when they are not there: the rendered
   * text can hold text no node gives exactly (an uppercase transform that changes a word's length, "ß" to "SS"),
   * and a hidden node can have taken text that was not its own. Kept short, so a hidden node's words further on
   * are never taken for its place. */
  const LOOK_AHEAD = 256;

  /** The whitespace CSS collapses (HTML's ASCII whitespace); a no-break space is a character like any other. */
  const isSpace = (code) => code === 32 || code === 10 || code === 9 || code === 13 || code === 12;

  function skipSpace(rendered, at) {
    while (at < rendered.length && isSpace(rendered.charCodeAt(at))) at++;
    return at;
  }

  /** Where data[from, to) ends in `rendered` when it starts at `at` (whitespace and case aside), or -1. */
  function matchAt(data, from, to, rendered, at) {
    let j = at;
    for (let i = from; i < to; i++) {
      const code = data.charCodeAt(i);
      if (isSpace(code)) continue;
      j = skipSpace(rendered, j);
      if (j >= rendered.length) return -1;
      if (code !== rendered.charCodeAt(j) && data[i].toLowerCase() !== rendered[j].toLowerCase()) return -1;
      j++;
    }
    return j;
  }

  /** The first place after `at` (and within LOOK_AHEAD) where data[from, to) matches, or -1. */
  function lookAhead(data, from, to, rendered, at) {
    let wordEnd = from;
    while (wordEnd < to && wordEnd - from < 32 && !isSpace(data.charCodeAt(wordEnd))) wordEnd++;
    const word = data.slice(from, wordEnd);
    const window = rendered.slice(at + 1, at + 1 + LOOK_AHEAD + word.length);
    for (let k = window.indexOf(word); k >= 0; k = window.indexOf(word, k + 1)) {
      const end = matchAt(data, from, to, rendered, at + 1 + k);
      if (end >= 0) return at + 1 + k;
    }
    return -1;
  }

  /**
   * Lines up the text of every node in `datas` (in document order) with `rendered`. For node k: starts[k] and
   * ends[k] bound its visible characters in `rendered` (-1 when the node is not rendered, or holds only
   * whitespace); froms[k] and tos[k] bound them in the node's own text; exact[k] is 1 when `rendered` holds them
   * character for character (no whitespace collapsed, no case changed); blank[k] is a whitespace-only node met
   * between it and the aligned node before it (-1 if none). `order` lists the aligned nodes: their starts (and
   * ends) increase. `missed` counts the nodes with text that did not line up (not rendered, or not found);
   * `twins` holds pairs (aligned node, missed node) where the second repeats the first's words, so the text may
   * be the second's if the first is hidden (see giveToTwin). A node is looked for where the one before it ended, then (unless it repeats that node's
   * words, which further on belong to another node) a little further on. One tight loop over plain strings: this
   * is the collector's hottest code on a long page.
   */
  function alignAll(datas, rendered) {
    const count = datas.length;
    const starts = new Int32Array(count).fill(-1);
    const ends = new Int32Array(count);
    const froms = new Int32Array(count);
    const tos = new Int32Array(count);
    const exact = new Uint8Array(count);
    const blank = new Int32Array(count).fill(-1);
    const order = [];
    // Strings read from the DOM are compared several times slower than the engine's own: one copy of all of
    // them (and of the rendered text) costs far less than that.
    const all = datas.join("\n");
    const text = `\n${rendered}`.slice(1);
    let at = 0;
    let previous = -1;
    let lastBlank = -1;
    let missed = 0;
    const twins = [];
    for (let k = 0, base = 0; k < count; base += datas[k].length + 1, k++) {
      let from = base;
      let to = base + datas[k].length;
      while (from < to && isSpace(all.charCodeAt(from))) from++;
      while (to > from && isSpace(all.charCodeAt(to - 1))) to--;
      froms[k] = from - base;
      tos[k] = to - base;
      if (from === to) {
        if (to > base) lastBlank = k;
        continue;
      }
      let start = skipSpace(text, at);
      // the usual case first, with the engine's string search: several times faster than matchAt's loop over
      // characters while that loop is not compiled yet, as on every page's first run
      const content = all.slice(from, to);
      let same = text.startsWith(content, start);
      let end = same ? start + content.length : matchAt(all, from, to, text, start);
      const repeat = previous >= 0 && tos[previous] - froms[previous] === to - from
        && datas[previous].startsWith(content, froms[previous]);
      if (end < 0 && !repeat) {
        start = lookAhead(all, from, to, text, start);
        end = start < 0 ? -1 : matchAt(all, from, to, text, start);
        same = start >= 0 && text.startsWith(content, start);
      }
      if (end < 0) {
        missed++;
        if (repeat) twins.push(previous, k);
        continue;
      }
      starts[k] = start;
      ends[k] = end;
      exact[k] = same ? 1 : 0;
      blank[k] = lastBlank;
      order.push(k);
      at = end;
      previous = k;
      lastBlank = -1;
    }
    return { starts, ends, froms, tos, exact, blank, order, missed, twins };
  }

  /** Gives the place of aligned node `from` in the rendered text to its twin `to` (same words, see alignAll),
   * when it turns out that `from` is hidden and `to` is not. */
  function giveToTwin(aligned, from, to) {
    const { starts, ends, exact, blank, order } = aligned;
    starts[to] = starts[from];
    ends[to] = ends[from];
    exact[to] = exact[from];
    blank[to] = blank[from];
    starts[from] = -1;
    order[order.indexOf(from)] = to;
  }

  /** The offset in `data` that position `at` of `rendered` stands for, in a node aligned at `start` (alignAll):
   * both texts are walked together as matchAt does. */
  function offsetIn(data, from, to, rendered, start, at) {
    let i = from;
    let j = start;
    while (j < at && i < to) {
      if (isSpace(data.charCodeAt(i))) {
        while (i < to && isSpace(data.charCodeAt(i))) i++;
        while (j < at && isSpace(rendered.charCodeAt(j))) j++;
      } else if (isSpace(rendered.charCodeAt(j))) {
        j++;
      } else {
        i++;
        j++;
      }
    }
    return i;
  }

  Object.assign(Caveat, { isSpace, alignAll, giveToTwin, offsetIn });
})(globalThis);
