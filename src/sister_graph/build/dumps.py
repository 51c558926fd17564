"""The big dumps written as streams of chunks, from one N-Triples line per triple.

The same bytes as `rdf.serialize`'s writers (to_ntriples, to_nquads, to_jsonld) for a graph
without blank nodes, without holding a whole dump, or a second copy of the graph, in memory:
each triple's N-Triples line (rdflib's writer, https://www.w3.org/TR/n-triples/) is made once
and shared by the N-Triples dump, the quad dump and the publishers' dumps.
"""

from __future__ import annotations

import heapq
import itertools
import json
from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.plugins.serializers.nt import _nt_row

from sister_graph.errors import RoundTripFailed
from sister_graph.rdf.jsonld import (
    _canonical,
    active_context,
    direct_node,
    direct_triples,
    jsonld_context,
)

CHUNK_LINES = 8192  # lines joined and encoded at a time


def nt_rows(triples: Iterable[tuple]) -> dict[tuple, str]:
    """Return each triple's N-Triples line ('<s> <p> "o" .' and LF), as rdflib writes it."""
    return {triple: _nt_row(triple) for triple in triples}


def sorted_rows(rows: dict[tuple, str], triples: Iterable[tuple] | None = None) -> list[str]:
    """Return the distinct lines of these triples (default: all), sorted as to_ntriples does.

    No line is a prefix of another (each ends in ' .' after a whole term), so lines sort the
    same with or without their LF.
    """
    lines = rows.values() if triples is None else (rows.get(t) or _nt_row(t) for t in triples)
    return sorted(set(lines))


def encoded(lines: Iterable[str]) -> Iterator[bytes]:
    """Yield the lines as UTF-8, a few thousand at a time."""
    iterator = iter(lines)
    while block := list(itertools.islice(iterator, CHUNK_LINES)):
        yield "".join(block).encode("utf-8")


def ntriples_chunks(lines: list[str]) -> Iterator[bytes]:
    """Yield the N-Triples dump of these sorted lines: to_ntriples' bytes (LF alone if none)."""
    if not lines:
        yield b"\n"
        return
    yield from encoded(lines)


def nquads_chunks(parts: dict[URIRef, Iterable[tuple]], rows: dict[tuple, str]) -> Iterator[bytes]:
    """Yield the quad dump of named graphs given by their triples: to_nquads' bytes.

    Each graph's sorted lines become quads in the same order (the graph name follows a whole
    term), so the graphs are merged, not sorted again; the order is checked as it is written.
    """
    streams = [_quads(sorted_rows(rows, triples), name) for name, triples in parts.items()]
    previous = ""
    block: list[str] = []
    for quad in heapq.merge(*streams):
        if quad <= previous:
            if quad == previous:
                continue
            raise RoundTripFailed(  # the merge's premise broke: never written out of order
                "sister-graph.nq: quad lines out of order; nothing was published"
            )
        previous = quad
        block.append(quad)
        if len(block) >= CHUNK_LINES:
            yield "".join(block).encode("utf-8")
            block = []
    if block:
        yield "".join(block).encode("utf-8")


def _quads(lines: list[str], name: URIRef) -> Iterator[str]:
    suffix = f" <{name}> .\n"
    return (line[:-3] + suffix for line in lines if line.endswith(" .\n"))


def jsonld_chunks(triples: list[tuple], *, base: str) -> Iterator[bytes | None]:
    """Yield to_jsonld's bytes for a graph of these triples, one node object at a time.

    Yields None, possibly after some chunks, and stops where to_jsonld would use rdflib's
    converter (the caller writes to_jsonld's bytes instead; see `until_refused`).
    """
    context = jsonld_context(base)["@context"]
    active = active_context(context)
    if not direct_triples(triples):
        yield None
        return
    shrink = active.shrink_iri  # a str, or the IRI itself (nodes sort as plain strings)
    ordered = sorted(triples, key=lambda triple: str(shrink(triple[0])))
    groups = (  # by the subject's IRI as a plain string: no rdflib comparison per triple
        (group[0][0], [(p, o) for _, p, o in group])
        for _, grouped in itertools.groupby(ordered, key=lambda triple: str(triple[0]))
        for group in (list(grouped),)
    )
    first = next(groups, None)
    second = next(groups, None)
    head = json.dumps({"@context": context, "@graph": []}, **_JSON)
    if first is None or second is None or not head.endswith('"@graph": []\n}'):
        yield None  # no node or one: written as rdflib writes it
        return
    yield (head[: -len("[]\n}")] + "[\n").encode("utf-8")
    term_of: dict = {}
    previous, block = None, []
    for subject, pairs in itertools.chain((first, second), groups):
        node_id = shrink(subject)
        node = None if node_id == previous else direct_node(node_id, pairs, active, term_of)
        if node is None:  # rdflib's converter is needed, or two subjects share a compact id
            yield None
            return
        block.append(("  " if previous is None else ",\n  ") + _indented(_canonical(node), "  "))
        previous = node_id
        if len(block) >= 256:
            yield "".join(block).encode("utf-8")
            block = []
    block.append("\n ]\n}\n")
    yield "".join(block).encode("utf-8")


def until_refused(chunks: Iterator[bytes | None], refused: list[bool]) -> Iterator[bytes]:
    """Yield the chunks up to a None (`jsonld_chunks` refusing), noting it in `refused`."""
    for chunk in chunks:
        if chunk is None:
            refused.append(True)
            return
        yield chunk


_JSON = {"ensure_ascii": False, "indent": 1, "sort_keys": True}


def _indented(value, indent: str) -> str:
    """Return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) for a value nested
    at `indent` (its lines after the first indented so): the same text, without json's pure-Python
    indenting encoder (https://docs.python.org/3/library/json.html#json.dumps)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + " "
        items = [f"{inner}{_string(k)}: {_indented(v, inner)}" for k, v in sorted(value.items())]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = indent + " "
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value)  # numbers, true, false, null: as json writes them


_string = json.encoder.encode_basestring  # ensure_ascii=False: json's own string escaper (C)
