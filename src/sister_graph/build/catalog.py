"""Describe the published data as a DCAT-AP 3 catalog with VoID statistics (pure function).

Spec: https://semiceu.github.io/DCAT-AP/releases/3.0.1/ and https://www.w3.org/TR/void/.
The catalog lists one dcat:Dataset per publishing city (its publisher, source pages, spatial
and temporal coverage, its own Turtle dump) and the union dataset of all of them (published
by the deployer, with every dump). It conforms to the official DCAT-AP 3.0.1 shapes
(vendor/dcat-ap/; `catalog_check` runs them on every build):
- every controlled value is an IRI of the official EU code lists, copied with its label and
  scheme from vendor/eu-vocabularies/ (`catalog_vocabularies`), never made up;
- a dataset has one publisher (DCAT-AP: dct:publisher 0..1), whatever the number of cities;
- the checksum algorithm is `<https://spdx.org/rdf/terms#checksumAlgorithm_sha256>` (the
  shapes' pattern wants that prefix), `owl:sameAs` the SPDX 2 term;
- the city pages the data comes from are `prov:wasDerivedFrom` (DCAT-AP reserves `dct:source`
  for source datasets); web pages are typed `foaf:Document`, standards `dct:Standard`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from sister_graph.build.catalog_datasets import (
    Publisher,
    add_all,
    describe_dataset,
    describe_void,
    find_publishers,
    label,
    publisher_dump_name,
    spatial,
)
from sister_graph.build.catalog_distributions import FileInfo, describe_distributions
from sister_graph.build.catalog_vocabularies import ADMS_VOCABULARY, EU, CodeLists
from sister_graph.rdf.formats import DUMP_FORMATS, dump_name
from sister_graph.rdf.namespaces import (
    DCAT,
    DCTERMS,
    FOAF,
    GSP,
    OWL,
    PROV,
    RDF,
    RDFS,
    SD,
    SKOS,
    SPDX,
    VCARD,
    VOID,
    XSD,
    id_namespace,
)

SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
PREFIXES = (
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
)

__all__ = ["Deployer", "FileInfo", "dataset_iri", "describe_catalog"]


@dataclass(frozen=True)
class Deployer:
    """Who runs the deployment: publisher of the catalog, the union dataset and the endpoint.

    `license` is an IRI of the EU licence table, `license_type` an ADMS licence type and
    `type` an ADMS publisher type (empty: not stated); `email` the contact point's address.
    """

    name: str = "sister-graph"
    email: str = ""
    type: str = ""
    license: str = EU + "licence/CC_BY_4_0"
    license_title: str = "Creative Commons Attribution"
    license_type: str = ADMS_VOCABULARY + "licencetype/Attribution"


def dataset_iri(base: str) -> URIRef:
    """Return the IRI of the union dataset the dumps distribute."""
    return id_namespace(base)["dataset/sister-graph"]


def describe_catalog(
    graph: Graph,
    *,
    base: str,
    files: dict[str, FileInfo],
    vocabularies: Graph,
    deployer: Deployer = Deployer(),
    issued: str = "",
    triples: list[tuple] | None = None,
) -> Graph:
    """Return the DCAT-AP catalog and VoID description of the graph and its dump files.

    `files` maps published file names to their size and SHA-256; `vocabularies` is the graph
    of vendored EU code lists (`read_code_lists`); `triples` is list(graph) when the caller
    has it. Raises SourceError when a configured controlled value (licence, licence type,
    publisher type) is in no vendored code list.
    """
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES:
        g.bind(prefix, ns)
    codes = CodeLists(vocabularies)
    ids = id_namespace(base)
    catalog, union, service = URIRef(base + "catalog"), dataset_iri(base), ids["service/sparql"]
    endpoint = URIRef(base + "sparql")
    publishers = find_publishers(graph)
    lic = _licence(g, codes, deployer)
    agent = _deployer(g, codes, URIRef(base + "catalog#publisher"), deployer, base)
    homepage = URIRef(base)
    g.add((homepage, RDF.type, FOAF.Document))
    en = ", ".join(label(graph, p.city, "en") for p in publishers)
    sr = ", ".join(label(graph, p.city, "sr-Latn") for p in publishers)
    add_all(
        g,
        catalog,
        (RDF.type, DCAT.Catalog),
        (DCTERMS.license, lic),
        (DCTERMS.publisher, agent),
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
        (DCAT.dataset, union),
        (DCAT.service, service),
        (FOAF.homepage, homepage),
        (DCAT.themeTaxonomy, codes.scheme(g, URIRef(EU + "data-theme"))),
        (DCTERMS.language, codes.term(g, EU + "language/ENG", DCTERMS.LinguisticSystem)),
    )
    if issued:
        for predicate in (DCTERMS.issued, DCTERMS.modified):
            g.add((catalog, predicate, Literal(issued, datatype=XSD.date)))
    contact = _contact(g, URIRef(base + "catalog#contact"), deployer.name, homepage, deployer.email)
    dumps = [dump_name(fmt) for fmt in DUMP_FORMATS]
    context = dict(graph=graph, base=base, codes=codes, lic=lic, issued=issued)
    describe_dataset(
        g, union, publishers=publishers, agent=agent, contact=contact, union=True, **context
    )
    describe_void(g, graph, union, base=base, endpoint=endpoint, triples=triples)
    describe_distributions(
        g, union, base=base, files=files, names=dumps, codes=codes, lic=lic, slug="sister-graph"
    )
    for publisher in publishers:
        dataset = ids[f"dataset/{publisher.slug}"]
        spatial(g, graph, catalog, publisher.city)
        g.add((catalog, DCAT.dataset, dataset))
        g.add((union, VOID.subset, dataset))
        city_contact = _contact(
            g,
            URIRef(f"{base}catalog#contact-{publisher.slug}"),
            label(graph, publisher.city, "sr-Latn"),
            publisher.pages[0],
            "",
            lang="sr-Latn",
        )
        describe_dataset(
            g,
            dataset,
            publishers=[publisher],
            agent=_city_agent(g, graph, codes, publisher),
            contact=city_contact,
            **context,
        )
        describe_distributions(
            g,
            dataset,
            base=base,
            files=files,
            names=[publisher_dump_name(publisher.slug)],
            codes=codes,
            lic=lic,
            slug=publisher.slug,
        )
        for page in publisher.pages:
            g.add((page, RDF.type, FOAF.Document))
            g.add((dataset, PROV.wasDerivedFrom, page))
            g.add((union, PROV.wasDerivedFrom, page))
    add_all(
        g,
        service,
        (RDF.type, DCAT.DataService),
        (DCAT.endpointURL, endpoint),
        (DCTERMS.title, Literal("SPARQL 1.1 endpoint of sister-graph", lang="en")),
        (DCTERMS.title, Literal("SPARQL 1.1 servis za upite", lang="sr-Latn")),
        (DCAT.endpointDescription, endpoint),
        (DCAT.servesDataset, union),
        (DCTERMS.conformsTo, SPARQL_PROTOCOL),
        (DCTERMS.license, lic),
        (DCTERMS.publisher, agent),
        (DCAT.contactPoint, contact),
        (DCTERMS.accessRights, codes.term(g, EU + "access-right/PUBLIC", DCTERMS.RightsStatement)),
        (DCAT.theme, codes.term(g, EU + "data-theme/GOVE")),
        (DCAT.keyword, Literal("SPARQL", lang="en")),
    )
    add_all(
        g,
        SPARQL_PROTOCOL,
        (RDF.type, DCTERMS.Standard),
        (DCTERMS.title, Literal("SPARQL 1.1 Protocol", lang="en")),
    )
    return g


def _licence(g: Graph, codes: CodeLists, deployer: Deployer) -> URIRef:
    """The licence: an EU licence-table IRI with its ADMS type and a title CKAN knows."""
    lic = codes.term(g, deployer.license, DCTERMS.LicenseDocument)
    add_all(
        g,
        lic,
        (DCTERMS.type, codes.term(g, deployer.license_type)),
        (DCTERMS.title, Literal(deployer.license_title, lang="en")),
    )
    return lic


def _deployer(g: Graph, codes: CodeLists, agent: URIRef, deployer: Deployer, base: str):
    add_all(
        g,
        agent,
        (RDF.type, FOAF.Agent),
        (RDF.type, FOAF.Organization),
        (FOAF.name, Literal(deployer.name)),
        (FOAF.homepage, URIRef(base)),
    )
    if deployer.type:
        g.add((agent, DCTERMS.type, codes.term(g, deployer.type)))
    return agent


def _city_agent(g: Graph, graph: Graph, codes: CodeLists, publisher: Publisher) -> URIRef:
    """The publishing city as a DCAT agent: a local authority, named as the data names it."""
    city = publisher.city
    kind = codes.term(g, ADMS_VOCABULARY + "publishertype/LocalAuthority")
    add_all(g, city, (RDF.type, FOAF.Agent), (RDF.type, FOAF.Organization), (DCTERMS.type, kind))
    for name in graph.objects(city, RDFS.label):
        g.add((city, FOAF.name, name))
    return city


def _contact(g: Graph, node: URIRef, name: str, url: URIRef, email: str, lang: str = ""):
    add_all(
        g,
        node,
        (RDF.type, VCARD.Organization),
        (RDF.type, VCARD.Kind),
        (VCARD.fn, Literal(name, lang=lang or None)),
        (VCARD.hasURL, url),
    )
    if email:
        g.add((node, VCARD.hasEmail, URIRef("mailto:" + email)))
    return node
