"""Runs the app under gunicorn, a real WSGI server, from Python rather than a command line.

gthread workers keep connections alive and let one worker read a slow upload while it annotates another page.
Workers are started without preloading, so each builds its app (and loads the KB) itself: SIGHUP to the master then
restarts every worker gracefully on the KB now on disk, or on the last good snapshot if that is broken."""
from __future__ import annotations

from gunicorn.app.base import BaseApplication

from .app import create_app


class CaveatServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:  # gunicorn >= 24: one shared socket path per user
            self.cfg.set("control_socket_disable", True)

    def load(self):
        return create_app()


def run(host: str, port: int, workers: int, threads: int) -> None:
    CaveatServer({
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 120,
        "graceful_timeout": 30,
        "accesslog": None,  # server/timing.py logs each request without its query string
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "caveat-server",
    }).run()
