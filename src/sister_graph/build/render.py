"""Render every file of dist/ in memory: dumps, context, SHACL report, catalog, checksums."""

from __future__ import annotations

import json
from collections.abc import Callable

from rdflib import Graph, URIRef

from sister_graph.build.catalog import FileInfo, describe_catalog
from sister_graph.dist.files import CHECKSUMS, sha256_hex
from sister_graph.rdf.formats import NQUADS, RDF_FORMATS, dump_name
from sister_graph.rdf.serialize import (
    jsonld_context,
    to_jsonld,
    to_nquads,
    to_ntriples,
    to_rdfxml,
    to_turtle,
)

WRITERS: dict[str, Callable[[Graph, str], bytes]] = {
    "turtle": lambda g, base: to_turtle(g, base=base),
    "jsonld": lambda g, base: to_jsonld(g, base=base),
    "ntriples": lambda g, _: to_ntriples(g),
    "rdfxml": lambda g, base: to_rdfxml(g, base=base),
}


def render_dist(
    graph: Graph,
    report: Graph,
    *,
    base: str,
    license_iri: str,
    issued: str = "",
    source_graphs: dict[URIRef, Graph] | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, bytes]:
    """Return every file of dist/ by name (dumps, context, catalog, report, SHA256SUMS).

    With source_graphs (one named graph per source page), the quad dump sister-graph.nq
    holds them, each under its name.
    """
    files: dict[str, bytes] = {}
    for fmt in RDF_FORMATS:
        progress(f"serialising {dump_name(fmt)}")
        files[dump_name(fmt)] = WRITERS[fmt.name](graph, base)
    if source_graphs is not None:
        progress(f"serialising {dump_name(NQUADS)} ({len(source_graphs)} source graphs)")
        files[dump_name(NQUADS)] = to_nquads(source_graphs)
    files["context.jsonld"] = (
        json.dumps(jsonld_context(base), indent=1, sort_keys=True) + "\n"
    ).encode()
    files["validation-report.ttl"] = to_turtle(report, base=base)
    infos = {name: FileInfo(name, len(data), sha256_hex(data)) for name, data in files.items()}
    catalog = describe_catalog(
        graph, base=base, files=infos, license_iri=license_iri, issued=issued
    )
    files["catalog.ttl"] = to_turtle(catalog, base=base)
    files[CHECKSUMS] = "".join(
        f"{sha256_hex(data)}  {name}\n" for name, data in sorted(files.items())
    ).encode()
    return files
