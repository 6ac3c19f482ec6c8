"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./helpers");

const { cardPlacement } = load("<p></p>", ["content/popover.js"]).Caveat;

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function rectOf(spot, natural) {
  const height = Math.min(natural.height, spot.maxHeight);
  return { top: spot.top, left: spot.left, right: spot.left + spot.width, bottom: spot.top + height };
}

/** Every placement, for highlights all over the viewport, at three sizes, under a 64 px header and with none. */
function* cases() {
  for (const [width, height] of [[1366, 680], [1920, 1080], [390, 740]]) {
    for (const inset of [0, 64]) {
      for (let y = inset + 2; y < height - 24; y += 37) {
        for (const x of [10, width / 2, width - 120]) {
          const target = { top: y, bottom: y + 22, left: x, right: Math.min(x + 110, width - 2), lead: 30 };
          for (const natural of [{ width: 380, height: 250 }, { width: 380, height: 900 }]) {
            yield { viewport: { width, height }, target, topInset: inset, natural };
          }
        }
      }
    }
  }
}

test("the card never covers the highlight or the header, and stays in the viewport", () => {
  let count = 0;
  for (const c of cases()) {
    const spot = cardPlacement({ ...c, mayScroll: false });
    const card = rectOf(spot, c.natural);
    const where = JSON.stringify({ ...c, spot });
    assert.ok(!overlaps(card, c.target), where);
    assert.ok(card.top >= c.topInset, where);
    assert.ok(card.left >= 0 && card.right <= c.viewport.width && card.bottom <= c.viewport.height + 0.5, where);
    assert.equal(spot.side === "sheet", c.viewport.width < 600, where);
    count++;
  }
  assert.ok(count > 500);
});

test("on a phone, a highlight low on the screen is first scrolled up under the header, with its paragraph's start", () => {
  const spot = cardPlacement({ viewport: { width: 390, height: 740 }, topInset: 64, natural: { width: 390, height: 500 },
    target: { top: 600, bottom: 622, left: 20, right: 140, lead: 40 }, mayScroll: true });
  assert.equal(spot.scrollBy, 600 - (64 + 10) - 2 * 10 - 40);
});

test("a card that fits below goes below; one that fits only above goes above", () => {
  const base = { viewport: { width: 1366, height: 680 }, topInset: 64, natural: { width: 380, height: 300 } };
  assert.equal(cardPlacement({ ...base, target: { top: 100, bottom: 120, left: 300, right: 400 } }).side, "below");
  assert.equal(cardPlacement({ ...base, target: { top: 560, bottom: 580, left: 300, right: 400 } }).side, "above");
});
