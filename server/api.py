"""The JSON API under /api/v1. Thin on purpose: validate, call the annotator library, shape the response."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from caveat.annotator import (Annotations, AnnotatorError, KnowledgeBase, Page, annotate, annotate_blocks,
                              annotate_text)
from flask import Blueprint, current_app, jsonify, request

from . import annotate_request, openapi
from .cache import content_key
from .errors import ApiError
from .state import state
from .timing import measure

bp = Blueprint("api", __name__, url_prefix="/api/v1")

Annotator = Callable[[Any, KnowledgeBase, Page], Annotations]
ANNOTATORS: dict[str, Annotator] = {"text": annotate_text, "blocks": annotate_blocks}  # html gives its own page context
MAX_QUERY = 200


@bp.post("/annotate")
def annotate_route():
    kind, content, page = annotate_request.parse()
    kb = state().store.kb  # this request keeps this KB even if a reload swaps in another meanwhile
    with measure("cache"):
        key = (content_key(kind, annotate_request.cache_payload(kind, content, page)), kb.version)
        body = state().cache.get(key)
    if body is None:
        body = _annotate(kind, content, page, kb)
        state().cache.put(key, body)
    return current_app.response_class(body, mimetype="application/json")


def _annotate(kind, content, page, kb) -> bytes:
    try:
        with measure("annotate"):
            if kind == "html":  # offsets count in the extracted text: send it, the caller does not have it
                result = annotate(content, kb).to_dict(with_text=True)
            else:
                result = ANNOTATORS[kind](content, kb, page).to_dict()
    except AnnotatorError as exc:
        raise ApiError(422, str(exc).splitlines()[0] if str(exc) else "the annotator could not read this input",
                       "unreadable_input") from None
    except RecursionError:
        raise ApiError(422, "the page is nested too deeply to read", "unreadable_input") from None
    with measure("serialize"):
        # ASCII output (non-ASCII as \u escapes) is twice as fast to encode and safe for lone surrogates
        return json.dumps(result, separators=(",", ":")).encode("ascii")


@bp.get("/treatments")
def treatments():
    kb = state().store.kb
    query = request.args.get("q", "").strip()
    if len(query) > MAX_QUERY:
        raise ApiError(422, f"query parameter 'q' is longer than {MAX_QUERY} characters")
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


@bp.post("/kb/reload")
def kb_reload():
    state().store.reload()
    return jsonify(state().store.status())


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())
