"""The gunicorn worker: gthread, except that a request reaches a thread only once all of it has arrived.

gunicorn's gthread worker hands a connection to a thread, which then waits on the socket for the request's head
and body: a few clients sending slowly hold every thread, and a normal client waits. Here the worker's main loop
(one selector over every connection) reads each request into a RequestBuffer first, with deadlines for the head
and the whole request, so a slow or stalled client costs a socket, never a thread. Threads also get a deadline to
send a response, for clients that stop reading.

Whatever the worker refuses itself (a malformed or incomplete request, a body over the limit, a client too slow,
the errors gunicorn's parser raises) gets the API's JSON error with nosniff, and the log line names the status and
the kind of problem only, never the request's bytes."""
from __future__ import annotations

import logging
import selectors
import socket
import time
from dataclasses import dataclass, field
from functools import partial

from gunicorn import http
from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import ThreadWorker

from .errors import raw_error
from .request_buffer import Refusal, RequestBuffer

log = logging.getLogger("caveat.server")

SEND_TIMEOUT = 30.0      # seconds a response may wait for the client to read
LINGER = 2.0             # seconds to read and drop what a refused client still sends, so it can read the error
DRAIN_LIMIT = 64 * 1024 * 1024
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


def _pieces(data: bytes, size: int = 1 << 16):
    view = memoryview(data)
    return (bytes(view[i:i + size]) for i in range(0, len(data), size))


@dataclass(frozen=True)
class Timeouts:
    head: float               # seconds for a request's head (CAVEAT_HEAD_TIMEOUT), also a new connection's first byte
    request: float            # seconds for all of it, head and body (CAVEAT_REQUEST_TIMEOUT)
    idle: float               # seconds a kept-alive connection may wait for its next request


@dataclass
class _Reading:
    buffer: RequestBuffer
    started: float
    timeouts: Timeouts
    fresh: bool               # a new connection, not a kept-alive one
    continued: bool = False
    refused: bool = False     # the error is sent; what still arrives is dropped
    dropped: int = 0
    deadline: float = field(default=0.0)

    def due(self, now: float) -> bool:
        if self.refused:
            return now > self.deadline
        if not self.buffer.data:
            return now > self.started + (self.timeouts.head if self.fresh else self.timeouts.idle)
        limit = self.timeouts.head if self.buffer.head_end is None else self.timeouts.request
        return now > self.started + limit


def refusal_for(exc: Exception, cfg) -> Refusal:
    """The status and message for an error gunicorn's parser raised, worded without the request's bytes."""
    if isinstance(exc, http_errors.LimitRequestLine):
        return Refusal(414, "uri_too_long", f"the request line is longer than {cfg.limit_request_line} bytes")
    if isinstance(exc, http_errors.LimitRequestHeaders):
        return Refusal(431, "headers_too_large", f"the request has more than {cfg.limit_request_fields} header "
                                                 f"fields or one longer than {cfg.limit_request_field_size} bytes")
    if isinstance(exc, http_errors.UnsupportedTransferCoding):
        return Refusal(501, "not_implemented", "the only Transfer-Encoding the server reads is chunked")
    if isinstance(exc, http_errors.ExpectationFailed):
        return Refusal(417, "expectation_failed", "the only Expect the server meets is 100-continue")
    if isinstance(exc, (http_errors.InvalidChunkSize, http_errors.ChunkMissingTerminator,
                        http_errors.InvalidChunkExtension)):
        return Refusal(400, "malformed_body", "the chunked request body is malformed")
    if isinstance(exc, (http_errors.ParseException, http_errors.NoMoreData)):
        return Refusal(400, "bad_request", f"the request is not valid HTTP/1.1 ({type(exc).__name__})")
    return Refusal(500, "internal_error", "the server hit an unexpected error; nothing about the request was kept")


