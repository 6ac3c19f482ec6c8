"""`caveat serve`: the annotation API on http://127.0.0.1:8737 under gunicorn (or Flask's reloader with --dev).

Registered as the `serve` subcommand through the `caveat.commands` entry point (pyproject.toml): the library CLI
loads it only when it is run, and never imports the server otherwise."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import CHROME_EXTENSION_ORIGIN, DEFAULT_PORT

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_WSGI = "waitress" if sys.platform == "win32" else "gunicorn"


def parser() -> argparse.ArgumentParser:
    """String defaults from the environment go through `type=int` too, so a bad CAVEAT_PORT gets argparse's
    one-line error rather than a traceback."""
    env = os.environ.get
    p = argparse.ArgumentParser(prog="caveat serve", description="Serve the annotation API and the playground.")
    p.add_argument("--host", default=env("CAVEAT_HOST", "127.0.0.1"),
                   help="address to listen on (default 127.0.0.1; anything else exposes the API to your network)")
    p.add_argument("--port", type=int, default=env("CAVEAT_PORT", str(DEFAULT_PORT)),
                   help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--kb", type=Path, default=None, help="knowledge base folder (default: CAVEAT_KB or the bundled KB)")
    p.add_argument("--workers", type=int, default=env("CAVEAT_WORKERS", "2"), help="gunicorn workers (default 2)")
    p.add_argument("--threads", type=int, default=env("CAVEAT_THREADS", "4"), help="threads per worker")
    p.add_argument("--dev", action="store_true", help="Flask's development server with code reloading")
    p.add_argument("--wsgi", choices=["gunicorn", "waitress"], default=env("CAVEAT_WSGI", DEFAULT_WSGI),
                   help=f"WSGI server (default {DEFAULT_WSGI}; gunicorn does not run on Windows)")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.kb is not None:
        if not args.kb.is_dir():
            print(f"caveat serve: --kb {args.kb}: not a folder of <id>.yaml files", file=sys.stderr)
            return 2
        os.environ["CAVEAT_KB"] = str(args.kb.resolve())  # every worker reads its settings from the environment
    if args.workers < 1 or args.threads < 1 or not 0 < args.port < 65536:
        print("caveat serve: --workers and --threads must be at least 1, --port within 1-65535", file=sys.stderr)
        return 2
    # With --dev, Werkzeug's reloader runs main() again in the child that serves: checking and greeting once will do
    if not (args.dev and os.environ.get("WERKZEUG_RUN_MAIN") == "true"):
        status = _check_kb()
        if status is None:
            return 1
        from .shared import preflight

        preflight()  # a shared instance's settings (Redis, tokens, limiter) fail here, before any worker
        _banner(args, status)
    if args.dev:
        from .app import create_app

        create_app().run(host=args.host, port=args.port, debug=False, use_reloader=True)
    elif args.wsgi == "waitress":
        from .waitress_server import run

        run(args.host, args.port, args.workers, args.threads)
    else:
        from .wsgi_server import run

        run(args.host, args.port, args.workers, args.threads)
    return 0


def _check_kb() -> dict | None:
    """Load the KB once before any worker starts, so a broken KB without a snapshot fails here with every problem
    listed; a good one is saved as the snapshot that later workers fall back on."""
    from . import config
    from .kb_store import KBStore

    settings = config.load()
    try:
        store = KBStore(settings["KB_PATH"], settings["SNAPSHOT_DIR"], -1)
    except RuntimeError as exc:
        print(f"caveat serve: {exc}", file=sys.stderr)
        return None
    return store.status()


def _banner(args, status: dict) -> None:
    url = f"http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}"
    print(f"Caveat server: {url}  (playground at {url}/, API at {url}/api/v1)", file=sys.stderr)
    print(f"Knowledge base {status['version']}: {status['entries']} treatments from {status['path']}"
          f"{' (last good snapshot: the KB on disk has errors)' if status['source'] == 'snapshot' else ''}",
          file=sys.stderr)
    print("Extension: open chrome://extensions, turn on Developer mode, 'Load unpacked' and pick the extension/ "
          f"folder (it calls this server as {CHROME_EXTENSION_ORIGIN}).", file=sys.stderr)
    if args.host not in LOOPBACK:
        print(f"WARNING: listening on {args.host}, not loopback: other machines can reach this server. "
              "Requests must still name an allowed host (CAVEAT_ALLOWED_HOSTS).", file=sys.stderr)
