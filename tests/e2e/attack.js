/* A hostile page's own script, run in the page by both browsers' tests (test_attacks.py, firefox_driver.js): it
 * fires synthetic events at a highlight, tries to reach into Caveat's card and click its buttons, hides it with CSS,
 * and messages the extension as if it were Caveat. Returns what it could see. `extensionId`: Caveat's id, if known. */
(extensionId) => {
  const seen = {};
  const mark = document.querySelector("caveat-hl[data-first]");
  for (const type of ["mouseover", "focusin", "click"]) mark.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
  for (const key of ["Enter", " "]) mark.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  const host = document.querySelector("caveat-card");
  seen.host = !!host;
  seen.shadowRoot = host ? host.shadowRoot : "no host";
  try {
    host.attachShadow({ mode: "open" });
    seen.attach = "attached";
  } catch (err) {
    seen.attach = err.name;
  }
  seen.buttons = document.querySelectorAll("caveat-card button, button.dismiss, button.report").length;
  for (const button of document.querySelectorAll("button")) button.click();
  const style = document.createElement("style");
  style.textContent = "caveat-card { display: none !important; visibility: hidden !important; opacity: 0 !important; }";
  document.head.append(style);
  window.postMessage({ type: "report", treatment: "stem-cell-therapy", kb: "" }, "*");
  try {
    chrome.runtime.sendMessage(extensionId, { type: "report", treatment: "stem-cell-therapy", kb: "" });
    seen.runtime = "sent";
  } catch (err) {
    seen.runtime = err.name;
  }
  if (host) {
    const css = getComputedStyle(host);
    seen.hostStyle = [css.display, css.visibility, css.opacity];
  }
  return seen;
}
