"""GET /healthz: answers as soon as the worker has a KB; live_server.py waits on it."""
from flask import Blueprint, jsonify

from .state import state

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok", kb_version=state().store.kb.version)
