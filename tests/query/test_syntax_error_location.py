"""A malformed query is located at the first token no rule of SPARQL's grammar accepts.

The same place on every path: the located message itself, the endpoint (JSON error), the
query page and `sister-graph query` (tests/system/test_one_query_service.py holds the last
two to the endpoint's message).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sister_graph.query.syntax_errors import locate_syntax_error

# query, where the problem is (line, column from 1) and the token found there
CASES = [
    ("SELECT * { ?x ?p }", "1:18: unexpected '}'"),  # the object is missing
    ("SELECT * WHERE { ?s ?p ?o . FILTER( ) }", "1:37: unexpected ')'"),
    ("SELECT * {\n ?s ?p ?o .\n ?s ?p\n}", "4:1: unexpected '}'"),
    ("SELECT * { ?s <http://x/p> ?o ?x }", "1:31: unexpected '?x'"),
    ("SELECT * { ?s ?p ?o } LIMIT x", "1:29: unexpected 'x'"),
    ("SELECT (COUNT(?x) ?y) { }", "1:19: unexpected '?y'"),
    ("SELECT * { ?s ?p ?o } ORDER BY", "1:31: unexpected end of query"),
    ("SELECT * { ?s ?p ?o . OPTIONAL ?s }", "1:32: unexpected '?s'"),
    ("SELCT * { ?s ?p ?o }", "1:1: unexpected 'SELCT'"),
    ("SELECT * { ?s ?p ?o } GROUP ?s", "1:29: unexpected '?s'"),
    ("SELECT * { ?s ?p ?o FILTER(?o > ) }", "1:33: unexpected ')'"),
    ("SELECT * { ?s ?p ?o BIND(1 ?x) }", "1:28: unexpected '?x'"),
    ("SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?s = )\n}", "3:14: unexpected ')'"),
    ("ASK { ?s ?p }", "1:13: unexpected '}'"),
    ("CONSTRUCT { ?s ?p } WHERE { ?s ?p ?o }", "1:19: unexpected '}'"),
    ("DESCRIBE ?s WHERE { ?s ?p ?o ", "1:30: unexpected end of query"),
]


def _engine_message(query: str) -> str:
    with pytest.raises(SyntaxError) as caught:
        ox.Store().query(query)
    return str(caught.value)


@pytest.mark.parametrize(("query", "at"), CASES)
def test_the_first_token_the_grammar_cannot_take_is_named(query, at):
    assert locate_syntax_error(query, _engine_message(query)) == f"error at {at}"


@pytest.mark.parametrize(("query", "at"), CASES[:6])
def test_the_endpoint_reports_the_same_place(endpoint, query, at):
    import requests

    answer = requests.get(
        endpoint.sparql, params={"query": query}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == f"malformed SPARQL query: error at {at}"


def test_locating_past_its_time_keeps_the_engine_s_message():
    """The second parser holds the GIL (0.7 s on a malformed 4 KB query): given no time,
    it stops at its first failed token and the engine's own location is given."""
    query = "SELECT * { ?x ?p }"
    engine = _engine_message(query)
    assert locate_syntax_error(query, engine, seconds=0) == engine
    assert locate_syntax_error(query, engine, seconds=60) == "error at 1:18: unexpected '}'"


def test_the_server_process_locates_with_a_time_limit(monkeypatch):
    """check_syntax (the 406 path, in the server process) gives the second parser
    guard.IN_SERVER_LOCATE_SECONDS; a worker, where the timeout stops it, gives it all."""
    from sister_graph.errors import MalformedQuery
    from sister_graph.query.guard import check_syntax, guard_query

    query = "SELECT * { ?x ?p }"
    monkeypatch.setattr("sister_graph.query.guard.IN_SERVER_LOCATE_SECONDS", 0)
    with pytest.raises(MalformedQuery) as refused:
        check_syntax(guard_query(query))
    assert refused.value.message == f"malformed SPARQL query: {_engine_message(query)}"
