"""Render every file of dist/ in memory: dumps, context, SHACL report, catalog, checksums."""

from __future__ import annotations

import json
from collections.abc import Callable

from rdflib import Graph, URIRef

from sister_graph.build.catalog import Deployer, FileInfo, describe_catalog
from sister_graph.build.catalog_datasets import (
    find_publishers,
    publisher_dump_name,
    publisher_graph,
    publisher_triples,
)
from sister_graph.build.round_trip import EngineLines, check_dumps, check_round_trip
from sister_graph.dist.files import CHECKSUMS, sha256_hex
from sister_graph.rdf.formats import NQUADS, RDF_FORMATS, dump_name, rdf_format
from sister_graph.rdf.serialize import (
    has_blank_nodes,
    jsonld_context,
    ntriples_to_turtle,
    to_jsonld,
    to_nquads,
    to_ntriples,
    to_rdfxml,
    to_turtle,
)

# Each writer takes the graph, the base IRI, its triples (a list) and its N-Triples (None when
# it has blank nodes): the graph is read once for all of them.
WRITERS: dict[str, Callable[[Graph, str, list, bytes | None], bytes]] = {
    "turtle": lambda g, base, _, nt: to_turtle(g, base=base, ntriples=nt),
    "jsonld": lambda g, base, triples, _: to_jsonld(g, base=base, triples=triples),
    "ntriples": lambda g, _, triples, nt: to_ntriples(triples) if nt is None else nt,
    "rdfxml": lambda g, base, triples, nt: to_rdfxml(g, base=base, ntriples=nt),
}


def render_dist(
    graph: Graph,
    report: Graph,
    *,
    base: str,
    vocabularies: Graph,
    deployer: Deployer,
    issued: str = "",
    source_graphs: dict[URIRef, Graph] | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, bytes]:
    """Return every file of dist/ by name (dumps, context, catalog, report, SHA256SUMS).

    With source_graphs (one named graph per source page), the quad dump sister-graph.nq
    holds them, each under its name.

    Every RDF file is parsed back and compared with its graph first (RoundTripFailed if
    one differs), so nothing is published that does not read back as what was built.
    """
    files: dict[str, bytes] = {}
    progress("serialising the graph's triples once, as sorted N-Triples lines")
    triples = list(graph)
    blank = has_blank_nodes(triples)
    ntriples = None if blank else to_ntriples(triples)
    for fmt in RDF_FORMATS:
        progress(f"serialising {dump_name(fmt)}")
        files[dump_name(fmt)] = WRITERS[fmt.name](graph, base, triples, ntriples)
    sources = None  # each source graph's triples, read once for writing and checking
    if source_graphs is not None:
        progress(f"serialising {dump_name(NQUADS)} ({len(source_graphs)} source graphs)")
        sources = {name: list(part) for name, part in source_graphs.items()}
        files[dump_name(NQUADS)] = to_nquads(sources)
    files["context.jsonld"] = (
        json.dumps(jsonld_context(base), indent=1, sort_keys=True) + "\n"
    ).encode()
    files["validation-report.ttl"] = to_turtle(report, base=base)
    parts: dict[str, Graph | list] = {}  # a part's graph, or its triples
    for publisher in find_publishers(graph):
        name = publisher_dump_name(publisher.slug)
        progress(f"serialising {name}")
        part = publisher_triples(graph, publisher)
        if has_blank_nodes(part):
            parts[name] = publisher_graph(graph, publisher, base=base)
            files[name] = to_turtle(parts[name], base=base)
        else:  # no Graph needed: written and checked from the triples
            files[name] = ntriples_to_turtle(to_ntriples(part), base=base)
            parts[name] = part
        del part
    infos = {name: FileInfo(name, len(data), sha256_hex(data)) for name, data in files.items()}
    catalog = describe_catalog(
        graph,
        base=base,
        files=infos,
        vocabularies=vocabularies,
        deployer=deployer,
        issued=issued,
    )
    files["catalog.ttl"] = to_turtle(catalog, base=base)
    progress("parsing every file back")
    engine = None if blank else EngineLines(triples)
    del triples, ntriples
    check_dumps(files, graph, sources, engine=engine)
    del sources
    turtle = rdf_format("turtle")
    check_round_trip("validation-report.ttl", files["validation-report.ttl"], turtle, report)
    check_round_trip("catalog.ttl", files["catalog.ttl"], turtle, catalog)
    for name, part in parts.items():
        if isinstance(part, Graph):
            check_round_trip(name, files[name], turtle, part)
        else:
            lines = (engine or EngineLines(part)).lines(part)
            check_round_trip(name, files[name], turtle, Graph(), expected=lines)
    files[CHECKSUMS] = "".join(
        f"{sha256_hex(data)}  {name}\n" for name, data in sorted(files.items())
    ).encode()
    return files
