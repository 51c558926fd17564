"""Render every file of dist/ into a staging folder: dumps, context, report, catalog, checksums."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Graph, URIRef

from sister_graph.build.catalog import Deployer, FileInfo, describe_catalog
from sister_graph.build.catalog_datasets import (
    find_publishers,
    publisher_dump_name,
    publisher_graph,
    publisher_subjects,
)
from sister_graph.build.dump_checks import check_files
from sister_graph.build.dumps import (
    jsonld_chunks,
    nquads_chunks,
    nt_rows,
    ntriples_chunks,
    sorted_rows,
    until_refused,
)
from sister_graph.build.round_trip import check_dumps, check_round_trip
from sister_graph.dist.files import CHECKSUMS, Staging
from sister_graph.rdf.formats import (
    JSONLD,
    NQUADS,
    RDF_FORMATS,
    RDFXML,
    TURTLE,
    dump_name,
    rdf_format,
)
from sister_graph.rdf.serialize import (
    has_blank_nodes,
    jsonld_context,
    rdfxml_pieces,
    to_jsonld,
    to_nquads,
    to_ntriples,
    to_rdfxml,
    to_turtle,
    turtle_pieces,
)

# Each writer takes the graph, the base IRI, its triples (a list) and its N-Triples (bytes or a
# file; None when it has blank nodes): the graph is read once for all of them.
WRITERS: dict[str, Callable[[Graph, str, list, bytes | Path | None], bytes]] = {
    "turtle": lambda g, base, _, nt: to_turtle(g, base=base, ntriples=nt),
    "jsonld": lambda g, base, triples, _: to_jsonld(g, base=base, triples=triples),
    "ntriples": lambda g, _, triples, nt: to_ntriples(triples) if nt is None else nt,
    "rdfxml": lambda g, base, triples, nt: to_rdfxml(g, base=base, ntriples=nt),
}


def write_dist_files(
    staging: Staging,
    graph: Graph,
    report: Graph | Callable[[], Graph],
    *,
    base: str,
    vocabularies: Graph,
    deployer: Deployer,
    issued: str = "",
    source_graphs: dict[URIRef, Graph | Sequence[tuple]] | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> Graph:
    """Write every file of dist/ into the staging folder; return the catalog graph.

    report: the SHACL validation report, or a callable returning it (called once the dumps
    are written, so a validation may run meanwhile; what it raises ends the writing).

    With source_graphs (one named graph per source page: a graph or its triples), the quad
    dump sister-graph.nq holds them, each under its name.

    Every RDF file is parsed back and compared with its graph first (RoundTripFailed if
    one differs), so nothing is published that does not read back as what was built. A graph
    without blank nodes is written file by file as streams (`dumps`) and checked from the
    files (`dump_checks`): no dump is held in memory.
    """
    progress("serialising the graph's triples once, as sorted N-Triples lines")
    triples = list(graph)
    sources = None  # each source graph's triples, read once for writing and checking
    if source_graphs is not None:
        sources = {name: list(part) for name, part in source_graphs.items()}
    blank = has_blank_nodes(triples)
    if blank:
        parts = _write_in_memory(staging, graph, triples, sources, base=base, progress=progress)
    else:
        parts = _write_streamed(staging, graph, triples, sources, base=base, progress=progress)
    names = [dump_name(fmt) for fmt in RDF_FORMATS]
    names += [dump_name(NQUADS)] * (sources is not None)
    names += ["context.jsonld", "validation-report.ttl", *parts]
    staging.write("context.jsonld", CONTEXT(base))
    if not isinstance(report, Graph):
        report = report()
    staging.write("validation-report.ttl", to_turtle(report, base=base))
    infos = {name: FileInfo(name, *staging.sums[name]) for name in names}
    catalog = describe_catalog(
        graph,
        base=base,
        files=infos,
        vocabularies=vocabularies,
        deployer=deployer,
        issued=issued,
        triples=triples,
    )
    staging.write("catalog.ttl", to_turtle(catalog, base=base))
    progress("parsing every file back")
    if blank:
        dumps = [dump_name(fmt) for fmt in RDF_FORMATS] + [dump_name(NQUADS)] * (
            sources is not None
        )
        check_dumps({name: staging.read(name) for name in dumps}, graph, sources)
    else:
        check_files(staging.folder, triples, sources, parts)
    del triples, sources
    turtle = rdf_format("turtle")
    check_round_trip("validation-report.ttl", staging.read("validation-report.ttl"), turtle, report)
    check_round_trip("catalog.ttl", staging.read("catalog.ttl"), turtle, catalog)
    for name, part in parts.items():
        if isinstance(part, Graph):
            check_round_trip(name, staging.read(name), turtle, part)
    staging.write(CHECKSUMS, "".join(
        f"{digest}  {name}\n" for name, (_, digest) in sorted(staging.sums.items())
    ).encode())  # fmt: skip
    return catalog


def CONTEXT(base: str) -> bytes:  # noqa: N802
    """Return context.jsonld's bytes."""
    return (json.dumps(jsonld_context(base), indent=1, sort_keys=True) + "\n").encode()


