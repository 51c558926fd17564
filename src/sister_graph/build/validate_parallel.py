"""Run SHACL over a large graph in several processes, each validating a share of the focus nodes.

Sound because a SHACL result depends only on its focus node, its shape and the data graph
(https://www.w3.org/TR/shacl/#validation-definition): every process sees the whole graph
(inherited by fork, not copied), and each (shape, focus node) pair is validated in exactly one
process, whose shapes graph names its share with sh:targetNode instead of the original targets.
"""

from __future__ import annotations

import functools
import multiprocessing

from pyshacl import validate as shacl_validate
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from sister_graph.rdf.formats import NTRIPLES
from sister_graph.rdf.namespaces import RDF, SH

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_SHARED: dict[str, Graph] = {}


@functools.lru_cache(maxsize=256)
def _prepared(text: str):
    return translateQuery(parseQuery(text))


class PreparedQueryGraph(Graph):
    """A view of a graph that parses each SPARQL text once (pyshacl re-sends it per focus node)."""

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803 # fmt: skip
        """Evaluate as Graph.query does, reusing the parsed algebra of a repeated query text."""
        if isinstance(query_object, str) and processor == "sparql" and not initNs and not kwargs:
            query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


def prepared_view(graph: Graph) -> PreparedQueryGraph:
    """Return a PreparedQueryGraph over the same store (no triple is copied)."""
    return PreparedQueryGraph(
        store=graph.store, identifier=graph.identifier, namespace_manager=graph.namespace_manager
    )


def run_shacl(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """Run pyshacl as the build does (no inference, core SHACL + SPARQL constraints)."""
    conforms, report, _ = shacl_validate(
        prepared_view(graph), shacl_graph=shapes, inference="none", advanced=False,
        allow_warnings=True,
    )  # fmt: skip
    return bool(conforms), report


def split_targets(graph: Graph, shapes: Graph, parts: int) -> list[Graph] | None:
    """Return one shapes graph per part, each targeting a share of every shape's focus nodes.

    None when a shape declares targets this split does not handle (implicit class targets).
    """
    data = DataGraph.from_rdflib(graph)
    base = Graph()
    for triple in shapes:
        if triple[1] not in TARGETS:
            base.add(triple)
    shares: list[list[tuple]] = [[] for _ in range(parts)]
    for shape in ShapesGraph(shapes).shapes:
        if shape.target()[2]:
            return None
        focus = sorted(shape.focus_nodes(data), key=lambda node: node.n3())
        for index, node in enumerate(focus):
            shares[index % parts].append((shape.node, SH.targetNode, node))
    result = []
    for share in shares:
        part = Graph(namespace_manager=shapes.namespace_manager) + base
        for triple in share:
            part.add(triple)
        result.append(part)
    return result


def _validate_share(index: int) -> tuple[bool, bytes]:
    conforms, report = run_shacl(_SHARED["graph"], _SHARED[f"shapes{index}"])
    return conforms, report.serialize(format=NTRIPLES.rdflib, encoding="utf-8")


def merge_reports(parts: list[tuple[bool, Graph]]) -> tuple[bool, Graph]:
    """One sh:ValidationReport holding the results of every part's report (conforms when
    every part does): each part's report node gives its sh:result links to the new one."""
    report, node = Graph(namespace_manager=parts[0][1].namespace_manager), BNode()
    conforms = all(ok for ok, _ in parts)
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(conforms)))
    for _, part in parts:
        heads = set(part.subjects(RDF.type, SH.ValidationReport))
        for s, p, o in part:
            if s not in heads:
                report.add((s, p, o))
            elif p == SH.result:
                report.add((node, p, o))
    return conforms, report


def run_shacl_parallel(graph: Graph, shapes: Graph, *, processes: int) -> tuple[bool, Graph]:
    """Validate in `processes` forked processes; fall back to one when the split does not apply."""
    parts = split_targets(graph, shapes, processes)
    if parts is None or processes < 2:
        return run_shacl(graph, shapes)
    _SHARED.update(graph=graph, **{f"shapes{i}": part for i, part in enumerate(parts)})
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_validate_share, range(processes))
    finally:
        _SHARED.clear()
    return merge_reports(
        [(ok, Graph().parse(data=data, format=NTRIPLES.rdflib)) for ok, data in results]
    )
