"""GET /privacy says exactly what this server keeps, from its own configuration, and GET /api/v1/server says whose
server it is (name, privacy page, contact) for the extension's options page, and, on this computer, the command
that starts it again for the extension's "server not running" message. Both are free of rate limits."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from .limits import limit_for
from .shared_settings import is_shared
from .start_command import start_command

bp = Blueprint("privacy", __name__)
LOCAL_NAME = "Caveat on this computer"


def display_name() -> str:
    config = current_app.config
    return config["DISPLAY_NAME"] or (f"Caveat server at {request.host}" if is_shared(config) else LOCAL_NAME)


@bp.get("/api/v1/server")
def server_info():
    config = current_app.config
    shared = is_shared(config)
    return jsonify(name=display_name()[:100], privacy_url=url_for("privacy.privacy", _external=True),
                   contact=config["CONTACT"][:200], shared=shared,
                   start_command="" if shared else start_command(config["SERVICE"]))  # its readers cannot start it


@bp.get("/privacy")
def privacy():
    config = current_app.config
    return render_template("privacy.html", name=display_name(), contact=config["CONTACT"],
                           redis=bool(config["REDIS_URL"]), ttl=config["CACHE_TTL"],
                           cache_entries=config["CACHE_ENTRIES"], limit=limit_for(config),
                           token_limit=config["TOKEN_RATE_LIMIT"], tokens=bool(config["ACCESS_TOKENS_FILE"]),
                           proxied=bool(config["TRUSTED_PROXIES"]))
