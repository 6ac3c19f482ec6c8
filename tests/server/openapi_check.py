"""Checks an HTTP response against the served OpenAPI document: the route must be documented for that method and
status, and a JSON body must validate against the documented schema (which forbids unknown properties)."""
from __future__ import annotations

import json
import re

from caveat.server import openapi
from caveat.server.validation import validator

SPEC = openapi.document()
ERROR_SCHEMA = "/components/schemas/Error"


def _pattern(template: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")


ROUTES = [(_pattern(template), template) for template in SPEC["paths"]]


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def response_schema_pointer(method: str, path: str, status: int, mimetype: str) -> str | None:
    """Where the documented schema of this response lives; AssertionError if the response is not documented.
    None means a documented non-JSON body (HTML, script, text), which has no schema to check."""
    template = next((t for pattern, t in ROUTES if pattern.match(path)), None)
    if template is None or method.lower() not in SPEC["paths"][template]:
        assert status in (404, 405), f"{method} {path} answered {status} but is not in the OpenAPI document"
        return ERROR_SCHEMA
    responses = SPEC["paths"][template][method.lower()]["responses"]
    assert str(status) in responses, f"{method} {template}: status {status} is not documented"
    pointer = f"/paths/{_escape(template)}/{method.lower()}/responses/{status}"
    response = responses[str(status)]
    if "$ref" in response:
        pointer = response["$ref"][1:]
        response = SPEC["components"]["responses"][pointer.rsplit("/", 1)[1]]
    assert mimetype in response["content"], f"{method} {template} {status}: {mimetype} is not documented"
    if mimetype != "application/json":
        return None
    return f"{pointer}/content/{_escape(mimetype)}/schema"


def check(method: str, path: str, status: int, mimetype: str, body: bytes) -> None:
    pointer = response_schema_pointer(method, path, status, mimetype)
    if pointer is not None:
        validator(pointer).validate(json.loads(body))
