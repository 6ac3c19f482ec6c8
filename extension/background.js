/* Caveat's background worker: the only part that talks to the server. From a page it accepts nothing but the
 * text to annotate (no URL, method or header), so a page cannot use it as a proxy. It keeps no state of its own:
 * settings live in chrome.storage, the badge in the browser, the page's findings in the content script. */
"use strict";
if (typeof importScripts === "function") importScripts("shared/settings.js", "shared/access_token.js", "shared/server_identity.js", "traffic.js"); // Firefox: via "scripts"

const Caveat = globalThis.Caveat;
const TIMEOUT_MS = 5000;
const MAX_BLOCKS = 20000;
const MAX_CHARS = 2_000_000;
const BADGE = {
  ok: { color: "#0072B2" },
  error: { text: "!", color: "#D55E00" },
  paused: { text: "off", color: "#777777" },
  waiting: { text: "", color: "#777777" },
  off: { text: "off", color: "#777777" },
};

function problem(code, message) {
  return { ok: false, error: { code, message } };
}

/** The blocks a content script sent, or an error naming what is wrong with them. */
function checkBlocks(blocks) {
  if (!Array.isArray(blocks) || !blocks.every((b) => typeof b === "string")) {
    return "blocks must be a list of strings";
  }
  if (blocks.length > MAX_BLOCKS) return `too many blocks (${blocks.length}; at most ${MAX_BLOCKS})`;
  const chars = blocks.reduce((sum, b) => sum + b.length, 0);
  return chars > MAX_CHARS ? `too much text (${chars} characters; at most ${MAX_CHARS})` : null;
}

const MAX_TITLE = 1000;
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** The page context a content script sent ({title, headline, lang}, each optional) as the fields to send, or an
 * error string. Empty values are left out; the server reads the title and headline when the text names no use. */
function pageFields(page) {
  if (page === undefined) return {};
  if (!page || typeof page !== "object" || Array.isArray(page)) return "page must be an object";
  const fields = {};
  for (const key of ["title", "headline", "lang"]) {
    const value = page[key];
    if (value === undefined || value === "") continue;
    if (typeof value !== "string") return `page.${key} must be a string`;
    if (key !== "lang" && value.length > MAX_TITLE) return `page.${key} is longer than ${MAX_TITLE} characters`;
    if (key === "lang" && (value.length > 35 || !LANG_TAG.test(value))) return "page.lang must be a language tag";
    fields[key] = value;
  }
  return fields;
}

/** A human sentence for a failed fetch, so the popup can say what happened, and what to do (see startAdvice). */
async function unreachable(serverUrl, err) {
  if (err && err.name === "AbortError") {
    return problem("timeout", `Caveat's server at ${serverUrl} did not answer within ${TIMEOUT_MS / 1000} seconds.`);
  }
  const advice = await Caveat.startAdvice(Caveat.parseServerUrl(serverUrl).origin);
  return problem("unreachable", `Caveat cannot reach its server at ${serverUrl}. ${advice}`);
}

const asked = new Set(); // servers on this computer asked, in this worker's life, how they are started again

/** A server on this computer answered: it is asked once (per worker life) how to start it again, so the message for
 * the day it does not answer names the command that works for how Caveat was installed. */
function learnStartCommand(server) {
  if (!Caveat.isLoopbackUrl(server) || asked.has(server)) return;
  asked.add(server);
  Caveat.fetchIdentity(server).catch(() => {});
}

/** The server said no: its own message, or what to do about a token it does not know (401 invalid_token). */
function refused(server, status, body) {
  const error = body && body.error ? body.error : { message: `HTTP ${status}` };
  if (status === 401 && error.code === "invalid_token") {
    return { ok: false, error: { code: "invalid_token", status, message: `The server at ${new URL(server).host} does `
      + "not accept the access token saved in Caveat's options. Correct it there, or remove it to be counted as one reader." } };
  }
  return { ok: false, error: { code: "server_error", status, message: `Caveat's server refused the page: ${error.message}` } };
}

/** A failure that means the server is slow or failing (not a refusal of this page): later requests back off. */
function overloaded(result) {
  const { code, status } = result.error;
  return code === "timeout" || code === "unreachable" || status === 429 || status === 503;
}

const traffic = new Caveat.Traffic({ run: post, overloaded, fits: (blocks) => !checkBlocks(blocks) });

/** A content script's blocks, checked, queued behind the tab's earlier requests (see traffic.js). */
async function annotate(tabId, message) {
  const bad = checkBlocks(message.blocks);
  if (bad) return problem("bad_request", bad);
  const context = pageFields(message.page);
  if (typeof context === "string") return problem("bad_request", context);
  return traffic.submit(tabId, String(message.generation), message.blocks, context);
}

