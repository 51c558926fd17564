"""OpenAPI 3.1 description of the HTTP API, generated from one table of operations.

Spec: https://spec.openapis.org/oas/v3.1.0. The table is web/openapi_operations.py; a test
compares it with the Flask app's URL map, so every route is documented and every documented
path exists.
"""

from __future__ import annotations

from sister_graph.web.openapi_operations import (
    ERROR_MEDIA,
    ERRORS,
    HEALTH_SCHEMA,
    OPERATIONS,
    Operation,
)

__all__ = ["OPERATIONS", "build_openapi", "flask_path"]


def _responses(op: Operation) -> dict:
    out = {}
    for status, media in op.ok.items():
        entry: dict = {"description": "OK" if status == 200 else f"HTTP {status}"}
        if media:
            schema = HEALTH_SCHEMA if op.path == "/health" else {}
            entry["content"] = {m: {"schema": schema} for m in media}
        out[str(status)] = entry
    for status in op.errors:
        content = {m: {"schema": {}} for m in ERROR_MEDIA}
        out.setdefault(str(status), {"description": ERRORS[status], "content": content})
    return out


def _operation(op: Operation) -> dict:
    out: dict = {
        "summary": op.summary,
        "operationId": f"{op.method}{op.path}".replace("/", "_").strip("_") or op.method,
        "tags": [op.tag],
        "responses": _responses(op),
    }
    if op.params:
        out["parameters"] = [
            {
                "name": p.name,
                "in": p.where,
                "description": p.description,
                "required": p.required or p.where == "path",
                "schema": p.schema,
                **({"style": "form", "explode": True} if p.schema.get("type") == "array" else {}),
            }
            for p in op.params
        ]
    if op.body:
        content = {media: {"schema": schema} for media, schema in op.body.items()}
        out["requestBody"] = {"required": True, "content": content}
    return out


def build_openapi(*, server_url: str = "/", version: str = "0.1.0") -> dict:
    """Return the OpenAPI 3.1 document of the whole HTTP API as a JSON-ready dict."""
    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sister-graph",
            "version": version,
            "description": "Linked data and a read-only SPARQL 1.1 endpoint for a city's "
            "international cooperation.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
    }


def flask_path(path: str) -> str:
    """Return the OpenAPI path as the Flask rule it documents.

    >>> flask_path("/id/{rest}")
    '/id/<path:rest>'
    """
    converters = {"rest": "path:", "filename": "path:"}
    out = path
    for name in ("rest", "filename", "name", "ext", "slug"):
        out = out.replace("{" + name + "}", f"<{converters.get(name, '')}{name}>")
    return out
