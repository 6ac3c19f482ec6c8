"""What one app instance keeps between requests: the KB store and the response cache."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from .cache import ResponseCache
from .kb_store import KBStore


@dataclass
class State:
    store: KBStore
    cache: ResponseCache


def state() -> State:
    return current_app.extensions["caveat"]
