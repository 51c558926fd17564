"""A publisher's page model: the publisher, its partners and agreements, priorities, fields,
networks (the landing page's list of publishers is views/publishers.py)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from sister_graph.rdf.namespaces import DCTERMS, GEO, ORG, RDF, SCHEMA, SKOS, sg_namespace
from sister_graph.views.i18n import format_date
from sister_graph.views.resource import Value, label, literal_lang


@dataclass(frozen=True)
class Place:
    """A labelled resource, with coordinates where the graph gives them."""

    iri: str
    label: str
    lat: float | None = None
    long: float | None = None


@dataclass(frozen=True)
class Partner:
    """A partner city with the agreement that names it and that agreement's signing."""

    city: Place
    country: str
    agreement: str
    agreement_type: str
    date: str
    signing: str
    signed_with: tuple[str, ...]
    day: str = ""  # the date as the page's language writes it (i18n.format_date)


@dataclass(frozen=True)
class Overview:
    """What the home page says about one publishing city."""

    home: Place | None
    page: str | None
    page_title: Value | None
    partners: tuple[Partner, ...]
    priorities: tuple[Place, ...]
    fields: tuple[Place, ...]
    networks: tuple[Place, ...]

    @property
    def signings(self) -> int:
        return len({p.signing for p in self.partners})

    @property
    def partner_cities(self) -> int:
        """Distinct partner cities (a city with two agreements counts once)."""
        return len({p.city.iri for p in self.partners})

    @property
    def agreements(self) -> int:
        """Distinct agreements."""
        return len({p.agreement for p in self.partners})


def _title(graph: Graph, page) -> Value:
    """The source page as a link: its title (in the title's own language) or its address."""
    title = graph.value(page, DCTERMS.title)
    return Value(str(title or page), iri=str(page), lang=literal_lang(title))


def _place(graph: Graph, node, lang: str, base: str) -> Place:
    lat, long = graph.value(node, GEO.lat), graph.value(node, GEO.long)
    return Place(
        str(node),
        label(graph, node, lang, base=base),
        float(lat) if lat is not None else None,
        float(long) if long is not None else None,
    )


def _concepts(graph: Graph, home, predicate, lang: str, base: str) -> tuple[Place, ...]:
    line = sg_namespace(base).sourceLine
    nodes = sorted(
        graph.objects(home, predicate), key=lambda c: (int(graph.value(c, line) or 0), c)
    )
    return tuple(_place(graph, c, lang, base) for c in nodes)


def build_overview(graph: Graph, *, base: str, lang: str) -> Overview:
    """Build the home page model from the overview query's graph."""
    sg = sg_namespace(base)
    agreements = sorted(graph.subjects(RDF.type, sg.CooperationAgreement))
    homes = sorted(  # a page that states no agreement still names its publisher
        set(graph.objects(None, sg.city))
        | set(graph.subjects(sg.cooperationField))
        | set(graph.objects(None, DCTERMS.publisher))
    )
    home = homes[0] if homes else None
    by_signing: dict = {}
    for agreement in agreements:
        by_signing.setdefault(graph.value(agreement, sg.signing), []).append(agreement)
    partners = []
    for agreement in agreements:
        city, signing = graph.value(agreement, sg.partner), graph.value(agreement, sg.signing)
        together = [graph.value(a, sg.partner) for a in by_signing[signing] if a != agreement]
        partners.append(
            Partner(
                city=_place(graph, city, lang, base),
                country=_country(graph, city),
                agreement=str(agreement),
                agreement_type=label(
                    graph, graph.value(agreement, sg.agreementType), lang, base=base
                ),
                date=str(graph.value(agreement, sg.signingDate)),
                signing=str(signing),
                signed_with=tuple(sorted(label(graph, c, lang, base=base) for c in together)),
                day=format_date(str(graph.value(agreement, sg.signingDate)), lang),
            )
        )
    page = next(iter(sorted(graph.subjects(DCTERMS.publisher, home))), None) if home else None
    networks = {graph.value(m, ORG.organization) for m in graph.subjects(ORG.member, home)}
    return Overview(
        home=_place(graph, home, lang, base) if home else None,
        page=str(page) if page else None,
        page_title=_title(graph, page) if page else None,
        partners=tuple(sorted(partners, key=lambda p: (p.date, p.city.label))),
        priorities=_concepts(graph, home, sg.cooperationPriority, lang, base) if home else (),
        fields=_concepts(graph, home, sg.cooperationField, lang, base) if home else (),
        networks=tuple(
            sorted((_network(graph, n, lang, base) for n in networks if n), key=lambda n: n.label)
        ),
    )


def _network(graph: Graph, node: URIRef, lang: str, base: str) -> Place:
    notation = graph.value(node, SKOS.notation)
    name = label(graph, node, lang, base=base)
    return Place(str(node), f"{notation} – {name}" if notation else name)


def to_schema_dataset(
    overview: Overview, *, name: str, description: str, downloads: list[tuple[str, str]]
) -> dict:
    """Return the schema.org Dataset (JSON-LD) a search engine reads from the home page."""
    data: dict = {"@context": "https://schema.org", "@type": "Dataset", "name": name}
    data["description"] = description
    if overview.page:
        data["isBasedOn"] = overview.page
    if overview.home:
        data["spatialCoverage"] = {
            "@type": "City",
            "@id": overview.home.iri,
            "name": overview.home.label,
        }
    if overview.partners:
        data["temporalCoverage"] = f"{overview.partners[0].date}/{overview.partners[-1].date}"
    data["distribution"] = [
        {"@type": "DataDownload", "contentUrl": url, "encodingFormat": media}
        for url, media in downloads
    ]
    return data


def _country(graph: Graph, city) -> str:
    """Return the two-letter code on the city's schema:PostalAddress ('' when none)."""
    address = graph.value(city, SCHEMA.address)
    code = graph.value(address, SCHEMA.addressCountry) if address is not None else None
    return str(code or "")
