"""Content negotiation on every negotiated route: parameters ignored, wildcards honoured the
same way everywhere, the canonical media type sent, error bodies in the client's format."""

from __future__ import annotations

import json

import pytest

COMPACTED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
CONSTRUCT = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"
DOCUMENT_ROUTES = ["/doc/city/graz", "/catalog", "/ontology", "/.well-known/void"]
CANONICAL = {
    "text/turtle;charset=utf-8": "text/turtle",
    COMPACTED: "application/ld+json",
    "application/*": "application/ld+json",
    "*/*": "text/turtle",
    "application/n-triples;charset=utf-8": "application/n-triples",
    "application/rdf+xml;q=0.9, text/turtle;q=0.5": "application/rdf+xml",
    "application/json": "application/ld+json",
    "text/plain": "application/n-triples",
}


def _media(response) -> str:
    return response.headers["Content-Type"].partition(";")[0]


@pytest.mark.parametrize("route", DOCUMENT_ROUTES)
@pytest.mark.parametrize("accept", list(CANONICAL))
def test_documents_negotiate_the_same_way_on_every_route(client, route, accept):
    response = client.get(route, headers={"Accept": accept})
    assert response.status_code == 200, (route, accept, response.data[:200])
    assert _media(response) == CANONICAL[accept]
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize("accept", list(CANONICAL))
def test_thing_redirects_to_the_document_of_the_same_format(client, accept):
    response = client.get("/id/city/graz", headers={"Accept": accept})
    assert response.status_code == 303
    extension = {
        "text/turtle": "ttl",
        "application/ld+json": "jsonld",
        "application/n-triples": "nt",
        "application/rdf+xml": "rdf",
    }[CANONICAL[accept]]
    assert response.headers["Location"].endswith(f"/doc/city/graz.{extension}")


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (
            SELECT,
            "application/sparql-results+json;charset=utf-8",
            "application/sparql-results+json",
        ),
        (SELECT, "application/*", "application/sparql-results+json"),
        (SELECT, "*/*", "application/sparql-results+json"),
        (SELECT, "application/json", "application/sparql-results+json"),
        (SELECT, "text/csv;charset=utf-8", "text/csv"),
        (SELECT, "text/*", "text/csv"),
        (SELECT, "application/xml", "application/sparql-results+xml"),
        ("ASK {}", "application/*", "application/sparql-results+json"),
        (
            "ASK {}",
            "application/sparql-results+xml;charset=utf-8",
            "application/sparql-results+xml",
        ),
        (CONSTRUCT, "text/turtle;charset=utf-8", "text/turtle"),
        (CONSTRUCT, COMPACTED, "application/ld+json"),
        (CONSTRUCT, "application/*", "application/ld+json"),
        (CONSTRUCT, "*/*", "text/turtle"),
        (CONSTRUCT, "text/plain", "application/n-triples"),
        (None, "application/*", "application/ld+json"),
        (None, "text/turtle;charset=utf-8", "text/turtle"),
    ],
)
def test_sparql_negotiates_with_parameters_and_wildcards(client, query, accept, expected):
    params = {"query": query} if query else {}
    response = client.get("/sparql", query_string=params, headers={"Accept": accept})
    assert response.status_code == 200, response.data[:300]
    assert _media(response) == expected


@pytest.mark.parametrize(
    ("path", "params", "accept", "status"),
    [
        (
            "/sparql",
            {"query": "SELECT nonsense"},
            "application/sparql-results+json;charset=utf-8",
            400,
        ),
        ("/sparql", {"query": CONSTRUCT}, "application/sparql-results+json", 406),
        ("/sparql", {"query": "SELECT nonsense"}, "application/json", 400),
        ("/doc/city/no-such-city", {}, COMPACTED, 404),
        ("/doc/city/graz", {}, "image/png, application/json;q=0", 406),
        ("/catalog.xyz", {}, "application/ld+json", 404),
        ("/download/nothing", {}, "application/*", 404),
    ],
)
def test_error_bodies_are_json_for_json_clients(client, path, params, accept, status):
    response = client.get(path, query_string=params, headers={"Accept": accept})
    assert response.status_code == status
    if "json" in accept.partition(",")[0] or accept == "application/*":
        assert _media(response) == "application/json"
        assert json.loads(response.data)["error"]["status"] == status
    else:
        assert _media(response) == "text/plain"


def test_a_406_names_what_is_offered(client):
    response = client.get("/doc/city/graz", headers={"Accept": "image/png"})
    assert response.status_code == 406 and b"text/turtle" in response.data
