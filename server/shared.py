"""What a shared instance adds to the app (docs/hosting.md): forwarded headers only from the configured proxy,
per-client rate limits on the API, and the /privacy page with the server's name. On a loopback-only server with no
shared settings, only the privacy page and /api/v1/server are added."""
from __future__ import annotations

from flask import Flask

from . import limits, privacy
from .proxy import TrustedProxyFix
from .shared_cache import make_cache


def register(app: Flask, api_blueprint) -> None:
    app.wsgi_app = TrustedProxyFix(  # type: ignore[method-assign]  # Flask's documented way to wrap WSGI
        app.wsgi_app, app.config["TRUSTED_PROXIES"], app.config["PROXY_HOPS"])
    limits.register(app, api_blueprint)
    app.register_blueprint(privacy.bp)
