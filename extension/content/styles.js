/* Caveat's look, as CSS text applied through constructed style sheets: they need no <style> element, so a
 * page's strict Content-Security-Policy does not block them, and they can be adopted by open shadow roots too.
 * Colours are the Okabe-Ito palette (readable with every common colour-vision deficiency); each level also has
 * its own underline style and glyph, so colour is never the only signal. The glyph is absolutely positioned and
 * nothing changes size, so highlighting causes no layout shift. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  const LEVEL_STYLE = {
    danger: { color: "#D55E00", line: "wavy", glyph: "!!" },
    warning: { color: "#E69F00", line: "dashed", glyph: "!" },
    depends: { color: "#CC79A7", line: "double", glyph: "~" },
    caution: { color: "#0072B2", line: "dotted", glyph: "?" },
    established: { color: "#009E73", line: "solid", glyph: "\u2713" },
  };

  const levelRules = Object.entries(LEVEL_STYLE).map(([level, s]) => `
caveat-hl[data-level="${level}"] { text-decoration-color: ${s.color}; text-decoration-style: ${s.line}; }
caveat-hl[data-level="${level}"][data-first]::after { content: "${s.glyph}"; background: ${s.color}; }`).join("");

  const MARK_CSS = `
caveat-hl { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 0.18em;
  text-decoration-skip-ink: none; position: relative; cursor: help; border-radius: 2px; }
caveat-hl[data-level="established"] { text-decoration-thickness: 1px; }
caveat-hl[data-first]::after { position: absolute; top: -0.7em; right: -0.55em; font: bold 10px/13px system-ui, sans-serif;
  color: #fff; min-width: 13px; height: 13px; text-align: center; border-radius: 7px; pointer-events: none;
  text-decoration: none; }
caveat-hl[data-level="warning"][data-first]::after { color: #000; }
caveat-hl:focus { outline: 2px solid #0072B2; outline-offset: 1px; }
caveat-hl:focus:not(:focus-visible) { outline: none; }
${levelRules}`;

  const tagRules = Object.entries(LEVEL_STYLE).map(([level, s]) => `
.tag.${level}, .badge.${level} { background: ${s.color}; }`).join("");

  /* The card's size is set where it is placed (popover.js): it never grows past the room beside the highlight and
   * scrolls inside instead. */
  const CARD_CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; box-sizing: border-box; width: min(380px, calc(100vw - 16px));
  overflow: auto; overscroll-behavior: contain; background: #fff; color: #1a1a1a;
  border: 1px solid #bbb; border-top: 6px solid var(--level); border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  padding: 8px 14px 10px; text-align: left; }
.card.sheet { border-radius: 12px 12px 0 0; width: 100vw; }
.card[hidden] { display: none; }
.top { display: flex; align-items: baseline; gap: 8px; }
.name { font-size: 13px; font-weight: 600; color: #444; margin: 0; flex: 1; }
.verdict { margin: 2px 0 6px; font-size: 15px; line-height: 1.35; }
.badge, .tag { display: inline-block; padding: 0 6px; border-radius: 4px; color: #fff; font-size: 12px; font-weight: 700;
  text-transform: uppercase; vertical-align: 1px; }
.badge.warning, .tag.warning { color: #000; }
.summary { margin: 0 0 4px; }
.why { margin: 0 0 6px; font-size: 12px; color: #444; }
.meta { font-size: 12px; color: #444; margin: 0 0 6px; }
details.more { border-top: 1px solid #e3e3e3; }
details.more > summary { cursor: pointer; padding: 4px 0; font-size: 13px; font-weight: 600; color: #333; }
details.more > :not(summary) { margin-bottom: 6px; }
.uses li, .levels li { margin: 0 0 3px; }
p, ul, ol { margin: 0 0 4px; } ul, ol { padding-left: 18px; }
.uses, .levels { list-style: none; padding-left: 0; }
a { color: #0b57d0; }
button { font: inherit; color: #0b57d0; background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; }
button:focus-visible, a:focus-visible, summary:focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }
.next { font-size: 12px; white-space: nowrap; }
.close { font-size: 20px; color: #444; line-height: 1; padding: 2px 6px; text-decoration: none; }
.foot { border-top: 1px solid #ddd; padding-top: 6px; font-size: 12px; color: #444; }
.foot p { margin: 2px 0; }
${tagRules}`;

  /** Adds `cssText` to a document or shadow root; falls back to a <style> element where constructed sheets
   * cannot be adopted. Returns a function that takes it away again. */
  function adoptCss(target, cssText) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
      target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
      return () => {
        target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
      };
    } catch (_err) {
      const style = (target.ownerDocument || target).createElement("style");
      style.textContent = cssText;
      (target.head || target).appendChild(style);
      return () => style.remove();
    }
  }

  Object.assign(Caveat, { LEVEL_STYLE, MARK_CSS, CARD_CSS, adoptCss });
})(globalThis);
