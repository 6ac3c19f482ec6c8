"""Finished /annotate responses keyed by (hash of the request's content, KB version): a page the extension sends
again costs a hash and a dictionary look-up. A KB reload changes the version, so stale results are never served.
Only the hash of a page is kept as a key, never the page."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict


def content_key(kind: str, payload: bytes) -> str:
    return hashlib.blake2b(kind.encode() + b"\0" + payload, digest_size=20).hexdigest()


class ResponseCache:
    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: tuple[str, str], body: bytes) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
