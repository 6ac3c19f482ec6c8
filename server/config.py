"""Server settings: defaults, overridden by CAVEAT_* environment variables, overridden by create_app(config).

Every worker that gunicorn starts builds its app from the environment, so the CLI passes its options down as
environment variables; docs/server.md lists them.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from caveat.annotator.kb import bundled_kb_path

from . import shared_settings

BUNDLED_KB = bundled_kb_path().resolve()
CHROME_EXTENSION_ORIGIN = "chrome-extension://alocaiiepiimnppblibjekcknhkmnigi"
DEFAULT_PORT = 8737

# name in app.config -> (environment variable, parser, default)
SETTINGS = {
    "KB_PATH": ("CAVEAT_KB", str, str(BUNDLED_KB)),
    "MAX_CONTENT_LENGTH": ("CAVEAT_MAX_BODY", int, 5 * 1024 * 1024),
    "KB_POLL_SECONDS": ("CAVEAT_KB_POLL", float, 2.0),
    "SNAPSHOT_DIR": ("CAVEAT_SNAPSHOT_DIR", str, ""),
    "CACHE_ENTRIES": ("CAVEAT_CACHE_ENTRIES", int, 256),
    "ALLOWED_ORIGINS": ("CAVEAT_ALLOWED_ORIGINS", lambda v: [o.strip() for o in v.split(",") if o.strip()], []),
    "ALLOWED_HOSTS": ("CAVEAT_ALLOWED_HOSTS", lambda v: [h.strip().lower() for h in v.split(",") if h.strip()], []),
    **shared_settings.SETTINGS,  # a shared instance's: proxy, rate limits, Redis, name (docs/hosting.md)
}


def default_snapshot_dir(kb_path: str) -> str:
    """One snapshot folder per KB folder, so two servers on two KBs never restore each other's entries."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = hashlib.sha256(str(Path(kb_path).resolve()).encode()).hexdigest()[:12]
    return str(cache / "caveat" / "kb-snapshots" / tag)


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
    config["SNAPSHOT_DIR"] = config["SNAPSHOT_DIR"] or default_snapshot_dir(config["KB_PATH"])
    return config
