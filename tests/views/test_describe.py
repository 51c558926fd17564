"""The description of one resource: its triples with blank-node closure, and its page model."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from sister_graph.views.description import (
    concise_bounded_description,
    document_description,
    with_canonical_langs,
)
from sister_graph.views.resource import build_resource_view

BASE = "https://x.org/"
THING, OTHER = URIRef(BASE + "id/city/a"), URIRef(BASE + "id/agreement/b")


def _graph() -> Graph:
    graph = Graph()
    node = BNode()
    graph.add((THING, RDF.type, URIRef("https://schema.org/City")))
    graph.add((THING, RDFS.label, Literal("Grad", lang="sr-latn")))
    graph.add((THING, RDFS.label, Literal("City", lang="en")))
    graph.add((THING, URIRef(BASE + "ontology#box"), node))
    graph.add((node, RDFS.label, Literal("inner")))
    graph.add((OTHER, URIRef(BASE + "ontology#partner"), THING))
    graph.add((OTHER, RDFS.label, Literal("Agreement B", lang="en")))
    return graph


def test_document_is_own_triples_plus_blank_nodes_not_inbound():
    document = concise_bounded_description(_graph(), str(THING))
    assert len(document) == 5
    assert (OTHER, None, None) not in document


def test_document_is_own_triples_blank_and_hash_nodes_and_inbound_links():
    graph = _graph()
    address = URIRef(str(THING) + "#address")
    graph.add((THING, URIRef("https://schema.org/address"), address))
    graph.add((address, URIRef("https://schema.org/addressCountry"), Literal("AT")))
    graph.add((URIRef(BASE + "id/city/zz#address"), RDFS.label, Literal("not reached")))
    document = document_description(graph, str(THING))
    assert len(document) == 8
    assert (OTHER, URIRef(BASE + "ontology#partner"), THING) in document
    assert (OTHER, RDFS.label, None) not in document
    assert (address, URIRef("https://schema.org/addressCountry"), Literal("AT")) in document


def test_document_names_its_topic_licence_and_dataset():
    doc = URIRef(BASE + "doc/city/a")
    document = document_description(
        _graph(), str(THING), document=str(doc), dataset=BASE + "id/dataset/x", license="urn:l"
    )
    assert document.value(doc, URIRef("http://xmlns.com/foaf/0.1/primaryTopic")) == THING
    assert document.value(doc, URIRef("http://purl.org/dc/terms/license")) == URIRef("urn:l")
    assert document.value(doc, URIRef("http://rdfs.org/ns/void#inDataset")) == URIRef(
        BASE + "id/dataset/x"
    )


def test_view_uses_labels_in_the_language_and_lists_inbound_links():
    graph = with_canonical_langs(_graph())
    assert Literal("Grad", lang="sr-Latn") in set(graph.objects(THING, RDFS.label))
    view = build_resource_view(graph, str(THING), base=BASE, lang="sr-Latn")
    assert view.title == "Grad" and view.jsonld["@type"] == "City"
    assert [v.text for v in view.types] == ["grad"]
    assert view.incoming[0].values[0].text == "Agreement B"
    assert build_resource_view(graph, str(THING), base=BASE, lang="en").title == "City"
