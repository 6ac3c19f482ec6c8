/* Runs in Caveat's content-script world (chrome.scripting.executeScript from the service worker), which a page's
 * scripts cannot reach: the tests read the card through it, never through the page. `want`: "open" or "closed"
 * waits (up to 200 frames) until the card is so, "now" does not wait. `reveal`: a selector inside the card to scroll
 * into view and give the middle of, for a real click. Resolves to what the card shows and where. */
async ({ want, reveal }) => {
  const popover = globalThis.Caveat.page.popover;
  // open, and placed: a card waiting a frame for the page to scroll under it is hidden meanwhile
  const isOpen = () => !!(popover.box && !popover.box.hidden && popover.box.style.visibility !== "hidden");
  for (let i = 0; want !== "now" && i < 200 && isOpen() !== (want === "open"); i++) {
    await new Promise((r) => requestAnimationFrame(r));
  }
  if (!isOpen()) return { open: false };
  const rect = (r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
  const box = popover.box;
  const text = (selector) => { const el = box.querySelector(selector); return el ? el.textContent : null; };
  let revealed = null;
  if (reveal) {
    const el = box.querySelector(reveal);
    el.scrollIntoView({ block: "nearest" });
    const r = el.getBoundingClientRect();
    revealed = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }
  return {
    open: true, revealed, mark: popover.mark.textContent, markIn: (popover.mark.closest("[id]") || {}).id || null,
    name: text(".name"), badge: text(".badge"), headline: text(".headline"), meta: text(".meta"), text: box.textContent,
    hrefs: [...box.querySelectorAll("ol.sources a")].map((a) => a.href), images: box.querySelectorAll("img").length,
    side: box.dataset.side, card: rect(box.getBoundingClientRect()), target: rect(popover.targetRect()),
    viewport: { width: document.documentElement.clientWidth, height: innerHeight },
    position: getComputedStyle(box).position,
    focused: popover.shadow.activeElement ? popover.shadow.activeElement.className || popover.shadow.activeElement.localName : null,
  };
}
