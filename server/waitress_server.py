"""Runs the app under waitress, the WSGI server for Windows, where gunicorn does not run (it needs fork).

waitress is one process: the `workers x threads` threads that gunicorn would spread over processes all serve here,
and the KB watcher is the one app's thread. It is installed with Caveat on Windows and by the `shared` extra."""
from __future__ import annotations

from .app import create_app

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


def run(host: str, port: int, workers: int, threads: int) -> None:
    try:
        from waitress import serve
    except ImportError:
        raise SystemExit("caveat serve: waitress is not installed (pip install 'caveat[shared]')") from None
    # waitress has no access log of its own; server/timing.py logs each request without its query string
    serve(without_hop_by_hop_headers(create_app()), host=host, port=port, threads=workers * threads, ident="caveat")
