"""Requests are checked against server/openapi.json itself, the one description of what the API accepts, with one
cached jsonschema validator per schema. A failure becomes a 422 whose message names the field, e.g. 'blocks[1]'."""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, cast

import jsonschema
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from . import openapi
from .errors import ApiError

SPEC_URI = "urn:caveat:openapi"
JSON_TYPES = {"string": "a string", "array": "an array", "object": "a JSON object", "integer": "an integer",
              "number": "a number", "boolean": "true or false"}


@cache
def validator(pointer: str) -> jsonschema.Draft202012Validator:
    """The validator of the schema at `pointer` in the OpenAPI document, e.g. '/components/schemas/Error'."""
    registry = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(openapi.document()))
    return jsonschema.Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry,
                                           format_checker=jsonschema.FormatChecker())


def check(pointer: str, instance: object, name: str = "") -> None:
    """Raise a 422 naming the first problem of `instance` (`name` is what to call it: a body has no name)."""
    errors = sorted(validator(pointer).iter_errors(instance), key=_order)
    if errors:
        raise ApiError(422, _message(errors[0], name))


def check_query(template: str, method: str, args: dict) -> None:
    """The query parameters the OpenAPI document gives this route, each against its own schema."""
    base = f"/paths/{template.replace('~', '~0').replace('/', '~1')}/{method.lower()}/parameters"
    for index, parameter in enumerate(openapi.document()["paths"][template][method.lower()].get("parameters", [])):
        if parameter["in"] == "query" and parameter["name"] in args:
            check(f"{base}/{index}/schema", args[parameter["name"]], parameter["name"])


def _order(err: jsonschema.ValidationError) -> tuple:
    """What the client most needs to hear first: the body's own shape, an unknown field, then each field's type."""
    return (len(err.absolute_path), err.validator != "additionalProperties", err.validator == "oneOf")


def _field(err: jsonschema.ValidationError, name: str) -> str:
    field = name
    for part in err.absolute_path:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return field


def _message(err: jsonschema.ValidationError, name: str) -> str:
    field = _field(err, name)
    schema: dict[str, Any] = dict(err.schema) if isinstance(err.schema, Mapping) else {}
    value: Any = err.validator_value
    properties = schema.get("properties", {})
    if err.validator == "additionalProperties":
        unknown = sorted(set(cast(dict, err.instance)) - set(properties))
        return f"unknown field {unknown[0]!r}; the fields are {', '.join(properties)}"
    if err.validator == "type":
        wanted = JSON_TYPES.get(value, value)
        return f"field {field!r} must be {wanted}" if field else f"the body must be {wanted}"
    if err.validator == "oneOf":
        return _one_of(err, name)
    if err.validator == "maxLength":
        return f"field {field!r} is longer than {value} characters"
    if err.validator == "pattern":
        return f"field {field!r} must be {schema['title']}" if "title" in schema \
            else f"field {field!r} must match the pattern {value}"
    return f"field {field!r}: {err.message}" if field else err.message


def _one_of(err: jsonschema.ValidationError, name: str) -> str:
    """Which of the alternatives was meant: the one whose required field is there."""
    branches: list[dict[str, Any]] = cast(list, err.validator_value)
    instance: dict[str, Any] = cast(dict, err.instance)
    given = [b["required"][0] for b in branches if set(b.get("required", ())) <= set(instance)]
    choices = [b["required"][0] for b in branches]
    if len(given) != 1:
        listing = ", ".join(choices[:-1]) + " or " + choices[-1]
        return f"send exactly one of the fields {listing}" + (f", not {' and '.join(given)}" if given else "")
    branch = branches[choices.index(given[0])]
    banned = [f for f, schema in branch.get("properties", {}).items() if schema is False and f in instance]
    if banned:
        why = f": {branch['title']}" if "title" in branch else ""
        return f"field {banned[0]!r} cannot be sent with {given[0]!r}{why}"
    inside = [e for e in err.context if e.relative_schema_path[0] == choices.index(given[0])]
    return _message(sorted(inside, key=_order)[0], name) if inside else err.message
