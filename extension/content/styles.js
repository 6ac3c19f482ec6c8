/* Caveat's look, as CSS text applied through constructed style sheets: they need no <style> element, so a
 * page's strict Content-Security-Policy does not block them, and they can be adopted by open shadow roots too.
 * Colours are the Okabe-Ito palette (readable with every common colour-vision deficiency); each level also has
 * its own underline style and glyph, so colour is never the only signal. The glyph is absolutely positioned and
 * nothing changes size, so highlighting causes no layout shift. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  const LEVEL_STYLE = {
    danger: { color: "#D55E00", line: "wavy", glyph: "!!", label: "danger" },
    warning: { color: "#E69F00", line: "dashed", glyph: "!", label: "warning" },
    depends: { color: "#CC79A7", line: "double", glyph: "~", label: "depends on the use" },
    caution: { color: "#0072B2", line: "dotted", glyph: "?", label: "caution" },
    established: { color: "#009E73", line: "solid", glyph: "\u2713", label: "established" },
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

  const CARD_CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483647; box-sizing: border-box; width: min(380px, calc(100vw - 16px));
  max-height: min(460px, calc(100vh - 16px)); overflow: auto; background: #fff; color: #1a1a1a;
  border: 1px solid #bbb; border-top: 6px solid var(--level); border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  padding: 12px 14px; text-align: left; }
.card[hidden] { display: none; }
.name { font-size: 16px; font-weight: 700; margin: 0 24px 2px 0; }
.verdict { margin: 0 0 8px; font-weight: 600; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; background: var(--level); color: #fff;
  font-size: 12px; font-weight: 700; text-transform: uppercase; margin-right: 6px; }
.badge.warning { color: #000; }
.uses li { margin: 0 0 2px; }
.uses .level-word { font-weight: 700; }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #555; margin: 10px 0 2px; }
p, ul, ol { margin: 0 0 4px; } ul, ol { padding-left: 18px; }
a { color: #0b57d0; }
.close { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 18px; cursor: pointer;
  color: #444; line-height: 1; padding: 2px 4px; }
.foot { margin-top: 10px; border-top: 1px solid #ddd; padding-top: 6px; font-size: 12px; color: #444; }
.foot button { font: inherit; color: #0b57d0; background: none; border: 0; padding: 0; text-decoration: underline;
  cursor: pointer; }
.foot p { margin: 2px 0; }`;

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
