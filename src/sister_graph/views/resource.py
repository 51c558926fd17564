"""The page model of one resource (pure functions over rdflib graphs).

The page shows what a reader needs beside the thing's own triples: labels of linked
resources, the triples that point at the thing, and the verbatim source line it cites. The
RDF document a thing's /doc/ address serves is views/description.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rdflib import BNode, Graph, Literal, URIRef

from sister_graph.rdf.langtags import canonical_lang
from sister_graph.rdf.namespaces import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    prefixes_for,
    sg_namespace,
)
from sister_graph.views.i18n import pick_literal, term_label
from sister_graph.views.i18n import text as ui_words

LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel, SCHEMA.name)
SCHEMA_TYPES = {
    "https://schema.org/City": "City",
    "https://schema.org/Organization": "Organization",
    "http://www.w3.org/2004/02/skos/core#Concept": "DefinedTerm",
    "http://www.w3.org/2004/02/skos/core#ConceptScheme": "DefinedTermSet",
    "http://www.w3.org/ns/dcat#Dataset": "Dataset",
    "http://www.w3.org/ns/dcat#Distribution": "DataDownload",
    "http://www.w3.org/ns/dcat#Catalog": "DataCatalog",
    "http://www.w3.org/ns/dcat#DataService": "WebAPI",
}


@dataclass(frozen=True)
class Value:
    """One object of a property: a link (IRI or blank node) or a literal."""

    text: str
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None


@dataclass(frozen=True)
class Row:
    """A property (with its label) and its values."""

    predicate: Value
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Quote:
    """The verbatim line of the source page a resource cites."""

    text: str
    line: int | None
    page: str | None
    lang: str = ""


@dataclass(frozen=True)
class Source:
    """One page that states the resource: its line, verbatim text and what it states."""

    page: str
    title: str
    line: int | None
    text: str
    lang: str
    stated: tuple[Row, ...] = ()
    title_lang: str = ""


@dataclass(frozen=True)
class ResourceView:
    """Everything the page of one resource shows."""

    iri: str
    title: str
    types: tuple[Value, ...]
    rows: tuple[Row, ...]
    incoming: tuple[Row, ...]
    quote: Quote | None
    comment: str | None
    jsonld: dict = field(default_factory=dict)
    sources: tuple[Source, ...] = ()


def compact(iri: str, base: str) -> str:
    """Return a prefixed name for an IRI when a project prefix covers it, else the IRI.

    >>> compact("http://www.w3.org/2000/01/rdf-schema#label", "https://x.org/")
    'rdfs:label'
    """
    best = ("", "")
    for prefix, namespace in prefixes_for(base).items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best[1]) and iri[len(ns) :]:
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]) :]}" if best[0] else iri


def external_label(iri: str) -> str | None:
    """Name well-known outside identifiers (Wikidata, GeoNames) readably."""
    for prefix, name in (
        ("http://www.wikidata.org/entity/", "Wikidata"),
        ("https://sws.geonames.org/", "GeoNames"),
    ):
        if iri.startswith(prefix):
            return f"{name} {iri[len(prefix) :].strip('/')}"
    return None


def literal_lang(node) -> str:
    """Return a literal's language tag in conventional case ('sr-Latn'), else ''."""
    language = getattr(node, "language", None)
    return canonical_lang(language) if language else ""


def label(graph: Graph, node, lang: str, *, base: str) -> str:
    """Return the best label of a node in the language (graph labels, then built-in, then name)."""
    literal = pick_literal(
        [o for p in LABEL_PREDICATES for o in graph.objects(node, p) if isinstance(o, Literal)],
        lang,
    )
    if literal is not None:
        return str(literal)
    if isinstance(node, BNode):
        parts = [
            f"{label(graph, p, lang, base=base)}: {label(graph, o, lang, base=base)}"
            for p, o in sorted(graph.predicate_objects(node))
            if p != RDF.type
        ]
        return "; ".join(parts) or "…"
    if isinstance(node, Literal):
        return str(node)
    iri = str(node)
    return term_label(iri, lang) or external_label(iri) or compact(iri, base)


def _value(graph: Graph, node, lang: str, base: str) -> Value:
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else None
        return Value(str(node), lang=node.language, datatype=datatype)
    if isinstance(node, BNode):
        return Value(label(graph, node, lang, base=base))
    return Value(label(graph, node, lang, base=base), iri=str(node))


def _rows(graph, pairs, lang: str, base: str) -> tuple[Row, ...]:
    grouped: dict = {}
    for predicate, node in pairs:
        grouped.setdefault(predicate, []).append(node)
    rows = []
    for predicate, nodes in grouped.items():
        values = sorted({_value(graph, n, lang, base) for n in nodes}, key=lambda v: v.text.lower())
        rows.append(
            Row(Value(label(graph, predicate, lang, base=base), str(predicate)), tuple(values))
        )
    first = {str(RDF.type): 0, str(RDFS.label): 1, str(SCHEMA.name): 2, str(SKOS.prefLabel): 3}
    return tuple(sorted(rows, key=lambda r: (first.get(r.predicate.iri, 9), r.predicate.text)))


