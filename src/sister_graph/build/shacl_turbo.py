"""Validate with pyshacl-turbo, a Rust SHACL engine with pySHACL's API, for large graphs only.

pySHACL stays the reference validator (validate_parallel.run_shacl). pyshacl-turbo
(https://github.com/legra-ai/pyshacl-turbo, MIT OR Apache-2.0) runs the same shapes with the
same options; tests/build/test_validate_engines.py asserts that both engines give the same
verdict and the same top-level results (focus node, path, source shape and constraint,
severity, value, message) on the real data and on every shape's failing fixture, so a large
graph can be validated by it without changing any verdict or any reported line.
"""

from __future__ import annotations

from rdflib import Graph

from sister_graph.build.validate_parallel import run_shacl

try:
    import pyshacl_turbo
except ImportError:  # an install without the wheel (another platform): pySHACL validates
    pyshacl_turbo = None


def available() -> bool:
    """True when the pyshacl-turbo wheel is installed."""
    return pyshacl_turbo is not None


def run_turbo(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """Run pyshacl-turbo as run_shacl runs pySHACL (no inference, Core + SPARQL constraints).

    Falls back to pySHACL when the wheel is missing. Returns (conforms, report graph).
    """
    if pyshacl_turbo is None:
        return run_shacl(graph, shapes)
    conforms, report, _ = pyshacl_turbo.validate(
        graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    return bool(conforms), report
