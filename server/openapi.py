"""The OpenAPI document: server/openapi.json with the annotator's own output schema set in, so the API and the
library can never describe the result differently.

The annotator's schema becomes components/schemas/Annotations, and its $defs (card, highlight, evidence, ...)
become sibling component schemas with their references rewritten to match: plain in-document references are the
form every OpenAPI tool resolves."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

SPEC = Path(__file__).with_name("openapi.json")
ANNOTATIONS_SCHEMA = Path(str(resources.files("caveat.annotator").joinpath("schemas/annotations.schema.json")))


def _rewrite_refs(node):
    if isinstance(node, dict):
        return {key: (value.replace("#/$defs/", "#/components/schemas/") if key == "$ref" else _rewrite_refs(value))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


@cache
def document() -> dict:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    annotations = _rewrite_refs(json.loads(ANNOTATIONS_SCHEMA.read_text(encoding="utf-8")))
    schemas = spec["components"]["schemas"]
    for name, schema in annotations.pop("$defs", {}).items():
        if name in schemas:
            raise RuntimeError(f"annotations.schema.json $defs/{name} clashes with an API schema")
        schemas[name] = schema
    for keyword in ("$schema", "$id"):
        annotations.pop(keyword, None)
    schemas["Annotations"] = annotations
    return spec
