"""More than one publishing city under data/: no code change, shared partners merged."""

from __future__ import annotations

import pytest

from sister_graph.build.graph import build_graph, read_ontology
from sister_graph.build.pipeline import build_dist
from sister_graph.build.sources import read_sources
from sister_graph.build.synthetic import build_synthetic, write_synthetic
from sister_graph.rdf.namespaces import RDF, RDFS, SCHEMA, WDT, id_namespace, sg_namespace
from sister_graph.settings import Config
from tests.support import REPO

BASE = "https://w3id.org/sister-graph/"
SG = sg_namespace(BASE)
ID = id_namespace(BASE)


@pytest.fixture(scope="module")
def two_publishers(tmp_path_factory) -> Config:
    """Two synthetic publishing cities, half of whose partners come from a shared pool."""
    root = tmp_path_factory.mktemp("two-publishers")
    write_synthetic(
        build_synthetic(publishers=2, agreements=40, seed=11, shared=0.5), root / "data"
    )
    return Config(
        data_dir=root / "data",
        dist_dir=root / "dist",
        ontology_file=REPO / "ontology" / "sister-graph.ttl",
        shapes_dir=REPO / "shapes",
        vendor_dir=REPO / "vendor",
    )


def _shared_partners(config: Config) -> set[str]:
    first, second = read_sources(config.data_dir)
    partners = [{a.partner for a in s.agreements} for s in (first, second)]
    return partners[0] & partners[1]


def test_both_folders_pass_the_source_checks(two_publishers: Config) -> None:
    sources = read_sources(two_publishers.data_dir)
    assert len(sources) == 2
    assert all(len(s.agreements) == 40 for s in sources)
    assert _shared_partners(two_publishers)


def test_graph_holds_both_publishers_agreements_and_one_node_per_shared_city(
    two_publishers: Config,
) -> None:
    sources = read_sources(two_publishers.data_dir)
    ontology = read_ontology(two_publishers.ontology_file, base=BASE)
    graph = build_graph(sources, base=BASE, ontology=ontology)
    publishers = {
        graph.value(a, SG.city) for a in graph.subjects(RDF.type, SG.CooperationAgreement)
    }
    assert len(publishers) == 2
    assert len(set(graph.subjects(RDF.type, SG.CooperationAgreement))) == 80
    homes = {graph.value(a, SG.city) for a in graph.subjects(RDF.type, SG.CooperationAgreement)}
    for slug in _shared_partners(two_publishers):
        city = ID[f"city/{slug}"]
        assert {home for home in homes if (home, WDT.P190, city) in graph} == homes
        assert len(set(graph.objects(city, RDFS.label))) == 3  # one per language, not doubled
        assert (city, RDF.type, SCHEMA.City) in graph


def test_two_publishers_build_and_conform(two_publishers: Config) -> None:
    built = build_dist(two_publishers)
    assert built.validation.conforms