def _quote(graph: Graph, node: URIRef, base: str) -> Quote | None:
    sg = sg_namespace(base)
    text = graph.value(node, sg.sourceText)
    if text is None:
        return None
    line = graph.value(node, sg.sourceLine)
    # a thing names its page with dct:source, a citation with prov:entity
    page = graph.value(node, DCTERMS.source) or graph.value(node, PROV.entity)
    return Quote(
        str(text),
        int(line) if line is not None else None,
        str(page) if page else None,
        getattr(text, "language", None) or "",
    )


def _jsonld(graph: Graph, node: URIRef, view_title: str, lang: str) -> dict:
    kinds = [SCHEMA_TYPES[str(t)] for t in graph.objects(node, RDF.type) if str(t) in SCHEMA_TYPES]
    data: dict = {"@context": "https://schema.org", "@type": kinds[0] if kinds else "Thing"}
    data.update({"@id": str(node), "name": view_title, "inLanguage": lang})
    same = sorted(str(o) for o in graph.objects(node, OWL.sameAs))
    if same:
        data["sameAs"] = same
    lat, long = (
        graph.value(node, URIRef(f"http://www.w3.org/2003/01/geo/wgs84_pos#{k}"))
        for k in ("lat", "long")
    )
    if lat is not None and long is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(lat), "longitude": float(long)}
    address = graph.value(node, SCHEMA.address)
    country = graph.value(address, SCHEMA.addressCountry) if address is not None else None
    if country is not None:
        data["address"] = {"@type": "PostalAddress", "addressCountry": str(country)}
    return data


def build_resource_view(graph: Graph, iri: str, *, base: str, lang: str) -> ResourceView:
    """Build the page model of a resource from its neighbourhood graph."""
    node = URIRef(iri)
    title = _citation_title(graph, node, lang, base) or label(graph, node, lang, base=base)
    outgoing = [(p, o) for _, p, o in graph.triples((node, None, None))]
    incoming = [(p, s) for s, p, _ in graph.triples((None, None, node)) if s != node]
    types = tuple(_value(graph, t, lang, base) for t in sorted(graph.objects(node, RDF.type)))
    comments = [o for o in graph.objects(node, RDFS.comment) if isinstance(o, Literal)]
    comment = pick_literal(comments, lang)
    return ResourceView(
        iri=iri,
        title=title,
        types=types,
        rows=_rows(graph, outgoing, lang, base),
        incoming=_rows(graph, incoming, lang, base),
        quote=_quote(graph, node, base),
        comment=str(comment) if comment is not None else None,
        jsonld=_jsonld(graph, node, title, lang),
        sources=_sources(graph, node, lang, base),
    )


def _citation_title(graph: Graph, node: URIRef, lang: str, base: str) -> str | None:
    """A citation's title in words, as it has no label of its own: what it cites, and from
    which host (and line of the page): "Navod: Grac (www.banjaluka.rs.ba, red 32)",
    "Navod iz registra: Grac (sws.geonames.org)". None for anything else."""
    sg = sg_namespace(base)
    if any(isinstance(o, Literal) for p in LABEL_PREDICATES for o in graph.objects(node, p)):
        return None
    page = graph.value(node, PROV.entity)
    for citing, key in (
        (PROV.qualifiedDerivation, "citation_title"),
        (sg.registryCitation, "registry_citation_title"),
    ):
        cited = sorted(graph.subjects(citing, node))
        if cited and page is not None:
            line = graph.value(node, sg.sourceLine)
            return ui_words(key, lang).format(
                thing=label(graph, cited[0], lang, base=base),
                host=urlsplit(str(page)).hostname or str(page),
                line=line if line is not None else "–",
            )
    return None


def _sources(graph: Graph, node: URIRef, lang: str, base: str) -> tuple[Source, ...]:
    """Every citation of the node (prov:qualifiedDerivation), one per page, by page."""
    sg = sg_namespace(base)
    shown = {PROV.entity, sg.sourceLine, sg.sourceText, sg.pageForm, RDF.type}
    found = []
    for derivation in graph.objects(node, PROV.qualifiedDerivation):
        page = graph.value(derivation, PROV.entity)
        text = graph.value(derivation, sg.sourceText)
        if page is None or text is None:
            continue
        line = graph.value(derivation, sg.sourceLine)
        title = pick_literal(list(graph.objects(page, DCTERMS.title)), lang)
        stated = [(p, o) for p, o in graph.predicate_objects(derivation) if p not in shown]
        found.append(
            Source(
                page=str(page),
                title=str(title) if title is not None else str(page),
                line=int(line) if line is not None else None,
                text=str(text),
                lang=canonical_lang(text.language) if text.language else "",
                stated=_rows(graph, stated, lang, base),
                title_lang=literal_lang(title),
            )
        )
    return tuple(sorted(found, key=lambda s: (s.page, s.line or 0)))
