"""What a shared instance adds to the app (docs/hosting.md): forwarded headers only from the configured proxy,
per-client rate limits on the API, and the /privacy page with the server's name. On a loopback-only server with no
shared settings, only the privacy page and /api/v1/server are added."""
from __future__ import annotations

from flask import Flask

from . import config, limits, privacy
from .proxy import TrustedProxyFix
from .shared_cache import make_cache


def register(app: Flask, api_blueprint) -> None:
    app.wsgi_app = TrustedProxyFix(app.wsgi_app, app.config["TRUSTED_PROXIES"], app.config["PROXY_HOPS"])
    limits.register(app, api_blueprint)
    app.register_blueprint(privacy.bp)


def preflight() -> None:
    """What a worker would stop on, checked once by `caveat serve` before gunicorn starts: a worker that exits at
    start-up is only started again, so a Redis that writes to disk or a bad token file must stop the server here."""
    settings = config.load()
    make_cache(settings)
    if limits.limit_for(settings):
        limits.read_tokens(settings["ACCESS_TOKENS_FILE"])
        limits.require_limiter()
