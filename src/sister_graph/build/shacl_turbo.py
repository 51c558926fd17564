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

try:
    import pyshacl_turbo
except ImportError:  # a platform without the wheel: validate.py keeps pySHACL for every graph
    pyshacl_turbo = None


def available() -> bool:
    """True when the pyshacl-turbo wheel is installed."""
    return pyshacl_turbo is not None


def run_turbo(graph: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """Run pyshacl-turbo as run_shacl runs pySHACL (no inference, Core + SPARQL constraints).

    Returns (conforms, report graph). Raises ModuleNotFoundError without the wheel.
    """
    if pyshacl_turbo is None:
        raise ModuleNotFoundError("pyshacl-turbo is not installed", name="pyshacl_turbo")
    conforms, report, _ = pyshacl_turbo.validate(
        graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    return bool(conforms), report