class CaveatWorker(ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading: dict = {}  # connection -> _Reading, for requests still arriving

    @property
    def max_body(self) -> int:
        return self.wsgi.config.get("MAX_CONTENT_LENGTH") or DRAIN_LIMIT

    @property
    def timeouts(self) -> Timeouts:
        config = self.wsgi.config
        return Timeouts(config["HEAD_TIMEOUT"], config["REQUEST_TIMEOUT"], self.cfg.keepalive)

    # -- the main loop: read whole requests -----------------------------------------------------------------

    def enqueue_req(self, conn) -> None:
        """Every way gthread hands a connection to a thread comes through here: read the request first."""
        if getattr(conn, "caveat_request", None) is not None:
            super().enqueue_req(conn)
            return
        leftover, conn.caveat_next = getattr(conn, "caveat_next", b""), b""
        reading = _Reading(RequestBuffer(self.max_body, leftover), time.monotonic(), self.timeouts,
                           fresh=conn.parser is None)
        conn.sock.setblocking(False)
        self.reading[conn] = reading
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))
        if leftover:
            self._advance(conn, reading, b"")

    def _on_readable(self, conn, _sock) -> None:
        reading = self.reading[conn]
        try:
            chunk = conn.sock.recv(1 << 16)
        except BlockingIOError:
            return
        except OSError:
            self._close(conn)
            return
        if reading.refused:
            reading.dropped += len(chunk)
            if not chunk or reading.dropped > DRAIN_LIMIT:
                self._close(conn)
        elif not chunk:
            if reading.buffer.data:  # the client closed (or half-closed) in the middle of its request
                self._refuse(conn, Refusal(400, "incomplete_request", "the request ended before all of it was "
                                                                      "sent (a body shorter than its length, or "
                                                                      "a chunked body without its last chunk)"))
            else:
                self._close(conn)
        else:
            self._advance(conn, reading, chunk)

    def _advance(self, conn, reading: _Reading, chunk: bytes) -> None:
        try:
            complete = reading.buffer.feed(chunk)
        except Refusal as refusal:
            self._refuse(conn, refusal)
            return
        if reading.buffer.wants_continue and not reading.continued and not complete:
            reading.continued = True
            self._send(conn, CONTINUE)
        if complete:
            self.poller.unregister(conn.sock)
            del self.reading[conn]
            conn.caveat_request, conn.caveat_next = reading.buffer.request(), reading.buffer.rest()
            conn.data_ready = True
            super().enqueue_req(conn)

    def finish_request(self, conn, fs) -> None:
        """A kept-alive connection whose next request already arrived (pipelined) is read from that at once."""
        super().finish_request(conn, fs)
        if getattr(conn, "caveat_next", b"") and conn in self.keepalived_conns:
            self.on_client_socket_readable(conn, conn.sock)

    def murder_keepalived(self, force: bool = False) -> None:
        super().murder_keepalived(force)
        now = time.monotonic()
        for conn, reading in list(self.reading.items()):
            if force or reading.due(now):
                if reading.buffer.data and not reading.refused and not force:
                    self._refuse(conn, Refusal(408, "request_timeout", "the request did not arrive in time (the "
                                                                       f"head within {reading.timeouts.head:g} s, "
                                                                       f"all of it within "
                                                                       f"{reading.timeouts.request:g} s)"))
                else:
                    self._close(conn)

    def _refuse(self, conn, refusal: Refusal) -> None:
        """Send the error, then read and drop what the client still sends for a moment, so that a client still
        sending its body gets to read the answer instead of a reset."""
        log.info("<refused request> %d %s", refusal.status, refusal.code)
        self._send(conn, raw_error(refusal.status, refusal.message, refusal.code))
        reading = self.reading[conn]
        reading.refused, reading.deadline = True, time.monotonic() + LINGER
        try:
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            self._close(conn)

    def _send(self, conn, data: bytes) -> None:
        try:
            conn.sock.send(data)  # a few hundred bytes into an empty socket buffer: it does not block
        except OSError:
            pass

    def _close(self, conn) -> None:
        if self.reading.pop(conn, None) is not None:
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass
        self.nr_conns -= 1
        conn.close()

    # -- a thread: the request is all in memory -------------------------------------------------------------

    def handle(self, conn):
        """gunicorn's parser reads the request from memory, in pieces: one 5 MB buffer would be copied whole at
        each of its reads."""
        request, conn.caveat_request = conn.caveat_request, None
        conn.sock.setblocking(True)
        conn.initialized = True  # plain HTTP/1.1 on a plain socket: nothing for TConn.init() to set up
        conn.parser = http.get_parser(self.cfg, _pieces(request), conn.client)
        return super().handle(conn)

    def handle_request(self, req, conn):
        conn.sock.settimeout(SEND_TIMEOUT)
        try:
            return super().handle_request(req, conn)
        except TimeoutError:
            log.info("<response> dropped: the client stopped reading for %.0f s", SEND_TIMEOUT)
            return False

    def handle_error(self, req, client, addr, exc) -> None:
        """gunicorn's own answer is an HTML page, and its log line quotes the request: neither here."""
        refusal = refusal_for(exc, self.cfg)
        if refusal.status == 500:
            log.error("internal error: %s", type(exc).__name__)
        log.info("<refused request> %d %s (%s)", refusal.status, refusal.code, type(exc).__name__)
        try:
            client.sendall(raw_error(refusal.status, refusal.message, refusal.code))
        except OSError:
            pass
