"""Byte-stable serialisations of a graph: the same triples always give the same bytes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, LANG, VOCAB

from sister_graph.rdf.formats import JSONLD, NTRIPLES, RDFXML, TURTLE
from sister_graph.rdf.langtags import recase_serialised
from sister_graph.rdf.namespaces import RDF, RDFS, SKOS, new_graph, prefixes_for
from sister_graph.rdf.xml_chars import fix_rdfxml

NOT_XML = "Turtle (.ttl), N-Triples (.nt) or JSON-LD (.jsonld)"
# A prefixed name pyoxigraph wrote with a backslash escape in its local part (id:city\/graz).
_ESCAPED_NAME = re.compile(rb"(?<![\w<\"])([A-Za-z][\w.-]*):[^\s\"<>]*\\")


def sorted_copy(graph: Graph, *, base: str) -> Graph:
    """Return a copy whose triples were inserted in sorted order, with every prefix bound."""
    copy = new_graph(base)
    for triple in sorted(graph, key=lambda t: tuple(x.n3() for x in t)):
        copy.add(triple)
    return copy


def to_ntriples(graph: Graph | Iterable[tuple]) -> bytes:
    """Serialise as N-Triples, one triple a line, lines sorted.

    Takes a graph or its triples (a list the caller made once, for several writers); each line
    is rdflib's N-Triples writer's. Lines end at LF only: U+2028, U+0085 and other characters
    str.splitlines() breaks on stay inside their literals (N-Triples escapes only LF, CR, TAB,
    quote and backslash).
    """
    text = "".join(map(_nt_row, graph))
    lines = text.split("\n")
    return ("\n".join(sorted(set(filter(None, lines)))) + "\n").encode("utf-8")


def to_nquads(graphs: dict[URIRef, Graph | list]) -> bytes:
    """Serialise named graphs (or their triples) as N-Quads (https://www.w3.org/TR/n-quads/),
    lines sorted.

    >>> from rdflib import Literal
    >>> g = Graph(); _ = g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    >>> to_nquads({URIRef("urn:g"): g}).decode()
    '<urn:s> <urn:p> "o" <urn:g> .\\n'
    """
    lines: set[str] = set()
    for name, graph in graphs.items():
        for line in to_ntriples(graph).decode("utf-8").split("\n"):
            if line.endswith(" ."):
                lines.add(f"{line[:-2]} <{name}> .")
    return ("".join(f"{line}\n" for line in sorted(lines))).encode("utf-8")


def has_blank_nodes(graph: Graph | Iterable[tuple]) -> bool:
    """Return whether any triple of the graph (or of these triples) has a blank node."""
    return any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in graph)


def to_turtle(graph: Graph, *, base: str, ntriples: bytes | None = None) -> bytes:
    """Serialise as Turtle (https://www.w3.org/TR/turtle/) with the project's prefixes.

    A graph without blank nodes goes through pyoxigraph's writer, fed the sorted N-Triples
    lines: 5-10x faster than rdflib's, and the same triples give the same bytes (the prefix
    lines are written here, sorted; a prefix whose local names would need escapes is left
    out, so every name stays plain). Blank nodes get fresh labels on every parse, so a graph
    with any (a SHACL report) goes to rdflib's writer, which nests them as `[ ... ]`.
    `ntriples` is `to_ntriples(graph)` when the caller has it already, for a graph it knows
    has no blank nodes (the same bytes come out).
    """
    if ntriples is None:
        if has_blank_nodes(graph):
            return sorted_copy(graph, base=base).serialize(format=TURTLE.rdflib, encoding="utf-8")
        ntriples = to_ntriples(graph)
    return ntriples_to_turtle(ntriples, base=base)


def ntriples_to_turtle(ntriples: bytes, *, base: str) -> bytes:
    """Rewrite sorted N-Triples lines without blank nodes as Turtle (see `to_turtle`)."""
    lines = ntriples
    prefixes = {prefix: str(ns) for prefix, ns in sorted(prefixes_for(base).items())}
    while True:
        data = pyoxigraph.serialize(
            pyoxigraph.parse(lines, format=NTRIPLES.engine), format=TURTLE.engine, prefixes=prefixes
        )
        escaped = (  # a prefixed name with an escape has a backslash; most outputs have none
            {m.group(1).decode() for m in _ESCAPED_NAME.finditer(data)} if b"\\" in data else ()
        )
        if not escaped:
            break
        prefixes = {p: ns for p, ns in prefixes.items() if p not in escaped}
    lines_out = data.splitlines(keepends=True)
    body = b"".join(line for line in lines_out if not line.startswith(b"@prefix "))
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()).encode()
    return recase_serialised(header + b"\n" + body, TURTLE)


def to_rdfxml(graph: Graph, *, base: str, ntriples: bytes | None = None) -> bytes:
    """Serialise as RDF/XML in sorted order (pyoxigraph's streaming writer keeps input order).

    Language tags are written in BCP 47 case (sr-Latn) and CR as ``&#13;``; a literal with a
    character XML 1.0 cannot carry raises NotRepresentable (https://www.w3.org/TR/xml/#charsets).
    `ntriples` is `to_ntriples(graph)` when the caller has it already (the same bytes come out).
    """
    if ntriples is None:
        ntriples = to_ntriples(graph)
    triples = pyoxigraph.parse(ntriples, format=NTRIPLES.engine)
    prefixes = {prefix: str(ns) for prefix, ns in sorted(prefixes_for(base).items())}
    data = pyoxigraph.serialize(triples, format=RDFXML.engine, prefixes=prefixes)
    return recase_serialised(fix_rdfxml(data, other_formats=NOT_XML), RDFXML)


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
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = method(*args, **kwargs)
        return cache[key]

    return call


def _direct_nodes(triples: list, context: Context) -> list[dict] | None:
    """Return the node objects rdflib's JSON-LD converter makes, for a graph of IRIs and literals.

    The same steps as rdflib's Converter.add_to_node and to_raw_value (rdflib 7) for the case
    the dumps are in: active context, no blank node, no RDF list, no coerced term, no value that
    JSON treats as false. Returns None otherwise, and the caller uses rdflib's converter.
    Each predicate's term and each IRI's compact form are looked up once.
    """
    rdf_type, rdf_first, rdf_nil, lang_container = RDF.type, RDF.first, RDF.nil, "@language"
    term_of: dict = {}
    nodes: dict[str, dict] = {}
    by_subject: dict = {}
    for s, p, o in triples:
        if isinstance(s, BNode) or isinstance(o, BNode) or p == rdf_first or o == rdf_nil:
            return None
        by_subject.setdefault(s, []).append((p, o))
    for s, pairs in by_subject.items():
        node_id = context.shrink_iri(s)
        if node_id in nodes:
            return None  # two subjects with one compact id: rdflib keeps the first seen
        node: dict = {"@id": node_id}
        nodes[node_id] = node
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
                if p == rdf_type:
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
    return list(nodes.values())


def _compacted(graph: Graph, context: dict, triples: list | None) -> dict:
    """Return rdflib's compact JSON-LD object of the graph (what its serialiser writes).

    A graph of IRIs and literals is converted in one pass by `_direct_nodes` (the same object,
    shown by a test against rdflib's); any other by rdflib's serialiser.
    """
    triples = list(graph) if triples is None else triples
    active = Context(context, base=None)
    for name in ("find_term", "shrink_iri", "to_symbol"):
        setattr(active, name, _memoised(getattr(active, name)))
    nodes = _direct_nodes(triples, active)
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
