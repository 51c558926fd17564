"""The DCAT-AP 3 catalog: conforms to the official shapes, reads like ckanext-dcat reads it, served."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyshacl
import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from sister_graph.build.catalog import describe_catalog
from sister_graph.build.catalog_distributions import FileInfo
from sister_graph.rdf.serialize import to_turtle

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "vendor" / "dcat-ap"
SHAPES = (
    "shapes.ttl",
    "range.ttl",
    "shapes_recommended.ttl",
    "deprecateduris.ttl",
    "mdr-vocabularies.shape.ttl",
)
# Class axioms from FOAF and DCTERMS the range shapes rely on (vendor/dcat-ap/README.md).
AXIOMS = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dct: <http://purl.org/dc/terms/> .
foaf:Organization rdfs:subClassOf foaf:Agent .
dct:MediaType rdfs:subClassOf dct:MediaTypeOrExtent .
"""
SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for name in SHAPES:
        graph.parse(VENDOR / name, format="turtle")
    return graph


@pytest.fixture(scope="module")
def catalog(built) -> Graph:
    config, _ = built
    return Graph().parse(Path(config.dist_dir) / "catalog.ttl", format="turtle")


def _violations(data: Graph, shapes: Graph) -> list[str]:
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=Graph().parse(data=AXIOMS, format="turtle"),
        inference="none",
        allow_warnings=True,
    )
    return [] if conforms else [text]


def test_published_catalog_conforms_to_dcat_ap_3_shapes(catalog, shapes):
    assert _violations(catalog, shapes) == []


def test_shapes_do_catch_a_broken_catalog(catalog, shapes):
    broken = Graph() + catalog
    dataset = next(broken.subjects(RDF.type, DCAT.Dataset))
    broken.remove((dataset, DCTERMS.title, None))
    assert _violations(broken, shapes)


def test_a_dcat_harvester_finds_dataset_distributions_and_checksummed_files(catalog, built):
    """Read the catalog the way ckanext-dcat's DCAT-AP profile does (rdflib, no CKAN)."""
    config, _ = built
    datasets = list(catalog.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    titles = {t.language: str(t) for t in catalog.objects(dataset, DCTERMS.title)}
    assert set(titles) >= {"en", "sr-Latn"}
    assert catalog.value(dataset, DCTERMS.publisher) == URIRef(config.base + "id/city/banja-luka")
    distributions = list(catalog.objects(dataset, DCAT.distribution))
    assert len(distributions) == 5  # the union graph in four formats, the quads by source page
    for dist in distributions:
        url = str(catalog.value(dist, DCAT.downloadURL))
        assert url == str(catalog.value(dist, DCAT.accessURL))
        name = url.rpartition("/download/")[2]
        data = (Path(config.dist_dir) / name).read_bytes()
        assert int(catalog.value(dist, DCAT.byteSize)) == len(data)
        checksum = catalog.value(dist, URIRef(SPDX + "checksum"))
        value = str(catalog.value(checksum, URIRef(SPDX + "checksumValue")))
        assert value == hashlib.sha256(data).hexdigest()
        assert catalog.value(dist, DCTERMS.format) is not None
        assert str(catalog.value(dist, DCAT.mediaType)).startswith("https://www.iana.org/")


def test_void_statistics_count_the_published_graph(catalog, built):
    config, built_graph = built
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    assert int(catalog.value(dataset, VOID.triples)) == len(built_graph.graph)
    assert int(catalog.value(dataset, VOID.classes)) > 5
    services = list(catalog.subjects(RDF.type, DCAT.DataService))
    assert [str(catalog.value(s, DCAT.endpointURL)) for s in services] == [config.base + "sparql"]


def test_catalog_is_byte_stable(built):
    config, built_graph = built
    files = {"sister-graph.ttl": FileInfo("sister-graph.ttl", 3, "ab" * 32)}
    first, second = (
        to_turtle(
            describe_catalog(built_graph.graph, base=config.base, files=files, license_iri="urn:l"),
            base=config.base,
        )
        for _ in range(2)
    )
    assert first == second


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/n-triples", "application/n-triples"),
        ("text/html", "text/html"),
    ],
)
def test_catalog_is_served_by_content_negotiation(site, accept, media):
    answer = requests.get(site.url + "catalog", headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == media
    assert "Accept" in answer.headers["Vary"]


def test_well_known_void_answers_with_the_dataset_description(site):
    answer = requests.get(site.url + ".well-known/void", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=answer.text, format="turtle")
    assert any(graph.subjects(RDF.type, VOID.Dataset))
    assert "/catalog" in answer.headers["Link"]
