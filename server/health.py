"""GET /healthz: `ok` when this worker serves the KB that is on disk, else `degraded` with the reason (still 200:
the server answers, with the last good KB). live_server.py waits on it."""
from flask import Blueprint, jsonify

from .state import state

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    store = state().store
    health = store.health()
    body = {"status": health.status, "kb_version": store.kb.version}
    if health.reason:
        body["reason"] = health.reason
    return jsonify(body)
