"""Before publishing, parse every RDF file of dist/ back and check it holds exactly its graph.

A serialiser that drops or changes a value (a CR read back as LF, a control character
making XML ill-formed, a language tag in another case...) stops the build here, naming
the file, instead of reaching users. Graph equality is RDF isomorphism
(https://www.w3.org/TR/rdf11-concepts/#graph-isomorphism); language tags compare
case-insensitively, as RDF 1.1 defines them (§3.3), the spelling is checked separately.

A graph without blank nodes is compared as a set of canonical N-Triples lines: the file is
parsed and written back by the engine (pyoxigraph), and the graph's own terms, converted one
by one (not through any serialiser), are written by the same engine; two sets of triples are
equal exactly when these line sets are. A graph with blank nodes is compared by rdflib's
isomorphism.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from sister_graph.errors import RoundTripFailed
from sister_graph.rdf.formats import NQUADS, NTRIPLES, RDF_FORMATS, RDFXML, Format, dump_name

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _ox_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = str(term.datatype) if term.datatype else XSD_STRING
    return ox.Literal(str(term), datatype=ox.NamedNode(datatype))


class _Terms(dict):
    """rdflib term -> engine term, each converted once (a graph repeats most of its terms)."""

    def __missing__(self, term):
        self[term] = converted = _ox_term(term)
        return converted


def check_xml(name: str, data: bytes) -> None:
    """Raise RoundTripFailed for XML a conformant parser would reject or change (pyoxigraph
    reads raw CR)."""
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


def _lines(data: bytes) -> set[bytes]:
    return set(data.split(b"\n")) - {b""}


def _parsed_lines(name: str, data: bytes, fmt: Format, out: Format = NTRIPLES) -> set[bytes]:
    """Parse `data` as `fmt` and return its triples (quads) as the engine's canonical lines."""
    if fmt is RDFXML:
        check_xml(name, data)
    try:
        return _lines(ox.serialize(ox.parse(data, format=fmt.engine), format=out.engine))
    except SyntaxError as err:
        raise RoundTripFailed(
            f"{name} does not parse back ({err}); nothing was published"
        ) from None


def _has_blank_nodes(triples: Iterable) -> bool:
    return any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in triples)


class EngineLines:
    """The engine's canonical N-Triples line of each triple of a graph without blank nodes.

    Each rdflib term is converted to the engine's term directly (each distinct term once), so
    no serialiser under test takes part in what the dumps are compared with. Parts of the graph
    (a publisher's dump, a source graph of the quad dump) look their lines up here.
    """

    def __init__(self, triples: list) -> None:
        terms = _Terms()
        engine = [ox.Triple(terms[s], terms[p], terms[o]) for s, p, o in triples]
        lines = ox.serialize(engine, format=NTRIPLES.engine).split(b"\n")  # one per triple
        self.by_triple = dict(zip(triples, lines, strict=False))

    def lines(self, triples: Iterable | None = None) -> set[bytes]:
        """Return the lines of these triples of the graph (default: all of them)."""
        if triples is None:
            return set(self.by_triple.values())
        return {self.by_triple[triple] for triple in triples}


def expected_lines(graph: Graph | list) -> set[bytes] | None:
    """Return the graph's (or these triples') canonical lines, or None when it has blank nodes."""
    triples = list(graph)
    return None if _has_blank_nodes(triples) else EngineLines(triples).lines()


def fail(name: str, expected: set, found: set) -> None:
    """Raise RoundTripFailed naming the file and how many lines differ each way."""
    missing, extra = len(expected - found), len(found - expected)
    raise RoundTripFailed(
        f"{name} does not parse back to the graph it was written from "
        f"({missing} triple(s) lost, {extra} changed or added); nothing was published"
    )


def check_round_trip(
    name: str, data: bytes, fmt: Format, graph: Graph, *, expected: set | None = None
) -> None:
    """Raise RoundTripFailed unless `data`, parsed as `fmt`, is isomorphic to `graph`.

    `expected` is `graph` as `expected_lines` gives it, when the caller has it already
    (several dumps of one graph); a graph with blank nodes is compared by rdflib's
    isomorphism.
    """
    found = _parsed_lines(name, data, fmt)
    expected = expected if expected is not None else expected_lines(graph)
    if expected is None:
        from rdflib.compare import isomorphic

        back = Graph(bind_namespaces="none")
        back.parse(data=data, format=fmt.rdflib)
        if not isomorphic(back, graph):
            raise RoundTripFailed(
                f"{name} does not parse back to the graph it was written from; "
                "nothing was published"
            )
    elif found != expected:
        fail(name, expected, found)


def check_dumps(
    files: dict[str, bytes],
    graph: Graph,
    source_graphs: dict[URIRef, Graph | list] | None = None,
    *,
    engine: EngineLines | None = None,
) -> None:
    """Check each dump (Turtle, JSON-LD, N-Triples, RDF/XML) parses back to the graph,
    and the quad dump, when there is one, to the named source graphs (graphs or their triples).

    `engine` is the graph's EngineLines when the caller has them (a graph without blank nodes).
    """
    if engine is None:
        triples = list(graph)
        engine = None if _has_blank_nodes(triples) else EngineLines(triples)
    expected = None if engine is None else engine.lines()
    for fmt in RDF_FORMATS:
        check_round_trip(dump_name(fmt), files[dump_name(fmt)], fmt, graph, expected=expected)
    if source_graphs is not None:
        _check_quads(dump_name(NQUADS), files[dump_name(NQUADS)], source_graphs, engine)


def _check_quads(
    name: str, data: bytes, graphs: dict[URIRef, Graph | list], engine: EngineLines | None
) -> None:
    """Check the quad dump: each named graph without blank nodes holds exactly its triples.

    A graph with blank nodes is compared by the graph dumps' isomorphism check instead.
    """
    found = _parsed_lines(name, data, NQUADS, NQUADS)
    expected: set[bytes] = set()
    names = set()
    for graph_name, graph in graphs.items():
        triples = graph if isinstance(graph, list) else list(graph)
        if _has_blank_nodes(triples):
            continue
        suffix = f" {ox.NamedNode(str(graph_name))} .".encode()
        names.add(suffix)
        known = engine.by_triple if engine is not None else {}
        if any(triple not in known for triple in triples):
            known = EngineLines(triples).by_triple
        expected.update(known[triple][:-2] + suffix for triple in triples)
    if len(names) < len(graphs):  # only the lines of the graphs compared here
        found = {line for line in found if line[line.rfind(b" <") :] in names}
    if found != expected:
        fail(name, expected, found)
