"""Runs the app under waitress, the WSGI server for Windows, where gunicorn does not run (it needs fork).

waitress is one process: the `workers x threads` threads that gunicorn would spread over processes all serve here,
and with no master to fork from, a thread of that one process watches the KB folder and loads an edit itself (a
failed load keeps the last good KB, as under gunicorn). waitress reads each request whole before a thread sees it.
It is installed with Caveat on Windows and by the `shared` extra."""
from __future__ import annotations

import threading
import time

from flask import Flask

from .kb_store import KBStore
from .state import state

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade"}


def without_hop_by_hop_headers(app):
    """waitress enforces PEP 3333 and refuses a response that sets `Connection` (the 413 answer asks gunicorn to
    close); waitress manages the connection itself, so those headers are dropped before it sees them."""
    def wrapped(environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, [(k, v) for k, v in headers if k.lower() not in HOP_BY_HOP], exc_info)
        return app(environ, start)
    return wrapped


def _watch(store: KBStore, poll_seconds: float) -> None:
    while True:  # a daemon thread: it ends with the server
        time.sleep(poll_seconds)
        if store.changed():
            store.load()


def run(app: Flask, host: str, port: int, workers: int, threads: int) -> None:
    try:
        from waitress import serve
    except ImportError:
        raise SystemExit("caveat serve: waitress is not installed (pip install 'caveat[shared]')") from None
    if app.config["KB_POLL_SECONDS"] > 0:
        threading.Thread(target=_watch, args=(state(app).store, app.config["KB_POLL_SECONDS"]), name="kb-watcher",
                         daemon=True).start()
    # waitress has no access log of its own; server/timing.py logs each request without its query string
    serve(without_hop_by_hop_headers(app), host=host, port=port, threads=workers * threads, ident="caveat")
