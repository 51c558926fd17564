"""Parse the dumps written to disk back and check each holds exactly its graph (no blank nodes).

The same checks as `round_trip.check_dumps` (the engine's canonical N-Triples lines of each
file against those of the graph's own terms, converted one by one), for dumps too big to hold
twice: neither a dump nor a set of its lines is kept. Each side's distinct lines, sorted, are
summarised by their number and SHA-256 (equal summaries: equal sets, https://www.w3.org/TR/rdf11-
concepts/#graph-isomorphism for graphs without blank nodes); the sets are built only to count
what differs.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from sister_graph.build.round_trip import XSD_STRING, check_xml, fail
from sister_graph.errors import RoundTripFailed
from sister_graph.rdf.formats import (
    JSONLD,
    NQUADS,
    NTRIPLES,
    RDF_FORMATS,
    RDFXML,
    Format,
    dump_name,
    rdf_format,
)

CHUNK = 10_000  # triples converted or written by the engine at a time
Summary = tuple[int, str]


def summarise(lines: list[bytes]) -> Summary:
    """Return the number of distinct non-empty lines and the SHA-256 of them sorted (sorts)."""
    lines.sort()
    digest, count, previous = hashlib.sha256(), 0, b""
    for line in lines:
        if line and line != previous:
            digest.update(line)
            digest.update(b"\n")
            count += 1
            previous = line
    return count, digest.hexdigest()


def _engine_lines(items: Iterable, out: Format) -> list[bytes]:
    lines: list[bytes] = []
    iterator = iter(items)
    while written := ox.serialize(itertools.islice(iterator, CHUNK), format=out.engine):
        lines.extend(written.split(b"\n"))
    return lines


def file_lines(name: str, path: Path, fmt: Format, out: Format = NTRIPLES) -> list[bytes]:
    """Parse the file as `fmt`; return its triples (quads) as the engine's lines."""
    if fmt is RDFXML:
        check_xml(name, path.read_bytes())
    try:
        if fmt is JSONLD:
            lines: list[bytes] = []
            for document in jsonld_documents(path.read_bytes()):
                lines.extend(_engine_lines(ox.parse(document, format=fmt.engine), out))
            return lines
        return _engine_lines(ox.parse(path=str(path), format=fmt.engine), out)
    except SyntaxError as err:
        raise RoundTripFailed(
            f"{name} does not parse back ({err}); nothing was published"
        ) from None


_GRAPH_OPEN, _GRAPH_CLOSE, _NODE_END = b'\n "@graph": [\n', b"\n ]\n}\n", b"\n  },\n"
NODES_PER_DOCUMENT = 2000


def jsonld_documents(data: bytes) -> Iterator[bytes]:
    """Yield the JSON-LD dump as documents of a few thousand node objects each (or whole).

    The engine's JSON-LD parser holds about ten times a document's size; the dump's node
    objects are independent (top-level @graph members, no blank nodes), so the file's own head
    (its @context), a run of its nodes byte for byte, and its own end make a document with
    exactly those nodes' triples. A file not laid out as `dumps.jsonld_chunks` writes it is
    yielded whole.
    """
    start = data.find(_GRAPH_OPEN)
    if start < 0 or not data.endswith(_GRAPH_CLOSE):
        yield data
        return
    head, end = data[: start + len(_GRAPH_OPEN)], len(data) - len(_GRAPH_CLOSE)
    position = start + len(_GRAPH_OPEN)
    while position < end:
        cut = position
        for _ in range(NODES_PER_DOCUMENT):
            found = data.find(_NODE_END, cut, end)
            if found < 0:
                cut = end
                break
            cut = found + len(b"\n  }")
        yield head + data[position:cut] + _GRAPH_CLOSE
        position = cut + len(b",\n") if cut < end else end


def triple_lines(triples: Iterable[tuple], terms: dict, suffix: bytes = b"") -> list[bytes]:
    """Return the engine's lines of triples without blank nodes, each term converted directly.

    Each term becomes the engine's own term and is written as the engine writes it (`str` of
    an oxrdf term is its N-Triples form, what the engine's N-Triples writer prints), joined as
    canonical N-Triples joins them ('s p o .'). `terms` caches the IRIs (a `term_cache()`);
    with `suffix` (b" <graph> ."), quads.
    """
    lines: list[bytes] = []
    iri, literal, end = terms.__getitem__, ox.Literal, suffix or b" ."
    for s, p, o in triples:
        if isinstance(o, URIRef):
            value = iri(o)
        elif o.language:
            value = str(literal(str(o), language=o.language))
        else:
            value = str(literal(str(o), datatype=terms.nodes[o.datatype or XSD_STRING]))
        lines.append(f"{iri(s)} {iri(p)} {value}".encode() + end)
    return lines


class IriForms(dict):
    """rdflib IRI -> the engine's N-Triples form of it ('<...>'), each converted once;
    `nodes` holds the engine's terms of datatype IRIs."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes = _Nodes()

    def __missing__(self, term) -> str:
        self[term] = form = str(ox.NamedNode(str(term)))
        return form


class _Nodes(dict):
    def __missing__(self, term) -> ox.NamedNode:
        self[term] = node = ox.NamedNode(str(term))
        return node


def term_cache() -> IriForms:
    """Return an empty cache for `triple_lines`."""
    return IriForms()


def _compare(name: str, expected: Callable[[], list[bytes]], found: Callable[[], list[bytes]],
             summary: Summary | None = None) -> Summary:  # fmt: skip
    summary = summary or summarise(expected())
    if summarise(found()) != summary:
        fail(name, set(expected()) - {b""}, set(found()) - {b""})
    return summary


def check_files(
    folder: Path,
    triples: Sequence[tuple],
    sources: dict[URIRef, Sequence[tuple]] | None,
    parts: dict[str, Sequence[tuple]],
) -> None:
    """Check the dumps written in `folder` for a graph of these triples, none with a blank node:
    each graph dump (Turtle, JSON-LD, N-Triples, RDF/XML) parses back to the triples, the quad
    dump (when `sources` names graphs) to each named graph's triples, and each Turtle file in
    `parts` (file name -> triples) to its triples. Raises RoundTripFailed naming the file.
    """
    terms = term_cache()
    summary = None
    for fmt in RDF_FORMATS:
        name = dump_name(fmt)
        summary = _compare(
            name,
            lambda: triple_lines(triples, terms),
            lambda name=name, fmt=fmt: file_lines(name, folder / name, fmt),
            summary,
        )
    if sources is not None:
        name = dump_name(NQUADS)

        def quads() -> list[bytes]:
            lines: list[bytes] = []
            for graph_name, part in sources.items():
                suffix = f" {ox.NamedNode(str(graph_name))} .".encode()
                lines.extend(triple_lines(part, terms, suffix))
            return lines

        _compare(name, quads, lambda: file_lines(name, folder / name, NQUADS, NQUADS))
    turtle = rdf_format("turtle")
    for name, part in parts.items():
        _compare(
            name,
            lambda part=part: triple_lines(part, terms),
            lambda name=name: file_lines(name, folder / name, turtle),
        )
