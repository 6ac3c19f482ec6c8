"""Turns a POST /api/v1/annotate body into (kind, content), or an ApiError that names the problem.

Order matters for the status a client sees: wrong content type (415) before size (413) before JSON syntax (400)
before the fields themselves (422)."""
from __future__ import annotations

import json

from caveat.annotator import Page
from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from . import validation
from .errors import ApiError

KINDS = ("html", "text", "blocks")


def read_body() -> bytes:
    """The raw body of a JSON request, refusing another content type (415) or a body over the limit (413)."""
    if request.mimetype != "application/json":
        raise ApiError(415, f"send the body as application/json, not {request.mimetype or 'no content type'}")
    return _body()


def _json(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8 text", "malformed_json") from None
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                       "malformed_json") from None
    except RecursionError:
        raise ApiError(400, "the body's JSON is nested too deeply", "malformed_json") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise ApiError(400, f"the body's JSON cannot be read: {exc}", "malformed_json") from None


def _body() -> bytes:
    """The body, refusing one over the limit. With a Content-Length, Werkzeug refuses it (413) before reading; a
    chunked body has no length, so read one byte past the limit to tell a full body from a cut one."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None or not limit:
        return request.get_data(cache=False)  # raises 413 past MAX_CONTENT_LENGTH
    raw = request.environ["wsgi.input"].read(limit + 1)
    if len(raw) > limit:
        raise RequestEntityTooLarge()
    return raw


def parse(raw: bytes) -> tuple[str, str | list[str], Page]:
    """The body checked against the OpenAPI document's AnnotateRequest (server/validation.py)."""
    body = _json(raw)
    validation.check("/components/schemas/AnnotateRequest", body)
    assert isinstance(body, dict)
    kind = next(kind for kind in KINDS if kind in body)
    return kind, body[kind], Page(body.get("title", ""), body.get("headline", ""), body.get("lang"))
