"""Validate the graph with SHACL (pySHACL; pyshacl-turbo for large graphs) and map every
violation back to the source row it comes from."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as Choice

from rdflib import Graph, Literal, URIRef

from sister_graph.build import shacl_turbo
from sister_graph.build.gc_control import frozen_gc
from sister_graph.build.records import PublisherSources
from sister_graph.build.turtle_files import read_turtle_file
from sister_graph.build.validate_parallel import run_shacl, run_shacl_parallel
from sister_graph.rdf.namespaces import SH, XSD, id_namespace


@dataclass(frozen=True)
class Validation:
    """The outcome of a SHACL run: conformance, the report graph and one line per violation."""

    conforms: bool
    report: Graph
    problems: tuple[str, ...]


def read_shapes(path: Path, *, base: str) -> Graph:
    """Read the shapes, resolving relative IRIs (and relative sh:namespace values) against base.

    Raises SourceError naming the file's line when it is not valid Turtle.
    """
    shapes = read_turtle_file(path, base=base)
    for decl, _, namespace in list(shapes.triples((None, SH.namespace, None))):
        if isinstance(namespace, Literal) and "://" not in str(namespace):
            shapes.set((decl, SH.namespace, Literal(base + str(namespace), datatype=XSD.anyURI)))
    return shapes


def origins(sources: Iterable[PublisherSources], *, base: str) -> dict[URIRef, str]:
    """Map each IRI the build mints to the 'file:line' of the CSV row it comes from.

    A city, network, membership or concept that several folders describe is one node; it maps
    to the first folder's row (folders in name order; the shared facts agree, see shared_checks).
    """
    ids = id_namespace(base)
    found: dict[URIRef, str] = {}
    for s in sources:
        groups = (
            ("city", s.cities),
            ("agreement", s.agreements),
            ("organization", s.networks),
            ("membership", s.memberships),
        )
        for kind, records in groups:
            for r in records:
                found.setdefault(ids[f"{kind}/{r.id}"], f"{r.cited.csv_file}:{r.cited.csv_line}")
        for a in s.agreements:
            found.setdefault(ids[f"signing/{a.signing}"], f"{a.cited.csv_file}:{a.cited.csv_line}")
        for c in s.concepts:
            iri = ids[f"concept/{c.scheme}/{c.id}"]
            found.setdefault(iri, f"{c.cited.csv_file}:{c.cited.csv_line}")
    return found


PARALLEL_FROM = 200_000  # triples; below this, starting processes costs more than it saves
FAST_FROM = 200_000  # triples; from here pyshacl-turbo validates (shacl_turbo), below it pySHACL


def validate_graph(
    graph: Graph,
    shapes: Graph,
    *,
    where: dict[URIRef, str],
    processes: int | None = None,
    engine: Choice["pyshacl", "turbo"] | None = None,
) -> Validation:
    """Run SHACL; describe each result as 'file:line: <focus> path: message [shape]'.

    One line per result of the report (sh:result); the optional sh:detail results under them
    (https://www.w3.org/TR/shacl/#results-detail) are left out, their wording differs by
    engine. engine is "pyshacl" (the reference) or "turbo" (shacl_turbo, same results, see
    tests/build/test_validate_engines.py); by default graphs from FAST_FROM triples go to turbo
    when its wheel is installed. pySHACL validates large graphs in `processes` processes
    (default: one per CPU), with the same results (see validate_parallel).
    """
    if engine is None:
        fast = len(graph) >= FAST_FROM and shacl_turbo.available()
        engine = "turbo" if fast else "pyshacl"
    if processes is None:
        processes = (os.cpu_count() or 1) if len(graph) >= PARALLEL_FROM else 1
    with frozen_gc():
        if engine == "turbo":
            conforms, report = shacl_turbo.run_turbo(graph, shapes)
        elif processes > 1:
            conforms, report = run_shacl_parallel(graph, shapes, processes=processes)
        else:
            conforms, report = run_shacl(graph, shapes)
    lines = []
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage) or "violates a shape"
        constraint = report.value(result, SH.sourceConstraint)
        shape = (
            constraint if isinstance(constraint, URIRef) else report.value(result, SH.sourceShape)
        )
        place = where.get(focus, "graph")
        path_text = (
            f" {graph.namespace_manager.normalizeUri(path)}" if isinstance(path, URIRef) else ""
        )
        shape_text = (
            graph.namespace_manager.normalizeUri(shape) if isinstance(shape, URIRef) else "shape"
        )
        lines.append(f"{place}: <{focus}>{path_text}: {message} [{shape_text}]")
    return Validation(bool(conforms), report, tuple(sorted(lines, key=file_line_order)))


def file_line_order(line: str) -> list[str | int]:
    """Sort key of a problem line: numbers compare as numbers (cities.csv:3 before :11)."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", line)]
