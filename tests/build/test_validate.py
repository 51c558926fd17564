"""SHACL: the real data conforms, and every shape catches the fixture that breaks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from sister_graph.build.pipeline import read_all_shapes
from sister_graph.build.validate import validate_graph
from sister_graph.rdf.namespaces import SH

REPO = Path(__file__).resolve().parents[2]
BASE = "https://w3id.org/sister-graph/"
ID = f"{BASE}id/"
PREFIXES = f"""PREFIX sg: <{BASE}ontology#> PREFIX id: <{ID}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dct: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX schema: <https://schema.org/> PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
GRAZ = f"<{ID}city/graz>"
GRAZ_ADDRESS = f"<{ID}city/graz#address>"
AGREEMENT = f"<{ID}agreement/banja-luka-graz-2006>"
SIGNING = f"<{ID}signing/banja-luka-2006-06-21>"

# (what the fixture breaks, the SPARQL Update that breaks it, the shape that must report it)
BREAKS = [
    ("label missing", f'DELETE DATA {{ {GRAZ} rdfs:label "Graz"@en }}', "ThreeLabels"),
    ("city without source page", f"DELETE WHERE {{ {GRAZ} dct:source ?p }}", "Sources"),
    (
        "signing with two source pages",
        f"INSERT DATA {{ {SIGNING} dct:source <https://example.org/other-page> }}",
        "Source",
    ),
    (
        "source line not an integer",
        f'DELETE WHERE {{ {GRAZ} sg:sourceLine ?l }}; INSERT DATA {{ {GRAZ} sg:sourceLine "32" }}',
        "SourceLines",
    ),
    (
        "agreement source line zero",
        f"DELETE WHERE {{ {AGREEMENT} sg:sourceLine ?l }}; INSERT DATA {{ {AGREEMENT} sg:sourceLine 0 }}",
        "SourceLines",
    ),
    ("city without source text", f"DELETE WHERE {{ {GRAZ} sg:sourceText ?t }}", "SourceTexts"),
    (
        "citation without source text",
        f"DELETE WHERE {{ {GRAZ} prov:qualifiedDerivation ?d . ?d sg:sourceText ?t }}",
        "SourceText",
    ),
    (
        "signing source line zero",
        f"DELETE WHERE {{ {SIGNING} sg:sourceLine ?l }}; INSERT DATA {{ {SIGNING} sg:sourceLine 0 }}",
        "SourceLine",
    ),
    (
        "partner list without its date",
        f"INSERT DATA {{ <{ID}list/x> a sg:PartnerList ; sg:firstLine 1 ; sg:lastLine 2 ; "
        f'rdfs:label "x"@sr-Latn, "x"@sr-Cyrl, "x"@en ; dct:source <https://example.org/p> ; '
        f'sg:sourceLine 1 ; sg:sourceText "x"@en }}',
        "needs the date it is valid for",
    ),
    (
        "citation without its page",
        f"DELETE WHERE {{ {GRAZ} prov:qualifiedDerivation ?d . ?d prov:entity ?p }}",
        "Derivation-entity",
    ),
    (
        "agreement without source text",
        f"DELETE WHERE {{ {AGREEMENT} sg:sourceText ?t }}",
        "SourceTexts",
    ),
    (
        "attested city without note",
        "DELETE WHERE { <https://w3id.org/sister-graph/id/city/modiin> skos:editorialNote ?n }",
        "City",
    ),
    (
        "latitude out of range",
        # the full IRI: after ';' rdflib resolves geo: to its own default (GeoSPARQL), so
        # 'geo:lat' there would insert a GeoSPARQL triple and only minCount would fire
        f"DELETE WHERE {{ {GRAZ} geo:lat ?v }}; "
        f"INSERT DATA {{ {GRAZ} <http://www.w3.org/2003/01/geo/wgs84_pos#lat> 95.0 }}",
        "City-lat",
    ),
    ("no longitude", f"DELETE WHERE {{ {GRAZ} geo:long ?v }}", "City-long"),
    (
        "country not a code",
        f"DELETE WHERE {{ {GRAZ_ADDRESS} schema:addressCountry ?c }}; "
        f'INSERT DATA {{ {GRAZ_ADDRESS} schema:addressCountry "Austria" }}',
        "City-country",
    ),
    (
        "country not a Wikidata item",
        f'DELETE WHERE {{ {GRAZ} wdt:P17 ?c }}; INSERT DATA {{ {GRAZ} wdt:P17 "AT" }}',
        "City-countryItem",
    ),
    (
        "uncertain city asserted identical",
        "INSERT DATA { <https://w3id.org/sister-graph/id/city/kosovska-mitrovica> "
        "owl:sameAs <https://sws.geonames.org/789225/> }",
        "UncertainCity",
    ),
    (
        "sameAs outside Wikidata/GeoNames",
        f"INSERT DATA {{ {GRAZ} owl:sameAs <http://dbpedia.org/resource/Graz> }}",
        "City-sameAs",
    ),
    (
        "native name without language",
        f'DELETE WHERE {{ {GRAZ} sg:nativeName ?n }}; INSERT DATA {{ {GRAZ} sg:nativeName "Graz" }}',
        "City-nativeName",
    ),
    (
        "identification from another scheme",
        f"DELETE WHERE {{ {GRAZ} sg:identificationStatus ?s }}; "
        f"INSERT DATA {{ {GRAZ} sg:identificationStatus <https://w3id.org/sister-graph/id/concept/field/cultural> }}",
        "City-identification",
    ),
    ("no page form", f"DELETE WHERE {{ {GRAZ} sg:pageForm ?f }}", "City-pageForm"),
    (
        "twinned with a non-city",
        "INSERT DATA { <https://w3id.org/sister-graph/id/city/banja-luka> wdt:P190 <https://w3id.org/sister-graph/id/organization/nalas> }",
        "must point to a city",
    ),
    ("two publishing cities", f"INSERT DATA {{ {AGREEMENT} sg:city {GRAZ} }}", "Agreement-city"),
    (
        "partner equals city",
        f"DELETE WHERE {{ {AGREEMENT} sg:partner ?p }}; "
        f"INSERT DATA {{ {AGREEMENT} sg:partner <https://w3id.org/sister-graph/id/city/banja-luka> }}",
        "Agreement-partner",
    ),
    (
        "type from another scheme",
        f"DELETE WHERE {{ {AGREEMENT} sg:agreementType ?t }}; "
        f"INSERT DATA {{ {AGREEMENT} sg:agreementType <https://w3id.org/sister-graph/id/concept/field/sports> }}",
        "Agreement-type",
    ),
    (
        "signed before 1900",
        f"DELETE WHERE {{ {AGREEMENT} sg:signingDate ?d }}; "
        f'INSERT DATA {{ {AGREEMENT} sg:signingDate "1899-12-31"^^xsd:date }}',
        "Agreement-date",
    ),
    (
        "date not xsd:date",
        f"DELETE WHERE {{ {AGREEMENT} sg:signingDate ?d }}; "
        f'INSERT DATA {{ {AGREEMENT} sg:signingDate "21 June 2006" }}',
        "Agreement-date",
    ),
    ("no signing event", f"DELETE WHERE {{ {AGREEMENT} sg:signing ?s }}", "Agreement-signing"),
    (
        "signed in the future",
        f"DELETE WHERE {{ {AGREEMENT} sg:signingDate ?d . {SIGNING} schema:startDate ?e }}; "
        f'INSERT DATA {{ {AGREEMENT} sg:signingDate "2999-01-01"^^xsd:date . '
        f'{SIGNING} schema:startDate "2999-01-01"^^xsd:date }}',
        "Agreement-notFuture",
    ),
    (
        "agreement and signing dates differ",
        f"DELETE WHERE {{ {SIGNING} schema:startDate ?e }}; "
        f'INSERT DATA {{ {SIGNING} schema:startDate "2006-06-22"^^xsd:date }}',
        "Agreement-sameDate",
    ),
    ("signing without date", f"DELETE WHERE {{ {SIGNING} schema:startDate ?e }}", "Signing-date"),
    (
        "signing produced nothing",
        f"DELETE WHERE {{ {SIGNING} prov:generated ?a }}",
        "Signing-generated",
    ),
    (
        "two occasions",
        "INSERT DATA { <https://w3id.org/sister-graph/id/signing/banja-luka-2014-04-22> sg:occasion <https://w3id.org/sister-graph/id/concept/field/sports> }",
        "Signing-occasion",
    ),
    (
        "network without acronym",
        "DELETE WHERE { <https://w3id.org/sister-graph/id/organization/nalas> schema:alternateName ?a }",
        "Organization-acronym",
    ),
    (
        "homepage not http",
        "INSERT DATA { <https://w3id.org/sister-graph/id/organization/philia> foaf:homepage <ftp://philia.example/> }",
        "Organization-homepage",
    ),
    (
        "membership without member",
        "DELETE WHERE { <https://w3id.org/sister-graph/id/membership/banja-luka-nalas> org:member ?m }",
        "Membership-member",
    ),
    (
        "membership of a city",
        "DELETE WHERE { <https://w3id.org/sister-graph/id/membership/banja-luka-nalas> org:organization ?o }; "
        f"INSERT DATA {{ <https://w3id.org/sister-graph/id/membership/banja-luka-nalas> org:organization {GRAZ} }}",
        "Membership-organization",
    ),
    (
        "concept label missing",
        'DELETE DATA { <https://w3id.org/sister-graph/id/concept/field/sports> skos:prefLabel "sports cooperation"@en }',
        "Concept-prefLabel",
    ),
    (
        "concept in two schemes",
        "INSERT DATA { <https://w3id.org/sister-graph/id/concept/field/sports> skos:inScheme <https://w3id.org/sister-graph/id/concept/priority> }",
        "Concept-inScheme",
    ),
    (
        "field of cooperation from the priority scheme",
        "INSERT DATA { <https://w3id.org/sister-graph/id/city/banja-luka> sg:cooperationField "
        "<https://w3id.org/sister-graph/id/concept/priority/signed-friendship-agreement> }",
        "comes from the field scheme",
    ),
    (
        "priority from the field scheme",
        "INSERT DATA { <https://w3id.org/sister-graph/id/city/banja-luka> sg:cooperationPriority <https://w3id.org/sister-graph/id/concept/field/sports> }",
        "comes from the priority scheme",
    ),
    (
        "stated date that is no date, year, year-month or day-month",
        "DELETE { ?d sg:statedDate ?any } INSERT { ?d sg:statedDate 'around 2003' } WHERE { "
        f"<{ID}agreement/banja-luka-kaiserslautern-2003> prov:qualifiedDerivation ?d . "
        "?d sg:statedDate ?any FILTER(datatype(?any) = xsd:gYear) }",
        "Derivation-statedDate",
    ),
    (
        "two stated dates on one citation",
        "INSERT { ?d sg:statedDate '2004'^^xsd:gYear } WHERE { "
        f"<{ID}agreement/banja-luka-kaiserslautern-2003> prov:qualifiedDerivation ?d "
        "FILTER EXISTS { ?d sg:statedDate ?any FILTER(datatype(?any) = xsd:gYear) } }",
        "Derivation-statedDate",
    ),
    (
        "source page without title",
        "DELETE WHERE { ?page a foaf:Document ; dct:title ?t }",
        "needs a title",
    ),
]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_all_shapes(REPO / "shapes", base=BASE)


