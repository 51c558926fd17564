"""The catalog page model: the dataset, its distributions and service, read from the DCAT graph."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal

from sister_graph.rdf.namespaces import DCAT, DCTERMS, FOAF, RDF, SPDX, VOID
from sister_graph.views.i18n import in_page_script, pick_literal, term_label
from sister_graph.views.resource import LABEL_PREDICATES, Value, label


@dataclass(frozen=True)
class DistributionView:
    """One downloadable file as the catalog describes it."""

    iri: str
    title: Value
    url: str
    media_type: str
    size: int | None
    sha256: str | None


@dataclass(frozen=True)
class CatalogView:
    """What the catalog page shows."""

    title: Value
    description: Value
    dataset: Value | None
    dataset_title: Value
    dataset_description: Value
    keywords: tuple[Value, ...]
    facts: tuple[tuple[str, Value], ...]  # (UI string key, value)
    stats: tuple[tuple[str, int], ...]  # (UI string key, count)
    distributions: tuple[DistributionView, ...]
    services: tuple[tuple[Value, str], ...]


NO_TEXT = Value("")


def _text(graph: Graph, node, *predicates, lang: str) -> Value:
    """The literal best matching the page language, keeping its own language tag.

    The tag lets the page mark text in another language than its own (WCAG 2.2 SC 3.1.2,
    https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts).
    """
    found = pick_literal(
        [o for p in predicates for o in graph.objects(node, p) if isinstance(o, Literal)], lang
    )
    if found is None:
        return NO_TEXT
    text, tag = in_page_script(found, lang)
    return Value(text, lang=tag)


def _keywords(graph: Graph, dataset, lang: str) -> tuple[Value, ...]:
    """The keywords in the page's language (sr-Latn ones written in Cyrillic on a Cyrillic
    page, without repeats), or every keyword when none is; each with its own language."""
    shown = [in_page_script(k, lang) for k in graph.objects(dataset, DCAT.keyword)]
    every = [Value(text, lang=tag) for text, tag in shown]
    mine = {v for v in every if v.lang.lower() == lang.lower()}
    return tuple(sorted(mine or set(every), key=lambda v: (v.text.lower(), v.lang)))


def _distribution(graph: Graph, node, lang: str) -> DistributionView:
    checksum = graph.value(node, SPDX.checksum)
    value = graph.value(checksum, SPDX.checksumValue) if checksum is not None else None
    size = graph.value(node, DCAT.byteSize)
    media = graph.value(node, DCAT.mediaType)
    title = _text(graph, node, DCTERMS.title, lang=lang)
    return DistributionView(
        iri=str(node),
        title=title if title.text else Value(str(node)),
        url=str(graph.value(node, DCAT.downloadURL) or graph.value(node, DCAT.accessURL) or ""),
        media_type=str(media).rpartition("media-types/")[2] if media is not None else "",
        size=int(size) if size is not None else None,
        sha256=str(value) if value is not None else None,
    )


def build_catalog_view(graph: Graph, *, base: str, lang: str) -> CatalogView:
    """Build the catalog page model from the published catalog graph."""
    catalog = next(iter(sorted(graph.subjects(RDF.type, DCAT.Catalog))), None)
    datasets = sorted(graph.objects(catalog, DCAT.dataset)) if catalog else []
    # the union dataset (the one with the SPARQL endpoint) first; per-publisher ones after it
    datasets.sort(key=lambda d: graph.value(d, VOID.sparqlEndpoint) is None)
    dataset = datasets[0] if datasets else None

    def link(node) -> Value:
        ui_name = term_label(str(node), lang)  # the site's own strings are in the page language
        if ui_name:
            return Value(ui_name, iri=str(node))
        named = _text(graph, node, FOAF.name, *LABEL_PREDICATES, lang=lang)
        if named.text:
            return Value(named.text, iri=str(node), lang=named.lang)
        return Value(label(graph, node, lang, base=base), iri=str(node))

    facts = []
    if dataset is not None:
        for key, predicate in (
            ("publisher", DCTERMS.publisher),
            ("licence", DCTERMS.license),
            ("theme", DCAT.theme),
            ("spatial", DCTERMS.spatial),
            ("data_language", DCTERMS.language),
        ):
            facts += [(key, link(o)) for o in sorted(graph.objects(dataset, predicate))]
        for period in graph.objects(dataset, DCTERMS.temporal):
            start, end = graph.value(period, DCAT.startDate), graph.value(period, DCAT.endDate)
            facts.append(("temporal", Value(f"{start} – {end}")))
    stats = tuple(
        (name, int(value))
        for name, predicate in (
            ("triples", VOID.triples),
            ("entities", VOID.entities),
            ("classes_n", VOID.classes),
            ("properties_n", VOID.properties),
        )
        if dataset is not None and (value := graph.value(dataset, predicate)) is not None
    )
    distributions = sorted(graph.objects(dataset, DCAT.distribution)) if dataset else []
    services = sorted(graph.subjects(RDF.type, DCAT.DataService))
    return CatalogView(
        title=_text(graph, catalog, DCTERMS.title, lang=lang) if catalog else NO_TEXT,
        description=_text(graph, catalog, DCTERMS.description, lang=lang) if catalog else NO_TEXT,
        dataset=link(dataset) if dataset is not None else None,
        dataset_title=_text(graph, dataset, DCTERMS.title, lang=lang) if dataset else NO_TEXT,
        dataset_description=(
            _text(graph, dataset, DCTERMS.description, lang=lang) if dataset else NO_TEXT
        ),
        keywords=_keywords(graph, dataset, lang) if dataset else (),
        facts=tuple(facts),
        stats=stats,
        distributions=tuple(_distribution(graph, d, lang) for d in distributions),
        services=tuple(
            (_text(graph, s, DCTERMS.title, lang=lang), str(graph.value(s, DCAT.endpointURL) or ""))
            for s in services
        ),
    )
