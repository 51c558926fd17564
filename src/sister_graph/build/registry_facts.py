"""A city's facts that come from registries, not from the page: country, identity, coordinates.

- The country is an IRI: the Wikidata item of the state (`wdt:P17`, as Wikidata states a
  city's country), and the two-letter code sits on a `schema:PostalAddress`, the domain of
  `schema:addressCountry` (https://schema.org/addressCountry).
- Identity is asserted only where the identification is settled (`confirmed` by the page,
  or `attested` by the sources the note names): then `owl:sameAs` the Wikidata and GeoNames
  entities. An `uncertain` identification links them with `skos:closeMatch`
  (https://www.w3.org/TR/skos-reference/#closeMatch) and claims no GeoNames ID.
- Facts read from a registry cite it: the city is `prov:wasDerivedFrom` the registry entity,
  and an `sg:registryCitation` node per registry names it (`prov:entity`) and, with
  `sg:citedFor`, the properties it supports (GeoNames: the coordinates and the GeoNames ID;
  Wikidata: the country). The page's citations (`_Builder.cite`) support what the page says.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, Namespace, URIRef

from sister_graph.build.records import City
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import (
    GEO,
    OWL,
    PROV,
    RDF,
    SCHEMA,
    SKOS,
    WD,
    WDT,
    XSD,
)

GEONAMES = "https://sws.geonames.org/{}/"
WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
# Wikidata items of the states the data's country codes name (ISO 3166-1 alpha-2; XK is the
# user-assigned code GeoNames and CLDR use for Kosovo, Wikidata item Q1246).
WIKIDATA_COUNTRIES = {
    "AT": "Q40",
    "BA": "Q225",
    "DE": "Q183",
    "HR": "Q224",
    "HU": "Q28",
    "IL": "Q801",
    "IT": "Q38",
    "ME": "Q236",
    "MK": "Q221",
    "RO": "Q218",
    "RS": "Q403",
    "RU": "Q159",
    "SI": "Q215",
    "UA": "Q212",
    "XK": "Q1246",
}
SETTLED = ("confirmed", "attested")


def country_item(city: City) -> URIRef:
    """Return the Wikidata item of the city's country; SourceError naming the row if unknown."""
    item = WIKIDATA_COUNTRIES.get(city.country)
    if item is None:
        raise SourceError(
            f"{city.cited.csv_file}:{city.cited.csv_line}: column 'country': no Wikidata item "
            f"is recorded for {city.country!r} (add it to build/registry_facts.py)"
        )
    return WD[item]


def add_registry_facts(g: Graph, iri: URIRef, city: City, *, ids: Namespace, sg) -> None:
    """Add the country, identity links and coordinates of a city, each citing its registry."""
    country = country_item(city)
    address = URIRef(f"{iri}#address")
    g.add((iri, WDT.P17, country))
    g.add((iri, SCHEMA.address, address))
    g.add((address, RDF.type, SCHEMA.PostalAddress))
    g.add((address, SCHEMA.addressCountry, Literal(city.country)))
    lat, long = Decimal(str(city.lat)), Decimal(str(city.long))
    g.add((iri, GEO.lat, Literal(lat, datatype=XSD.decimal)))
    g.add((iri, GEO.long, Literal(long, datatype=XSD.decimal)))
    g.add((iri, WDT.P625, Literal(f"Point({long} {lat})", datatype=WKT)))
    link = OWL.sameAs if city.identification in SETTLED else SKOS.closeMatch
    if city.wikidata:
        g.add((iri, link, WD[city.wikidata]))
    _cite_registry(g, iri, ids, sg, f"wikidata/{city.id}", country, (WDT.P17, SCHEMA.address))
    if city.geonames:
        place = URIRef(GEONAMES.format(city.geonames))
        g.add((iri, link, place))
        supported = [GEO.lat, GEO.long, WDT.P625]
        if city.identification in SETTLED:
            g.add((iri, WDT.P1566, Literal(city.geonames)))
            supported.append(WDT.P1566)
        _cite_registry(g, iri, ids, sg, f"geonames/{city.id}", place, supported)


def _cite_registry(g: Graph, iri: URIRef, ids: Namespace, sg, key: str, entity, supported):
    citation = ids[f"citation/registry/{key}"]
    g.add((iri, PROV.wasDerivedFrom, entity))
    g.add((iri, sg.registryCitation, citation))
    g.add((citation, RDF.type, sg.RegistryCitation))
    g.add((citation, PROV.entity, entity))
    for predicate in supported:
        g.add((citation, sg.citedFor, predicate))
