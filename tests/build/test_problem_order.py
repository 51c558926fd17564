"""SHACL problems are listed by file and line as numbers: cities.csv:3 before cities.csv:11."""

from __future__ import annotations

from rdflib import Graph, URIRef

from sister_graph.build.validate import file_line_order, validate_graph

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Shape a sh:NodeShape ; sh:targetClass ex:City ;
    sh:property [ sh:path ex:lat ; sh:minCount 1 ; sh:message "needs a latitude" ] .
"""


def test_violations_are_ordered_by_line_number():
    graph = Graph()
    where = {}
    for row in (11, 3, 2, 20):
        city = URIRef(f"http://example.org/city{row}")
        graph.add(
            (
                city,
                URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                URIRef("http://example.org/City"),
            )
        )
        where[city] = f"data/x/cities.csv:{row}"
    validation = validate_graph(
        graph, Graph().parse(data=SHAPES, format="turtle"), where=where, engine="pyshacl"
    )
    assert [line.split(":")[1] for line in validation.problems] == ["2", "3", "11", "20"]


def test_the_key_compares_text_then_numbers():
    lines = ["b.csv:2: x", "a.csv:10: x", "a.csv:9: y", "a.csv:9: x", "graph: z"]
    assert sorted(lines, key=file_line_order) == [
        "a.csv:9: x",
        "a.csv:9: y",
        "a.csv:10: x",
        "b.csv:2: x",
        "graph: z",
    ]
