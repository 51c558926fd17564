"""A citation's page (a prov:Derivation or a registry citation, which have no label): its
title says in words what it cites and from where, and its quote names the page it is from."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from sister_graph.views.resource import build_resource_view

BASE = "https://w3id.org/sister-graph/"
SG = BASE + "ontology#"
PAGE = URIRef("https://www.banjaluka.rs.ba/saradnja/")
CITATION = URIRef(BASE + "id/citation/banja-luka/city/graz")
REGISTRY = URIRef(BASE + "id/citation/registry/geonames/graz")
GRAZ = URIRef(BASE + "id/city/graz")


def _graph() -> Graph:
    graph = Graph()
    graph.add((GRAZ, RDFS.label, Literal("Grac", lang="sr-Latn")))
    graph.add((GRAZ, RDFS.label, Literal("Graz", lang="en")))
    graph.add((GRAZ, PROV.qualifiedDerivation, CITATION))
    graph.add((CITATION, RDF.type, PROV.Derivation))
    graph.add((CITATION, PROV.entity, PAGE))
    graph.add((CITATION, URIRef(SG + "sourceLine"), Literal(32)))
    graph.add((CITATION, URIRef(SG + "sourceText"), Literal("sa Gracom", lang="sr-Latn")))
    graph.add((GRAZ, URIRef(SG + "registryCitation"), REGISTRY))
    graph.add((REGISTRY, PROV.entity, URIRef("https://sws.geonames.org/2778067/")))
    return graph


def test_a_citation_is_titled_by_what_it_cites_and_where_in_each_language():
    titles = [
        build_resource_view(_graph(), str(CITATION), base=BASE, lang=lang).title
        for lang in ("sr-Latn", "sr-Cyrl", "en")
    ]
    assert titles == [
        "Navod: Grac (www.banjaluka.rs.ba, red 32)",
        "Навод: Grac (www.banjaluka.rs.ba, ред 32)",
        "Citation: Graz (www.banjaluka.rs.ba, line 32)",
    ]
    registry = build_resource_view(_graph(), str(REGISTRY), base=BASE, lang="en")
    assert registry.title == "Registry citation: Graz (sws.geonames.org)"


def test_a_citations_quote_names_the_page_it_is_from():
    quote = build_resource_view(_graph(), str(CITATION), base=BASE, lang="en").quote
    assert (quote.page, quote.line, quote.text) == (str(PAGE), 32, "sa Gracom")


def test_a_labelled_thing_keeps_its_label():
    assert build_resource_view(_graph(), str(GRAZ), base=BASE, lang="en").title == "Graz"
