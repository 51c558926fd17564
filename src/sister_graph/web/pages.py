"""Linked-data pages: home, things (/id/ → 303 → /doc/), their documents, and the ontology.

URI scheme (W3C "Cool URIs for the Semantic Web", §4.3 303 URIs forwarding to documents):
  /id/<kind>/<slug>            the thing; 303 See Other to /doc/<kind>/<slug>.<ext> chosen by Accept
  /doc/<kind>/<slug>           its description, negotiated (Vary: Accept, Content-Location)
  /doc/<kind>/<slug>.<ext>     its description in one format: ttl, jsonld, nt, rdf, html
  /ontology[.<ext>]            the vocabulary (hash terms: /ontology#Term), negotiated or fixed
"""

from __future__ import annotations

from flask import Blueprint, Response, redirect, url_for
from rdflib import Graph, URIRef

from sister_graph.build.catalog import dataset_iri
from sister_graph.errors import NotFound
from sister_graph.rdf.formats import HTML, RDF_FORMATS, TURTLE, Format
from sister_graph.views import charts, i18n
from sister_graph.views.description import document_description
from sister_graph.views.overview import build_overview, to_schema_dataset
from sister_graph.views.page_queries import (
    is_safe_iri,
    ontology_query,
    overview_query,
    resource_query,
)
from sister_graph.views.resource import build_resource_view
from sister_graph.views.vocabulary import build_vocabulary
from sister_graph.web.context import current_config, current_store
from sister_graph.web.documents import (
    EXTENSIONS,
    mark_negotiated,
    negotiated,
    rdf_response,
    requested,
    split_extension,
    unknown_extension,
)
from sister_graph.web.downloads import published_files
from sister_graph.web.error_pages import graph_suggestions, render_error
from sister_graph.web.graph_access import read_catalog, read_graph
from sister_graph.web.site import (
    absolute,
    add_security_headers,
    current_lang,
    href,
    local_path,
    render_page,
    with_query_string,
)

bp = Blueprint("pages", __name__)
bp.after_app_request(add_security_headers)


def _alternates(stem: str) -> list[dict]:
    return [
        {
            "type": f.media_type,
            "href": local_path(f"{stem}.{f.extension}"),
            "name": f.name,
            "ext": f.extension,
        }
        for f in RDF_FORMATS
    ]


@bp.get("/publisher/<slug>")
def publisher(slug: str):
    """Show one publisher: its page, its partners on a timeline and a map, its memberships."""
    config, lang = current_config(), current_lang()
    iri = f"{config.base}id/city/{slug}"
    if not is_safe_iri(iri):
        raise NotFound(f"no publisher {slug!r}")
    overview = build_overview(
        read_graph(overview_query(base=config.base, publisher=iri)), base=config.base, lang=lang
    )
    if overview.page is None:
        raise NotFound(f"no publisher {slug!r}; the publishers are listed on the home page")
    shared = i18n.text("shared", lang)
    charts_kw = {"href": href, "shared_text": shared}
    timeline = charts.to_timeline_svg(
        overview.partners, title=i18n.text("timeline", lang), css_class="wide", **charts_kw
    )
    timeline_narrow = charts.to_timeline_svg(
        overview.partners,
        title=i18n.text("timeline", lang),
        vertical=True,
        css_class="narrow",
        **charts_kw,
    )
    map_title = i18n.text("map", lang)
    map_svg = charts.to_map_svg(
        overview.home, overview.partners, title=map_title, css_class="wide", **charts_kw
    )
    map_narrow = charts.to_map_svg(
        overview.home,
        overview.partners,
        title=map_title,
        width=300.0,
        font=13.0,
        css_class="narrow",
        **charts_kw,
    )
    files = published_files()
    jsonld = to_schema_dataset(
        overview,
        name=f"{i18n.text('site', lang)} · {overview.home.label if overview.home else ''}",
        description=i18n.text("intro", lang),
        downloads=[(absolute(f"download/{f.name}"), f.media_type) for f in files],
    )
    return render_page(
        "home.html",
        jsonld=jsonld,
        overview=overview,
        timeline=timeline,
        timeline_narrow=timeline_narrow,
        map_svg=map_svg,
        map_narrow=map_narrow,
        triples=current_store().triples,
        files=files,
        alternates=[
            {"type": TURTLE.media_type, "href": local_path("catalog.ttl"), "name": "catalog"}
        ],
    )


