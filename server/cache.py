"""Finished /annotate responses keyed by (hash of the request's body, KB version): a page the extension sends
again costs a hash and a dictionary look-up, with no JSON parsing or schema check (only a valid body is ever
stored, so a body seen before was valid). A KB reload changes the version, so stale results are never served.
Only the hash of a page is kept as a key, never the page."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict


def content_key(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=20).hexdigest()


MAX_BYTES = 64 * 1024 * 1024  # responses run ~15x their request: cap the memory, not only the count


class ResponseCache:
    def __init__(self, max_entries: int, max_bytes: int = MAX_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: tuple[str, str], body: bytes) -> None:
        if self.max_entries <= 0 or len(body) > self.max_bytes // 8:  # one huge page must not flush the rest
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size += len(body) - (len(old) if old is not None else 0)
            self._items[key] = body
            while len(self._items) > self.max_entries or self._size > self.max_bytes:
                self._size -= len(self._items.popitem(last=False)[1])
