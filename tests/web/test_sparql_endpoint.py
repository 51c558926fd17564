"""HTTP behaviour of /sparql on a real server: formats, limits, caching headers, CORS."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
import requests

from tests.support import BASE, city_iri

CITIES = "SELECT ?city WHERE { ?city a <https://schema.org/City> } ORDER BY ?city"
GRAPH = "CONSTRUCT WHERE { ?city a <https://schema.org/City> }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", None),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_select_in_every_result_format(endpoint, accept, fmt):
    response = requests.get(endpoint.sparql, params={"query": CITIES}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == accept
    assert response.headers["Vary"] == "Accept"
    if fmt is None:  # CSV is lossy: pyoxigraph will not read it back
        rows = list(csv.reader(io.StringIO(response.text)))[1:]
    else:
        rows = list(ox.parse_query_results(response.content, format=fmt))
    assert len(rows) == 6 and city_iri("bari") in response.text


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_in_every_rdf_format(endpoint, accept, fmt):
    response = requests.post(endpoint.sparql, data={"query": GRAPH}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == accept
    assert len(list(ox.parse(response.content, format=fmt))) == 6


def test_q_values_and_format_parameter(endpoint):
    accept = "text/csv;q=0.3, application/sparql-results+xml;q=0.8"
    response = requests.get(endpoint.sparql, params={"query": CITIES}, headers={"Accept": accept})
    assert response.headers["Content-Type"].startswith("application/sparql-results+xml")
    response = requests.get(
        endpoint.sparql, params={"query": CITIES, "format": "tsv"}, headers={"Accept": accept}
    )
    assert response.headers["Content-Type"].startswith("text/tab-separated-values")


def test_nothing_acceptable_is_406(endpoint):
    response = requests.get(
        endpoint.sparql, params={"query": "ASK {}"}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 406


def test_query_in_url_and_body_is_400(endpoint):
    response = requests.post(
        endpoint.sparql,
        params={"query": "ASK {}"},
        data="ASK {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 400
    response = requests.post(endpoint.sparql, params={"query": "ASK {}"}, data={"query": "ASK {}"})
    assert response.status_code == 400


def test_a_one_megabyte_query_is_413(endpoint):
    query = "ASK {} #" + "x" * (1 << 20)
    assert requests.post(endpoint.sparql, data={"query": query}).status_code == 413
    response = requests.post(
        endpoint.sparql, data=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413
    long_get = "ASK {} #" + "x" * 70_000
    assert requests.get(endpoint.sparql, params={"query": long_get}).status_code == 413


def test_etag_and_304(endpoint):
    first = requests.get(endpoint.sparql, params={"query": CITIES})
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    again = requests.get(endpoint.sparql, params={"query": CITIES}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag and not again.content
    other = requests.get(endpoint.sparql, params={"query": CITIES, "format": "csv"})
    assert other.headers["ETag"] != etag


def test_head_answers_headers_only(endpoint):
    response = requests.head(endpoint.sparql, params={"query": CITIES})
    assert response.status_code == 200 and not response.content
    assert response.headers["Content-Type"] == "application/sparql-results+json"


def test_cors_and_preflight(endpoint):
    response = requests.get(
        endpoint.sparql, params={"query": "ASK {}"}, headers={"Origin": "http://a"}
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = requests.options(
        endpoint.sparql,
        headers={
            "Origin": "http://a",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"] == "content-type"


def test_rows_over_max_rows_are_cut_and_flagged(tmp_path):
    from tests.support import LiveServer, endpoint_config, fixture_ntriples

    server = LiveServer(endpoint_config(tmp_path, fixture_ntriples(), max_rows=3))
    try:
        response = requests.get(server.sparql, params={"query": CITIES})
        assert response.headers["X-Sister-Graph-Truncated"] == "true"
        assert len(response.json()["results"]["bindings"]) == 3
        full = requests.get(server.sparql, params={"query": CITIES + " LIMIT 3"})
        assert "X-Sister-Graph-Truncated" not in full.headers
    finally:
        server.close()


def test_service_description_for_rdf_clients(endpoint):
    response = requests.get(endpoint.sparql, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(
        "text/turtle"
    )
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    answer = store.query(
        f"""PREFIX sd: <{sd}> PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?n WHERE {{ ?s a sd:Service ; sd:endpoint <{BASE}sparql> ;
          sd:supportedLanguage sd:SPARQL11Query ;
          sd:defaultDataset/sd:defaultGraph/void:triples ?n }}"""
    )
    assert [row["n"].value for row in answer] == ["22"]


def test_browsers_get_the_query_page(endpoint):
    response = requests.get(endpoint.sparql, headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    assert "<form" in response.text


def test_errors_are_json_for_api_clients_and_text_otherwise(endpoint):
    response = requests.get(
        endpoint.sparql, params={"query": "ASK {"}, headers={"Accept": "application/json"}
    )
    error = response.json()["error"]
    assert (response.status_code, error["status"], error["code"]) == (400, 400, "malformed-query")
    plain = requests.get(endpoint.sparql, params={"query": "ASK {"}, headers={"Accept": "*/*"})
    assert plain.headers["Content-Type"].startswith("text/plain")
    assert plain.text.startswith("400 malformed-query: malformed SPARQL query")
    missing = requests.get(endpoint.url + "nothing-here")
    assert missing.status_code == 404
