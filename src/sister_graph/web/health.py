"""GET /health: liveness, the dataset checksum and triple count, as JSON."""

from __future__ import annotations

from flask import Blueprint, jsonify

from sister_graph.web.context import current_store

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    """Report that the app is up and which dataset it serves.

    503 when no query worker runs or is starting. Right after a start the workers are still
    starting (`workers_starting`): bounded queries answer at once, others wait for a worker.
    """
    store = current_store()
    facts = store.health()
    ok = facts.get("workers", 1) + facts.get("workers_starting", 0) > 0
    body = {
        "status": "ok" if ok else "degraded",
        "store": store.kind,
        "dataset": {"checksum": store.checksum, "triples": store.triples},
        **facts,
    }
    response = jsonify(body)
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response
