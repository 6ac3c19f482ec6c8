/* An organisation's access token for a shared Caveat server (docs/hosting.md): sent as `Authorization: Bearer` so
 * that a newsroom's readers behind one address are counted as their organisation, not as one reader. A token is
 * kept per server address in chrome.storage.local (a credential stays on this device, it is not synced) and goes
 * only to the server it was saved for: never to another address, never to a server on this computer. */
(function (root) {
  "use strict";
  const Caveat = (root.Caveat = root.Caveat || {});

  /* What a header carries unchanged; the server wants at least 16 characters. */
  const TOKEN = /^[\x21-\x7e]{16,512}$/;

  /** The token as typed: {token} ("" removes it) or {error} saying what is wrong. */
  function checkToken(text) {
    const token = String(text).trim();
    if (!token || TOKEN.test(token)) return { token };
    return { error: "An access token is 16 to 512 letters, digits and signs, with no spaces. Copy it again from "
      + "the message your organisation sent." };
  }

  /** The headers that carry the token saved for `origin` ({} when there is none, or it is a server on this computer). */
  function tokenHeaders(origin, tokens) {
    if (Caveat.isLoopbackUrl(origin) || !tokens || !Object.hasOwn(tokens, origin)) return {};
    const token = tokens[origin];
    return typeof token === "string" && TOKEN.test(token) ? { Authorization: `Bearer ${token}` } : {};
  }

  async function loadTokens() {
    return (await chrome.storage.local.get({ accessTokens: {} })).accessTokens;
  }

  /** Saves (or, with "", removes) the token for `origin`; a server on this computer never gets one. */
  async function saveToken(origin, token) {
    if (Caveat.isLoopbackUrl(origin)) return;
    const tokens = { ...(await loadTokens()) };
    if (token) tokens[origin] = token;
    else delete tokens[origin];
    await chrome.storage.local.set({ accessTokens: tokens });
  }

  Object.assign(Caveat, { checkToken, tokenHeaders, loadTokens, saveToken });
})(globalThis);
