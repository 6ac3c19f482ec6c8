"""Turns a POST /api/v1/annotate body into (kind, content), or an ApiError that names the problem.

Order matters for the status a client sees: wrong content type (415) before size (413) before JSON syntax (400)
before the fields themselves (422)."""
from __future__ import annotations

import json
import re

from caveat.annotator import Page
from caveat.annotator.page import MAX_TITLE

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from .errors import ApiError

KINDS = ("html", "text", "blocks")
FIELDS = {"html": str, "text": str, "blocks": list, "title": str, "headline": str, "lang": str}
CONTEXT = ("title", "headline", "lang")   # what the page says about itself (html carries its own)
LANG_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
JSON_TYPE_NAMES = {str: "a string", list: "an array"}


def read_json_body() -> object:
    if request.mimetype != "application/json":
        raise ApiError(415, f"send the body as application/json, not {request.mimetype or 'no content type'}")
    raw = _body()
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


def parse() -> tuple[str, str | list[str], Page]:
    body = read_json_body()
    if not isinstance(body, dict):
        raise ApiError(422, "the body must be a JSON object such as {\"html\": \"...\"}")
    for field, value in body.items():
        expected = FIELDS.get(field)
        if expected is None:
            raise ApiError(422, f"unknown field {field!r}; send one of html, text or blocks (with text or blocks, "
                                "optionally title, headline and lang)")
        if not isinstance(value, expected):
            raise ApiError(422, f"field {field!r} must be {JSON_TYPE_NAMES[expected]}")
    given = [kind for kind in KINDS if kind in body]
    if len(given) != 1:
        raise ApiError(422, "send exactly one of the fields html, text or blocks"
                       + (f", not {' and '.join(given)}" if given else ""))
    kind = given[0]
    if kind == "blocks":
        for index, block in enumerate(body["blocks"]):
            if not isinstance(block, str):
                raise ApiError(422, f"field 'blocks[{index}]' must be a string")
    return kind, body[kind], _page(kind, body)


def _page(kind: str, body: dict) -> Page:
    given = [field for field in CONTEXT if field in body]
    if kind == "html" and given:
        raise ApiError(422, f"field {given[0]!r} goes with text or blocks; an html page gives its own")
    for field in ("title", "headline"):
        if len(body.get(field, "")) > MAX_TITLE:
            raise ApiError(422, f"field {field!r} is longer than {MAX_TITLE} characters")
    lang = body.get("lang")
    if lang is not None and (len(lang) > 35 or not LANG_RE.fullmatch(lang)):
        raise ApiError(422, "field 'lang' must be a language tag such as 'en' or 'pt-BR'")
    return Page(body.get("title", ""), body.get("headline", ""), lang)


def cache_payload(kind: str, content: str | list[str], page: Page) -> bytes:
    """The bytes a cache key hashes: the content and the page context it was read in (the same block under another
    headline may get another verdict). No address is ever sent: the same text on two pages is the same work."""
    text = json.dumps(content, ensure_ascii=False) if isinstance(content, list) else content
    context = json.dumps([page.title, page.headline, page.lang], ensure_ascii=False)
    return (context + "\0" + text).encode("utf-8", "surrogatepass")