/** One request to the server; `signal` aborts it when the tab goes away. */
async function post(blocks, context, signal) {
  const settings = await Caveat.loadSettings();
  if (!Caveat.serverAllowed(settings)) {
    return problem("consent", "Caveat's server is not on this computer and you have not agreed to send page text to it.");
  }
  const server = Caveat.parseServerUrl(settings.serverUrl).origin;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  signal.addEventListener("abort", () => controller.abort());
  try {
    const response = await fetch(`${server}/api/v1/annotate`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...Caveat.tokenHeaders(server, await Caveat.loadTokens()) },
      body: JSON.stringify({ blocks, ...context }),
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) return refused(server, response.status, body);
    if (!body || !Array.isArray(body.highlights)) return problem("server_error", "Caveat's server sent an answer Caveat does not understand.");
    learnStartCommand(server);
    return { ok: true, data: body, server }; // the popup names the server that answered
  } catch (err) {
    return unreachable(settings.serverUrl, err);
  } finally {
    clearTimeout(timer);
  }
}

function setBadge(tabId, { state, count }) {
  const look = BADGE[state] || { text: "", color: "#0072B2" };
  const text = state === "ok" ? (count ? String(count) : "") : look.text || "";
  chrome.action.setBadgeText({ tabId, text }).catch(() => {});
  chrome.action.setBadgeBackgroundColor({ tabId, color: look.color }).catch(() => {});
  const title = state === "error" ? "Caveat: cannot annotate this page (click for details)"
    : state === "ok" ? `Caveat: ${count} treatment${count === 1 ? "" : "s"} found`
      : state === "waiting" ? "Caveat: click to check this page" : "Caveat";
  chrome.action.setTitle({ tabId, title }).catch(() => {});
}

/** Opens the report page for one card; only a well-formed treatment id and KB version get through. */
function openReport({ treatment, kb }) {
  if (!/^[a-z0-9-]{1,100}$/.test(String(treatment)) || !/^[0-9a-f]{0,64}$/.test(String(kb))) return;
  const params = new URLSearchParams({ treatment, kb });
  chrome.tabs.create({ url: chrome.runtime.getURL(`report.html?${params}`) }).catch(() => {});
}

/** The reader clicked Caveat's button on a tab: a content script waiting there for that starts; where none runs (the
 * reader withdrew Caveat's access to all sites, so the browser kept it out) the content scripts are injected into this
 * tab, which the click opened to Caveat (activeTab), marked as clicked. Fails quietly on pages Caveat may not read. */
async function startIn(tabId) {
  if (await chrome.tabs.sendMessage(tabId, { type: "activate" }).catch(() => null)) return;
  const target = { tabId };
  await chrome.scripting.executeScript({ target, func: () => { (globalThis.Caveat = globalThis.Caveat || {}).clicked = true; } });
  await chrome.scripting.executeScript({ target, files: chrome.runtime.getManifest().content_scripts[0].js });
}

/** A content script that waits for the reader's click (the "only when I click" mode) although Caveat may not read its
 * site (the reader withdrew access to all sites) can only be running because the reader clicked Caveat's button
 * there: the browser then runs the withheld content scripts instead of opening the popup. So it starts. */
async function startIfClicked(tabId, url) {
  const origin = new URL(url).origin;
  if (!(await chrome.permissions.contains({ origins: [`${origin}/*`] }))) await startIn(tabId);
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !message) return false;
  if (message.type === "start" && String(sender.url).startsWith(chrome.runtime.getURL("popup.html"))) { // the popup only
    startIn(Number(message.tabId)).catch(() => {}).finally(() => sendResponse({ ok: true }));
    return true;
  }
  if (message.type === "annotate" && sender.tab) {
    annotate(sender.tab.id, message).then(sendResponse);
    return true;
  }
  if (message.type === "report" && sender.tab) {
    openReport(message);
    return false;
  }
  if (message.type === "status" && sender.tab) {
    setBadge(sender.tab.id, { state: String(message.state), count: Number(message.count) || 0 });
    if (message.state === "waiting") startIfClicked(sender.tab.id, sender.url).catch(() => {});
  }
  return false;
});

/* A closed tab, or one that moved to another address, wants no answers for its old page. */
chrome.tabs.onRemoved.addListener((tabId) => traffic.drop(tabId));
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) traffic.drop(tabId);
});

chrome.runtime.onInstalled.addListener((details) => {
  if (details.reason === "install") chrome.runtime.openOptionsPage().catch(() => {});
});
