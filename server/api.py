"""The JSON API under /api/v1. Thin on purpose: validate, call the annotator library, shape the response."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from caveat.annotator import (Annotations, AnnotatorError, KnowledgeBase, Page, annotate, annotate_blocks,
                              annotate_text)
from flask import Blueprint, current_app, jsonify, request

from . import annotate_request, bounded, openapi, validation
from .cache import content_key
from .errors import ApiError
from .state import state
from .timing import measure

bp = Blueprint("api", __name__, url_prefix="/api/v1")

Annotator = Callable[[Any, KnowledgeBase, Page], Annotations]
ANNOTATORS: dict[str, Annotator] = {"text": annotate_text, "blocks": annotate_blocks}  # html gives its own page context


@bp.post("/annotate")
def annotate_route():
    raw = annotate_request.read_body()
    kb = state().store.kb  # this request keeps this KB even if a reload swaps in another meanwhile
    with measure("cache"):  # a body seen before was valid then: its answer is served without parsing it again
        key = (content_key(raw), kb.version)
        body = state().cache.get(key)
    if body is None:
        kind, content, page = annotate_request.parse(raw)
        body = _annotate(kind, content, page, kb)
        state().cache.put(key, body)
    return current_app.response_class(body, mimetype="application/json")


def _annotate(kind, content, page, kb) -> bytes:
    """Within this worker's slots and the deadline; a page over a cap is refused, never silently cut."""
    with bounded.slot(state().slots):
        return bounded.within_deadline(lambda: _annotated_json(kind, content, page, kb))


def _annotated_json(kind, content, page, kb) -> bytes:
    try:
        with measure("annotate"):
            if kind == "html":  # offsets count in the extracted text: send it, the caller does not have it
                annotations = annotate(content, kb)
            else:
                annotations = ANNOTATORS[kind](content, kb, page)
    except AnnotatorError as exc:
        raise ApiError(422, str(exc).splitlines()[0] if str(exc) else "the annotator could not read this input",
                       "unreadable_input") from None
    except RecursionError:
        raise ApiError(422, "the page is nested too deeply to read", "unreadable_input") from None
    bounded.check_highlights(len(annotations.highlights))
    with measure("annotate"):
        result = annotations.to_dict(with_text=kind == "html")
    with measure("serialize"):
        # ASCII output (non-ASCII as \u escapes) is twice as fast to encode and safe for lone surrogates
        return bounded.check_size(json.dumps(result, separators=(",", ":")).encode("ascii"))


@bp.get("/treatments")
def treatments():
    validation.check_query("/api/v1/treatments", "get", request.args)
    kb = state().store.kb
    query = request.args.get("q", "").strip()
    found = kb.search(query) if query else kb.summaries()
    return jsonify(kb_version=kb.version, treatments=found)


@bp.get("/treatments/<treatment_id>")
def treatment(treatment_id: str):
    kb = state().store.kb
    try:
        card = kb.card(treatment_id)
    except KeyError:
        raise ApiError(404, f"no treatment with id {treatment_id[:80]!r} in the knowledge base",
                       "unknown_treatment") from None
    return jsonify(card.to_dict())


@bp.get("/kb")
def kb_status():
    return jsonify(state().store.status())


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())
