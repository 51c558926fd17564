"""Sources other than the page that identify a city the page leaves open (PROV entities).

A row of the optional identifications.csv names one such source for one city: its citation, title
and the words that identify the city, quoted in their language, as the checked reference
`identification-sources.md` in the publisher folder records them. The graph states
each as a `prov:Entity` (`id/identification-source/{id}`) that the city `sg:identifiedBy` (a
sub-property of `prov:wasDerivedFrom`, https://www.w3.org/TR/prov-o/#wasDerivedFrom), so the
*attested* identification of "Modina" as Modi'in cites its sources as data, not only in a note.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal

from sister_graph.build.csv_rows import Problems, Row, required, slug
from sister_graph.build.records import IdentificationSource
from sister_graph.rdf.namespaces import DCTERMS, PROV, RDF, RDFS


def parse_identifications(rows: Iterable[Row], problems: Problems) -> list[IdentificationSource]:
    """Read identifications.csv rows; each names a city of cities.csv (cross_checks checks
    that it does)."""
    found = []
    for row in rows:
        city = slug(row, "city", problems)
        found.append(
            IdentificationSource(
                slug(row, "id", problems),
                city,
                required(row, "citation", problems),
                row.values["title"],
                required(row, "quote", problems),
                required(row, "quote_language", problems),
                f"{row.file}:{row.line}",
            )
        )
    return found


def add_identification(builder, evidence: IdentificationSource) -> None:
    """Add one source as a PROV entity the city is identified by."""
    iri = builder.id[f"identification-source/{evidence.id}"]
    g, sg = builder.g, builder.sg
    g.add((iri, RDF.type, PROV.Entity))
    g.add((iri, DCTERMS.bibliographicCitation, Literal(evidence.citation)))
    label = f"{evidence.citation}: {evidence.title}" if evidence.title else evidence.citation
    g.add((iri, RDFS.label, Literal(label)))
    if evidence.title:
        g.add((iri, DCTERMS.title, Literal(evidence.title)))
    g.add((iri, sg.quote, Literal(evidence.quote, lang=evidence.quote_language)))
    g.add((builder.city_iri(evidence.city), sg.identifiedBy, iri))
