"""Describe the published dumps as a DCAT-AP 3 catalog with VoID statistics (pure function).

Spec: https://semiceu.github.io/DCAT-AP/releases/3.0.1/ and https://www.w3.org/TR/void/.
The result conforms to the official DCAT-AP 3.0.1 SHACL shapes (vendor/dcat-ap/, checked by
tests/test_catalog.py). Choices the shapes force, so that validation works offline:
- every code-list value (EU data-theme, language, frequency, file-type, planned availability,
  ADMS publisher type) is stated with its type, label and `skos:inScheme`;
- the checksum algorithm is `<https://spdx.org/rdf/terms#checksumAlgorithm_sha256>` (the
  shapes' pattern wants that prefix), `owl:sameAs` the SPDX 2 term `spdx:checksumAlgorithm_sha256`;
- the city page the data comes from is `prov:wasDerivedFrom` (DCAT-AP reserves `dct:source`
  for source datasets); web pages are typed `foaf:Document`, standards `dct:Standard`.
"""

from __future__ import annotations

from collections import Counter

from rdflib import BNode, Graph, Literal, URIRef

from sister_graph.build.catalog_distributions import (
    EU,
    FileInfo,
    add_all,
    add_coded,
    describe_distributions,
)
from sister_graph.rdf.namespaces import (
    DCAT,
    DCTERMS,
    FOAF,
    GEO,
    GSP,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SD,
    SKOS,
    SPDX,
    VCARD,
    VOID,
    XSD,
    id_namespace,
    sg_namespace,
)

ADMS_TYPES = "http://purl.org/adms/publishertype/"
FREQUENCIES = EU + "frequency"
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
KEYWORDS = (
    ("twinning", "en"),
    ("sister cities", "en"),
    ("international cooperation", "en"),
    ("city networks", "en"),
    ("bratimljenje", "sr-Latn"),
    ("gradovi partneri", "sr-Latn"),
    ("međunarodna saradnja", "sr-Latn"),
    ("градови партнери", "sr-Cyrl"),
)


def dataset_iri(base: str) -> URIRef:
    """Return the IRI of the dataset the dumps distribute."""
    return id_namespace(base)["dataset/sister-graph"]


def _label(graph: Graph, iri: URIRef, lang: str) -> str:
    labels = {label.language: str(label) for label in graph.objects(iri, RDFS.label)}
    return labels.get(lang) or next(iter(labels.values()), str(iri))


def _document(g: Graph, iri: URIRef) -> URIRef:
    g.add((iri, RDF.type, FOAF.Document))
    return iri


