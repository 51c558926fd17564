"""Turn checked source records into the RDF graph (a pure function: records in, graph out)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from sister_graph.build.claims import add_claim
from sister_graph.build.corroboration import Statement, disagreements, statements
from sister_graph.build.identification import add_identification
from sister_graph.build.partner_lists import add_list_triples
from sister_graph.build.records import (
    Agreement,
    City,
    Concept,
    Labels,
    Membership,
    Network,
    PublisherSources,
)
from sister_graph.build.registry_facts import add_registry_facts
from sister_graph.build.turtle_files import read_turtle_file
from sister_graph.rdf.namespaces import (
    DCTERMS,
    FOAF,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WD,
    WDT,
    XSD,
    id_namespace,
    new_graph,
    sg_namespace,
)

GEONAMES = "https://sws.geonames.org/{}/"
WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
LANGS = ("sr-Latn", "sr-Cyrl", "en")


def read_ontology(path: Path, *, base: str) -> Graph:
    """Read the vocabulary file (relative IRIs against base); SourceError names a bad line."""
    return read_turtle_file(path, base=base)


def source_graph_iri(base: str, publisher: str) -> URIRef:
    """Return the name of the graph holding what one publisher's source page states."""
    return URIRef(f"{base}graph/source/{publisher}")


def build_source_graphs(sources: Iterable[PublisherSources], *, base: str) -> dict[URIRef, Graph]:
    """Build one graph per source page: the statements that page supports, and only those."""
    sources = list(sources)
    grouped = statements(sources)
    graphs: dict[URIRef, Graph] = {}
    for publisher_sources in sources:
        graph = new_graph(base)
        StatementBuilder(graph, base, publisher_sources, grouped).add_all()
        graphs[source_graph_iri(base, publisher_sources.publisher.city)] = graph
    return graphs


def union_graph(source_graphs: dict[URIRef, Graph], *, base: str, ontology: Graph) -> Graph:
    """Merge the vocabulary and every source graph into the published (union) graph."""
    graph = new_graph(base)
    for part in (ontology, *source_graphs.values()):
        for triple in part:
            graph.add(triple)
    return graph


def build_graph(sources: Iterable[PublisherSources], *, base: str, ontology: Graph) -> Graph:
    """Build the whole graph: the vocabulary plus every publisher's facts."""
    return union_graph(build_source_graphs(sources, base=base), base=base, ontology=ontology)


def _labels(labels: Labels) -> list[Literal]:
    return [
        Literal(text, lang=lang)
        for text, lang in zip((labels.sr_latn, labels.sr_cyrl, labels.en), LANGS, strict=True)
    ]


