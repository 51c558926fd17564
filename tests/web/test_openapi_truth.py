"""The OpenAPI document tells the truth: every answer the server gives is documented.

Each operation is called from outside with requests of every kind it must handle (plain,
each Accept, an unknown format, conditional headers, an unknown name, Range): the status
of each answer must be one its operation lists, with the Content-Type listed for that
status. The reverse (every documented route exists) is tests/web/test_openapi.py.
"""

from __future__ import annotations

import pytest
import requests

from sister_graph.web.openapi_document import build_openapi

ACCEPTS = [None, "text/html", "application/json", "text/turtle", "image/png", "*/*"]
EXAMPLES = {
    "/": ["/", "/?lang=xx"],
    "/publisher/{slug}": ["/publisher/banja-luka", "/publisher/nope"],
    "/id/{rest}": [
        "/id/city/graz",
        "/id/city/nope",
        "/id/city/graz?format=nope",
        "/id/city/graz?format=ttl&format=rdf",
    ],
    "/doc/{rest}": [
        "/doc/city/graz",
        "/doc/city/graz.rdf",
        "/doc/city/nope",
        "/doc/city/graz?format=x",
        "/doc/city/graz.ttl?format=rdf",
    ],
    "/ontology": ["/ontology", "/ontology?format=x", "/ontology?format=ttl&format=rdf"],
    "/ontology.{ext}": ["/ontology.nt", "/ontology.xyz", "/ontology.nt?format=ttl"],
    "/catalog": ["/catalog", "/catalog?format=x", "/catalog?format=ttl&format=rdf"],
    "/catalog.{ext}": ["/catalog.jsonld", "/catalog.xyz", "/catalog.jsonld?format=ttl"],
    "/.well-known/void": ["/.well-known/void", "/.well-known/void?format=x"],
    "/download/{name}": ["/download/sister-graph.nq", "/download/SHA256SUMS", "/download/x"],
    "/static/{filename}": ["/static/site.css", "/static/favicon.svg", "/static/nope.css"],
    "/openapi.json": ["/openapi.json"],
    "/health": ["/health"],
    "/sparql": [
        "/sparql",
        "/sparql?query=ASK%20%7B%7D",
        "/sparql?query=SELEC",
        "/sparql?query=ASK%20%7B%7D&format=x",
        "/sparql?query=ASK%20%7B%7D&format=json&format=xml",
        "/sparql?query=ASK%20%7B%7D%FF",
        "/sparql?query=CONSTRUCT%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201",
        "/sparql?update=CLEAR%20ALL",
    ],
}
CONDITIONS = [{}, {"If-None-Match": "*"}, {"If-Match": '"nope"'}, {"Range": "bytes=0-9"}]


def _documented(document: dict, path: str) -> dict[str, set[str]]:
    responses = document["paths"][path]["get"]["responses"]
    return {status: set(r.get("content", {})) for status, r in responses.items()}


def test_every_get_path_has_examples():
    assert set(EXAMPLES) == set(build_openapi()["paths"])


@pytest.mark.parametrize("path", sorted(EXAMPLES))
def test_every_answer_is_documented(site, path):
    documented = _documented(build_openapi(), path)
    undocumented = []
    for example in EXAMPLES[path]:
        for accept in ACCEPTS:
            for condition in CONDITIONS:
                headers = {**condition, **({"Accept": accept} if accept else {})}
                answer = requests.get(
                    site.url + example.lstrip("/"), headers=headers, allow_redirects=False
                )
                status = str(answer.status_code)
                media = answer.headers.get("Content-Type", "").partition(";")[0]
                if status not in documented:
                    undocumented.append((example, headers, status))
                elif documented[status] and media not in documented[status]:
                    undocumented.append((example, headers, status, media))
    assert undocumented == []


def test_fair_use_and_preconditions_are_documented_on_the_endpoint():
    sparql = build_openapi()["paths"]["/sparql"]
    assert {"429", "412", "304"} <= set(sparql["get"]["responses"])
    assert "429" in sparql["post"]["responses"]
