"""Tests for results: our SELECT serialisers read back by pyoxigraph's parsers; row limit."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from sister_graph.query.results import to_answer

DATA = """
<urn:x:a> <urn:x:p> "plain" .
<urn:x:a> <urn:x:p> "tagged <&> \\"q\\""@en .
<urn:x:a> <urn:x:p> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .
<urn:x:a> <urn:x:p> _:b .
"""
FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.load(DATA, format=ox.RdfFormat.N_TRIPLES)
    return store


def query(store, text):
    return store.query(text)


@pytest.mark.parametrize("media_type", FORMATS)
def test_solutions_round_trip_through_a_standard_parser(store, media_type):
    text = "SELECT ?o ?unbound { ?s ?p ?o } ORDER BY ?o"
    answer = to_answer(query(store, text), media_type=media_type, max_rows=100)
    parsed = ox.parse_query_results(answer.body, format=FORMATS[media_type])
    expected = [[t for t in row] for row in query(store, text)]
    got = [[t for t in row] for row in parsed]
    assert [str(v) for v in parsed.variables] == ["?o", "?unbound"]
    assert len(got) == len(expected) == 4
    assert not answer.truncated
    literals = lambda rows: sorted(str(r[0]) for r in rows if isinstance(r[0], ox.Literal))  # noqa: E731
    assert literals(got) == literals(expected)


def test_csv_is_rfc4180(store):
    answer = to_answer(
        query(store, "SELECT ?o { ?s ?p ?o FILTER(isLiteral(?o)) } ORDER BY STR(?o)"),
        media_type="text/csv",
        max_rows=100,
    )
    rows = list(csv.reader(io.StringIO(answer.body.decode())))
    assert rows == [["o"], ["7"], ["plain"], ['tagged <&> "q"']]
    assert answer.body.endswith(b"\r\n")


@pytest.mark.parametrize("media_type", [*FORMATS, "text/csv"])
def test_rows_beyond_the_limit_are_cut_and_reported(store, media_type):
    answer = to_answer(query(store, "SELECT * { ?s ?p ?o }"), media_type=media_type, max_rows=2)
    assert answer.truncated
    if media_type == "text/csv":
        assert len(answer.body.splitlines()) == 1 + 2
    else:
        assert len(list(ox.parse_query_results(answer.body, format=FORMATS[media_type]))) == 2
    if media_type == "application/sparql-results+json":
        body = json.loads(answer.body)
        assert len(body["results"]["bindings"]) == 2
        assert body["head"]["link"] == ["urn:sister-graph:truncated"]


@pytest.mark.parametrize(
    "media_type", ["application/sparql-results+json", "application/sparql-results+xml"]
)
def test_boolean(store, media_type):
    answer = to_answer(query(store, "ASK { ?s ?p 7 }"), media_type=media_type, max_rows=1)
    parsed = ox.parse_query_results(answer.body, format=FORMATS[media_type])
    assert bool(parsed) is True


@pytest.mark.parametrize(
    ("media_type", "fmt"),
    [("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD)],
)
def test_graphs_are_cut_too(store, media_type, fmt):
    answer = to_answer(
        query(store, "CONSTRUCT WHERE { ?s ?p ?o }"), media_type=media_type, max_rows=3
    )
    assert answer.truncated and len(list(ox.parse(answer.body, format=fmt))) == 3
