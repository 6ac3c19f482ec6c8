"""One log line per request with sizes and timings only, and a Server-Timing header with the same figures.

Neither the page, its URL nor a query string is ever logged: the line holds the route's path, the status, byte
counts and milliseconds. Each figure comes twice: wall-clock time, and `_cpu`, the CPU time of the request's own
thread, which leaves out waiting for the GIL while another thread of the worker annotates. benchmarks/bench_server.py
reads these lines to split a request's work into the annotator's share and the server's own."""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from flask import Flask, g, request

log = logging.getLogger("caveat.server")


@contextmanager
def measure(name: str):
    """Adds the time spent inside the block to this request's figures under `name`."""
    start, start_cpu = time.perf_counter(), time.thread_time()
    try:
        yield
    finally:
        _add(name, time.perf_counter() - start, time.thread_time() - start_cpu)


def _add(name: str, wall: float, cpu: float) -> None:
    g.timings[name] = g.timings.get(name, 0.0) + wall * 1000
    g.timings[f"{name}_cpu"] = g.timings.get(f"{name}_cpu", 0.0) + cpu * 1000


def _start():
    g.started, g.started_cpu = time.perf_counter(), time.thread_time()
    g.timings = {}


def _finish(response):
    if "started" not in g:  # a request rejected before any before_request ran
        return response
    _add("total", time.perf_counter() - g.started, time.thread_time() - g.started_cpu)
    figures = g.timings
    response.headers["Server-Timing"] = ", ".join(f"{k};dur={v:.2f}" for k, v in figures.items())
    log.info("%s %s %d in=%dB out=%sB %s", request.method, request.url_rule.rule if request.url_rule else "<unrouted>",
             response.status_code, request.content_length or 0, response.content_length,
             " ".join(f"{k}={v:.2f}ms" for k, v in figures.items()))
    return response


def register(app: Flask) -> None:
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)
