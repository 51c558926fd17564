"""Validate with pyshacl-turbo, a Rust SHACL engine with pySHACL's API, for large graphs only.

pySHACL stays the reference validator (validate_parallel.run_shacl). pyshacl-turbo
(https://github.com/legra-ai/pyshacl-turbo, MIT OR Apache-2.0) runs the same shapes with the
same options; tests/build/test_validate_engines.py asserts that both engines give the same
verdict and the same top-level results (focus node, path, source shape and constraint,
severity, component, value, message) on the real data and on every shape's failing fixture, so
a large graph can be validated by it without changing any verdict or any reported line.

pyshacl-turbo 0.6.5 takes time quadratic in the number of values one focus node has on a
property shape's path (8,000 values: 2.7 s; the 1M synthetic graph's 14,484 wdt:P190 values on
one city: 23 s), whatever the constraint. A node shape with such a crowded path is validated by
pySHACL instead, which is linear there: each (shape, focus node) pair is validated by exactly
one engine (shapes graphs that keep only their own shapes' targets), and the two reports are
merged (validate_parallel.merge_reports, as for processes).
"""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, URIRef

from sister_graph.build.shacl_view import predicate_view
from sister_graph.build.validate_parallel import TARGETS, merge_reports, run_shacl
from sister_graph.errors import BadArgument
from sister_graph.rdf.namespaces import OWL, RDF, RDFS, SH

try:
    import pyshacl_turbo
except ImportError:  # a platform without the wheel: validate.py keeps pySHACL for every graph
    pyshacl_turbo = None

CROWDED = 1_000  # values of one predicate on one subject from which a shape goes to pySHACL


def available() -> bool:
    """True when the pyshacl-turbo wheel is installed."""
    return pyshacl_turbo is not None


def crowded_shapes(graph: Graph, shapes: Graph, *, limit: int | None = None) -> set:
    """Return the targeted node shapes with a direct property shape whose predicate path has
    more than `limit` (default CROWDED) values on some subject of the graph."""
    limit = CROWDED if limit is None else limit
    most: dict[URIRef, int] = {}
    found = set()
    for shape in {s for target in TARGETS for s in shapes.subjects(target, None)}:
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef):
                if path not in most:
                    counts = Counter(graph.subjects(path, None))
                    most[path] = max(counts.values(), default=0)
                if most[path] > limit:
                    found.add(shape)
    return found


def only_targets_of(shapes: Graph, keep: set) -> Graph:
    """A copy of the shapes graph where only the shapes in `keep` keep their targets."""
    part = Graph(namespace_manager=shapes.namespace_manager)
    for s, p, o in shapes:
        if p not in TARGETS or s in keep:
            part.add((s, p, o))
    return part


def run_turbo(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """Run pyshacl-turbo as run_shacl runs pySHACL (no inference, Core + SPARQL constraints);
    shapes with a crowded path (crowded_shapes) go to pySHACL.

    Returns (conforms, report graph). Raises BadArgument without the wheel (validate_graph
    only picks this engine when available() says it is there).
    """
    if pyshacl_turbo is None:
        raise BadArgument("SHACL engine 'turbo' needs pyshacl-turbo, which is not installed")
    slow = crowded_shapes(graph, shapes)
    # a shape that is also a class targets its instances implicitly: dropping targets cannot
    # move it, so such shapes graphs are not split
    implicit = any(shapes.triples((None, RDF.type, RDFS.Class))) or any(
        shapes.triples((None, RDF.type, OWL.Class))
    )
    if not slow or implicit:
        return _turbo(graph, shapes)
    targeted = {s for target in TARGETS for s in shapes.subjects(target, None)}
    return merge_reports(
        [
            _turbo(graph, only_targets_of(shapes, targeted - slow)),
            run_shacl(graph, only_targets_of(shapes, slow)),
        ]
    )


def _turbo(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    # turbo copies the data graph into its own store: only the triples the shapes can read
    conforms, report, _ = pyshacl_turbo.validate(
        predicate_view(graph, shapes),
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    return bool(conforms), report
