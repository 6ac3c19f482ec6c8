"""The application factory: gunicorn workers, the dev server and the tests all build the app through here."""
from __future__ import annotations

import logging
import threading

from flask import Flask

from . import api, config, errors, health, playground, security, shared, timing
from .kb_store import KBStore
from .shared_cache import make_cache
from .state import State


def create_app(overrides: dict | None = None) -> Flask:
    """Configures and registers only: no file is read and no thread started. The KB is loaded by whoever runs the
    app (the gunicorn master before it forks, `caveat serve --dev` before it serves) or else on first use."""
    app = Flask(__name__)
    app.config.update(config.load(overrides))
    app.json.sort_keys = False  # type: ignore[attr-defined]  # Flask's default provider has it; the base class not
    _configure_logging()
    app.extensions["caveat"] = State(store=KBStore(app.config["KB_PATH"]),
                                     cache=make_cache(app.config),  # this worker's memory, or Redis shared by all
                                     slots=threading.BoundedSemaphore(app.config["ANNOTATE_SLOTS"]))
    errors.register(app)
    security.register(app)
    timing.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(playground.bp)
    shared.register(app, api.bp)  # proxy, rate limits, /privacy: docs/hosting.md
    return app


def _configure_logging() -> None:
    """Our lines go to stderr beside gunicorn's. The dev server's own access log is silenced: it prints full URLs
    with query strings, and server/timing.py already logs each request without them."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    log = logging.getLogger("caveat.server")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] [%(levelname)s] %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
