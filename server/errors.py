"""Every failure leaves the server as `{"error": {"code", "message"}}` with a 4xx/5xx status, never a traceback."""
from __future__ import annotations

import json
import logging
from http import HTTPStatus

from flask import Flask, current_app, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from .config import SECURITY_HEADERS

log = logging.getLogger("caveat.server")

# HTTP status -> machine-readable code for errors that Flask/Werkzeug raise themselves
CODES = {
    400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 408: "request_timeout",
    413: "body_too_large", 414: "uri_too_long", 415: "unsupported_media_type", 417: "expectation_failed",
    422: "invalid_field", 431: "headers_too_large", 500: "internal_error", 501: "not_implemented",
    503: "server_busy",
}
MESSAGES = {
    404: "no such route; the API lives under /api/v1 (see /api/v1/openapi.json)",
    405: "this route does not accept that HTTP method",
}
DRAIN_LIMIT = 64 * 1024 * 1024


class ApiError(Exception):
    """An error the API reports on purpose, with the status, code and one-line message the client sees."""

    def __init__(self, status: int, message: str, code: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message


def error_body(status: int, message: str, code: str | None = None) -> bytes:
    """The one shape of every error, whether Flask or the worker itself answers."""
    return json.dumps({"error": {"code": code or CODES.get(status, "error"), "message": message}}).encode()


def error_response(status: int, message: str, code: str | None = None):
    return current_app.response_class(error_body(status, message, code), status=status, mimetype="application/json")


def raw_error(status: int, message: str, code: str | None = None) -> bytes:
    """A whole HTTP response, for the errors the worker answers before any request reaches Flask (a malformed
    request, a body over the limit, a client too slow to send its request); the connection closes after it."""
    body = error_body(status, message, code)
    head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", "Content-Type: application/json",
            f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in SECURITY_HEADERS.items()), "Connection: close"]
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


def _api_error(exc: ApiError):
    return error_response(exc.status, exc.message, exc.code)


def _http_error(exc: HTTPException):
    status = exc.code or 500
    if status == 413:
        return _too_large()
    response = error_response(status, MESSAGES.get(status) or exc.description or exc.name)
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _too_large():
    _drain_body()
    response = error_response(413, "the request body is larger than the server's limit of "
                                   f"{current_app.config['MAX_CONTENT_LENGTH']} bytes (CAVEAT_MAX_BODY)")
    response.headers["Connection"] = "close"
    return response


def _drain_body() -> None:
    """Read and drop an oversized body (up to DRAIN_LIMIT) before answering 413: a client still sending when the
    server closes the connection gets a reset instead of the JSON error."""
    length = request.content_length
    if length is None and not request.environ.get("wsgi.input_terminated"):
        return  # no length and an unbounded stream: reading could block on a kept-alive connection
    stream, left = request.environ["wsgi.input"], min(length or DRAIN_LIMIT, DRAIN_LIMIT)
    while left > 0 and (chunk := stream.read(min(left, 1 << 16))):
        left -= len(chunk)


def _unexpected(exc: Exception):
    # Only the exception's type is logged: its message may quote the page the client sent.
    log.error("internal error: %s", type(exc).__name__)
    return error_response(500, "the server hit an unexpected error; nothing about the request was kept")


def register(app: Flask) -> None:
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
