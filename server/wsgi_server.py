"""Runs the app under gunicorn, a real WSGI server, from Python rather than a command line.

The app is built and its KB loaded in the master before any worker is forked (preload); server/master.py keeps
the KB current and restarts the workers when it changes."""
from __future__ import annotations

from flask import Flask
from gunicorn.app.base import BaseApplication

from .master import KBArbiter
from .state import state


class CaveatServer(BaseApplication):
    def __init__(self, app: Flask, options: dict):
        self.flask_app = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:  # gunicorn >= 24: one shared socket path per user
            self.cfg.set("control_socket_disable", True)

    def load(self):
        return self.flask_app

    def run(self):
        KBArbiter(self, state(self.flask_app).store, self.flask_app.config["KB_POLL_SECONDS"]).run()


def run(app: Flask, host: str, port: int, workers: int, threads: int) -> None:
    CaveatServer(app, {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "caveat.server.worker.CaveatWorker",
        "threads": threads,
        "preload_app": True,
        "timeout": 120,
        "graceful_timeout": 30,
        "accesslog": None,  # server/timing.py logs each request without its query string
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "caveat-server",
    }).run()
