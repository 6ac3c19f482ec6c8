/* The page's highlights as [text, level] in document order, light and open shadow DOM alike. Evaluated in the page
 * by both browsers' tests (extension_browser.py for Chromium, firefox_driver.js for Firefox). */
() => {
  const out = [];
  const visit = (root) => {
    // a highlight's marks follow one another: its first, then the rest up to the next highlight's first (a mark
    // with no first before it in this tree stands alone, so a page that cut a highlight up shows as such)
    let current = null;
    for (const mark of root.querySelectorAll("caveat-hl")) {
      if (mark.hasAttribute("data-first") || !current) out.push((current = ["", mark.dataset.level]));
      current[0] += mark.textContent;
    }
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return out;
}
