"""The DCAT-AP 3 catalog: official shapes, EU code lists, one dataset per publisher, served."""

from __future__ import annotations

import hashlib
import shutil
import warnings
from pathlib import Path

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS, VOID

from sister_graph.build.catalog import Deployer, describe_catalog
from sister_graph.build.catalog_check import check_catalog, read_dcat_ap_shapes
from sister_graph.build.catalog_distributions import FileInfo
from sister_graph.build.catalog_vocabularies import read_code_lists
from sister_graph.build.pipeline import build_dist
from sister_graph.build.synthetic import build_synthetic, write_synthetic
from sister_graph.errors import SourceError, ValidationFailed
from sister_graph.rdf.serialize import to_turtle
from tests.support import REPO, repo_config

VENDOR = REPO / "vendor"
SPDX = "http://spdx.org/rdf/terms#"
AVAILABILITY = URIRef("http://data.europa.eu/r5r/availability")
DEPLOYED = {
    "release_date": "2026-11-29",
    "contact_email": "open-data@example.org",
    "publisher_type": "http://purl.org/adms/publishertype/NonProfitOrganisation",
}
CONTROLLED = (
    AVAILABILITY,
    DCTERMS.license,
    DCTERMS.type,
    DCTERMS.accessRights,
    DCTERMS.format,
    DCTERMS.accrualPeriodicity,
    DCAT.theme,
    DCTERMS.language,
)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_dcat_ap_shapes(VENDOR)


@pytest.fixture(scope="module")
def code_lists() -> Graph:
    return read_code_lists(VENDOR)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """The real data built as a deployer configures it: release date, contact, publisher type."""
    config = repo_config(tmp_path_factory.mktemp("deployed"), **DEPLOYED)
    build_dist(config)
    return config, Graph().parse(Path(config.dist_dir) / "catalog.ttl", format="turtle")


@pytest.fixture(scope="module")
def catalog(built) -> Graph:
    config, _ = built
    return Graph().parse(Path(config.dist_dir) / "catalog.ttl", format="turtle")


def test_deployed_catalog_has_no_violation_and_no_warning_but_the_corporate_body_advice(
    deployed, shapes
):
    _, catalog = deployed
    verdict = check_catalog(catalog, shapes)
    assert verdict.violations == ()
    assert verdict.warnings == ()
    # the EU corporate-body advice, once per publisher statement (catalog, datasets, service)
    assert verdict.allowed and all(" publisher: " in line for line in verdict.allowed)
    # ... but counted by publisher: the build said '13 publisher(s)' for 11 (three resources
    # name the deployer)
    publishers = {str(p) for p in catalog.objects(None, DCTERMS.publisher)}
    assert set(verdict.advised_publishers) == publishers
    assert len(verdict.advised_publishers) == len(publishers) < len(verdict.allowed)
    assert not list(catalog.objects(None, URIRef("http://www.w3.org/ns/org#memberOf")))


def test_default_settings_conform_and_report_only_what_the_deployer_must_set(built, shapes):
    config, result = built
    assert result.catalog is not None and result.catalog.violations == ()
    missing = {line.split(": ")[0] for line in result.catalog.warnings}
    assert missing == {
        f"<{config.base}catalog> issued",
        f"<{config.base}catalog> modified",
        f"<{config.base}catalog#publisher> type",
    }


def test_every_controlled_value_is_an_iri_of_the_vendored_eu_code_lists(deployed, code_lists):
    _, catalog = deployed
    seen = set()
    for predicate in CONTROLLED:
        for subject, value in catalog.subject_objects(predicate):
            if predicate == DCTERMS.type and (subject, RDF.type, DCTERMS.Standard) in catalog:
                continue
            assert isinstance(value, URIRef), (subject, predicate, value)
            scheme = code_lists.value(value, SKOS.inScheme)
            assert scheme is not None, f"{value} is in no vendored code list"
            assert catalog.value(value, SKOS.inScheme) == scheme
            for label in catalog.objects(value, SKOS.prefLabel):
                assert (value, SKOS.prefLabel, label) in code_lists
            seen.add(value)
    assert (
        URIRef("http://publications.europa.eu/resource/authority/planned-availability/STABLE")
        in seen
    )
    assert URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0") in seen
    assert URIRef("http://data.europa.eu/r5r/availability/STABLE") not in seen
    for place in catalog.objects(None, DCTERMS.spatial):
        assert str(place).startswith("https://sws.geonames.org/")