def _neighbourhood(iri: str) -> Graph:
    """Return the thing's graph from the store, else from the published catalog; 404 if neither."""
    node = URIRef(iri)
    if not is_safe_iri(iri):
        raise NotFound(f"the graph names nothing at {iri}")
    graph = read_graph(resource_query(iri, base=current_config().base))
    if (node, None, None) in graph:
        return graph
    catalog = read_catalog()
    if (node, None, None) in catalog:
        return catalog
    raise _not_found(iri)


def _not_found(iri: str) -> NotFound:
    """Build a 404 that names the IRI and suggests the things named closest to it."""
    suggestions = graph_suggestions(iri)
    err = NotFound(
        f"the graph names nothing at {iri}",
        problems=[s for s, _ in suggestions],
        suggestions=suggestions,
    )
    err.iri = iri
    return err


def render_not_found(err: NotFound) -> Response:
    """Render the styled 404 page for browsers; others get the app's JSON or plain-text error."""
    if negotiated() is not HTML:
        raise err
    return render_error(err)


@bp.route("/id/<path:rest>", methods=["GET", "HEAD"])
def thing(rest: str):
    """Redirect (303 See Other) from a thing to the document that describes it."""
    stem, fmt = split_extension(rest)
    try:
        fmt = requested(fmt)
        _neighbourhood(current_config().base + "id/" + stem)
    except NotFound as err:
        return render_not_found(_unknown_extension(rest) or err)
    target = with_query_string(url_for("pages.document", rest=f"{stem}.{fmt.extension}"))
    response = redirect(target, code=303)
    response.headers["Vary"] = "Accept"
    return response


def _unknown_extension(rest: str) -> NotFound | None:
    """The 404 of a known thing asked for with an extension no format has (as on /catalog).

    The extension is all after the first dot of the last segment (`graz.ttl.ttl`: `ttl.ttl`);
    None when there is none or the part before it names nothing.
    """
    head, slash, last = rest.rpartition("/")
    name, dot, ext = last.partition(".")
    stem = head + slash + name
    if not dot or not name or not is_safe_iri(current_config().base + "id/" + stem):
        return None
    try:
        _neighbourhood(current_config().base + "id/" + stem)
    except NotFound:
        return None
    return unknown_extension(ext)


@bp.route("/doc/<path:rest>", methods=["GET", "HEAD"])
def document(rest: str):
    """Describe a thing: HTML page or RDF, by extension or by content negotiation."""
    stem, fixed = split_extension(rest)
    config = current_config()
    iri = config.base + "id/" + stem
    try:
        fmt = requested(fixed)
        graph = _neighbourhood(iri)
    except NotFound as err:
        return render_not_found(_unknown_extension(rest) or err)
    response = _render(graph, iri, fmt, doc_stem=f"doc/{stem}")
    if fixed is None:
        mark_negotiated(response, fmt, location=local_path(f"doc/{stem}.{fmt.extension}"))
    return response


def _render(graph: Graph, iri: str, fmt: Format, *, doc_stem: str) -> Response:
    config = current_config()
    if fmt is not HTML:
        document = document_description(
            graph,
            iri,
            document=config.base + doc_stem,
            dataset=str(dataset_iri(config.base)),
            license=config.license,
        )
        return rdf_response(document, fmt, base=config.base)
    view = build_resource_view(graph, iri, base=config.base, lang=current_lang())
    return render_page(
        "resource.html", view=view, jsonld=view.jsonld, alternates=_alternates(doc_stem)
    )


@bp.get("/ontology", defaults={"ext": None})
@bp.get("/ontology.<ext>")
def ontology(ext: str | None):
    """Describe the vocabulary: an HTML page of its terms, or its triples."""
    config = current_config()
    fixed = None if ext is None else EXTENSIONS.get(ext)
    if ext is not None and fixed is None:
        raise unknown_extension(ext)
    fmt = requested(fixed)
    graph = read_graph(ontology_query(base=config.base))
    if fmt is HTML:
        vocabulary = build_vocabulary(graph, base=config.base, lang=current_lang())
        response = render_page(
            "ontology.html", vocabulary=vocabulary, alternates=_alternates("ontology")
        )
    else:
        response = rdf_response(graph, fmt, base=config.base)
    if fixed is None:
        mark_negotiated(response, fmt, location=local_path(f"ontology.{fmt.extension}"))
    return response
