"""Every failure leaves the server as `{"error": {"code", "message"}}` with a 4xx/5xx status, never a traceback."""
from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

log = logging.getLogger("caveat.server")

# HTTP status -> machine-readable code for errors that Flask/Werkzeug raise themselves
CODES = {
    400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "body_too_large", 415: "unsupported_media_type", 422: "invalid_field", 500: "internal_error",
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


def error_response(status: int, message: str, code: str | None = None):
    response = jsonify(error={"code": code or CODES.get(status, "error"), "message": message})
    response.status_code = status
    return response


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
