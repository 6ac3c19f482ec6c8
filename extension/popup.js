/* The toolbar popup: what Caveat found on one tab (popup.html?tab=<id>, or the active tab), a jump to each
 * treatment, and the switch that pauses Caveat on this site. It asks the tab's content script, which knows. */
"use strict";
const Caveat = globalThis.Caveat;
const RETRY_MS = 300;
const $ = (id) => document.getElementById(id);

async function targetTab() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param) return Number(param);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

function say(text, kind = "") {
  $("message").textContent = text;
  $("message").className = `message ${kind}`;
}

/** "6 danger, 12 established": how many of a treatment's mentions have each level, the most cautious first; each
 * is a button that jumps to the next mention at that level. */
function mentionLevels(tabId, t) {
  const levels = t.levels || { [t.level]: t.count };
  const parts = [];
  for (const level of Caveat.LEVELS.filter((l) => levels[l])) {
    if (parts.length) parts.push(document.createTextNode(", "));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.textContent = `${levels[level]} ${level}`;
    button.title = `Show the next ${level} mention of ${t.name}`;
    button.addEventListener("click", () => chrome.tabs.sendMessage(tabId, { type: "jump", id: t.id, level }).catch(() => {}));
    parts.push(button);
  }
  return parts;
}

function showTreatments(tabId, treatments) {
  const list = $("treatments");
  list.replaceChildren(...treatments.map((t) => {
    const item = document.createElement("li");
    const level = document.createElement("span");
    level.className = `level ${t.level}`;
    level.textContent = t.level;
    const jump = document.createElement("button");
    jump.type = "button";
    jump.className = "link";
    jump.textContent = t.name;
    jump.title = "Show it on the page";
    jump.addEventListener("click", () => chrome.tabs.sendMessage(tabId, { type: "jump", id: t.id }).catch(() => {}));
    const count = document.createElement("span");
    count.className = "muted";
    count.append(...mentionLevels(tabId, t));
    item.append(level, jump, count);
    return item;
  }));
}

/** The pause button toggles this site in the list of sites where Caveat never runs. */
function offerPause(host, paused) {
  const button = $("pause");
  button.hidden = !host;
  button.textContent = paused ? `Resume Caveat on ${host}` : `Pause Caveat on ${host}`;
  button.onclick = async () => {
    const { blockedSites } = await Caveat.loadSettings();
    const site = host.replace(/^www\./, "");
    const next = paused ? blockedSites.filter((s) => !Caveat.siteBlocked(host, [s])) : [...blockedSites, site];
    await chrome.storage.sync.set({ blockedSites: next });
    setTimeout(refresh, RETRY_MS);
  };
}

function explain(status) {
  const found = status.treatments || [];
  notChecked(0);
  if (status.state === "error") return say(status.error ? status.error.message : "Caveat could not annotate this page.", "error");
  if (status.state === "paused") return say(`Caveat is paused on ${status.host}.`);
  if (status.state === "off") return say("Caveat is switched off. Turn it on in Options.");
  if (status.state !== "ok") return say("Reading the page…");
  const total = found.length;
  say(total ? `Caveat found ${total} treatment${total === 1 ? "" : "s"} on this page:`
    : `Caveat found no treatments it knows in the text shown on this page (${lines(status.checked)} checked).`, total ? "ok" : "");
  return notChecked(status.unchecked);
}

function lines(n) {
  return `${n || 0} line${n === 1 ? "" : "s"} of text`;
}

/** Prose the page hides now (a folded section, a menu, a page shown only after it loads) is not checked yet: the
 * popup says so rather than give an all-clear. */
function notChecked(count) {
  $("unchecked").hidden = !count;
  $("unchecked").textContent = count ? `Not checked yet: ${count} hidden part${count === 1 ? "" : "s"} of this page `
    + "(folded sections, menus, text the page has not shown). Caveat checks each when it shows." : "";
}

const identities = new Map(); // origin -> promise of what that server says about itself, asked once per popup

/** "Answered by Caveat on this computer (127.0.0.1:8737)", or by a shared server: its own name, quoted, then the
 * host Caveat sent the text to (which the server cannot change), and its privacy page. */
function answeredLine(server, identity) {
  const line = document.createElement("p");
  if (server.local) {
    line.append(`Answered by Caveat on this computer (${server.host}).`);
    return line;
  }
  if (!identity) {
    line.append(`Answered by the Caveat server at ${server.host}.`);
    return line;
  }
  const { name, privacy } = Caveat.identityNodes(document, identity, "what it keeps");
  line.append("Answered by “", name, `”, a shared Caveat server at ${server.host}`);
  if (privacy) line.append(" (", privacy, ")");
  line.append(".");
  return line;
}

/** Which server produced this tab's highlights, and whether it is still the one in Options. */
async function showAnswered(origins) {
  const box = $("answered");
  if (!origins.length) {
    box.hidden = true;
    return;
  }
  const configured = Caveat.parseServerUrl((await Caveat.loadSettings()).serverUrl).origin;
  const { servers, changed } = Caveat.answeredBy(origins, configured);
  for (const s of servers) {
    if (!s.local && !identities.has(s.origin)) identities.set(s.origin, Caveat.fetchIdentity(s.origin));
  }
  const lines = await Promise.all(servers.map(async (s) => answeredLine(s, s.local ? null : await identities.get(s.origin))));
  if (changed) {
    const now = document.createElement("p");
    now.className = "changed";
    now.textContent = `Caveat now uses ${Caveat.isLoopbackUrl(configured) ? "the server on this computer" : `the server at ${new URL(configured).host}`}`
      + ": reload the page to read it there.";
    lines.push(now);
  }
  box.replaceChildren(...lines);
  box.hidden = false;
}

async function refresh() {
  const tabId = await targetTab();
  const status = tabId === null ? null : await chrome.tabs.sendMessage(tabId, { type: "getStatus" }).catch(() => null);
  if (!status) {
    say("Caveat does not run on this page: it reads only web pages (http and https), after they have loaded.");
    return;
  }
  explain(status);
  showTreatments(tabId, status.state === "ok" ? status.treatments : []);
  await showAnswered(status.state === "ok" ? status.servers || [] : []);
  offerPause(status.host, status.state === "paused");
  if (["working", "starting", "waiting"].includes(status.state)) setTimeout(refresh, RETRY_MS);
}

/** Opening the popup is the reader's click on Caveat's button: the worker starts Caveat on this tab if it waits for
 * that (see background.js), even if the popup closes at once. */
async function start() {
  const tabId = await targetTab();
  if (tabId !== null) await chrome.runtime.sendMessage({ type: "start", tabId }).catch(() => {});
  refresh();
}

$("options").addEventListener("click", () => chrome.runtime.openOptionsPage());
start();