def _write_in_memory(staging, graph, triples, sources, *, base, progress) -> dict:
    """Write the dumps of a graph with blank nodes, each made whole in memory (rdflib nests
    blank nodes); return each publisher's dump name -> its graph."""
    for fmt in RDF_FORMATS:
        progress(f"serialising {dump_name(fmt)}")
        staging.write(dump_name(fmt), WRITERS[fmt.name](graph, base, triples, None))
    if sources is not None:
        progress(f"serialising {dump_name(NQUADS)} ({len(sources)} source graphs)")
        staging.write(dump_name(NQUADS), to_nquads(sources))
    parts: dict[str, Graph | list] = {}
    for publisher in find_publishers(graph):
        name = publisher_dump_name(publisher.slug)
        progress(f"serialising {name}")
        part = publisher_graph(graph, publisher, base=base)
        staging.write(name, to_turtle(part, base=base))
        parts[name] = part
    return parts


def _write_streamed(staging, graph, triples, sources, *, base, progress) -> dict:
    """Write the dumps of a graph without blank nodes as streams, from one line per triple;
    return each publisher's dump name -> its triples."""
    rows = nt_rows(triples)
    nt = dump_name(rdf_format("ntriples"))
    progress(f"serialising {nt}")
    staging.write(nt, ntriples_chunks(sorted_rows(rows)))
    if sources is not None:
        progress(f"serialising {dump_name(NQUADS)} ({len(sources)} source graphs)")
        staging.write(dump_name(NQUADS), nquads_chunks(sources, rows))
    parts: dict[str, list] = {}
    for publisher in find_publishers(graph):  # its lines now, its Turtle once rows are freed
        name = publisher_dump_name(publisher.slug)
        subjects = publisher_subjects(graph, publisher)
        parts[name] = part = [triple for triple in triples if triple[0] in subjects]
        with open(staging.path(f".{name}.nt"), "wb") as handle:  # not a dist/ file
            handle.writelines(ntriples_chunks(sorted_rows(rows, part)))
    del rows
    for name in parts:
        progress(f"serialising {name}")
        lines = staging.path(f".{name}.nt")
        staging.write(name, turtle_pieces(lines, base=base))
        lines.unlink()
    for fmt, pieces in ((TURTLE, turtle_pieces), (RDFXML, rdfxml_pieces)):
        progress(f"serialising {dump_name(fmt)}")
        staging.write(dump_name(fmt), pieces(staging.path(nt), base=base))
    jsonld = dump_name(JSONLD)
    progress(f"serialising {jsonld}")
    refused: list[bool] = []
    staging.write(jsonld, until_refused(jsonld_chunks(triples, base=base), refused))
    if refused:
        staging.write(jsonld, to_jsonld(graph, base=base, triples=triples))
    return parts
