"""Before publishing, parse every RDF file of dist/ back and check it holds exactly its graph.

A serialiser that drops or changes a value (a CR read back as LF, a control character
making XML ill-formed, a language tag in another case...) stops the build here, naming
the file, instead of reaching users. Graph equality is RDF isomorphism
(https://www.w3.org/TR/rdf11-concepts/#graph-isomorphism); language tags compare
case-insensitively, as RDF 1.1 defines them (§3.3), the spelling is checked separately.
"""

from __future__ import annotations

import xml.parsers.expat

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic

from sister_graph.errors import RoundTripFailed
from sister_graph.rdf.formats import NQUADS, RDF_FORMATS, RDFXML, Format, dump_name

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _ox_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = str(term.datatype) if term.datatype else XSD_STRING
    return ox.Literal(str(term), datatype=ox.NamedNode(datatype))


def _check_xml(name: str, data: bytes) -> None:
    """Refuse what a conformant XML parser would reject or change (pyoxigraph reads raw CR)."""
    try:
        xml.parsers.expat.ParserCreate().Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        raise RoundTripFailed(
            f"{name} is not well-formed XML ({err}); nothing was published"
        ) from None
    if b"\r" in data:
        raise RoundTripFailed(
            f"{name} holds a raw CR, which XML parsers read as LF; nothing was published"
        )


def _parse(name: str, data: bytes, fmt: Format) -> list:
    if fmt is RDFXML:
        _check_xml(name, data)
    try:
        return [quad.triple for quad in ox.parse(data, format=fmt.engine)]
    except SyntaxError as err:
        raise RoundTripFailed(
            f"{name} does not parse back ({err}); nothing was published"
        ) from None


def _expected(graph: Graph) -> set | None:
    """Return the graph's triples as engine terms, or None when it has blank nodes."""
    expected = set()
    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            return None
        expected.add(ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)))
    return expected


def check_round_trip(
    name: str, data: bytes, fmt: Format, graph: Graph, *, expected: set | None = None
) -> None:
    """Raise RoundTripFailed unless `data`, parsed as `fmt`, is isomorphic to `graph`.

    `expected` is `graph` as engine triples when the caller has them already (several
    dumps of one graph); a graph with blank nodes is compared by rdflib's isomorphism.
    """
    parsed = _parse(name, data, fmt)
    expected = expected if expected is not None else _expected(graph)
    if expected is None:
        back = Graph(bind_namespaces="none")
        back.parse(data=data, format=fmt.rdflib)
        same = isomorphic(back, graph)
        missing = extra = None
    else:
        found = set(parsed)
        same = found == expected
        missing, extra = len(expected - found), len(found - expected)
    if not same:
        detail = "" if missing is None else f" ({missing} triple(s) lost, {extra} changed or added)"
        raise RoundTripFailed(
            f"{name} does not parse back to the graph it was written from{detail}; "
            "nothing was published"
        )


def check_dumps(
    files: dict[str, bytes], graph: Graph, source_graphs: dict[URIRef, Graph] | None = None
) -> None:
    """Check each dump (Turtle, JSON-LD, N-Triples, RDF/XML) parses back to the graph,
    and the quad dump, when there is one, to the named source graphs."""
    expected = _expected(graph)
    for fmt in RDF_FORMATS:
        check_round_trip(dump_name(fmt), files[dump_name(fmt)], fmt, graph, expected=expected)
    if source_graphs is not None:
        _check_quads(dump_name(NQUADS), files[dump_name(NQUADS)], source_graphs)


def _check_quads(name: str, data: bytes, graphs: dict[URIRef, Graph]) -> None:
    try:
        parsed = ox.parse(data, format=NQUADS.engine)
        found: dict[str, set] = {}
        for quad in parsed:
            found.setdefault(quad.graph_name.value, set()).add(quad.triple)
    except SyntaxError as err:
        raise RoundTripFailed(
            f"{name} does not parse back ({err}); nothing was published"
        ) from None
    for graph_name, graph in graphs.items():
        if any(isinstance(node, BNode) for triple in graph for node in triple):
            continue  # blank nodes: compared by the graph dumps' isomorphism check
        expected = {ox.Triple(*(_ox_term(t) for t in triple)) for triple in graph}
        if found.pop(str(graph_name), set()) != expected:
            raise RoundTripFailed(
                f"{name}: graph {graph_name} does not parse back to what was built; "
                "nothing was published"
            )
