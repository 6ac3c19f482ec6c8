"""`caveat serve`: the annotation API on http://127.0.0.1:8737 under gunicorn (or Flask's reloader with --dev).

Registered as the `serve` subcommand through the `caveat.commands` entry point (pyproject.toml): the library CLI
loads it only when it is run, and never imports the server otherwise."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import CHROME_EXTENSION_ORIGIN, DEFAULT_PORT
from .start_command import SERVICES

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
    p.add_argument("--threads", type=int, default=env("CAVEAT_THREADS", "8"),
                   help="threads per worker (default 8; at most CAVEAT_SLOTS of them annotate at once)")
    p.add_argument("--dev", action="store_true", help="Flask's development server with code reloading")
    p.add_argument("--wsgi", choices=["gunicorn", "waitress"], default=env("CAVEAT_WSGI", DEFAULT_WSGI),
                   help=f"WSGI server (default {DEFAULT_WSGI}; gunicorn does not run on Windows)")
    p.add_argument("--service", choices=SERVICES, default=None,
                   help="set by 'caveat service install': the service manager that starts this server, so the "
                        "extension can say how to start it again (default: CAVEAT_SERVICE)")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.kb is not None and not args.kb.is_dir():
        print(f"caveat serve: --kb {args.kb}: not a folder of <id>.yaml files", file=sys.stderr)
        return 2
    if args.workers < 1 or args.threads < 1 or not 0 < args.port < 65536:
        print("caveat serve: --workers and --threads must be at least 1, --port within 1-65535", file=sys.stderr)
        return 2
    from .app import create_app
    from .state import state

    # built here, before any worker: a shared instance's settings (Redis, tokens, limiter) fail now, not in a worker
    app = create_app(_overrides(args))
    store = state(app).store
    if not store.load():  # before any worker exists: a broken KB stops here, every problem listed
        print(f"caveat serve: the knowledge base in {store.kb_dir} does not load; fix these and start again:\n  "
              + "\n  ".join(store.problems()), file=sys.stderr)
        return 1
    # With --dev, Werkzeug's reloader runs main() again in the child that serves: checking and greeting once will do
    if not (args.dev and os.environ.get("WERKZEUG_RUN_MAIN") == "true"):
        _banner(args, store.status())
    if args.dev:
        app.run(host=args.host, port=args.port, debug=False, use_reloader=True)
    elif args.wsgi == "waitress":
        from .waitress_server import run

        run(app, args.host, args.port, args.workers, args.threads)
    else:
        from .wsgi_server import run

        run(app, args.host, args.port, args.workers, args.threads)
    return 0


def _overrides(args) -> dict:
    """The options that go into the app's config rather than to the WSGI server."""
    overrides = {"KB_PATH": str(args.kb.resolve())} if args.kb is not None else {}
    return overrides | ({"SERVICE": args.service} if args.service else {})


def _banner(args, status: dict) -> None:
    url = f"http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}"
    print(f"Caveat server: {url}  (playground at {url}/, API at {url}/api/v1)", file=sys.stderr)
    print(f"Knowledge base {status['version']}: {status['entries']} treatments from {status['path']}",
          file=sys.stderr)
    print("Extension: open chrome://extensions, turn on Developer mode, 'Load unpacked' and pick the extension/ "
          f"folder (it calls this server as {CHROME_EXTENSION_ORIGIN}).", file=sys.stderr)
    if args.host not in LOOPBACK:
        print(f"WARNING: listening on {args.host}, not loopback: anyone who can reach this address can use the API. "
              "The Host check (loopback names and CAVEAT_ALLOWED_HOSTS) only stops web pages from reaching the "
              "server through DNS rebinding; it is not access control: a client that sends 'Host: 127.0.0.1' is "
              "served. Put a firewall, or a proxy that authenticates, in front.", file=sys.stderr)
