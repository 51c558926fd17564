"""Prefixes every query may use without declaring them: the Wikidata Query Service's, then ours.

A deliberate extension of SPARQL 1.1 (which has no predeclared prefixes), so that queries
written for the Wikidata Query Service run unchanged: WDQS predeclares these names
(https://www.mediawiki.org/wiki/Wikidata_Query_Service/User_Manual#Prefixes and
https://www.mediawiki.org/wiki/Wikibase/Indexing/RDF_Dump_Format#Prefixes_used). Where a name
means another namespace in this graph (`schema:` is https://schema.org/ here, `geo:` is W3C
WGS84), the graph's own prefix wins, so the README's queries also run without PREFIX lines.
A PREFIX line in the query always overrides a predeclared prefix.
"""

from __future__ import annotations

import functools

from sister_graph.rdf.namespaces import prefixes_for

WIKIDATA = "http://www.wikidata.org/"
WDQS_PREFIXES: dict[str, str] = {
    "wd": WIKIDATA + "entity/",
    "wds": WIKIDATA + "entity/statement/",
    "wdv": WIKIDATA + "value/",
    "wdref": WIKIDATA + "reference/",
    "wdt": WIKIDATA + "prop/direct/",
    "wdtn": WIKIDATA + "prop/direct-normalized/",
    "p": WIKIDATA + "prop/",
    "ps": WIKIDATA + "prop/statement/",
    "psv": WIKIDATA + "prop/statement/value/",
    "psn": WIKIDATA + "prop/statement/value-normalized/",
    "pq": WIKIDATA + "prop/qualifier/",
    "pqv": WIKIDATA + "prop/qualifier/value/",
    "pqn": WIKIDATA + "prop/qualifier/value-normalized/",
    "pr": WIKIDATA + "prop/reference/",
    "prv": WIKIDATA + "prop/reference/value/",
    "prn": WIKIDATA + "prop/reference/value-normalized/",
    "wdno": WIKIDATA + "prop/novalue/",
    "wdata": WIKIDATA + "wiki/Special:EntityData/",
    "wikibase": "http://wikiba.se/ontology#",
    "bd": "http://www.bigdata.com/rdf#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "cc": "http://creativecommons.org/ns#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "geof": "http://www.opengis.net/def/function/geosparql/",
    "ontolex": "http://www.w3.org/ns/lemon/ontolex#",
    "hint": "http://www.bigdata.com/queryHints#",
}


@functools.lru_cache(maxsize=8)
def predeclared_prefixes(base: str) -> tuple[tuple[str, str], ...]:
    """Return (prefix, namespace) pairs every query may use: WDQS's, overridden by the graph's.

    >>> dict(predeclared_prefixes("https://w3id.org/sister-graph/"))["wdt"]
    'http://www.wikidata.org/prop/direct/'
    """
    ours = {name: str(namespace) for name, namespace in prefixes_for(base).items()}
    return tuple(sorted({**WDQS_PREFIXES, **ours}.items()))