def test_real_data_conforms(built):
    _, result = built
    assert result.validation.conforms, result.validation.problems


@pytest.mark.parametrize(("what", "update", "marker"), BREAKS, ids=[b[0] for b in BREAKS])
def test_shape_catches_its_violation(built, shapes, what, update, marker):
    _, result = built
    graph = Graph()
    for triple in result.graph:
        graph.add(triple)
    graph.update(PREFIXES + update)
    assert len(graph) != len(result.graph) or set(graph) != set(result.graph), (
        "fixture changed nothing"
    )
    validation = validate_graph(graph, shapes, where={})
    assert not validation.conforms
    # a shape name (no spaces) must be the reporting shape itself; other markers are messages
    expected = f"shapes#{marker}>" if " " not in marker else marker
    assert any(expected in problem for problem in validation.problems), validation.problems


def test_violation_names_the_source_row(built, shapes):
    from sister_graph.build.sources import read_sources
    from sister_graph.build.validate import origins

    _, result = built
    graph = Graph()
    for triple in result.graph:
        graph.add(triple)
    graph.update(PREFIXES + next(b[1] for b in BREAKS if b[2] == "City-lat"))
    where = origins(read_sources(REPO / "data"), base=BASE)
    problems = validate_graph(graph, shapes, where=where).problems
    assert any(
        p.startswith("data/banja-luka/cities.csv:11:") and "City-lat" in p for p in problems
    ), problems


def test_every_shape_has_a_failing_fixture(shapes):
    named = {
        str(s).split("#", 1)[1]
        for s in shapes.subjects()
        if isinstance(s, URIRef) and "#" in str(s) and str(s).startswith(BASE + "shapes#")
    }
    composite = {
        str(s).split("#", 1)[1]
        for s in shapes.subjects(SH.property, None)
        if not (set(shapes.predicates(s)) & {SH["or"], SH["class"]})
    }
    helpers = {n for n in named if n.startswith("In")} | {"", "City-confirmed", "City-note"}
    markers = {b[2] for b in BREAKS}
    # these three hold blank-node property shapes; their fixtures match on the shapes' messages
    by_message = {"Twinning", "Publisher", "Page", "PartnerList"}
    uncovered = named - composite - helpers - markers - by_message
    assert not uncovered, f"shapes without a failing fixture: {sorted(uncovered)}"
