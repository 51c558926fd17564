"""The datasets of the catalog: who publishes what, its coverage, and its VoID statistics.

Part of the catalog (see `catalog`); pure functions over the built graph. A publisher is a
city some source page names as its `dct:publisher`; its dataset is every resource that cites
one of its pages (`dct:source`), which is also what its own dump holds (`publisher_graph`).
Spec: https://semiceu.github.io/DCAT-AP/releases/3.0.1/#Dataset
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from sister_graph.build.catalog_vocabularies import EU, CodeLists
from sister_graph.rdf.formats import DUMP_STEM
from sister_graph.rdf.namespaces import (
    DCAT,
    DCTERMS,
    FOAF,
    GEO,
    GSP,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    VOID,
    WDT,
    XSD,
    sg_namespace,
)

GEONAMES = "https://sws.geonames.org/{}/"
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


@dataclass(frozen=True)
class Publisher:
    """A publishing city: its IRI, slug and the source pages it publishes."""

    city: URIRef
    slug: str
    pages: tuple[URIRef, ...]


def add_all(g: Graph, subject, *pairs) -> None:
    """Add (predicate, object) pairs to one subject."""
    for predicate, value in pairs:
        g.add((subject, predicate, value))


def label(graph: Graph, iri: URIRef, lang: str) -> str:
    """Return the rdfs:label of a node in a language (any label, else the IRI)."""
    labels = {str(x.language): str(x) for x in graph.objects(iri, RDFS.label)}
    return labels.get(lang) or next(iter(sorted(labels.values())), str(iri))


def find_publishers(graph: Graph) -> list[Publisher]:
    """List the publishing cities (dct:publisher of a source page), sorted by IRI."""
    pages: dict[URIRef, list[URIRef]] = {}
    for page in graph.subjects(RDF.type, FOAF.Document):
        for city in graph.objects(page, DCTERMS.publisher):
            pages.setdefault(city, []).append(page)
    return [
        Publisher(city, str(city).rstrip("/").rpartition("/")[2], tuple(sorted(found)))
        for city, found in sorted(pages.items())
    ]


def publisher_dump_name(slug: str) -> str:
    """Return the file name of one publisher's Turtle dump, e.g. 'sister-graph-banja-luka.ttl'."""
    return f"{DUMP_STEM}-{slug}.ttl"


def publisher_subjects(graph: Graph, publisher: Publisher) -> set[URIRef]:
    """Return the subjects of one publisher's dump: its pages and every resource citing them."""
    subjects = set(publisher.pages)
    for page in publisher.pages:
        subjects.update(graph.subjects(DCTERMS.source, page))
    return subjects


def publisher_triples(graph: Graph, publisher: Publisher) -> list[tuple]:
    """Return the triples of what one publisher's pages state (each once, in no set order)."""
    subjects = publisher_subjects(graph, publisher)
    return [triple for subject in subjects for triple in graph.triples((subject, None, None))]


def publisher_graph(graph: Graph, publisher: Publisher, *, base: str) -> Graph:
    """Return what one publisher's pages state: every resource citing them, and the pages."""
    part = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        part.bind(prefix, ns, override=True)
    for triple in publisher_triples(graph, publisher):
        part.add(triple)
    return part


def describe_dataset(
    g: Graph,
    dataset: URIRef,
    *,
    graph: Graph,
    base: str,
    publishers: list[Publisher],
    agent: URIRef,
    contact: URIRef,
    codes: CodeLists,
    lic: URIRef,
    issued: str,
    union: bool = False,
) -> None:
    """Describe one dataset: titles, publisher, themes, keywords, coverage, licence, contact."""
    en = ", ".join(label(graph, p.city, "en") for p in publishers)
    sr = ", ".join(label(graph, p.city, "sr-Latn") for p in publishers)
    title_en, title_sr = f"International cooperation of {en}", f"Međunarodna saradnja: {sr}"
    if union:
        title_en, title_sr = f"{title_en} (all publishers)", f"{title_sr} (svi izdavači)"
    add_all(
        g,
        dataset,
        (RDF.type, DCAT.Dataset),
        (RDF.type, VOID.Dataset),
        (DCTERMS.title, Literal(title_en, lang="en")),
        (DCTERMS.title, Literal(title_sr, lang="sr-Latn")),
        (
            DCTERMS.description,
            Literal(
                "Agreements (type, partner city, signing date, occasion), memberships in city "
                "networks, and the fields and priorities of international cooperation, as the "
                "cities' own pages state them, with Wikidata and GeoNames links and coordinates "
                "of the partner cities.",
                lang="en",
            ),
        ),
        (
            DCTERMS.description,
            Literal(
                "Sporazumi (vrsta, grad partner, datum potpisivanja, povod), članstva u mrežama "
                "gradova, te oblasti i prioriteti međunarodne saradnje kako ih navode stranice "
                "gradova, sa vezama na Wikidata i GeoNames i koordinatama gradova partnera.",
                lang="sr-Latn",
            ),
        ),
        (DCTERMS.publisher, agent),
        (DCAT.contactPoint, contact),
        (DCAT.theme, codes.term(g, EU + "data-theme/GOVE")),
        (DCAT.theme, codes.term(g, EU + "data-theme/REGI")),
        (DCTERMS.accrualPeriodicity, codes.term(g, EU + "frequency/IRREG", DCTERMS.Frequency)),
        (DCTERMS.accessRights, codes.term(g, EU + "access-right/PUBLIC", DCTERMS.RightsStatement)),
        (DCTERMS.language, codes.term(g, EU + "language/ENG", DCTERMS.LinguisticSystem)),
        (DCAT.landingPage, URIRef(base)),
        (DCTERMS.license, lic),
    )
    for word, lang in KEYWORDS:
        g.add((dataset, DCAT.keyword, Literal(word, lang=lang)))
    if issued:
        for predicate in (DCTERMS.issued, DCTERMS.modified):
            g.add((dataset, predicate, Literal(issued, datatype=XSD.date)))
    for publisher in publishers:
        spatial(g, graph, dataset, publisher.city)
    _temporal(g, graph, dataset, base, [p.city for p in publishers])


