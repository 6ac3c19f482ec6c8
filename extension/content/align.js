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

  /** True when text[from, to) is all whitespace (or empty). */
  function allSpace(text, from, to) {
    for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
    return true;
  }

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

  /** The first place after `at` (and within LOOK_AHEAD) where data[from, to) matches, or -1. Its first word is
   * looked for as written, in lower case, in upper case and capitalised, as text-transform may show it (cheaper
   * than lowering the rendered text for each node that misses: on pages with many hidden nodes that adds up). */
  function lookAhead(data, from, to, rendered, at) {
    let wordEnd = from;
    while (wordEnd < to && wordEnd - from < 32 && !isSpace(data.charCodeAt(wordEnd))) wordEnd++;
    const word = data.slice(from, wordEnd);
    const lower = word.toLowerCase();
    const forms = new Set([word, lower, word.toUpperCase(), lower.charAt(0).toUpperCase() + lower.slice(1)]);
    const window = rendered.slice(at + 1, at + 1 + LOOK_AHEAD + word.length);
    let best = -1;
    for (const form of forms) {
      for (let k = window.indexOf(form); k >= 0 && (best < 0 || k < best); k = window.indexOf(form, k + 1)) {
        if (matchAt(data, from, to, rendered, at + 1 + k) >= 0) best = k;
      }
    }
    return best < 0 ? -1 : at + 1 + best;
  }

  /**
   * Lines up the text of every node in `datas` (in document order) with `rendered`. For node k: starts[k] and
   * ends[k] bound its visible characters in `rendered` (-1 when the node is not rendered, or holds only
   * whitespace); froms[k] and tos[k] bound them in the node's own text; exact[k] is 1 when `rendered` holds them
   * character for character (no whitespace collapsed, no case changed); blank[k] is a whitespace-only node met
   * between it and the aligned node before it (-1 if none). `order` lists the aligned nodes: their starts (and
   * ends) increase. `missed` counts the nodes with text that did not line up (not rendered, or not found).
   *
   * A node is looked for where the one before it ended, then (unless it repeats that node's words: the rest of
   * the page has other copies) a little further on; a place found further on is kept only if the next node with
   * text lines up right after it (else that text was another node's); `further` counts those places. So with
   * nothing missed and nothing found further on, only whitespace lies between aligned nodes. A node that misses
   * and whose words begin with those of the node before it (a label written twice, one copy hidden) goes into
   * `twins` with it (aligned node, missed node), for the caller to decide, by asking which one shows, who has the
   * place (movePlaces).
   */
  class Alignment {
    /** Starts lining up `datas` with `rendered` (see alignAll); `step` does the work a slice at a time. */
    constructor(datas, rendered) {
      const count = datas.length;
      this.datas = datas;
      // Strings read from the DOM are compared several times slower than the engine's own: one copy of all of
      // them (and of the rendered text) costs far less than that.
      this.all = datas.join("\n");
      this.text = `\n${rendered}`.slice(1);
      this.result = {
        starts: new Int32Array(count).fill(-1), ends: new Int32Array(count), froms: new Int32Array(count),
        tos: new Int32Array(count), exact: new Uint8Array(count), blank: new Int32Array(count).fill(-1),
        order: [], missed: 0, further: 0, twins: [],
      };
      this.state = { k: 0, base: 0, at: 0, previous: -1, lastBlank: -1, unsure: null };
    }

    /** Works until performance.now() passes `deadline`; true once every node is done. One tight loop over plain
     * strings, its state in local variables: this is the collector's hottest code on a long page. */
    step(deadline = Infinity) {
      const { datas, all, text, result } = this;
      const { starts, ends, froms, tos, exact, blank, order, twins } = result;
      let { k, base, at, previous, lastBlank, unsure } = this.state;
      for (; k < datas.length; base += datas[k].length + 1, k++) {
        if ((k & 255) === 255 && performance.now() > deadline) break;
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
        // the usual case first, with the engine's string search: several times faster than matchAt's loop over
        // characters while that loop is not compiled yet, as on every page's first run
        const content = all.slice(from, to);
        let start = skipSpace(text, at);
        let end = text.startsWith(content, start) ? start + content.length : matchAt(all, from, to, text, start);
        if (end < 0 && unsure) { // the place found further on for the node before was not its own: undo it
          starts[unsure.k] = -1;
          order.pop();
          result.missed++;
          if (unsure.previous >= 0 && begins(datas, froms, tos, unsure.previous, unsure.k)) twins.push(unsure.previous, unsure.k);
          ({ at, previous } = unsure);
          start = skipSpace(text, at);
          end = matchAt(all, from, to, text, start);
        }
        unsure = null;
        const twin = end < 0 && previous >= 0 && begins(datas, froms, tos, previous, k); // only asked on a miss
        const repeat = twin && tos[previous] - froms[previous] === to - from; // the very same words
        if (end < 0 && !repeat) {
          start = lookAhead(all, from, to, text, start);
          end = start < 0 ? -1 : matchAt(all, from, to, text, start);
          if (end >= 0) {
            unsure = { k, at, previous };
            result.further++;
          }
        }
        if (end < 0) {
          result.missed++;
          if (twin) twins.push(previous, k);
          continue;
        }
        starts[k] = start;
        ends[k] = end;
        exact[k] = end - start === content.length && text.startsWith(content, start) ? 1 : 0;
        blank[k] = lastBlank;
        order.push(k);
        at = end;
        previous = k;
        lastBlank = -1;
      }
      this.state = { k, base, at, previous, lastBlank, unsure };
      return k >= datas.length;
    }
  }

  /** All of an Alignment at once: its result. */
  function alignAll(datas, rendered) {
    const alignment = new Alignment(datas, rendered);
    alignment.step();
    return alignment.result;
  }

  /** True when node b's words begin with (or are) node a's. */
  function begins(datas, froms, tos, a, b) {
    return tos[a] - froms[a] <= tos[b] - froms[b] && datas[b].startsWith(datas[a].slice(froms[a], tos[a]), froms[b]);
  }

  /** Gives the places in the rendered text of aligned nodes `holders` (consecutive in `order`) to `takers`, in
   * order: the nodes among the holders and their twin that a reader sees (see alignAll). Each taker is matched
   * again at the place it takes; nothing moves if one does not fit there. */
  function movePlaces(aligned, datas, rendered, holders, takers) {
    const { starts, ends, froms, tos, exact, blank, order } = aligned;
    const first = order.indexOf(holders[0]);
    const next = order[first + holders.length];
    const places = takers.map((k, i) => {
      const start = starts[holders[i]];
      return { start, end: matchAt(datas[k], froms[k], tos[k], rendered, start), blank: blank[holders[i]] };
    });
    const fits = (p, i) => p.end >= 0 && p.end <= (i + 1 < places.length ? places[i + 1].start
      : next === undefined ? rendered.length : starts[next]);
    if (!places.every(fits)) return;
    for (const k of holders) starts[k] = -1;
    takers.forEach((k, i) => {
      ({ start: starts[k], end: ends[k], blank: blank[k] } = places[i]);
      exact[k] = rendered.startsWith(datas[k].slice(froms[k], tos[k]), starts[k]) ? 1 : 0;
    });
    order.splice(first, holders.length, ...takers);
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

  Object.assign(Caveat, { allSpace, Alignment, alignAll, movePlaces, offsetIn });
})(globalThis);
