"""What one app instance keeps between requests: the KB store and the response cache."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from .cache import ResponseCache
from .kb_store import KBStore


@dataclass(frozen=True)
class State:
    store: KBStore
    cache: ResponseCache


def state(app: Flask | None = None) -> State:
    return (app or current_app).extensions["caveat"]
