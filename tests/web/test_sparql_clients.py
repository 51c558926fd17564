"""Real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) against a real server."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.support import BASE, PARTNERS, WDT_P190, city_iri

PARTNER_QUERY = f"SELECT ?partner WHERE {{ <{city_iri('banja-luka')}> <{WDT_P190}> ?partner }}"
GRAPH_QUERY = f"CONSTRUCT WHERE {{ <{city_iri('banja-luka')}> <{WDT_P190}> ?partner }}"
EXPECTED = {city_iri(slug) for slug in PARTNERS}


def wrapper(endpoint, query: str, fmt: str, *, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint.sparql)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(endpoint, method):
    result = wrapper(endpoint, PARTNER_QUERY, JSON, method=method).queryAndConvert()
    assert {b["partner"]["value"] for b in result["results"]["bindings"]} == EXPECTED


def test_sparqlwrapper_xml(endpoint):
    document = wrapper(endpoint, PARTNER_QUERY, XML).queryAndConvert()
    uris = {node.firstChild.data for node in document.getElementsByTagName("uri")}
    assert uris == EXPECTED


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_csv_tsv(endpoint, fmt, delimiter):
    text = wrapper(endpoint, PARTNER_QUERY, fmt).queryAndConvert().decode()
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert {row[0].strip("<>") for row in rows[1:]} == EXPECTED


# SPARQLWrapper 2.0 converts RDF/XML and JSON-LD answers with rdflib's deprecated ConjunctiveGraph.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD, XML])
def test_sparqlwrapper_graph_formats(endpoint, fmt):
    graph = wrapper(endpoint, GRAPH_QUERY, fmt).queryAndConvert()
    if not isinstance(graph, Graph):  # SPARQLWrapper returns some formats as bytes
        graph = Graph().parse(data=graph, format={JSONLD: "json-ld"}.get(fmt, "turtle"))
    assert {str(o) for o in graph.objects()} == EXPECTED


def test_sparqlwrapper_ntriples_by_accept(endpoint):
    client = wrapper(endpoint, GRAPH_QUERY, TURTLE)
    client.setOnlyConneg(True)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    response = client.query().response
    assert response.headers["Content-Type"].startswith("application/n-triples")
    graph = Graph().parse(data=response.read().decode(), format="nt")
    assert {str(o) for o in graph.objects()} == EXPECTED


def test_sparqlwrapper_ask(endpoint):
    assert wrapper(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True


def test_rdflib_sparqlstore(endpoint):
    graph = Graph(store=SPARQLStore(endpoint.sparql, returnFormat="xml"))
    rows = graph.query(PARTNER_QUERY)
    assert {str(row.partner) for row in rows} == EXPECTED
    assert (URIRef(city_iri("banja-luka")), URIRef(WDT_P190), URIRef(city_iri("bari"))) in graph
    assert len(graph) == 22
    assert BASE in str(next(iter(graph.subjects())))


def test_rdflib_sparqlstore_is_read_only(endpoint):
    graph = Graph(store=SPARQLStore(endpoint.sparql))
    with pytest.raises(TypeError):
        graph.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
