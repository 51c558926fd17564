"""The part of a data graph a SHACL validation can read: the triples of the predicates it names.

A SHACL processor reads the data graph only through targets (rdf:type, rdfs:subClassOf and
the predicates of sh:targetSubjectsOf/sh:targetObjectsOf), value paths, sh:class (rdf:type,
rdfs:subClassOf), the property pairs of sh:equals/sh:disjoint/sh:lessThan(OrEquals), and the
SPARQL queries of SPARQL-based constraints (https://www.w3.org/TR/shacl/#core-components and
#sparql-constraints). So the triples of predicates that appear neither in the shapes graph nor
in any of its queries cannot change a result, and an engine that copies the data graph (as
pyshacl-turbo does, ~6 s per million triples) can be given just the others. When that set
cannot be known, none is dropped: sh:closed reads every predicate of a focus node, and a query
whose triple patterns use a variable or a property path as predicate reads any.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from sister_graph.rdf.namespaces import RDF, RDFS, SH


def read_predicates(shapes: Graph) -> frozenset[URIRef] | None:
    """Every predicate validating against `shapes` can read, or None when it cannot be known.

    The IRIs of the shapes graph, rdf:type and rdfs:subClassOf, and the predicates of the
    sh:select/sh:ask queries (parsed with rdflib's SPARQL parser, the sh:declare prefixes of
    the shapes graph predeclared).
    """
    if any(shapes.triples((None, SH.closed, None))):
        return None
    named = {n for triple in shapes for n in triple if isinstance(n, URIRef)}
    named |= {RDF.type, RDFS.subClassOf}
    prefixes = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(None, SH.declare)
    }
    for query in (*shapes.objects(None, SH.select), *shapes.objects(None, SH.ask)):
        try:
            algebra = translateQuery(parseQuery(str(query)), initNs=prefixes).algebra
        except Exception:  # rdflib raises parse errors of several kinds; then drop nothing
            return None
        predicates: list = []
        _pattern_predicates(algebra, predicates)
        if not all(isinstance(p, URIRef) for p in predicates):
            return None
        named |= set(predicates)
    return frozenset(named)


def _pattern_predicates(node: object, found: list) -> None:
    """Collect the predicate of every triple pattern in an rdflib SPARQL algebra tree."""
    if isinstance(node, CompValue):
        for key, value in node.items():
            if key == "triples":
                found.extend(triple[1] for triple in value)
            _pattern_predicates(value, found)
    elif isinstance(node, list | tuple):
        for item in node:
            _pattern_predicates(item, found)


class PredicateView(Graph):
    """The triples of a graph whose predicate is in `predicates` (same store, nothing copied).

    Every triple pattern is answered from the underlying store's indexes, one predicate at a
    time when the pattern leaves the predicate open.
    """

    def __init__(self, graph: Graph, predicates: frozenset[URIRef]) -> None:
        super().__init__(
            store=graph.store,
            identifier=graph.identifier,
            namespace_manager=graph.namespace_manager,
        )
        self.predicates = predicates

    def triples(self, triple, *args, **kwargs) -> Iterator:  # type: ignore[override]
        """Graph.triples, restricted to the view's predicates."""
        s, p, o = triple
        if p is None:
            for predicate in self.predicates:
                yield from super().triples((s, predicate, o), *args, **kwargs)
        elif not isinstance(p, URIRef) or p in self.predicates:
            yield from super().triples(triple, *args, **kwargs)

    def __len__(self) -> int:
        return sum(1 for _ in self.triples((None, None, None)))


def predicate_view(graph: Graph, shapes: Graph) -> Graph:
    """The graph restricted to read_predicates(shapes), or the graph itself when unknown."""
    predicates = read_predicates(shapes)
    return graph if predicates is None else PredicateView(graph, predicates)
