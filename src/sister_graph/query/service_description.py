"""Describe the endpoint with the SPARQL 1.1 Service Description vocabulary.

Spec: https://www.w3.org/TR/sparql11-service-description/ (format IRIs: from `formats`).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD

from sister_graph.rdf.formats import RDF_FORMATS, RESULT_FORMATS, W3C_FORMATS, Format
from sister_graph.rdf.namespaces import SD

FORMATS_NS = Namespace(W3C_FORMATS)


def build_service_description(*, endpoint: str, dataset_graph: str, triples: int | None) -> Graph:
    """Build the sd:Service description of the endpoint and its default dataset.

    dataset_graph names the published graph: it is the default graph (sd:defaultGraph) and
    the one sd:namedGraph (sd:name), so FROM, FROM NAMED and GRAPH all find it.
    """
    graph = Graph(bind_namespaces="none")
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    graph.bind("formats", FORMATS_NS)
    # blank nodes with fixed labels: the same description is the same bytes (and ETag) on every
    # request and in every format, not only in Turtle, which writes them inline
    service, dataset, default = URIRef(endpoint), BNode("dataset"), URIRef(dataset_graph)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in (*RESULT_FORMATS, *RDF_FORMATS):
        graph.add((service, SD.resultFormat, URIRef(fmt.w3c)))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    # the published graph is also a named graph (FROM NAMED, GRAPH, named-graph-uri), and the
    # default graph is the union of the named graphs
    named = BNode("named-graph")
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((dataset, SD.namedGraph, named))
    graph.add((named, RDF.type, SD.NamedGraph))
    graph.add((named, SD.name, default))
    graph.add((named, SD.graph, default))
    if triples is not None:
        graph.add((default, VOID.triples, Literal(triples, datatype=XSD.integer)))
    return graph


def serialise_description(graph: Graph, fmt: Format) -> bytes:
    """Serialise the description in an RDF format."""
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")
