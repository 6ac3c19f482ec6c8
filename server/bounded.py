"""Bounded work per annotation request: a few annotations at a time per worker, a deadline for each, caps on the
highlights and the bytes of an answer, and no more work once the client has gone.

Limits are errors that name the limit (docs/server.md): an answer is never silently cut. Waiting longer than
CAVEAT_QUEUE_TIMEOUT for a free slot is a 503 (the server is busy: try again); an annotation that needs longer than the
deadline, or gives more highlights or bytes than the caps, is a 422 (the same page will not fit next time either:
send less)."""
from __future__ import annotations

import select
import socket
import threading
import time
from contextlib import contextmanager
from typing import Callable, TypeVar

from flask import current_app, request

from .errors import ApiError
from .watchdog import Cancelled, watchdog

T = TypeVar("T")
WAIT_STEP = 0.25


def client_gone(environ: dict) -> Callable[[], bool]:
    """Whether the client closed its connection: the request is read whole before the app runs, so a readable
    socket with nothing to read is a closed one."""
    sock = environ.get("gunicorn.socket")

    def gone() -> bool:
        if sock is None:
            return False
        try:  # select first: a socket with a timeout would wait in recv() even with MSG_DONTWAIT
            return bool(select.select([sock], [], [], 0)[0]) and sock.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True
    return gone


@contextmanager
def slot(slots: threading.Semaphore):
    """One of this worker's annotation slots, waiting at most CAVEAT_QUEUE_TIMEOUT for it."""
    config, gone = current_app.config, client_gone(request.environ)
    give_up = time.monotonic() + config["QUEUE_TIMEOUT"]
    while not slots.acquire(timeout=WAIT_STEP):
        if gone():
            raise ApiError(400, "the client closed the connection before its answer", "client_gone")
        if time.monotonic() > give_up:
            raise ApiError(503, f"the server is busy: no annotation slot came free within "
                                f"{config['QUEUE_TIMEOUT']:g} s (CAVEAT_QUEUE_TIMEOUT); try again", "server_busy")
    try:
        yield
    finally:
        slots.release()


def within_deadline(work: Callable[[], T]) -> T:
    seconds = current_app.config["ANNOTATE_DEADLINE"]
    try:
        return watchdog().run(work, time.monotonic() + seconds, client_gone(request.environ))
    except Cancelled as stopped:
        if str(stopped) == "client gone":
            raise ApiError(400, "the client closed the connection before its answer", "client_gone") from None
        raise ApiError(422, f"annotating this page took longer than the server's limit of {seconds:g} s "
                            "(CAVEAT_DEADLINE); send less text", "too_much_work") from None


def check_highlights(count: int) -> None:
    cap = current_app.config["MAX_HIGHLIGHTS"]
    if count > cap:
        raise ApiError(422, f"this page has {count} mentions of treatments, more than the server's limit of {cap} "
                            "per request (CAVEAT_MAX_HIGHLIGHTS); send it in parts", "too_many_highlights")


def check_size(body: bytes) -> bytes:
    cap = current_app.config["MAX_RESPONSE_BYTES"]
    if len(body) > cap:
        raise ApiError(422, f"the answer would be {len(body)} bytes, more than the server's limit of {cap} "
                            "(CAVEAT_MAX_RESPONSE); send the page in parts", "response_too_large")
    return body
