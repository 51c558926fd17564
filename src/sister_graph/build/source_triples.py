"""The union graph and each source page's triples, built in one pass (no graph copied).

Every statement is added once to the union graph (an rdflib graph, what SHACL validates and
the dumps are written from) and recorded, as the same tuple, under the source page that states
it: the quad dump's named graphs (https://www.w3.org/TR/n-quads/) need each page's triples,
not a second rdflib index of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef

from sister_graph.build.corroboration import statements
from sister_graph.build.graph import StatementBuilder, source_graph_iri
from sister_graph.build.records import PublisherSources
from sister_graph.rdf.namespaces import new_graph

Triple = tuple  # (subject, predicate, object), rdflib terms


class SourceTriples:
    """One source page's triples, each once in the order stated, also added to the union graph.

    Stands in for the page's graph while it is built: `add` and `triple in` are all the
    builder asks of a graph.
    """

    def __init__(self, union: Graph, terms: dict | None = None) -> None:
        self.union = union
        self.seen: dict[Triple, None] = {}
        self.terms = {} if terms is None else terms  # one object per distinct term

    def add(self, triple: Triple) -> SourceTriples:
        """Record the triple (once) and add it to the union graph.

        Its terms are replaced by the equal term met first, if any: the builder makes a new
        object for every IRI and literal it states (a million triples repeat a few hundred
        thousand terms), and equal rdflib terms are interchangeable (same text, datatype and
        language).
        """
        if triple not in self.seen:
            terms = self.terms
            s, p, o = triple
            triple = (terms.setdefault(s, s), terms.setdefault(p, p), terms.setdefault(o, o))
            self.seen[triple] = None
            self.union.add(triple)
        return self

    def __contains__(self, triple: object) -> bool:
        return triple in self.seen


def build_union(
    sources: Iterable[PublisherSources],
    *,
    base: str,
    ontology: Graph,
    more: dict[URIRef, Graph] | None = None,
) -> tuple[Graph, dict[URIRef, tuple[Triple, ...]]]:
    """Return the union graph and, by source graph name, the triples of each source graph.

    The graph holds the triples of `graph.build_graph` (the ontology and every publisher's
    facts) plus those of the graphs in `more` (partner evidence, by graph name). The names are
    `graph.source_graph_iri` for each publisher, in source order, then those of `more`; each
    source graph's triples are the ones `graph.build_source_graphs` gives it.
    """
    sources = list(sources)
    grouped = statements(sources)
    graph = new_graph(base)
    for triple in ontology:
        graph.add(triple)
    parts: dict[URIRef, tuple[Triple, ...]] = {}
    terms: dict = {}
    for publisher_sources in sources:
        recorder = SourceTriples(graph, terms)
        StatementBuilder(recorder, base, publisher_sources, grouped).add_all()  # type: ignore[arg-type]
        parts[source_graph_iri(base, publisher_sources.publisher.city)] = tuple(recorder.seen)
    for name, part in (more or {}).items():
        triples = tuple(part)
        for triple in triples:
            graph.add(triple)
        parts[name] = triples
    return graph, parts
