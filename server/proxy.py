"""Forwarded headers (X-Forwarded-For, -Proto) are believed only from the proxy the operator configured.

werkzeug's ProxyFix trusts whoever connects; a client reaching the server directly could then claim any address and
dodge its rate limit. So ProxyFix (with explicit hop counts) applies only when the connection comes from an address
in CAVEAT_TRUSTED_PROXIES; from anyone else, those headers are removed before the app sees them. The Host header is
never taken from X-Forwarded-Host: the proxy passes the reader's Host on, and security.py checks it."""
from __future__ import annotations

import ipaddress

from werkzeug.middleware.proxy_fix import ProxyFix

FORWARDED = ("HTTP_FORWARDED", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
             "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PREFIX")


class TrustedProxyFix:
    def __init__(self, app, proxies: list, hops: int):
        self.app = app
        self.proxies = proxies
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0)

    def _from_proxy(self, environ) -> bool:
        try:
            peer = ipaddress.ip_address(environ.get("REMOTE_ADDR", ""))
        except ValueError:
            return False
        return any(peer in network for network in self.proxies)

    def __call__(self, environ, start_response):
        if self.proxies and self._from_proxy(environ):
            return self.fixed(environ, start_response)
        for key in FORWARDED:
            environ.pop(key, None)
        return self.app(environ, start_response)
