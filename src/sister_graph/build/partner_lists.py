"""A publisher's own list of its partner cities, as evidence about other publishers' agreements.

A row of lists.csv says: page lines first_line..last_line are the publisher's complete list of
partner cities as of a date. For every agreement another publisher states with this city as
partner and this city's folder does not state, the list is checked: if it names the other city
(in any case form of its labels or page forms), that is a problem (the agreement belongs in
agreements.csv, under the same id); if not, the agreement is published as not on this list
(`sg:notOnPartnerList`, the list with its lines, date and page): evidence, neither a
contradiction nor silence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rdflib import Graph, Literal, Namespace, URIRef

from sister_graph.build.corroboration import Statement, statements
from sister_graph.build.csv_rows import Problems, Row, iso_date, slug
from sister_graph.build.name_forms import name_pattern
from sister_graph.build.records import City, PartnerList, PublisherSources
from sister_graph.rdf.namespaces import DCTERMS, RDF, RDFS, XSD


def read_list(row: Row, problems: Problems, cite: Callable, today: date) -> PartnerList:
    """Read one lists.csv row; the line range must be on the page (cite: the folder's Citer,
    page_citations), first before last."""
    numbers = []
    for column in ("first_line", "last_line"):
        value = row.values[column]
        if not value.isdigit() or int(value) < 1:
            problems.add(row.where(column), f"{value!r} is not a line number")
            numbers.append(0)
        else:  # a line after the page's end: the Citer names it, or the page's one problem
            cite.check(row, int(value), (), column)
            numbers.append(int(value))
    if numbers[0] and numbers[1] and numbers[0] > numbers[1]:
        problems.add(row.where("last_line"), f"the list ends (line {numbers[1]}) before it starts")
    as_of = iso_date(row, "as_of", problems, today=today)
    return PartnerList(slug(row, "id", problems), numbers[0], numbers[1], as_of, cite(row))


def _names(city_id: str, sources: list[PublisherSources]) -> set[str]:
    names: set[str] = set()
    for s in sources:
        for c in s.cities:
            if c.id == city_id:
                names |= {c.labels.sr_latn, c.labels.en, c.page_form}
                names |= {name for _, name in c.native_names}
    return {n for n in names if n}


def unlisted(
    owner: PublisherSources, group: dict[str, list[Statement]]
) -> list[tuple[str, Statement]]:
    """Return (agreement id, first statement) of others' agreements with owner it doesn't state."""
    city = owner.publisher.city
    out = []
    for agreement_id, statements_ in group.items():
        first = statements_[0]
        if first.agreement.partner != city:
            continue
        if any(st.publisher == city for st in statements_):
            continue
        out.append((agreement_id, first))
    return out


def check_lists(sources: list[PublisherSources], problems: Problems) -> None:
    """Report a list that names a city whose agreement with the list's owner it lacks a row for."""
    group = statements(s for s in sources if s.publisher is not None)
    for owner in sources:
        if owner.publisher is None or not owner.lists:
            continue
        for agreement_id, first in unlisted(owner, group):
            names = _names(first.publisher, sources)
            for plist in owner.lists:
                lines = owner.publisher.page_lines[plist.first_line - 1 : plist.last_line]
                for offset, text in enumerate(lines):
                    hit = next((n for n in sorted(names) if name_pattern(n).search(text)), None)
                    if hit:
                        where = f"{plist.cited.csv_file}:{plist.cited.csv_line}"
                        problems.add(
                            where,
                            f"the list names {first.publisher} ({hit!r}, page line "
                            f"{plist.first_line + offset}); state agreement {agreement_id!r} "
                            f"({first.where()}) in agreements.csv with that id",
                        )
                        break


def add_list_triples(
    graph: Graph,
    sg: Namespace,
    ids: Namespace,
    owner: PublisherSources,
    group: dict[str, list[Statement]],
    cite: Callable[[URIRef, int], URIRef],
    home: City | None,
) -> None:
    """Add each of the owner's lists and mark the agreements it does not name."""
    missing = unlisted(owner, group)
    for plist in owner.lists:
        iri = ids[f"list/{plist.id}"]
        graph.add((iri, RDF.type, sg.PartnerList))
        graph.add((iri, DCTERMS.publisher, ids[f"city/{owner.publisher.city}"]))
        graph.add((iri, DCTERMS.date, Literal(plist.as_of.isoformat(), datatype=XSD.date)))
        graph.add((iri, sg.firstLine, Literal(plist.first_line, datatype=XSD.integer)))
        graph.add((iri, sg.lastLine, Literal(plist.last_line, datatype=XSD.integer)))
        names = (home.labels.sr_latn, home.labels.sr_cyrl, home.labels.en) if home else ("",) * 3
        words = ("lista gradova partnera", "листа градова партнера", "list of partner cities")
        for lang, name, word in zip(("sr-Latn", "sr-Cyrl", "en"), names, words, strict=True):
            text = f"{name}: {word} ({plist.as_of.isoformat()})"
            graph.add((iri, RDFS.label, Literal(text, lang=lang)))
        cite(iri, plist.cited.source_line)
        for agreement_id, _ in missing:
            graph.add((ids[f"agreement/{agreement_id}"], sg.notOnPartnerList, iri))
