"""The OpenAPI document: server/openapi.json with the annotator's own output schema set in as
components/schemas/Annotations, so the API and the library can never describe the result differently."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import annotator

SPEC = Path(__file__).with_name("openapi.json")
ANNOTATIONS_SCHEMA = Path(annotator.__file__).resolve().parent / "schemas" / "annotations.schema.json"


@cache
def document() -> dict:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    spec["components"]["schemas"]["Annotations"] = json.loads(ANNOTATIONS_SCHEMA.read_text(encoding="utf-8"))
    return spec
