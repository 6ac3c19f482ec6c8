"""Who may talk to the API: loopback Host names only (against DNS rebinding), and from a browser only Caveat's own
extension, the playground (same origin) and origins the operator configured (CORS). Everything else gets 403."""
from __future__ import annotations

import ipaddress
import re

from flask import Flask, current_app, request

from .config import CHROME_EXTENSION_ORIGIN, SECURITY_HEADERS
from .errors import ApiError

FIREFOX_EXTENSION = re.compile(r"^moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PLAYGROUND_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _hostname(host: str) -> str:
    """'127.0.0.1:8737' -> '127.0.0.1', '[::1]:8737' -> '[::1]'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_loopback_address(name: str) -> bool:
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def host_allowed(host: str) -> bool:
    name = _hostname(host)
    return name == "localhost" or _is_loopback_address(name) or name in current_app.config["ALLOWED_HOSTS"]


def is_extension_origin(origin: str) -> bool:
    return origin == CHROME_EXTENSION_ORIGIN or bool(FIREFOX_EXTENSION.match(origin))


def origin_allowed(origin: str) -> bool:
    return (is_extension_origin(origin) or origin in current_app.config["ALLOWED_ORIGINS"]
            or origin == request.host_url.rstrip("/"))


def _check_request():
    if not host_allowed(request.host):
        raise ApiError(403, "this server answers only to loopback host names (set CAVEAT_ALLOWED_HOSTS to add one)",
                       "host_not_allowed")
    origin = request.headers.get("Origin")
    if origin is not None and not origin_allowed(origin):
        raise ApiError(403, "this origin may not call the Caveat API (set CAVEAT_ALLOWED_ORIGINS to add one)",
                       "origin_not_allowed")
    if request.method == "OPTIONS" and origin and "Access-Control-Request-Method" in request.headers:
        return current_app.response_class(status=204)
    return None


def _add_headers(response):
    response.headers.update(SECURITY_HEADERS)
    origin = request.headers.get("Origin")
    if origin and response.status_code != 403 and origin_allowed(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        # an organisation's access token (server/limits.py) comes from Caveat's extension only: no web page may
        # have a browser send one
        allowed_headers = "Content-Type, Authorization" if is_extension_origin(origin) else "Content-Type"
        response.headers["Access-Control-Allow-Headers"] = allowed_headers
        response.headers["Access-Control-Allow-Private-Network"] = "true"
        response.headers["Access-Control-Max-Age"] = "600"
    response.vary.add("Origin")
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = PLAYGROUND_CSP
    return response


def register(app: Flask) -> None:
    app.before_request(_check_request)
    app.after_request(_add_headers)
