"""The landing page model: every publishing city with what its page states, counted honestly.

A publisher's agreements are those its page states (`dct:source` is its page), whichever side
published first; its partners are the distinct other cities of those agreements; `both_sides`
counts its agreements the other city's page states too.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from sister_graph.rdf.namespaces import DCTERMS, GEO, SCHEMA, sg_namespace
from sister_graph.views.overview import Partner, Place
from sister_graph.views.resource import Value, label, literal_lang


@dataclass(frozen=True)
class PublisherSummary:
    """One publisher on the landing page, with each of its source pages as a Value.

    A page's Value has the page as `iri`, its title as `text` and the title's language as
    `lang` (the page's own: a German, Slovene or Macedonian title stays so on every page).
    """

    place: Place
    slug: str
    country: str
    pages: tuple[Value, ...]
    agreements: int
    partners: int
    both_sides: int


def build_publishers(graph: Graph, *, base: str, lang: str) -> tuple[PublisherSummary, ...]:
    """Build the list of publishers (by name) from the publishers query's graph."""
    sg = sg_namespace(base)
    publisher_of = {page: home for page, home in graph.subject_objects(DCTERMS.publisher)}
    stated: dict = {}
    for agreement, page in graph.subject_objects(DCTERMS.source):
        if page in publisher_of:
            stated.setdefault(publisher_of[page], set()).add(agreement)
    pages_of: dict = {}
    for page, home in publisher_of.items():
        title = graph.value(page, DCTERMS.title)
        pages_of.setdefault(home, []).append(
            Value(str(title or page), iri=str(page), lang=literal_lang(title))
        )
    out = []
    for home, pages_ in pages_of.items():  # one row per city, however many pages it has
        mine = stated.get(home, set())
        others = set()
        both = 0
        for agreement in mine:
            pair = {graph.value(agreement, sg.city), graph.value(agreement, sg.partner)}
            other = next(iter(pair - {home}), None)
            others.add(other)
            pages = set(graph.objects(agreement, DCTERMS.source))
            both += any(publisher_of.get(p) == other for p in pages)
        lat, long = graph.value(home, GEO.lat), graph.value(home, GEO.long)
        out.append(
            PublisherSummary(
                place=Place(
                    str(home),
                    label(graph, home, lang, base=base),
                    float(lat) if lat is not None else None,
                    float(long) if long is not None else None,
                ),
                slug=str(home).rpartition("/")[2],
                country=str(graph.value(home, SCHEMA.addressCountry) or ""),
                pages=tuple(sorted(pages_, key=lambda v: (v.iri, v.text))),
                agreements=len(mine),
                partners=len(others - {None}),
                both_sides=both,
            )
        )
    return tuple(sorted(out, key=lambda p: (p.place.label, p.slug)))


def publisher_points(publishers: tuple[PublisherSummary, ...]) -> list[Partner]:
    """Return the publishers as the map's points (the map draws partners; here, publishers)."""
    return [
        Partner(
            city=p.place,
            country=p.country,
            agreement=p.pages[0].iri or "",
            agreement_type="",
            date="",
            signing=p.place.iri,
            signed_with=(),
        )
        for p in publishers
    ]
