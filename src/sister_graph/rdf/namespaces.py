"""Namespaces: standard vocabularies, plus the project's own terms under {base}ontology#."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD

SCHEMA = SDO
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")

__all__ = [
    "ADMS",
    "DCAT",
    "DCTERMS",
    "FOAF",
    "GEO",
    "GSP",
    "LOCN",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SD",
    "SH",
    "SKOS",
    "SPDX",
    "VCARD",
    "VOID",
    "WD",
    "WDT",
    "XSD",
    "PREFIXES",
    "sg_namespace",
    "id_namespace",
    "prefixes_for",
    "dataset_graph",
]


def sg_namespace(base: str) -> Namespace:
    """Return the namespace of the project's own terms for this base IRI."""
    return Namespace(base + "ontology#")


def id_namespace(base: str) -> Namespace:
    """Return the namespace of the things the graph names (cities, agreements, ...)."""
    return Namespace(base + "id/")


PREFIXES: dict[str, Namespace] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dct": DCTERMS,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "foaf": FOAF,
    "geo": GEO,
    "gsp": GSP,
    "wd": WD,
    "wdt": WDT,
    "dcat": DCAT,
    "void": VOID,
    "sh": SH,
    "sd": SD,
    "spdx": SPDX,
    "adms": ADMS,
    "vcard": VCARD,
    "locn": LOCN,
}


def dataset_graph(base: str) -> str:
    """Return the IRI that names the published graph, e.g. https://w3id.org/sister-graph/graph.

    The query store holds the dump in this named graph (its default graph is the union of its
    graphs); `sister-graph push` replaces this graph on a Graph Store by default.
    """
    return base + "graph"


def prefixes_for(base: str) -> dict[str, Namespace]:
    """Return every prefix a serialisation of the graph binds, the project's own included."""
    return {**PREFIXES, "sg": sg_namespace(base), "id": id_namespace(base)}


def new_graph(base: str) -> Graph:
    """Return an empty graph with every prefix the project uses bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes_for(base).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
