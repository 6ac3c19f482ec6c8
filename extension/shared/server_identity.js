/* Whose server answers: the name, contact and privacy page a server gives about itself (GET /api/v1/server), for
 * the options page and the popup, and how a server on this computer is started again, for the day it does not answer. Everything a server says about itself is text from elsewhere, like page text:
 * cleaned to one short line (no control, formatting or bidi characters, so it cannot reorder or break out of the
 * sentence Caveat puts it in), set with textContent only, and always shown beside the host Caveat itself knows. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});
  const NAME_MAX = 60;
  const CONTACT_MAX = 120;
  const TIMEOUT_MS = 5000;
  const COMMAND_MAX = 200;
  const EITHER_WAY = '"caveat serve", or "make run" in a clone of Caveat'; // before any server on this computer said

  /** `value` as one line of at most `max` characters, or "" when it is not text. */
  function cleanText(value, max) {
    if (typeof value !== "string") return "";
    const chars = [...value.replace(/[\p{C}\p{Z}]+/gu, " ").trim()];
    return chars.length > max ? `${chars.slice(0, max - 1).join("").trimEnd()}…` : chars.join("");
  }

  /** What the server at `origin` says about itself: {name, contact, privacyUrl} (the privacy link only if it is a
   * page of that same server), or null when it does not say (an older Caveat, no answer, no name). A server on this
   * computer's start command is remembered on the way (rememberStartCommand). */
  async function fetchIdentity(origin) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(`${origin}/api/v1/server`, { signal: controller.signal, cache: "no-store", credentials: "omit" });
      if (!response.ok) return null;
      const info = await response.json();
      await rememberStartCommand(origin, info);
      return identity(origin, info);
    } catch (_err) {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The command a server gave for starting it again, as one line of text, or "" (not text, or too long: a command
   * cut short would not work). */
  function cleanCommand(value) {
    const command = cleanText(value, COMMAND_MAX + 1);
    return [...command].length <= COMMAND_MAX ? command : "";
  }

  /** Keeps, per address of a server on this computer, the command it says starts it again (storage.local: it is
   * needed exactly when that server does not answer, and belongs to this device); an answer without one (an older
   * Caveat) forgets it. A shared server's is never kept: its readers cannot start it. */
  async function rememberStartCommand(origin, info) {
    if (!Caveat.isLoopbackUrl(origin)) return;
    const command = cleanCommand(info && info.start_command);
    const commands = { ...(await chrome.storage.local.get({ startCommands: {} })).startCommands };
    if (command) commands[origin] = command;
    else delete commands[origin];
    await chrome.storage.local.set({ startCommands: commands });
  }

  /** What to tell a reader whose server at `origin` does not answer: the command it last gave for starting it again,
   * or, before it ever said, both common ways; for a shared server, that it may be down or the address wrong. */
  async function startAdvice(origin) {
    if (!Caveat.isLoopbackUrl(origin)) return "It may be down, or the address in Caveat's options may be wrong.";
    const { startCommands } = await chrome.storage.local.get({ startCommands: {} });
    const command = Object.hasOwn(startCommands, origin) ? cleanCommand(startCommands[origin]) : "";
    return `Is it running? Start it with ${command ? `"${command}"` : EITHER_WAY}.`;
  }

  /** The parts of an /api/v1/server answer Caveat shows, cleaned (see fetchIdentity). */
  function identity(origin, info) {
    const name = cleanText(info && info.name, NAME_MAX);
    if (!name) return null;
    return { name, contact: cleanText(info.contact, CONTACT_MAX), privacyUrl: sameServer(origin, info.privacy_url) };
  }

  /** `url` (absolute or relative) if it is a page of the server at `origin`, else null. */
  function sameServer(origin, url) {
    if (typeof url !== "string") return null;
    try {
      const resolved = new URL(url, origin);
      return resolved.origin === origin ? resolved.href : null;
    } catch (_err) {
      return null;
    }
  }

  /** Which servers gave the highlights on a page, against the one configured now: {servers: [{origin, host,
   * local}], changed} where `changed` says an answer came from another server than the configured one. */
  function answeredBy(origins, configured) {
    const servers = [...new Set(origins)].map((origin) => ({
      origin, host: new URL(origin).host, local: Caveat.isLoopbackUrl(origin),
    }));
    return { servers, changed: servers.some((s) => s.origin !== configured) };
  }

  /** The server's name as an isolated element of text (<bdi>: its direction cannot reorder the sentence around it),
   * and a link to its privacy page ({name, privacy}; privacy is null without one), for `doc`. */
  function identityNodes(doc, found, linkText) {
    const name = doc.createElement("bdi");
    name.textContent = found.name;
    if (!found.privacyUrl) return { name, privacy: null };
    const privacy = doc.createElement("a");
    privacy.href = found.privacyUrl;
    privacy.target = "_blank";
    privacy.rel = "noopener noreferrer";
    privacy.textContent = linkText;
    return { name, privacy };
  }

  Object.assign(Caveat, { cleanText, fetchIdentity, identity, identityNodes, answeredBy, rememberStartCommand, startAdvice });
})(globalThis);
