"""Which error wins: a malformed query is a 400 whatever the client accepts.

SPARQL 1.1 Protocol §2.1.4 (https://www.w3.org/TR/sparql11-protocol/#query-bindings-http):
a query string that does not parse is answered 400. Content negotiation (406) only concerns
a query that has an answer, so an Accept header the answer cannot meet must not hide the
syntax error, and the message is the one an acceptable Accept gets (line:column included).
"""

from __future__ import annotations

import pytest
import requests

MALFORMED = [
    "SELECT * { ?x ?p }",
    "ASK { ?x ?p }",
    "PREFIX ex: <http://example.org/>\nASK {\n  ?s ex:p ?o .\n  FILTER(?o = )\n}",
    "CONSTRUCT { ?s ?p } WHERE { ?s ?p ?o }",
    "DESCRIBE ?s WHERE { ?s ?p }",
]
UNACCEPTABLE = ["text/plain", "image/png", "application/n-quads"]


@pytest.mark.parametrize("query", MALFORMED)
@pytest.mark.parametrize("accept", UNACCEPTABLE)
def test_a_syntax_error_wins_over_not_acceptable(endpoint, query, accept):
    plain = requests.get(endpoint.sparql, params={"query": query}, headers={"Accept": "*/*"})
    assert plain.status_code == 400
    for method in ("GET", "POST"):
        answer = requests.request(
            method,
            endpoint.sparql,
            **({"params": {"query": query}} if method == "GET" else {"data": {"query": query}}),
            headers={"Accept": accept},
        )
        assert answer.status_code == 400, (method, accept)
        assert answer.text == plain.text


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("ASK { ?s ?p ?o } GROUP BY ?s", "text/csv"),
        ("SELECT * { ?s ?p ?o }", "text/turtle"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv"),
        ("SELECT * { ?s wdt:P17 ?o }", "application/n-quads"),
    ],
)
def test_a_query_that_parses_still_gets_406(endpoint, query, accept):
    answer = requests.get(endpoint.sparql, params={"query": query}, headers={"Accept": accept})
    assert answer.status_code == 406, answer.text


@pytest.mark.parametrize("query", ["ASK { ?s ?p ?o }", "SELECT * { ?s ?p ?o } LIMIT 1"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_html_accepted_at_any_q_is_served_when_nothing_better_is_available(endpoint, query, method):
    """RFC 9110 §12.5.1: the best *available* representation. Turtle is preferred but a
    SELECT or ASK has no Turtle answer; the query page (HTML) is acceptable, so it is sent."""
    accept = "text/turtle, text/html;q=0.1"
    send = {"params": {"query": query}} if method == "GET" else {"data": {"query": query}}
    answer = requests.request(method, endpoint.sparql, **send, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    refused = requests.request(method, endpoint.sparql, **send, headers={"Accept": "text/turtle"})
    assert refused.status_code == 406
    named = requests.get(
        endpoint.sparql, params={"query": query, "format": "turtle"}, headers={"Accept": accept}
    )
    assert named.status_code == 406, "format= names one format: no fallback"
