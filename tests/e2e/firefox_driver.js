/* Drives Debian's Firefox (firefox-esr) with Caveat's unpacked extension, through WebDriver BiDi with
 * puppeteer-core (Playwright drives only its own patched Firefox). For tests/e2e/test_extension_firefox.py:
 * for each page, waits until it shows the highlights it should, focuses the first one from the keyboard's point of
 * view (focus, as Tab would), reads the card that opens, presses Esc, and prints what it saw as JSON. A page may
 * name a script to `run` then (the page changing itself) and how many highlights there should be `after` it.
 *
 *   node tests/e2e/firefox_driver.js '{"firefox": PATH, "extension": DIR, "pages": [{"url": URL, "count": N}]}'
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const puppeteer = require("puppeteer-core");

const HIGHLIGHTS = fs.readFileSync(path.join(__dirname, "highlights.js"), "utf8");
const CARD = "caveat-card >>> .card";

async function visit(browser, { url, count, run, after }) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto(url);
  await page.waitForFunction(`(${HIGHLIGHTS})().length >= ${count}`, { timeout: 20_000 });
  const highlights = await page.evaluate(`(${HIGHLIGHTS})()`);
  await page.focus("caveat-hl[data-first]");
  const card = await page.waitForSelector(CARD, { visible: true });
  const name = await card.$eval(".name", (el) => el.textContent);
  const verdict = await card.$eval(".verdict", (el) => el.textContent);
  await page.keyboard.press("Escape");
  await page.waitForSelector(CARD, { hidden: true });
  let later = null;
  if (run) {
    await page.evaluate(run);
    await page.waitForFunction(`(${HIGHLIGHTS})().length >= ${after}`, { timeout: 20_000 });
    later = await page.evaluate(`(${HIGHLIGHTS})()`);
  }
  await page.close();
  return { url, highlights, card: { name, verdict }, later, errors };
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
