/* The options page: server address (with a live connection check, also shown on first run), consent before page
 * text may leave this computer, warning levels, sites where Caveat never runs, dismissed treatments, on/off. */
"use strict";
const Caveat = globalThis.Caveat;
const CHECK_TIMEOUT_MS = 5000;
const $ = (id) => document.getElementById(id);

function say(id, text, kind = "") {
  $(id).textContent = text;
  $(id).className = `message ${kind}`;
}

/** Whose server `origin` is (GET /api/v1/server: its name, privacy page and contact), shown under the status; a
 * server that does not say (an older Caveat) shows nothing. Cleaned and set as text only (shared/server_identity.js). */
async function showServerInfo(origin) {
  const box = $("server-info");
  box.hidden = true;
  box.replaceChildren();
  const identity = await Caveat.fetchIdentity(origin);
  if (!identity) return; // an older server or none at all: the connection line already says what matters
  const { name, privacy } = Caveat.identityNodes(document, identity, "what it keeps (privacy)");
  box.append("This server is run by ", name);
  if (identity.contact) box.append(` (${identity.contact})`);
  if (privacy) box.append(". ", privacy);
  box.append(".");
  box.hidden = false;
}

/** The access-token field, for a shared server only: the token saved for `origin`, if any. */
async function showToken(origin) {
  $("token-saved").textContent = "";
  if (Caveat.isLoopbackUrl(origin)) return;
  $("token").value = (await Caveat.loadTokens())[origin] || "";
  $("save-token").onclick = () => saveToken(origin);
  $("token-box").hidden = false; // only now: what the reader types is never replaced by the saved value
}

/** Saves the token for `origin` after asking that server whether it knows it (a request on its API: an unknown
 * token gets 401 invalid_token); a token the server refuses is not saved. */
async function saveToken(origin) {
  const checked = Caveat.checkToken($("token").value);
  if (checked.error) return say("token-saved", checked.error, "error");
  if (!checked.token) {
    await Caveat.saveToken(origin, "");
    return say("token-saved", "No token: this server counts your requests with everyone else's at your address.");
  }
  const response = await fetch(`${origin}/api/v1/kb`, { cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    headers: Caveat.tokenHeaders(origin, { [origin]: checked.token }) }).catch(() => null);
  if (response && response.status === 401) {
    return say("token-saved", `${new URL(origin).host} does not know this token, so it was not saved. Check it with `
      + "whoever runs the server.", "error");
  }
  await Caveat.saveToken(origin, checked.token);
  return say("token-saved", `Saved. Caveat sends it to ${new URL(origin).host} only.`, "ok");
}

/** Says whether the server at `origin` answers its health check. */
async function checkServer(origin) {
  say("connection", `Checking ${origin}…`);
  $("server-info").hidden = true;
  $("token-box").hidden = true;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
  try {
    const response = await fetch(`${origin}/healthz`, { signal: controller.signal, cache: "no-store", credentials: "omit" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    say("connection", `Connected to the Caveat server at ${origin}.`, "ok");
    await showServerInfo(origin);
    await showToken(origin);
  } catch (_err) {
    say("connection", `Cannot reach a Caveat server at ${origin}. ${await Caveat.startAdvice(origin)}`, "error");
  } finally {
    clearTimeout(timer);
  }
}

async function useServer(origin) {
  const settings = await Caveat.loadSettings();
  const consentedOrigins = Caveat.isLoopbackUrl(origin) || settings.consentedOrigins.includes(origin)
    ? settings.consentedOrigins : [...settings.consentedOrigins, origin];
  await chrome.storage.sync.set({ serverUrl: origin, consentedOrigins });
  $("consent").hidden = true;
  await checkServer(origin);
}

/** A server elsewhere receives the text of every page read: ask first, and ask the browser for that host only then. */
function askConsent(origin) {
  $("consent-text").textContent = `${origin} is not on this computer. If you use it, the text of the pages you read `
    + "will be sent to it. Use only a server you run or trust.";
  $("consent").hidden = false;
  $("consent-yes").onclick = async () => {
    const granted = await chrome.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    if (granted) await useServer(origin);
    else say("connection", "Caveat did not get permission to reach that server; the address was not changed.", "error");
  };
  $("consent-no").onclick = async () => {
    $("consent").hidden = true;
    $("server").value = (await Caveat.loadSettings()).serverUrl;
  };
}

$("server-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const parsed = Caveat.parseServerUrl($("server").value);
  if (parsed.error) return say("connection", parsed.error, "error");
  const settings = await Caveat.loadSettings();
  if (Caveat.isLoopbackUrl(parsed.origin) || settings.consentedOrigins.includes(parsed.origin)) return useServer(parsed.origin);
  return askConsent(parsed.origin);
});

function showLevels(levels) {
  $("levels").replaceChildren(...Caveat.LEVELS.map((level) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = levels.includes(level);
    box.addEventListener("change", async () => {
      const chosen = Caveat.LEVELS.filter((l) => (l === level ? box.checked : levels.includes(l)));
      levels.splice(0, levels.length, ...chosen);
      await chrome.storage.sync.set({ levels: chosen, levelsKnown: Caveat.LEVELS });
    });
    const tag = document.createElement("span");
    tag.className = `level ${level}`;
    tag.textContent = Caveat.LEVEL_WORDS[level].label;
    label.append(box, " ", tag, ` ${Caveat.LEVEL_WORDS[level].means}.`);
    const line = document.createElement("p");
    line.append(label);
    return line;
  }));
}

function showDismissed(dismissed) {
  const list = $("dismissed");
  if (!dismissed.length) {
    const none = document.createElement("li");
    none.className = "muted";
    none.textContent = "None.";
    list.replaceChildren(none);
    return;
  }
  list.replaceChildren(...dismissed.map((id) => {
    const item = document.createElement("li");
    const again = document.createElement("button");
    again.type = "button";
    again.textContent = "Show again";
    again.addEventListener("click", async () => {
      const next = dismissed.filter((d) => d !== id);
      await chrome.storage.sync.set({ dismissed: next });
      showDismissed(next);
    });
    item.append(id, again);
    return item;
  }));
}

$("save-sites").addEventListener("click", async () => {
  const sites = $("sites").value.split("\n").map((s) => s.trim().toLowerCase()).filter(Boolean);
  await chrome.storage.sync.set({ blockedSites: [...new Set(sites)] });
  $("sites-saved").textContent = "Saved.";
});

$("enabled").addEventListener("change", () => chrome.storage.sync.set({ enabled: $("enabled").checked }));

for (const radio of document.querySelectorAll('input[name="run-mode"]')) {
  radio.addEventListener("change", () => radio.checked && chrome.storage.sync.set({ runMode: radio.value }));
}

async function init() {
  const settings = await Caveat.loadSettings();
  $("enabled").checked = settings.enabled;
  document.querySelector(`input[name="run-mode"][value="${settings.runMode}"]`).checked = true;
  $("server").value = settings.serverUrl;
  $("sites").value = settings.blockedSites.join("\n");
  showLevels([...settings.levels]);
  showDismissed(settings.dismissed);
  await checkServer(Caveat.parseServerUrl(settings.serverUrl).origin || settings.serverUrl);
}

init();
