/* Whose server answers: the name, contact and privacy page a server gives about itself (GET /api/v1/server), for
 * the options page and the popup. Everything a server says about itself is text from elsewhere, like page text:
 * cleaned to one short line (no control, formatting or bidi characters, so it cannot reorder or break out of the
 * sentence Caveat puts it in), set with textContent only, and always shown beside the host Caveat itself knows. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});
  const NAME_MAX = 60;
  const CONTACT_MAX = 120;
  const TIMEOUT_MS = 5000;

  /** `value` as one line of at most `max` characters, or "" when it is not text. */
  function cleanText(value, max) {
    if (typeof value !== "string") return "";
    const chars = [...value.replace(/[\p{C}\p{Z}]+/gu, " ").trim()];
    return chars.length > max ? `${chars.slice(0, max - 1).join("").trimEnd()}…` : chars.join("");
  }

  /** What the server at `origin` says about itself: {name, contact, privacyUrl} (the privacy link only if it is a
   * page of that same server), or null when it does not say (an older Caveat, no answer, no name). */
  async function fetchIdentity(origin) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(`${origin}/api/v1/server`, { signal: controller.signal, cache: "no-store", credentials: "omit" });
      return response.ok ? identity(origin, await response.json()) : null;
    } catch (_err) {
      return null;
    } finally {
      clearTimeout(timer);
    }
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

  Object.assign(Caveat, { cleanText, fetchIdentity, identity, identityNodes, answeredBy });
})(globalThis);
