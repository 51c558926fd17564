"""The JSON-LD dump's one-pass converter gives exactly the object rdflib's serialiser gives."""

from __future__ import annotations

import json

import pytest
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from sister_graph.rdf.formats import JSONLD
from sister_graph.rdf.serialize import _canonical, jsonld_context, to_jsonld  # same sorting

BASE = "https://w3id.org/sister-graph/"
S, T = URIRef(BASE + "id/city/a"), URIRef(BASE + "id/city/b")


def rdflib_jsonld(graph: Graph) -> bytes:
    """The dump as written before the one-pass converter: rdflib's serialiser, then sorted."""
    context = jsonld_context(BASE)["@context"]
    document = json.loads(graph.serialize(format=JSONLD.rdflib, context=context, auto_compact=True))
    if "@graph" in document:
        document["@graph"] = sorted(
            (_canonical(node) for node in document["@graph"]), key=lambda n: n.get("@id", "")
        )
    document["@context"] = context
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def graph_of(*triples) -> Graph:
    """The graph of these triples, plus a second node (a lone node is written another way)."""
    graph = Graph()
    for triple in (*triples, (T, SKOS.note, Literal("other"))):
        graph.add(triple)
    return graph


VALUES = [
    Literal("Banja Luka", lang="sr-Latn"),
    Literal("Бања Лука", lang="sr-Cyrl"),
    Literal("plain"),
    Literal("typed", datatype=XSD.string),
    Literal(7),
    Literal("07", datatype=XSD.integer),
    Literal("44.77", datatype=XSD.decimal),
    Literal(float("nan")),
    Literal(1.5),
    Literal(True),
    Literal("2007-05-01", datatype=XSD.date),
    Literal("not a date", datatype=XSD.date),
    Literal("POINT(17 44)", datatype=URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")),
    URIRef("http://www.wikidata.org/entity/Q1"),
    URIRef("urn:x:outside-every-prefix"),
]
CASES = {
    "labels in three languages": [
        (S, RDFS.label, Literal(t, lang=lang))
        for t, lang in (("a", "sr-Latn"), ("а", "sr-Cyrl"), ("a", "en"))
    ],  # fmt: skip
    "two labels in one language": [
        (S, RDFS.label, Literal("a", lang="en")),
        (S, RDFS.label, Literal("b", lang="en")),
    ],  # fmt: skip
    "a label without a language": [(S, RDFS.label, Literal("x")), (S, RDFS.label, Literal("y"))],
    "a label that is an IRI": [(S, RDFS.label, T)],
    "every kind of value, once": [(S, OWL.sameAs, v) for v in VALUES],
    "every kind of value on one key": [(S, SKOS.note, v) for v in VALUES],
    "types": [(S, RDF.type, OWL.Class), (S, RDF.type, URIRef("urn:x:T")), (T, RDF.type, S)],
    "a literal type": [(S, RDF.type, Literal("odd"))],
    "an empty string first": [(S, SKOS.note, Literal("")), (S, SKOS.note, Literal("z"))],
    "false and zero": [(S, SKOS.note, Literal(False)), (S, SKOS.note, Literal(0))],
    "an empty label": [(S, RDFS.label, Literal("", lang="en")), (T, RDFS.label, Literal("b"))],
    "one more subject": [(S, SKOS.note, Literal("only"))],
    "a blank node": [(S, SKOS.related, BNode("b1")), (BNode("b1"), SKOS.note, Literal("n"))],
    "an RDF list": [(S, SKOS.member, RDF.nil)],
    "one node": [],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_dump_is_what_rdflib_writes(case):
    graph = graph_of(*CASES[case])
    assert to_jsonld(graph, base=BASE) == rdflib_jsonld(graph)


def test_an_empty_graph_is_what_rdflib_writes():
    assert to_jsonld(Graph(), base=BASE) == rdflib_jsonld(Graph())


def test_the_real_data_dump_is_what_rdflib_writes(built):
    _, result = built
    assert to_jsonld(result.graph, base=BASE) == rdflib_jsonld(result.graph)
