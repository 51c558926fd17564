"""The ontology page model: the vocabulary's classes and properties, labelled in one language."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from sister_graph.rdf.namespaces import OWL, RDF, RDFS
from sister_graph.views.i18n import pick_literal, term_label
from sister_graph.views.resource import Value, label

KINDS = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)


@dataclass(frozen=True)
class Term:
    """One term of the vocabulary, with what the page shows about it."""

    iri: str
    name: str
    label: str
    comment: str
    kind: str
    kind_label: str
    domain: Value | None
    range: Value | None
    parent: Value | None


@dataclass(frozen=True)
class Vocabulary:
    """The ontology resource and its terms, split into classes and properties."""

    iri: str
    title: str
    comment: str
    classes: tuple[Term, ...]
    properties: tuple[Term, ...]


def _text(graph: Graph, node, predicate, lang: str) -> str:
    found = pick_literal(
        [o for o in graph.objects(node, predicate) if isinstance(o, Literal)], lang
    )
    return str(found) if found is not None else ""


def _link(graph: Graph, node, lang: str, base: str) -> Value | None:
    return Value(label(graph, node, lang, base=base), iri=str(node)) if node is not None else None


def build_vocabulary(graph: Graph, *, base: str, lang: str) -> Vocabulary:
    """Build the ontology page model from the ontology's triples."""
    ontology = URIRef(base + "ontology")
    terms = []
    for node in sorted({s for k in KINDS for s in graph.subjects(RDF.type, k)}):
        kind = next(k for k in KINDS if (node, RDF.type, k) in graph)
        parent = graph.value(node, RDFS.subClassOf) or graph.value(node, RDFS.subPropertyOf)
        terms.append(
            Term(
                iri=str(node),
                name=str(node).rpartition("#")[2] or str(node),
                label=label(graph, node, lang, base=base),
                comment=_text(graph, node, RDFS.comment, lang),
                kind=kind.fragment or str(kind).rpartition("#")[2],
                kind_label=term_label(str(kind), lang) or kind.fragment or str(kind),
                domain=_link(graph, graph.value(node, RDFS.domain), lang, base),
                range=_link(graph, graph.value(node, RDFS.range), lang, base),
                parent=_link(graph, parent, lang, base),
            )
        )
    return Vocabulary(
        iri=str(ontology),
        title=label(graph, ontology, lang, base=base),
        comment=_text(graph, ontology, RDFS.comment, lang),
        classes=tuple(t for t in terms if t.kind.endswith("Class")),
        properties=tuple(t for t in terms if not t.kind.endswith("Class")),
    )
