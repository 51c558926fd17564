"""Validating in several processes reports exactly what one process reports."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef

from sister_graph.build.pipeline import read_all_shapes
from sister_graph.build.validate import origins, validate_graph
from sister_graph.build.validate_parallel import split_targets
from sister_graph.rdf.namespaces import RDF, RDFS, SH, WDT, XSD, id_namespace, sg_namespace
from tests.support import REPO, data_totals

BASE = "https://w3id.org/sister-graph/"
ID, SG = id_namespace(BASE), sg_namespace(BASE)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_all_shapes(REPO / "shapes", base=BASE)


def _broken(graph: Graph) -> Graph:
    """Copy the graph and break one rule of each kind: core, sh:node, sh:class, SPARQL."""
    bad = Graph() + graph
    graz, agreement = ID["city/graz"], ID["agreement/banja-luka-graz-2006"]
    bad.remove((graz, RDFS.label, None))  # sgs:ThreeLabels (minCount)
    bad.add((graz, SG.sourceLine, Literal(99, datatype=XSD.positiveInteger)))  # maxCount
    bad.add((agreement, SG.agreementType, ID["concept/field/cultural"]))  # sh:node scheme
    future = Literal(date(2999, 1, 1).isoformat(), datatype=XSD.date)
    bad.set((ID["agreement/banja-luka-kranj-2006"], SG.signingDate, future))  # two SPARQL rules
    bad.add((ID["city/banja-luka"], WDT.P190, ID["organization/nalas"]))  # sh:class
    return bad


def test_the_real_graph_conforms_in_one_and_in_two_processes(built, shapes) -> None:
    config, result = built
    where = origins([], base=BASE)
    one = validate_graph(result.graph, shapes, where=where, processes=1)
    two = validate_graph(result.graph, shapes, where=where, processes=2)
    assert one.conforms and two.conforms
    assert one.problems == two.problems == ()


@pytest.mark.parametrize("processes", [2, 3])
def test_violations_are_the_same_whatever_the_number_of_processes(built, shapes, processes) -> None:
    _, result = built
    bad = _broken(result.graph)
    one = validate_graph(bad, shapes, where={}, processes=1)
    many = validate_graph(bad, shapes, where={}, processes=processes)
    assert not one.conforms and not many.conforms
    assert len(one.problems) >= 6
    assert many.problems == one.problems
    results = lambda v: len(set(v.report.subjects(None, SH.ValidationResult)))  # noqa: E731
    assert results(many) == results(one)


def test_every_focus_node_goes_to_exactly_one_share(built, shapes) -> None:
    _, result = built
    parts = split_targets(result.graph, shapes, 3)
    pairs = [(s, o) for part in parts for s, o in part.subject_objects(SH.targetNode)]
    assert len(pairs) == len(set(pairs))
    assert not any((None, SH.targetClass, None) in part for part in parts)
    agreements = {o for s, o in pairs if s == URIRef(BASE + "shapes#Agreement")}
    assert agreements == set(result.graph.subjects(RDF.type, SG.CooperationAgreement))
    assert len(agreements) == data_totals()[0]
