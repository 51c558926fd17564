"""The fixed query mix of the scale benchmark, aimed at IRIs that exist in the given data folder."""

from __future__ import annotations

import csv
from pathlib import Path

BASE = "https://w3id.org/sister-graph/"
ID = BASE + "id/"
PREFIXES = (
    "PREFIX wdt: <http://www.wikidata.org/prop/direct/> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "PREFIX schema: <https://schema.org/> "
    f"PREFIX sg: <{BASE}ontology#> "
)
JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


def _first_row(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.DictReader(handle))


def query_mix(data_dir: Path) -> list[tuple[str, str, str]]:
    """Return (name, query, Accept) for lookups, aggregates, DESCRIBE and property paths."""
    folder = sorted(p.parent for p in Path(data_dir).glob("*/publisher.csv"))[0]
    home = ID + "city/" + _first_row(folder / "publisher.csv")["city"]
    first = _first_row(folder / "agreements.csv")
    agreement, partner = ID + "agreement/" + first["id"], ID + "city/" + first["partner"]
    return [
        ("lookup", f"SELECT ?p ?o WHERE {{ <{partner}> ?p ?o }}", JSON),
        (
            "twins",
            PREFIXES + f"SELECT ?c ?label WHERE {{ <{home}> wdt:P190 ?c . ?c rdfs:label ?label "
            'FILTER(lang(?label) = "en") } LIMIT 100',
            JSON,
        ),
        (
            "by-year",
            PREFIXES + "SELECT ?year (COUNT(?a) AS ?n) WHERE { ?a sg:signingDate ?d "
            "BIND(YEAR(?d) AS ?year) } GROUP BY ?year ORDER BY ?year",
            JSON,
        ),
        (
            "by-country",
            PREFIXES + "SELECT ?cc (COUNT(?a) AS ?n) WHERE { ?a sg:partner ?c . "
            "?c schema:addressCountry ?cc } GROUP BY ?cc ORDER BY DESC(?n)",
            JSON,
        ),
        ("describe", f"DESCRIBE <{agreement}>", TURTLE),
        (
            "path",
            PREFIXES + f"SELECT ?date ?type WHERE {{ <{partner}> ^sg:partner/sg:signing/"
            "schema:startDate ?date . ?a sg:partner/rdfs:label ?l ; sg:agreementType ?type "
            f"FILTER(?a = <{agreement}>) }}",
            JSON,
        ),
        (
            "path-star",
            PREFIXES + "SELECT ?cls WHERE { sg:SigningEvent rdfs:subClassOf* ?cls }",
            JSON,
        ),
    ]
