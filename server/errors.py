"""Every failure leaves the server as `{"error": {"code", "message"}}` with a 4xx/5xx status, never a traceback."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger("caveat.server")

# HTTP status -> machine-readable code for errors that Flask/Werkzeug raise themselves
CODES = {
    400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "body_too_large", 415: "unsupported_media_type", 422: "invalid_field", 500: "internal_error",
}
MESSAGES = {
    404: "no such route; the API lives under /api/v1 (see /api/v1/openapi.json)",
    405: "this route does not accept that HTTP method",
    413: "the request body is larger than the server's limit",
}


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
    response = error_response(status, MESSAGES.get(status) or exc.description or exc.name)
    if status == 405 and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    if status == 413:
        response.headers["Connection"] = "close"
    return response


def _unexpected(exc: Exception):
    # Only the exception's type is logged: its message may quote the page the client sent.
    log.error("internal error: %s", type(exc).__name__)
    return error_response(500, "the server hit an unexpected error; nothing about the request was kept")


def register(app: Flask) -> None:
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
