"""Describe the published dumps as a DCAT-AP 3 catalog with VoID statistics (pure function)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef

from .formats import RDF_FORMATS, dump_name
from .vocab import (
    DCAT,
    DCTERMS,
    FOAF,
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

EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {"turtle": "RDF_TURTLE", "jsonld": "JSON_LD", "ntriples": "RDF_N_TRIPLES",
              "rdfxml": "RDF_XML"}  # fmt: skip
IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class FileInfo:
    """A published file: its name, size in bytes and SHA-256 digest."""

    name: str
    size: int
    sha256: str


def dataset_iri(base: str) -> URIRef:
    """Return the IRI of the dataset the dumps distribute."""
    return id_namespace(base)["dataset/sister-graph"]


def _label(graph: Graph, iri: URIRef, lang: str) -> str:
    labels = {label.language: str(label) for label in graph.objects(iri, RDFS.label)}
    return labels.get(lang) or next(iter(labels.values()), str(iri))


def _coded(g: Graph, iri: URIRef, kind: URIRef, scheme: str, label: str) -> URIRef:
    """Add a code-list value with the typing and scheme facts the DCAT-AP shapes check."""
    g.add((iri, RDF.type, kind))
    g.add((iri, RDF.type, SKOS.Concept))
    g.add((iri, SKOS.inScheme, URIRef(EU + scheme)))
    g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
    g.add((URIRef(EU + scheme), RDF.type, SKOS.ConceptScheme))
    g.add((URIRef(EU + scheme), DCTERMS.title, Literal(scheme, lang="en")))
    return iri


def describe_catalog(
    graph: Graph, *, base: str, files: dict[str, FileInfo], license_iri: str, issued: str = ""
) -> Graph:
    """Return the DCAT-AP catalog and VoID description of the graph and its dump files."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("void", VOID),
                       ("spdx", SPDX), ("vcard", VCARD), ("skos", SKOS), ("xsd", XSD),
                       ("sd", SD), ("rdfs", RDFS)):  # fmt: skip
        g.bind(prefix, ns)
    sg = sg_namespace(base)
    catalog, dataset = URIRef(base + "catalog"), dataset_iri(base)
    service, endpoint = id_namespace(base)["service/sparql"], URIRef(base + "sparql")
    publishers = sorted(set(graph.subjects(sg.cooperationField, None)))
    en = [_label(graph, p, "en") for p in publishers]
    sr = [_label(graph, p, "sr-Latn") for p in publishers]
    lic = URIRef(license_iri)
    g.add((lic, RDF.type, DCTERMS.LicenseDocument))

    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("sister-graph: international cooperation of cities", lang="en")))
    g.add((catalog, DCTERMS.title, Literal("sister-graph: međunarodna saradnja gradova", lang="sr-Latn")))
    g.add((catalog, DCTERMS.description, Literal(
        "Linked open data on the international cooperation of " + ", ".join(en)
        + ": agreements with partner cities, memberships in city networks, fields and "
        "priorities of cooperation, each fact citing the line of the city's page it comes from.",
        lang="en")))  # fmt: skip
    g.add((catalog, DCTERMS.description, Literal(
        "Povezani otvoreni podaci o međunarodnoj saradnji: " + ", ".join(sr)
        + ". Sporazumi sa gradovima partnerima, članstva u mrežama gradova, oblasti i "
        "prioriteti saradnje, uz red stranice grada iz kojeg potiče svaka činjenica.",
        lang="sr-Latn")))  # fmt: skip
    g.add((catalog, DCTERMS.license, lic))
    g.add((catalog, DCAT.dataset, dataset))
    g.add((catalog, DCAT.service, service))
    g.add((catalog, FOAF.homepage, URIRef(base)))

    for publisher in publishers:
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, RDF.type, FOAF.Organization))
        for label in graph.objects(publisher, RDFS.label):
            g.add((publisher, FOAF.name, label))
        g.add((publisher, DCTERMS.type, URIRef("http://purl.org/adms/publishertype/LocalAuthority")))
        g.add((catalog, DCTERMS.publisher, publisher))
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCTERMS.spatial, publisher))
        g.add((publisher, RDF.type, DCTERMS.Location))
        for page in graph.subjects(DCTERMS.publisher, publisher):
            g.add((dataset, DCTERMS.source, page))
            contact = BNode(f"contact-{publisher.split('/')[-1]}")
            g.add((dataset, DCAT.contactPoint, contact))
            g.add((contact, RDF.type, VCARD.Organization))
            g.add((contact, VCARD.fn, graph.value(publisher, RDFS.label)))
            g.add((contact, VCARD.hasURL, page))
    if issued:
        for subject in (catalog, dataset):
            g.add((subject, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
            g.add((subject, DCTERMS.modified, Literal(issued, datatype=XSD.date)))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    for title, lang in (("International cooperation of " + ", ".join(en), "en"),
                        ("Međunarodna saradnja: " + ", ".join(sr), "sr-Latn")):  # fmt: skip
        g.add((dataset, DCTERMS.title, Literal(title, lang=lang)))
    for text, lang in ((
        "Agreements (type, partner city, signing date, occasion), memberships in city networks, "
        "and the fields and priorities of international cooperation, as the city's page states "
        "them, with Wikidata and GeoNames links and coordinates of the partner cities.", "en"), (
        "Sporazumi (vrsta, grad partner, datum potpisivanja, povod), članstva u mrežama gradova, "
        "te oblasti i prioriteti međunarodne saradnje kako ih navodi stranica grada.", "sr-Latn")):  # fmt: skip
        g.add((dataset, DCTERMS.description, Literal(text, lang=lang)))
    for keyword in ("twinning", "sister cities", "international cooperation", "city networks",
                    "bratimljenje", "gradovi partneri", "međunarodna saradnja"):  # fmt: skip
        g.add((dataset, DCAT.keyword, Literal(keyword, lang="en" if keyword.isascii() else "sr-Latn")))
    g.add((dataset, DCAT.theme, _coded(g, URIRef(EU + "data-theme/GOVE"), SKOS.Concept,
                                       "data-theme", "Government and public sector")))  # fmt: skip
    for code, label in (("SRP", "Serbian"), ("ENG", "English")):
        language = _coded(g, URIRef(EU + "language/" + code), DCTERMS.LinguisticSystem, "language", label)
        g.add((dataset, DCTERMS.language, language))
    g.add((dataset, DCTERMS.accrualPeriodicity, _coded(
        g, URIRef(EU + "frequency/IRREG"), DCTERMS.Frequency, "frequency", "irregular")))  # fmt: skip
    dates = sorted(str(d) for d in graph.objects(None, sg.signingDate))
    if dates:
        period = BNode("temporal")
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(dates[0], datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(dates[-1], datatype=XSD.date)))
    g.add((dataset, FOAF.page, URIRef(base)))
    _describe_void(g, graph, dataset, base, endpoint)

    for fmt in RDF_FORMATS:
        info = files.get(dump_name(fmt))
        if info is None:
            continue
        dist = id_namespace(base)[f"distribution/sister-graph-{fmt.extension}"]
        url = URIRef(f"{base}download/{info.name}")
        g.add((dataset, DCAT.distribution, dist))
        g.add((dataset, VOID.dataDump, url))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{info.name} ({fmt.media_type})", lang="en")))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        media = URIRef(IANA + fmt.media_type)
        g.add((media, RDF.type, DCTERMS.MediaType))
        g.add((dist, DCAT.mediaType, media))
        g.add((dist, DCTERMS.format, _coded(g, URIRef(EU + "file-type/" + FILE_TYPES[fmt.name]),
                                             DCTERMS.MediaTypeOrExtent, "file-type", fmt.name)))  # fmt: skip
        g.add((dist, DCAT.byteSize, Literal(info.size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, lic))
        checksum = BNode(f"checksum-{fmt.extension}")
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary)))

    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("SPARQL 1.1 endpoint of sister-graph", lang="en")))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.endpointDescription, endpoint))
    g.add((service, DCAT.servesDataset, dataset))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCTERMS.license, lic))
    return g


def _describe_void(g: Graph, graph: Graph, dataset: URIRef, base: str, endpoint: URIRef) -> None:
    classes = Counter(o for _, o in graph.subject_objects(RDF.type))
    predicates = {p for _, p, _ in graph}
    entities = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(base + "id/")}
    stats = ((VOID.triples, len(graph)), (VOID.entities, len(entities)),
             (VOID.classes, len(classes)), (VOID.properties, len(predicates)),
             (VOID.distinctSubjects, len(set(graph.subjects()))),
             (VOID.distinctObjects, len(set(graph.objects()))))  # fmt: skip
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
