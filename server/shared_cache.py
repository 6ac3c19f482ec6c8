"""The response cache in Redis, shared by every instance behind a balancer (CAVEAT_REDIS_URL).

A cached answer quotes the page around each mention, so: entries expire after CAVEAT_CACHE_TTL seconds (at most 600),
and the server refuses a Redis that writes to disk (RDB snapshots or the append-only file). Keys are the hash of
the content and the KB version, never the content. When Redis fails, requests go on uncached: a fault in the cache
never fails a request, and the server leaves Redis alone for a few seconds instead of waiting on it each time."""
from __future__ import annotations

import logging
import threading
import time

from .cache import MAX_BYTES, ResponseCache

log = logging.getLogger("caveat.server")
BACKOFF_SECONDS = 5.0
TIMEOUT_SECONDS = 0.5


class RedisResponseCache:
    def __init__(self, client, ttl: int, max_entry_bytes: int = MAX_BYTES // 8):
        self.client = client
        self.ttl = ttl
        self.max_entry_bytes = max_entry_bytes
        self._down_until = 0.0
        self._lock = threading.Lock()

    @staticmethod
    def _name(key: tuple[str, str]) -> str:
        return f"caveat:answer:{key[1]}:{key[0]}"

    def get(self, key: tuple[str, str]) -> bytes | None:
        return self._call(lambda: self.client.get(self._name(key)))

    def put(self, key: tuple[str, str], body: bytes) -> None:
        if len(body) <= self.max_entry_bytes:
            self._call(lambda: self.client.set(self._name(key), body, ex=self.ttl))

    def _call(self, operation):
        if time.monotonic() < self._down_until:
            return None
        try:
            return operation()
        except Exception as exc:  # noqa: BLE001 - any Redis fault: answer uncached
            with self._lock:
                self._down_until = time.monotonic() + BACKOFF_SECONDS
            log.warning("response cache in Redis unavailable (%s); answering uncached for %.0f s",
                        type(exc).__name__, BACKOFF_SECONDS)
            return None


def refuse_persistence(client) -> None:
    """Stop the server if this Redis writes to disk. A Redis that hides its configuration (managed services often
    forbid CONFIG) or is not up yet is allowed with a warning: the operator's docs say how to set it."""
    try:
        save = client.config_get("save").get("save", "")
        appendonly = client.config_get("appendonly").get("appendonly", "no")
    except Exception as exc:  # noqa: BLE001
        log.warning("could not check that Redis keeps nothing on disk (%s); see docs/hosting.md", type(exc).__name__)
        return
    if save.strip() or appendonly == "yes":
        raise SystemExit("caveat serve: the Redis at CAVEAT_REDIS_URL writes to disk (save "
                         f"{save!r}, appendonly {appendonly}); cached answers quote pages, so run it with "
                         "--save '' --appendonly no (docs/hosting.md)")


def make_cache(config: dict):
    """Redis when CAVEAT_REDIS_URL is set, else this worker's memory; CAVEAT_CACHE_ENTRIES=0 turns either off."""
    if not config["REDIS_URL"] or config["CACHE_ENTRIES"] <= 0:
        return ResponseCache(config["CACHE_ENTRIES"])
    try:
        import redis
    except ImportError:
        raise SystemExit("caveat serve: CAVEAT_REDIS_URL needs the Redis client: pip install 'caveat[shared]'") from None
    client = redis.Redis.from_url(config["REDIS_URL"], socket_timeout=TIMEOUT_SECONDS,
                                  socket_connect_timeout=TIMEOUT_SECONDS)
    refuse_persistence(client)
    return RedisResponseCache(client, config["CACHE_TTL"])
