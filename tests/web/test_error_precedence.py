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
