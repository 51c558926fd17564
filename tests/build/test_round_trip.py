"""The round-trip check stops the build on a dump that does not read back as its graph."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from sister_graph.build.round_trip import EngineLines, check_dumps, check_round_trip
from sister_graph.errors import RoundTripFailed
from sister_graph.rdf.formats import NQUADS, RDF_FORMATS, dump_name, rdf_format
from sister_graph.rdf.serialize import to_jsonld, to_nquads, to_ntriples, to_rdfxml, to_turtle

BASE = "https://example.org/"
S, P, Q = URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:q")
G1, G2 = URIRef("urn:x:graph1"), URIRef("urn:x:graph2")


def graph_of(*triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def dumps(graph: Graph, sources: dict) -> dict[str, bytes]:
    writers = {
        "turtle": lambda: to_turtle(graph, base=BASE),
        "jsonld": lambda: to_jsonld(graph, base=BASE),
        "ntriples": lambda: to_ntriples(graph),
        "rdfxml": lambda: to_rdfxml(graph, base=BASE),
    }
    files = {dump_name(fmt): writers[fmt.name]() for fmt in RDF_FORMATS}
    files[dump_name(NQUADS)] = to_nquads(sources)
    return files


ONE = graph_of((S, P, Literal("a\rb", lang="sr-Latn")), (S, Q, Literal(3)))
TWO = graph_of((S, P, URIRef("urn:x:o")))
UNION = ONE + TWO


def test_dumps_that_read_back_pass():
    check_dumps(dumps(UNION, {G1: ONE, G2: TWO}), UNION, {G1: ONE, G2: TWO})


def test_a_lost_triple_names_the_file():
    files = dumps(UNION, {G1: ONE, G2: TWO})
    files["sister-graph.nt"] = b"".join(files["sister-graph.nt"].splitlines(keepends=True)[1:])
    with pytest.raises(RoundTripFailed, match=r"sister-graph\.nt .*1 triple\(s\) lost"):
        check_dumps(files, UNION, {G1: ONE, G2: TWO})


def test_a_changed_value_names_the_file():
    files = dumps(UNION, {G1: ONE, G2: TWO})
    files["sister-graph.ttl"] = files["sister-graph.ttl"].replace(b"a\\rb", b"a\\nb")
    assert files["sister-graph.ttl"] != dumps(UNION, {})["sister-graph.ttl"]
    with pytest.raises(RoundTripFailed, match=r"sister-graph\.ttl .*1 changed or added"):
        check_dumps(files, UNION, {G1: ONE, G2: TWO})


def test_a_language_tag_in_another_case_is_the_same_triple():
    data = b'<urn:x:s> <urn:x:p> "x"@SR-latn .\n'
    check_round_trip("x.nt", data, rdf_format("nt"), graph_of((S, P, Literal("x", lang="sr-Latn"))))


def test_a_triple_in_another_named_graph_names_the_quad_dump():
    files = dumps(UNION, {G1: ONE, G2: TWO})
    files["sister-graph.nq"] = files["sister-graph.nq"].replace(
        b"<urn:x:graph2>", b"<urn:x:graph1>"
    )
    with pytest.raises(RoundTripFailed, match=r"sister-graph\.nq"):
        check_dumps(files, UNION, {G1: ONE, G2: TWO})


def test_a_graph_with_blank_nodes_is_compared_by_isomorphism():
    node = BNode()
    graph = graph_of((S, P, node), (node, Q, Literal("v")))
    data = b'<urn:x:s> <urn:x:p> _:other .\n_:other <urn:x:q> "v" .\n'
    check_round_trip("x.nt", data, rdf_format("nt"), graph)
    with pytest.raises(RoundTripFailed, match="x.nt does not parse back"):
        check_round_trip("x.nt", data.splitlines(keepends=True)[0], rdf_format("nt"), graph)


def test_a_part_looks_up_the_lines_of_its_own_triples():
    engine = EngineLines(list(UNION))
    assert engine.lines(list(TWO)) == {b"<urn:x:s> <urn:x:p> <urn:x:o> ."}
    assert engine.lines() == engine.lines(list(UNION))
    assert len(engine.lines()) == 3