def test_a_value_in_no_code_list_stops_the_catalog(built, code_lists):
    config, result = built
    for deployer in (
        Deployer(license="http://creativecommons.org/licenses/by/4.0/"),
        Deployer(type="http://purl.org/adms/publishertype/CityCouncil"),
        Deployer(license_type="http://purl.org/adms/licencetype/Whatever"),
    ):
        with pytest.raises(SourceError, match="in no vendored EU code list"):
            describe_catalog(
                result.graph, base=config.base, files={}, vocabularies=code_lists, deployer=deployer
            )


def test_shapes_do_catch_a_broken_catalog(catalog, shapes):
    broken = Graph() + catalog
    dataset = next(broken.subjects(RDF.type, DCAT.Dataset))
    broken.remove((dataset, DCTERMS.title, None))
    broken.add((dataset, DCTERMS.publisher, URIRef("urn:second-publisher")))
    assert len(check_catalog(broken, shapes).violations) >= 2


def test_build_stops_when_the_catalog_violates_a_dcat_ap_shape(tmp_path, built):
    vendor = tmp_path / "vendor"
    shutil.copytree(VENDOR, vendor)
    with (vendor / "dcat-ap" / "shapes.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write(
            "\n<urn:test:needs-a-version> a sh:NodeShape ; sh:targetClass dcat:Dataset ;\n"
            "  sh:property [ sh:path dcat:version ; sh:minCount 1 ] .\n"
        )
    config = repo_config(tmp_path, vendor_dir=vendor)
    with pytest.raises(ValidationFailed, match="catalog violates") as failure:
        build_dist(config)
    assert all(p.startswith("catalog.ttl: <") for p in failure.value.problems)
    assert not (tmp_path / "dist").exists()


