"""GET /openapi.json: the OpenAPI 3.1 description of this app's HTTP API."""

from __future__ import annotations

from importlib.metadata import version

from flask import Blueprint, jsonify, request

from sister_graph.web.openapi_document import build_openapi

bp = Blueprint("openapi", __name__)


@bp.get("/openapi.json")
def openapi():
    """Describe every route, with the server URL this request came through."""
    server = request.script_root + "/" if request.script_root else "/"
    response = jsonify(build_openapi(server_url=server, version=version("sister-graph")))
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
