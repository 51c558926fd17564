"""The DCAT-AP catalog at /catalog (negotiated or by extension) and the VoID well-known URI.

/.well-known/void (VoID §7.2, https://www.w3.org/TR/void/#well-known) answers with the same
description, since the catalog carries the VoID statistics of the dataset.
"""

from __future__ import annotations

from flask import Blueprint, Response
from rdflib import Graph, URIRef

from sister_graph.rdf.formats import HTML, TURTLE, content_type
from sister_graph.rdf.namespaces import DCTERMS
from sister_graph.views.catalog import build_catalog_view
from sister_graph.views.page_queries import is_safe_iri, resource_query, same_as_labels_query
from sister_graph.web.context import current_config
from sister_graph.web.documents import (
    EXTENSIONS,
    mark_negotiated,
    rdf_response,
    requested,
    unknown_extension,
)
from sister_graph.web.downloads import published_files
from sister_graph.web.graph_access import read_catalog, read_catalog_turtle, read_graph
from sister_graph.web.site import current_lang, local_path, render_page

bp = Blueprint("catalog", __name__)


def _alternates() -> list[dict]:
    return [
        {
            "type": f.media_type,
            "href": local_path(f"catalog.{f.extension}"),
            "name": f.name,
            "ext": f.extension,
        }
        for f in EXTENSIONS.values()
        if f is not HTML
    ]


def _with_labels(catalog: Graph) -> Graph:
    """Add the graph's own labels of the things the catalog names (publisher, places).

    A place named by its GeoNames IRI (dct:spatial) gets the labels of the city that is
    owl:sameAs it, so a Serbian page says "Beljak" / "Бељак" where GeoNames says "Villach".
    """
    config = current_config()
    named = {o for o in catalog.objects() if isinstance(o, URIRef) and is_safe_iri(str(o))}
    own = [o for o in named if str(o).startswith(config.base + "id/")]
    merged = Graph()
    merged += catalog
    for node in sorted(own):
        merged += read_graph(resource_query(str(node), base=config.base))
    places = sorted(str(o) for o in catalog.objects(None, DCTERMS.spatial) if o in named)
    if places:
        merged += read_graph(same_as_labels_query(places, base=config.base))
    return merged


@bp.get("/catalog", defaults={"ext": None})
@bp.get("/catalog.<ext>")
def catalog(ext: str | None):
    """Describe the catalog, its dataset, distributions and SPARQL service (DCAT-AP 3 + VoID)."""
    if ext is not None and ext not in EXTENSIONS:
        raise unknown_extension(ext)
    fmt = requested(None if ext is None else EXTENSIONS[ext])
    config, graph = current_config(), read_catalog()
    if fmt is HTML:
        view = build_catalog_view(_with_labels(graph), base=config.base, lang=current_lang())
        response = render_page(
            "catalog.html", view=view, files=published_files(), alternates=_alternates()
        )
    elif fmt is TURTLE:  # the published file itself, byte for byte
        response = Response(read_catalog_turtle(), content_type=content_type(TURTLE))
    else:
        response = rdf_response(graph, fmt, base=config.base)
    if ext is None:
        mark_negotiated(response, fmt, location=local_path(f"catalog.{fmt.extension}"))
    return response


@bp.get("/.well-known/void")
def well_known_void():
    """Answer the VoID well-known URI with the catalog (it holds the VoID description)."""
    response = catalog(None)
    response.headers["Link"] = f'<{local_path("catalog")}>; rel="describedby"'
    return response
