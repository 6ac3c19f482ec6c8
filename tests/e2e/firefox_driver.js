/* Drives Debian's Firefox (firefox-esr) with Caveat's unpacked extension, through WebDriver BiDi with
 * puppeteer-core (Playwright drives only its own patched Firefox). For tests/e2e/test_extension_firefox.py:
 * for each page, waits until it shows the highlights it should, focuses the first one from the keyboard's point of
 * view (focus, as Tab would), waits for its card to open, presses Esc, and prints what it saw as JSON. A page may
 * name a script to `run` then (the page changing itself) and how many highlights there should be `after` it, and
 * be `hostile`: attack.js runs in it first.
 *
 *   node tests/e2e/firefox_driver.js '{"firefox": PATH, "extension": DIR, "pages": [{"url": URL, "count": N}]}'
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const puppeteer = require("puppeteer-core");

const HIGHLIGHTS = fs.readFileSync(path.join(__dirname, "highlights.js"), "utf8");
const ATTACK = fs.readFileSync(path.join(__dirname, "attack.js"), "utf8");
const FIRST = "caveat-hl[data-first]";

/** Loads a page by `go` (goto or reload) and waits until `loaded`, read in the page, is true. The page decides,
 * not the driver's load event: Firefox's BiDi can report a navigation under another id than the one the driver
 * waits for (puppeteer/puppeteer#13041), so that wait can time out on a page that did load, and it can also end
 * without an error on a navigation that was aborted, leaving the old document in place. */
async function navigate(page, go, loaded) {
  try {
    await go({ timeout: 15_000 });
  } catch (error) {
    if (error.name !== "TimeoutError") throw error;
  }
  await page.waitForFunction(loaded, { timeout: 15_000 });
}

/** The page's highlights, once there are at least `count`. */
async function shown(page, count) {
  await page.waitForFunction(`(${HIGHLIGHTS})().length >= ${count}`, { timeout: 20_000 });
  return page.evaluate(`(${HIGHLIGHTS})()`);
}

/** Runs one step of a visit, naming the page and the step in any error it throws. */
async function step(url, name, action) {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof Error)) throw new Error(`${url}: ${name}: ${String(error)}`); // a page can throw anything
    error.message = `${url}: ${name}: ${error.message}`;
    throw error;
  }
}

/** Whether the first highlight's card is open, as Caveat tells assistive technology (aria-expanded on the
 * highlight): the card itself is in a closed shadow root that neither the page nor this driver can read. */
async function waitExpanded(page, value) {
  await page.waitForSelector(`${FIRST}[aria-expanded="${value}"]`, { timeout: 10_000 });
}

/** The hostile page's script (attack.js), and what it changed: highlights (a dismissal removes them, here and
 * after a reload), tabs, and whether the card opened. */
async function attack(browser, page, count) {
  const requests = [];
  const onRequest = (request) => /^https?:/.test(request.url()) && requests.push(request.url()); // not data: fonts
  page.on("request", onRequest);
  const before = { highlights: await page.evaluate(`(${HIGHLIGHTS})()`), pages: (await browser.pages()).length };
  const unopened = await page.evaluate(`(${ATTACK})("caveat@caveat-extension.org")`);
  const expandedBefore = await page.$eval(FIRST, (m) => m.getAttribute("aria-expanded"));
  await page.focus(FIRST); // the card open, as a reader's focus opens it
  await waitExpanded(page, "true");
  const seen = await page.evaluate(`(${ATTACK})("caveat@caveat-extension.org")`);
  const expanded = await page.$eval(FIRST, (m) => m.getAttribute("aria-expanded"));
  const after = { highlights: await page.evaluate(`(${HIGHLIGHTS})()`), pages: (await browser.pages()).length };
  page.off("request", onRequest);
  await page.evaluate("window.caveatTestOldDocument = true");
  await navigate(page, (options) => page.reload(options),
    '!window.caveatTestOldDocument && document.readyState === "complete"');
  return { unopened, expandedBefore, seen, expanded, before, after, requests, reloaded: await shown(page, count) };
}

async function visit(browser, { url, count, run, after, hostile }) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await step(url, "load", () => navigate(page, (options) => page.goto(url, options),
    `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`));
  const highlights = await step(url, "highlights", () => shown(page, count));
  const attacked = hostile ? await step(url, "attack", () => attack(browser, page, count)) : null;
  const shadowRoot = await step(url, "card", async () => {
    await page.focus(FIRST);
    await waitExpanded(page, "true");
    const root = await page.$eval("caveat-card", (host) => String(host.shadowRoot));
    await page.keyboard.press("Escape");
    await waitExpanded(page, "false");
    return root;
  });
  const later = run ? await step(url, run, async () => {
    await page.evaluate(run);
    return shown(page, after);
  }) : null;
  await page.close();
  return { url, highlights, card: { opened: true, shadowRoot }, attacked, later, errors };
}

async function main() {
  const { firefox, extension, pages } = JSON.parse(process.argv[2]);
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: firefox, headless: true });
  try {
    await browser.installExtension(extension);
    const results = [];
    for (const page of pages) results.push(await visit(browser, page));
    process.stdout.write(JSON.stringify(results));
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
