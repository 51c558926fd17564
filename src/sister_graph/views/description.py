"""The RDF description of one thing, as its /doc/ document serves it (pure, over rdflib graphs).

The description of a thing is every triple whose subject is the thing, plus the blank nodes
it reaches: a Concise Bounded Description without reifications
(https://www.w3.org/submissions/CBD/). Its page model is views/resource.py.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef

from sister_graph.rdf.langtags import canonical_lang
from sister_graph.rdf.namespaces import DCTERMS, FOAF, RDF, VOID


def with_canonical_langs(graph: Graph) -> Graph:
    """Return a copy whose language tags are in conventional case ('sr-latn' -> 'sr-Latn')."""
    out = Graph(bind_namespaces="none")
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=canonical_lang(o.language))
        out.add((s, p, o))
    return out


def concise_bounded_description(graph: Graph, iri: str) -> Graph:
    """Return the thing's own triples and those of the blank nodes they reach."""
    out = Graph(bind_namespaces="none")
    todo, seen = [URIRef(iri)], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for _, p, o in graph.triples((node, None, None)):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


def document_description(
    graph: Graph, iri: str, *, document: str = "", dataset: str = "", license: str = ""
) -> Graph:
    """Return the RDF description of a thing, as its /doc/ document serves it.

    Its concise bounded description, the `#` nodes it reaches (e.g. `…#address`) and the
    incoming links (triples naming the thing, e.g. the agreements naming a city); with
    `document`, the document itself: `foaf:primaryTopic` the thing, `dct:license` and
    `void:inDataset` (https://www.w3.org/TR/void/#void-indataset).
    """
    out = concise_bounded_description(graph, iri)
    thing = URIRef(iri)
    for node in {o for o in out.objects(thing) if str(o).startswith(iri + "#")}:
        out += concise_bounded_description(graph, str(node))
    for subject, predicate, _ in graph.triples((None, None, thing)):
        if isinstance(subject, URIRef) and subject != thing:
            out.add((subject, predicate, thing))
    if document:
        doc = URIRef(document)
        out.add((doc, RDF.type, FOAF.Document))
        out.add((doc, FOAF.primaryTopic, thing))
        if license:
            out.add((doc, DCTERMS.license, URIRef(license)))
        if dataset:
            out.add((doc, VOID.inDataset, URIRef(dataset)))
    return out
