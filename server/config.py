"""Server settings: defaults, overridden by CAVEAT_* environment variables, overridden by create_app(config).

The environment is only read, never written: `caveat serve` passes its options in the config it builds the app
with, and gunicorn's workers are forked from that app. docs/server.md lists the settings.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from caveat.annotator.kb import bundled_kb_path

from . import shared_settings
from .start_command import service_name

BUNDLED_KB = bundled_kb_path().resolve()
CHROME_EXTENSION_ORIGIN = "chrome-extension://alocaiiepiimnppblibjekcknhkmnigi"
DEFAULT_PORT = 8737
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}  # on every response

# name in app.config -> (environment variable, parser, default)
SETTINGS: dict[str, tuple[str, Callable[[str], Any], Any]] = {
    "KB_PATH": ("CAVEAT_KB", str, str(BUNDLED_KB)),
    "MAX_CONTENT_LENGTH": ("CAVEAT_MAX_BODY", int, 5 * 1024 * 1024),
    "KB_POLL_SECONDS": ("CAVEAT_KB_POLL", float, 2.0),
    "CACHE_ENTRIES": ("CAVEAT_CACHE_ENTRIES", int, 256),
    "ANNOTATE_DEADLINE": ("CAVEAT_DEADLINE", float, 10.0),
    "ANNOTATE_SLOTS": ("CAVEAT_SLOTS", int, 2),
    "QUEUE_TIMEOUT": ("CAVEAT_QUEUE_TIMEOUT", float, 30.0),
    "MAX_HIGHLIGHTS": ("CAVEAT_MAX_HIGHLIGHTS", int, 10_000),
    "MAX_RESPONSE_BYTES": ("CAVEAT_MAX_RESPONSE", int, 32 * 1024 * 1024),
    "HEAD_TIMEOUT": ("CAVEAT_HEAD_TIMEOUT", float, 10.0),
    "REQUEST_TIMEOUT": ("CAVEAT_REQUEST_TIMEOUT", float, 60.0),
    "ALLOWED_ORIGINS": ("CAVEAT_ALLOWED_ORIGINS", lambda v: [o.strip() for o in v.split(",") if o.strip()], []),
    "ALLOWED_HOSTS": ("CAVEAT_ALLOWED_HOSTS", lambda v: [h.strip().lower() for h in v.split(",") if h.strip()], []),
    "SERVICE": ("CAVEAT_SERVICE", service_name, ""),  # the service manager that starts it (server/start_command.py)
    **shared_settings.SETTINGS,  # a shared instance's: proxy, rate limits, Redis, name (docs/hosting.md)
}


def load(overrides: dict | None = None) -> dict:
    """Resolve every setting; a malformed environment variable stops the server with its name in the message."""
    config = {}
    for key, (env, parse, default) in SETTINGS.items():
        raw = os.environ.get(env)
        try:
            config[key] = default if raw is None or raw == "" else parse(raw)
        except ValueError:
            raise SystemExit(f"caveat serve: {env}={raw!r} is not valid") from None
    config.update(overrides or {})
    return config
