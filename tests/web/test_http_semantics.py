"""HTTP semantics on every route: opaque redirect query strings, weak If-None-Match, a
byte-stable catalog, XML that carries every character, one spelling of language tags."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from sister_graph.build.pipeline import build_dist
from sister_graph.web.context import state
from tests.support import repo_config
from tests.web.conftest import new_app

SRX = "{http://www.w3.org/2005/sparql-results#}"
CYRILLIC_LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?l WHERE { <https://w3id.org/sister-graph/id/city/graz> rdfs:label ?l
FILTER(LANG(?l) = "sr-Cyrl") }"""


# ---- 6. redirects carry the query string as an opaque string


@pytest.mark.parametrize(
    "query",
    ["rest=x", "_method=POST", "_external=1", "_anchor=f", "a=1&a=2", "format=ttl&lang=en&x="],
)
def test_a_redirect_keeps_the_query_string_as_sent(client, query):
    response = client.get(f"/id/city/graz?{query}", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert location.path == "/doc/city/graz.ttl"
    assert location.query == query and location.fragment == ""


def test_a_redirect_with_an_extension_and_no_query_string(client):
    response = client.get("/id/city/graz.nt")
    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).path == "/doc/city/graz.nt"
    assert "?" not in response.headers["Location"]


_names = st.text(min_size=1, max_size=12)
_values = st.text(max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.lists(st.tuples(_names, _values), min_size=1, max_size=5))
def test_any_parameter_names_give_a_303_keeping_the_query_string(client, params):
    query = urlencode(params)
    response = client.get(f"/id/city/graz?{query}", headers={"Accept": "text/html"})
    assert response.status_code == 303, response.data[:200]
    location = urlsplit(response.headers["Location"])
    assert location.path == "/doc/city/graz.html"
    assert location.query == query and location.fragment == ""


# ---- 2. weak comparison for If-None-Match on every route that sends an ETag

ROUTES = [
    "/",
    "/publisher/banja-luka",
    "/catalog",
    "/catalog.ttl",
    "/catalog.jsonld",
    "/catalog.html",
    "/.well-known/void",
    "/doc/city/graz",
    "/doc/city/graz.html",
    "/doc/city/graz.ttl",
    "/doc/city/graz.rdf",
    "/ontology",
    "/ontology.html",
    "/download/sister-graph.ttl",
    "/download/SHA256SUMS",
    "/sparql?query=ASK%20%7B%7D",
    "/sparql?query=ASK%20%7B%7D&format=xml",
    "/openapi.json",
]


@pytest.mark.parametrize("route", ROUTES)
def test_every_etag_matches_weakly_strongly_in_lists_and_by_star(client, route):
    first = client.get(route)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert "max-age" in first.headers["Cache-Control"]
    for header in (etag, f"W/{etag}", f'"nope", W/{etag}', f'W/"nope",{etag}', "*"):
        again = client.get(route, headers={"If-None-Match": header})
        assert again.status_code == 304, (route, header)
        assert again.data == b"" and again.headers["ETag"] == etag
    assert client.get(route, headers={"If-None-Match": '"nope", W/"other"'}).status_code == 200
    assert client.head(route, headers={"If-None-Match": f"W/{etag}"}).status_code == 304


def test_health_is_never_cached(client):
    response = client.get("/health")
    assert "ETag" not in response.headers and response.headers["Cache-Control"] == "no-store"


# ---- 2. the live catalog is dist/catalog.ttl, the same in every server process


def test_live_catalog_is_the_published_file(client, built):
    config, _ = built
    published = (config.dist_dir / "catalog.ttl").read_bytes()
    assert client.get("/catalog.ttl").data == published
    assert client.get("/catalog", headers={"Accept": "text/turtle"}).data == published


