"""A city's facts that come from registries, not from the page: country, identity, coordinates.

- The country is an IRI: the Wikidata item of the state (`wdt:P17`, as Wikidata states a
  city's country), read from the vendored Wikidata P297 table
  (vendor/wikidata-countries/country-codes.csv, its source in that folder's README); the
  two-letter code sits on a `schema:PostalAddress`, the domain of `schema:addressCountry`
  (https://schema.org/addressCountry). A code the table lacks (XK) gets no `wdt:P17`, only
  the code and an editorial note that no registry source confirmed the item.
- Identity is asserted only where the identification is settled (`confirmed` by the page,
  or `attested` by the sources the note names): then `owl:sameAs` the Wikidata and GeoNames
  entities. An `uncertain` identification links them with `skos:closeMatch`
  (https://www.w3.org/TR/skos-reference/#closeMatch) and claims no GeoNames ID.
- Facts read from a registry cite it: the city is `prov:wasDerivedFrom` the registry entity,
  and an `sg:registryCitation` node per registry names it (`prov:entity`) and, with
  `sg:citedFor`, the properties it supports (GeoNames: the coordinates and the GeoNames ID;
  Wikidata: the country, with `dct:source` the vendored table's source file). The page's
  citations (`StatementBuilder.cite`) support what the page says.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from sister_graph.build import bundled
from sister_graph.build.records import City
from sister_graph.errors import SourceError
from sister_graph.rdf.namespaces import (
    DCTERMS,
    FOAF,
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
COUNTRY_TABLE = Path("wikidata-countries") / "country-codes.csv"
# Where the vendored table comes from (vendor/wikidata-countries/README.md): the registry
# citation of a city's country names it with dct:source.
COUNTRY_TABLE_SOURCE = URIRef(
    "https://github.com/datasets/country-codes/blob/"
    "caa72d1e0e5af8876c170bb36a9e4d64a01bba88/data/country-codes.csv"
)
COUNTRY_TABLE_TITLE = (
    "country-codes data package, data/country-codes.csv: Wikidata items by ISO 3166-1 alpha-2 "
    "code (P297), as fetched from the Wikidata SPARQL endpoint"
)
ITEM_URL = re.compile(r"^https://www\.wikidata\.org/wiki/(Q[1-9][0-9]*)$")
SETTLED = ("confirmed", "attested")


@cache
def wikidata_countries() -> dict[str, str]:
    """Return {ISO 3166-1 alpha-2 code: Wikidata Q-ID} from the vendored country table.

    The table is vendor/wikidata-countries/country-codes.csv: the clone's vendor/ or the
    wheel's bundled copy (build/bundled.py). Errors as read_country_table.
    """
    return read_country_table(_table_path())


def read_country_table(path: Path) -> dict[str, str]:
    """Read a country table (CSV, columns `ISO3166-1-Alpha-2` and `wikidata_id`, the latter a
    `https://www.wikidata.org/wiki/Q…` URL) into {code: Q-ID}.

    Raises SourceError naming file:line if the file is missing or a row's `wikidata_id` is not
    a Wikidata item URL.
    """
    if not path.is_file():
        raise SourceError(f"{path}: the vendored Wikidata country table is missing")
    items: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            match = ITEM_URL.match(row.get("wikidata_id") or "")
            if match is None:
                raise SourceError(
                    f"{path}:{line}: column 'wikidata_id': {row.get('wikidata_id')!r} is not "
                    "a Wikidata item URL (https://www.wikidata.org/wiki/Q…)"
                )
            items[row["ISO3166-1-Alpha-2"]] = match.group(1)
    return items


def _table_path() -> Path:
    for root in bundled.CANDIDATES:
        candidate = root / "vendor" / COUNTRY_TABLE
        if candidate.is_file():
            return candidate
    return bundled.CANDIDATES[-1] / "vendor" / COUNTRY_TABLE


def country_item(city: City) -> URIRef | None:
    """Return the Wikidata item of the city's country, or None if no registry row confirms it."""
    item = wikidata_countries().get(city.country)
    return WD[item] if item else None


def unconfirmed_country_note(code: str) -> str:
    """Return the editorial note a city gets when its country code has no confirmed item."""
    return (
        f"No registry source confirmed a Wikidata item for the country code {code}: the "
        "vendored Wikidata P297 table (vendor/wikidata-countries) has no row for it, so the "
        "country is given only as the code on the city's address, with no wdt:P17."
    )


def add_registry_facts(g: Graph, iri: URIRef, city: City, *, ids: Namespace, sg) -> None:
    """Add the country, identity links and coordinates of a city, each citing its registry."""
    country = country_item(city)
    address = URIRef(f"{iri}#address")
    if country is not None:
        g.add((iri, WDT.P17, country))
    else:
        g.add((iri, SKOS.editorialNote, Literal(unconfirmed_country_note(city.country), lang="en")))
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
    if country is not None:
        citation = _cite_registry(g, iri, ids, sg, f"wikidata/{city.id}", country, (WDT.P17,))
        g.add((citation, DCTERMS.source, COUNTRY_TABLE_SOURCE))
        g.add((COUNTRY_TABLE_SOURCE, RDF.type, FOAF.Document))
        g.add((COUNTRY_TABLE_SOURCE, DCTERMS.title, Literal(COUNTRY_TABLE_TITLE, lang="en")))
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
    return citation
