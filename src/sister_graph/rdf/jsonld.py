"""Compact JSON-LD (https://www.w3.org/TR/json-ld11/) as rdflib writes it, nodes and values sorted.

Part of the byte-stable serialisations (`serialize`): the same triples always give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, LANG, VOCAB

from sister_graph.rdf.formats import JSONLD
from sister_graph.rdf.namespaces import RDF, RDFS, SKOS, prefixes_for


def jsonld_context(base: str) -> dict:
    """Return the published JSON-LD @context: the prefixes plus language maps for labels."""
    context: dict = {prefix: str(ns) for prefix, ns in sorted(prefixes_for(base).items())}
    context["label"] = {"@id": str(RDFS.label), "@container": "@language"}
    context["prefLabel"] = {"@id": str(SKOS.prefLabel), "@container": "@language"}
    return {"@context": context}


def _canonical(node):
    if isinstance(node, dict):
        return {key: _canonical(value) for key, value in sorted(node.items())}
    if isinstance(node, list):
        items = [_canonical(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


def _memoised(method):
    cache: dict = {}

    def call(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        try:
            return cache[key]
        except KeyError:
            cache[key] = found = method(*args, **kwargs)
            return found

    return call


def _direct_nodes(triples: list, context: Context) -> list[dict] | None:
    """Return the node objects rdflib's JSON-LD converter makes, for a graph of IRIs and literals.

    The same steps as rdflib's Converter.add_to_node and to_raw_value (rdflib 7) for the case
    the dumps are in: active context, no blank node, no RDF list, no coerced term, no value that
    JSON treats as false. Returns None otherwise, and the caller uses rdflib's converter.
    Each predicate's term and each IRI's compact form are looked up once.
    """
    if not direct_triples(triples):
        return None
    term_of: dict = {}
    nodes: dict[str, dict] = {}
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, []).append((p, o))
    for s, pairs in by_subject.items():
        node_id = context.shrink_iri(s)
        if node_id in nodes:
            return None  # two subjects with one compact id: rdflib keeps the first seen
        node = direct_node(node_id, pairs, context, term_of)
        if node is None:
            return None
        nodes[node_id] = node
    return list(nodes.values())


def direct_triples(triples: Iterable[tuple]) -> bool:
    """Return whether no triple has a blank node or is part of an RDF list (see `direct_node`)."""
    first, nil, same = str(RDF.first), str(RDF.nil), str.__eq__  # IRIs compared as strings
    return not any(
        isinstance(s, BNode)
        or isinstance(o, BNode)
        or same(p, first)
        or (isinstance(o, URIRef) and same(o, nil))
        for s, p, o in triples
    )


def direct_node(
    node_id: str, pairs: Iterable[tuple], context: Context, term_of: dict
) -> dict | None:
    """Return the node object of one subject (compact id `node_id`) from its (predicate, object)
    pairs, as `_direct_nodes` makes it, or None where rdflib's converter must be used.

    `context` is an active context (`active_context`); `term_of` caches each predicate's term
    across calls (start with an empty dict). No pair may hold a blank node or an RDF list
    (`direct_triples`).
    """
    rdf_type, lang_container, same = str(RDF.type), "@language", str.__eq__
    node: dict = {"@id": node_id}
    for p, o in pairs:
        literal = isinstance(o, Literal)
        key = (p, o.datatype, o.language) if literal else (p, None, "@iri")
        if key not in term_of:
            if literal:
                datatype = str(o.datatype) if o.datatype else None
                term = context.find_term(str(p), datatype, language=o.language)
            else:
                term = None
                for coercion in (ID, VOCAB, UNDEF):
                    term = context.find_term(str(p), coercion, None)
                    if term:
                        break
            if term and (term.type or term.language or set(term.container) - {LANG}):
                return None
            term_of[key] = term
        term = term_of[key]
        value = None
        if term:
            p_key = term.name
            if LANG in term.container and literal and o.language:
                languages, text = node.setdefault(p_key, {}), str(o)
                if not text:
                    return None  # rdflib overwrites a false first value
                held = languages.get(o.language)
                if held:
                    if not isinstance(held, list):
                        languages[o.language] = held = [held]
                    held.append(text)
                else:
                    languages[o.language] = text
                continue
        else:
            p_key = context.to_symbol(p)
            key_term = context.terms.get(p_key)
            if key_term and (key_term.type or key_term.container):
                p_key = p
            if same(p, rdf_type):  # a predicate is an IRI: compared as a string
                if not literal:
                    value = context.to_symbol(o)
                p_key = "@type"
        if value is None:
            if not literal:
                value = {"@id": context.shrink_iri(o)}
            elif o.datatype in PLAIN_LITERAL_TYPES:
                value = o.toPython()
            elif o.datatype:
                value = {"@type": context.to_symbol(o.datatype), "@value": str(o)}
            elif o.language:
                value = {lang_container: o.language, "@value": str(o)}
            else:
                value = str(o)
            if not value and value is not None:
                return None  # rdflib overwrites a false first value
        held = node.get(p_key)
        if held:
            if not isinstance(held, list):
                held = [held]
            held.append(value)
            node[p_key] = held
        else:
            node[p_key] = value
    return node


def active_context(context: dict) -> Context:
    """Return rdflib's active context for the published @context, its look-ups memoised."""
    active = Context(context, base=None)
    for name in ("find_term", "shrink_iri", "to_symbol"):
        setattr(active, name, _memoised(getattr(active, name)))
    return active


def _compacted(graph: Graph, context: dict, triples: list | None) -> dict:
    """Return rdflib's compact JSON-LD object of the graph (what its serialiser writes).

    A graph of IRIs and literals is converted in one pass by `_direct_nodes` (the same object,
    shown by a test against rdflib's); any other by rdflib's serialiser.
    """
    triples = list(graph) if triples is None else triples
    nodes = _direct_nodes(triples, active_context(context))
    if nodes is None or len(nodes) == 1:  # a lone node is written as is, values in store order
        return json.loads(graph.serialize(format=JSONLD.rdflib, context=context, auto_compact=True))
    return {"@graph": nodes, "@context": context}


def to_jsonld(graph: Graph, *, base: str, triples: list | None = None) -> bytes:
    """Serialise as compact JSON-LD with the context inline; nodes and values sorted.

    `triples` is list(graph) when the caller has it already.
    The JSON-LD object is rdflib's (https://www.w3.org/TR/json-ld11/ compaction against
    the project's context); nodes are sorted by @id and every array by its JSON text.
    """
    context = jsonld_context(base)["@context"]
    document = _compacted(graph, context, triples)
    if "@graph" in document:
        document["@graph"] = sorted(
            (_canonical(node) for node in document["@graph"]), key=lambda n: n.get("@id", "")
        )
    document["@context"] = context
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
