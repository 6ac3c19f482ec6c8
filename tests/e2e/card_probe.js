/* Runs in Caveat's content-script world (chrome.scripting.executeScript from the service worker), which a page's
 * scripts cannot reach: the tests read the card through it, never through the page. `want` is "open" or "closed":
 * it resolves, once the card is so (or after 200 frames), to what the card shows and where. */
async (want) => {
  const popover = globalThis.Caveat.page.popover;
  const isOpen = () => !!(popover.box && !popover.box.hidden);
  for (let i = 0; i < 200 && isOpen() !== (want === "open"); i++) await new Promise((r) => requestAnimationFrame(r));
  if (!isOpen()) return { open: false };
  const rect = (r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
  const box = popover.box;
  const text = (selector) => { const el = box.querySelector(selector); return el ? el.textContent : null; };
  return {
    open: true,
    name: text(".name"), badge: text(".badge"), headline: text(".headline"), meta: text(".meta"), text: box.textContent,
    side: box.dataset.side, card: rect(box.getBoundingClientRect()), target: rect(popover.targetRect()),
    viewport: { width: document.documentElement.clientWidth, height: innerHeight },
    scrolled: box.scrollHeight > box.clientHeight,
    focusInCard: box.getRootNode().activeElement !== null,
  };
}
