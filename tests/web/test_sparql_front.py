"""The WSGI front answers /sparql queries exactly as the Flask view does, without Flask."""

from __future__ import annotations

import pytest
import requests

from sister_graph.web import create_app
from sister_graph.web.context import EXTENSION
from tests.support import endpoint_config, fixture_ntriples

JSON = "application/sparql-results+json"
CASES = {
    "select-json": ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2", JSON),
    "select-csv": ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2", "text/csv"),
    "select-xml": ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 2", "application/xml"),
    "ask": ("ASK { ?s ?p ?o }", "application/sparql-results+json;q=0.9, */*;q=0.1"),
    "construct-turtle": ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", "text/turtle"),
    "construct-any": ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3", "*/*"),
}


def _comparable(response: requests.Response) -> dict:
    return {k: v for k, v in response.headers.items() if k not in ("Date", "Server")}


@pytest.mark.parametrize("case", CASES)
def test_front_and_flask_send_the_same_status_headers_and_body(endpoint, case):
    query, accept = CASES[case]
    params = {"query": query + f" # {case}"}
    front = requests.get(endpoint.sparql, params=params, headers={"Accept": accept})
    # A conditional request (an ETag that matches nothing) is always answered by Flask.
    flask = requests.get(
        endpoint.sparql, params=params, headers={"Accept": accept, "If-None-Match": '"x"'}
    )
    assert front.status_code == flask.status_code == 200
    assert front.content == flask.content
    assert _comparable(front) == _comparable(flask)


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded", {"query": "ASK { ?s ?p ?o } # form"}),
        ("application/sparql-query", b"ASK { ?s ?p ?o } # direct"),
    ],
)
def test_post_is_answered_like_get(endpoint, content_type, body):
    response = requests.post(
        endpoint.sparql, data=body, headers={"Content-Type": content_type, "Accept": JSON}
    )
    assert response.status_code == 200 and response.json()["boolean"] is True
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "params, status, code",
    [
        ({"query": "ASK {"}, 400, "malformed-query"),
        ({"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}, 403, "query-refused"),
        ({"query": "ASK {}", "format": "text/turtle"}, 406, "not-acceptable"),
        ({"query": ["ASK {}", "ASK {}"]}, 400, "bad-request"),
    ],
)
def test_errors_found_by_the_front_are_rendered_once_by_the_app(endpoint, params, status, code):
    response = requests.get(endpoint.sparql, params=params, headers={"Accept": JSON})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_browsers_and_the_service_description_still_get_flask(endpoint):
    page = requests.get(
        endpoint.sparql, params={"query": "ASK {}"}, headers={"Accept": "text/html"}
    )
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    description = requests.get(endpoint.sparql, headers={"Accept": "text/turtle"})
    assert description.status_code == 200 and b"sd:Service" in description.content.replace(
        b"<http://www.w3.org/ns/sparql-service-description#Service>", b"sd:Service"
    )


def test_queries_never_reach_the_flask_view(tmp_path):
    app = create_app(endpoint_config(tmp_path, fixture_ntriples()))

    def flask_view():
        raise AssertionError("the Flask view was called")

    app.view_functions["sparql.sparql"] = flask_view
    client = app.test_client()
    try:
        for method, extra in (("GET", {}), ("POST", {"data": {"query": "ASK { ?s ?p ?o }"}})):
            query = {"query_string": {"query": "ASK { ?s ?p ?o }"}} if method == "GET" else {}
            response = client.open(
                "/sparql", method=method, headers={"Accept": JSON}, **query, **extra
            )
            assert response.status_code == 200 and response.json["boolean"] is True
        conditional = client.get(
            "/sparql", query_string={"query": "ASK {}"}, headers={"If-None-Match": '"x"'}
        )
        assert conditional.status_code == 500  # that one went to the (replaced) view
    finally:
        app.extensions[EXTENSION].store.close()
