"""Per-client rate limits on the API for a shared instance, answered with the JSON error shape (429).

The key is the client's address (as the trusted proxy reports it, server/proxy.py), or the organisation of an
access token (`Authorization: Bearer <token>`, from CAVEAT_ACCESS_TOKENS_FILE), so a newsroom behind one address is
not throttled as one reader. Counters live in Redis when CAVEAT_REDIS_URL is set, so every instance counts the same
client together; otherwise in each worker's memory. Limits are off on a loopback-only server unless set."""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, g, request

from .errors import ApiError, error_response
from .shared_settings import is_shared

DEFAULT_SHARED_LIMIT = "60 per minute"


def limit_for(config: dict) -> str | None:
    """The per-address limit in force: CAVEAT_RATE_LIMIT, else the default on a shared server, else none."""
    chosen = config["RATE_LIMIT"] or (DEFAULT_SHARED_LIMIT if is_shared(config) else "off")
    return None if chosen == "off" else chosen


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def read_tokens(path: str) -> dict[str, str]:
    """'<token> <organisation name>' per line ('#' starts a comment) -> {sha256 of token: organisation}; only
    digests stay in memory, so a token never shows up in a traceback or a dump."""
    if not path:
        return {}
    tokens = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        token, _, organisation = line.partition(" ")
        if len(token) < 16 or not organisation.strip():
            raise SystemExit(f"caveat serve: {path}:{number}: want '<token of 16+ characters> <organisation name>'")
        tokens[_digest(token)] = organisation.strip()
    return tokens


def _organisation(tokens: dict[str, str]) -> None:
    """Before any limit is counted: who is asking. An unknown token is refused rather than counted as its address,
    so a mistyped token shows at once."""
    g.caveat_organisation = None
    header = request.headers.get("Authorization")
    if not tokens or header is None or request.blueprint != "api":
        return
    scheme, _, token = header.partition(" ")
    organisation = tokens.get(_digest(token.strip())) if scheme.lower() == "bearer" else None
    if organisation is None:
        raise ApiError(401, "unknown access token: send 'Authorization: Bearer <token>' with the token this "
                            "server's operator gave your organisation, or no Authorization header", "invalid_token")
    g.caveat_organisation = organisation


def _client_key() -> str:
    organisation = g.get("caveat_organisation")
    return f"org:{organisation}" if organisation else f"addr:{request.remote_addr}"


def _too_many(exc):
    who = "organisation" if g.get("caveat_organisation") else "address"
    return error_response(429, f"too many requests from this {who} (limit: {exc.description}); "
                               "wait a moment and try again", "rate_limited")


def require_limiter():
    try:
        from flask_limiter import Limiter, RateLimitExceeded
    except ImportError:
        raise SystemExit("caveat serve: rate limits need Flask-Limiter: pip install 'caveat[shared]' "
                         "(or set CAVEAT_RATE_LIMIT=off)") from None
    return Limiter, RateLimitExceeded


def register(app: Flask, api_blueprint) -> None:
    limit = limit_for(app.config)
    if limit is None:
        return
    Limiter, RateLimitExceeded = require_limiter()
    tokens = read_tokens(app.config["ACCESS_TOKENS_FILE"])
    token_limit = app.config["TOKEN_RATE_LIMIT"]
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: _organisation(tokens))
    limiter = Limiter(_client_key, app=app, storage_uri=app.config["REDIS_URL"] or "memory://",
                      headers_enabled=True, strategy="fixed-window", key_prefix="caveat-limits",
                      swallow_errors=True, in_memory_fallback_enabled=True)  # Redis down: count in memory
    limited = token_limit != "off"  # for organisations
    # one count per client across every API route
    limiter.shared_limit(lambda: token_limit if limited and g.get("caveat_organisation") else limit, scope="api",
                         exempt_when=lambda: not limited and bool(g.get("caveat_organisation")))(api_blueprint)
    app.register_error_handler(RateLimitExceeded, _too_many)
