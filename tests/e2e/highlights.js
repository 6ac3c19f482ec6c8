/* The page's highlights as [text, level] in document order, light and open shadow DOM alike. Evaluated in the page
 * by both browsers' tests (extension_browser.py for Chromium, firefox_driver.js for Firefox). */
() => {
  const out = [];
  const visit = (root) => {
    // a highlight's marks follow one another: its first, then the rest up to the next highlight's first
    for (const mark of root.querySelectorAll("caveat-hl")) {
      if (mark.hasAttribute("data-first")) out.push(["", mark.dataset.level]);
      out[out.length - 1][0] += mark.textContent;
    }
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return out;
}