def test_one_dataset_per_publisher_plus_the_union_each_with_one_publisher(tmp_path, shapes):
    write_synthetic(build_synthetic(publishers=3, agreements=6, seed=5, shared=0.5), tmp_path / "d")
    config = repo_config(tmp_path, data_dir=tmp_path / "d", **DEPLOYED)
    built = build_dist(config)
    catalog = Graph().parse(Path(config.dist_dir) / "catalog.ttl", format="turtle")
    datasets = set(catalog.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 4
    for dataset in datasets:
        assert len(set(catalog.objects(dataset, DCTERMS.publisher))) == 1
        assert catalog.value(dataset, DCTERMS.temporal) is not None
    union = URIRef(config.base + "id/dataset/sister-graph")
    parts = set(catalog.objects(union, VOID.subset))
    assert len(parts) == 3
    for part in parts:
        city = catalog.value(part, DCTERMS.publisher)
        assert str(city).startswith(config.base + "id/city/")
        pages = set(catalog.objects(part, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
        assert pages == set(built.graph.subjects(DCTERMS.publisher, city))
    verdict = check_catalog(catalog, shapes)
    assert verdict.violations == ()
    # synthetic cities have no GeoNames ID, so nothing can state their place (recommended)
    assert {line.split("> ")[1].split(":")[0] for line in verdict.warnings} == {"spatial"}


def _ckan_datasets(text: str) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ckan's own imports raise DeprecationWarnings
        from ckanext.dcat.processors import RDFParser

        parser = RDFParser(profiles=["euro_dcat_ap_3"])
        parser.parse(text, _format="turtle")
        return list(parser.datasets())


def test_ckanext_dcat_reads_title_notes_licence_publisher_contact_and_checksummed_files(deployed):
    config, catalog = deployed
    datasets = _ckan_datasets((Path(config.dist_dir) / "catalog.ttl").read_text("utf-8"))
    publishers = set(catalog.objects(URIRef(config.base + "id/dataset/sister-graph"), VOID.subset))
    assert (
        len(datasets) == len(set(catalog.subjects(RDF.type, DCAT.Dataset))) == len(publishers) + 1
    )
    for dataset in datasets:
        extras = {e["key"]: e["value"] for e in dataset["extras"]}
        assert dataset["title"] and dataset["notes"]
        assert dataset["license_id"] == "cc-by"
        assert extras["publisher_name"] and extras["publisher_uri"]
        assert extras["contact_name"] and extras["contact_url"]
        assert dataset["resources"]
        for resource in dataset["resources"]:
            name = resource["url"].rpartition("/download/")[2]
            data = (Path(config.dist_dir) / name).read_bytes()
            assert resource["hash"] == hashlib.sha256(data).hexdigest()
            assert resource["hash_algorithm"] == "SHA-256"
            assert resource["format"].startswith(
                "http://publications.europa.eu/resource/authority/file-type/"
            )
    union = next(d for d in datasets if d["title"].endswith("(all publishers)"))
    extras = {e["key"]: e["value"] for e in union["extras"]}
    assert extras["contact_email"] == DEPLOYED["contact_email"]
    assert len(union["resources"]) == 5  # the union graph in four formats, the quads by page


def test_distributions_name_real_files_with_size_and_checksum(catalog, built):
    config, _ = built
    distributions = list(catalog.subjects(RDF.type, DCAT.Distribution))
    publishers = set(catalog.objects(URIRef(config.base + "id/dataset/sister-graph"), VOID.subset))
    # the union in four formats and the quads by source page, and one dump per publisher
    assert len(distributions) == 5 + len(publishers) and len(publishers) >= 1
    for dist in distributions:
        url = str(catalog.value(dist, DCAT.downloadURL))
        assert url == str(catalog.value(dist, DCAT.accessURL))
        data = (Path(config.dist_dir) / url.rpartition("/download/")[2]).read_bytes()
        assert int(catalog.value(dist, DCAT.byteSize)) == len(data)
        checksum = catalog.value(dist, URIRef(SPDX + "checksum"))
        value = str(catalog.value(checksum, URIRef(SPDX + "checksumValue")))
        assert value == hashlib.sha256(data).hexdigest()
        assert str(catalog.value(dist, DCAT.mediaType)).startswith("https://www.iana.org/")


def test_publisher_dump_holds_what_the_publishers_page_states(built):
    config, result = built
    part = Graph().parse(Path(config.dist_dir) / "sister-graph-banja-luka.ttl", format="turtle")
    page = next(
        result.graph.subjects(DCTERMS.publisher, URIRef(config.base + "id/city/banja-luka"))
    )
    cited = set(result.graph.subjects(DCTERMS.source, page))
    assert cited and set(part.subjects(DCTERMS.source, page)) == cited
    assert len(part) < len(result.graph)


def test_void_statistics_count_the_published_graph(catalog, built):
    config, built_graph = built
    dataset = URIRef(config.base + "id/dataset/sister-graph")
    assert int(catalog.value(dataset, VOID.triples)) == len(built_graph.graph)
    assert int(catalog.value(dataset, VOID.classes)) > 5
    services = list(catalog.subjects(RDF.type, DCAT.DataService))
    assert [str(catalog.value(s, DCAT.endpointURL)) for s in services] == [config.base + "sparql"]


def test_catalog_is_byte_stable_and_has_no_blank_nodes(built, code_lists):
    config, built_graph = built
    files = {"sister-graph.ttl": FileInfo("sister-graph.ttl", 3, "ab" * 32)}
    first, second = (
        describe_catalog(built_graph.graph, base=config.base, files=files, vocabularies=code_lists)
        for _ in range(2)
    )
    assert to_turtle(first, base=config.base) == to_turtle(second, base=config.base)
    assert not [t for t in first if any(not isinstance(n, URIRef | Literal) for n in t)]


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