@pytest.mark.parametrize("ext", ["jsonld", "nt", "rdf", "ttl"])
def test_catalog_bytes_are_identical_across_server_processes(built, tmp_path_factory, ext, client):
    config, _ = built
    other = new_app(config, tmp_path_factory, f"other-store-{ext}")
    try:
        body = other.test_client().get(f"/catalog.{ext}").data
    finally:
        with other.app_context():
            state().store.close()
    assert body and body == client.get(f"/catalog.{ext}").data


# ---- 1. XML answers over HTTP carry CR and TAB, or refuse with a 406 naming other formats


def test_sparql_xml_keeps_cr_and_tab(client):
    query = 'SELECT ?w { BIND("g\\rh\\ti" AS ?w) }'
    response = client.get(
        "/sparql",
        query_string={"query": query},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.status_code == 200
    values = [lit.text for lit in ET.fromstring(response.data).iter(f"{SRX}literal")]
    assert values == ["g\rh\ti"]


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ('SELECT ?w { BIND("a\\u0001b" AS ?w) }', "application/sparql-results+xml"),
        (
            'CONSTRUCT { <urn:x:s> <urn:x:p> ?w } WHERE { BIND("a\\u0001b" AS ?w) }',
            "application/rdf+xml",
        ),
    ],
)
def test_a_character_xml_cannot_carry_is_a_406_naming_other_formats(client, query, accept):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert b"U+0001" in response.data and b"format=" in response.data
    if "SELECT" in query:  # the same answer in JSON carries the character
        as_json = client.get(
            "/sparql",
            query_string={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        bindings = json.loads(as_json.data)["results"]["bindings"]
        assert [b["w"]["value"] for b in bindings] == ["a\x01b"]


# ---- 5. one spelling of each language tag: pages, dumps and SPARQL results say sr-Cyrl


def test_lang_filter_with_the_published_spelling_finds_the_label(client):
    response = client.get(
        "/sparql",
        query_string={"query": CYRILLIC_LABELS},
        headers={"Accept": "application/sparql-results+json"},
    )
    bindings = json.loads(response.data)["results"]["bindings"]
    assert [b["l"]["xml:lang"] for b in bindings] == ["sr-Cyrl"]
    assert bindings[0]["l"]["value"] == "Грац"


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "text/tab-separated-values"])
def test_results_say_sr_cyrl_in_every_format(client, accept):
    query = "SELECT ?l WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    body = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept}).data
    assert b"sr-Cyrl" in body and b"sr-cyrl" not in body


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "rdf", "html"])
def test_documents_say_sr_cyrl(client, ext):
    body = client.get(f"/doc/city/graz.{ext}").data
    assert b"sr-Cyrl" in body and b"sr-cyrl" not in body


def test_documents_in_rdfxml_keep_cr_and_tab(data_copy, tmp_path_factory):
    note = "first line\r\nsecond\tline"
    cities = data_copy / "banja-luka" / "cities.csv"
    text = cities.read_text(encoding="utf-8")
    old = "Wikidata Q170287 was seen in one dataset only and is not confirmed; left empty."
    cities.write_text(text.replace(old, f'"{note}"'), encoding="utf-8", newline="")
    config = repo_config(tmp_path_factory.mktemp("cr-dist")).with_(data_dir=data_copy)
    build_dist(config)
    app = new_app(config, tmp_path_factory, "cr-store")
    try:
        client = app.test_client()
        for path, accept in (
            ("/doc/city/subotica.rdf", None),
            ("/doc/city/subotica", "application/rdf+xml"),
            (
                "/sparql?query=DESCRIBE%20%3Chttps://w3id.org/sister-graph/id/city/subotica%3E",
                "application/rdf+xml",
            ),
        ):
            response = client.get(path, headers={"Accept": accept} if accept else {})
            assert response.status_code == 200, (path, response.data[:200])
            assert b"\r" not in response.data and b"&#13;" in response.data
            graph = Graph().parse(data=response.data, format="xml")
            assert note in {str(o) for o in graph.objects()}, path
    finally:
        with app.app_context():
            state().store.close()
