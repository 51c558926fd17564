"""The OpenAPI description is served, and matches the app's URL map route for route."""

from __future__ import annotations

import requests

from sister_graph.web.openapi_document import OPERATIONS, build_openapi, flask_path

IGNORED = {"HEAD", "OPTIONS"}


def url_map_methods(app) -> dict[str, set[str]]:
    """Return {Flask rule: methods} of the app (HEAD and OPTIONS are implied for all)."""
    out: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        out.setdefault(rule.rule, set()).update(m.lower() for m in rule.methods - IGNORED)
    return out


def documented_methods() -> dict[str, set[str]]:
    """Return {Flask rule: methods} as the OpenAPI table documents them."""
    out: dict[str, set[str]] = {}
    for path, item in build_openapi()["paths"].items():
        out.setdefault(flask_path(path), set()).update(item)
    return out


def test_every_route_is_documented_with_its_methods(site):
    routes, documented = url_map_methods(site.app), documented_methods()
    assert sorted(set(routes) - set(documented)) == [], "routes missing from openapi.py"
    assert sorted(set(documented) - set(routes)) == [], "documented paths the app lacks"
    assert {r: m for r, m in routes.items() if documented[r] != m} == {}


def test_path_parameters_match_the_rule_arguments(site):
    arguments = {rule.rule: set(rule.arguments) for rule in site.app.url_map.iter_rules()}
    for op in OPERATIONS:
        in_path = {p.name for p in op.params if p.where == "path"}
        assert in_path == {a for a in arguments[flask_path(op.path)] if f"{{{a}}}" in op.path}


def test_served_document_is_openapi_3_with_every_operation(site):
    response = requests.get(site.url + "openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["servers"] == [{"url": "/"}]
    sparql = document["paths"]["/sparql"]
    names = {p["name"] for p in sparql["get"]["parameters"]}
    assert {"query", "default-graph-uri", "named-graph-uri"} <= names
    assert set(sparql["post"]["requestBody"]["content"]) == {
        "application/x-www-form-urlencoded",
        "application/sparql-query",
    }
    assert "application/sparql-results+json" in sparql["get"]["responses"]["200"]["content"]
    operations = sum(len(item) for item in document["paths"].values())
    assert operations == len(OPERATIONS)
