"""What one app instance keeps between requests: the KB store, the response cache and the annotation slots."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from flask import Flask, current_app

from .cache import ResponseCache
from .kb_store import KBStore


@dataclass(frozen=True)
class State:
    store: KBStore
    cache: ResponseCache
    slots: threading.Semaphore  # annotations this worker runs at once (CAVEAT_SLOTS)


def state(app: Flask | None = None) -> State:
    return (app or current_app).extensions["caveat"]