def describe_catalog(
    graph: Graph, *, base: str, files: dict[str, FileInfo], license_iri: str, issued: str = ""
) -> Graph:
    """Return the DCAT-AP catalog and VoID description of the graph and its dump files."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("void", VOID),
        ("spdx", SPDX),
        ("vcard", VCARD),
        ("skos", SKOS),
        ("xsd", XSD),
        ("sd", SD),
        ("rdfs", RDFS),
        ("owl", OWL),
        ("prov", PROV),
        ("gsp", GSP),
        ("dcatap", "http://data.europa.eu/r5r/"),
    ):
        g.bind(prefix, ns)
    sg = sg_namespace(base)
    catalog, dataset = URIRef(base + "catalog"), dataset_iri(base)
    service, endpoint = id_namespace(base)["service/sparql"], URIRef(base + "sparql")
    publishers = sorted(set(graph.subjects(sg.cooperationField, None)))
    en = ", ".join(_label(graph, p, "en") for p in publishers)
    sr = ", ".join(_label(graph, p, "sr-Latn") for p in publishers)
    lic = URIRef(license_iri)
    g.add((lic, RDF.type, DCTERMS.LicenseDocument))
    themes = add_coded(
        g, EU + "data-theme/GOVE", (), EU + "data-theme", "Government and public sector"
    )
    add_coded(g, EU + "data-theme/REGI", (), EU + "data-theme", "Regions and cities")

    add_all(
        g,
        catalog,
        (RDF.type, DCAT.Catalog),
        (DCTERMS.license, lic),
        (DCTERMS.title, Literal("sister-graph: international cooperation of cities", lang="en")),
        (DCTERMS.title, Literal("sister-graph: međunarodna saradnja gradova", lang="sr-Latn")),
        (
            DCTERMS.description,
            Literal(
                f"Linked open data on the international cooperation of {en}: agreements with "
                "partner cities, memberships in city networks, fields and priorities of "
                "cooperation, each fact citing the line of the city's page it comes from.",
                lang="en",
            ),
        ),
        (
            DCTERMS.description,
            Literal(
                f"Povezani otvoreni podaci o međunarodnoj saradnji: {sr}. Sporazumi sa gradovima "
                "partnerima, članstva u mrežama gradova, oblasti i prioriteti saradnje, uz red "
                "stranice grada iz kojeg potiče svaka činjenica.",
                lang="sr-Latn",
            ),
        ),
        (DCAT.dataset, dataset),
        (DCAT.service, service),
        (FOAF.homepage, _document(g, URIRef(base))),
        (DCAT.themeTaxonomy, URIRef(EU + "data-theme")),
    )

    add_all(
        g,
        dataset,
        (RDF.type, DCAT.Dataset),
        (RDF.type, VOID.Dataset),
        (DCTERMS.title, Literal(f"International cooperation of {en}", lang="en")),
        (DCTERMS.title, Literal(f"Međunarodna saradnja: {sr}", lang="sr-Latn")),
        (
            DCTERMS.description,
            Literal(
                "Agreements (type, partner city, signing date, occasion), memberships in city "
                "networks, and the fields and priorities of international cooperation, as the "
                "city's page states them, with Wikidata and GeoNames links and coordinates of the "
                "partner cities.",
                lang="en",
            ),
        ),
        (
            DCTERMS.description,
            Literal(
                "Sporazumi (vrsta, grad partner, datum potpisivanja, povod), članstva u mrežama "
                "gradova, te oblasti i prioriteti međunarodne saradnje kako ih navodi stranica "
                "grada, sa vezama na Wikidata i GeoNames i koordinatama gradova partnera.",
                lang="sr-Latn",
            ),
        ),
        (DCAT.theme, themes),
        (DCAT.theme, URIRef(EU + "data-theme/REGI")),
        (
            DCTERMS.accrualPeriodicity,
            add_coded(
                g, EU + "frequency/IRREG", (DCTERMS.Frequency,), EU + "frequency", "irregular"
            ),
        ),
        (DCAT.landingPage, _document(g, URIRef(base))),
        (FOAF.page, URIRef(base)),
        (DCTERMS.license, lic),
    )
    for word, lang in KEYWORDS:
        g.add((dataset, DCAT.keyword, Literal(word, lang=lang)))
    for code, name in (("SRP", "Serbian"), ("ENG", "English")):
        language = add_coded(
            g, EU + "language/" + code, (DCTERMS.LinguisticSystem,), EU + "language", name
        )
        g.add((dataset, DCTERMS.language, language))
        g.add((catalog, DCTERMS.language, language))
    if issued:
        for subject in (catalog, dataset):
            g.add((subject, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
            g.add((subject, DCTERMS.modified, Literal(issued, datatype=XSD.date)))
    for publisher in publishers:
        _describe_publisher(g, graph, publisher, (catalog, dataset, service))
    dates = sorted(str(d) for d in graph.objects(None, sg.signingDate))
    if dates:
        period = BNode("temporal")
        add_all(g, dataset, (DCTERMS.temporal, period))
        add_all(
            g,
            period,
            (RDF.type, DCTERMS.PeriodOfTime),
            (DCAT.startDate, Literal(dates[0], datatype=XSD.date)),
            (DCAT.endDate, Literal(dates[-1], datatype=XSD.date)),
        )
    _describe_void(g, graph, dataset, base, endpoint)
    describe_distributions(g, dataset, base=base, files=files, lic=lic)
    add_all(
        g,
        service,
        (RDF.type, DCAT.DataService),
        (DCAT.endpointURL, endpoint),
        (DCTERMS.title, Literal("SPARQL 1.1 endpoint of sister-graph", lang="en")),
        (DCTERMS.title, Literal("SPARQL 1.1 servis za upite", lang="sr-Latn")),
        (DCAT.endpointDescription, endpoint),
        (DCAT.servesDataset, dataset),
        (DCTERMS.conformsTo, SPARQL_PROTOCOL),
        (DCTERMS.license, lic),
        (DCAT.theme, themes),
        (DCAT.keyword, Literal("SPARQL", lang="en")),
    )
    add_all(
        g,
        SPARQL_PROTOCOL,
        (RDF.type, DCTERMS.Standard),
        (DCTERMS.title, Literal("SPARQL 1.1 Protocol", lang="en")),
    )
    return g


def _describe_publisher(g: Graph, graph: Graph, publisher: URIRef, described: tuple) -> None:
    """State the publishing city as agent, location and contact point of what the catalog lists."""
    catalog, dataset, service = described
    kind = add_coded(g, ADMS_TYPES + "LocalAuthority", (), ADMS_TYPES + "1.0", "Local Authority")
    add_all(
        g, publisher, (RDF.type, FOAF.Agent), (RDF.type, FOAF.Organization), (DCTERMS.type, kind)
    )
    for name in graph.objects(publisher, RDFS.label):
        g.add((publisher, FOAF.name, name))
    for subject in described:
        g.add((subject, DCTERMS.publisher, publisher))
    for place in sorted(graph.objects(publisher, OWL.sameAs)):
        if str(place).startswith("https://sws.geonames.org/"):
            add_all(g, dataset, (DCTERMS.spatial, place))
            add_all(g, place, (RDF.type, DCTERMS.Location))
            lat, long = graph.value(publisher, GEO.lat), graph.value(publisher, GEO.long)
            if lat is not None and long is not None:
                point = Literal(f"POINT({long} {lat})", datatype=GSP.wktLiteral)
                g.add((place, DCAT.centroid, point))
    for page in sorted(graph.subjects(DCTERMS.publisher, publisher)):
        add_all(g, dataset, (PROV.wasDerivedFrom, _document(g, page)))
        contact = BNode(f"contact-{publisher.split('/')[-1]}")
        for subject in (dataset, service):
            g.add((subject, DCAT.contactPoint, contact))
        add_all(
            g,
            contact,
            (RDF.type, VCARD.Organization),
            (RDF.type, VCARD.Kind),
            (VCARD.fn, Literal(_label(graph, publisher, "sr-Latn"), lang="sr-Latn")),
            (VCARD.hasURL, page),
        )


def _describe_void(g: Graph, graph: Graph, dataset: URIRef, base: str, endpoint: URIRef) -> None:
    classes = Counter(o for _, o in graph.subject_objects(RDF.type))
    predicates = {p for _, p, _ in graph}
    entities = {
        s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(base + "id/")
    }
    stats = (
        (VOID.triples, len(graph)),
        (VOID.entities, len(entities)),
        (VOID.classes, len(classes)),
        (VOID.properties, len(predicates)),
        (VOID.distinctSubjects, len(set(graph.subjects()))),
        (VOID.distinctObjects, len(set(graph.objects()))),
    )
    for predicate, value in stats:
        g.add((dataset, predicate, Literal(value, datatype=XSD.integer)))
    g.add((dataset, VOID.sparqlEndpoint, endpoint))
    g.add((dataset, VOID.uriSpace, Literal(base + "id/")))
    for vocabulary in (SCHEMA, SKOS, DCTERMS, sg_namespace(base)):
        g.add((dataset, VOID.vocabulary, URIRef(str(vocabulary))))
    for cls, count in sorted(classes.items()):
        partition = BNode("class-" + "".join(ch if ch.isalnum() else "-" for ch in str(cls)))
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
