/* Caveat's settings: one definition of the defaults and of the rules that read them, shared by the service
 * worker, the content script, the popup and the options page (loaded as a plain script everywhere, so no build). */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  /* Most cautious first. "depends": nothing near the mention names a use, and the treatment's uses differ. */
  const LEVELS = ["danger", "warning", "depends", "caution", "established"];

  /* Sites where reading the page would mean reading mail, money or passwords: Caveat stays off there. */
  const DEFAULT_BLOCKED_SITES = [
    "mail.google.com", "accounts.google.com", "docs.google.com", "outlook.live.com", "outlook.office.com",
    "outlook.office365.com", "login.microsoftonline.com", "mail.yahoo.com", "mail.proton.me", "app.fastmail.com",
    "icloud.com", "paypal.com", "chase.com", "bankofamerica.com", "wellsfargo.com", "citi.com", "capitalone.com",
    "hsbc.com", "hsbc.co.uk", "barclays.co.uk", "lloydsbank.com", "natwest.com", "revolut.com", "wise.com",
  ];

  /* Where Caveat reads pages: every page (but the blocked sites), or only a page whose toolbar button the reader
   * clicked (the popup then starts it there, through activeTab and scripting even without access to all sites). */
  const RUN_MODES = ["everywhere", "click"];

  const DEFAULTS = Object.freeze({
    enabled: true,
    runMode: "everywhere",
    serverUrl: "http://127.0.0.1:8737",
    levels: LEVELS,
    levelsKnown: LEVELS,  // the levels there were when `levels` was saved: a level added since is shown
    blockedSites: DEFAULT_BLOCKED_SITES,
    dismissed: [],
    consentedOrigins: [],
  });

  /** True when the URL points at this machine, so page text never leaves it. */
  function isLoopbackUrl(url) {
    let host;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch (_err) {
      return false;
    }
    return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  }

  /** The server URL as the user typed it, or null with a reason: http(s) only, no path, query or credentials. */
  function parseServerUrl(text) {
    let url;
    try {
      url = new URL(String(text).trim());
    } catch (_err) {
      return { error: "That is not a URL. Example: http://127.0.0.1:8737" };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return { error: "The URL must start with http:// or https://" };
    if (url.username || url.password) return { error: "The URL must not contain a user name or password" };
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
      return { error: "Give only the server's address, without a path (for example http://127.0.0.1:8737)" };
    }
    return { origin: url.origin };
  }

  /** A hostname is blocked when it equals an entry or is a subdomain of one. */
  function siteBlocked(hostname, blockedSites) {
    const host = String(hostname).toLowerCase().replace(/^www\./, "");
    return blockedSites.some((site) => host === site || host.endsWith("." + site));
  }

  /** May page text be sent to this server? Loopback always; elsewhere only after the user said yes. */
  function serverAllowed(settings) {
    const parsed = parseServerUrl(settings.serverUrl);
    if (parsed.error) return false;
    return isLoopbackUrl(parsed.origin) || settings.consentedOrigins.includes(parsed.origin);
  }

  async function loadSettings() {
    const settings = await chrome.storage.sync.get(DEFAULTS);
    const added = LEVELS.filter((l) => !settings.levelsKnown.includes(l));
    return added.length ? { ...settings, levels: [...settings.levels, ...added], levelsKnown: LEVELS } : settings;
  }

  Object.assign(Caveat, {
    LEVELS, RUN_MODES, DEFAULTS, DEFAULT_BLOCKED_SITES, isLoopbackUrl, parseServerUrl, siteBlocked, serverAllowed, loadSettings,
  });
})(globalThis);
