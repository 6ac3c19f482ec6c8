/* The page's highlights as [text, level] in document order, light and open shadow DOM alike. Evaluated in the page
 * by both browsers' tests (extension_browser.py for Chromium, firefox_driver.js for Firefox). */
() => {
  const out = [];
  const visit = (root) => {
    const marks = [...root.querySelectorAll("caveat-hl")];
    for (const first of marks.filter((m) => m.hasAttribute("data-first"))) {
      const text = marks.filter((m) => m.dataset.caveat === first.dataset.caveat).map((m) => m.textContent).join("");
      out.push([text, first.dataset.level]);
    }
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return out;
}