def spatial(g: Graph, graph: Graph, subject: URIRef, city: URIRef) -> None:
    """The publisher city's GeoNames place, with the point GeoNames gives as centroid and box.

    GeoNames records a city as a point (the coordinates the data cites); the bounding box of
    that point geometry is the point itself.
    """
    geonames = graph.value(city, WDT.P1566)
    lat, long = graph.value(city, GEO.lat), graph.value(city, GEO.long)
    if geonames is None or lat is None or long is None:
        return
    place = URIRef(GEONAMES.format(geonames))
    point = Literal(f"POINT({long} {lat})", datatype=GSP.wktLiteral)
    add_all(
        g,
        place,
        (RDF.type, DCTERMS.Location),
        (DCAT.centroid, point),
        (DCAT.bbox, point),
        (SKOS.prefLabel, Literal(label(graph, city, "en"), lang="en")),
    )
    g.add((subject, DCTERMS.spatial, place))


def _temporal(g: Graph, graph: Graph, dataset: URIRef, base: str, cities: list[URIRef]) -> None:
    """The period from the first to the last signing date of the agreements the publishers'
    pages state (whichever side published first, or a partner's source that confirms one),
    and the dates their own lists of partner cities are valid for (a page that is a list with
    no dated agreement covers that day)."""
    sg = sg_namespace(base)
    stated = {
        agreement
        for city in cities
        for page in graph.subjects(DCTERMS.publisher, city)
        for agreement in graph.subjects(DCTERMS.source, page)
        if (agreement, RDF.type, sg.CooperationAgreement) in graph
    }
    lists = {
        plist
        for city in cities
        for plist in graph.subjects(DCTERMS.publisher, city)
        if (plist, RDF.type, sg.PartnerList) in graph
    }
    dates = sorted(
        [str(day) for a in stated for day in graph.objects(a, sg.signingDate)]
        + [str(day) for plist in lists for day in graph.objects(plist, DCTERMS.date)]
    )
    if not dates:
        return
    period = URIRef(f"{base}catalog#period-{str(dataset).rpartition('/')[2]}")
    g.add((dataset, DCTERMS.temporal, period))
    add_all(
        g,
        period,
        (RDF.type, DCTERMS.PeriodOfTime),
        (DCAT.startDate, Literal(dates[0], datatype=XSD.date)),
        (DCAT.endDate, Literal(dates[-1], datatype=XSD.date)),
    )


def describe_void(
    g: Graph, graph: Graph, dataset: URIRef, *, base: str, endpoint, triples: list | None = None
) -> None:
    """Add VoID statistics of the whole graph (its `triples`, when given) to the union dataset."""
    classes: Counter = Counter()
    subjects, predicates, objects = set(), set(), set()
    rdf_type = RDF.type
    for s, p, o in graph if triples is None else triples:  # one pass for every figure
        subjects.add(s)
        predicates.add(p)
        objects.add(o)
        if p == rdf_type:
            classes[o] += 1
    ids = base + "id/"
    entities = [s for s in subjects if isinstance(s, URIRef) and str(s).startswith(ids)]
    stats = (
        (VOID.triples, len(graph)),
        (VOID.entities, len(entities)),
        (VOID.classes, len(classes)),
        (VOID.properties, len(predicates)),
        (VOID.distinctSubjects, len(subjects)),
        (VOID.distinctObjects, len(objects)),
    )
    for predicate, value in stats:
        g.add((dataset, predicate, Literal(value, datatype=XSD.integer)))
    g.add((dataset, VOID.sparqlEndpoint, endpoint))
    g.add((dataset, VOID.uriSpace, Literal(base + "id/")))
    for vocabulary in (SCHEMA, SKOS, DCTERMS, sg_namespace(base)):
        g.add((dataset, VOID.vocabulary, URIRef(str(vocabulary))))
    for cls, count in sorted(classes.items()):
        slug = "".join(ch if ch.isalnum() else "-" for ch in str(cls))
        partition = URIRef(f"{base}catalog#class-{slug}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