class StatementBuilder:
    """Adds one publisher's facts to a graph (or anything with add and `in`: SourceTriples)."""

    def __init__(
        self, graph: Graph, base: str, sources: PublisherSources, grouped: dict[str, list]
    ) -> None:
        self.g, self.s, self.statements = graph, sources, grouped
        self.first = {key: group[0] for key, group in grouped.items()}
        self.sg = sg_namespace(base)
        self.id: Namespace = id_namespace(base)
        self.page = URIRef(sources.publisher.page_url)
        self.publisher = self.city_iri(sources.publisher.city)
        self.cities = {c.id: c for c in sources.cities}

    def city_iri(self, slug: str) -> URIRef:
        return self.id[f"city/{slug}"]

    def concept_iri(self, scheme: str, slug: str) -> URIRef:
        return self.id[f"concept/{scheme}/{slug}"]

    def add_all(self) -> None:
        self.add_page()
        for city in self.s.cities:
            self.add_city(city)
        for concept in self.s.concepts:
            self.add_concept(concept)
        for network in self.s.networks:
            self.add_network(network)
        for membership in self.s.memberships:
            self.add_membership(membership)
        for agreement in self.s.agreements:
            self.add_agreement(agreement)
        for claim in self.s.claims:
            add_claim(self, claim)
        for source in self.s.identifications:
            add_identification(self, source)
        if self.s.lists:
            add_list_triples(
                self.g,
                self.sg,
                self.id,
                self.s,
                self.statements,
                self.cite,
                self.cities.get(self.s.publisher.city),
            )

    def add_many(self, subject: URIRef, predicate: URIRef, objects: Iterable) -> None:
        for obj in objects:
            self.g.add((subject, predicate, obj))

    def cite(self, subject: URIRef, source_line: int, page_form: str = "") -> URIRef:
        """Cite the page line on the subject, and on a derivation node of this page only.

        With several publishers a subject has several dct:source, sourceLine and sourceText
        values; its prov:qualifiedDerivation nodes (https://www.w3.org/TR/prov-o/) keep each
        page with its own line, text and page form. Returns the derivation node.
        """
        number = Literal(source_line, datatype=XSD.integer)
        line = self.s.publisher.page_lines[source_line - 1].strip(" •\t")
        text = Literal(line, lang=self.s.publisher.page_language)
        derivation = self.id[f"citation/{self.s.publisher.city}/{subject[len(self.id) :]}"]
        self.g.add((subject, DCTERMS.source, self.page))
        self.g.add((subject, PROV.wasDerivedFrom, self.page))
        self.g.add((subject, PROV.qualifiedDerivation, derivation))
        self.g.add((derivation, RDF.type, PROV.Derivation))
        self.g.add((derivation, PROV.entity, self.page))
        form = Literal(page_form, lang=self.s.publisher.page_language) if page_form else None
        for subject_or_derivation in (subject, derivation):
            self.g.add((subject_or_derivation, self.sg.sourceLine, number))
            self.g.add((subject_or_derivation, self.sg.sourceText, text))
            # SKOS S13: a hidden label (sg:pageForm) is never also a preferred label
            if form is not None and (subject_or_derivation, SKOS.prefLabel, form) not in self.g:
                self.g.add((subject_or_derivation, self.sg.pageForm, form))
        return derivation

    def add_page(self) -> None:
        p = self.s.publisher
        self.g.add((self.page, RDF.type, FOAF.Document))
        self.g.add((self.page, RDF.type, SCHEMA.WebPage))
        self.g.add((self.page, DCTERMS.title, Literal(p.page_title, lang=p.page_language)))
        self.g.add((self.page, DCTERMS.language, Literal(p.page_language)))
        self.g.add((self.page, DCTERMS.publisher, self.publisher))
        self.g.add((self.page, SCHEMA.about, self.publisher))
        for concept in self.s.concepts:
            predicate = {
                "priority": "cooperationPriority",
                "field": "cooperationField",
                "aim": "cooperationAim",
            }
            if concept.scheme in predicate:
                self.g.add(
                    (
                        self.publisher,
                        self.sg[predicate[concept.scheme]],
                        self.concept_iri(concept.scheme, concept.id),
                    )
                )

    def add_city(self, city: City) -> None:
        iri = self.city_iri(city.id)
        self.g.add((iri, RDF.type, SCHEMA.City))
        self.add_many(iri, RDFS.label, _labels(city.labels))
        self.add_many(iri, SCHEMA.name, _labels(city.labels))
        for lang, name in city.native_names:
            self.g.add((iri, self.sg.nativeName, Literal(name, lang=lang)))
        add_registry_facts(self.g, iri, city, ids=self.id, sg=self.sg)
        status = self.concept_iri("identification", city.identification)
        self.g.add((iri, self.sg.identificationStatus, status))
        if city.note:
            self.g.add((iri, SKOS.editorialNote, Literal(city.note, lang="en")))
        self.cite(iri, city.cited.source_line, city.page_form)

    def add_concept(self, concept: Concept) -> None:
        iri, scheme = (
            self.concept_iri(concept.scheme, concept.id),
            self.id[f"concept/{concept.scheme}"],
        )
        self.g.add((iri, RDF.type, SKOS.Concept))
        self.g.add((iri, SKOS.inScheme, scheme))
        self.g.add((iri, SKOS.topConceptOf, scheme))
        self.g.add((scheme, SKOS.hasTopConcept, iri))
        self.add_many(iri, SKOS.prefLabel, _labels(concept.labels))
        self.cite(iri, concept.cited.source_line, concept.page_form)

    def add_network(self, network: Network) -> None:
        iri = self.id[f"organization/{network.id}"]
        self.g.add((iri, RDF.type, SCHEMA.Organization))
        self.g.add((iri, RDF.type, ORG.Organization))
        self.add_many(iri, RDFS.label, _labels(network.labels))
        self.add_many(iri, SCHEMA.name, _labels(network.labels))
        self.g.add((iri, SCHEMA.alternateName, Literal(network.acronym)))
        self.g.add((iri, SKOS.notation, Literal(network.acronym)))
        if network.website:
            self.g.add((iri, FOAF.homepage, URIRef(network.website)))
        self.cite(iri, network.cited.source_line, network.acronym)

    def add_membership(self, membership: Membership) -> None:
        iri = self.id[f"membership/{membership.id}"]
        member, network = (
            self.city_iri(membership.member),
            self.id[f"organization/{membership.network}"],
        )
        self.g.add((iri, RDF.type, ORG.Membership))
        self.g.add((iri, ORG.member, member))
        self.g.add((iri, ORG.organization, network))
        self.g.add((member, WDT.P463, network))
        names = {n.id: n for n in self.s.networks}[membership.network].acronym
        city = self.cities[membership.member].labels
        for lang, text in zip(
            LANGS,
            (
                f"{city.sr_latn} – članstvo u {names}",
                f"{city.sr_cyrl} – чланство у {names}",
                f"{city.en} – membership of {names}",
            ),
            strict=True,
        ):
            self.g.add((iri, RDFS.label, Literal(text, lang=lang)))
        self.cite(iri, membership.cited.source_line)

    def add_agreement(self, agreement: Agreement) -> None:
        iri = self.id[f"agreement/{agreement.id}"]
        partner = self.city_iri(agreement.partner)
        signing = self.id[f"signing/{agreement.signing}"]
        day = Literal(agreement.signed.isoformat(), datatype=XSD.date)
        self.g.add((self.publisher, WDT.P190, partner))
        home = self.cities[self.s.publisher.city]
        if home.wikidata and home.identification == "confirmed":
            # Wikidata's own subject, so queries written for Wikidata find the partners
            self.g.add((WD[home.wikidata], WDT.P190, partner))
        derivation = self.cite(iri, agreement.cited.source_line)
        kind = self.concept_iri("agreement-type", agreement.type)
        self.g.add((derivation, self.sg.statedDate, day))
        self.g.add((derivation, self.sg.statedType, kind))
        if agreement.occasion:
            occasion = self.concept_iri("occasion", agreement.occasion)
            self.g.add((derivation, self.sg.statedOccasion, occasion))
        first = self.first[agreement.id]
        if first.publisher != self.s.publisher.city:  # corroborates an earlier page's statement
            for name in disagreements(first, Statement(self.s.publisher.city, agreement)):
                self.g.add((iri, self.sg.sourcesDisagreeOn, self.sg[name]))
            return
        self.g.add((iri, RDF.type, self.sg.CooperationAgreement))
        self.g.add((iri, self.sg.city, self.publisher))
        self.g.add((iri, self.sg.partner, partner))
        self.g.add((iri, self.sg.agreementType, self.concept_iri("agreement-type", agreement.type)))
        self.g.add((iri, self.sg.signingDate, day))
        self.g.add((iri, self.sg.signing, signing))
        kind = {c.id: c for c in self.s.concepts if c.scheme == "agreement-type"}[agreement.type]
        here, there = (
            self.cities[self.s.publisher.city].labels,
            self.cities[agreement.partner].labels,
        )
        year = agreement.signed.year
        for lang, k, a, b in zip(
            LANGS, _labels(kind.labels), _labels(here), _labels(there), strict=True
        ):
            self.g.add((iri, RDFS.label, Literal(f"{k}: {a} – {b} ({year})", lang=lang)))
        self.g.add((signing, RDF.type, self.sg.SigningEvent))
        self.g.add((signing, SCHEMA.startDate, day))
        self.g.add((signing, PROV.generated, iri))
        words = ("Potpisivanje", "Потписивање", "Signing")
        for lang, text, city in zip(LANGS, words, _labels(here), strict=True):
            label = f"{text}: {city}, {agreement.signed.isoformat()}"
            self.g.add((signing, RDFS.label, Literal(label, lang=lang)))
        if agreement.occasion:
            self.g.add(
                (signing, self.sg.occasion, self.concept_iri("occasion", agreement.occasion))
            )
        self.cite(signing, agreement.cited.source_line)
