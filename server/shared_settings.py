"""Settings of a shared instance (docs/hosting.md), merged into config.SETTINGS: who runs it, which proxy to
trust, rate limits and Redis. Each is off, or safe for a server on loopback, by default."""
from __future__ import annotations

import ipaddress

MAX_CACHE_TTL = 600  # cached answers quote the page around each mention: never kept longer than 10 minutes


def _networks(value: str) -> list:
    return [ipaddress.ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip()]


def _ttl(value: str) -> int:
    seconds = int(value)
    if not 0 < seconds <= MAX_CACHE_TTL:
        raise ValueError(f"must be 1 to {MAX_CACHE_TTL} seconds")
    return seconds


def _rate(value: str) -> str:
    """'60 per minute', '10/second;1000/day' or 'off'. Checked by the limits library when it is installed; the
    server says which extra to install when it is not (server/limits.py)."""
    if value.strip().lower() == "off":
        return "off"
    try:
        from limits import parse_many
    except ImportError:
        return value
    parse_many(value)  # ValueError names nothing; config.load names the variable
    return value


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be at least 1")
    return number


# name in app.config -> (environment variable, parser, default), as in config.SETTINGS
SETTINGS = {
    "DISPLAY_NAME": ("CAVEAT_NAME", str, ""),
    "CONTACT": ("CAVEAT_CONTACT", str, ""),
    "TRUSTED_PROXIES": ("CAVEAT_TRUSTED_PROXIES", _networks, []),
    "PROXY_HOPS": ("CAVEAT_PROXY_HOPS", _positive, 1),
    "RATE_LIMIT": ("CAVEAT_RATE_LIMIT", _rate, ""),
    "TOKEN_RATE_LIMIT": ("CAVEAT_TOKEN_RATE_LIMIT", _rate, "600 per minute"),
    "ACCESS_TOKENS_FILE": ("CAVEAT_ACCESS_TOKENS_FILE", str, ""),
    "REDIS_URL": ("CAVEAT_REDIS_URL", str, ""),
    "CACHE_TTL": ("CAVEAT_CACHE_TTL", _ttl, MAX_CACHE_TTL),
}


def is_shared(config: dict) -> bool:
    """A server that answers names besides loopback serves other people: it gets rate limits by default."""
    return bool(config["ALLOWED_HOSTS"])
