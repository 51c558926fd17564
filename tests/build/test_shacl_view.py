"""The predicate view keeps every triple a validation can read, and drops nothing when unsure."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from sister_graph.build.pipeline import read_all_shapes
from sister_graph.build.shacl_view import PredicateView, predicate_view, read_predicates
from sister_graph.rdf.namespaces import PROV, RDF, RDFS, SDO
from tests.build.test_validate import BASE, REPO

SG = f"{BASE}ontology#"
HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .
"""


def _shapes(text: str) -> Graph:
    return Graph().parse(data=HEAD + text, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_all_shapes(REPO / "shapes", base=BASE)


def test_the_project_shapes_read_their_paths_targets_and_query_predicates(shapes) -> None:
    read = read_predicates(shapes)
    assert read is not None
    assert {RDF.type, RDFS.subClassOf, RDFS.label, URIRef(f"{SG}sourceLine")} <= read
    # named only in the SPARQL constraints (sgs:Agreement-sameDate)
    assert {URIRef(f"{SG}signing"), SDO.startDate} <= read
    assert PROV.wasDerivedFrom not in read and SDO.name not in read


@pytest.mark.parametrize(
    "shape",
    [
        "ex:S sh:targetClass ex:C ; sh:closed true .",
        'ex:S sh:targetClass ex:C ; sh:sparql [ sh:prefixes ex: ; sh:select "SELECT $this '
        'WHERE { $this ?p ?o }" ] .',
        'ex:S sh:targetClass ex:C ; sh:sparql [ sh:prefixes ex: ; sh:select "SELECT $this '
        'WHERE { $this ex:a/ex:b ?o }" ] .',
        'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this nope:a ?o }" ] .',
    ],
    ids=["closed", "variable predicate", "property path", "undeclared prefix"],
)
def test_nothing_is_dropped_when_the_read_predicates_cannot_be_known(shape) -> None:
    data = Graph()
    data.add((URIRef("http://example.org/x"), URIRef("http://example.org/other"), Literal(1)))
    assert read_predicates(_shapes(shape)) is None
    assert predicate_view(data, _shapes(shape)) is data


def test_a_query_predicate_inside_filter_exists_is_read() -> None:
    shapes = _shapes(
        'ex:S sh:targetClass ex:C ; sh:sparql [ sh:prefixes ex: ; sh:select "SELECT $this '
        'WHERE { $this ex:a ?o FILTER EXISTS { ?o ex:deep ?z } }" ] .'
    )
    read = read_predicates(shapes)
    assert read is not None
    assert {URIRef("http://example.org/a"), URIRef("http://example.org/deep")} <= read


def test_the_view_answers_every_pattern_from_its_predicates_only(built) -> None:
    _, result = built
    keep = frozenset({RDF.type, RDFS.label})
    view = PredicateView(result.graph, keep)
    expected = {t for t in result.graph if t[1] in keep}
    assert set(view) == expected and len(view) == len(expected)
    city = URIRef(f"{BASE}id/city/graz")
    assert set(view.triples((city, None, None))) == {t for t in expected if t[0] == city}
    assert set(view.triples((None, RDFS.label, None))) == set(
        result.graph.triples((None, RDFS.label, None))
    )
    assert list(view.triples((None, PROV.wasDerivedFrom, None))) == []
    assert len(result.graph) > len(view)  # the graph itself is untouched
