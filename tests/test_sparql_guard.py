"""Tests for sparql_guard: parse with a library, refuse updates and SERVICE before running."""

from __future__ import annotations

import pytest

from sister_graph.errors import BadRequest, MalformedQuery, QueryRefused
from sister_graph.sparql_guard import check_graph_iris, guard_query


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/x>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
        "CREATE GRAPH <urn:g>",
        "COPY DEFAULT TO <urn:g>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(text):
    with pytest.raises(QueryRefused, match="read-only"):
        guard_query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * { SERVICE SILENT <http://x/> { } }",
        "ASK { OPTIONAL { SERVICE ?endpoint { ?s ?p ?o } } }",
        "SELECT * { { SELECT ?s { SERVICE <http://x/> { ?s ?p ?o } } } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
        "SELECT * { ?s ?p ?o MINUS { GRAPH ?g { SERVICE <http://x/> { ?s ?p ?o } } } }",
    ],
)
def test_service_is_refused_wherever_it_is_nested(text):
    with pytest.raises(QueryRefused, match="SERVICE"):
        guard_query(text)


@pytest.mark.parametrize(
    "text", ["ASK {", "SELECT ?x WHERE", "SELEKT * {}", "SELECT * { x:a ?p ?o }"]
)
def test_malformed_queries_carry_the_parser_message(text):
    with pytest.raises(MalformedQuery, match="malformed SPARQL query: .+"):
        guard_query(text)


def test_forms_and_dataset_clauses_are_read():
    plan = guard_query(
        "PREFIX ex: <http://example.org/> SELECT * FROM ex:a FROM NAMED <http://example.org/b> {}"
    )
    assert (plan.form, plan.from_graphs, plan.from_named) == (
        "SELECT",
        ("http://example.org/a",),
        ("http://example.org/b",),
    )
    assert guard_query("DESCRIBE <urn:x>").returns_graph
    assert guard_query("CONSTRUCT WHERE { ?s ?p ?o }").returns_graph
    assert not guard_query("ASK {}").returns_graph


def test_graph_iris_must_be_absolute():
    assert check_graph_iris(("http://example.org/g",)) == ("http://example.org/g",)
    with pytest.raises(BadRequest):
        check_graph_iris(("not an iri",))


def test_concurrent_parses_do_not_corrupt_each_other():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"SELECT ?x{i} WHERE {{ ?x{i} ?p {i} }}" for i in range(200)]
    with ThreadPoolExecutor(8) as pool:
        plans = list(pool.map(guard_query, texts))
    assert [p.text for p in plans] == texts
