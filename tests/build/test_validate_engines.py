"""pyshacl-turbo may validate large graphs only because it gives pySHACL's verdict and results.

Issue 13: "A faster conformant engine may validate large graphs only if every shape fixture gets
the same verdict from both." Every BREAKS fixture of test_validate and the real data go through
both engines; verdict, top-level results and the reported lines must be identical. They also go
through the split that sends shapes with crowded paths to pySHACL (shacl_turbo.run_turbo), with
the limit lowered so that the split happens on these small graphs.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from sister_graph.build import shacl_turbo
from sister_graph.build.pipeline import read_all_shapes
from sister_graph.build.sources import read_sources
from sister_graph.build.validate import FAST_FROM, origins, validate_graph
from sister_graph.rdf.namespaces import RDF, SH
from sister_graph.rdf.serialize import to_turtle
from tests.build.test_validate import BASE, BREAKS, PREFIXES, REPO

FIELDS = (
    SH.focusNode, SH.resultPath, SH.sourceShape, SH.sourceConstraint, SH.resultSeverity,
    SH.sourceConstraintComponent, SH.value,
)  # fmt: skip


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_all_shapes(REPO / "shapes", base=BASE)


@pytest.fixture(scope="module")
def where() -> dict[URIRef, str]:
    return origins(read_sources(REPO / "data"), base=BASE)


def _term(graph: Graph, shapes: Graph, node):
    """A comparable form of a report term: blank-node shapes by their parent and path."""
    if not isinstance(node, BNode):
        return node
    if node in set(shapes.subjects()):
        parents = sorted(str(p) for p in shapes.subjects(SH.property, node))
        return ("shape", tuple(parents), shapes.value(node, SH.path))
    items = list(graph.items(node))  # a sequence path: its members
    assert items, f"unexpected blank node in a report: {node}"
    return ("list", tuple(items))


def results(report: Graph, shapes: Graph) -> Counter:
    """The report's top-level results as (field values..., messages), with multiplicity."""
    found = Counter()
    for result in report.objects(None, SH.result):
        assert (result, RDF.type, SH.ValidationResult) in report
        fields = tuple(_term(report, shapes, report.value(result, f)) for f in FIELDS)
        messages = tuple(sorted(str(m) for m in report.objects(result, SH.resultMessage)))
        found[fields + (messages,)] += 1
    return found


def _both(graph: Graph, shapes: Graph, where: dict[URIRef, str]):
    assert shacl_turbo.available()  # a declared dependency: without it this compares nothing
    reference = validate_graph(graph, shapes, where=where, engine="pyshacl", processes=1)
    fast = validate_graph(graph, shapes, where=where, engine="turbo")
    return reference, fast


def test_graphs_from_the_threshold_go_to_turbo_and_smaller_ones_to_pyshacl(
    built, shapes, monkeypatch
) -> None:
    from sister_graph.build import validate

    _, result = built
    ran: list[int] = []
    real_run = shacl_turbo.run_turbo
    monkeypatch.setattr(shacl_turbo, "run_turbo", lambda g, s: ran.append(len(g)) or real_run(g, s))
    assert len(result.graph) < FAST_FROM  # the real data: pySHACL, the reference, validates it
    assert validate_graph(result.graph, shapes, where={}).conforms
    assert ran == []
    monkeypatch.setattr(validate, "FAST_FROM", len(result.graph))
    assert validate_graph(result.graph, shapes, where={}).conforms
    assert ran == [len(result.graph)]


def test_the_real_data_conforms_for_both_with_the_same_report(built, shapes, where) -> None:
    _, result = built
    reference, fast = _both(result.graph, shapes, where)
    assert reference.conforms and fast.conforms
    assert reference.problems == fast.problems == ()
    assert set(fast.report.objects(None, SH.conforms)) == {Literal(True)}
    assert len(fast.report) == len(reference.report) == 2  # one sh:ValidationReport, conforms
    # dist/validation-report.ttl: the same bytes whichever engine ran
    assert to_turtle(fast.report, base=BASE) == to_turtle(reference.report, base=BASE)


def test_crowded_shapes_are_those_with_many_values_on_one_subject(built, shapes) -> None:
    _, result = built
    assert shacl_turbo.crowded_shapes(result.graph, shapes) == set()
    few = shacl_turbo.crowded_shapes(result.graph, shapes, limit=2)
    sgs = lambda name: URIRef(f"{BASE}shapes#{name}")  # noqa: E731
    assert {sgs("City"), sgs("Agreement"), sgs("Concept")} <= few  # three labels each
    assert sgs("Twinning") in few  # Banja Luka: 15 wdt:P190
    assert not {sgs("UncertainCity"), sgs("Page")} & few  # no property shape; one title


@pytest.mark.parametrize("crowded", [None, 2], ids=["turbo", "turbo+pyshacl"])
@pytest.mark.parametrize(("what", "update", "marker"), BREAKS, ids=[b[0] for b in BREAKS])
def test_every_fixture_gets_the_same_verdict_and_results(
    built, shapes, where, monkeypatch, what, update, marker, crowded
) -> None:
    if crowded is not None:
        monkeypatch.setattr(shacl_turbo, "CROWDED", crowded)
    _, result = built
    graph = Graph()
    for triple in result.graph:
        graph.add(triple)
    graph.update(PREFIXES + update)
    reference, fast = _both(graph, shapes, where)
    assert not reference.conforms
    assert fast.conforms == reference.conforms
    expected = results(reference.report, shapes)
    assert expected, "pySHACL reported nothing"
    assert results(fast.report, shapes) == expected
    assert fast.problems == reference.problems
